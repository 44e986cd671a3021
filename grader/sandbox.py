"""Isolation stage: how the student's kernel is confined, at the strongest level available.

Levels, strongest first:
- "bubblewrap": own user, PID, network, IPC and UTS namespaces; a read-only view of only
  what Python needs; a private /tmp; the submission's scratch folder as the one writable
  place; no view of the grader, references, other submissions or the home folder.
- "unshare": network and PID namespaces from util-linux `unshare`, no filesystem confinement.
- "limits": resource limits only.
Every level sets resource limits and, when the grader runs as root, drops the kernel to an
unprivileged uid of its own, so the process limit counts only that kernel's processes.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from grader import cgroups
from grader.messages import say, say_again
from grader.paths import HIDDEN_MODULE
from grader.workspace import sized_scratch_available

GIB = 1024**3
MIB = 1024**2
LEVELS = ("bubblewrap", "unshare", "limits")
TMP_BYTES = 512 * MIB
"""Size of a kernel's private /tmp (its scratch folder lies elsewhere, on disk)."""
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "fonts", "passwd",
             "group", "nsswitch.conf", "localtime", "mime.types", "ssl/certs")

# Run by the grader's Python before the kernel: set limits, drop to the kernel's uid, then exec
# the rest of the command line (an absolute path: after the uid drop nothing more is imported).
_LIMITS_SCRIPT = """\
import os, resource, sys
spec, uid, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
for item in spec.split(","):
    name, value = item.split("=")
    resource.setrlimit(getattr(resource, name), (int(value), int(value)))
with open("/proc/self/oom_score_adj", "w") as f:  # the machine's OOM killer takes kernels first
    f.write("1000")
if uid >= 0:
    os.setgroups([]); os.setgid(uid); os.setuid(uid)
os.environ.pop("JPY_PARENT_PID", None)  # in a PID namespace the parent is pid 1: ipykernel would quit
os.execv(argv[0], argv)
"""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one kernel; wall-clock limits are the rubric's and enforced outside."""

    memory_bytes: int = 4 * GIB
    """RLIMIT_DATA: heap and private mappings (torch and AlexNet fit in about 1.2 GiB)."""
    cpu_seconds: int = 3600
    file_bytes: int = 256 * MIB
    disk_bytes: int = 1 * GIB
    """What a kernel may write in its workspace in all (root only: a sized tmpfs, grader/workspace.py)."""
    open_files: int = 512
    processes: int = 256
    """RLIMIT_NPROC of the kernel's own uid (threads count); only set when the grader is root."""
    cell_output_bytes: int = 4 * MIB
    notebook_output_bytes: int = 32 * MIB


