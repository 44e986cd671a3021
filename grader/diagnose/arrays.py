"""Diagnosis of function checks (conv_numpy): run the course's known-mistake variants of the
reference on the check's own inputs and name, for each returned array that failed, the variant
that reproduces it; otherwise say where its error lies.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Iterator

import numpy as np

from grader import reference
from grader.compare import compare_array
from grader.diagnose.errormap import error_map_png
from grader.diagnose.result import Diagnosis, Finding, skip_failures
from grader.diagnose.where import describe, locate
from grader.messages import say
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome

MATCH = 1e-5
"""Largest |yours - variant| / max |variant| that counts as the same output (float32 included)."""


def same_array(got: np.ndarray, variant: np.ndarray) -> bool:
    """Whether the student's array is the variant's, up to float32 rounding."""
    if got.shape != variant.shape or got.dtype.kind not in "biuf":
        return False
    if got.size == 0:
        return True
    values = got.astype(np.float64)
    if not np.all(np.isfinite(values)):
        return False
    scale = max(float(np.max(np.abs(variant))), 1e-12)
    return float(np.max(np.abs(values - variant))) <= MATCH * scale


def _arguments(ref: ModuleType, plan: CheckPlan) -> list[Any]:
    """The graded function's arguments: a backward's cache comes from the reference forward."""
    inputs = plan.inputs
    produced = {}
    forward = plan.request.get("forward")
    if forward:
        result = reference.function(ref, forward["name"])(*[reference.fresh(inputs[a]) for a in forward["args"]])
        produced = reference.as_named(result, forward["returns"], forward["name"])
    return [produced[a] if a in produced else reference.fresh(inputs[a]) for a in plan.graded.args]


def variant_outputs(ref: ModuleType, mistakes: ModuleType | None, plan: CheckPlan) -> Iterator[tuple[str, dict]]:
    """(mistake id, {compared name: array}) of every variant that runs on this case."""
    graded = plan.graded
    for mistake, variant in getattr(mistakes, "MISTAKES", {}).get(graded.name, ()):
        outputs = None
        with skip_failures(), np.errstate(all="ignore"):
            named = reference.as_named(variant(*_arguments(ref, plan)), graded.returns, mistake)
            outputs = {n: np.asarray(named[n], dtype=np.float64) for n in graded.compare}
        if outputs is not None:
            yield mistake, outputs


def _finding(name: str, got: np.ndarray, expected: np.ndarray, variants: list, tol: float, lang: str,
             zeros_named: bool) -> Finding:
    """What one failed array is: a named mistake, or where its error lies; with its error map.

    An all-zero variant is named only when `zeros_named` (the check's other outputs are right):
    otherwise zeros say no more than "nothing was computed yet".
    """
    mistake = next((m for m, outputs in variants
                    if (zeros_named or np.any(outputs[name])) and same_array(got, outputs[name])), None)
    comparable = got.shape == expected.shape and got.dtype.kind in "biuf" and np.all(np.isfinite(got))
    where = locate(got, expected, tol) if comparable else None
    image = error_map_png(got, expected) if comparable else None
    if mistake is not None:
        return Finding(name, mistake, say(f"diag.{mistake}", lang, out=name), where, image)
    if where is None:
        key = "where.none_shape" if got.shape != expected.shape else "where.none"
        return Finding(name, "none", say(key, lang, out=name, got=got.shape), None, image)
    kind = "none.border" if where.border is not None else "none"
    zeros = say("where.zeros", lang, out=name) if not np.any(got) else ""
    return Finding(name, kind, say("where.none", lang, out=name) + zeros + describe(where, lang), where, image)


def diagnose_function(ref: ModuleType, mistakes: ModuleType | None, plan: CheckPlan, outcome: ProbeOutcome,
                      lang: str) -> Diagnosis | None:
    """The likely mistake behind each failed output of a function check that returned arrays."""
    if outcome.kind != "ok":
        return None
    tol = plan.graded.tolerance
    failed = [n for n in plan.graded.compare
              if compare_array(n, outcome.outputs[n], plan.expected[n], tol).status != "pass"]
    if not failed:
        return None
    variants = list(variant_outputs(ref, mistakes, plan))
    zeros_named = len(failed) < len(plan.graded.compare)
    findings = [_finding(n, outcome.outputs[n], plan.expected[n], variants, tol, lang, zeros_named) for n in failed]
    return Diagnosis.from_findings(findings)
