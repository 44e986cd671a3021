"""Unit tests of grader/plan.py and grader/cases.py (function checks of conv_numpy): public
inputs are CS231n's whatever the seed, hidden ones come from the seed only, and the expected
outputs agree with an independent PyTorch computation."""
import dataclasses

import numpy as np
import pytest

from grader import cases
from grader.checks import plan_assignment
from grader.errors import RubricError
from grader.plan import check_id
from grader.rubric import load_all

CONV = load_all()['conv_numpy']
GRADED = {g.name: g for g in CONV.graded}
SEED_A, SEED_B = 20240917, 31337

# CS231n assignment 2, ConvolutionalNetworks.ipynb: published inputs and outputs of the
# "naive forward pass" cells.
CS231N_CONV_OUT = np.array([
    [[[-0.08759809, -0.10987781], [-0.18387192, -0.2109216]],
     [[0.21027089, 0.21661097], [0.22847626, 0.23004637]],
     [[0.50813986, 0.54309974], [0.64082444, 0.67101435]]],
    [[[-0.98053589, -1.03143541], [-1.19128892, -1.24695841]],
     [[0.69108355, 0.66880383], [0.59480972, 0.56776003]],
     [[2.36270298, 2.36904306], [2.38090835, 2.38247847]]]])
CS231N_POOL_OUT = np.array([
    [[[-0.26315789, -0.24842105], [-0.20421053, -0.18947368]],
     [[-0.14526316, -0.13052632], [-0.08631579, -0.07157895]],
     [[-0.02736842, -0.01263158], [0.03157895, 0.04631579]]],
    [[[0.09052632, 0.10526316], [0.14947368, 0.16421053]],
     [[0.20842105, 0.22315789], [0.26736842, 0.28210526]],
     [[0.32631579, 0.34105263], [0.38526316, 0.4]]]])


def rel_error(x, y):
    """CS231n's relative error."""
    return np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y)))


def by_id(plans):
    return {p.check_id: p for p in plans}


@pytest.fixture(scope='module')
def plans_a():
    return by_id(plan_assignment(CONV, SEED_A))


@pytest.fixture(scope='module')
def plans_b():
    return by_id(plan_assignment(CONV, SEED_B))


def case_of(plan):
    (case,) = [c for c in plan.graded.cases if check_id(plan.graded, c.name) == plan.check_id]
    return case


def drawn_from_seed(plan):
    """Input names whose case spec is an array drawn from the grading seed (no fixed seed)."""
    case = case_of(plan)
    return [n for n, v in case.inputs.items()
            if n in plan.inputs and cases.is_array_spec(v) and v.get('seed') is None]


def assert_same_value(a, b):
    if isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)
    else:
        assert a == b


def assert_same_plan(p, q):
    assert p.check_id == q.check_id and p.public == q.public and p.points == q.points
    assert set(p.inputs) == set(q.inputs)
    for name in p.inputs:
        assert_same_value(p.inputs[name], q.inputs[name])
    assert set(p.expected) == set(q.expected)
    for name in p.expected:
        np.testing.assert_array_equal(p.expected[name], q.expected[name])


# ---- check ids, points, visibility ----

def test_every_check_id_is_graded_slash_case_in_rubric_order(plans_a):
    expected = [f'{g.name}/{c.name}' for g in CONV.graded for c in g.cases]
    assert list(plans_a) == expected
    for plan in plans_a.values():
        assert plan.check_id == f'{plan.graded.name}/{case_of(plan).name}'
        assert plan.check_id.split('/')[0] in GRADED


def test_check_id_helpers():
    graded = GRADED['conv_forward_naive']
    case = graded.cases[0]
    assert cases.check_id(graded, case) == f'conv_forward_naive/{case.name}'
    assert check_id(graded, case.name) == f'conv_forward_naive/{case.name}'
    assert check_id(graded, None) == 'conv_forward_naive'