@dataclass(frozen=True)
class Sandbox:
    """The isolation applied to kernels, and how to say so in reports."""

    level: str
    limits: Limits

    @property
    def drops_uid(self) -> bool:
        """Only a root grader can, and only bubblewrap gives the new uid a readable Python."""
        return os.geteuid() == 0 and self.level == "bubblewrap"

    def kernel_uid(self, workspace: Path) -> int:
        """An unprivileged uid of this kernel's own (-1: keep the grader's, when not root),
        derived from its workspace folder's path."""
        if not self.drops_uid:
            return -1
        return 200000 + int(hashlib.sha256(str(workspace).encode()).hexdigest()[:8], 16) % 100000

    def layers(self) -> tuple[str, ...]:
        """What is active, in English words, for results (`layers_in` says them in a page's language)."""
        named = {"bubblewrap": ("isolation.bubblewrap", "isolation.network", "isolation.pid"),
                 "unshare": ("isolation.network", "isolation.pid"), "limits": ()}[self.level]
        lim = self.limits
        sizes = {"memory": lim.memory_bytes // MIB, "processes": lim.processes}
        rlimits = say("isolation.limits_uid" if self.drops_uid else "isolation.limits", **sizes,
                      cpu=lim.cpu_seconds, files=lim.file_bytes // MIB, open_files=lim.open_files)
        user = (say("isolation.uid"),) if self.drops_uid else ()
        group = (say("isolation.cgroup", **sizes),) if cgroups.available() else ()
        group += (say("isolation.cpu", cpus=cgroups.KERNEL_CPUS),) if cgroups.limits_cpu() else ()
        disk = (say("isolation.disk", disk=lim.disk_bytes // MIB),) if sized_scratch_available() else ()
        return tuple(say(key) for key in named) + user + group + (
            rlimits, say("isolation.wall_clock"), say("isolation.output", output=lim.cell_output_bytes // MIB)) + disk

    def wrap(self, argv: list[str], binds: list[tuple[str, bool]], uid: int, hidden: tuple[str, ...] = ()) -> list[str]:
        """The kernel command line, wrapped in this level's isolation, then limits and the drop
        to `uid` (-1: none). `binds`: the folders the kernel sees, as (path, writable), the
        first its working folder (Workspace.binds()); `hidden`, libraries the kernel must not
        find (hidden_libraries: only bubblewrap can).

        Under bubblewrap the limits and the uid drop happen inside the sandbox, after bwrap (as
        the grader's user) has set up the mounts, so the new uid never needs to read the
        grader's own folders.
        """
        outer = {"bubblewrap": lambda: _bwrap_args(binds, self.drops_uid, hidden=hidden),
                 "unshare": _unshare_args, "limits": lambda: []}[self.level]()
        limited = [sys.executable, "-S", "-E", "-s", "-c", _LIMITS_SCRIPT, self.rlimit_spec(),
                   str(uid), *argv]
        if outer:
            outer[0] = shutil.which(outer[0]) or outer[0]
        return [*outer, *limited]

    def rlimit_spec(self) -> str:
        lim = self.limits
        spec = {"RLIMIT_DATA": lim.memory_bytes, "RLIMIT_CPU": lim.cpu_seconds, "RLIMIT_FSIZE": lim.file_bytes,
                "RLIMIT_NOFILE": lim.open_files, "RLIMIT_CORE": 0}
        if self.drops_uid:
            spec["RLIMIT_NPROC"] = lim.processes
        return ",".join(f"{k}={v}" for k, v in spec.items())

    def wrap_zygote(self, argv: list[str], root: Path, control: Path, hidden: tuple[str, ...] = ()) -> list[str]:
        """The command line of a warm-kernel zygote (grader/warm.py): bubblewrap as for a
        kernel, seeing `root` (the scratch folders of its kernels) and `control` (its socket),
        staying root inside, with just the capabilities to give each kernel its own namespaces
        and uid, without the `hidden` libraries. Only a root grader under bubblewrap runs one."""
        extra = ["--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_KILL"]
        outer = _bwrap_args([(str(root), True), (str(control), True)], True, extra, hidden)
        outer[0] = shutil.which(outer[0]) or outer[0]
        return [*outer, *argv]


def _python_roots() -> list[str]:
    roots = {sys.prefix, sys.base_prefix, str(Path(sys.executable).resolve().parent.parent)}
    return sorted(r for r in roots if r and Path(r).exists())


def package_folders() -> list[str]:
    """Folders outside the Python installation that the grader imports packages from (a user
    site, another environment's site-packages named by a .pth file): the kernel needs them
    too. Only folders named site-packages or dist-packages, never a home or project folder,
    never one holding the reference solutions."""
    from grader.paths import SOLUTIONS_DIR

    roots = [Path(r) for r in _python_roots()]
    found = set()
    for entry in sys.path:
        folder = Path(entry) if entry else None
        if folder is None or folder.name not in ("site-packages", "dist-packages") or not folder.is_dir():
            continue
        if not any(folder.is_relative_to(root) for root in roots) and not SOLUTIONS_DIR.is_relative_to(folder):
            found.add(str(folder))
    return sorted(found)


def readonly_folders() -> list[str]:
    """What a kernel sees of Python, read-only: the installation and its package folders."""
    return _python_roots() + package_folders()


def _bwrap_args(binds: list[tuple[str, bool]], as_root: bool, capabilities: tuple[str, ...] | list[str] = (),
                hidden: tuple[str, ...] = ()) -> list[str]:
    """bubblewrap's options, showing `binds` (path, writable), the first the working folder, and
    no `hidden` library. As root: no user namespace (so the uid drop inside is real and the
    process limit counts), with just the capabilities to drop to the kernel's uid (and
    `capabilities`, further --cap-add options)."""
    if as_root:
        spaces = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                  "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", *capabilities]
    else:
        spaces = ["--unshare-all"]
    args = ["bwrap", *spaces, "--die-with-parent", "--new-session", "--hostname", "sandbox",
            "--proc", "/proc", "--dev", "/dev", *_tmpfs_size(), "--tmpfs", "/tmp", "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin", "lib32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.exists():
            args += ["--ro-bind", str(path), str(path)]
    for name in ETC_FILES:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    for root in readonly_folders():
        args += _parents(root) + ["--ro-bind", root, root]
    for path in hidden_paths(hidden):
        args += _hide(path)
    for folder, writable in binds:
        args += _parents(folder) + ["--bind" if writable else "--ro-bind", folder, folder]
    return args + ["--chdir", binds[0][0], "--"]


@functools.lru_cache(maxsize=None)
def _tmpfs_size() -> list[str]:
    """bubblewrap 0.10 and later can size the private /tmp (older ones leave it to the cgroup)."""
    try:
        usage = subprocess.run(["bwrap", "--help"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return ["--size", str(TMP_BYTES)] if "--size" in usage else []


@functools.lru_cache(maxsize=None)
def hidden_paths(libraries: tuple[str, ...]) -> list[str]:
    """Where the kernel would find each library (dotted names too: scipy.signal), as folders or
    single-file modules; found without importing anything."""
    found = []
    for name in libraries:
        top, *rest = name.split(".")
        spec = importlib.util.find_spec(top)
        if spec is None:
            continue
        places = list(spec.submodule_search_locations or [spec.origin])
        for place in places:
            path = Path(place).joinpath(*rest) if rest else Path(place)
            candidates = [path, path.with_suffix(".py")] if rest else [path]
            found += [str(c) for c in candidates if c.exists()]
    return sorted(set(found))


def _hide(path: str) -> list[str]:
    """bubblewrap options that put, read-only, a module that refuses to import (kernel_side/
    hidden.py) in place of a package folder or module file."""
    if Path(path).is_dir():
        return ["--tmpfs", path, "--ro-bind", str(HIDDEN_MODULE), f"{path}/__init__.py", "--remount-ro", path]
    return ["--ro-bind", str(HIDDEN_MODULE), path]


def _parents(path: str) -> list[str]:
    """Create a bind target's parent folders traversable (bwrap would make them 0700)."""
    args = []
    for parent in reversed(Path(path).parents[:-1]):
        if str(parent) not in ("/tmp", "/usr"):
            args += ["--perms", "0755", "--dir", str(parent)]
    return args


def _unshare_args() -> list[str]:
    return ["unshare", "--net", "--pid", "--fork", "--kill-child"] + ([] if os.geteuid() == 0 else ["--map-root-user"]) + ["--"]


def _works(argv: list[str]) -> bool:
    try:
        return subprocess.run(argv, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@functools.lru_cache(maxsize=None)
def strongest_level() -> str:
    """The strongest level that really starts a process on this machine (tried once)."""
    probe = [sys.executable, "-S", "-c", "pass"]
    scratch = Path(os.environ.get("TMPDIR", "/tmp"))
    if shutil.which("bwrap") and _works(_bwrap_args([(str(scratch), True)], os.geteuid() == 0) + probe):
        return "bubblewrap"
    if shutil.which("unshare") and _works(_unshare_args() + probe):
        return "unshare"
    return "limits"


def unreachable_folders() -> list[str]:
    """Python folders a kernel's own uid could not enter (bubblewrap shows each at its place,
    with its own permissions): a virtualenv made in a private folder, mode 0700."""
    return [f for f in readonly_folders() if os.stat(f).st_mode & 0o005 != 0o005]


def choose(level: str | None = None, limits: Limits = Limits()) -> Sandbox:
    """The sandbox to use: `level` if given (it must be available), else the strongest."""
    from grader.errors import UsageError

    best = strongest_level()
    if level is not None and LEVELS.index(level) < LEVELS.index(best):
        raise UsageError.of("error.level_unavailable", level=repr(level), best=repr(best))
    chosen = Sandbox(level or best, limits)
    closed = unreachable_folders() if chosen.drops_uid else []
    if closed:
        raise UsageError.of("error.uid_cannot_enter", folder=closed[0], mode=f"{os.stat(closed[0]).st_mode & 0o777:o}")
    return chosen


LAYER_KEYS = ("isolation.bubblewrap", "isolation.network", "isolation.pid", "isolation.uid", "isolation.cgroup",
              "isolation.limits_uid", "isolation.limits", "isolation.wall_clock", "isolation.output",
              "isolation.disk", "isolation.cpu")


def layers_in(layers, lang: str) -> list[str]:
    """Isolation layers as results keep them (English, Sandbox.layers), said in `lang`."""
    return [say_again(layer, LAYER_KEYS, lang) for layer in layers]
