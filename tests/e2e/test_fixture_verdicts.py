"""Every fixture notebook, graded for real, gets exactly the verdict in its expected.json,
and each failed check the diagnosis named there."""

import json

import pytest

from conftest import ASSIGNMENTS
from helpers import FIXTURES, expand, failing_ids

CHECK_COUNTS = {"conv_numpy": 24, "alexnet_params": 22, "alexnet_model": 10, "cnn_arithmetic": 16}
MAX_SCORES = {"conv_numpy": 10.0, "alexnet_params": 16.5, "alexnet_model": 10.0,  # a half, summary, [[manual]]
              "cnn_arithmetic": 9.0}
EXPECTED = {f"{a}/{name}": verdict for a in ASSIGNMENTS
            for name, verdict in json.loads((FIXTURES / a / "expected.json").read_text()).items()}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_fixture_verdict(fixture_results, key):
    result, expected = fixture_results[key], EXPECTED[key]
    assignment = key.split("/")[0]
    assert result["status"] == "graded", result["message"]
    assert result["assignment"] == assignment
    all_ids = {c["id"] for c in result["checks"]}
    assert len(all_ids) == CHECK_COUNTS[assignment]
    assert failing_ids(result) == expand(expected["failing"], all_ids)
    assert result["score"] == pytest.approx(expected["score"])
    assert result["max_score"] == MAX_SCORES[assignment]


def test_markdown_answers_say_which_field_and_why(fixture_results):
    """Each wrong, missing or unreadable field is named with what was written (and why)."""
    for key, expected in EXPECTED.items():
        checks = {c["id"]: c for c in fixture_results[key]["checks"]}
        for check_id, text in expected.get("markdown_messages", {}).items():
            assert text in checks[check_id]["message"], (key, checks[check_id]["message"])
            assert 0.0 <= checks[check_id]["score"] < checks[check_id]["max_score"]


def test_markdown_fields_earn_partial_credit(fixture_results):
    checks = {c["id"]: c for c in fixture_results["alexnet_params/markdown_wrong_answers.ipynb"]["checks"]}
    assert checks["markdown/Max_pool_2"]["score"] == pytest.approx(0.5 * 3 / 4)
    assert checks["markdown/Conv_2"]["score"] == pytest.approx(0.5 * 4 / 6)
    rows = checks["markdown/Max_pool_2"]["details"]["markdown"]["fields"]
    assert {"field": "Max pooling", "written": "???", "status": "ungraded"} in rows


def test_the_better_half_counts_and_the_other_is_shown(fixture_results):
    both = {c["id"]: c for c in fixture_results["alexnet_model/keras_cell_then_pytorch.ipynb"]["checks"]}
    assert both["keras_forward"]["status"] == "pass" and both["keras_forward"]["max_score"] == 0.0
    assert "not counted" in both["keras_forward"]["message"] and both["forward"]["score"] == 2.0
    keras = {c["id"]: c for c in fixture_results["alexnet_model/keras_only.ipynb"]["checks"]}
    assert keras["keras_forward"]["score"] == 2.0 and keras["forward"]["max_score"] == 0.0
    assert keras["summary"]["status"] == "pass"


def test_a_stored_summary_is_not_a_shown_one(fixture_results):
    stale = {c["id"]: c for c in fixture_results["alexnet_model/template_output_over_placeholders.ipynb"]["checks"]}
    assert stale["summary"]["status"] == "fail" and "stored in the file do not count" in stale["summary"]["message"]


def test_every_fixture_is_expected(fixture_results):
    assert set(fixture_results) == set(EXPECTED)


def test_layer_table_points_at_the_first_differing_layer(fixture_results):
    for key, expected in EXPECTED.items():
        if "first_differing_layer" not in expected:
            continue
        layers = next(c for c in fixture_results[key]["checks"] if c["id"] == "layers")
        assert layers["details"]["layers"]["first_diff"] + 1 == expected["first_differing_layer"]
        row, field = expected["first_differing_layer"], expected["first_differing_key"]
        assert layers["message"].startswith(f"layer {row} (Conv2d) differs: {field}")


DIAGNOSED = sorted(k for k, v in EXPECTED.items() if "diagnosis" in v)


@pytest.mark.parametrize("key", DIAGNOSED)
def test_fixture_diagnosis(fixture_results, key):
    checks = {c["id"]: c for c in fixture_results[key]["checks"]}
    for check_id, mistake in EXPECTED[key]["diagnosis"].items():
        check = checks[check_id]
        assert check["status"] == "fail", check_id
        assert check["details"]["diagnosis"] == mistake, (check_id, check["hint"])
        assert check["hint"], check_id
        if mistake.startswith("none"):
            assert "No known mistake" in check["hint"], check["hint"]
        if mistake == "none.border":
            assert "border" in check["hint"] and "padding problem" in check["hint"]
        # named from the evidence itself (tables.py), not by a known-mistake variant
        assert check["details"].get("reasoned", False) == (check_id in EXPECTED[key].get("reasoned", ())), check_id
    for check_id, text in EXPECTED[key].get("hint_contains", {}).items():
        assert text in checks[check_id]["hint"], checks[check_id]["hint"]


def test_tied_maxima_pass_with_a_note_explaining_the_subgradient(fixture_results):
    for key, expected in EXPECTED.items():
        checks = {c["id"]: c for c in fixture_results[key]["checks"]}
        for check_id in expected.get("ties_note", ()):
            assert checks[check_id]["status"] == "pass" and "subgradient" in checks[check_id]["message"]


def test_only_failed_checks_get_hints_and_every_hint_has_its_diagnosis(fixture_results):
    for key, result in fixture_results.items():
        for check in result["checks"]:
            diagnosis = (check["details"] or {}).get("diagnosis")
            assert (check["hint"] is None) == (diagnosis is None), (key, check["id"])
            if check["status"] != "fail":
                assert check["hint"] is None, (key, check["id"])


def test_hints_name_the_layer(fixture_results):
    for key, expected in EXPECTED.items():
        layer = expected.get("missing_activation_after")
        if layer:
            forward = next(c for c in fixture_results[key]["checks"] if c["id"] == "forward")
            assert f"without the ReLU after {layer}" in forward["hint"]
    conv2 = {c["id"]: c for c in fixture_results["alexnet_model/conv2_no_padding.ipynb"]["checks"]}
    assert conv2["layers"]["hint"].startswith("conv2 has padding 0 instead of 2")
    conv3 = {c["id"]: c for c in fixture_results["alexnet_model/conv3_stride2.ipynb"]["checks"]}
    assert conv3["forward"]["hint"].startswith("conv3 has stride 2 instead of 1")


def test_failed_arrays_carry_worst_entries_and_an_error_map(fixture_results):
    check = {c["id"]: c for c in fixture_results["conv_numpy/conv_forward_no_bias.ipynb"]["checks"]}[
        "conv_forward_naive/pad1"]
    assert check["details"]["where"]["out"]["worst"]
    (image,) = check["details"]["error_maps"]
    assert image["output"] == "out" and image["src"].startswith("data:image/png;base64,")
    assert len(image["src"]) < 12_000
