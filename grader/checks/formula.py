"""Formula checks (cnn_arithmetic): call a function of whole numbers, expect a whole number back,
or ValueError where the reference raises it (geometry that does not fit).

A case's argument is a number, or `{ integer = [lo, hi] }` drawn from the grading seed (lo and
hi included); `fits = true` redraws until the reference returns a value, `fits = false` until
it raises ValueError, so hidden cases of both kinds exist for every seed. The expectation is
whatever the reference does on the case's arguments.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from grader import reference
from grader.cases import case_rng
from grader.compare import Verdict, problem_verdict
from grader.errors import RubricError
from grader.messages import say
from grader.plan import CheckPlan, check_id
from grader.probe import ProbeOutcome
from grader.rubric import Assignment, Case, Graded

judges_raised = True
"""The kind's judge also sees probes whose call raised: ValueError can be the right answer."""
RAISES = "ValueError"
MAX_DRAWS = 1000


def is_integer_spec(value: Any) -> bool:
    return isinstance(value, Mapping) and "integer" in value


def _bounds(value: Mapping, where: str) -> tuple[int, int]:
    bounds = value["integer"]
    if not (isinstance(bounds, list) and len(bounds) == 2 and all(type(b) is int for b in bounds)
            and bounds[0] <= bounds[1]):
        raise RubricError.of("rubric.integer_bounds", where=where, bounds=repr(bounds))
    return bounds[0], bounds[1]


def outcome_of(function, args: list) -> dict[str, Any]:
    """What the reference does on `args`: {"value": int} or {"raises": "ValueError"}."""
    try:
        value = function(*args)
    except ValueError:
        return {"raises": RAISES}
    if isinstance(value, bool) or not float(value).is_integer():
        raise RubricError.of("rubric.not_whole", call=f"{function.__name__}{tuple(args)}", value=repr(value))
    return {"value": int(value)}


def _draw(function, graded: Graded, case: Case, seed: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The case's arguments (hidden ones drawn so that they fit as `fits` says) and what the
    reference does on them."""
    where = f"{graded.name}/{case.name}"
    drawn = {a: _bounds(v, where) for a, v in case.inputs.items() if is_integer_spec(v)}
    fits = case.inputs.get("fits")
    rng = case_rng(seed, graded.name, case.name, "integers")
    for _ in range(MAX_DRAWS if drawn else 1):
        args = {a: case.inputs[a] for a in graded.args if a in case.inputs}
        args |= {a: int(rng.integers(lo, hi + 1)) for a, (lo, hi) in sorted(drawn.items())}
        expected = outcome_of(function, [args[a] for a in graded.args if a in args])
        if fits is None or fits == ("value" in expected):
            return args, expected
    raise RubricError.of("rubric.no_draw_fit" if fits else "rubric.no_draw_unfit", where=where, tries=MAX_DRAWS)


def call_text(name: str, args: Mapping[str, Any]) -> str:
    return f"{name}({', '.join(repr(v) for v in args.values())})"


def plan_case(function, graded: Graded, case: Case, seed: int, forbidden: tuple[str, ...]) -> CheckPlan:
    unknown = set(case.inputs) - set(graded.args) - {"fits"}
    if unknown:
        raise RubricError.of("rubric.not_in_args", where=f"{graded.name}/{case.name}", names=", ".join(sorted(unknown)),
                             args=str(list(graded.args)))
    args, expected = _draw(function, graded, case, seed)
    request = {"kind": "call", "name": graded.name, "args": list(args), "forbidden": list(forbidden),
               "returns": ["out"], "compare": ["out"], "forward": None}
    return CheckPlan(check_id(graded, case.name), graded, graded.points / len(graded.cases), case.public,
                     request, args, ("out",), expected | {"call": call_text(graded.name, args)})


def plan(assignment: Assignment, graded: Graded, seed: int) -> list[CheckPlan]:
    if not graded.cases:
        raise RubricError.of("rubric.formula_no_cases", name=graded.name)
    function = reference.function(reference.load_module(assignment.reference), graded.name)
    return [plan_case(function, graded, case, seed, assignment.forbidden) for case in graded.cases]


def answer_of(outcome: ProbeOutcome) -> float | None:
    """The number the student's function returned (a 0-d array read back), else None."""
    out = outcome.outputs.get("out") if outcome.kind == "ok" else None
    if out is None or out.shape != () or out.dtype.kind not in "biuf" or not np.isfinite(out):
        return None
    return float(out)


def shown(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _judge_raises(plan: CheckPlan, outcome: ProbeOutcome, got: float | None, lang: str) -> Verdict:
    call = plan.expected["call"]
    if outcome.kind == "raised":
        ename = str(outcome.detail.get("ename"))
        if ename == RAISES:
            return Verdict("pass", say("formula.raises_pass", lang, call=call))
        return Verdict("fail", say("formula.raises_other", lang, call=call, ename=ename,
                                   evalue=str(outcome.detail.get("evalue", ""))[:300]),
                       traceback=outcome.detail.get("traceback") if isinstance(outcome.detail.get("traceback"), str) else None)
    return Verdict("fail", say("formula.no_raise", lang, call=call, got=shown(got)))


def judge(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    """The value against the reference's, exactly (an integral float counts as its integer);
    ValueError where the reference raises it."""
    got = answer_of(outcome)
    if outcome.kind not in ("ok", "raised"):
        return problem_verdict(plan, outcome, 0.0, lang)
    if outcome.kind == "ok" and got is None:
        return Verdict("fail", say("formula.not_number", lang, call=plan.expected["call"]))
    if "raises" in plan.expected:
        return _judge_raises(plan, outcome, got, lang)
    if outcome.kind == "raised":
        return problem_verdict(plan, outcome, 0.0, lang)
    want, call = plan.expected["value"], plan.expected["call"]
    if got == want:
        return Verdict("pass", say("formula.pass", lang, call=call, value=want))
    return Verdict("fail", say("formula.wrong", lang, call=call, got=shown(got), expected=want))
