"""Unit tests of grader/diagnose (no kernels): each known mistake of conv_numpy is named when
the student's output is that mistake's, on every case where it shows; otherwise the diagnosis
says so and where the error lies; variants that raise are skipped, and a broken diagnosis never
costs a grade."""
import base64
import dataclasses
import io

import numpy as np
import pytest

from grader.checks import judge, plan_assignment
from grader.diagnose import diagnose
from grader.diagnose.arrays import same_array
from grader.diagnose.errormap import channel_errors, error_map_png
from grader.diagnose.where import border_band, locate
from grader.probe import ProbeOutcome
from grader.reference import load_module
from grader.rubric import load_all

SEED = 777
ASSIGNMENT = load_all()['conv_numpy']
PLANS = {p.check_id: p for p in plan_assignment(ASSIGNMENT, SEED)}
MISTAKES = load_module(ASSIGNMENT.mistakes)
REF = load_module(ASSIGNMENT.reference)
SUBGRADIENTS = ('max_pool_backward.spread_ties',)
"""Variants that are valid subgradients at tied maxima: they show only under `ties = "strict"`."""


def strict(plan):
    graded = dataclasses.replace(plan.graded, options=dict(plan.graded.options) | {'ties': 'strict'})
    return dataclasses.replace(plan, graded=graded)


def student_as(plan, variant):
    """The outcome of a student whose function is `variant` (run on the reference's cache)."""
    args = [plan.inputs[a] for a in plan.graded.args if a in plan.inputs]
    forward = plan.request.get('forward')
    if forward:
        _, cache = REF.conv_forward_naive(*[plan.inputs[a] for a in forward['args']]) \
            if forward['name'] == 'conv_forward_naive' else REF.max_pool_forward_naive(
                *[plan.inputs[a] for a in forward['args']])
        args = [plan.inputs['dout'], cache]
    result = variant(*args)
    values = (result,) if len(plan.graded.returns) == 1 else result
    named = dict(zip(plan.graded.returns, values))
    return ProbeOutcome('ok', {n: np.asarray(named[n]) for n in plan.graded.compare}, {'kind': 'ok'})


def diagnosis_of(plan, outcome, lang='en'):
    return diagnose(ASSIGNMENT, plan, outcome, judge(plan, outcome, 60.0, lang), lang)


def gives_the_same(plan, other, outcome, found):
    """Whether variant `other` gives the student's outputs that the diagnosis speaks of."""
    try:
        theirs = student_as(plan, other)
    except ValueError:
        return False
    return all(same_array(outcome.outputs[n], theirs.outputs[n]) for n in found.details['diagnoses'])


VARIANTS = [(graded, mistake, variant) for graded, pairs in MISTAKES.MISTAKES.items()
            for mistake, variant in pairs]


@pytest.mark.parametrize('graded, mistake, variant', VARIANTS, ids=[v.__name__ for _, _, v in VARIANTS])
def test_each_variant_is_named_where_it_shows(graded, mistake, variant):
    named = 0
    for plan in (p for p in PLANS.values() if p.graded.name == graded):
        plan = strict(plan) if mistake in SUBGRADIENTS else plan
        try:
            outcome = student_as(plan, variant)
        except ValueError:
            continue  # the variant does not apply to this case (a non-square kernel)
        verdict = judge(plan, outcome, 60.0)
        if verdict.status == 'pass':
            continue  # the mistake makes no difference on this case
        found = diagnose(ASSIGNMENT, plan, outcome, verdict)
        named_ids = set(found.details['diagnoses'].values())
        # a variant listed earlier may give the very same output on a case; it is then named
        alike = {m for m, other in MISTAKES.MISTAKES[graded]
                 if other is not variant and gives_the_same(plan, other, outcome, found)}
        assert named_ids <= {mistake} | alike, (plan.check_id, found.hint)
        named += mistake in named_ids
    assert named > 0


def test_a_passing_check_gets_no_diagnosis():
    plan = PLANS['conv_forward_naive/pad1']
    outcome = ProbeOutcome('ok', {'out': plan.expected['out'].copy()}, {'kind': 'ok'})
    assert diagnosis_of(plan, outcome) is None


def test_a_probe_problem_gets_no_diagnosis():
    plan = PLANS['conv_forward_naive/pad1']
    outcome = ProbeOutcome('raised', {}, {'function': 'conv_forward_naive', 'ename': 'ValueError', 'evalue': 'x'})
    assert diagnosis_of(plan, outcome) is None


def test_the_hint_is_in_the_chosen_language():
    plan = PLANS['conv_forward_naive/pad1']
    outcome = student_as(plan, MISTAKES.forward_no_bias)
    assert '편향' in diagnosis_of(plan, outcome, 'ko').hint
    assert 'without the bias' in diagnosis_of(plan, outcome, 'en').hint


