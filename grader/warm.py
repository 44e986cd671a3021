"""Execute stage, warm start: kernels forked from a pre-warmed process instead of started cold.

A batch pays for `import torch, torchvision` (seconds of CPU) and ipykernel's own start once
per grading process instead of once per notebook. One *zygote* per set of preloaded
libraries (an assignment's `preload`) runs in the sandbox and forks each kernel into new
PID, network, IPC, UTS and mount namespaces with a private /tmp, its own uid, the same
resource limits, and no capabilities: what a cold bubblewrap start gives (see
kernel_side/zygote.py). jupyter_client starts a small *proxy* as "the kernel process": it asks
the zygote for a kernel, relays signals, and exits with the kernel's exit code; killing it
kills the kernel and everything it started.

Only under bubblewrap as root, where every kernel runs under a uid of its own: elsewhere
kernels start cold. A zygote that cannot start disables warm starts for its process, and the
kernel starts cold, so a machine without the needed privileges only loses the speed.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from grader.cgroups import KernelGroup
from grader.errors import KernelFailure
from grader.paths import ZYGOTE
from grader.sandbox import TMP_BYTES, Sandbox, readonly_folders
from grader.workspace import Workspace, share_mounts, unmount

READY_TIMEOUT = 120
"""Seconds a zygote may take to import its libraries (torch and torchvision: about 4 s)."""

_ZYGOTE_SOURCE = ZYGOTE.read_text(encoding="utf-8")

# The "kernel process" jupyter_client manages: one request to the zygote, then wait for the
# kernel's exit code. Run with -S: it imports nothing outside the standard library's core.
_PROXY_SOURCE = """\
import json, os, signal, socket, sys
path, request, connection_file = sys.argv[1:4]
request = json.loads(request)
request["connection_file"] = connection_file
groups = [os.open(p, os.O_WRONLY) for p in sys.argv[4:]]  # the kernel's cgroup.procs files
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(path)
socket.send_fds(s, [json.dumps(request).encode() + b"\\n"], groups)
for fd in groups:
    os.close(fd)
def relay(signum, frame):
    try:
        s.sendall(b"%d\\n" % signum)
    except OSError:
        pass
for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(sig, relay)
data = b""
while not data.endswith(b"\\n"):
    chunk = s.recv(64)
    if not chunk:
        os._exit(255)
    data += chunk
