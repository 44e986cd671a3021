"""Execute stage: run a notebook's cells in a fresh kernel that the grader starts itself.

The kernel is always the grader's own Python (never the notebook's kernelspec), runs in a
private scratch folder with a cleared environment, errors are allowed so one broken cell does
not stop the next, and each cell has a wall-clock limit enforced from the grader's side.
"""

from __future__ import annotations

import asyncio
import os
import signal
import site
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from grader import cgroups
from grader.errors import KernelFailure
from grader.kernel_client import KERNEL_NAME, ErrorsOnlyClient, GraderKernelSpecs, PromptClient, SandboxedKernelManager
from grader.messages import say
from grader.readback import ReadBudget
from grader.sandbox import Sandbox
from grader.workspace import Workspace

if TYPE_CHECKING:
    from grader.warm import WarmKernels

FAULTS = ("timeout", "died", "output_limit")
"""Cell outcomes that leave the kernel stopped: the cell is skipped when the notebook reruns."""
STARTUP_TIMEOUT = 90


@dataclass(frozen=True)
class CellRun:
    """What happened to one code cell (student's or probe)."""

    index: int
    status: str
    """One of: ok, error (it raised), timeout, died (the kernel died), output_limit (it printed
    too much and the kernel was stopped), skipped."""
    ename: str | None = None
    evalue: str | None = None
    """The exception's text, or the grader's own words (results.CELL_KEYS, in English)."""
    traceback: str | None = None


def _user_site() -> dict[str, str]:
    """The grader's own user site (`pip install --user`) for the kernel too, or none: the
    kernel imports what the grader imports (the sandbox shows it, see sandbox.package_folders)."""
    if site.ENABLE_USER_SITE and site.USER_SITE in sys.path and site.USER_BASE:
        return {"PYTHONUSERBASE": site.USER_BASE}
    return {"PYTHONNOUSERSITE": "1"}


def kernel_environment(work: Path) -> dict[str, str]:
    """A cleared environment: nothing of the grader's own variables reaches student code."""
    bin_dir = str(Path(sys.executable).parent)
    return {
        "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(work),
        "TMPDIR": str(work),
        "LANG": "C.UTF-8",
        **_user_site(),
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
        "CNN_GRADER_KERNEL": "1",  # check() in the notebook does nothing (grader/selfcheck.py)
        **{k: v for k, v in os.environ.items() if k.startswith("OPENBLAS_CORETYPE")},
    }


