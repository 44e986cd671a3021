"""The class count a model check compares with is the one asked for (no kernels): a model whose
last layer always has 10 outputs fails `layers` and `forward` when 1000 classes are asked for,
while a model that honours its argument passes both."""
import numpy as np
import pytest
import torch
import torch.nn as nn

from grader.checks import judge, plan_assignment
from grader.paths import MODEL_HARNESS, SOLUTIONS_DIR
from grader.probe import ProbeOutcome
from grader.reference import load_module
from grader.rubric import load_all

MODEL = load_all(references='solutions')['alexnet_model']
MODELS = load_module(SOLUTIONS_DIR / 'alexnet' / 'models.py')
HARNESS = load_module(MODEL_HARNESS)


class TenClasses(MODELS.PaperAlexNet):
    """`AlexNet(1000)` that ignores its argument: the head always has 10 outputs."""

    def __init__(self, n_classes=1000):
        super().__init__(10)


@pytest.fixture(scope='module')
def plans():
    return {p.check_id: p for p in plan_assignment(MODEL, 5)}


def probe(cls, plan):
    """What the kernel's model probe answers for `plan`, computed here with the same harness."""
    torch.manual_seed(0)
    model = cls(plan.request['classes'])
    x = torch.from_numpy(plan.inputs['x'])
    layers, rows, output, _ = HARNESS.executed_layers(model, x)
    if plan.graded.name == 'layers':
        return ProbeOutcome('ok', {}, {'kind': 'ok', 'rows': rows, 'output_shape': list(output.shape), 'crash': None})
    shapes = HARNESS.transplant_weights(layers, plan.request['weight_seed'])
    with torch.no_grad():
        out = model(x).numpy()
    return ProbeOutcome('ok', {'out': out}, {'kind': 'ok', 'weight_shapes': shapes, 'lrn': [], 'rows': rows})


@pytest.mark.parametrize('check', ['layers', 'forward'])
def test_a_hard_coded_head_fails_for_the_classes_asked_for(plans, check):
    plan = plans[check]
    assert plan.request['classes'] == 1000
    verdict = judge(plan, probe(TenClasses, plan), 60.0)
    assert verdict.status == 'fail', verdict.message
    if check == 'layers':
        assert verdict.details['layers']['reference'][-1]['out_features'] == 1000
        assert verdict.details['layers']['first_diff'] == 7
    else:
        assert '[10, 4096]' in verdict.message and '[1000, 4096]' in verdict.message


@pytest.mark.parametrize('check', ['layers', 'forward'])
def test_a_model_that_honours_its_argument_passes(plans, check):
    plan = plans[check]
    verdict = judge(plan, probe(MODELS.PaperAlexNet, plan), 60.0)
    assert verdict.status == 'pass', verdict.message