def test_points_are_shared_by_the_cases_and_sum_to_the_rubric(plans_a):
    assert sum(p.points for p in plans_a.values()) == pytest.approx(CONV.max_score)
    for g in CONV.graded:
        mine = [p.points for p in plans_a.values() if p.graded.name == g.name]
        assert sum(mine) == pytest.approx(g.points)


def test_public_flag_follows_the_rubric(plans_a):
    for plan in plans_a.values():
        assert plan.public == case_of(plan).public
    assert {p.check_id for p in plans_a.values() if p.public} == {
        f'{name}/public' for name in GRADED}


# ---- public cases: CS231n's inputs, whatever the seed ----

def test_public_cases_are_identical_whatever_the_seed(plans_a, plans_b):
    public = [i for i, p in plans_a.items() if p.public]
    assert public
    for check in public:
        assert_same_plan(plans_a[check], plans_b[check])


def test_conv_public_inputs_are_cs231n_s(plans_a):
    plan = plans_a['conv_forward_naive/public']
    np.testing.assert_array_equal(plan.inputs['x'], np.linspace(-0.1, 0.5, num=96).reshape(2, 3, 4, 4))
    np.testing.assert_array_equal(plan.inputs['w'], np.linspace(-0.2, 0.3, num=144).reshape(3, 3, 4, 4))
    np.testing.assert_array_equal(plan.inputs['b'], np.linspace(-0.1, 0.2, num=3))
    assert plan.inputs['conv_param'] == {'stride': 2, 'pad': 1}
    assert plan.expected['out'].shape == (2, 3, 2, 2)
    assert rel_error(plan.expected['out'], CS231N_CONV_OUT) < 1e-7


def test_max_pool_public_inputs_are_cs231n_s(plans_a):
    plan = plans_a['max_pool_forward_naive/public']
    np.testing.assert_array_equal(plan.inputs['x'], np.linspace(-0.3, 0.4, num=96).reshape(2, 3, 4, 4))
    assert plan.inputs['pool_param'] == {'pool_width': 2, 'pool_height': 2, 'stride': 2}
    assert rel_error(plan.expected['out'], CS231N_POOL_OUT) < 1e-7


# ---- hidden cases: drawn from the seed, nothing else ----

def test_hidden_inputs_differ_between_seeds(plans_a, plans_b):
    hidden = [i for i, p in plans_a.items() if not p.public]
    assert len(hidden) == 2 * sum(not c.public for g in CONV.graded if g.forward is None for c in g.cases)
    assert len(hidden) >= 16
    for check in hidden:
        names = drawn_from_seed(plans_a[check])
        assert names, check
        for name in names:
            a, b = plans_a[check].inputs[name], plans_b[check].inputs[name]
            assert a.shape == b.shape and not np.array_equal(a, b), (check, name)
        for name in plans_a[check].expected:
            assert not np.array_equal(plans_a[check].expected[name], plans_b[check].expected[name])


def test_backward_dout_is_drawn_from_the_seed_in_hidden_cases(plans_a, plans_b):
    for check in ('conv_backward_naive/pad1', 'max_pool_backward_naive/overlap3x3'):
        assert 'dout' in drawn_from_seed(plans_a[check])
        assert not np.array_equal(plans_a[check].inputs['dout'], plans_b[check].inputs['dout'])


def test_hidden_inputs_are_identical_for_the_same_seed(plans_a):
    again = by_id(plan_assignment(CONV, SEED_A))
    for check, plan in plans_a.items():
        assert_same_plan(plan, again[check])


def test_hidden_inputs_do_not_depend_on_the_order_of_cases(plans_a):
    reordered = dataclasses.replace(CONV, graded=tuple(
        dataclasses.replace(g, cases=tuple(reversed(g.cases))) for g in reversed(CONV.graded)))
    shuffled = by_id(plan_assignment(reordered, SEED_A))
    assert set(shuffled) == set(plans_a)
    for check, plan in plans_a.items():
        assert_same_plan(plan, shuffled[check])


