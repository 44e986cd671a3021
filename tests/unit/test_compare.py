"""Unit tests of grader/compare.py (and the function-check judge built on it): CS231n's
rel_error, shape/finiteness/value messages, and the verdict of every probe problem."""
import numpy as np
import pytest

from grader.checks import judge, plan_assignment
from grader.compare import Verdict, compare_array, problem_verdict, rel_error
from grader.probe import ProbeOutcome
from grader.rubric import load_all

SEED = 1234
PLANS = {p.check_id: p for p in plan_assignment(load_all()['conv_numpy'], SEED)}
FORWARD = PLANS['conv_forward_naive/pad1']
BACKWARD = PLANS['conv_backward_naive/pad1']
POOL_BACKWARD = PLANS['max_pool_backward_naive/overlap3x3']
TIMEOUT = 60.0


def cs231n_rel_error(x, y):
    """As written in CS231n's notebooks."""
    return np.max(np.abs(x - y) / (np.maximum(1e-8, np.abs(x) + np.abs(y))))


def ok(plan, **outputs):
    """A successful probe returning the reference outputs, with `outputs` replacing some."""
    arrays = {name: plan.expected[name].copy() for name in plan.graded.compare} | outputs
    return ProbeOutcome('ok', arrays, {'kind': 'ok'})


# ---- rel_error ----

def test_rel_error_hand_computed():
    assert rel_error(np.array([1.0, 2.0]), np.array([1.0, 3.0])) == pytest.approx(0.2)
    assert rel_error(np.array([0.0]), np.array([1e-9])) == pytest.approx(0.1)
    assert rel_error(np.array([0.0, 0.0]), np.array([0.0, 0.0])) == 0.0
    assert rel_error(np.array([-1.0]), np.array([1.0])) == pytest.approx(1.0)


@pytest.mark.parametrize('seed', range(4))
def test_rel_error_matches_cs231n(seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((3, 4, 5)) * 10.0 ** rng.integers(-10, 3, (3, 4, 5))
    y = x + rng.standard_normal(x.shape) * 1e-6
    x.flat[0] = y.flat[0] = 0.0
    assert rel_error(x, y) == cs231n_rel_error(x, y)
    assert rel_error(y, x) == rel_error(x, y)


def test_rel_error_of_empty_arrays_is_zero():
    assert rel_error(np.zeros((0, 3)), np.zeros((0, 3))) == 0.0


# ---- compare_array ----

def test_identical_arrays_pass_with_rel_error_zero():
    expected = np.linspace(-1, 1, 12).reshape(3, 4)
    verdict = compare_array('out', expected.copy(), expected, 1e-6)
    assert verdict.status == 'pass' and verdict.rel_error == 0.0
    assert 'matches the reference' in verdict.message


def test_shape_mismatch_message():
    verdict = compare_array('dx', np.zeros((4, 3)), np.zeros((4, 5)), 1e-6)
    assert verdict == Verdict('fail', '`dx` has shape (4, 3), expected (4, 5)')


def test_shape_mismatch_with_the_same_size():
    verdict = compare_array('out', np.zeros(6), np.zeros((2, 3)), 1e-6)
    assert verdict.status == 'fail' and verdict.message == '`out` has shape (6,), expected (2, 3)'


@pytest.mark.parametrize('bad, what', [(np.nan, 'NaN'), (np.inf, 'infinity'), (-np.inf, 'infinity')])
def test_non_finite_values_are_reported_with_their_index(bad, what):
    expected = np.ones((2, 3, 4))
    got = expected.copy()
    got[1, 2, 0] = bad
    got[1, 2, 3] = bad
    verdict = compare_array('out', got, expected, 1e-6)
    assert verdict.status == 'fail'
    assert verdict.message == f'`out` contains {what} at index (1, 2, 0)'
    assert verdict.worst_index == (1, 2, 0)


def test_value_mismatch_names_the_worst_index_and_both_values():
    expected = np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7 + 1
    got = expected.copy()
    got[0, 1, 2] += 1e-3
    got[1, 2, 1] -= 0.25
    verdict = compare_array('dw', got, expected, 1e-6)
    assert verdict.status == 'fail'
    assert verdict.worst_index == (1, 2, 1)
    assert verdict.rel_error == pytest.approx(cs231n_rel_error(got, expected))
    assert verdict.message.startswith('`dw` differs from the reference')
    assert 'index (1, 2, 1)' in verdict.message
    assert f'you returned {got[1, 2, 1]:.6g}' in verdict.message
    assert f'the reference gives {expected[1, 2, 1]:.6g}' in verdict.message
    assert f'rel_error {verdict.rel_error:.2e}' in verdict.message
    assert 'float64' not in verdict.message


def test_close_float32_output_gets_the_float64_note_when_it_fails():
    expected = 1.0 + np.random.default_rng(0).random((5, 6))
    got = expected.astype(np.float32)
    assert compare_array('out', got, expected, 1e-6).status == 'pass'
    verdict = compare_array('out', got, expected, 1e-12)
    assert verdict.status == 'fail'
    assert verdict.message.endswith('; `out` is float32: compute in float64, as the inputs are')


def test_float16_output_gets_the_note_too():
    expected = 1.0 + np.random.default_rng(1).random(8)
    verdict = compare_array('dx', expected.astype(np.float16), expected, 1e-6)
    assert verdict.status == 'fail' and '`dx` is float16' in verdict.message


@pytest.mark.parametrize('dtype', [np.int64, np.int32, np.uint8, np.int8])
def test_integer_arrays_are_compared_as_floats(dtype):
    expected = np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 100.0]])
    assert compare_array('out', expected.astype(dtype), expected, 1e-12).status == 'pass'
    wrong = expected.astype(dtype)
    wrong[1, 1] = 5
    verdict = compare_array('out', wrong, expected, 1e-6)
    assert verdict.status == 'fail' and verdict.worst_index == (1, 1)
    assert 'you returned 5 and the reference gives 4' in verdict.message


