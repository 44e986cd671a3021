"""Unit tests of the students' distribution's checks (no kernels): assignments staged by
grader/student_dist.py, judged against their lock or PyTorch reference, give the full grader's
verdicts and never the expected value; what needs the reference model is left to the staff."""
import shutil

import numpy as np
import pytest
import torch

from grader import lock, public, student_dist
from grader.checks import judge, plan_assignment
from grader.checks.model import ROW_KEYS
from grader.diagnose import diagnose
from grader.errors import RubricError, UsageError
from grader.paths import MODEL_HARNESS, SOLUTIONS_DIR
from grader.probe import ProbeOutcome
from grader.reference import load_module
from grader.rubric import load_all, load_assignment

SEED = 7
MODELS = load_module(SOLUTIONS_DIR / 'alexnet' / 'models.py')
HARNESS = load_module(MODEL_HARNESS)


@pytest.fixture(scope='module')
def staged(tmp_path_factory):
    root = tmp_path_factory.mktemp('student')
    student_dist.stage(root)
    return root / 'grader' / 'bundled' / 'assignments'


@pytest.fixture(scope='module')
def full():
    return load_all(references='solutions')


@pytest.fixture(scope='module')
def pub(staged):
    return load_all(staged, 'public')


def plans(assignments, name):
    return {p.check_id: p for p in plan_assignment(assignments[name], SEED)}


def ok(**detail):
    return ProbeOutcome('ok', {}, {'kind': 'ok', **detail})


def both(full, pub, name, check, outcome, lang='en'):
    """(full grader's verdict, students' distribution's verdict) of one outcome."""
    return (judge(plans(full, name)[check], outcome, 60.0, lang), judge(plans(pub, name)[check], outcome, 60.0, lang))


# ---- what the public assignments are ----

def test_public_assignments_have_no_solutions(pub, staged):
    assert pub['conv_numpy'].reference == staged / 'conv_numpy' / 'reference_torch.py'
    assert {a.references for a in pub.values()} == {'public'}
    assert all(a.mistakes is None and a.lock.is_file() for a in pub.values())
    assert pub['alexnet_params'].reference is None and pub['alexnet_model'].reference is None


def test_only_the_forward_check_and_the_markdown_answers_are_left_to_the_staff(full, pub):
    assert {n: a.staff_judged for n, a in pub.items()} == {'conv_numpy': (), 'alexnet_params': ('markdown',),
                                                          'alexnet_model': ('forward', 'keras_param_count', 'keras_output_shape',
                                                                            'keras_layers', 'keras_forward'),
                                                          'cnn_arithmetic': ()}
    forward = next(g for g in full['alexnet_model'].graded if g.name == 'forward')
    assert pub['alexnet_model'].max_score == full['alexnet_model'].max_score - forward.points
    assert pub['conv_numpy'].max_score == full['conv_numpy'].max_score


def test_a_staff_check_is_probed_and_worth_nothing_here(pub):
    plan = plans(pub, 'alexnet_model')['forward']
    assert plan.judged_by == 'staff' and plan.points == 0.0
    assert judge(plan, ok(weight_shapes=[], lrn=[]), 60.0).status == 'staff'
    raised = ProbeOutcome('raised', {}, {'kind': 'raised', 'function': 'AlexNet.forward', 'ename': 'RuntimeError',
                                          'evalue': 'mat1 and mat2 shapes cannot be multiplied'})
    assert judge(plan, raised, 60.0).status == 'error'


def test_diagnoses_are_skipped(pub):
    plan = plans(pub, 'alexnet_params')['Conv_1']
    outcome = ok(value=34848)  # the weights without the biases: the full grader names this mistake
    verdict = judge(plan, outcome, 60.0)
    assert verdict.status == 'fail' and diagnose(pub['alexnet_params'], plan, outcome, verdict) is None


# ---- alexnet_params and alexnet_model against the lock ----

def shown(value):
    return {str(value), f'{value:,}'}


