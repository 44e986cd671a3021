"""Model diagnoses reasoned from the evidence (grader/diagnose/tables.py), no kernels: each
mistake is named with the course's known-mistake module taken away, so no enumerated variant
can be what names it; in English and Korean."""
import dataclasses

import pytest
import torch
import torch.nn as nn

from grader.checks import judge, plan_assignment
from grader.diagnose import diagnose
from grader.diagnose.tables import count_batchnorms, count_channels, layer_names, reason_tables
from grader.messages import say
from grader.paths import MODEL_HARNESS, SOLUTIONS_DIR
from grader.probe import ProbeOutcome
from grader.reference import load_module
from grader.rubric import load_all

MODEL = load_all(references='solutions')['alexnet_model']
BARE = dataclasses.replace(MODEL, mistakes=None)
"""alexnet_model without its known-mistake variants: whatever is named comes from the evidence."""
MODELS = load_module(SOLUTIONS_DIR / 'alexnet' / 'models.py')
HARNESS = load_module(MODEL_HARNESS)
REFERENCE_COUNT = 62_378_344


def paper(classes=1000):
    return MODELS.PaperAlexNet(classes)


def batchnorm_after(*indices):
    def build(classes):
        model = paper(classes)
        modules = list(model.features)
        for at in sorted(indices, reverse=True):
            modules.insert(at + 1, nn.BatchNorm2d(modules[at].out_channels))
        model.features = nn.Sequential(*modules)
        return model
    return build


def ten_classes(classes):
    return paper(10)


def conv3_256(classes):
    model = paper(classes)
    model.features[6] = nn.Conv2d(256, 256, 3, padding=1)
    model.features[8] = nn.Conv2d(256, 384, 3, padding=1)
    return model


def no_relu_after_conv4(classes):
    model = paper(classes)
    model.features[9] = nn.Identity()
    return model


@pytest.fixture(scope='module')
def plans():
    return {p.check_id: p for p in plan_assignment(MODEL, 11)}


def outcome_of(build, plan):
    """What the kernel's model probe answers, computed here with the same harness."""
    torch.manual_seed(0)
    model = build(plan.request['classes'])
    if plan.graded.name == 'param_count':
        return ProbeOutcome('ok', {}, {'kind': 'ok', 'value': sum(p.numel() for p in model.parameters())})
    x = torch.from_numpy(plan.inputs['x'])
    layers, rows, output, _ = HARNESS.executed_layers(model, x)
    if plan.graded.name == 'layers':
        return ProbeOutcome('ok', {}, {'kind': 'ok', 'rows': rows, 'output_shape': list(output.shape), 'crash': None})
    shapes = HARNESS.transplant_weights(layers, plan.request['weight_seed'])
    with torch.no_grad():
        out = model(x).numpy()
    return ProbeOutcome('ok', {'out': out}, {'kind': 'ok', 'weight_shapes': shapes, 'lrn': [], 'rows': rows})


CASES = [
    ('extra_batchnorm96', batchnorm_after(0), 'layers', 'model.batchnorm_added',
     '+192 parameters = BatchNorm2d(96) (weight and bias) after conv1'),
    ('extra_batchnorm96', batchnorm_after(0), 'param_count', 'model.batchnorm_added',
     '+192 parameters = BatchNorm2d(96) (weight and bias)'),
    ('batchnorm_conv1_conv2', batchnorm_after(0, 3), 'layers', 'model.batchnorm_added',
     '+704 parameters = BatchNorm2d(96) (weight and bias) after conv1, BatchNorm2d(256) (weight and bias) after conv2'),
    ('batchnorm_conv1_conv2', batchnorm_after(0, 3), 'param_count', 'model.batchnorm_added',
     '+704 parameters = BatchNorm2d(96) (weight and bias), BatchNorm2d(256) (weight and bias)'),
    ('ten_classes', ten_classes, 'layers', 'model.classes_ignored',
     'fc3 has 10 outputs although AlexNet(1000) was asked for'),
    ('ten_classes', ten_classes, 'forward', 'model.classes_ignored',
     'fc3 has 10 outputs although AlexNet(1000) was asked for'),
    ('conv3_256', conv3_256, 'layers', 'model.channels_differ',
     'conv3 has 256 filters instead of 384: it gives [256, 13, 13] instead of [384, 13, 13], '
     'which shifts conv4 (in_channels 256 instead of 384).'),
    ('conv3_256', conv3_256, 'forward', 'model.channels_differ', 'conv3 has 256 filters instead of 384'),
    ('conv3_256', conv3_256, 'param_count', 'model.channels_differ',
     'conv3 with 256 filters instead of 384 gives exactly this count (-737,408 parameters)'),
    ('no_relu_after_conv4', no_relu_after_conv4, 'forward', 'model.missing_activation',
     'without the ReLU after conv4'),
]


