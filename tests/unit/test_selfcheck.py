"""Unit tests of grader/selfcheck.py and grader/check_cli.py without kernels: which assignment and
names a check() call means, what the checker selects, how the verdict reads, and that importing
`check` stays light."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from grader import rubric
from grader.check_cli import public_checks, verdict_text
from grader.errors import CheckRequestError
from grader.execute import kernel_environment
from grader.messages import say
from grader.results import CellSummary, CheckResult, SubmissionResult
from grader.selfcheck import GRADING_KERNEL, check, history_cells, infer_assignment, resolve

ASSIGNMENTS = rubric.load_all()
REPO = Path(__file__).resolve().parents[2]


def graded_names(name):
    return [g.name for g in ASSIGNMENTS[name].graded]


def request_error(*args, lang="en"):
    with pytest.raises(CheckRequestError) as info:
        resolve(*args, ASSIGNMENTS, {}, None, lang)
    return info.value.message


@pytest.mark.parametrize("assignment", sorted(ASSIGNMENTS))
def test_every_graded_name_finds_its_assignment(assignment):
    for name in graded_names(assignment):
        assert resolve(name, None, ASSIGNMENTS, {}, None, "en") == (assignment, [name])


def test_a_function_itself_stands_for_its_name():
    def conv_forward_naive(x, w, b, conv_param):
        return x

    assert resolve(conv_forward_naive, None, ASSIGNMENTS, {}, None, "en") == ("conv_numpy", ["conv_forward_naive"])


def test_an_unknown_name_lists_every_graded_name_and_guesses_the_closest():
    message = request_error("conv_forward", None)
    assert message.startswith("`conv_forward` is not a graded name (did you mean `conv_forward_naive`?)")
    for assignment in ASSIGNMENTS:
        assert f"{assignment}: {', '.join(graded_names(assignment))}" in message


def test_the_unknown_name_message_in_korean():
    message = request_error("Conv1", None, lang="ko")
    assert message.startswith("`Conv1`은(는) 채점 대상 이름이 아닙니다 (`Conv_1`을(를) 찾으셨나요?)")


def test_a_name_of_another_assignment_than_the_one_given():
    message = request_error("Conv_1", "conv_numpy")
    assert "conv_numpy: conv_forward_naive" in message and "alexnet_params" not in message


def test_an_unknown_assignment_lists_the_known_ones():
    assert request_error("Conv_1", "alexnet") == say("check.unknown_assignment", "en", assignment="alexnet",
                                                     known=", ".join(ASSIGNMENTS))


def test_not_a_name_at_all():
    assert request_error(34944, None).startswith("check() takes a graded name as a string")


def test_no_name_checks_every_graded_name_of_the_assignment_the_namespace_defines():
    namespace = {"np": None, "conv_forward_naive": None, "rel_error": None}
    assert resolve(None, None, ASSIGNMENTS, namespace, None, "en") == ("conv_numpy", graded_names("conv_numpy"))
    assert infer_assignment(ASSIGNMENTS, {"AlexNet": None}, None) == "alexnet_model"


def test_no_name_and_nothing_to_tell_the_assignment_by_asks_for_a_name():
    assert request_error(None, None).startswith("check() cannot tell which assignment this notebook is")
    both = {"conv_forward_naive": None, "Conv_1": None}
    with pytest.raises(CheckRequestError):
        resolve(None, None, ASSIGNMENTS, both, None, "en")


def test_the_notebook_file_tells_the_assignment_first(tmp_path):
    notebook = tmp_path / "week7_CNNbasic_AlexNet_parameters.ipynb"
    notebook.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}))
    assert infer_assignment(ASSIGNMENTS, {"conv_forward_naive": None}, str(notebook)) == "alexnet_params"
    elsewhere = "course/week7/conv_numpy_kim.ipynb"  # a path relative to the Jupyter server's root
    assert infer_assignment(ASSIGNMENTS, {"Conv_1": None}, elsewhere) == "conv_numpy"


def test_the_history_replays_up_to_the_running_check():
    raw = ["", "import numpy as np", "from grader import check\nx = 1\ncheck('f')\ny = 2"]
    assert history_cells(raw) == ["import numpy as np", "x = 1\n"]


def test_check_does_nothing_in_a_kernel_the_grader_started(monkeypatch, capsys, tmp_path):
    assert kernel_environment(tmp_path)[GRADING_KERNEL] == "1"
    monkeypatch.setenv(GRADING_KERNEL, "1")
    assert check("conv_forward_naive") is None
    assert capsys.readouterr().out == ""


def test_check_outside_ipython_says_where_it_works(monkeypatch, capsys):
    monkeypatch.delenv(GRADING_KERNEL, raising=False)
    check("conv_forward_naive", lang="en")
    assert capsys.readouterr().out.strip() == say("check.no_ipython", "en")


def test_importing_check_loads_neither_numpy_nor_the_engine():
    code = ("import sys; from grader import check; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('grader', 'numpy', 'torch', 'nbclient')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["['grader']"]


# ---- the checker: what it selects and how the verdict reads ----

def cases_of(assignment):
    return {g.name: [c.name for c in g.cases] for g in assignment.graded}


def test_the_checker_keeps_the_public_cases_and_a_backward_names_forward_without_cases():
    full = ASSIGNMENTS["conv_numpy"]
    reduced = public_checks(full, ["conv_backward_naive"])
    public = [c.name for c in next(g for g in full.graded if g.name == "conv_backward_naive").cases if c.public]
    assert public and len(public) < len(next(g for g in full.graded if g.name == "conv_backward_naive").cases)
    assert cases_of(reduced) == {"conv_forward_naive": [], "conv_backward_naive": public}
    assert reduced.rubric_sha256 != full.rubric_sha256


def test_a_name_without_public_cases_keeps_them_all():
    full = ASSIGNMENTS["alexnet_model"]
    assert cases_of(public_checks(full, ["output_shape"])) == {"output_shape": cases_of(full)["output_shape"]}


def result_of(*checks, cells=()):
    return SubmissionResult("you", "conv_numpy", "x.ipynb", "graded", 0.0, 10.0, checks=checks, cells=cells)


def test_the_verdict_gives_each_case_its_message_and_the_first_detail():
    failed = CheckResult("conv_forward_naive/public", "fail", 0.0, 1.0, "`out` has shape (1,), expected (2,)",
                         hint="Padding ignored.", public=True)
    raised = CheckResult("conv_backward_naive/public", "error", 0.0, 1.0, "`conv_backward_naive` raised KeyError: 'x'",
                         traceback='Traceback (most recent call last):\n  File "/tmp/ipykernel_1/2.py", line 7, '
                                   "in conv_backward_naive\n    x = cache['x']\nKeyError: 'x'", public=True)
    cell = CellSummary(3, "error", "NameError", "name 'w' is not defined")
    text = verdict_text(result_of(failed, raised, cells=(cell,)), ["conv_forward_naive", "conv_backward_naive"], "en")
    assert text.splitlines() == [
        "conv_forward_naive: " + say("check.summary", "en", passed=0, count=1),
        "  Fail — its only case",
        "    Padding ignored.",
        "  FAIL  conv_forward_naive/public: `out` has shape (1,), expected (2,)",
        "conv_backward_naive: " + say("check.summary", "en", passed=0, count=1),
        "  Error — its only case",
        "  ERROR conv_backward_naive/public: `conv_backward_naive` raised KeyError: 'x'",
        "        " + say("check.raised_at", "en", where='File "/tmp/ipykernel_1/2.py", line 7, in '
                                                        "conv_backward_naive: x = cache['x']"),
        say("check.cell_note", "en", number=4, what="NameError: name 'w' is not defined"),
        say("check.hidden_note", "en"),
    ]


def test_a_notebook_that_could_not_be_checked_says_why():
    result = SubmissionResult("you", "conv_numpy", "x.ipynb", "error", 0.0, 10.0, message="the kernel died")
    assert verdict_text(result, ["conv_forward_naive"], "ko") == say("check.not_graded", "ko", reason="the kernel died")
