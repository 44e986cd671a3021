"""Probe stage: send checks' inputs into the student's kernel and read back what came out.

The inputs are written (inputs.npz, requests.json) only now, after the student's cells have
run, so no student code could see them earlier; outputs come back as plain data (see readback).
One cell runs a whole batch of cases, in order, with the harness compiled once for all of them.
Each case keeps its own time limit: a watcher sees each response as the harness writes it and
kills the kernel when a case overruns, so a hang or a crash is charged to the case that caused it.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from time import monotonic
from typing import Any, Mapping, Sequence

import numpy as np

from grader.execute import CellRun, KernelSession
from grader.paths import KERAS_HARNESS, KERNEL_HARNESS, MODEL_HARNESS, SUMMARY_HARNESS
from grader.plan import CheckPlan
from grader.readback import UnsafeOutput, open_folder, read_array, read_json

PARTS = {"harness": KERNEL_HARNESS.read_text(encoding="utf-8"),
         "model": MODEL_HARNESS.read_text(encoding="utf-8"),
         "keras": KERAS_HARNESS.read_text(encoding="utf-8"),
         "summary": SUMMARY_HARNESS.read_text(encoding="utf-8")}
PARTS_OF_KIND = {"call": ("harness",), "variable": ("harness",), "model": ("harness", "model"),
                 "keras": ("harness", "keras"), "summary": ("harness", "model", "keras", "summary")}
"""The model part needs torch, so only model checks send it (conv_numpy never imports torch)."""
POLL_SECONDS = 0.05
"""How often the watcher looks for the running case's response."""


@dataclass(frozen=True)
class ProbeOutcome:
    """What one probe call produced: arrays by returned name, or a problem the kernel reported."""

    kind: str
    """"ok", or the problem: missing, not_callable, raised, arity, type, timeout, died, unsafe,
    harness (the probe cell itself failed)."""
    outputs: Mapping[str, np.ndarray] = field(default_factory=dict)
    detail: Mapping[str, Any] = field(default_factory=dict)
    """The kernel's report: function, stage, ename, evalue, traceback, got, expected, dtypes."""


@dataclass(frozen=True)
class Batch:
    """Cases sent into the kernel together: their folder, its `outputs/` held open by descriptor
    (case i's files there are `i.response.json` and `i.<output>.npy`)."""

    plans: Sequence[CheckPlan]
    folder: Path
    outputs_fd: int


def write_batch(folder: Path, plans: Sequence[CheckPlan], owner: int) -> Batch:
    """requests.json and inputs.npz readable by the kernel, `outputs/` the only place it may
    write (owned by `owner`, the kernel's uid, unless -1) and opened now; the caller closes
    `outputs_fd`."""
    folder.chmod(0o755)
    (folder / "outputs").mkdir(mode=0o700)
    if owner >= 0:
        os.chown(folder / "outputs", owner, owner)
    requests, arrays = [], {}
    for i, plan in enumerate(plans):
        named = {n: v for n, v in plan.inputs.items() if isinstance(v, np.ndarray)}
        arrays |= {f"{i}.{n}": v for n, v in named.items()}
        values = {n: v for n, v in plan.inputs.items() if n not in named}
        requests.append(dict(plan.request) | {"arrays": list(named), "values": values})
    if arrays:
        np.savez(folder / "inputs.npz", **arrays)
    (folder / "requests.json").write_text(json.dumps(requests))
    return Batch(tuple(plans), folder, open_folder(folder / "outputs"))


def probe_source(folder: Path, plans: Sequence[CheckPlan]) -> str:
    """The cell that defines the harness (the parts the plans need) in its own namespace and
    runs the batch in `folder` against the student's globals."""
    needed = {p for plan in plans for p in PARTS_OF_KIND[plan.request["kind"]]}
    harness = "\n".join(PARTS[p] for p in PARTS if p in needed)
    return (
        "__cnn_grader = {'__name__': '__cnn_grader__'}\n"
        f"exec(compile({harness!r}, '<cnn-grader harness>', 'exec'), __cnn_grader)\n"
        f"__cnn_grader['run_all']({str(folder)!r}, globals())\n"
        "del __cnn_grader\n"
    )


