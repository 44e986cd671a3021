"""Peak memory of the grader's own processes, for the benchmarks and the memory tests.

`grade` and its spawned pool workers are the grader; kernels and warm-kernel processes are not
(they run in their own control groups, and their memory is the student's). Sampled from
/proc/PID/status (VmHWM) until `grade` ends, because getrusage's RUSAGE_CHILDREN keeps the
largest child of the whole test session and counts kernels waited for by the grader.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def grader_peak_kib(process: subprocess.Popen, interval: float = 0.1) -> int:
    """Wait for `grade` and return the largest peak resident size (VmHWM, KiB) of `grade` and its
    spawned pool workers."""
    peak = 0
    while process.poll() is None:
        for pid in [process.pid, *pool_workers(process.pid)]:
            peak = max(peak, peak_resident_kib(pid))
        time.sleep(interval)
    return peak


def peak_resident_kib(pid: int) -> int:
    """VmHWM of a live process in KiB (0 when it has ended or has no memory of its own)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return max([0] + [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")])


def pool_workers(parent: int) -> list[int]:
    """The multiprocessing-spawned children of `parent` (the grader's pool workers)."""
    workers = []
    for pid, ppid in parents().items():
        try:
            if ppid == parent and b"multiprocessing.spawn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                workers.append(pid)
        except OSError:
            continue
    return workers


def descendants(pid: int) -> list[int]:
    """Every live process under `pid`."""
    tree, found, frontier = parents(), [], [pid]
    while frontier:
        frontier = [child for child, parent in tree.items() if parent in frontier]
        found += frontier
    return found


def parents() -> dict[int, int]:
    """Every live process and its parent, from /proc/PID/stat."""
    tree = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            tree[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return tree
