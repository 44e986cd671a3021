"""Formula checks (cnn_arithmetic): cases drawn to fit or not, exact judging, ValueError where
the reference raises it, and the known mistake named. No kernels: outcomes are built here."""

from pathlib import Path

import numpy as np
import pytest

from grader.checks import judge, plan_assignment
from grader.checks.formula import outcome_of
from grader.diagnose import diagnose
from grader.paths import ASSIGNMENTS_DIR
from grader.probe import ProbeOutcome
from grader.reference import load_module
from grader.rubric import load_assignment

ASSIGNMENT = load_assignment(ASSIGNMENTS_DIR / "cnn_arithmetic", "solutions")
REFERENCE = load_module(ASSIGNMENT.reference)


def plans(seed=7):
    return {p.check_id: p for p in plan_assignment(ASSIGNMENT, seed)}


def returned(value) -> ProbeOutcome:
    return ProbeOutcome("ok", {"out": np.asarray(value)}, {"kind": "ok"})


def raised(ename: str) -> ProbeOutcome:
    return ProbeOutcome("raised", {}, {"kind": "raised", "function": "f", "ename": ename, "evalue": "no"})


def test_the_lecture_numbers():
    assert REFERENCE.conv_param_count(5, 192, 32) == 153_632
    assert REFERENCE.conv_output_size(227, 11, 0, 4) == 55
    assert outcome_of(REFERENCE.conv_output_size, [224, 11, 0, 4]) == {"raises": "ValueError"}
    assert REFERENCE.bottleneck_param_count(5, 192, 16, 32) == (192 + 1) * 16 + (5 * 5 * 16 + 1) * 32


@pytest.mark.parametrize("seed", range(20))
def test_hidden_cases_fit_or_not_as_the_rubric_says(seed):
    found = plans(seed)
    for check in ("conv_output_size/hidden", "conv_output_size/hidden_padded", "pool_output_size/hidden"):
        assert "value" in found[check].expected, check
    for check in ("conv_output_size/hidden_does_not_fit", "pool_output_size/hidden_does_not_fit"):
        args = list(found[check].inputs.values())
        assert found[check].expected["raises"] == "ValueError"
        with pytest.raises(ValueError):
            getattr(REFERENCE, check.split("/")[0])(*args)
    assert 1 <= found["conv_output_size/hidden_padded"].inputs["P"] <= 3


def test_hidden_cases_follow_the_seed_and_public_ones_do_not():
    a, b, again = plans(1), plans(2), plans(1)
    for check, plan in a.items():
        assert plan.inputs == again[check].inputs
        assert (plan.inputs == b[check].inputs) == plan.public, check


def test_arguments_go_as_plain_numbers_in_call_order():
    plan = plans()["conv_param_count/no_bias"]
    assert plan.request["args"] == ["F", "C_in", "C_out", "bias"]
    assert plan.inputs == {"F": 3, "C_in": 64, "C_out": 128, "bias": False}
    assert plans()["conv_param_count/lecture"].request["args"] == ["F", "C_in", "C_out"]


def test_a_whole_float_counts_and_a_wrong_value_says_both():
    plan = plans()["conv_output_size/alexnet_conv1"]
    assert judge(plan, returned(55.0), 10).status == "pass"
    verdict = judge(plan, returned(54), 10)
    assert verdict.status == "fail"
    assert verdict.message == "`conv_output_size(227, 11, 0, 4)` returned 54, expected 55"
    assert judge(plan, returned([55]), 10).status == "fail"  # one number, not an array
    assert judge(plan, raised("ValueError"), 10).status == "error"


def test_valueerror_is_the_answer_where_the_geometry_does_not_fit():
    plan = plans()["conv_output_size/does_not_fit"]
    assert judge(plan, raised("ValueError"), 10).status == "pass"
    other = judge(plan, raised("ZeroDivisionError"), 10)
    assert other.status == "fail" and "raised ZeroDivisionError" in other.message
    no_raise = judge(plan, returned(54.25), 10)
    assert no_raise.status == "fail"
    assert no_raise.message.startswith("`conv_output_size(224, 11, 0, 4)` returned 54.25; expected ValueError")


@pytest.mark.parametrize("check, value, mistake", [
    ("conv_output_size/alexnet_conv1", 53, "cnn_arithmetic.minus_one"),
    ("conv_output_size/same_padding", 31, "cnn_arithmetic.pad_once"),
    ("conv_output_size/does_not_fit", 54, "cnn_arithmetic.floor"),
    ("conv_output_size/does_not_fit", 54.25, "cnn_arithmetic.no_valueerror"),
    ("conv_param_count/lecture", 153_600, "cnn_arithmetic.no_bias"),
    ("bottleneck_param_count/lecture", 192 * 16 + 5 * 5 * 16 * 32, "cnn_arithmetic.no_bias"),
    ("bottleneck_param_count/lecture", (5 * 5 * 192 + 1) * 32, "cnn_arithmetic.bottleneck_skipped"),
    ("pool_output_size/alexnet_pool1", 25, "cnn_arithmetic.minus_one"),
    ("conv_param_count/lecture", 12345, "none"),
])
def test_the_known_mistake_is_named(check, value, mistake):
    plan = plans()[check]
    outcome = returned(value)
    found = diagnose(ASSIGNMENT, plan, outcome, judge(plan, outcome, 10))
    assert found.id == mistake, found.hint
    assert found.hint


def test_korean_messages():
    plan = plans()["conv_output_size/does_not_fit"]
    assert "ValueError" in judge(plan, returned(54), 10, "ko").message


def test_a_case_naming_an_unknown_argument_is_a_rubric_error(tmp_path: Path):
    from grader.errors import RubricError
    from grader.checks.formula import plan_case
    from grader.rubric import Case
    graded = next(g for g in ASSIGNMENT.graded if g.name == "pool_output_size")
    with pytest.raises(RubricError, match="Q not in args"):
        plan_case(REFERENCE.pool_output_size, graded, Case("x", True, {"N": 5, "F": 2, "S": 1, "Q": 1}), 0, ())
