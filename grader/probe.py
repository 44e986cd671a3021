"""Probe stage: send checks' inputs into the student's kernel and read back what came out.

The inputs are written (inputs.npz, requests.json) only now, after the student's cells have
run, so no student code could see them earlier, into a folder the kernel can read and not
change; outputs come back as plain data (see readback).
One cell runs a whole batch of cases, in order, with the harness compiled once for all of them.
Each case keeps its own time limit: a watcher sees each response as the harness writes it and
kills the kernel when a case overruns, so a hang or a crash is charged to the case that caused it.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from time import monotonic
from typing import Any, Mapping, Sequence

import numpy as np

from grader.execute import CellRun, KernelSession
from grader.paths import KERAS_HARNESS, KERNEL_HARNESS, MODEL_HARNESS, SUMMARY_HARNESS
from grader.messages import say
from grader.plan import CheckPlan
from grader.readback import MAX_ARRAY_BYTES, ReadBudget, UnsafeOutput, read_array, read_json
from grader.workspace import Workspace, write_new

PARTS = {"harness": KERNEL_HARNESS.read_text(encoding="utf-8"),
         "model": MODEL_HARNESS.read_text(encoding="utf-8"),
         "keras": KERAS_HARNESS.read_text(encoding="utf-8"),
         "summary": SUMMARY_HARNESS.read_text(encoding="utf-8")}
PARTS_OF_KIND = {"call": ("harness",), "variable": ("harness",), "model": ("harness", "model"),
                 "keras": ("harness", "keras"), "summary": ("harness", "model", "keras", "summary")}
"""The model part needs torch, so only model checks send it (conv_numpy never imports torch)."""
POLL_SECONDS = 0.05
"""How often the watcher looks for the running case's response."""
MIN_OUTPUT_CAP = 1024 * 1024
OUTPUT_CAP_FACTOR = 16
"""An output may be up to this many times its expected array's size (at least 1 MiB)."""


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
    """Cases sent into the kernel together: their inputs folder (the grader's) and outputs
    folder (the kernel's), the latter held open by descriptor (case i's files there are
    `i.response.json` and `i.<output>.npy`)."""

    plans: Sequence[CheckPlan]
    folder: Path
    outputs: Path
    outputs_fd: int


def write_batch(workspace: Workspace, plans: Sequence[CheckPlan]) -> Batch:
    """requests.json and inputs.npz in a new folder of the grader's, which the kernel reads and
    cannot change; a new outputs folder, the only place the kernel may write, opened now. The
    caller closes `outputs_fd`."""
    requests, arrays = [], {}
    for i, plan in enumerate(plans):
        named = {n: v for n, v in plan.inputs.items() if isinstance(v, np.ndarray)}
        arrays |= {f"{i}.{n}": v for n, v in named.items()}
        values = {n: v for n, v in plan.inputs.items() if n not in named}
        requests.append(dict(plan.request) | {"arrays": list(named), "values": values})
    folder, outputs, outputs_fd = workspace.new_batch()
    if arrays:
        packed = io.BytesIO()
        np.savez(packed, **arrays)
        write_new(folder, "inputs.npz", packed.getvalue())
    write_new(folder, "requests.json", json.dumps(requests).encode())
    return Batch(tuple(plans), folder, outputs, outputs_fd)


def probe_source(batch: Batch) -> str:
    """The cell that defines the harness (the parts the plans need) in its own namespace and
    runs the batch against the student's globals."""
    needed = {p for plan in batch.plans for p in PARTS_OF_KIND[plan.request["kind"]]}
    harness = "\n".join(PARTS[p] for p in PARTS if p in needed)
    return (
        "__cnn_grader = {'__name__': '__cnn_grader__'}\n"
        f"exec(compile({harness!r}, '<cnn-grader harness>', 'exec'), __cnn_grader)\n"
        f"__cnn_grader['run_all']({str(batch.folder)!r}, {str(batch.outputs)!r}, globals())\n"
        "del __cnn_grader\n"
    )


def _answered(batch: Batch, i: int) -> bool:
    """Whether the harness has written case i's response (it does so as the case finishes)."""
    try:
        os.stat(f"{i}.response.json", dir_fd=batch.outputs_fd, follow_symlinks=False)
    except OSError:
        return False
    return True


