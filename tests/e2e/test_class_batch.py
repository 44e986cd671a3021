"""A TA's batch for real: 40 submissions in student folders, an LMS .zip export and Tobigs file
names; a second run reuses the gradebook; a batch killed with SIGKILL resumes to the same
results.json; a Dask cluster of two workers gives the same results as local processes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from helpers import REPO, SEED, run_grade

CONV = REPO / "assignments/conv_numpy/examples"
PARAMS = REPO / "assignments/alexnet_params/examples"
CONV_SCORES = {"correct": 10.0, "no_bias": 7.5, "pad_crop": 9.0, "pool_overwrite": 9.0}
PARAMS_SCORES = {"correct": 16.5, "no_bias": 8.5}
TOTAL = 40


def fast_copy(source: Path, keep_metadata: bool = True) -> str:
    """A conv_numpy notebook with only its imports and definitions (its slow self-checks
    dropped); an alexnet_params one (cheap already) as it is, its metadata dropped on request."""
    nb = nbformat.read(source, as_version=4)
    if nb.metadata.get("grader", {}).get("assignment") == "conv_numpy":
        nb.cells = [c for c in nb.cells if c.cell_type == "code" and ("def " in c.source or "import" in c.source)]
    if not keep_metadata:
        nb.metadata.pop("grader", None)
    return nbformat.writes(nb)


def build_class(root: Path) -> tuple[list[str], dict[str, tuple[str, float | None]]]:
    """The PATHs to grade and, per student, the assignment and score expected."""
    expected, variants = {}, sorted(CONV_SCORES)
    folders = root / "submissions"
    for i in range(24):  # 23 student folders, some nested deeper, and one broken notebook
        student, variant = f"s{i:02d}", variants[i % 4]
        where = folders / student / ("hw3/final" if i % 5 == 0 else "") / "conv_numpy.ipynb"
        where.parent.mkdir(parents=True, exist_ok=True)
        broken = i == 23
        where.write_text("{ not json" if broken else fast_copy(CONV / variant / "conv_numpy.ipynb"))
        expected[student] = ("conv_numpy", None if broken else CONV_SCORES[variant])
    (folders / "s00" / "notes.txt").write_text("not a notebook")
    archive = root / "lms_export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(24, 32):
            variant = variants[i % 4]
            zf.writestr(f"z{i:02d}/conv_numpy.ipynb", fast_copy(CONV / variant / "conv_numpy.ipynb"))
            expected[f"z{i:02d}"] = ("conv_numpy", CONV_SCORES[variant])
    tobigs = root / "tobigs"
    for i in range(32, 40):  # no grader metadata: the Tobigs file name tells the assignment
        variant = sorted(PARAMS_SCORES)[i % 2]
        where = tobigs / f"t{i:02d}" / "week7_CNNbasic_AlexNet_parameters.ipynb"
        where.parent.mkdir(parents=True)
        where.write_text(fast_copy(PARAMS / variant / "alexnet_params.ipynb", keep_metadata=False))
        expected[f"t{i:02d}"] = ("alexnet_params", PARAMS_SCORES[variant])
    return [str(folders), str(archive), str(tobigs)], expected


def grade(paths: list[str], out: Path, *extra: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    done = run_grade(*paths, "--out", str(out), "--seed", str(SEED), "--workers", "2", *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done, time.monotonic() - started


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The class, graded once without interruption: (paths, expected, out, seconds, stdout)."""
    root = tmp_path_factory.mktemp("class")
    paths, expected = build_class(root)
    out = root / "out"
    done, seconds = grade(paths, out)
    return paths, expected, out, seconds, done.stdout


def test_forty_submissions_give_forty_results(batch):
    paths, expected, out, _, stdout = batch
    results = json.loads((out / "results.json").read_text())
    got = {s["student"]: (s["assignment"], s["score"] if s["status"] == "graded" else None)
           for s in results["submissions"]}
    assert len(results["submissions"]) == TOTAL and got == expected
    assert [s["path"] for s in results["skipped"]] == [str(Path(paths[0]) / "s00" / "notes.txt")]
    assert f"{TOTAL} graded now and 0 from the gradebook, 1 could not be graded, 1 file(s) skipped" in stdout


def test_outputs_of_the_batch(batch):
    _, expected, out, _, _ = batch
    rows = (out / "grades.csv").read_text().splitlines()
    assert rows[0] == "student,alexnet_params,conv_numpy,total" and len(rows) == TOTAL + 1
    assert "s01,,7.5,7.5" in rows and "s23,,0,0" in rows and "t32,16.5,,16.5" in rows
    index = (out / "index.html").read_text()
    assert "<svg" in index and "<script" not in index and "s23/conv_numpy.html" in index
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        assert db.execute("SELECT count(*) FROM graded").fetchone()[0] == TOTAL


def test_a_second_run_is_fast_and_changes_nothing(batch):
    paths, _, out, first_seconds, _ = batch
    before = {name: (out / name).read_bytes() for name in ("results.json", "grades.csv", "index.html")}
    done, seconds = grade(paths, out)
    assert f"0 graded now and {TOTAL} from the gradebook" in done.stdout
    assert seconds < first_seconds / 4, (seconds, first_seconds)
    assert {name: (out / name).read_bytes() for name in before} == before


def _committed(gradebook: Path) -> int:
    try:
        with sqlite3.connect(gradebook, timeout=5) as db:
            return db.execute("SELECT count(*) FROM graded").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_batch_killed_mid_way_resumes_to_the_same_results(batch, tmp_path):
    paths, _, uninterrupted, _, _ = batch
    out = tmp_path / "out"
    command = [sys.executable, "-m", "grader", *paths, "--out", str(out), "--seed", str(SEED), "--workers", "2"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while _committed(out / "gradebook.sqlite") < 8 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    kept = _committed(out / "gradebook.sqlite")
    assert 8 <= kept < TOTAL and not (out / "results.json").exists()
    done, _ = grade(paths, out)
    assert f"{TOTAL - kept} graded now and {kept} from the gradebook" in done.stdout
    assert (out / "results.json").read_bytes() == (uninterrupted / "results.json").read_bytes()
    assert (out / "grades.csv").read_bytes() == (uninterrupted / "grades.csv").read_bytes()


@pytest.fixture
def dask_cluster(tmp_path):
    """A real `dask scheduler` and two `dask worker` processes on 127.0.0.1; yields the address."""
    env = os.environ | {"PYTHONPATH": str(REPO)}
    scheduler_file = tmp_path / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    started = [subprocess.Popen(dask + ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                        "--scheduler-file", str(scheduler_file)],
                                cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)]
    try:
        _wait_for(lambda: scheduler_file.exists() and json.loads(scheduler_file.read_text() or "{}").get("address"))
        address = json.loads(scheduler_file.read_text())["address"]
        for n in range(2):
            started.append(subprocess.Popen(
                dask + ["worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1",
                        "--local-directory", str(tmp_path / f"worker{n}")],
                cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            os.killpg(process.pid, signal.SIGTERM)
        for process in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except ValueError:  # the file is being written
            pass
        time.sleep(0.1)
    raise TimeoutError("the Dask scheduler did not start")


def test_a_dask_cluster_gives_the_same_results(batch, dask_cluster, tmp_path):
    paths, _, local, _, _ = batch
    out = tmp_path / "out"
    done, _ = grade(paths, out, "--scheduler", dask_cluster)
    assert f"on Dask scheduler {dask_cluster}" in done.stdout
    assert f"{TOTAL} graded now" in done.stdout
    assert (out / "results.json").read_bytes() == (local / "results.json").read_bytes()
