"""Keras checks (alexnet_model's Keras half): the student's Keras model, found as the notebook
built it (grader/kernel_side/keras_harness.py), measured like the PyTorch one.

- keras_param_count: trainable parameters (what PyTorch's parameters() counts), exact;
- keras_output_shape: output shape on a (batch, 227, 227, 3) channels-last input;
- keras_layers: Conv2D/Dense/BatchNormalization in order, in PyTorch's terms (padding 'same' of
  an odd kernel at stride 1 is its symmetric padding, shapes channels-first), against the
  reference's table for the number of classes the model produces;
- keras_forward: the reference's seeded weights transplanted (HWIO kernels, FC1's rows in
  Keras's flattening order), eval mode; logits or a final softmax of them both count.
The reference is the PyTorch one (grader/checks/model.py), run in the grader's process.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from grader.checks import model
from grader.compare import Verdict
from grader.errors import RubricError
from grader.messages import say
from grader.plan import CheckPlan, check_id
from grader.probe import ProbeOutcome
from grader.rubric import Assignment, Graded

CHECKS = ("keras_param_count", "keras_output_shape", "keras_layers", "keras_forward")


def _as_model_graded(graded: Graded) -> Graded:
    return dataclasses.replace(graded, name=graded.name.removeprefix("keras_"))


def plan(assignment: Assignment, graded: Graded, seed: int) -> list[CheckPlan]:
    """The PyTorch checks' plans (same input, weights and reference), asked of the Keras model."""
    if graded.name not in CHECKS:
        raise RubricError.of("rubric.keras_unknown", name=repr(graded.name), known=", ".join(CHECKS))
    mirrored = _as_model_graded(graded)
    if mirrored.name == "output_shape" and not mirrored.cases:
        mirrored = dataclasses.replace(mirrored, cases=(dataclasses.replace(_default_case(mirrored)),))
    public = assignment.references == "public"
    plans = model.requests(assignment, mirrored, seed) if public else model.plan(assignment, mirrored, seed)
    staff = {"points": 0.0, "judged_by": "staff"} if public else {}  # no lock holds a Keras model's values
    return [dataclasses.replace(p, check_id=check_id(graded, None), graded=graded,
                                request=dict(p.request) | {"kind": "keras", "check": graded.name}, **staff)
            for p in plans]


def _default_case(graded: Graded):
    from grader.rubric import Case

    return Case("model", False, {"classes": int(graded.options.get("classes", 1000))})


def _built_for(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> str:
    """A note when the model was built for another input size than the rubric's."""
    size = outcome.detail.get("input_size")
    want = list(plan.graded.options.get("input_shape", [3, 227, 227]))
    want = want[1:] + want[:1]
    if isinstance(size, list) and size and size != want:
        return say("keras.input_size", lang, got="x".join(map(str, size)), expected="x".join(map(str, want)))
    return ""


def judge_param_count(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Verdict:
    got, want, name = outcome.detail.get("value"), plan.expected["count"], str(outcome.detail.get("model"))
    if type(got) is not int:
        return Verdict("error", say("unsafe", lang, function=plan.graded.name, reason=say("reason.count_not_int", lang)))
    if got == want:
        return Verdict("pass", say("keras.params_pass", lang, model=name, count=got))
    return Verdict("fail", say("keras.params_wrong", lang, model=name, count=got, expected=want, diff=got - want)
                   + _built_for(plan, outcome, lang))


def judge_output_shape(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Verdict:
    got, want, name = outcome.detail.get("shape"), plan.expected["shape"], str(outcome.detail.get("model"))
    if got == want:
        return Verdict("pass", say("keras.shape_pass", lang, model=name, shape=tuple(want)))
    return Verdict("fail", say("keras.shape_wrong", lang, model=name, got=tuple(got or ()), expected=tuple(want))
                   + _built_for(plan, outcome, lang))


def judge_forward(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Verdict:
    """The PyTorch forward judge; a softmax of the reference's logits counts too."""
    verdict = model._judge_forward(plan, outcome, "[]", lang)
    out = outcome.outputs["out"].astype(np.float64)
    _, _, ref = model.reference_for(plan.expected, model.asked_classes(plan))
    if verdict.status == "pass" or out.shape != ref.shape:
        return verdict
    soft = np.exp(ref - ref.max(axis=1, keepdims=True))
    soft /= soft.sum(axis=1, keepdims=True)
    err = float(np.max(np.abs(out - soft))) / (float(np.max(np.abs(soft))) or 1.0)
    if np.all(np.isfinite(out)) and err <= plan.expected["tolerance"]:
        return Verdict("pass", say("keras.forward_softmax", lang, err=err, tol=plan.expected["tolerance"]), rel_error=err)
    return dataclasses.replace(verdict, message=verdict.message + _built_for(plan, outcome, lang))


def judge(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    if plan.graded.name == "keras_param_count":
        return judge_param_count(plan, outcome, lang)
    if plan.graded.name == "keras_output_shape":
        return judge_output_shape(plan, outcome, lang)
    if plan.graded.name == "keras_layers":
        verdict = model.judge_layers(plan, outcome, lang)
        return verdict if verdict.status == "pass" else dataclasses.replace(
            verdict, message=verdict.message + _built_for(plan, outcome, lang))
    return judge_forward(plan, outcome, lang)
