"""Unit tests of grader/charging.py: a call that hung or crashed costs its case and the cases
making the same call (same function, same inputs), nothing else (issue 12, finding 6)."""
import dataclasses

import numpy as np

from grader import rubric
from grader.charging import calls_of, needs
from grader.grade import plans_for

CONV = rubric.load_all()["conv_numpy"]
PLANS = {p.check_id: p for p in plans_for(CONV, 7)}


def test_a_backward_case_needs_the_forward_call_on_its_own_inputs_only():
    forward = PLANS["conv_forward_naive/pad1"]
    backward = PLANS["conv_backward_naive/pad1"]
    same = dataclasses.replace(forward, inputs={k: backward.inputs[k] for k in ("x", "w", "b", "conv_param")})
    assert needs(backward, same)
    assert not needs(PLANS["conv_backward_naive/pad0"], same)


def test_a_case_needs_its_own_call_and_no_other_case_of_the_function():
    forward = PLANS["conv_forward_naive/pad1"]
    assert needs(forward, forward)
    assert not any(needs(PLANS[i], forward) for i in PLANS if i != "conv_forward_naive/pad1"
                   and not i.startswith("conv_backward"))


def test_a_hang_in_a_backward_costs_no_forward_case():
    backward = PLANS["conv_backward_naive/pad1"]
    assert [i for i in PLANS if needs(PLANS[i], backward)] == ["conv_backward_naive/pad1"]


def test_a_call_is_decided_by_its_arguments_not_by_other_inputs_of_the_case():
    forward = PLANS["conv_forward_naive/public"]
    name, args = calls_of(dataclasses.replace(forward, inputs=dict(forward.inputs) | {"dout": np.ones(3)}))[-1]
    assert name == "conv_forward_naive" and sorted(args) == ["b", "conv_param", "w", "x"]
