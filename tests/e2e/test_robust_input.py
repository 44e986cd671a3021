"""The batch's input side and bookkeeping under hostile conditions, with the real `grade` command
and real kernels: a coordinator stopped by SIGTERM (a job scheduler, `timeout`, `kill PID`)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from pathlib import Path

from helpers import FIXTURES, REPO, run_grade

NOTEBOOK = FIXTURES / "conv_numpy" / "conv_forward_no_padding.ipynb"


def _committed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            return con.execute("SELECT count(*) FROM graded").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _session_processes(sid: int) -> list[int]:
    """Every living process of the session `sid` (the grader's, its workers', their kernels')."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.getsid(int(entry)) == sid:
                state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
                found.append(int(entry)) if state != "Z" else None
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
    return found


def test_sigterm_to_the_grader_stops_its_workers_and_kernels_and_the_rerun_resumes(tmp_path):
    # SIGTERM killed the coordinator alone: its pool workers and their sandboxed warm kernels
    # stayed behind forever (orphans holding memory), one set per stopped run
    subs = tmp_path / "subs"
    for n in range(16):
        (subs / f"s{n:02d}").mkdir(parents=True)
        shutil.copy(NOTEBOOK, subs / f"s{n:02d}" / "conv_numpy.ipynb")
    out = tmp_path / "out"
    args = [str(subs), "--out", str(out), "--seed", "7", "--workers", "2"]
    process = subprocess.Popen([sys.executable, "-m", "grader", *args], cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while _committed(out / "gradebook.sqlite") < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the batch ended before it could be stopped"
        process.send_signal(signal.SIGTERM)  # the coordinator alone, as `kill PID` does
        process.wait(timeout=60)
        left = []
        for _ in range(100):  # the workers' cleanup may take a moment after the coordinator left
            left = _session_processes(process.pid)
            if not left:
                break
            time.sleep(0.2)
        assert left == [], [Path(f"/proc/{p}/cmdline").read_bytes()[:120] for p in left]
        assert "interrupted" in process.stderr.read()
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
    kept = _committed(out / "gradebook.sqlite")
    assert 2 <= kept < 16 and not (out / "results.json").exists()
    done = run_grade(*args)
    assert done.returncode == 0, done.stderr
    assert f"{16 - kept} graded now and {kept} from the gradebook" in done.stdout


def _subs(root: Path, count: int) -> Path:
    for n in range(count):
        (root / f"s{n:02d}").mkdir(parents=True)
        shutil.copy(NOTEBOOK, root / f"s{n:02d}" / "conv_numpy.ipynb")
    return root


def test_an_output_folder_that_cannot_be_made_is_a_message_not_a_traceback(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    done = run_grade(str(_subs(tmp_path / "subs", 1)), "--out", str(tmp_path / "a-file" / "out"))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"cannot write or read {tmp_path / 'a-file' / 'out'} (Not a directory)" in done.stderr


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MiB tmpfs of our own (root only), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)]).returncode:
        pytest.skip("needs root to mount a small tmpfs")
    yield disk
    subprocess.run(["umount", "-l", str(disk)])


def test_a_full_disk_mid_batch_is_a_message_and_the_rerun_keeps_what_was_graded(tmp_path, small_disk):
    # the gradebook's write failing with "database or disk is full" crashed with a traceback
    subs = _subs(tmp_path / "subs", 12)
    out = small_disk / "out"
    args = [str(subs), "--out", str(out), "--seed", "7", "--workers", "2"]
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (3 * 1024 * 1024 - 300 * 1024))  # room for the gradebook and a few results
    done = run_grade(*args)
    last = done.stderr.strip().splitlines()[-1]  # the stopped workers may print their own exits above it
    assert done.returncode == 1 and last.startswith("grade: the grader cannot go on: "), done.stderr
    assert "cannot be written (database or disk is full)" in last or "No space left on device" in last, last
    kept = _committed(out / "gradebook.sqlite")
    filler.unlink()
    again = run_grade(*args)
    assert again.returncode == 0, again.stderr
    assert f"{12 - kept} graded now and {kept} from the gradebook" in again.stdout


def test_a_course_file_naming_an_assignment_the_grader_lacks_stops_before_grading(tmp_path):
    # `[assignments.conv_nunpy]` (a typo): conv_numpy was graded with no deadline, no late penalty
    # for anyone, and grades.csv gained a conv_nunpy column of zeros, every student "missing" it
    course = tmp_path / "course.toml"
    course.write_text("[late]\npenalty = 10\n[assignments.conv_nunpy]\ndeadline = 2026-03-15T23:59:00+09:00\n")
    out = tmp_path / "out"
    done = run_grade(str(_subs(tmp_path / "subs", 1)), "--out", str(out), "--course", str(course))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "[assignments.conv_nunpy] names no assignment of this grader (known: " in done.stderr
    assert "conv_numpy" in done.stderr and not (out / "gradebook.sqlite").exists()


def test_a_second_sigterm_while_stopping_does_not_orphan_the_workers(tmp_path):
    # a service manager or an impatient TA signals twice: the second SIGTERM interrupted the
    # stopping of the workers, and they stayed behind with their kernels
    subs = _subs(tmp_path / "subs", 16)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "grader", str(subs), "--out", str(out), "--seed", "7",
                                "--workers", "2"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while _committed(out / "gradebook.sqlite") < 1 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the batch ended before it could be stopped"
        process.send_signal(signal.SIGTERM)
        time.sleep(0.05)
        for _ in range(3):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            time.sleep(0.02)
        process.wait(timeout=60)
        left = []
        for _ in range(100):
            left = _session_processes(process.pid)
            if not left:
                break
            time.sleep(0.2)
        assert left == [], [Path(f"/proc/{p}/cmdline").read_bytes()[:120] for p in left]
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
