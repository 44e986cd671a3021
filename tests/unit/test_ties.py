"""Tied maxima in max-pool backward (grader/compare.py, grader/checks/function.py), no kernels:
by default the gradient given to any one of the tied maxima, or to each of them (CS231n's
mask), passes with a note; `ties = "strict"` wants the reference's first maximum."""
import dataclasses

import numpy as np
import pytest

from grader.checks import judge, plan_assignment
from grader.compare import tie_subgradient
from grader.errors import RubricError
from grader.probe import ProbeOutcome
from grader.reference import load_module
from grader.rubric import load_all

CONV = load_all(references='solutions')['conv_numpy']
REF = load_module(CONV.reference)
MISTAKES = load_module(CONV.mistakes)


@pytest.fixture(scope='module')
def ties_plan():
    return next(p for p in plan_assignment(CONV, 3) if p.check_id == 'max_pool_backward_naive/ties')


def last_maximum(dout, cache):
    """The whole gradient to the LAST of the tied maxima (the reference gives it to the first)."""
    x, pool_param = cache
    ph, pw, s = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    dx = np.zeros_like(x)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            for i in range(dout.shape[2]):
                for j in range(dout.shape[3]):
                    window = x[n, c, i * s:i * s + ph, j * s:j * s + pw]
                    r, q = np.argwhere(window == window.max())[-1]
                    dx[n, c, i * s + r, j * s + q] += dout[n, c, i, j]
    return dx


def outcome(plan, backward):
    _, cache = REF.max_pool_forward_naive(plan.inputs['x'].copy(), plan.inputs['pool_param'])
    return ProbeOutcome('ok', {'dx': backward(plan.inputs['dout'].copy(), cache)}, {'kind': 'ok'})


def strict(plan):
    graded = dataclasses.replace(plan.graded, options=dict(plan.graded.options) | {'ties': 'strict'})
    return dataclasses.replace(plan, graded=graded)


@pytest.mark.parametrize('backward, how', [(MISTAKES.pool_backward_spread_ties, 'goes to each of them'),
                                           (last_maximum, 'goes to one of them')])
def test_any_subgradient_passes_by_default_with_a_note(ties_plan, backward, how):
    verdict = judge(ties_plan, outcome(ties_plan, backward), 60.0)
    assert verdict.status == 'pass', verdict.message
    assert how in verdict.message and 'subgradient' in verdict.message
    korean = judge(ties_plan, outcome(ties_plan, backward), 60.0, 'ko')
    assert korean.status == 'pass' and '부분기울기' in korean.message


@pytest.mark.parametrize('backward', [MISTAKES.pool_backward_spread_ties, last_maximum])
def test_strict_keeps_the_first_maximum(ties_plan, backward):
    verdict = judge(strict(ties_plan), outcome(ties_plan, backward), 60.0)
    assert verdict.status == 'fail'


def test_a_wrong_gradient_still_fails(ties_plan):
    half = lambda dout, cache: MISTAKES.pool_backward_spread_ties(dout, cache) * 0.5  # noqa: E731
    assert judge(ties_plan, outcome(ties_plan, half), 60.0).status == 'fail'
    split = lambda dout, cache: last_maximum(dout, cache) * 0.5 + REF.max_pool_backward_naive(dout, cache) * 0.5  # noqa: E731
    assert judge(ties_plan, outcome(ties_plan, split), 60.0).status == 'fail'  # neither one nor each


def test_the_reference_passes_either_way(ties_plan):
    for plan in (ties_plan, strict(ties_plan)):
        verdict = judge(plan, outcome(ties_plan, REF.max_pool_backward_naive), 60.0)
        assert verdict.status == 'pass' and 'subgradient' not in verdict.message


def test_without_ties_nothing_is_accepted():
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    dout = np.ones((1, 1, 2, 2))
    assert tie_subgradient(np.zeros_like(x), x, dout, {'pool_height': 2, 'pool_width': 2, 'stride': 2}, 1e-6) is None


def test_an_unknown_ties_value_is_the_rubric_s_fault(ties_plan):
    graded = dataclasses.replace(ties_plan.graded, options={'ties': 'lenient'})
    with pytest.raises(RubricError, match='ties'):
        judge(dataclasses.replace(ties_plan, graded=graded), outcome(ties_plan, last_maximum), 60.0)