@pytest.mark.parametrize('lang', ['en', 'ko'])
@pytest.mark.parametrize('name', MODELS.LAYER_NAMES)
def test_variables_agree_without_showing_the_answer(full, pub, name, lang):
    answer = MODELS.layer_parameter_counts(MODELS.PaperAlexNet(1000))[name]
    right = both(full, pub, 'alexnet_params', name, ok(value=answer), lang)
    assert [v.status for v in right] == ['pass', 'pass']
    wrong = both(full, pub, 'alexnet_params', name, ok(value=answer + 1), lang)
    assert [v.status for v in wrong] == ['fail', 'fail']
    assert not any(s in wrong[1].message for s in shown(answer))


@pytest.mark.parametrize('lang', ['en', 'ko'])
def test_the_parameter_count_agrees_without_showing_the_answer(full, pub, lang):
    answer = sum(p.numel() for p in MODELS.PaperAlexNet(1000).parameters())
    assert [v.status for v in both(full, pub, 'alexnet_model', 'param_count', ok(value=answer), lang)] == ['pass', 'pass']
    wrong = both(full, pub, 'alexnet_model', 'param_count', ok(value=answer - 512), lang)
    assert [v.status for v in wrong] == ['fail', 'fail']
    assert any(s in wrong[0].message for s in shown(answer))  # the full grader says it
    assert not any(s in wrong[1].message for s in shown(answer)) and '-512' not in wrong[1].message


@pytest.mark.parametrize('check, classes', [('output_shape/classes1000', 1000), ('output_shape/classes10', 10)])
def test_output_shapes_agree(full, pub, check, classes):
    assert [v.status for v in both(full, pub, 'alexnet_model', check, ok(shape=[2, classes]))] == ['pass', 'pass']
    wrong = both(full, pub, 'alexnet_model', check, ok(shape=[2, classes + 1]))
    assert [v.status for v in wrong] == ['fail', 'fail'] and f'(2, {classes})' not in wrong[1].message


def layer_rows(classes, change=None):
    """The layer table the kernel reports for the paper AlexNet, measured on the meta device."""
    with torch.device('meta'):
        model = MODELS.PaperAlexNet(classes)
        if change:
            change(model)
        _, rows, output, _ = HARNESS.executed_layers(model, torch.zeros(2, 3, 227, 227))
    return rows, list(output.shape)


def conv2_unpadded(model):
    model.features[3] = torch.nn.Conv2d(96, 256, kernel_size=5, padding=0)
    model.classifier[0] = torch.nn.Linear(256 * 5 * 5, 4096)


def layer_outcomes():
    rows, shape = layer_rows(1000)
    crash = {'ename': 'RuntimeError', 'evalue': 'boom', 'traceback': 'Traceback ...'}
    extra = {'type': 'BatchNorm1d', 'num_features': 4096, 'output_shape': [4096], 'params': 8192}
    return {
        'right': (rows, shape, None),
        'ten_classes_hard_coded': (*layer_rows(10), None),
        'conv2_unpadded': (*layer_rows(1000, conv2_unpadded), None),
        'last_missing': (rows[:-1], shape, None),
        'extra_row': (rows[:6] + [extra] + rows[6:], shape, None),
        'crash_after_five': (rows[:5], None, crash),
    }


@pytest.mark.parametrize('lang', ['en', 'ko'])
@pytest.mark.parametrize('variant', sorted(layer_outcomes()))
def test_layer_tables_agree_and_name_the_row_and_field_only(full, pub, variant, lang):
    rows, shape, crash = layer_outcomes()[variant]
    staff_view, student_view = both(full, pub, 'alexnet_model', 'layers',
                                    ok(rows=rows, output_shape=shape, crash=crash), lang)
    assert student_view.status == staff_view.status
    table, i = student_view.details['layers'], staff_view.details['layers']['first_diff']
    assert table['first_diff'] == i and table['reference'] == []
    assert len(table['verdicts']) == max(len(rows), len(staff_view.details['layers']['reference']))
    if i is None:
        return
    reference_rows = staff_view.details['layers']['reference']
    assert f'{i + 1}' in student_view.message
    if i < len(rows) and i < len(reference_rows):
        differing = [k for k in ROW_KEYS if rows[i].get(k) != reference_rows[i].get(k)]
        assert differing and all(k in student_view.message for k in differing)
        for k in differing:  # the expected value is never said, unless the student's row has it too
            expected = str(reference_rows[i].get(k))
            if expected not in str(rows[i]) and reference_rows[i].get(k) is not None:
                assert expected not in student_view.message, k
    elif i >= len(rows):  # a missing row: the full grader shows it, the student does not see it
        assert str(reference_rows[i]['in_features']) not in student_view.message


