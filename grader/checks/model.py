"""Model checks (alexnet_model): the student's nn.Module class, built and run in the kernel.

- param_count: parameters of `Class(classes)`, exact;
- output_shape: output shape for each case's number of classes on a (batch, *input_shape) input;
- layers: the Conv2d/Linear/BatchNorm calls in execution order against the reference model
  built for the number of classes asked for (a head that ignores it fails here);
- forward: seeded weights transplanted into both models, eval-mode outputs compared.
The reference runs here, in the grader's process; the kernel gets only the input.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from pathlib import Path
from typing import Any, Callable

import numpy as np

from grader import reference
from grader.cases import case_rng
from grader.compare import Verdict
from grader.errors import RubricError
from grader.messages import say
from grader.paths import MODEL_HARNESS
from grader.plan import CheckPlan, check_id
from grader.probe import ProbeOutcome
from grader.rubric import Assignment, Graded

ROW_KEYS = ("type", "in_channels", "out_channels", "kernel_size", "stride", "padding", "groups",
            "in_features", "out_features", "num_features", "output_shape")


@functools.lru_cache(maxsize=1)
def harness():
    return reference.load_module(MODEL_HARNESS)


def reference_run(path: Path, class_name: str, classes: int, x_bytes: bytes, shape: tuple, weight_seed: int,
                  lrn: str = "[]"):
    """Rows, weight shapes and transplanted output of the reference model on one input; the
    model with its transplanted weights is built once per class count (reference_model)."""
    import torch

    probe = harness()
    model, shapes = reference_model(path, class_name, classes, shape, weight_seed, lrn)
    x = torch.from_numpy(np.frombuffer(x_bytes, dtype=np.float32).reshape(shape).copy())
    _, rows, _, exc = probe.executed_layers(model, x)
    if exc is not None:
        raise RubricError.of("rubric.reference_failed", model=class_name, classes=classes, why=repr(exc))
    with torch.no_grad():
        out = model(x).numpy().astype(np.float64)
    return rows, shapes, out


@functools.lru_cache(maxsize=4)
def reference_model(path: Path, class_name: str, classes: int, shape: tuple, weight_seed: int, lrn: str = "[]"):
    """The reference model for `classes` with the seeded weights transplanted, and their shapes;
    `lrn` (JSON) places the student's LocalResponseNorm layers in its `features` first."""
    import torch

    probe = harness()
    torch.manual_seed(0)
    model = reference.function(reference.load_module(path), class_name)(classes)
    if json.loads(lrn) and hasattr(model, "features"):
        model.features = probe.insert_lrn(model.features, json.loads(lrn))
    layers, _, _, exc = probe.executed_layers(model, torch.zeros(shape))
    if exc is not None:
        raise RubricError.of("rubric.reference_failed", model=class_name, classes=classes, why=repr(exc))
    return model, probe.transplant_weights(layers, weight_seed)


def on_meta(build: Callable):
    """Build a model on PyTorch's meta device: shapes and counts without allocating weights."""
    import torch

    with torch.device("meta"):
        return build()


@functools.lru_cache(maxsize=4)
def reference_param_count(path: Path, class_name: str, classes: int) -> int:
    model = on_meta(lambda: reference.function(reference.load_module(path), class_name)(classes))
    return int(sum(p.numel() for p in model.parameters()))


def _settings(assignment: Assignment, graded: Graded) -> dict[str, Any]:
    o = graded.options
    missing = [k for k in ("class_name", "reference_class", "input_shape") if k not in o]
    if missing:
        raise RubricError.of("rubric.model_lacks", assignment=assignment.name, missing=", ".join(missing))
    return {"class_name": o["class_name"], "reference_class": o["reference_class"],
            "input_shape": tuple(o["input_shape"]), "batch": int(o.get("batch", 2)),
            "classes": int(o.get("classes", 1000))}


def plan(assignment: Assignment, graded: Graded, seed: int) -> list[CheckPlan]:
    """The requests, and the reference's parameter count for param_count."""
    plans = requests(assignment, graded, seed)
    if graded.name != "param_count":
        return plans
    e = plans[0].expected
    count = reference_param_count(e["path"], e["reference_class"], e["classes"])
    return [dataclasses.replace(plans[0], expected=e | {"count": count})]


