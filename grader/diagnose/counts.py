"""Diagnosis of variable checks (alexnet_params): which mistaken count the student's answer is.

The course's mistakes module yields (mistake id, message values, mistaken value) candidates
for a name; an answer that is a tuple of integers (an output shape) stands for its product.
"""

from __future__ import annotations

import math
from types import ModuleType

from grader.diagnose.result import Diagnosis, Finding, skip_failures
from grader.messages import say
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome

MAX_TUPLE = 8


def answer_of(outcome: ProbeOutcome) -> int | tuple[int, ...] | None:
    """The student's answer as read back: an int, a short tuple of ints, or None."""
    if outcome.kind == "ok":
        value = outcome.detail.get("value")
        return value if type(value) is int else None
    values = outcome.detail.get("values") if outcome.kind == "not_integer" else None
    if isinstance(values, list) and 0 < len(values) <= MAX_TUPLE and all(type(v) is int for v in values):
        return tuple(values)
    return None


def as_count(value: int | tuple[int, ...]) -> int:
    return math.prod(value) if isinstance(value, tuple) else value


def answer_text(value: int | tuple[int, ...]) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def diagnose_variable(mistakes: ModuleType, plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Diagnosis | None:
    """The mistaken count that equals the student's answer, or an honest "none"."""
    got = answer_of(outcome)
    candidates = getattr(mistakes, "variable_candidates", None)
    if got is None or candidates is None:
        return None
    name = plan.graded.name
    found = None
    with skip_failures():
        found = next(((m, values) for m, values, value in candidates(name, got)
                      if as_count(value) == as_count(got) and as_count(value) != plan.expected), None)
    text = answer_text(got)
    if found is None:
        finding = Finding(name, "none", say("where.none_value", lang, name=name, got=text))
    else:
        mistake, values = found
        finding = Finding(name, mistake, say(f"diag.{mistake}", lang, **(values | {"name": name, "got": text})))
    return Diagnosis.from_findings([finding])