def test_unsigned_integers_do_not_wrap_around():
    # |uint8(0) - (-1.0)| must be 1, not 255.
    verdict = compare_array('out', np.array([0, 200], dtype=np.uint8), np.array([-1.0, 200.0]), 1e-6)
    assert verdict.status == 'fail' and verdict.rel_error == pytest.approx(1.0)


def test_bool_arrays_are_compared_as_floats():
    assert compare_array('out', np.array([True, False]), np.array([1.0, 0.0]), 1e-12).status == 'pass'


def test_complex_arrays_are_rejected_even_when_equal():
    expected = np.arange(4.0)
    verdict = compare_array('db', expected.astype(np.complex128), expected, 1e-6)
    assert verdict == Verdict('fail', '`db` holds complex numbers, expected real ones')


def test_tolerance_boundary_is_inclusive():
    got, expected = np.array([1.0]), np.array([3.0])
    assert rel_error(got, expected) == 0.5
    assert compare_array('out', got, expected, 0.5).status == 'pass'
    assert compare_array('out', got, expected, np.nextafter(0.5, 0)).status == 'fail'


# ---- judge on probe outcomes ----

def test_judge_passes_the_reference_outputs():
    verdict = judge(FORWARD, ok(FORWARD), TIMEOUT)
    assert verdict.status == 'pass' and verdict.message.startswith('`out` matches the reference')
    verdict = judge(BACKWARD, ok(BACKWARD), TIMEOUT)
    assert verdict.status == 'pass'
    assert verdict.message.startswith('`dx`, `dw`, `db` match the reference')


def test_judge_fails_when_one_of_several_outputs_differs():
    dw = BACKWARD.expected['dw'] * 1.01
    verdict = judge(BACKWARD, ok(BACKWARD, dw=dw), TIMEOUT)
    assert verdict.status == 'fail'
    assert verdict.message.startswith('`dw` differs') and '`dx`' not in verdict.message


def test_judge_reports_every_failing_output():
    bad_db = np.zeros(BACKWARD.expected['db'].shape[0] + 1)
    verdict = judge(BACKWARD, ok(BACKWARD, dx=BACKWARD.expected['dx'] + 1.0, db=bad_db), TIMEOUT)
    assert verdict.status == 'fail'
    assert '`dx` differs' in verdict.message and '`db` has shape' in verdict.message


def test_judge_uses_the_rubric_tolerance():
    tol = FORWARD.graded.tolerance
    out = FORWARD.expected['out'] * (1 + 20 * tol)
    assert judge(FORWARD, ok(FORWARD, out=out), TIMEOUT).status == 'fail'
    out = FORWARD.expected['out'] * (1 + tol / 20)
    assert judge(FORWARD, ok(FORWARD, out=out), TIMEOUT).status == 'pass'


