"""Function checks (conv_numpy): call a student's function on drawn inputs, compare arrays.

A backward check first calls the student's own forward on the case's inputs and passes the
values it returned (its cache) on by name; `dout` is drawn shaped like the reference output.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from grader import reference
from grader.cases import draw_input, is_array_spec, parse_spec
from grader.compare import TIES, Verdict, compare_array, tie_subgradient
from grader.errors import RubricError
from grader.messages import say
from grader.plan import CheckPlan, check_id
from grader.probe import ProbeOutcome
from grader.rubric import Assignment, Case, Graded


def _draw_inputs(graded: Graded, case: Case, names: tuple[str, ...], seed: int, known: dict):
    """Inputs named in `names` that the case gives, drawn or copied; `known` gives shapes."""
    inputs = {}
    for name in names:
        if name not in case.inputs:
            continue
        value = case.inputs[name]
        if is_array_spec(value):
            spec = parse_spec(value)
            shape = spec.shape or _shape_like(spec.like, known, graded.name, case.name)
            inputs[name] = draw_input(spec, shape, seed, (graded.name, case.name, name))
        else:
            inputs[name] = value
    return inputs


def _shape_like(like: str, known: dict, graded: str, case: str) -> tuple[int, ...]:
    if like not in known:
        raise RubricError.of("rubric.shaped_like", where=f"{graded}/{case}", like=repr(like))
    return np.shape(known[like])


def _call(module, graded: Graded, inputs: Mapping[str, Any], produced: dict) -> dict[str, Any]:
    """Call the reference; arguments come from the forward's results, else from the inputs."""
    missing = [a for a in graded.args if a not in produced and a not in inputs]
    if missing:
        raise RubricError.of("rubric.no_argument", name=graded.name, missing=str(missing))
    args = [produced[a] if a in produced else reference.fresh(inputs[a]) for a in graded.args]
    result = reference.function(module, graded.name)(*args)
    return reference.as_named(result, graded.returns, graded.name)


def _request(graded: Graded, forward: Graded | None, forbidden: tuple[str, ...]) -> dict[str, Any]:
    return {
        "kind": "call", "name": graded.name, "args": list(graded.args), "forbidden": list(forbidden),
        "returns": list(graded.returns), "compare": list(graded.compare),
        "forward": None if forward is None else
        {"name": forward.name, "args": list(forward.args), "returns": list(forward.returns)},
    }


def plan_case(module, graded: Graded, case: Case, seed: int, by_name: dict[str, Graded],
              forbidden: tuple[str, ...] = ()) -> CheckPlan:
    """The plan of one case; a backward case runs the reference forward first."""
    forward = by_name.get(graded.forward) if graded.forward else None
    if graded.forward and forward is None:
        raise RubricError.of("rubric.forward_unknown", name=graded.name, forward=repr(graded.forward))
    inputs, produced = {}, {}
    if forward is not None:
        inputs = _draw_inputs(graded, case, forward.args, seed, {})
        produced = _call(module, forward, inputs, {})
    inputs |= _draw_inputs(graded, case, tuple(a for a in graded.args if a not in produced), seed, produced)
    outputs = _call(module, graded, inputs, produced)
    expected = {name: np.asarray(outputs[name], dtype=np.float64) for name in graded.compare}
    return CheckPlan(check_id(graded, case.name), graded, graded.points / len(graded.cases),
                     case.public, _request(graded, forward, forbidden), inputs, graded.compare, expected)


def plan(assignment: Assignment, graded: Graded, seed: int, public: bool | None = None) -> list[CheckPlan]:
    """The plans of the graded name's cases (with `public`, of its public or hidden ones only)."""
    cases = [c for c in graded.cases if public is None or c.public == public]
    if not cases:
        return []
    module = reference.load_module(assignment.reference)
    by_name = {g.name: g for g in assignment.graded}
    return [plan_case(module, graded, case, seed, by_name, assignment.forbidden) for case in cases]


def _tie_subgradient(plan: CheckPlan, outcome: ProbeOutcome) -> str | None:
    """"one" or "all" when a max-pool backward (a single `dx` for a forward of `x` and
    `pool_param`) failed only by giving a tied maximum's gradient another valid way; None under
    the rubric's `ties = "strict"` or for any other function."""
    ties = plan.graded.options.get("ties", TIES[0])
    if ties not in TIES:
        raise RubricError.of("rubric.ties", name=plan.graded.name, ties=repr(ties), known=", ".join(TIES))
    inputs = plan.inputs
    if ties == "strict" or plan.graded.compare != ("dx",) or not isinstance(inputs.get("pool_param"), dict):
        return None
    if not all(isinstance(inputs.get(k), np.ndarray) for k in ("x", "dout")):
        return None
    return tie_subgradient(outcome.outputs["dx"], inputs["x"], inputs["dout"], inputs["pool_param"],
                           plan.graded.tolerance)


def judge(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    """Every compared output must match its reference within the tolerance."""
    tol = plan.graded.tolerance
    names = plan.graded.compare
    verdicts = [compare_array(n, outcome.outputs[n], plan.expected[n], tol, lang) for n in names]
    failed = [v for v in verdicts if v.status != "pass"]
    tie = _tie_subgradient(plan, outcome) if failed else None
    if tie is not None:
        note = say("ties.note", lang, how=say(f"ties.{tie}", lang))
        return Verdict("pass", say("ties.pass", lang, out=names[0]) + note)
    if failed:
        return Verdict("fail", "; ".join(v.message for v in failed), worst_index=failed[0].worst_index)
    rel = max(v.rel_error for v in verdicts)
    if len(names) == 1:
        return Verdict("pass", say("pass_one", lang, out=names[0], rel=rel, tol=tol), rel_error=rel)
    listed = ", ".join(f"`{n}`" for n in names)
    return Verdict("pass", say("pass_many", lang, names=listed, rel=rel, tol=tol), rel_error=rel)
