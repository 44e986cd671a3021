"""Grade stage, fault charging: which cases a call that hung or crashed costs.

A fault costs its own case and the cases that make the same call (the same student function on
the same inputs), such as a backward case whose forward is called on the inputs of the forward
case that hung; nothing else.
"""

from __future__ import annotations

import numpy as np

from grader.plan import CheckPlan


def _arguments(inputs: dict, args) -> dict:
    """The inputs a call of a function with `args` is decided by: those arguments when the case
    gives them all, else every input (a backward's `cache` comes from its forward's call)."""
    args = list(args or ())
    return {k: inputs[k] for k in args} if args and all(k in inputs for k in args) else dict(inputs)


def calls_of(plan: CheckPlan) -> list[tuple[str, dict]]:
    """The student's calls a probe makes, as (name, the inputs that decide the call): its
    forward's (for a backward pass), then the graded name's."""
    forward = plan.request.get("forward")
    calls = [(forward["name"], _arguments(plan.inputs, forward["args"]))] if forward else []
    return calls + [(plan.graded.name, _arguments(plan.inputs, plan.graded.args))]


def _same_inputs(a: dict, b: dict) -> bool:
    if a.keys() != b.keys():
        return False
    for name, value in a.items():
        other = b[name]
        if isinstance(value, np.ndarray) or isinstance(other, np.ndarray):
            if not (isinstance(value, np.ndarray) and isinstance(other, np.ndarray) and value.dtype == other.dtype
                    and value.shape == other.shape and np.array_equal(value, other)):
                return False
        else:
            try:
                if not bool(value == other):
                    return False
            except (ValueError, TypeError):  # values holding arrays: not known to be the same
                return False
    return True


def needs(plan: CheckPlan, faulted: CheckPlan) -> bool:
    """Whether `plan` makes the call that hung or crashed in `faulted` (its graded name's, on
    its inputs): the same function on the same inputs, such as a backward case whose forward
    is called on the inputs of the forward case that hung."""
    name, args = calls_of(faulted)[-1]
    return any(own == name and _same_inputs(own_args, args) for own, own_args in calls_of(plan))
