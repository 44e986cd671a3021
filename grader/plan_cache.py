"""Plan stage, students' distribution: the public cases' plans kept on disk between runs.

In the students' wheel conv_numpy's reference is PyTorch's, and importing torch costs more than
grading the notebook. A student who runs `grade` again reuses the first run's public plans:
inputs and expected outputs as .npz arrays plus JSON, never pickles, under a key made of
everything they depend on (the grader's version, the rubric, lock and public reference bytes
through `rubric_sha256`, numpy's and torch's versions). Hidden (practice) cases are drawn per
submission and never kept: no expected output of one lies on disk. Only in the public mode: on
a TA's machine a kernel under weak isolation could write there, and nothing may let one
notebook change another's expected values.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from grader import __version__
from grader.plan import CheckPlan
from grader.rubric import Assignment


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/cnn-grader/plans` (default ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cnn-grader" / "plans"


def cacheable(assignment: Assignment) -> bool:
    """Only the students' own plans, and only of function checks (the others need no torch)."""
    return assignment.references == "public" and all(g.kind == "function" for g in assignment.graded)


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def key(assignment: Assignment) -> str:
    parts = [__version__, assignment.name, assignment.rubric_sha256, "public", _version("numpy"), _version("torch")]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def save(folder: Path, name: str, plans: list[CheckPlan]) -> None:
    """Write the plans as `name`.json and `name`.npz, each replaced atomically; public ones only."""
    if not all(plan.public for plan in plans):
        raise ValueError("a hidden case's plan is never kept on disk")
    folder.mkdir(parents=True, exist_ok=True)
    arrays, described = {}, []
    for i, plan in enumerate(plans):
        inputs = {n: v for n, v in plan.inputs.items() if not isinstance(v, np.ndarray)}
        arrays |= {f"{i}/in/{n}": v for n, v in plan.inputs.items() if isinstance(v, np.ndarray)}
        arrays |= {f"{i}/ex/{n}": np.asarray(v) for n, v in plan.expected.items()}
        described.append({"check_id": plan.check_id, "graded": plan.graded.name, "points": plan.points,
                          "public": plan.public, "request": plan.request, "inputs": inputs,
                          "array_inputs": [n for n, v in plan.inputs.items() if isinstance(v, np.ndarray)],
                          "outputs": list(plan.outputs), "expected": list(plan.expected)})
    for suffix, write in ((".npz", lambda f: np.savez(f, **arrays)),
                          (".json", lambda f: f.write(json.dumps(described).encode()))):
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=suffix)
        with os.fdopen(handle, "wb") as f:
            write(f)
        os.replace(temporary, folder / f"{name}{suffix}")


def load(folder: Path, name: str, assignment: Assignment) -> list[CheckPlan] | None:
    """The plans saved under `name`, or None when they are absent or do not fit."""
    try:
        described = json.loads((folder / f"{name}.json").read_text())
        with np.load(folder / f"{name}.npz", allow_pickle=False) as stored:
            arrays = {k: stored[k] for k in stored.files}
        graded = {g.name: g for g in assignment.graded}
        return [CheckPlan(d["check_id"], graded[d["graded"]], d["points"], d["public"], d["request"],
                          d["inputs"] | {n: arrays[f"{i}/in/{n}"] for n in d["array_inputs"]},
                          tuple(d["outputs"]), {n: arrays[f"{i}/ex/{n}"] for n in d["expected"]})
                for i, d in enumerate(described)]
    except (OSError, ValueError, KeyError, TypeError):
        return None