def output_cap(plan: CheckPlan, name: str) -> int:
    """The most bytes read back for one output: a generous multiple of the expected array's
    size when the plan has one (a larger array is wrong anyway), else the read-back cap."""
    expected = plan.expected.get(name) if isinstance(plan.expected, Mapping) else None
    if isinstance(expected, np.ndarray):
        return min(MAX_ARRAY_BYTES, max(MIN_OUTPUT_CAP, OUTPUT_CAP_FACTOR * expected.nbytes))
    return MAX_ARRAY_BYTES


MAX_TRACEBACK_CHARS = 20000
MAX_TEXT_CHARS = 2000
"""What the harness keeps of a traceback (its end) and of any other text (its start): a report
the kernel forged is kept no longer (kernel_side/harness.py)."""


MAX_REPORT_DEPTH = 16
"""How deeply a report's fields nest at most (the harness's: 4); deeper ones are dropped."""


def clipped(value: Any, key: str = "", depth: int = 0) -> Any:
    """A kernel's report with every text cut to what the harness itself would write, and
    nothing nested deeper than MAX_REPORT_DEPTH (None in its place)."""
    if isinstance(value, str):
        return value[-MAX_TRACEBACK_CHARS:] if key == "traceback" else value[:MAX_TEXT_CHARS]
    if isinstance(value, (list, dict)) and depth >= MAX_REPORT_DEPTH:
        return None
    if isinstance(value, list):
        return [clipped(v, key, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: clipped(v, k, depth + 1) for k, v in value.items()}
    return value


def read_case(batch: Batch, i: int, budget: ReadBudget) -> ProbeOutcome:
    """Read case i's response and output arrays through the outputs folder's descriptor,
    charging what is read (a response: what parsing it may cost) to the submission's `budget`."""
    plan, outputs_fd = batch.plans[i], batch.outputs_fd
    try:
        response = clipped(read_json(f"{i}.response.json", dir_fd=outputs_fd, budget=budget))
        if not isinstance(response, dict) or not isinstance(response.get("kind"), str):
            raise UnsafeOutput(say("unsafe.response"))
        if response["kind"] != "ok":
            return ProbeOutcome(response["kind"], {}, response)
        outputs = {}
        for name in plan.outputs:
            outputs[name] = read_array(f"{i}.{name}.npy", min(output_cap(plan, name), budget.left), outputs_fd)
            budget.left -= outputs[name].nbytes
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


def batch_outcomes(batch: Batch, run: CellRun, overran: int | None,
                   budget: ReadBudget | None = None, memory_mib: int = 0) -> list[ProbeOutcome]:
    """The outcomes of the cases up to the one that stopped the cell (all of them if none did):
    a fault is charged to the first case without a response (the one running at the time).
    Cases are read one by one, within `budget` (default: a fresh one); `memory_mib` is the
    kernel's memory limit, named when the kernel was stopped for going past it."""
    count = len(batch.plans)
    budget = budget or ReadBudget()
    if overran is None and run.status == "ok":
        return [read_case(batch, i, budget) for i in range(count)]
    if overran is not None:
        stop, kind = overran, "timeout"
    else:
        stop = next((i for i in range(count) if not _answered(batch, i)), count - 1)
        kind = "harness" if run.status == "error" else run.status
    detail = {"function": batch.plans[stop].graded.name}
    if kind == "harness" or run.ename == "MemoryLimit":
        detail |= {"ename": run.ename, "evalue": run.evalue, "limit": memory_mib}
    return [read_case(batch, i, budget) for i in range(stop)] + [ProbeOutcome(kind, {}, detail)]


async def probe_batch(session: KernelSession, plans: Sequence[CheckPlan], timeout: float) -> list[ProbeOutcome]:
    """Call the student's code for `plans`, in order, in one cell of the live kernel; each call
    has `timeout` seconds. Returns the outcomes of the first plans, up to and including one whose
    call stopped the cell (timeout, died, output_limit, harness); the caller probes the rest
    again. The batch gets fresh folders (grader/workspace.py); what is read back comes from its
    outputs folder, held open by descriptor while the kernel runs."""
    batch = write_batch(session.workspace, plans)
    try:
        watcher = asyncio.create_task(_watch(session, batch, timeout))
        try:
            run = await session.run(-1, probe_source(batch), len(plans) * (timeout + 1),
                                    output_cells=len(plans))
        finally:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)
        overran = None if watcher.cancelled() else watcher.result()
        if overran is not None and session.alive:
            await session.stop()  # the cell ended just as the kill began: finish it
        return batch_outcomes(batch, run, overran, session.read_budget,
                              session.sandbox.limits.memory_bytes // (1024 * 1024))
    finally:
        os.close(batch.outputs_fd)
