"""Probe stage: send one check's inputs into the student's kernel and read back what came out.

The inputs are written as .npy/.json files only now, after the student's cells have run, so
no student code could see them earlier; outputs come back as plain data (see readback).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from grader.execute import CellRun, KernelSession
from grader.paths import KERNEL_HARNESS, MODEL_HARNESS
from grader.plan import CheckPlan
from grader.readback import UnsafeOutput, open_folder, read_array, read_json

_HARNESS = KERNEL_HARNESS.read_text(encoding="utf-8")
HARNESS_SOURCES = {
    "call": _HARNESS,
    "variable": _HARNESS,
    # the model probe needs torch, so only model checks send it (conv_numpy never imports torch)
    "model": _HARNESS + "\n" + MODEL_HARNESS.read_text(encoding="utf-8"),
}


@dataclass(frozen=True)
class ProbeOutcome:
    """What one probe call produced: arrays by returned name, or a problem the kernel reported."""

    kind: str
    """"ok", or the problem: missing, not_callable, raised, arity, type, timeout, died, unsafe,
    harness (the probe cell itself failed)."""
    outputs: Mapping[str, np.ndarray] = field(default_factory=dict)
    detail: Mapping[str, Any] = field(default_factory=dict)
    """The kernel's report: function, stage, ename, evalue, traceback, got, expected, dtypes."""


def _write_request(request_dir: Path, plan: CheckPlan, owner: int) -> None:
    """Inputs readable by the kernel, `outputs/` the only place it may write."""
    request_dir.chmod(0o755)
    (request_dir / "inputs").mkdir(mode=0o755)
    (request_dir / "outputs").mkdir(mode=0o700)
    if owner >= 0:
        os.chown(request_dir / "outputs", owner, owner)
    kinds = {}
    for name, value in plan.inputs.items():
        if isinstance(value, np.ndarray):
            np.save(request_dir / "inputs" / f"{name}.npy", value, allow_pickle=False)
            kinds[name] = "array"
        else:
            (request_dir / "inputs" / f"{name}.json").write_text(json.dumps(value))
            kinds[name] = "json"
    request = dict(plan.request) | {"inputs": kinds}
    (request_dir / "request.json").write_text(json.dumps(request))


def probe_source(request_dir: Path, kind: str) -> str:
    """The cell that runs the harness in its own namespace against the student's globals."""
    return (
        "__cnn_grader = {'__name__': '__cnn_grader__'}\n"
        f"exec(compile({HARNESS_SOURCES[kind]!r}, '<cnn-grader harness>', 'exec'), __cnn_grader)\n"
        f"__cnn_grader['run']({str(request_dir)!r}, globals())\n"
        "del __cnn_grader\n"
    )


def _read_outputs(outputs_fd: int, plan: CheckPlan) -> ProbeOutcome:
    """Read response.json and the output arrays through the outputs folder's descriptor."""
    try:
        response = read_json("response.json", dir_fd=outputs_fd)
        if not isinstance(response, dict) or not isinstance(response.get("kind"), str):
            raise UnsafeOutput("response.json is not what the harness writes")
        if response["kind"] != "ok":
            return ProbeOutcome(response["kind"], {}, response)
        outputs = {name: read_array(f"{name}.npy", dir_fd=outputs_fd) for name in plan.outputs}
    except UnsafeOutput as exc:
        return ProbeOutcome("unsafe", {}, {"reason": exc.message, "function": plan.graded.name})
    return ProbeOutcome("ok", outputs, response)


async def run_probe(session: KernelSession, plan: CheckPlan, timeout: float) -> ProbeOutcome:
    """Call the student's code for one check inside the live kernel.

    Each probe gets a fresh folder with an unguessable name; its `outputs/` is held open by
    descriptor while the kernel runs, so what is read back comes from that very folder.
    """
    request_dir = Path(tempfile.mkdtemp(prefix="probe-", dir=session.scratch))
    _write_request(request_dir, plan, session.sandbox.kernel_uid(session.scratch))
    outputs_fd = open_folder(request_dir / "outputs")
    try:
        run: CellRun = await session.run(-1, probe_source(request_dir, plan.request["kind"]), timeout)
        if run.status in ("timeout", "died", "output_limit"):
            return ProbeOutcome(run.status, {}, {"function": plan.graded.name})
        if run.status == "error":
            return ProbeOutcome("harness", {}, {"ename": run.ename, "evalue": run.evalue, "function": plan.graded.name})
        return _read_outputs(outputs_fd, plan)
    finally:
        os.close(outputs_fd)
