"""Dask workers that leave in the middle of a batch: the batch never waits for them forever.
When every worker allowed to grade has left, the coordinator asks the workers there are now,
sends the unfinished submissions to those that accept, and, with none, ends them as "not
graded, graded on the next run" (never kept). A real scheduler and real workers on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import REPO
from procmem import descendants
from test_cluster_isolation import Cluster, _wait_for, kept

SLOW_CELL = "import time\ntime.sleep(6)\nConv_1 = 34944"


@pytest.fixture
def cluster(tmp_path):
    (tmp_path / "cluster").mkdir()
    cluster = Cluster(tmp_path / "cluster")
    try:
        yield cluster
    finally:
        cluster.stop()


def class_folder(root: Path, students: int = 2) -> Path:
    """alexnet_params notebooks whose only cell takes a few seconds: time to lose a worker."""
    for i in range(students):
        nb = nbformat.v4.new_notebook(metadata={"grader": {"assignment": "alexnet_params"}})
        nb.cells = [nbformat.v4.new_code_cell(SLOW_CELL)]
        (root / f"s{i}").mkdir(parents=True)
        nbformat.write(nb, root / f"s{i}" / "alexnet_params.ipynb")
    return root


def start_grading(cluster: Cluster, folder: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "grader", str(folder), "--out", str(out), "--scheduler",
                             cluster.address], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_worker_once_busy(worker_process: subprocess.Popen) -> None:
    """Wait until the worker runs a kernel (a descendant running ipykernel), then kill the
    worker, its nanny's worker process and everything they started."""
    def running_a_kernel() -> bool:
        for pid in descendants(worker_process.pid):
            try:
                if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return True
            except OSError:
                continue
        return False
    _wait_for(running_a_kernel, "the worker never started a kernel", timeout=180)
    os.killpg(worker_process.pid, signal.SIGKILL)
    worker_process.wait()


def finish(grading: subprocess.Popen, timeout: float = 300) -> tuple[str, str]:
    try:
        return grading.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        grading.kill()
        stdout, stderr = grading.communicate()
        pytest.fail(f"the batch still waited for a lost worker after {timeout} s:\n{stdout}\n{stderr}")


def test_with_every_worker_gone_the_batch_ends_and_keeps_nothing(cluster, tmp_path):
    cluster.add_worker("only")
    grading = start_grading(cluster, class_folder(tmp_path / "subs"), tmp_path / "out")
    kill_worker_once_busy(cluster.processes[-1])
    stdout, stderr = finish(grading)
    assert grading.returncode == 0, stdout + stderr
    assert "Traceback" not in stderr, stderr
    submissions = json.loads((tmp_path / "out/results.json").read_text())["submissions"]
    assert [s["status"] for s in submissions] == ["error", "error"]
    assert all("not graded" in s["message"] and not s["checks"] for s in submissions), submissions
    assert kept(tmp_path / "out") == 0


def test_a_worker_that_joins_after_the_others_left_takes_their_submissions(cluster, tmp_path):
    cluster.add_worker("first")
    grading = start_grading(cluster, class_folder(tmp_path / "subs"), tmp_path / "out")
    kill_worker_once_busy(cluster.processes[-1])
    cluster.add_worker("second")
    stdout, stderr = finish(grading)
    assert grading.returncode == 0, stdout + stderr
    assert "Traceback" not in stderr, stderr
    submissions = json.loads((tmp_path / "out/results.json").read_text())["submissions"]
    assert [s["status"] for s in submissions] == ["graded", "graded"], submissions
    assert kept(tmp_path / "out") == 2
