"""Variable checks (alexnet_params): a variable's integral value against the reference's.

The expected values come from a function of the reference module named in the rubric
(`[variable] expected = "..."`), which computes them, e.g. from the reference model.
"""

from __future__ import annotations

import functools
from pathlib import Path

from grader import reference
from grader.compare import Verdict
from grader.errors import RubricError
from grader.messages import say
from grader.plan import CheckPlan, check_id
from grader.probe import ProbeOutcome
from grader.rubric import Assignment, Graded


@functools.lru_cache(maxsize=None)
def expected_values(path: Path, function: str) -> dict[str, int]:
    values = reference.function(reference.load_module(path), function)()
    if not isinstance(values, dict):
        raise RubricError.of("rubric.variable_values", path=path, function=function)
    return values


def plan(assignment: Assignment, graded: Graded, seed: int) -> list[CheckPlan]:
    function = graded.options.get("expected")
    if not function:
        raise RubricError.of("rubric.variable_expected", assignment=assignment.name)
    values = expected_values(assignment.reference, function)
    if graded.name not in values:
        raise RubricError.of("rubric.variable_missing", function=function, name=graded.name)
    return [CheckPlan(check_id(graded, None), graded, graded.points, True, request(graded),
                      expected=int(values[graded.name]))]


def request(graded: Graded) -> dict:
    """What the kernel-side harness is asked: the variable's value."""
    return {"kind": "variable", "name": graded.name}


def judge(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    value = outcome.detail.get("value")
    if type(value) is not int:
        return Verdict("error", say("unsafe", lang, function=plan.graded.name, reason=say("reason.value_not_int", lang)))
    if value == plan.expected:
        return Verdict("pass", say("variable_pass", lang, name=plan.graded.name, value=value))
    return Verdict("fail", say("variable_wrong", lang, name=plan.graded.name, value=value))
