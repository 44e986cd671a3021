"""Every conv_numpy fixture notebook, graded for real, gets exactly its expected verdict."""

import json

import pytest

from helpers import FIXTURES, expand, failing_ids

EXPECTED = json.loads((FIXTURES / "conv_numpy" / "expected.json").read_text())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_verdict(conv_fixture_results, name):
    result = conv_fixture_results[name]
    expected = EXPECTED[name]
    assert result["status"] == "graded", result["message"]
    all_ids = {c["id"] for c in result["checks"]}
    assert len(all_ids) == 22
    assert failing_ids(result) == expand(expected["failing"], all_ids)
    assert result["score"] == pytest.approx(expected["score"])
    assert result["max_score"] == 10.0


def test_every_fixture_is_expected(conv_fixture_results):
    assert set(conv_fixture_results) == set(EXPECTED)


def test_failed_checks_say_what_and_where(conv_fixture_results):
    pad_crop = {c["id"]: c for c in conv_fixture_results["conv_backward_no_pad_crop.ipynb"]["checks"]}
    assert pad_crop["conv_backward_naive/pad0"]["message"].startswith("`dx` has shape (2, 3, 0, 0), expected (2, 3, 6, 6)")
    overwrite = {c["id"]: c for c in conv_fixture_results["max_pool_backward_overwrite.ipynb"]["checks"]}
    message = overwrite["max_pool_backward_naive/overlap3x3"]["message"]
    assert "rel_error" in message and "at index (" in message


def test_raised_exceptions_carry_the_students_traceback(conv_fixture_results):
    template = conv_fixture_results["untouched_template.ipynb"]
    check = template["checks"][0]
    assert check["status"] == "error"
    assert "raised NotImplementedError" in check["message"]
    assert "NotImplementedError" in check["traceback"] and "conv_forward_naive" in check["traceback"]
    assert "harness" not in check["traceback"].lower()


def test_missing_function_is_named(conv_fixture_results):
    checks = conv_fixture_results["missing_function.ipynb"]["checks"]
    missing = [c for c in checks if c["id"].startswith("max_pool_backward_naive/")]
    assert all(c["message"] == "`max_pool_backward_naive` is not defined in the notebook" for c in missing)


def test_wrong_arity_says_what_came_back(conv_fixture_results):
    checks = {c["id"]: c for c in conv_fixture_results["wrong_return_arity.ipynb"]["checks"]}
    assert "expected a tuple (out, cache)" in checks["conv_forward_naive/public"]["message"]
    assert "to get the cache for `conv_backward_naive`" in checks["conv_backward_naive/public"]["message"]
