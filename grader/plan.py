"""Plan stage: the concrete call and the expected outputs of every check of an assignment.

Hidden inputs are drawn here from the grading seed, and expected outputs computed with the
reference, in the grader's own process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from grader import reference
from grader.cases import check_id, draw_input, is_array_spec, parse_spec
from grader.errors import RubricError
from grader.rubric import Assignment, Case, Graded


@dataclass(frozen=True)
class CallPlan:
    """One check: which student function to call on what, and what it must return."""

    check_id: str
    graded: Graded
    case: Case
    inputs: Mapping[str, Any]
    """Argument name -> float64 array or plain value (the forward's inputs and `dout`)."""
    forward: Graded | None
    """The student's forward pass whose returned values feed this backward pass."""
    expected: Mapping[str, np.ndarray]
    """Returned name -> reference output, for the names the rubric compares."""


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
        raise RubricError(f"{graded}/{case}: an input is shaped like {like!r}, which is unknown")
    return np.shape(known[like])


def _call(module, graded: Graded, inputs: Mapping[str, Any], produced: dict) -> dict[str, Any]:
    """Call the reference; arguments come from the forward's results, else from the inputs."""
    missing = [a for a in graded.args if a not in produced and a not in inputs]
    if missing:
        raise RubricError(f"{graded.name}: no value for argument(s) {missing}")
    args = [produced[a] if a in produced else reference.fresh(inputs[a]) for a in graded.args]
    result = reference.function(module, graded.name)(*args)
    return reference.as_named(result, graded.returns, graded.name)


def plan_case(module, graded: Graded, case: Case, seed: int, by_name: dict[str, Graded]):
    """The CallPlan of one case; a backward case runs the reference forward first."""
    forward = by_name.get(graded.forward) if graded.forward else None
    if graded.forward and forward is None:
        raise RubricError(f"{graded.name}: forward {graded.forward!r} is not a graded name")
    inputs, produced = {}, {}
    if forward is not None:
        inputs = _draw_inputs(graded, case, forward.args, seed, {})
        produced = _call(module, forward, inputs, {})
    inputs |= _draw_inputs(graded, case, _own_args(graded, produced), seed, produced)
    outputs = _call(module, graded, inputs, produced)
    expected = {name: np.asarray(outputs[name], dtype=np.float64) for name in graded.compare}
    return CallPlan(check_id(graded, case), graded, case, inputs, forward, expected)


def _own_args(graded: Graded, produced: dict) -> tuple[str, ...]:
    return tuple(a for a in graded.args if a not in produced)


def plan_assignment(assignment: Assignment, seed: int) -> list[CallPlan]:
    """Every check of the assignment, in rubric order."""
    module = reference.load_module(assignment.reference)
    by_name = {g.name: g for g in assignment.graded}
    return [plan_case(module, g, c, seed, by_name) for g in assignment.graded for c in g.cases]
