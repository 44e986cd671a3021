"""A fault is charged to the cases it happened in (issue 12, finding 6), with real kernels: a
forward that hangs on one hidden case costs that case and the backward case whose forward call
hangs the same way, nothing else (main zeroed every backward case); a submission's time budget
ends what is left as timeouts."""

from __future__ import annotations

import dataclasses
import time

import pytest

from grader import rubric
from grader.grade import grade_submission
from grader.sandbox import choose
from helpers import SEED
from test_infrastructure import SOLUTION, submission

CALL_TIMEOUT = 4
ASSIGNMENTS = rubric.with_timeouts(rubric.load_all(), None, CALL_TIMEOUT)
SANDBOX = choose()

HANG_ON_3X1 = """
_solved_forward = conv_forward_naive
def conv_forward_naive(x, w, b, conv_param):
    if w.shape[3] == 1:  # only the hidden case `kernel3x1` has a 3x1 kernel
        while True:
            pass
    return _solved_forward(x, w, b, conv_param)
"""


def test_a_forward_hanging_on_one_case_costs_that_case_and_its_backward_only():
    result = grade_submission(submission("fay", SOLUTION, HANG_ON_3X1), ASSIGNMENTS, SEED, SANDBOX, "en")
    assert result.status == "graded"
    problems = {c.id: c for c in result.checks if c.status != "pass"}
    assert sorted(problems) == ["conv_backward_naive/kernel3x1", "conv_forward_naive/kernel3x1"]
    # the backward case calls the forward on its own 3x1 kernel: that call hangs as well
    assert {c.status for c in problems.values()} == {"timeout"}
    lost = sum(c.max_score for c in problems.values())
    assert result.score == pytest.approx(result.max_score - lost, abs=1e-5)


ALWAYS_HANGS = "def conv_forward_naive(x, w, b, conv_param):\n    while True:\n        pass\n"


def test_the_submission_budget_ends_the_remaining_checks_as_timeouts():
    budget = 25.0
    assignments = {name: dataclasses.replace(a, submission_timeout=budget) for name, a in ASSIGNMENTS.items()}
    started = time.monotonic()
    result = grade_submission(submission("gus", SOLUTION, ALWAYS_HANGS), assignments, SEED, SANDBOX, "en")
    elapsed = time.monotonic() - started
    spent = [c for c in result.checks if "time budget of 25 s was spent" in c.message]
    assert spent and all(c.status == "timeout" and c.score == 0 for c in spent), [(c.id, c.message) for c in result.checks]
    assert not any(c.status == "pass" for c in result.checks if c.id.startswith("conv_"))
    # the budget is checked between kernel restarts: at most one more call and restart past it
    assert elapsed < budget + CALL_TIMEOUT + 30, elapsed