@pytest.mark.parametrize('name, build, check, mistake, text', CASES, ids=[f'{c[0]}-{c[2]}' for c in CASES])
def test_named_from_the_evidence_without_a_variant(plans, name, build, check, mistake, text):
    plan, outcome = plans[check], outcome_of(build, plans[check])
    verdict = judge(plan, outcome, 60.0)
    assert verdict.status == 'fail', verdict.message
    found = diagnose(BARE, plan, outcome, verdict, 'en')
    assert (found.id, found.details['reasoned']) == (mistake, True), found.hint
    assert text in found.hint
    korean = diagnose(BARE, plan, outcome, verdict, 'ko')
    assert korean.id == mistake and korean.hint != found.hint
    assert say(f'title.{mistake}', 'ko') != say(f'title.{mistake}', 'en')


def test_the_course_variants_still_come_after_the_evidence(plans):
    """A softmax on the output changes no table: the known variant names it, as before."""
    def softmax(classes):
        model = paper(classes)
        model.classifier.append(nn.Softmax(dim=1))
        return model
    plan = plans['forward']
    outcome = outcome_of(softmax, plan)
    found = diagnose(MODEL, plan, outcome, judge(plan, outcome, 60.0))
    assert (found.id, found.details['reasoned']) == ('model.softmax_output', False)


def rows(build):
    with torch.device('meta'):
        _, table, _, _ = HARNESS.executed_layers(build(1000), torch.empty(1, 3, 227, 227))
    return table


def test_the_tables_name_each_layer_and_say_nothing_when_they_agree():
    ref = rows(paper)
    assert layer_names(ref) == ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc1', 'fc2', 'fc3']
    assert reason_tables(ref, ref, 1000, 'AlexNet', 'en') is None
    removed = reason_tables(ref[:3] + ref[4:], ref, 1000, 'AlexNet', 'en')
    assert removed.id == 'model.layer_removed' and '-1,327,488 parameters = conv4' in removed.hint


@pytest.mark.parametrize('rows_from_kernel', [None, [], 'x', [1, 2], [{'type': ['Conv2d']}] * 100])
def test_a_malformed_table_from_the_kernel_says_nothing(rows_from_kernel):
    assert reason_tables(rows_from_kernel, rows(paper), 1000, 'AlexNet', 'en') is None


def test_counts_reason_from_the_reference_table():
    ref = rows(paper)
    assert count_batchnorms(192, ref, 'en') == '+192 parameters = BatchNorm2d(96) (weight and bias)'
    assert count_batchnorms(191, ref, 'en') is None and count_batchnorms(-192, ref, 'en') is None
    assert count_channels(-128 * 5761, ref, 'en').startswith('conv3 with 256 filters instead of 384')
    assert count_channels(7, ref, 'en') is None


def test_a_known_variant_that_says_more_is_kept(plans):
    """groups=2 in conv2, conv4 and conv5 reasons as three changed layers; the course's variant
    names it as what it is, the two-GPU network."""
    plan = plans['layers']
    outcome = outcome_of(lambda classes: MODELS.GroupedAlexNet(classes), plan)
    found = diagnose(MODEL, plan, outcome, judge(plan, outcome, 60.0))
    assert (found.id, found.details['reasoned']) == ('model.grouped', False)
    bare = diagnose(BARE, plan, outcome, judge(plan, outcome, 60.0))
    assert bare.id == 'model.layer_changed' and 'conv2 has groups 2 instead of 1' in bare.hint


def test_a_changed_kernel_names_the_layer_and_its_output():
    def conv2_kernel3(classes):
        model = paper(classes)
        model.features[3] = nn.Conv2d(96, 256, 3, padding=2)  # 27 -> 29, the same 6x6 before fc1
        return model
    found = reason_tables(rows(conv2_kernel3), rows(paper), 1000, 'AlexNet', 'en')
    assert found.id == 'model.kernel_differs'
    assert found.hint == 'conv2 has kernel 3 instead of 5: it gives [256, 29, 29] instead of [256, 27, 27].'


def test_a_forward_that_crashed_is_compared_up_to_where_it_stopped(plans):
    """The rows a crashed forward recorded are not "layers left out": only what ran is compared."""
    def conv2_kernel3_fc1_wrong(classes):
        model = paper(classes)
        model.features[3] = nn.Conv2d(96, 256, 3, padding=2)
        model.classifier[0] = nn.Linear(1234, 4096)
        return model
    with torch.device('meta'):
        _, table, _, exc = HARNESS.executed_layers(conv2_kernel3_fc1_wrong(1000), torch.empty(2, 3, 227, 227))
    assert exc is not None and len(table) == 5
    outcome = ProbeOutcome('ok', {}, {'kind': 'ok', 'rows': table, 'output_shape': None,
                                      'crash': {'ename': 'RuntimeError', 'evalue': 'shapes', 'traceback': ''}})
    found = diagnose(BARE, plans['layers'], outcome, judge(plans['layers'], outcome, 60.0))
    assert found.id == 'model.kernel_differs' and 'left out' not in found.hint
