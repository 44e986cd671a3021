"""alexnet_model's Keras half, summary and halves combined, without kernels: the rubric's
[combine], the better half counting, the summary judged on recorded text, the Keras forward
judge accepting a final softmax, the setup cell each kernel gets."""

import dataclasses

import numpy as np
import pytest

from grader.checks import judge, keras, plan_assignment
from grader.checks import model as model_checks
from grader.combine import combine
from grader.errors import RubricError
from grader.kernel_setup import setup_source
from grader.paths import ASSIGNMENTS_DIR
from grader.probe import ProbeOutcome
from grader.results import CheckResult
from grader.rubric import load_assignment

MODEL = load_assignment(ASSIGNMENTS_DIR / "alexnet_model", "solutions")


def result(check_id, score, max_score=2.0):
    return CheckResult(check_id, "pass" if score == max_score else "fail", score, max_score, "m")


def test_the_rubric_combines_the_halves_best_of():
    assert MODEL.combine == "best_of" and set(MODEL.groups) == {"pytorch", "keras"}
    assert MODEL.max_score == 8.0 + 1.0  # one half (8) and the summary
    assert MODEL.import_first == ("torch", "torchvision")


def test_a_combine_naming_an_unknown_name_is_refused(tmp_path):
    folder = tmp_path / "toy"
    folder.mkdir()
    (folder / "rubric.toml").write_text((ASSIGNMENTS_DIR / "alexnet_model" / "rubric.toml").read_text().replace(
        'keras = ["keras_param_count"', 'keras = ["keras_params"'))
    with pytest.raises(RubricError, match="keras_params"):
        load_assignment(folder, "solutions")


def test_the_better_half_counts_and_a_tie_keeps_pytorch():
    pytorch = [result("param_count", 2.0), result("forward", 0.0)]
    keras_half = [result("keras_param_count", 2.0), result("keras_forward", 2.0)]
    out = {c.id: c for c in combine(MODEL, tuple(pytorch + keras_half + [result("summary", 1.0, 1.0)]))}
    assert out["param_count"].max_score == 0.0 and out["forward"].score == 0.0
    assert "not counted" in out["param_count"].message and out["param_count"].status == "pass"
    assert out["keras_forward"].score == 2.0 and out["summary"].score == 1.0
    tie = {c.id: c for c in combine(MODEL, (result("param_count", 2.0), result("keras_param_count", 2.0)))}
    assert tie["param_count"].score == 2.0 and tie["keras_param_count"].max_score == 0.0
    both = dataclasses.replace(MODEL, combine="both")
    assert combine(both, tuple(pytorch + keras_half)) == tuple(pytorch + keras_half)


def summary_plan():
    return next(p for p in plan_assignment(MODEL, 0) if p.check_id == "summary")


@pytest.mark.parametrize("detail, status, says", [
    ({"totals": [62378344], "counts": {"pytorch": 62378344}}, "pass", "Total params: 62,378,344"),
    ({"totals": [58322314], "counts": {"keras": 58322314}}, "pass", "58,322,314"),
    ({"totals": [], "counts": {"pytorch": 62378344}}, "fail", "outputs stored in the file do not count"),
    ({"totals": [62378344], "counts": {"keras": 58322314}}, "fail", "your model has keras 58,322,314"),
    ({"totals": [], "counts": {}, "printed_model": True}, "pass", "print(model)"),
])
def test_the_summary_is_judged_on_what_the_run_showed(detail, status, says):
    verdict = judge(summary_plan(), ProbeOutcome("ok", {}, {"kind": "ok"} | detail), 60)
    assert verdict.status == status and says in verdict.message


def test_keras_plans_mirror_the_pytorch_ones():
    plans = {p.check_id: p for p in plan_assignment(MODEL, 5)}
    assert plans["keras_forward"].request["kind"] == "keras" and plans["keras_forward"].outputs == ("out",)
    assert np.array_equal(plans["keras_forward"].inputs["x"], plans["forward"].inputs["x"])
    assert plans["keras_param_count"].expected["count"] == 62_378_344
    assert plans["keras_output_shape"].expected["shape"] == [2, 1000]


def test_the_keras_forward_accepts_logits_and_a_final_softmax():
    plan = next(p for p in plan_assignment(MODEL, 5) if p.check_id == "keras_forward")
    _, shapes, ref = model_checks.reference_for(plan.expected, 1000)
    soft = np.exp(ref - ref.max(axis=1, keepdims=True))
    soft /= soft.sum(axis=1, keepdims=True)
    detail = {"kind": "ok", "weight_shapes": shapes, "model": "model"}
    for out, status in ((ref, "pass"), (soft, "pass"), (ref * 0.5, "fail")):
        verdict = keras.judge(plan, ProbeOutcome("ok", {"out": out.astype(np.float32)}, detail))
        assert verdict.status == status
    assert "softmax" in keras.judge(plan, ProbeOutcome("ok", {"out": soft.astype(np.float32)}, detail)).message


def test_a_model_built_for_224_says_so():
    plan = next(p for p in plan_assignment(MODEL, 5) if p.check_id == "keras_param_count")
    outcome = ProbeOutcome("ok", {}, {"kind": "ok", "value": 50_844_008, "model": "model", "input_size": [224, 224, 3]})
    verdict = judge(plan, outcome, 60)
    assert verdict.status == "fail" and "built for 224x224x3 input" in verdict.message


def test_the_setup_cell_goes_only_where_it_is_needed():
    assert setup_source(load_assignment(ASSIGNMENTS_DIR / "conv_numpy", "solutions")) is None
    source = setup_source(MODEL)
    assert "['torch', 'torchvision'], True" in source and "del __cnn_grader" in source
