"""Control groups per kernel (grader/cgroups.py): made with their limits, joined by the process
started through them, counted on an OOM kill, removed afterwards."""

import subprocess
import sys

import pytest

from grader import cgroups

pytestmark = pytest.mark.skipif(not cgroups.available(), reason="this machine gives the grader no control groups")


def test_a_group_holds_its_limits_and_the_process_started_through_it(tmp_path):
    name = f"cnn-grader-test-{tmp_path.name}"
    group = cgroups.create(name, 300 * 2**20, 64)
    try:
        memory = "memory.limit_in_bytes" if group.version == 1 else "memory.max"
        assert int((group.folders[0] / memory).read_text()) == 300 * 2**20
        pids = group.folders[1] if group.version == 1 else group.folders[0]
        assert (pids / "pids.max").read_text().strip() == "64"
        if cgroups.limits_cpu():  # v1: a third folder, in the cpu hierarchy
            quota = ((group.folders[2] / "cpu.cfs_quota_us").read_text().split() if group.version == 1
                     else (group.folders[0] / "cpu.max").read_text().split()[:1])
            assert quota == [str(cgroups.KERNEL_CPUS * cgroups.PERIOD_US)]
        done = subprocess.run(group.join_argv([sys.executable, "-S", "-c", "print(open('/proc/self/cgroup').read())"]),
                              capture_output=True, text=True, check=True)
        inside = [line for line in done.stdout.splitlines() if line.endswith(f"/cnn-grader/{name}")]
        assert len(inside) == len(group.folders)  # one line per hierarchy (v1: memory, pids, cpu)
        assert group.oom_kills() == 0
    finally:
        group.remove()
    assert not any(folder.exists() for folder in group.folders)


def test_memory_past_the_limit_kills_inside_the_group_and_is_counted(tmp_path):
    group = cgroups.create(f"cnn-grader-test-{tmp_path.name}", 200 * 2**20, 64)
    code = "import mmap\nm = mmap.mmap(-1, 400 * 2**20)\nfor i in range(0, len(m), 4096):\n    m[i] = 1\n"
    try:
        done = subprocess.run(group.join_argv([sys.executable, "-S", "-c", code]), capture_output=True)
        assert done.returncode == -9  # SIGKILL from the kernel's OOM killer, in this group only
        assert group.oom_kills() == 1
    finally:
        group.remove()
