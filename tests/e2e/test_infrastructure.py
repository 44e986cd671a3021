"""Failures of the machine are not the student's (issue 12, finding 1), with real kernels: a
kernel that cannot start, a warm-kernel process that dies under a running kernel, and a kernel
the OOM killer took are retried, never kept as a grade; a kernel that dies by its own doing
stays the student's."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import signal
import tempfile
import threading
import time
import uuid

import psutil
import pytest

from grader import infra
from grader.batch import process_pool, run_batch
from grader.discover import Submission
from grader.grade import grade_submission
from grader.rubric import load_all
from grader.sandbox import choose
from grader.seed import given_secret
from grader.store import Gradebook
from grader.warm import WarmKernels, supported
from helpers import REPO, SEED

ASSIGNMENTS = load_all()
SANDBOX = choose()
SOLUTION = (REPO / "solutions/conv_numpy/reference_numpy.py").read_text()
FULL = ASSIGNMENTS["conv_numpy"].max_score


def submission(student: str, *cells: str) -> Submission:
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"grader": {"assignment": "conv_numpy"}},
          "cells": [{"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None}
                    for c in cells]}
    data = json.dumps(nb).encode()
    return Submission(student, f"subs/{student}/conv_numpy.ipynb", data, hashlib.sha256(data).hexdigest(), "conv_numpy")


@pytest.fixture
def quick_retries(monkeypatch):
    monkeypatch.setattr(infra, "BACKOFF_SECONDS", (0.5,))


def test_a_kernel_that_cannot_start_is_not_graded_not_kept_and_graded_next_run(tmp_path, quick_retries):
    sub = submission("ann", SOLUTION)
    # a kernel given 16 MiB cannot even import ipykernel: it dies before it answers, as a
    # kernel does whose start the machine cannot complete (no student code has run in it)
    starved = choose(None, type(SANDBOX.limits)(memory_bytes=16 * 1024 ** 2))
    with Gradebook(tmp_path / "gradebook.sqlite") as book:
        first = run_batch([sub], ASSIGNMENTS, given_secret(SEED), book, process_pool(1, starved))
        (result,) = first.results
        assert result.retry and result.status == "error"
        assert result.message.startswith("not graded: the grading kernel could not be started (")
        assert result.message.endswith("; it will be graded again on the next run")
        assert result.to_json()["retry"] is True
        assert book.count() == 0
        second = run_batch([sub], ASSIGNMENTS, given_secret(SEED), book, process_pool(1, SANDBOX))
        assert second.reused == 0
        assert (second.results[0].status, second.results[0].score) == ("graded", FULL)
        assert book.count() == 1


MARKER = f"cell-started-{uuid.uuid4().hex}"
SLEEP_THEN_DEFINE = f"open({MARKER!r}, 'w').close()\nimport time\ntime.sleep(6)\n" + SOLUTION
"""A cell that says it runs (a file in the kernel's scratch folder), sleeps, then defines everything."""


def _running_the_cell(under: str) -> bool:
    return bool(glob.glob(os.path.join(under, "cnn-grader-*", "work", MARKER)))


@pytest.mark.skipif(not supported(SANDBOX), reason="warm kernels need bubblewrap and a root grader")
def test_a_warm_process_that_dies_under_a_running_kernel_costs_the_student_nothing(quick_retries):
    warm = WarmKernels(SANDBOX)
    killed = []

    def kill_the_zygote():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            zygote = next(iter(warm.zygotes.values()), None)
            if zygote is not None and _running_the_cell(str(warm.root)):
                time.sleep(1.0)  # the kernel is in the cell that sleeps (and defines everything)
                os.killpg(zygote.process.pid, signal.SIGKILL)
                killed.append(zygote.process.pid)
            time.sleep(0.1)

    killer = threading.Thread(target=kill_the_zygote)
    killer.start()
    try:
        result = grade_submission(submission("bo", SLEEP_THEN_DEFINE), ASSIGNMENTS, SEED, SANDBOX, "en", warm)
    finally:
        killed.append(None)
        killer.join()
        warm.remove()
    assert killed[0] is not None
    assert (result.status, result.score) == ("graded", FULL), result.message or result.cells
    assert result.cells == ()  # the cell the kernel died in was run again, not skipped


SELF_KILL = "import os\nos._exit(3)\n"


def test_a_kernel_killing_itself_is_the_students(tmp_path, monkeypatch):
    vmstat = tmp_path / "vmstat"
    vmstat.write_text("nr_free_pages 1\noom_kill 7\n")
    monkeypatch.setattr(infra, "VMSTAT", str(vmstat))
    result = grade_submission(submission("cy", SOLUTION, SELF_KILL), ASSIGNMENTS, SEED, SANDBOX, "en")
    assert not result.retry
    assert (result.status, result.score) == ("graded", FULL)
    assert [(c.index, c.status) for c in result.cells] == [(1, "died")]


def _kernels() -> list[psutil.Process]:
    return [p for p in psutil.Process().children(recursive=True)
            if "ipykernel_launcher" in " ".join(_cmdline(p))]


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


def _kill_kernels_after(seconds: float, before_kill=lambda: None) -> tuple[threading.Thread, list]:
    """A thread that waits for a kernel of this process to run the sleeping cell, then does
    what the machine's OOM killer does: SIGKILL (after `before_kill`, such as counting the kill)."""
    killed: list = []

    def kill() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            kernels = _kernels()
            if kernels and _running_the_cell(tempfile.gettempdir()):
                time.sleep(seconds)
                before_kill()
                for kernel in kernels:
                    kernel.send_signal(signal.SIGKILL)
                killed.append(kernels[0].pid)
            time.sleep(0.1)

    thread = threading.Thread(target=kill)
    thread.start()
    return thread, killed


def test_a_kernel_the_oom_killer_took_is_graded_again_at_no_cost(tmp_path, monkeypatch, quick_retries):
    vmstat = tmp_path / "vmstat"
    vmstat.write_text("oom_kill 7\n")
    monkeypatch.setattr(infra, "VMSTAT", str(vmstat))
    thread, killed = _kill_kernels_after(1.0, lambda: vmstat.write_text("oom_kill 8\n"))
    try:
        result = grade_submission(submission("di", SLEEP_THEN_DEFINE), ASSIGNMENTS, SEED, SANDBOX, "en")
    finally:
        killed.append(None)
        thread.join()
    assert killed[0] is not None
    assert (result.status, result.score) == ("graded", FULL), result.message or result.cells
    assert result.cells == ()  # the cell the kernel was killed in was run again, not skipped


def test_a_kernel_killed_while_nothing_ran_out_of_memory_is_the_students(tmp_path, monkeypatch):
    vmstat = tmp_path / "vmstat"
    vmstat.write_text("oom_kill 7\n")
    monkeypatch.setattr(infra, "VMSTAT", str(vmstat))
    thread, killed = _kill_kernels_after(1.0)
    try:
        result = grade_submission(submission("el", SLEEP_THEN_DEFINE), ASSIGNMENTS, SEED, SANDBOX, "en")
    finally:
        killed.append(None)
        thread.join()
    assert killed[0] is not None
    assert not result.retry and result.status == "graded"
    assert [(c.index, c.status) for c in result.cells] == [(0, "died")]  # and its functions are missing
    assert result.score == 0


def test_a_kernel_over_its_own_memory_limit_stays_the_students(tmp_path):
    box = choose(None, type(SANDBOX.limits)(memory_bytes=512 * 1024 ** 2))
    hog = "import numpy as np\nhog = np.ones((1024, 1024, 1024), dtype=np.uint8)\n"
    result = grade_submission(submission("ed", SOLUTION, hog), ASSIGNMENTS, SEED, box, "en")
    assert not result.retry
    assert (result.status, result.score) == ("graded", FULL)
    assert [(c.index, c.status, c.ename) for c in result.cells] == [(1, "error", "MemoryError")]