os._exit(int(data) & 255)
"""


def supported(sandbox: Sandbox) -> bool:
    """Warm starts need bubblewrap, a root grader (a uid per kernel) and pidfds (Linux 5.3)."""
    return sandbox.level == "bubblewrap" and sandbox.drops_uid and hasattr(os, "pidfd_open")


def _lasting_popen(argv: list[str], **kwargs) -> subprocess.Popen:
    """Popen from a thread that lives as long as this process: bubblewrap (--die-with-parent)
    dies with the *thread* that started it, and a Dask worker grades in pool threads."""
    if threading.current_thread() is threading.main_thread():
        return subprocess.Popen(argv, **kwargs)
    with _LAUNCHER_LOCK:
        if not _LAUNCHER:
            _LAUNCHER.append(threading.Thread(target=_launch_forever, name="cnn-grader-zygote-launcher", daemon=True))
            _LAUNCHER[0].start()
    done: queue.Queue = queue.Queue()
    _LAUNCHES.put((argv, kwargs, done))
    outcome = done.get()
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _launch_forever() -> None:
    while True:
        argv, kwargs, done = _LAUNCHES.get()
        try:
            done.put(subprocess.Popen(argv, **kwargs))
        except BaseException as exc:  # handed back to the caller, who raises it
            done.put(exc)


_LAUNCHES: queue.Queue = queue.Queue()
_LAUNCHER: list[threading.Thread] = []
"""The launching thread, started on first need, living (as a daemon) as long as the process."""
_LAUNCHER_LOCK = threading.Lock()


class Zygote:
    """One pre-warmed process in the sandbox; its kernels' scratch folders live under `root`."""

    def __init__(self, sandbox: Sandbox, modules: tuple[str, ...], root: Path, hidden: tuple[str, ...] = ()) -> None:
        self.sandbox, self.modules, self.root = sandbox, modules, root
        self.control = Path(tempfile.mkdtemp(prefix="cnn-grader-zygote-"))  # root only: the socket
        self.socket = self.control / "zygote.sock"
        argv = sandbox.wrap_zygote([sys.executable, "-E", "-s", "-c", _ZYGOTE_SOURCE, str(self.socket),
                                    json.dumps(list(modules))], self.root, self.control, hidden)
        from grader.execute import kernel_environment

        self.process = _lasting_popen(argv, env=kernel_environment(self.root), stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        self.ready = False
        self._ready_lock = threading.Lock()

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Block until the zygote has imported everything and listens; KernelFailure if not."""
        with self._ready_lock:  # two threads of a Dask worker may wait for the same zygote
            if self.ready:
                return
            readable, _, _ = select.select([self.process.stdout], [], [], timeout)
            line = self.process.stdout.readline() if readable else b""
            if line.strip() != b"ready":
                self.close()
                raise KernelFailure.of("error.warm_start", code=self.process.poll())
            self.ready = True

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kernel_argv(self, workspace: Workspace, env: dict[str, str], group: KernelGroup | None = None) -> list[str]:
        """The proxy command line that jupyter_client launches as the kernel; the kernel joins
        `group` (the proxy hands the zygote its cgroup.procs files, opened)."""
        request = {"binds": workspace.binds(), "readonly": readonly_folders(), "uid": workspace.uid,
                   "rlimits": self.sandbox.rlimit_spec(), "tmp_bytes": TMP_BYTES,
                   "env": env | {"PWD": str(workspace.work)}}
        return [sys.executable, "-S", "-E", "-s", "-c", _PROXY_SOURCE, str(self.socket), json.dumps(request),
                "{connection_file}", *(group.procs_files if group else [])]

    def close(self) -> None:
        if self.alive:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()
        self.process.stdout.close()
        shutil.rmtree(self.control, ignore_errors=True)


class WarmKernels:
    """The zygotes of one grading process, one per preload set, started on first use."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.zygotes: dict[tuple[tuple[str, ...], tuple[str, ...]], Zygote] = {}
        self.disabled = not supported(sandbox)
        self._lock = threading.Lock()
        self.root = Path(tempfile.mkdtemp(prefix="cnn-grader-warm-"))
        self.root.chmod(0o711)  # a kernel may enter its own workspace here, not list the others
        share_mounts(self.root)  # each workspace's sized tmpfs, mounted later, reaches the zygotes

    def workspace(self) -> Workspace:
        """A new workspace for one submission, inside what every zygote can see."""
        return Workspace.create(self.sandbox, self.root)

    def zygote(self, modules: tuple[str, ...], hidden: tuple[str, ...] = ()) -> Zygote | None:
        """The live zygote for these modules, in a view without the `hidden` libraries (started
        now if needed), or None: start cold."""
        with self._lock:
            if self.disabled:
                return None
            key = (modules, hidden)
            current = self.zygotes.get(key)
            if current is not None and current.alive:
                return current
            if current is not None:
                current.close()
            self.zygotes[key] = Zygote(self.sandbox, modules, self.root, hidden)
            return self.zygotes[key]

    def disable(self, reason: str) -> None:
        """Warm starts do not work here: every later kernel starts cold (kernels running from
        a zygote that works, in other threads, go on)."""
        print(f"warning: kernels start cold from now on: {reason}", file=sys.stderr)
        self.disabled = True

    def close(self) -> None:
        """Stop the zygotes (kernels still running are killed with them)."""
        for zygote in self.zygotes.values():
            zygote.close()
        self.zygotes.clear()

    def remove(self) -> None:
        """Stop everything and remove the scratch root: the end of this grading process."""
        self.close()
        unmount(self.root)
        shutil.rmtree(self.root, ignore_errors=True)


_PROCESS: dict[Sandbox, WarmKernels] = {}
_PROCESS_LOCK = threading.Lock()


def for_this_process(sandbox: Sandbox) -> WarmKernels:
    """This process's warm kernels for `sandbox`, kept between submissions (and shared by its
    threads), removed when the process ends (a pool's or a Dask worker's included)."""
    with _PROCESS_LOCK:
        if sandbox not in _PROCESS:
            warm = _PROCESS[sandbox] = WarmKernels(sandbox)
            import atexit
            import multiprocessing.util

            atexit.register(warm.remove)
            multiprocessing.util.Finalize(warm, warm.remove, exitpriority=10)
        return _PROCESS[sandbox]
