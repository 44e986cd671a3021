"""Case stage: turn a rubric case into concrete inputs; hidden ones drawn from the submission's seed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from grader.errors import RubricError
from grader.rubric import Case, Graded


@dataclass(frozen=True)
class ArraySpec:
    """How to draw one input array; `shape` None means "shaped like a reference output"."""

    kind: str
    shape: tuple[int, ...] | None
    seed: int | None
    start: float = 0.0
    stop: float = 1.0
    like: str = "out"


def check_id(graded: Graded, case: Case) -> str:
    """The check id of one case: `<graded name>/<case name>`."""
    return f"{graded.name}/{case.name}"


def parse_spec(value: Mapping[str, Any]) -> ArraySpec:
    shape = value.get("shape")
    return ArraySpec(
        kind=value["array"],
        shape=None if shape is None else tuple(int(n) for n in shape),
        seed=value.get("seed"),
        start=float(value.get("start", 0.0)),
        stop=float(value.get("stop", 1.0)),
        like=value.get("like", "out"),
    )


def is_array_spec(value: Any) -> bool:
    return isinstance(value, Mapping) and "array" in value


def case_rng(seed: int, graded_name: str, case_name: str, arg: str) -> np.random.Generator:
    """A generator that depends only on the seed and the argument's place, not on order."""
    digest = hashlib.sha256(f"{graded_name}/{case_name}/{arg}".encode()).digest()
    return np.random.default_rng([seed, int.from_bytes(digest[:8], "little")])


def draw(spec: ArraySpec, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """One float64 array of `shape` as the spec says."""
    size = int(np.prod(shape))
    if spec.kind == "normal":
        return rng.standard_normal(shape)
    if spec.kind == "distinct":
        # A permutation of evenly spaced values: no two equal, so max pooling has no ties.
        return (rng.permutation(size).reshape(shape) - size / 2) / size * 4.0
    if spec.kind == "linspace":
        return np.linspace(spec.start, spec.stop, num=size).reshape(shape)
    if spec.kind == "integers":
        # Whole numbers in [start, stop): many repeated values, so max pooling meets ties.
        return rng.integers(int(spec.start), int(spec.stop), size=shape).astype(np.float64)
    raise RubricError.of("rubric.unknown_array_kind", kind=repr(spec.kind))


def draw_input(spec: ArraySpec, shape: tuple[int, ...], seed: int, where: tuple[str, str, str]):
    """Draw an input; public specs carry their own seed, hidden ones use the submission's seed."""
    rng = np.random.default_rng(spec.seed) if spec.seed is not None else case_rng(seed, *where)
    return draw(spec, shape, rng)