def requests(assignment: Assignment, graded: Graded, seed: int) -> list[CheckPlan]:
    """What the kernel is sent and the judge's settings, without what the reference computes
    at planning time (the students' distribution plans with these, see grader/checks/locked.py)."""
    s = _settings(assignment, graded)
    x = case_rng(seed, graded.name, "input", "x").standard_normal((s["batch"], *s["input_shape"]), dtype=np.float32)
    # the weights are not secret (the kernel receives them to transplant): a fixed seed lets the
    # grader build the reference once per class count; the hidden input `x` is the submission's
    weight_seed = int(hashlib.sha256(f"{assignment.name}/weights".encode()).hexdigest()[:8], 16)
    base = {"kind": "model", "class_name": s["class_name"], "check": graded.name, "classes": s["classes"]}
    expected = {"path": assignment.reference, "reference_class": s["reference_class"], "x": x,
                "weight_seed": weight_seed, "classes": s["classes"], "tolerance": graded.tolerance}
    if graded.name == "param_count":
        return [CheckPlan(check_id(graded, None), graded, graded.points, True, base, expected=expected)]
    if graded.name == "output_shape":
        return [CheckPlan(check_id(graded, c.name), graded, graded.points / len(graded.cases), False,
                          base | {"classes": int(c.inputs["classes"])}, {"x": x},
                          expected=expected | {"shape": [s["batch"], int(c.inputs["classes"])]})
                for c in graded.cases]
    if graded.name not in ("layers", "forward"):
        raise RubricError.of("rubric.model_unknown", name=repr(graded.name))
    outputs = ("out",) if graded.name == "forward" else ()
    request = base | {"weight_seed": weight_seed}
    # the input is drawn from the grading seed, so these checks are hidden ones
    return [CheckPlan(check_id(graded, None), graded, graded.points, False, request, {"x": x}, outputs, expected)]


def reference_for(expected: dict, classes: int, lrn: str = "[]"):
    x = expected["x"]
    return reference_run(expected["path"], expected["reference_class"], classes, x.tobytes(),
                         x.shape, expected["weight_seed"], lrn)


def asked_classes(plan: CheckPlan) -> int:
    """The number of classes the kernel built the student's model for: the reference is built
    for the same count, never for the count the student's model happens to produce."""
    return int(plan.request.get("classes", plan.expected["classes"]))