class KernelSession:
    """A live kernel for one submission: start, run cells, restart after a fault, stop.

    With `warm` (grader/warm.py) the kernel is forked from a zygote that has `preload`
    imported already; when that fails, warm starts are disabled and it starts cold. Under
    bubblewrap the kernel cannot find the `hidden` libraries (an assignment's forbidden ones)."""

    def __init__(self, workspace: Workspace, sandbox: Sandbox, warm: WarmKernels | None = None,
                 preload: tuple[str, ...] = (), hidden: tuple[str, ...] = ()) -> None:
        self.workspace = workspace
        self.sandbox = sandbox
        self.warm, self.preload, self.hidden = warm, preload, hidden
        self.client: ErrorsOnlyClient | None = None
        self.group: cgroups.KernelGroup | None = None
        """The running kernel's control group (grader/cgroups.py), where the machine has them."""
        self.starts = 0
        self.exit_code: int | None = None
        """How the last kernel ended on its own (a Popen return code), None if the grader
        stopped it while it ran; grader/infra.py tells a kill by the machine from it."""
        self.read_budget = ReadBudget()
        """What the probe stage may still read back from this submission's kernels."""

    async def start(self) -> None:
        self.group = cgroups.create(f"{self.workspace.root.name}-{self.starts}", self.sandbox.limits.memory_bytes,
                                    self.sandbox.limits.processes)
        zygote = self.warm.zygote(self.preload, self.hidden) if self.warm is not None else None
        environment = kernel_environment(self.workspace.work)
        if zygote is not None:
            try:
                await asyncio.to_thread(zygote.wait_ready)
                await self._launch(zygote.kernel_argv(self.workspace, environment, self.group))
                return
            except KernelFailure as exc:
                self.warm.disable(exc.message)
        argv = self.sandbox.wrap([sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                 self.workspace.binds(), self.workspace.uid, self.hidden)
        await self._launch(self.group.join_argv(argv) if self.group else argv)

    async def _launch(self, argv: list[str]) -> None:
        space = self.workspace
        km = SandboxedKernelManager(kernel_spec_manager=GraderKernelSpecs(argv=argv), kernel_name=KERNEL_NAME,
                                     workspace=space, client_factory=PromptClient)
        km.transport = "ipc"  # sockets in the workspace: no TCP port, no network needed
        km.ip = str(space.kernel / f"k{self.starts}")
        km.connection_file = str(space.grader / f"kernel-{self.starts}.json")
        limits = self.sandbox.limits
        client = ErrorsOnlyClient(
            nbformat.v4.new_notebook(), km=km, allow_errors=True, record_timing=False,
            startup_timeout=STARTUP_TIMEOUT, interrupt_on_timeout=False,
            shutdown_kernel="immediate", store_widget_state=False,
            cell_cap=limits.cell_output_bytes, notebook_cap=limits.notebook_output_bytes,
        )
        self.starts += 1
        try:
            with space.kernel_starting():
                await client.async_start_new_kernel(cwd=str(space.work), env=kernel_environment(space.work),
                                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                await client.async_start_new_kernel_client()
                client.watch_iopub()
        except Exception as exc:  # any failure to start is the same fault for the user
            await _kill(client)
            raise KernelFailure.of("error.kernel_start", why=str(exc)) from exc
        self.client = client

    async def stop(self) -> None:
        if self.client is not None:
            process = getattr(self.client.km.provisioner, "process", None) if self.client.km else None
            self.exit_code = process.poll() if process is not None else None
            await _kill(self.client)
            self.client = None
        if self.group is not None:
            await asyncio.to_thread(self.group.remove)
            self.group = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def run(self, index: int, source: str, timeout: float, output_cells: int = 1) -> CellRun:
        """Run one cell's source; a timeout or a dead kernel leaves the session stopped.
        `output_cells`: the cell may print as much as that many cells (a batch of probe calls)."""
        cell = nbformat.v4.new_code_cell(source)
        self.client.nb.cells = [cell]
        self.client.timeout = max(1, int(timeout))
        self.client.reset_counts(output_cells)
        status = None
        try:
            await self.client.async_execute_cell(cell, 0, store_history=False)
        except CellTimeoutError:
            status = "timeout"
        except DeadKernelError:
            status = "died"
        except Exception as exc:  # noqa: BLE001  a message the kernel sent cannot be read: the cell broke it
            await self.stop()
            return CellRun(index, "died", "BrokenMessaging",
                           say("cell.broken_messaging", detail=f"{type(exc).__name__}: {str(exc)[:200]}"))
        overflow = self.client.overflow
        if overflow is None and status != "died" and self.client.dropped:
            # IOPub's connection was reset: a refused message if the kernel lives, else its death
            if await self.client.km.is_alive():
                overflow = "message"
            else:
                status = "died"
        if overflow:  # the kill may land before or after the cell's reply: either way it is this
            await self.stop()
            return CellRun(index, "output_limit", "OutputLimit", say(f"cell.output_limit.{overflow}"))
        if status:
            over_memory = status == "died" and self.group is not None and self.group.oom_kills() > 0
            await self.stop()
            if over_memory:
                limit = self.sandbox.limits.memory_bytes // (1024 * 1024)
                return CellRun(index, "died", "MemoryLimit", say("cell.memory_limit", limit=limit))
            return CellRun(index, status)
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if not errors:
            return CellRun(index, "ok")
        err = errors[-1]
        return CellRun(index, "error", err.get("ename"), err.get("evalue"), "\n".join(err.get("traceback", [])))

    def kill_running(self) -> None:
        """Kill the kernel in the middle of a cell (a probe call ran out of time): the cell ends
        as `died` once nbclient sees the kernel gone (it checks every second)."""
        if self.client is not None and self.client.kill_task is None:
            self.client.kill_task = asyncio.ensure_future(self.client.km.shutdown_kernel(now=True))

    @property
    def alive(self) -> bool:
        return self.client is not None


async def _kill(client: NotebookClient) -> None:
    client.stop_watching()
    pending = getattr(client, "kill_task", None)
    if pending is not None:
        await asyncio.gather(pending, return_exceptions=True)  # its error is moot: we kill anyway
    if client.kc is not None:
        client.kc.stop_channels()
    if client.km is None:
        return
    process = getattr(client.km.provisioner, "process", None)
    if process is not None and process.poll() is None:
        # SIGKILL the kernel's process group and reap it at once: jupyter_client would first
        # interrupt it, then poll every 0.1 s for it to go
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        await asyncio.to_thread(process.wait, 10)
    if client.km.provisioner is not None and process is not None:
        await client.km.provisioner.wait()  # already reaped: just clears the handle
    await client.km.shutdown_kernel(now=True)  # nothing left to kill: removes connection files


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
            runs.append(CellRun(index, "skipped", "NotebookTimeout", say("cell.notebook_timeout")))
            continue
        run = await session.run(index, source, min(cell_timeout, remaining))
        runs.append(run)
        if run.status in FAULTS:
            break
    return runs