def test_the_unpadded_conv2_is_reported_at_row_2(pub):
    rows, shape = layer_rows(1000, conv2_unpadded)
    verdict = judge(plans(pub, 'alexnet_model')['layers'], ok(rows=rows, output_shape=shape, crash=None), 60.0)
    assert verdict.message.startswith('layer 2 (Conv2d) differs from the expected layer in: padding (yours: [0, 0]), '
                                      'output_shape (yours: [256, 23, 23])')


# ---- conv_numpy against the PyTorch reference ----

def test_conv_numpy_plans_agree_with_the_numpy_reference_on_every_case(full, pub):
    staff, student = plans(full, 'conv_numpy'), plans(pub, 'conv_numpy')
    assert list(staff) == list(student)
    for check, plan in staff.items():
        other = student[check]
        assert plan.public == other.public and plan.points == other.points and other.judged_by == 'reference'
        assert plan.inputs.keys() == other.inputs.keys()
        for name, value in plan.inputs.items():
            if isinstance(value, np.ndarray):
                np.testing.assert_array_equal(other.inputs[name], value)
            else:
                assert other.inputs[name] == value
        for name in plan.expected:
            np.testing.assert_allclose(other.expected[name], plan.expected[name], rtol=1e-10, atol=1e-12)


def test_conv_numpy_verdicts_agree(full, pub):
    staff, student = plans(full, 'conv_numpy'), plans(pub, 'conv_numpy')
    for check, plan in staff.items():
        right = ProbeOutcome('ok', dict(plan.expected), {'kind': 'ok'})
        wrong = ProbeOutcome('ok', {k: v + 1e-3 for k, v in plan.expected.items()}, {'kind': 'ok'})
        for outcome, status in ((right, 'pass'), (wrong, 'fail')):
            assert judge(plan, outcome, 60.0).status == judge(student[check], outcome, 60.0).status == status, check


# ---- how the public mode is chosen and what it needs ----

def test_the_mode_follows_the_environment(monkeypatch):
    monkeypatch.setenv(public.ENV, 'public')
    assert public.mode() == 'public'
    monkeypatch.setenv(public.ENV, 'answers')
    with pytest.raises(UsageError, match='CNN_GRADER_REFERENCES'):
        public.mode()
    monkeypatch.delenv(public.ENV)
    assert public.mode() == 'solutions'  # this checkout has solutions/


def copy_of(staged, tmp_path, name):
    folder = tmp_path / name
    shutil.copytree(staged / name, folder)
    return folder


def test_without_a_lock_the_public_mode_refuses(staged, tmp_path):
    folder = copy_of(staged, tmp_path, 'alexnet_params')
    (folder / public.LOCK_FILE).unlink()
    with pytest.raises(RubricError, match='cannot read the lock'):
        load_assignment(folder, 'public')


def test_another_assignments_lock_is_refused(staged, tmp_path):
    folder = copy_of(staged, tmp_path, 'alexnet_params')
    shutil.copy(staged / 'alexnet_model' / public.LOCK_FILE, folder / public.LOCK_FILE)
    with pytest.raises(RubricError, match="lock of 'alexnet_model'"):
        load_assignment(folder, 'public')


def test_function_checks_need_a_public_reference(staged, tmp_path):
    folder = copy_of(staged, tmp_path, 'conv_numpy')
    rubric = folder / 'rubric.toml'
    rubric.write_text(rubric.read_text().replace('public_reference = "reference_torch.py"\n', ''))
    with pytest.raises(RubricError, match='need a `public_reference`'):
        load_assignment(folder, 'public')


def test_a_rebuilt_lock_changes_the_rubric_hash(staged, tmp_path, full):
    folder = copy_of(staged, tmp_path, 'alexnet_params')
    before = load_assignment(folder, 'public').rubric_sha256
    lock.write(folder / public.LOCK_FILE, student_dist.build_lock(full['alexnet_params']))
    assert load_assignment(folder, 'public').rubric_sha256 != before
