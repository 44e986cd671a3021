"""Unit tests of grader/probe.py without a kernel: the batch folder, the harness's answers read
back through it, and which case a fault that stopped the probe cell is charged to."""
import dataclasses
import importlib.util
import json
import os
import stat

import numpy as np
import pytest

from grader import rubric
from grader.checks import judge, plan_assignment
from grader.execute import CellRun
from grader.paths import KERNEL_HARNESS
from grader.probe import Batch, batch_outcomes, probe_source, write_batch
from grader.sandbox import Limits, Sandbox
from grader.workspace import Workspace

REFERENCE = 'solutions/conv_numpy/reference_numpy.py'


@pytest.fixture(scope='module')
def plans():
    return plan_assignment(rubric.load_all()['conv_numpy'], 7)


@pytest.fixture(scope='module')
def harness():
    """harness.py as the kernel runs it, here in the test process (no kernel needed)."""
    spec = importlib.util.spec_from_file_location('harness_under_test', KERNEL_HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def opened(tmp_path):
    """write_batch into a fresh folder; the outputs descriptor is closed after the test."""
    batches, spaces = [], []

    def make(plans):
        spaces.append(Workspace.create(Sandbox('limits', Limits()), tmp_path))
        batches.append(write_batch(spaces[-1], plans))
        return batches[-1]
    yield make
    for batch in batches:
        os.close(batch.outputs_fd)
    for space in spaces:
        space.remove()  # as root, its tmpfs is unmounted


def test_a_batch_folder_holds_every_case_in_order(opened, plans):
    batch = opened(plans[:9])
    requests = json.loads((batch.folder / 'requests.json').read_text())
    assert [r['name'] for r in requests] == [p.request['name'] for p in plans[:9]]
    with np.load(batch.folder / 'inputs.npz', allow_pickle=False) as arrays:
        for i, (request, plan) in enumerate(zip(requests, plans)):
            assert set(request['arrays']) | set(request['values']) == set(plan.inputs)
            for name in request['arrays']:
                np.testing.assert_array_equal(arrays[f'{i}.{name}'], plan.inputs[name])
            for name, value in request['values'].items():
                assert value == plan.inputs[name]
    assert stat.S_IMODE(os.stat(batch.outputs).st_mode) == 0o700
    assert batch.outputs.parent != batch.folder.parent  # inputs in grader/, outputs in kernel/
    assert stat.S_IMODE(os.stat(batch.folder).st_mode) == 0o755


def test_every_answer_of_a_correct_solution_is_read_back_and_passes(opened, plans, harness, solution_loader):
    batch = opened(plans)
    harness.run_all(str(batch.folder), str(batch.outputs), vars(solution_loader(REFERENCE)))
    outcomes = batch_outcomes(batch, CellRun(-1, 'ok'), None)
    assert [o.kind for o in outcomes] == ['ok'] * len(plans)
    assert {judge(p, o, 60).status for p, o in zip(plans, outcomes)} == {'pass'}


def _answer_first(batch, count, harness, namespace):
    """The harness's answers to the first `count` cases only, as when the cell stopped on the next."""
    requests = json.loads((batch.folder / 'requests.json').read_text())
    with np.load(batch.folder / 'inputs.npz', allow_pickle=False) as arrays:
        for i in range(count):
            harness.run(i, requests[i], arrays, str(batch.outputs), namespace)


@pytest.mark.parametrize('run, overran, charged', [
    (CellRun(-1, 'died'), None, 'died'),
    (CellRun(-1, 'timeout'), None, 'timeout'),
    (CellRun(-1, 'output_limit', 'OutputLimit', 'printed too much'), None, 'output_limit'),
    (CellRun(-1, 'died'), 2, 'timeout'),  # the watcher killed the kernel: case 2 overran its time
    (CellRun(-1, 'error', 'KeyError', "'run_all'"), None, 'harness'),
])
def test_a_stopped_cell_is_charged_to_the_first_case_without_an_answer(opened, plans, harness, solution_loader,
                                                                        run, overran, charged):
    batch = opened(plans[:5])
    _answer_first(batch, 2, harness, vars(solution_loader(REFERENCE)))
    outcomes = batch_outcomes(batch, run, overran)
    assert [o.kind for o in outcomes] == ['ok', 'ok', charged]
    assert outcomes[2].detail['function'] == plans[2].graded.name
    if charged == 'harness':
        assert (outcomes[2].detail['ename'], outcomes[2].detail['evalue']) == (run.ename, run.evalue)


def test_a_finished_cell_reports_each_missing_answer_as_unsafe(opened, plans, harness, solution_loader):
    batch = opened(plans[:5])
    _answer_first(batch, 2, harness, vars(solution_loader(REFERENCE)))
    outcomes = batch_outcomes(batch, CellRun(-1, 'ok'), None)
    assert [o.kind for o in outcomes] == ['ok', 'ok', 'unsafe', 'unsafe', 'unsafe']
    assert 'was not written' in outcomes[4].detail['reason']


def test_a_raising_case_does_not_stop_the_ones_after_it(opened, plans, harness, solution_loader):
    namespace = dict(vars(solution_loader(REFERENCE)))
    forward = namespace['conv_forward_naive']

    def conv_forward_naive(x, w, b, conv_param):
        if x.shape == plans[1].inputs['x'].shape:
            raise ValueError('only this case')
        return forward(x, w, b, conv_param)
    namespace['conv_forward_naive'] = conv_forward_naive
    batch = opened(plans[:4])
    harness.run_all(str(batch.folder), str(batch.outputs), namespace)
    outcomes = batch_outcomes(batch, CellRun(-1, 'ok'), None)
    assert [o.kind for o in outcomes] == ['ok', 'raised', 'ok', 'ok']
    assert outcomes[1].detail['evalue'] == 'only this case'


def test_the_probe_cell_sends_the_model_part_only_for_model_checks(tmp_path, plans):
    calls = probe_source(Batch(plans, tmp_path / 'in', tmp_path / 'out', -1))
    model = probe_source(Batch([dataclasses.replace(plans[0], request={'kind': 'model'})], tmp_path / 'in',
                               tmp_path / 'out', -1))
    assert 'import torch' not in calls and 'import torch' in model
    for source in (calls, model):
        compile(source, '<probe cell>', 'exec')
        assert f"['run_all']({str(tmp_path / 'in')!r}, {str(tmp_path / 'out')!r}, globals())" in source


def test_a_reports_text_is_cut_to_what_the_harness_would_write():
    from grader.probe import MAX_TEXT_CHARS, MAX_TRACEBACK_CHARS, clipped
    report = clipped({"kind": "raised", "evalue": "v" * 10**5, "traceback": "a" + "t" * 10**5,
                      "crash": {"traceback": "t" * 10**5}, "rows": [{"type": "x" * 10**5, "out": 3}], "n": 7})
    assert report["evalue"] == "v" * MAX_TEXT_CHARS and report["traceback"] == "t" * MAX_TRACEBACK_CHARS
    assert len(report["crash"]["traceback"]) == MAX_TRACEBACK_CHARS
    assert report["rows"] == [{"type": "x" * MAX_TEXT_CHARS, "out": 3}] and report["n"] == 7


def test_a_report_nested_as_deep_as_json_allows_is_cut_not_a_recursion_error():
    from grader.probe import clipped
    report = {"kind": "raised", "x": json.loads("[" * 900 + "]" * 900)}  # about the deepest json.loads reads
    kept = clipped(report)
    depth, level = 0, kept["x"]
    while isinstance(level, list):
        depth, level = depth + 1, level[0]
    assert level is None and depth == 15
