"""Execute stage, the messaging side: the jupyter_client and nbclient classes through which the
grader talks to a sandboxed kernel, with every way a kernel could make the grader hold what it
sends bounded.

- `PromptClient`: ready as soon as the kernel answers, on sockets that queue few messages and
  refuse any message over MAX_MESSAGE_BYTES (the kernel's connection is reset instead);
- `ErrorsOnlyClient`: counts every output byte (widget messages included) against the cell's
  and notebook's caps, keeps only the last error, and notices a refused message (`dropped`),
  which is the cell's output over its limit.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from queue import Empty
from time import monotonic

import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from traitlets import Any, Bool, Integer, List
from zmq.utils.monitor import parse_monitor_message

KERNEL_NAME = "cnn-grader"
RECEIVE_QUEUE = 16
"""Messages from a kernel that may wait, per socket, for the grader to read them."""
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
"""A larger message from a kernel is refused (its connection reset): none of ours is near it."""


def bounded_context() -> zmq.asyncio.Context:
    """A ZeroMQ context whose sockets queue RECEIVE_QUEUE messages and refuse larger ones."""
    context = zmq.asyncio.Context()
    context.setsockopt(zmq.RCVHWM, RECEIVE_QUEUE)
    context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
    return context


class GraderKernelSpecs(KernelSpecManager):
    """Knows one kernel: this Python's ipykernel in the sandbox, whatever the notebook asks for."""

    argv = List()

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(argv=list(self.argv), display_name=KERNEL_NAME, language="python", env={})


class PromptClient(AsyncKernelClient):
    """Ready as soon as the kernel answers kernel_info and IOPub is connected: jupyter_client's
    own wait also idles 0.2 s for IOPub to fall silent, which nothing here needs (every reply
    is matched to its request by message id). Its sockets are bounded (`bounded_context`): the
    manager's context is not the client's, so the client makes its own."""

    def _context_default(self) -> zmq.asyncio.Context:
        self._created_context = True
        return bounded_context()

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = monotonic() + (timeout if timeout is not None else float("inf"))
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:  # the busy/idle of that request shows that IOPub is subscribed
                    await self.iopub_channel.get_msg(timeout=0.2)
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")


class SandboxedKernelManager(AsyncKernelManager):
    """Lets the kernel's own uid read the connection file, which lies in the grader's folder."""

    workspace = Any()

    def _context_default(self) -> zmq.asyncio.Context:
        self._created_context = True
        return bounded_context()

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        self.workspace.share_with_kernel(Path(self.connection_file))


class ErrorsOnlyClient(NotebookClient):
    """Keeps only the cell's last error (truncated) and counts every output message, errors
    included: past a cell's or the notebook's cap the kernel is killed, so nothing a kernel
    sends piles up in the grader. A message too large to be received at all resets IOPub's
    connection: `dropped` says so (the kernel's later output of that cell is lost with it)."""

    cell_cap = Integer(4 * 1024 * 1024)
    notebook_cap = Integer(32 * 1024 * 1024)
    dropped = Bool(False)

    def reset_counts(self, cells: int = 1) -> None:
        self.cell_bytes, self.overflow, self.kill_task = 0, None, None
        self.cell_limit = self.cell_cap * cells
        self.notebook_bytes = getattr(self, "notebook_bytes", 0)
        self.dropped = False

    def watch_iopub(self) -> None:
        """Start noticing IOPub disconnections (a refused message; a dying kernel's are told
        apart by the caller, which sees the kernel dead)."""
        monitor = self.kc.iopub_channel.socket.get_monitor_socket(zmq.EVENT_DISCONNECTED)
        self.watcher = asyncio.ensure_future(self._watch(monitor))

    async def _watch(self, monitor) -> None:
        try:
            while True:
                event = parse_monitor_message(await monitor.recv_multipart())
                if event["event"] == zmq.EVENT_DISCONNECTED:
                    self.dropped = True
        except (asyncio.CancelledError, zmq.ZMQError):
            pass
        finally:
            monitor.close(linger=0)

    def stop_watching(self) -> None:
        watcher = getattr(self, "watcher", None)
        if watcher is not None:
            watcher.cancel()

    def _count(self, msg) -> None:
        """Charge a message to the cell's and the notebook's caps; past one, kill the kernel."""
        size = len(str(msg["content"]))
        self.cell_bytes += size
        self.notebook_bytes += size
        if self.overflow is None and (self.cell_bytes > self.cell_limit or self.notebook_bytes > self.notebook_cap):
            self.overflow = "cell" if self.cell_bytes > self.cell_limit else "notebook"
            self.kill_task = asyncio.ensure_future(self.km.shutdown_kernel(now=True))

    def handle_comm_msg(self, outs, msg, cell_index) -> None:
        """Widget messages count as output and are kept nowhere: the grader shows no widget, and
        nbclient would keep the state of every Output widget a kernel announces."""
        self._count(msg)

    def output(self, outs, msg, display_id, cell_index):
        self._count(msg)
        if msg["msg_type"] != "error" or self.overflow:
            return None
        content = msg["content"]
        content["evalue"] = str(content.get("evalue", ""))[:2000]
        content["traceback"] = [str(line)[:2000] for line in content.get("traceback", [])[-50:]]
        outs[:] = [o for o in outs if o.get("output_type") != "error"]  # the last one tells
        return super().output(outs, msg, display_id, cell_index)
