"""Every fixture notebook, graded for real, gets exactly the verdict in its expected.json."""

import json

import pytest

from conftest import ASSIGNMENTS
from helpers import FIXTURES, expand, failing_ids

CHECK_COUNTS = {"conv_numpy": 22, "alexnet_params": 11, "alexnet_model": 5}
MAX_SCORES = {"conv_numpy": 10.0, "alexnet_params": 11.0, "alexnet_model": 8.0}
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


def test_every_fixture_is_expected(fixture_results):
    assert set(fixture_results) == set(EXPECTED)


def test_layer_table_points_at_the_first_differing_layer(fixture_results):
    for key, expected in EXPECTED.items():
        if "first_differing_layer" not in expected:
            continue
        layers = next(c for c in fixture_results[key]["checks"] if c["id"] == "layers")
        assert layers["details"]["layers"]["first_diff"] + 1 == expected["first_differing_layer"]
        assert layers["message"].startswith(f"layer {expected['first_differing_layer']} (Conv2d) differs: padding")
