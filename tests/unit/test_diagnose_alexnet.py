"""Unit tests of the diagnoses of the AlexNet assignments (no kernels): mistaken counts of
alexnet_params, and mistaken models of alexnet_model measured on PyTorch's meta device."""
import pytest

from grader.checks import judge, plan_assignment
from grader.diagnose import diagnose
from grader.paths import MODEL_HARNESS
from grader.probe import ProbeOutcome
from grader.reference import load_module
from grader.rubric import load_all

ASSIGNMENTS = load_all()
PARAMS = ASSIGNMENTS['alexnet_params']
MODEL = ASSIGNMENTS['alexnet_model']
PARAM_PLANS = {p.check_id: p for p in plan_assignment(PARAMS, 1)}
MISTAKES = load_module(PARAMS.mistakes)


def diagnosed(assignment, plan, outcome):
    return diagnose(assignment, plan, outcome, judge(plan, outcome, 60.0))


@pytest.mark.parametrize('name, got, mistake', [
    ('Conv_1', 34848, 'alexnet_params.no_bias'),
    ('FC1', 37748736, 'alexnet_params.no_bias'),
    ('Conv_2', 307456, 'alexnet_params.grouped'),
    ('Conv_1', 23296, 'alexnet_params.torchvision'),
    ('Conv_1', 290400, 'alexnet_params.output_size'),
    ('FC2', 4096, 'alexnet_params.output_size'),
    ('FC3', 40970, 'alexnet_params.wrong_classes'),
    ('FC3', 409700, 'alexnet_params.wrong_classes'),
    ('Conv_3', 12345, 'none'),
])
def test_mistaken_counts_are_named(name, got, mistake):
    found = diagnosed(PARAMS, PARAM_PLANS[name], ProbeOutcome('ok', {}, {'kind': 'ok', 'value': got}))
    assert found.id == mistake, found.hint


def test_an_output_shape_tuple_is_named():
    outcome = ProbeOutcome('not_integer', {}, {'kind': 'not_integer', 'function': 'Max_pool_3',
                                               'got': 'a tuple (6, 6, 256)', 'values': [6, 6, 256]})
    found = diagnosed(PARAMS, PARAM_PLANS['Max_pool_3'], outcome)
    assert found.id == 'alexnet_params.output_size'
    assert found.hint.startswith('`Max_pool_3` = (6, 6, 256) is the size of the layer')


def test_a_tuple_from_the_kernel_is_checked_before_use():
    outcome = ProbeOutcome('not_integer', {}, {'kind': 'not_integer', 'values': ['6', None]})
    assert diagnosed(PARAMS, PARAM_PLANS['Max_pool_3'], outcome) is None


@pytest.fixture(scope='module')
def model_plans():
    return {p.check_id: p for p in plan_assignment(MODEL, 3)}


def test_param_count_of_batchnorm_and_grouped_models(model_plans):
    plan = model_plans['param_count']
    for count, mistake in ((62_378_344 + 2_752, 'model.batchnorm_added'), (60_965_224, 'model.grouped'),
                           (62_378_344 - 4097 * 990, 'model.wrong_classes'), (123, 'none')):
        found = diagnosed(MODEL, plan, ProbeOutcome('ok', {}, {'kind': 'ok', 'value': count}))
        assert found.id == mistake, (count, found.hint)


def test_layers_with_one_stride_changed_name_the_layer(model_plans):
    mistakes = load_module(MODEL.mistakes)
    harness = load_module(MODEL_HARNESS)
    import torch
    with torch.device('meta'):
        model = mistakes.with_geometry(1000, 'conv4', (1, 1), (2, 2))
    _, rows, out, _ = harness.executed_layers(model, torch.empty(2, 3, 227, 227, device='meta'))
    outcome = ProbeOutcome('ok', {}, {'kind': 'ok', 'rows': rows, 'output_shape': [2, 1000], 'crash': None})
    found = diagnosed(MODEL, model_plans['layers'], outcome)
    assert found.id == 'model.stride_differs'
    assert found.hint.startswith('conv4 has stride 2 instead of 1')
