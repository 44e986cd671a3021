"""Diagnosis of model checks (alexnet_model): first what the evidence itself shows differs
(tables.py: the layer tables, the parameter count against the reference's table); else build
the course's known-mistake variants of the reference network and measure each as the failed
check measured the student's model.

Structure (parameter count, output shape, layer table) is measured on PyTorch's meta device,
without allocating weights; an output is measured with the same seeded weights the student's
model received, so a variant that embodies the student's mistake gives the same numbers.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable

import numpy as np

from grader.checks.model import asked_classes, first_difference, harness, on_meta, reference_for
from grader.diagnose import tables
from grader.diagnose.result import Diagnosis, Finding, skip_failures
from grader.messages import say
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome

_OUTPUTS: dict[tuple, tuple[list, np.ndarray]] = {}
"""Weight shapes and output of each variant already run, per process (they repeat per class)."""


def _meta_input(x: np.ndarray):
    import torch

    return torch.empty(x.shape, dtype=torch.float32, device="meta")


def _rows(build: Callable, x: np.ndarray) -> list[dict]:
    layers, rows, _, exc = harness().executed_layers(on_meta(build), _meta_input(x))
    if exc is not None:
        raise exc
    return rows


def _output_shape(build: Callable, x: np.ndarray) -> list[int]:
    import torch

    model = on_meta(build).eval()
    with torch.no_grad():
        return list(model(_meta_input(x)).shape)


def _run(key: tuple, build: Callable, x: np.ndarray, weight_seed: int) -> tuple[list, np.ndarray]:
    """Weight shapes and output of a variant given the seeded weights (cached by `key`)."""
    import torch

    if key not in _OUTPUTS:
        model = on_meta(build)
        layers, _, _, exc = harness().executed_layers(model, _meta_input(x))
        if exc is not None:
            raise exc
        model.to_empty(device="cpu")
        for module in model.modules():
            if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
                module.reset_parameters()
        shapes = harness().transplant_weights(layers, weight_seed)
        with torch.no_grad():
            out = model.eval()(torch.from_numpy(x)).numpy().astype(np.float64)
        _OUTPUTS[key] = (shapes, out)
    return _OUTPUTS[key]


def _int_list(value: Any) -> bool:
    return isinstance(value, list) and all(type(v) is int for v in value)


def _setup(plan: CheckPlan, outcome: ProbeOutcome):
    """(classes, evidence for the candidates, test of one candidate's builder) for the check."""
    check, d, e = plan.graded.name, outcome.detail, plan.expected
    x = e["x"]
    if check == "param_count" and type(d.get("value")) is int:
        count = d["value"]
        return plan.request["classes"], {"count": count}, \
            lambda key, build: sum(p.numel() for p in on_meta(build).parameters()) == count
    if check == "output_shape" and _int_list(d.get("shape")) and len(d["shape"]) == 2:
        shape = d["shape"]
        return plan.request["classes"], {"shape": shape}, lambda key, build: _output_shape(build, x) == shape
    if check == "layers" and isinstance(d.get("rows"), list) and all(isinstance(r, dict) for r in d["rows"]):
        rows = d["rows"]
        return asked_classes(plan), {"rows": rows}, lambda key, build: first_difference(rows, _rows(build, x)) is None
    if check == "forward" and "out" in outcome.outputs:
        return _forward_setup(plan, outcome)
    return None


def _forward_setup(plan: CheckPlan, outcome: ProbeOutcome):
    e, out = plan.expected, outcome.outputs["out"].astype(np.float64)
    classes = asked_classes(plan)
    _, ref_shapes, _ = reference_for(e, classes)
    shapes = outcome.detail.get("weight_shapes")
    if not (isinstance(shapes, list) and all(_int_list(s) for s in shapes)):
        return None
    evidence = {} if shapes == ref_shapes else {"weight_shapes": shapes}

    def matches(key, build) -> bool:
        got_shapes, variant = _run(key + (classes, e["x"].tobytes(), e["weight_seed"]), build, e["x"], e["weight_seed"])
        if got_shapes != shapes or variant.shape != out.shape:
            return False
        scale = float(np.max(np.abs(variant))) or 1.0
        return bool(np.all(np.isfinite(out))) and float(np.max(np.abs(out - variant))) / scale <= e["tolerance"]
    return classes, evidence, matches


def _first_match(candidates, matches) -> tuple[str, dict] | None:
    for mistake, values, build in candidates:
        matched = False
        with skip_failures():
            matched = matches((mistake, repr(sorted(values.items()))), build)
        if matched:
            return mistake, values
    return None


GENERIC = ("model.layer_changed",)
"""Reasoned diagnoses that a known variant, when one matches, says more about (groups=2 in
three convs is the two-GPU network)."""


def _reasoned(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Finding | None:
    """What the evidence itself says differs (grader/diagnose/tables.py): the layer tables for
    layers and forward, the parameter count against the reference's table for param_count."""
    check, d, e = plan.graded.name, outcome.detail, plan.expected
    classes, cls = asked_classes(plan), plan.request["class_name"]
    if check in ("layers", "forward") and isinstance(d.get("rows"), list):
        ref = reference_for(e, classes)[0]
        ref = ref[:len(d["rows"])] if d.get("crash") else ref  # a crashed forward stopped there
        found = tables.reason_tables(d["rows"], ref, classes, cls, lang)
        return None if found is None else Finding(check, found.id, found.hint)
    if check == "param_count" and type(d.get("value")) is int and "count" in e:
        hint = tables.count_batchnorms(d["value"] - e["count"], reference_for(e, classes)[0], lang)
        return None if hint is None else Finding(check, "model.batchnorm_added", say("table.count_norm", lang, params=hint))
    return None


def _counted(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Finding | None:
    """A parameter count that one layer's channel count, changed, explains (after the known variants)."""
    d, e = outcome.detail, plan.expected
    if plan.graded.name != "param_count" or type(d.get("value")) is not int or "count" not in e:
        return None
    hint = tables.count_channels(d["value"] - e["count"], reference_for(e, asked_classes(plan))[0], lang)
    return None if hint is None else Finding(plan.graded.name, "model.channels_differ", hint)


def _diagnosis(finding: Finding, reasoned: bool) -> Diagnosis:
    found = Diagnosis.from_findings([finding])
    return Diagnosis(found.id, found.hint, dict(found.details) | {"reasoned": reasoned})


def diagnose_model(mistakes: ModuleType, plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Diagnosis | None:
    """The likely mistake of a failed model check: what the evidence itself shows differs, else
    the known mistake whose variant the check measures like the student's model."""
    if outcome.kind != "ok":
        return None
    reasoned = _reasoned(plan, outcome, lang)
    if reasoned is not None and reasoned.diagnosis not in GENERIC:
        return _diagnosis(reasoned, True)
    candidates = getattr(mistakes, "model_candidates", None)
    setup = _setup(plan, outcome) if candidates else None
    found = None
    if setup is not None:
        classes, evidence, matches = setup
        with skip_failures():
            found = _first_match(candidates(plan.graded.name, classes, evidence), matches)
    check = plan.graded.name
    if found is not None:
        mistake, values = found
        return _diagnosis(Finding(check, mistake, say(f"diag.{mistake}", lang, **values)), False)
    if reasoned is not None:
        return _diagnosis(reasoned, True)
    counted = _counted(plan, outcome, lang)
    if counted is not None:
        return _diagnosis(counted, True)
    if setup is None:
        return None
    what = say(f"where.what.{check}", lang)
    return _diagnosis(Finding(check, "none", say("where.none_model", lang, what=what)), False)