def test_hidden_inputs_do_not_depend_on_the_other_cases(plans_a):
    # Only the last case of each graded name: what it draws must not change.
    alone = dataclasses.replace(CONV, graded=tuple(
        dataclasses.replace(g, cases=g.cases[-1:]) for g in CONV.graded))
    for check, plan in by_id(plan_assignment(alone, SEED_A)).items():
        assert plan.inputs.keys() == plans_a[check].inputs.keys()
        for name in plan.inputs:
            assert_same_value(plan.inputs[name], plans_a[check].inputs[name])


def test_inputs_are_float64_arrays_of_the_rubric_shapes(plans_a):
    for plan in plans_a.values():
        case = case_of(plan)
        for name, value in plan.inputs.items():
            spec = case.inputs[name]
            if cases.is_array_spec(spec):
                assert isinstance(value, np.ndarray) and value.dtype == np.float64
                if 'shape' in spec:
                    assert value.shape == tuple(spec['shape'])
            else:
                assert value == spec


def test_distinct_arrays_have_no_repeated_values(plans_a, plans_b):
    checked = 0
    for plans in (plans_a, plans_b):
        for plan in plans.values():
            for name, spec in case_of(plan).inputs.items():
                if cases.is_array_spec(spec) and spec['array'] == 'distinct':
                    value = plan.inputs[name]
                    assert np.unique(value).size == value.size, plan.check_id
                    checked += 1
    assert checked >= 12


@pytest.mark.parametrize('seed', range(5))
def test_draw_distinct_has_no_repeats_and_differs_by_seed(seed):
    spec = cases.ArraySpec('distinct', (3, 4, 7, 5), None)
    a = cases.draw_input(spec, spec.shape, seed, ('g', 'c', 'x'))
    b = cases.draw_input(spec, spec.shape, seed + 100, ('g', 'c', 'x'))
    assert a.shape == (3, 4, 7, 5) and np.unique(a).size == a.size
    assert not np.array_equal(a, b)


# ---- cases.py directly ----

def test_case_rng_depends_on_seed_and_place_only():
    first = cases.case_rng(5, 'g', 'c', 'x').standard_normal(4)
    np.testing.assert_array_equal(first, cases.case_rng(5, 'g', 'c', 'x').standard_normal(4))
    for other in [(6, 'g', 'c', 'x'), (5, 'h', 'c', 'x'), (5, 'g', 'd', 'x'), (5, 'g', 'c', 'y')]:
        assert not np.array_equal(first, cases.case_rng(*other).standard_normal(4))


def test_fixed_seed_spec_ignores_the_grading_seed():
    spec = cases.parse_spec({'array': 'normal', 'seed': 231, 'shape': [2, 3]})
    a = cases.draw_input(spec, spec.shape, 1, ('g', 'c', 'x'))
    b = cases.draw_input(spec, spec.shape, 2, ('h', 'd', 'y'))
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, np.random.default_rng(231).standard_normal((2, 3)))


def test_parse_spec_defaults_and_linspace():
    spec = cases.parse_spec({'array': 'linspace', 'start': -1, 'stop': 2})
    assert (spec.shape, spec.seed, spec.like, spec.start, spec.stop) == (None, None, 'out', -1.0, 2.0)
    np.testing.assert_array_equal(cases.draw(spec, (2, 2), None), [[-1.0, 0.0], [1.0, 2.0]])


def test_unknown_array_kind_is_a_rubric_error():
    spec = cases.parse_spec({'array': 'uniform', 'shape': [2]})
    with pytest.raises(RubricError, match="'uniform'"):
        cases.draw_input(spec, spec.shape, 0, ('g', 'c', 'x'))


# ---- backward plans ----

