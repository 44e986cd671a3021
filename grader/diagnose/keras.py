"""Diagnosis of Keras checks (alexnet_model's Keras half): a model built for another input size
is named as such; otherwise the PyTorch diagnosis runs on the Keras model's measurements (its
count, shape and layer table are in PyTorch's terms, its output has the same seeded weights)."""

from __future__ import annotations

import dataclasses
from types import ModuleType

from grader.diagnose.models import diagnose_model
from grader.diagnose.result import Diagnosis, Finding
from grader.messages import say
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome


def diagnose_keras(mistakes: ModuleType, plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Diagnosis | None:
    size = outcome.detail.get("input_size") if outcome.kind == "ok" else None
    want = list(plan.graded.options.get("input_shape", [3, 227, 227]))
    want = want[1:] + want[:1]
    if isinstance(size, list) and len(size) == 3 and size != want:
        hint = say("diag.keras.input_size", lang, got="x".join(map(str, size)), expected="x".join(map(str, want)))
        return Diagnosis.from_findings([Finding(plan.graded.name, "keras.input_size", hint)])
    mirrored = dataclasses.replace(plan, graded=dataclasses.replace(plan.graded, name=plan.graded.name.removeprefix("keras_")))
    return diagnose_model(mistakes, mirrored, outcome, lang)
