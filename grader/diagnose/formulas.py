"""Diagnosis of formula checks (cnn_arithmetic): the known-mistake variant whose value on the
case's arguments is what the student's function returned (a missing ValueError included)."""

from __future__ import annotations

from types import ModuleType

from grader.checks.formula import answer_of, shown
from grader.diagnose.result import Diagnosis, Finding, skip_failures
from grader.messages import say
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome


def diagnose_formula(mistakes: ModuleType, plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Diagnosis | None:
    """The first variant that gives the student's number, or an honest "none"."""
    got = answer_of(outcome)
    if got is None:
        return None
    name, args = plan.graded.name, list(plan.inputs.values())
    found = None
    for mistake, variant in getattr(mistakes, "MISTAKES", {}).get(name, ()):
        with skip_failures():
            if abs(float(variant(*args)) - got) < 1e-9:
                found = mistake
                break
    if found is None:
        return Diagnosis.from_findings([Finding(name, "none", say("where.none_value", lang, name=name, got=shown(got)))])
    return Diagnosis.from_findings([Finding(name, found, say(f"diag.{found}", lang, call=plan.expected["call"]))])