def _answered(batch: Batch, i: int) -> bool:
    """Whether the harness has written case i's response (it does so as the case finishes)."""
    try:
        os.stat(f"{i}.response.json", dir_fd=batch.outputs_fd, follow_symlinks=False)
    except OSError:
        return False
    return True


def read_case(batch: Batch, i: int) -> ProbeOutcome:
    """Read case i's response and output arrays through the outputs folder's descriptor."""
    plan, outputs_fd = batch.plans[i], batch.outputs_fd
    try:
        response = read_json(f"{i}.response.json", dir_fd=outputs_fd)
        if not isinstance(response, dict) or not isinstance(response.get("kind"), str):
            raise UnsafeOutput("response.json is not what the harness writes")
        if response["kind"] != "ok":
            return ProbeOutcome(response["kind"], {}, response)
        outputs = {name: read_array(f"{i}.{name}.npy", dir_fd=outputs_fd) for name in plan.outputs}
    except UnsafeOutput as exc:
        return ProbeOutcome("unsafe", {}, {"reason": exc.message, "function": plan.graded.name})
    return ProbeOutcome("ok", outputs, response)


async def _watch(session: KernelSession, batch: Batch, timeout: float) -> int:
    """Give each case `timeout` seconds from the previous case's response (the first: from now);
    when one overruns, kill the kernel and return its index (the last case's, if the cell goes
    on after every case answered). Runs until cancelled otherwise."""
    count = len(batch.plans)
    answered, deadline = 0, monotonic() + timeout
    while True:
        await asyncio.sleep(POLL_SECONDS)
        while answered < count and _answered(batch, answered):
            answered, deadline = answered + 1, monotonic() + timeout
        if monotonic() > deadline:
            session.kill_running()
            return min(answered, count - 1)


def batch_outcomes(batch: Batch, run: CellRun, overran: int | None) -> list[ProbeOutcome]:
    """The outcomes of the cases up to the one that stopped the cell (all of them if none did):
    a fault is charged to the first case without a response (the one running at the time)."""
    count = len(batch.plans)
    if overran is None and run.status == "ok":
        return [read_case(batch, i) for i in range(count)]
    if overran is not None:
        stop, kind = overran, "timeout"
    else:
        stop = next((i for i in range(count) if not _answered(batch, i)), count - 1)
        kind = "harness" if run.status == "error" else run.status
    detail = {"function": batch.plans[stop].graded.name}
    if kind == "harness":
        detail |= {"ename": run.ename, "evalue": run.evalue}
    return [read_case(batch, i) for i in range(stop)] + [ProbeOutcome(kind, {}, detail)]


async def probe_batch(session: KernelSession, plans: Sequence[CheckPlan], timeout: float) -> list[ProbeOutcome]:
    """Call the student's code for `plans`, in order, in one cell of the live kernel; each call
    has `timeout` seconds. Returns the outcomes of the first plans, up to and including one whose
    call stopped the cell (timeout, died, output_limit, harness); the caller probes the rest
    again. The batch gets a fresh folder with an unguessable name; what is read back comes from
    its `outputs/`, held open by descriptor while the kernel runs."""
    folder = Path(tempfile.mkdtemp(prefix="probe-", dir=session.scratch))
    batch = write_batch(folder, plans, session.sandbox.kernel_uid(session.scratch))
    try:
        watcher = asyncio.create_task(_watch(session, batch, timeout))
        try:
            run = await session.run(-1, probe_source(folder, plans), len(plans) * (timeout + 1),
                                    output_cells=len(plans))
        finally:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)
        overran = None if watcher.cancelled() else watcher.result()
        if overran is not None and session.alive:
            await session.stop()  # the cell ended just as the kill began: finish it
        return batch_outcomes(batch, run, overran)
    finally:
        os.close(batch.outputs_fd)