PROBLEMS = {
    # kind: (detail, status, words the message must contain besides the function's name)
    'missing': ({}, 'error', ['is not defined']),
    'not_callable': ({'got': 'int'}, 'error', ['is a int, not a function']),
    'raised': ({'ename': 'IndexError', 'evalue': 'index 9 is out of bounds',
                'traceback': 'Traceback ...\nIndexError: index 9'}, 'error',
               ['raised IndexError: index 9 is out of bounds']),
    'arity': ({'got': 'numpy.ndarray of shape (2, 3)', 'expected': ['dx', 'dw', 'db']}, 'fail',
              ['returned numpy.ndarray of shape (2, 3), expected a tuple (dx, dw, db)']),
    'type': ({'got': 'builtins.str', 'output': 'dx'}, 'fail', ['returned builtins.str as `dx`']),
    'timeout': ({}, 'timeout', ['did not finish within 60 s']),
    'died': ({}, 'error', ['the kernel died']),
    'unsafe': ({'reason': 'dx.npy holds dtype object, not plain numbers'}, 'error',
               ['dx.npy holds dtype object']),
    'harness': ({'ename': 'NameError', 'evalue': "name 'open' is not defined"}, 'error',
                ["NameError: name 'open' is not defined"]),
}
NAMES_THE_FUNCTION = ['missing', 'not_callable', 'raised', 'arity', 'type', 'timeout', 'died']


@pytest.mark.parametrize('kind', sorted(PROBLEMS))
def test_each_problem_kind_gets_its_status_and_message(kind):
    detail, status, words = PROBLEMS[kind]
    if kind in NAMES_THE_FUNCTION:
        detail = detail | {'kind': kind, 'function': 'conv_backward_naive'}
    verdict = judge(BACKWARD, ProbeOutcome(kind, {}, detail), TIMEOUT)
    assert verdict.status == status
    for word in words:
        assert word in verdict.message
    assert verdict.traceback == detail.get('traceback')
    if kind in NAMES_THE_FUNCTION:
        assert '`conv_backward_naive`' in verdict.message
    assert verdict == problem_verdict(BACKWARD, ProbeOutcome(kind, {}, detail), TIMEOUT)


@pytest.mark.parametrize('kind', NAMES_THE_FUNCTION)
def test_the_function_defaults_to_the_graded_name(kind):
    verdict = judge(POOL_BACKWARD, ProbeOutcome(kind, {}, PROBLEMS[kind][0]), TIMEOUT)
    assert '`max_pool_backward_naive`' in verdict.message


@pytest.mark.parametrize('kind', ['unsafe', 'harness'])
def test_unsafe_and_harness_messages_name_the_function(kind):
    verdict = judge(POOL_BACKWARD, ProbeOutcome(kind, {}, PROBLEMS[kind][0]), TIMEOUT)
    assert 'max_pool_backward_naive' in verdict.message


def test_timeout_message_uses_the_given_limit():
    verdict = judge(FORWARD, ProbeOutcome('timeout', {}, {'function': 'conv_forward_naive'}), 2.5)
    assert verdict.status == 'timeout'
    assert verdict.message == '`conv_forward_naive` did not finish within 2.5 s; the kernel was stopped'


def test_forward_stage_suffix_names_both_functions():
    detail = {'kind': 'raised', 'function': 'conv_forward_naive', 'stage': 'forward',
              'ename': 'ValueError', 'evalue': 'bad', 'traceback': 'tb'}
    verdict = judge(BACKWARD, ProbeOutcome('raised', {}, detail), TIMEOUT)
    assert verdict.status == 'error'
    assert verdict.message == ('`conv_forward_naive` raised ValueError: bad (while calling '
                               '`conv_forward_naive` to get the cache for `conv_backward_naive`)')
    assert verdict.traceback == 'tb'
    without = judge(BACKWARD, ProbeOutcome('raised', {}, detail | {'stage': None}), TIMEOUT)
    assert 'while calling' not in without.message


def test_forward_stage_suffix_for_an_arity_problem_of_the_forward():
    detail = {'kind': 'arity', 'function': 'max_pool_forward_naive', 'stage': 'forward',
              'got': 'numpy.ndarray of shape (2, 3, 5, 5)', 'expected': ['out', 'cache']}
    verdict = judge(POOL_BACKWARD, ProbeOutcome('arity', {}, detail), TIMEOUT)
    assert verdict.status == 'fail'
    assert verdict.message.endswith(
        '(while calling `max_pool_forward_naive` to get the cache for `max_pool_backward_naive`)')


@pytest.mark.parametrize('kind', ['bogus', 'values', 'pass'])
def test_a_kind_the_harness_never_writes_is_an_error_verdict(kind):
    verdict = judge(FORWARD, ProbeOutcome(kind, {}, {'kind': kind}), TIMEOUT)
    assert verdict.status == 'error'


def test_a_malformed_detail_is_not_a_crash():
    outcome = ProbeOutcome('arity', {}, {'kind': 'arity', 'got': 'x', 'expected': 5})
    assert judge(FORWARD, outcome, TIMEOUT).status == 'fail'
