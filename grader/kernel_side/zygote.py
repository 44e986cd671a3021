"""Warm kernels, run INSIDE the sandbox: a process that has already imported ipykernel and an
assignment's heavy libraries, and forks a fresh kernel for each submission.

Started by grader/warm.py under bubblewrap as root (the sandbox's own root: no network, a
read-only system view), it listens on a Unix socket in a folder only root can enter, and
serves only its own uid (SO_PEERCRED). For each connection it forks a *session* that:
- enters new PID, network, IPC, UTS and mount namespaces (unshare);
- forks the namespace's init, which mounts a private, sized /tmp holding only this kernel's
  workspace folders (grader/workspace.py; the grader's read-only) and a /proc of its own, sets the resource limits, drops to the kernel's uid for good
  (no capabilities, no new privileges), and forks the kernel itself;
- relays signals from the connection to the kernel and, when the connection closes (the grader
  killed its end), kills the namespace's init, which ends every process of that kernel;
- reports the kernel's exit code on the connection when it ends.
So each kernel gets what a cold `bwrap` start gives it, minus the seconds of imports.

Run as `python -E -s -c <this file> SOCKET PRELOAD_JSON`; stdlib only (plus the preloads).
"""

import ctypes
import importlib
import json
import os
import random
import resource
import select
import signal
import socket
import struct
import sys

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
PR_SET_NO_NEW_PRIVS = 38
KERNEL_MODULES = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.comm",
                  "ipykernel.debugger", "IPython.core.interactiveshell", "IPython.core.completer",
                  "IPython.core.completerlib", "IPython.core.debugger", "IPython.core.oinspect",
                  "IPython.core.logger", "IPython.extensions.storemagic", "jupyter_client.session",
                  "tornado.platform.asyncio", "tornado.queues", "sqlite3")
"""What a kernel imports while it starts (ipykernel 6/7), measured: imported once here."""

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source, target, fstype, flags, data=None):
    _check(_libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                       ctypes.c_ulong(flags), data and data.encode()), f"mount {target}")


_SET_BY_IMPORTS = {}
"""Environment variables the preloaded modules set while importing (ipykernel sets
PYDEVD_USE_FRAME_EVAL): a kernel gets them too, as if it had imported the modules itself."""


def preload(modules):
    """Import what every kernel of this assignment will need; a missing one is only slower."""
    before = dict(os.environ)
    for name in (*KERNEL_MODULES, *modules):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (an optional library: the kernel imports it itself, or fails as cold)
            pass
    _SET_BY_IMPORTS.update({k: v for k, v in os.environ.items() if before.get(k) != v})


def _read_request(conn):
    """The grader's request, and the descriptors sent with it (the kernel's cgroup.procs files)."""
    data, fds, _, _ = socket.recv_fds(conn, 65536, 8)
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            raise EOFError("the grader closed the connection before its request")
        data += chunk
        if len(data) > 1 << 20:
            raise ValueError("request too long")
    return json.loads(data), fds


def _join_groups(fds):
    """Move this process (and so the kernel it forks) into the kernel's control groups."""
    for fd in fds:
        os.write(fd, b"0")
        os.close(fd)


def _isolate_filesystem(binds, readonly, tmp_bytes):
    """A /tmp of this kernel's own (`tmp_bytes` at most) holding only its workspace's `binds`
    ([path, writable]) and the Python folders of `readonly` that lie under /tmp, read-only as
    before, and a /proc of its PID namespace (other kernels of this zygote are invisible)."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    kept = [(path, writable) for path, writable in binds]
    kept += [(p, False) for p in readonly if p.startswith("/tmp/")]
    handles = [os.open(path, os.O_PATH | os.O_DIRECTORY) for path, _ in kept]
    _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, f"mode=1777,size={int(tmp_bytes)}")
    for (path, writable), handle in zip(kept, handles):
        os.makedirs(path, mode=0o755, exist_ok=True)
        _mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
        if not writable:
            _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.close(handle)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)


def _drop_privileges(request):
    for item in request["rlimits"].split(","):
        name, value = item.split("=")
        resource.setrlimit(getattr(resource, name), (int(value), int(value)))
    with open("/proc/self/oom_score_adj", "w") as f:  # the machine's OOM killer takes kernels first
        f.write("1000")
    uid = int(request["uid"])
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)  # from root to another uid: every capability is gone
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def _run_kernel(request):
    """In the kernel process: a fresh start from here on, as `python -m ipykernel_launcher`."""
    os.setsid()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, 65536)
    os.environ.clear()
    os.environ.update(request["env"] | _SET_BY_IMPORTS)
    os.chdir(request["binds"][0][0])
    sys.path[:] = [p for p in sys.path if p not in ("", ".")]  # as ipykernel_launcher leaves it
    sys.argv = ["ipykernel_launcher", "-f", request["connection_file"]]
    random.seed()
    if "numpy.random" in sys.modules:  # the zygote's draws must not be every kernel's draws
        sys.modules["numpy.random"].seed()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
    os._exit(0)


def _run_init(request):
    """PID 1 of the kernel's namespace: set the kernel up, then reap until it ends."""
    _isolate_filesystem(request["binds"], request["readonly"], request["tmp_bytes"])
    _check(_libc.sethostname(b"sandbox", 7), "sethostname")
    _drop_privileges(request)
    kernel = os.fork()
    if kernel == 0:
        _run_kernel(request)

    def forward(signum, frame):
        try:
            os.kill(kernel, signum)
        except ProcessLookupError:
            pass

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, forward)
    while True:
        pid, status = os.wait()
        if pid == kernel:
            code = os.waitstatus_to_exitcode(status)
            os._exit(code if code >= 0 else 128 - code)


def _session(conn):
    """One kernel's life, from the grader's request to the kernel's exit code."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    request, groups = _read_request(conn)
    _join_groups(groups)
    _check(_libc.unshare(CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNS), "unshare")
    init = os.fork()
    if init == 0:
        try:
            os.close(conn.detach())
            _run_init(request)
        finally:
            os._exit(127)
    pidfd = os.pidfd_open(init)
    poller = select.poll()
    poller.register(conn, select.POLLIN)
    poller.register(pidfd, select.POLLIN)
    buffered = b""
    while True:
        ready = dict(poller.poll())
        if pidfd in ready:
            _, status = os.waitpid(init, 0)
            code = os.waitstatus_to_exitcode(status)
            conn.sendall(b"%d\n" % (code if code >= 0 else 128 - code))
            return
        if conn.fileno() in ready:
            chunk = conn.recv(64)
            if not chunk:  # the grader's end is gone: nothing of this kernel may stay
                os.kill(init, signal.SIGKILL)
                os.waitpid(init, 0)
                return
            buffered += chunk
            *lines, buffered = buffered.split(b"\n")
            for line in lines:
                if line.strip().isdigit() and int(line) in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    os.kill(init, int(line))


def serve(path, modules):
    preload(modules)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o600)
    server.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # sessions are reaped by the system
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        conn, _ = server.accept()
        _, uid, _ = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
        if uid != os.getuid():
            conn.close()
            continue
        if os.fork() == 0:
            try:
                server.close()
                _session(conn)
            finally:
                os._exit(0)
        conn.close()


if __name__ == "__main__":
    serve(sys.argv[1], json.loads(sys.argv[2]))
