"""Check kinds: how each kind of graded name is planned and judged.

- function (conv_numpy): call a function on drawn inputs, compare the arrays it returns;
- variable (alexnet_params): read a variable's value, compare it with the reference's;
- model (alexnet_model): build the student's nn.Module class and inspect it in the kernel;
- formula (cnn_arithmetic): call a function of whole numbers, expect a number or ValueError;
- markdown (alexnet_params): the answers written in the notebook's markdown, no kernel involved;
- keras (alexnet_model): the student's Keras model, measured as the PyTorch one is;
- summary (alexnet_model): a summary of the student's own model shown when the grader ran it.

In the students' distribution (grader/public.py) variable and model checks are judged by
locked.py against the lock instead of the reference; function and formula checks use the public
reference.
"""

from __future__ import annotations

from grader.checks import formula, function, keras, locked, markdown, model, summary, variable
from grader.compare import Verdict, problem_verdict
from grader.errors import RubricError
from grader.messages import say
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome
from grader.rubric import Assignment

KINDS = {"function": function, "variable": variable, "model": model, "formula": formula, "markdown": markdown,
         "keras": keras, "summary": summary}
REFERENCE_KINDS = ("function", "formula", "markdown", "keras", "summary")
"""Kinds that plan themselves in both distributions: with the public reference for students
(function, formula), or left to the staff there (markdown answers, Keras models)."""


def _kind(name: str):
    try:
        return KINDS[name]
    except KeyError:
        raise RubricError.of("rubric.unknown_kind", kind=repr(name), known=", ".join(KINDS)) from None


def _planner(assignment: Assignment, kind: str):
    return locked if assignment.references == "public" and kind not in REFERENCE_KINDS else _kind(kind)


def plan_assignment(assignment: Assignment, seed: int, public: bool | None = None) -> list[CheckPlan]:
    """Every check of the assignment, in rubric order; with `public`, only the public (True) or
    the hidden (False) ones, the others not computed where that saves time (function cases)."""
    plans = []
    for g in assignment.graded:
        planner = _planner(assignment, g.kind)
        if planner is function:
            plans += function.plan(assignment, g, seed, public)
        else:
            plans += [p for p in planner.plan(assignment, g, seed) if public is None or p.public == public]
    return plans


def judge(plan: CheckPlan, outcome: ProbeOutcome, timeout: float, lang: str = "en") -> Verdict:
    """The verdict of one check, in `lang`: the kernel's problem if it had one, else the kind's
    judgement."""
    judge_of = _kind(plan.graded.kind) if plan.judged_by == "reference" else locked
    raised_judged = outcome.kind == "raised" and getattr(judge_of, "judges_raised", False)
    if outcome.kind != "ok" and not raised_judged:
        return problem_verdict(plan, outcome, timeout, lang)
    try:
        return judge_of.judge(plan, outcome, lang)
    except MALFORMED as exc:  # the report is a file the kernel could write: fields of any type
        reason = say("reason.report_malformed", lang, why=type(exc).__name__)
        return Verdict("error", say("unsafe", lang, function=plan.graded.name, reason=reason))


MALFORMED = (TypeError, ValueError, KeyError, IndexError, AttributeError)
"""What judging a kernel's report raises when a field has the wrong type or is missing."""
