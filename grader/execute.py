"""Execute stage: run a notebook's cells in a fresh kernel that the grader starts itself.

The kernel is always the grader's own Python (never the notebook's kernelspec), runs in a
private scratch folder with a cleared environment, errors are allowed so one broken cell does
not stop the next, and each cell has a wall-clock limit enforced from the grader's side.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from time import monotonic

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from grader.errors import KernelFailure

KERNEL_NAME = "cnn-grader"
STARTUP_TIMEOUT = 90


@dataclass(frozen=True)
class CellRun:
    """What happened to one code cell (student's or probe)."""

    index: int
    status: str
    """"ok", "error" (it raised), "timeout", "died" (the kernel died), or "skipped"."""
    ename: str | None = None
    evalue: str | None = None
    traceback: str | None = None


class _GraderKernelSpecs(KernelSpecManager):
    """Knows one kernel: this Python's ipykernel, whatever the notebook asks for."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        return KernelSpec(argv=argv, display_name=KERNEL_NAME, language="python", env={})


class _ErrorsOnlyClient(NotebookClient):
    """Keeps only error outputs: printed text never piles up in the grader's memory."""

    def output(self, outs, msg, display_id, cell_index):
        if msg["msg_type"] == "error":
            return super().output(outs, msg, display_id, cell_index)
        self.printed_bytes = getattr(self, "printed_bytes", 0) + len(str(msg["content"]))
        return None


def kernel_environment(scratch: Path) -> dict[str, str]:
    """A cleared environment: nothing of the grader's own variables reaches student code."""
    bin_dir = str(Path(sys.executable).parent)
    return {
        "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(scratch),
        "TMPDIR": str(scratch),
        "LANG": "C.UTF-8",
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
        **{k: v for k, v in os.environ.items() if k.startswith("OPENBLAS_CORETYPE")},
    }


class KernelSession:
    """A live kernel for one submission: start, run cells, restart after a fault, stop."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.client: _ErrorsOnlyClient | None = None
        self.starts = 0

    async def start(self) -> None:
        km = AsyncKernelManager(kernel_spec_manager=_GraderKernelSpecs(), kernel_name=KERNEL_NAME)
        km.transport = "ipc"  # sockets in the scratch folder: no TCP port, no network needed
        km.ip = str(self.scratch / f".kernel-{self.starts}")
        km.connection_file = str(self.scratch / f".kernel-{self.starts}.json")
        client = _ErrorsOnlyClient(
            nbformat.v4.new_notebook(), km=km, allow_errors=True, record_timing=False,
            startup_timeout=STARTUP_TIMEOUT, interrupt_on_timeout=False,
            shutdown_kernel="immediate", store_widget_state=False,
        )
        self.starts += 1
        try:
            await client.async_start_new_kernel(cwd=str(self.scratch), env=kernel_environment(self.scratch))
            await client.async_start_new_kernel_client()
        except Exception as exc:  # any failure to start is the same fault for the user
            await _kill(client)
            raise KernelFailure(f"the grading kernel could not be started: {exc}") from exc
        self.client = client

    async def stop(self) -> None:
        if self.client is not None:
            await _kill(self.client)
            self.client = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def run(self, index: int, source: str, timeout: float) -> CellRun:
        """Run one cell's source; a timeout or a dead kernel leaves the session stopped."""
        cell = nbformat.v4.new_code_cell(source)
        self.client.nb.cells = [cell]
        self.client.timeout = max(1, int(timeout))
        try:
            await self.client.async_execute_cell(cell, 0, store_history=False)
        except CellTimeoutError:
            await self.stop()
            return CellRun(index, "timeout")
        except DeadKernelError:
            await self.stop()
            return CellRun(index, "died")
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if not errors:
            return CellRun(index, "ok")
        err = errors[-1]
        return CellRun(index, "error", err.get("ename"), err.get("evalue"), "\n".join(err.get("traceback", [])))

    @property
    def alive(self) -> bool:
        return self.client is not None


async def _kill(client: NotebookClient) -> None:
    if client.kc is not None:
        client.kc.stop_channels()
    if client.km is not None and client.km.has_kernel:
        await client.km.shutdown_kernel(now=True)


async def run_cells(session: KernelSession, sources: list[str], skip: set[int],
                    cell_timeout: float, notebook_timeout: float) -> list[CellRun]:
    """Run the student's code cells in order; stops at the first timeout or kernel death."""
    deadline = monotonic() + notebook_timeout
    runs = []
    for index, source in enumerate(sources):
        remaining = deadline - monotonic()
        if index in skip or not source.strip():
            runs.append(CellRun(index, "skipped" if index in skip else "ok"))
            continue
        if remaining <= 0:
            runs.append(CellRun(index, "skipped", "NotebookTimeout", "the notebook's time limit was reached"))
            continue
        run = await session.run(index, source, min(cell_timeout, remaining))
        runs.append(run)
        if run.status in ("timeout", "died"):
            break
    return runs