def test_no_known_mistake_says_where_the_error_is():
    plan = PLANS['conv_forward_naive/pad1']
    out = plan.expected['out'].copy()
    out[1, 2] += 1.0  # one sample, one filter
    found = diagnosis_of(plan, ProbeOutcome('ok', {'out': out}, {'kind': 'ok'}))
    assert found.id == 'none'
    assert 'No known mistake matches `out`' in found.hint
    assert '100% of the error is in sample 1' in found.hint and 'channel 2' in found.hint
    assert found.details['where']['out']['sample'] == [1, 1.0] or found.details['where']['out']['sample'] == (1, 1.0)
    assert found.details['error_maps'][0]['src'].startswith('data:image/png;base64,')


def test_errors_on_the_border_only_are_a_padding_problem():
    plan = PLANS['conv_forward_naive/pad1']
    out = plan.expected['out'].copy()
    out[:, :, 0, :] += 0.5
    out[:, :, :, -1] -= 0.5
    found = diagnosis_of(plan, ProbeOutcome('ok', {'out': out}, {'kind': 'ok'}))
    assert found.id == 'none.border' and 'padding problem' in found.hint


def test_an_all_zero_output_is_not_explained_by_an_all_zero_variant():
    plan = PLANS['conv_backward_naive/kernel3x1']
    zeros = {n: np.zeros_like(plan.expected[n]) for n in plan.graded.compare}
    found = diagnosis_of(plan, ProbeOutcome('ok', zeros, {'kind': 'ok'}))
    assert set(found.details['diagnoses'].values()) == {'none'}
    assert 'is all zeros' in found.hint


def test_a_variant_that_raises_is_skipped(monkeypatch):
    def broken(*args):
        raise RuntimeError('course bug')
    pairs = [('conv_forward.broken', broken)] + MISTAKES.MISTAKES['conv_forward_naive']
    monkeypatch.setitem(MISTAKES.MISTAKES, 'conv_forward_naive', pairs)
    plan = PLANS['conv_forward_naive/pad1']
    assert diagnosis_of(plan, student_as(plan, MISTAKES.forward_no_bias)).id == 'conv_forward.no_bias'


def test_a_broken_diagnosis_costs_only_the_hint(monkeypatch, capsys):
    import grader.diagnose as stage
    monkeypatch.setattr(stage, 'diagnose_function', lambda *a: 1 / 0)
    plan = PLANS['conv_forward_naive/pad1']
    assert diagnosis_of(plan, student_as(plan, MISTAKES.forward_no_bias)) is None
    assert 'could not diagnose conv_forward_naive/pad1' in capsys.readouterr().err


# ---- the pieces ----

def test_same_array_allows_float32_rounding_only():
    v = np.linspace(-3, 3, 24).reshape(2, 3, 4)
    assert same_array(v.astype(np.float32), v)
    assert not same_array(v + 1e-3, v)
    assert not same_array(v[:, :2], v)
    assert same_array(np.zeros((2, 3, 0, 0)), np.zeros((2, 3, 0, 0)))


def test_border_band_needs_an_inside():
    wrong = np.zeros((1, 1, 6, 6), dtype=bool)
    wrong[..., 0, 3] = wrong[..., 5, 5] = True
    assert border_band(wrong) == 1
    wrong[..., 1, 2] = True
    assert border_band(wrong) == 2
    wrong[..., 3, 3] = True
    assert border_band(wrong) is None
    assert border_band(np.ones((1, 1, 2, 2), dtype=bool)) is None


def test_locate_lists_the_worst_entries_first():
    expected = np.zeros((2, 2, 4, 4))
    got = expected.copy()
    got[0, 1, 2, 3], got[1, 0, 1, 1] = 5.0, -2.0
    where = locate(got, expected, 1e-6)
    assert [w[0] for w in where.worst] == [(0, 1, 2, 3), (1, 0, 1, 1)]


def test_error_map_is_a_small_png_with_one_panel_per_channel():
    got = np.random.default_rng(0).standard_normal((2, 3, 5, 5))
    assert channel_errors(got, np.zeros_like(got)).shape == (3, 5, 5)
    uri = error_map_png(got, np.zeros_like(got))
    data = base64.b64decode(uri.split(',', 1)[1])
    assert data[:8] == b'\x89PNG\r\n\x1a\n' and len(data) < 8000
    assert error_map_png(np.ones(3), np.zeros(3)) is None
    from matplotlib.image import imread
    assert imread(io.BytesIO(data)).shape[1] > imread(io.BytesIO(data)).shape[0]
