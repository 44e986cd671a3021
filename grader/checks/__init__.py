"""Check kinds: how each kind of graded name is planned and judged.

- function (conv_numpy): call a function on drawn inputs, compare the arrays it returns;
- variable (alexnet_params): read a variable's value, compare it with the reference's;
- model (alexnet_model): build the student's nn.Module class and inspect it in the kernel.
"""

from __future__ import annotations

from grader.checks import function, model, variable
from grader.compare import Verdict, problem_verdict
from grader.errors import RubricError
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome
from grader.rubric import Assignment

KINDS = {"function": function, "variable": variable, "model": model}


def _kind(name: str):
    try:
        return KINDS[name]
    except KeyError:
        raise RubricError(f"unknown check kind {name!r}; known: {', '.join(KINDS)}") from None


def plan_assignment(assignment: Assignment, seed: int) -> list[CheckPlan]:
    """Every check of the assignment, in rubric order."""
    return [p for g in assignment.graded for p in _kind(g.kind).plan(assignment, g, seed)]


def judge(plan: CheckPlan, outcome: ProbeOutcome, timeout: float, lang: str = "en") -> Verdict:
    """The verdict of one check, in `lang`: the kernel's problem if it had one, else the kind's
    judgement."""
    if outcome.kind != "ok":
        return problem_verdict(plan, outcome, timeout, lang)
    return _kind(plan.graded.kind).judge(plan, outcome, lang)
