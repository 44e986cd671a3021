"""Dask workers isolate kernels as the coordinator asks: `--memory` reaches a worker's kernels
(RLIMIT_DATA as read inside the notebook), and a worker that cannot reach the level asked for
(started where bubblewrap is not found) refuses, naming itself; its submissions are not graded
and never kept as a grade. A real scheduler and real workers on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from helpers import REPO, run_grade

MEMORY_GIB = 1.5
READS_LIMIT = "import resource\nConv_1 = resource.getrlimit(resource.RLIMIT_DATA)[0]"


def _wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except ValueError:  # a file being written
            pass
        time.sleep(0.2)
    raise TimeoutError(what)


class Cluster:
    """A `dask scheduler` on 127.0.0.1 and the `dask worker` processes started on it."""

    def __init__(self, root: Path):
        self.root, self.processes = root, []
        self.env = os.environ | {"PYTHONPATH": str(REPO)}
        scheduler_file = root / "scheduler.json"
        self._start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(scheduler_file)], self.env)
        _wait_for(lambda: scheduler_file.exists() and json.loads(scheduler_file.read_text() or "{}").get("address"),
                  "the Dask scheduler did not start")
        self.address = json.loads(scheduler_file.read_text())["address"]

    def _start(self, args: list[str], env: dict) -> None:
        self.processes.append(subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=self.root, env=env,
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                               start_new_session=True))

    def workers(self) -> set[str]:
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            return set(client.scheduler_info(n_workers=-1)["workers"])

    def add_worker(self, name: str, env: dict | None = None) -> str:
        """Start one single-threaded worker; its address once it has joined."""
        before = self.workers()
        self._start(["worker", self.address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1",
                     "--local-directory", str(self.root / name)], env or self.env)
        _wait_for(lambda: self.workers() - before, f"worker {name} did not join")
        (address,) = self.workers() - before
        return address

    def stop(self) -> None:
        for process in reversed(self.processes):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:  # a test killed it already
                pass
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def no_bubblewrap(cluster, tmp_path_factory) -> str:
    """A worker whose PATH holds no program at all: bubblewrap (and unshare) are not found, so
    the strongest level it can give is "limits". Its address."""
    empty = tmp_path_factory.mktemp("empty-path")
    return cluster.add_worker("weak", cluster.env | {"PATH": str(empty)})


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory) -> Path:
    """Two students whose notebooks set Conv_1 to the RLIMIT_DATA their kernel runs under."""
    root = tmp_path_factory.mktemp("subs")
    for student in ("ann", "bo"):
        nb = nbformat.v4.new_notebook(metadata={"grader": {"assignment": "alexnet_params"}})
        nb.cells = [nbformat.v4.new_code_cell(READS_LIMIT), nbformat.v4.new_code_cell(f"# {student}")]
        (root / student).mkdir()
        nbformat.write(nb, root / student / "alexnet_params.ipynb")
    return root


def grade_on(cluster: Cluster, folder: Path, out: Path):
    done = run_grade(str(folder), "--out", str(out), "--scheduler", cluster.address, "--memory", str(MEMORY_GIB))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done, json.loads((out / "results.json").read_text())["submissions"]


def kept(out: Path) -> int:
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        return db.execute("SELECT count(*) FROM graded").fetchone()[0]


def test_a_worker_that_cannot_reach_the_level_refuses_and_nothing_is_graded(cluster, no_bubblewrap, class_folder,
                                                                             tmp_path):
    done, submissions = grade_on(cluster, class_folder, tmp_path / "out")
    says = f"the Dask worker {no_bubblewrap} cannot grade with the isolation asked for"
    assert f"grade: {says}" in done.stderr and "'limits'" in done.stderr
    assert [s["status"] for s in submissions] == ["error", "error"]
    assert all(s["message"].startswith(says) and not s["checks"] for s in submissions)
    assert "2 could not be graded" in done.stdout
    assert kept(tmp_path / "out") == 0  # never kept as a grade: the next run tries again


def test_memory_reaches_the_workers_kernels_and_the_refusing_worker_is_left_out(cluster, no_bubblewrap, class_folder,
                                                                                 tmp_path):
    able = cluster.add_worker("able")
    done, submissions = grade_on(cluster, class_folder, tmp_path / "out")
    assert f"grade: the Dask worker {no_bubblewrap} cannot grade" in done.stderr and able not in done.stderr
    limit = int(MEMORY_GIB * 1024**3)
    for s in submissions:
        assert s["status"] == "graded", s
        (conv_1,) = [c for c in s["checks"] if c["id"] == "Conv_1"]
        assert conv_1["message"].startswith(f"`Conv_1` = {limit:,} "), conv_1
        assert any(f"memory {limit // 1024**2} MiB" in layer for layer in s["isolation"])
        assert any("bubblewrap" in layer for layer in s["isolation"])
    assert kept(tmp_path / "out") == 2