def judge_param_count(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    got, want = outcome.detail.get("value"), plan.expected["count"]
    if type(got) is not int:
        return Verdict("error", say("unsafe", lang, function=plan.graded.name, reason=say("reason.count_not_int", lang)))
    if got == want:
        return Verdict("pass", say("params_pass", lang, cls=plan.request["class_name"], n=plan.request["classes"], count=got))
    return Verdict("fail", say("params_wrong", lang, cls=plan.request["class_name"], n=plan.request["classes"],
                               count=got, expected=want, diff=got - want))


def judge_output_shape(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    got, want = outcome.detail.get("shape"), plan.expected["shape"]
    who = f"{plan.request['class_name']}({plan.request['classes']})"
    if got == want:
        return Verdict("pass", say("shape_pass", lang, who=who, shape=tuple(want)))
    return Verdict("fail", say("shape_wrong", lang, who=who, got=tuple(got or ()), expected=tuple(want)))


def first_difference(rows: list, ref: list) -> tuple[int, list[str]] | None:
    """(0-based row, differing keys) of the first row that differs, or None when all agree."""
    for i in range(max(len(rows), len(ref))):
        if i >= len(rows) or i >= len(ref):
            return i, ["missing" if i >= len(rows) else "extra"]
        keys = [k for k in ROW_KEYS if rows[i].get(k) != ref[i].get(k)]
        if keys:
            return i, keys
    return None


def row_text(row: dict) -> str:
    return ", ".join(f"{k} {row[k]}" for k in ROW_KEYS if k in row and row[k] is not None)


def judge_layers(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    rows = outcome.detail.get("rows")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        return Verdict("error", say("unsafe", lang, function=plan.graded.name, reason=say("reason.table_malformed", lang)))
    ref_rows = reference_for(plan.expected, asked_classes(plan))[0]
    diff = first_difference(rows, ref_rows)
    crash = outcome.detail.get("crash")
    details = {"layers": {"student": rows, "reference": ref_rows, "first_diff": None if diff is None else diff[0]}}
    if diff is None and not crash:
        return Verdict("pass", say("layers_pass", lang, count=len(rows)), details=details)
    if diff is None:
        return Verdict("fail", say("layers_crash", lang, count=len(rows), ename=crash.get("ename"), evalue=crash.get("evalue")),
                       traceback=crash.get("traceback"), details=details)
    i, keys = diff
    if keys in (["missing"], ["extra"]):
        message = say(f"layers_{keys[0]}", lang, row=i + 1, text=row_text((ref_rows if keys == ["missing"] else rows)[i]))
    else:
        message = say("layers_wrong", lang, row=i + 1, type=rows[i]["type"],
                      what="; ".join(say("layers_key", lang, field=k, got=rows[i].get(k), expected=ref_rows[i].get(k))
                                    for k in keys))
    if crash:
        message += say("layers_then_crash", lang, ename=crash.get("ename"), evalue=crash.get("evalue"))
    return Verdict("fail", message, traceback=crash.get("traceback") if crash else None, details=details)


def _lrn_of(outcome: ProbeOutcome) -> str:
    """The student's LRN layers as canonical JSON (the cache key of the reference run)."""
    lrn = outcome.detail.get("lrn")
    keys = {"after_conv": int, "after_pool": bool, "size": int, "alpha": float, "beta": float, "k": float}
    if not isinstance(lrn, list) or not all(isinstance(i, dict) and set(i) == set(keys) for i in lrn):
        return "[]"
    try:
        return json.dumps([{k: cast(i[k]) for k, cast in keys.items()} for i in lrn][:8], sort_keys=True)
    except (TypeError, ValueError):
        return "[]"


def judge_forward(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    """With LRN in the student's model, the reference with the same LRN layers counts; so does
    the reference without them (LRN is accepted, not required)."""
    lrn = _lrn_of(outcome)
    verdict = _judge_forward(plan, outcome, lrn, lang)
    if lrn != "[]" and verdict.status != "pass":
        plain = _judge_forward(plan, outcome, "[]", lang)
        return plain if plain.status == "pass" else verdict
    return verdict


def _judge_forward(plan: CheckPlan, outcome: ProbeOutcome, lrn: str, lang: str) -> Verdict:
    out = outcome.outputs["out"]
    _, ref_shapes, ref_out = reference_for(plan.expected, asked_classes(plan), lrn)
    shapes = outcome.detail.get("weight_shapes")
    if shapes != ref_shapes:
        i = next((i for i, (a, b) in enumerate(zip(shapes or [], ref_shapes)) if a != b), min(len(shapes or []), len(ref_shapes)))
        got = shapes[i] if shapes and i < len(shapes) else None
        want = ref_shapes[i] if i < len(ref_shapes) else None
        return Verdict("fail", say("transplant", lang, layer=i + 1, got=got, expected=want))
    if out.shape != ref_out.shape:
        return Verdict("fail", say("shape", lang, out="output", got=out.shape, expected=ref_out.shape))
    values = out.astype(np.float64)
    if not np.all(np.isfinite(values)):
        return Verdict("fail", say("not_finite", lang, out="output", what=say("nan", lang) + " / " + say("infinity", lang), index="…"))
    scale = float(np.max(np.abs(ref_out))) or 1.0
    err = float(np.max(np.abs(values - ref_out))) / scale
    if err <= plan.expected["tolerance"]:
        return Verdict("pass", say("forward_pass", lang, err=err, tol=plan.expected["tolerance"]), rel_error=err)
    index = tuple(int(i) for i in np.unravel_index(int(np.argmax(np.abs(values - ref_out))), values.shape))
    return Verdict("fail", say("forward_wrong", lang, err=err, tol=plan.expected["tolerance"], index=index,
                               got=float(values[index]), expected=float(ref_out[index])), worst_index=index, rel_error=err)


JUDGES = {"param_count": judge_param_count, "output_shape": judge_output_shape,
          "layers": judge_layers, "forward": judge_forward}


def judge(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    return JUDGES[plan.graded.name](plan, outcome, lang)