@pytest.mark.parametrize('backward', ['conv_backward_naive', 'max_pool_backward_naive'])
def test_backward_plans_carry_forward_inputs_and_a_dout_shaped_like_the_output(plans_a, backward, torch_ref):
    graded = GRADED[backward]
    forward = GRADED[graded.forward]
    for plan in (p for p in plans_a.values() if p.graded.name == backward):
        assert set(plan.inputs) == set(forward.args) | {'dout'}
        out, _ = getattr(torch_ref, forward.name)(*[plan.inputs[a] for a in forward.args])
        assert plan.inputs['dout'].shape == out.shape
        assert plan.expected['dx'].shape == plan.inputs['x'].shape
        if backward == 'conv_backward_naive':
            assert plan.expected['dw'].shape == plan.inputs['w'].shape
            assert plan.expected['db'].shape == plan.inputs['b'].shape
        assert plan.request['forward']['name'] == forward.name


def test_forward_plans_have_only_their_own_arguments(plans_a):
    for plan in plans_a.values():
        if plan.graded.forward is None:
            assert set(plan.inputs) == set(plan.graded.args)
            assert plan.request['forward'] is None
            assert tuple(plan.expected) == plan.graded.compare == plan.outputs


# ---- expected outputs agree with the independent PyTorch reference ----

@pytest.fixture(scope='module')
def torch_ref(solution_loader):
    pytest.importorskip('torch')
    return solution_loader('assignments/conv_numpy/reference_torch.py')


@pytest.mark.parametrize('seed', [SEED_A, SEED_B])
def test_expected_outputs_agree_with_the_torch_reference(seed, torch_ref, plans_a, plans_b):
    plans = plans_a if seed == SEED_A else plans_b
    for plan in plans.values():
        graded = plan.graded
        if graded.forward is None:
            got = dict(zip(graded.returns, getattr(torch_ref, graded.name)(
                *[plan.inputs[a] for a in graded.args])))
        else:
            forward = GRADED[graded.forward]
            _, cache = getattr(torch_ref, forward.name)(*[plan.inputs[a] for a in forward.args])
            result = getattr(torch_ref, graded.name)(plan.inputs['dout'], cache)
            got = dict(zip(graded.returns, result if len(graded.returns) > 1 else (result,)))
        for name in graded.compare:
            assert plan.expected[name].dtype == np.float64
            np.testing.assert_allclose(plan.expected[name], got[name], rtol=1e-10, atol=1e-12,
                                       err_msg=f'{plan.check_id} {name}')


# ---- one submission's plans: public ones fixed, hidden ones from its own seed ----

@pytest.mark.parametrize('name', ['conv_numpy', 'alexnet_params', 'alexnet_model'])
def test_a_submissions_plans_are_the_rubrics_in_order_hidden_ones_from_its_seed(name):
    from grader import grade

    assignment = load_all()[name]
    full = plan_assignment(assignment, SEED_A)
    mine = grade.plans_for(assignment, SEED_A)
    assert [p.check_id for p in mine] == [p.check_id for p in full]
    for got, want in zip(mine, full):
        assert got.public == want.public
        for arg, value in got.inputs.items():
            assert np.array_equal(np.asarray(value), np.asarray(want.inputs[arg])), (got.check_id, arg)
    if name == 'conv_numpy':
        other = by_id(grade.plans_for(assignment, SEED_B))
        hidden = [p for p in mine if not p.public]
        assert hidden and all(not np.array_equal(p.inputs['x'], other[p.check_id].inputs['x'])
                              for p in hidden if 'x' in p.inputs)


def test_planning_only_the_public_or_hidden_cases_keeps_their_points():
    public, hidden = plan_assignment(CONV, SEED_A, public=True), plan_assignment(CONV, SEED_A, public=False)
    full = by_id(plan_assignment(CONV, SEED_A))
    assert all(p.public for p in public) and not any(p.public for p in hidden)
    assert sorted(p.check_id for p in public + hidden) == sorted(full)
    assert all(p.points == full[p.check_id].points for p in public + hidden)
