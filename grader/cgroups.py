"""Isolation stage, resources: a control group per kernel, so that the memory it can use (shared
memory and /tmp files included, which RLIMIT_DATA does not count), its processes and, where the
machine has the cpu controller, its CPU time are limited and charged to that kernel alone.

cgroup v1 (the memory and pids hierarchies, as on this project's machines) or v2 (the grader's
own group at the root of a cgroup namespace, or one whose controllers are delegated to it).
Where neither can be written (a non-root grader without a delegated group), kernels keep their
resource limits only, and reports say so (Sandbox.layers).
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path(os.environ.get("CNN_GRADER_CGROUP_ROOT", "/sys/fs/cgroup"))
V1_CONTROLLERS = ("memory", "pids")
KERNEL_CPUS = 1
"""CPUs a kernel's processes may use together (the cpu controller, where the machine has it): a
kernel that keeps many busy processes, each in a session (a scheduler autogroup) of its own,
takes no more than this from the kernels graded beside it."""
PERIOD_US = 100_000

# Run by the grader's Python as the kernel's first process: join the kernel's groups (writing 0
# moves the writer), then exec the rest of the command line.
JOIN_SCRIPT = """\
import os, sys
split = sys.argv.index("--")
for path in sys.argv[1:split]:
    with open(path, "w") as f:
        f.write("0")
os.execv(sys.argv[split + 1], sys.argv[split + 1:])
"""


@dataclass(frozen=True)
class KernelGroup:
    """The control group(s) of one kernel: one folder per hierarchy (v1) or one (v2)."""

    folders: tuple[Path, ...]
    version: int

    @property
    def procs_files(self) -> list[str]:
        """Where a process writes 0 to join this group."""
        return [str(folder / "cgroup.procs") for folder in self.folders]

    def join_argv(self, argv: list[str]) -> list[str]:
        """`argv` started inside this group (by a small Python prefix that joins, then execs)."""
        import sys

        return [sys.executable, "-S", "-E", "-s", "-c", JOIN_SCRIPT, *self.procs_files, "--", *argv]

    def oom_kills(self) -> int:
        """How many of this group's processes the kernel killed for using more than its memory."""
        name = "memory.oom_control" if self.version == 1 else "memory.events"
        try:
            lines = (self.folders[0] / name).read_text().splitlines()
        except OSError:
            return 0
        counts = dict(line.split(" ", 1) for line in lines if " " in line)
        return int(counts.get("oom_kill", "0"))

    def remove(self) -> None:
        """Remove the group once its processes are gone (they may take a moment to exit)."""
        for folder in self.folders:
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)


def _own_paths() -> dict[str, str]:
    """This process's group in each hierarchy, from /proc/self/cgroup ("" is the v2 one)."""
    paths = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path
    return paths


def _v1_parents() -> tuple[Path, ...] | None:
    """The memory and pids parents, then the cpu one where that hierarchy is mounted."""
    own = _own_paths()
    controllers = V1_CONTROLLERS + (("cpu",) if (CGROUP_ROOT / "cpu" / "cpu.cfs_quota_us").exists() else ())
    parents = tuple(CGROUP_ROOT / c / own.get(c, "/").lstrip("/") / "cnn-grader" for c in controllers)
    return parents if all((CGROUP_ROOT / c / "cgroup.procs").exists() for c in V1_CONTROLLERS) else None


def _v2_parent() -> Path | None:
    own = CGROUP_ROOT / _own_paths().get("", "/").lstrip("/")
    enabled = (own / "cgroup.subtree_control").read_text().split() if (own / "cgroup.subtree_control").exists() else []
    if {"memory", "pids"} <= set(enabled):
        return own / "cnn-grader"
    try:
        (own / "cgroup.subtree_control").write_text("+memory +pids")
    except OSError:  # processes in our own group (not a root): the controllers are not ours to give
        return None
    _try_write(own / "cgroup.subtree_control", "+cpu")
    return own / "cnn-grader"


@functools.lru_cache(maxsize=None)
def _parents() -> tuple[tuple[Path, ...], int] | None:
    """Where kernels' groups are made, and the cgroup version; None: not possible here."""
    try:
        if (CGROUP_ROOT / "cgroup.controllers").exists():
            parent = _v2_parent()
            found = ((parent,), 2) if parent else None
        else:
            parents = _v1_parents()
            found = (parents, 1) if parents else None
        if found:
            for folder in found[0]:
                folder.mkdir(exist_ok=True)
        return found
    except OSError:
        return None


def available() -> bool:
    """Whether this grader can give each kernel a control group of its own."""
    return _parents() is not None


def limits_cpu() -> bool:
    """Whether kernels' groups limit their CPU time too (the cpu controller is there)."""
    found = _parents()
    if found is None:
        return False
    parents, version = found
    return len(parents) > len(V1_CONTROLLERS) if version == 1 else (parents[0] / "cpu.max").exists()


def create(name: str, memory_bytes: int, processes: int) -> KernelGroup | None:
    """A new group for one kernel, with its limits; None where groups cannot be made."""
    found = _parents()
    if found is None:
        return None
    parents, version = found
    folders = tuple(parent / name for parent in parents)
    try:
        for folder in folders:
            folder.mkdir()
        if version == 1:
            memory, pids, *cpu = folders
            (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
            _try_write(memory / "memory.memsw.limit_in_bytes", str(memory_bytes))  # no swap past the limit
            (pids / "pids.max").write_text(str(processes))
            for folder in cpu:
                (folder / "cpu.cfs_period_us").write_text(str(PERIOD_US))
                (folder / "cpu.cfs_quota_us").write_text(str(KERNEL_CPUS * PERIOD_US))
        else:
            (folders[0] / "memory.max").write_text(str(memory_bytes))
            _try_write(folders[0] / "memory.swap.max", "0")
            (folders[0] / "pids.max").write_text(str(processes))
            if (folders[0] / "cpu.max").exists():
                (folders[0] / "cpu.max").write_text(f"{KERNEL_CPUS * PERIOD_US} {PERIOD_US}")
    except OSError:
        KernelGroup(folders, version).remove()
        return None
    return KernelGroup(folders, version)


def _try_write(path: Path, value: str) -> None:
    try:
        path.write_text(value)
    except OSError:  # the machine has no swap accounting: nothing to limit there
        pass
