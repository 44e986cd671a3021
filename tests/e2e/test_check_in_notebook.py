"""check() inside a running notebook: real notebooks executed by nbclient in a real kernel that
imports this checkout's grader; each check() grades in a fresh sandboxed kernel of its own."""

import os

import nbformat
import pytest
from nbclient import NotebookClient

from grader import rubric
from grader.errors import CheckRequestError
from grader.messages import say
from grader.selfcheck import resolve
from helpers import FIXTURES, REPO

ASSIGNMENTS = rubric.load_all()


def function_cell(notebook, name):
    """The source of the code cell that defines `name` in a bundled notebook."""
    nb = nbformat.read(notebook, as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code" and f"def {name}(" in c.source)


def run_notebook(*cells):
    """Execute code cells in a kernel whose working folder is the checkout (so `grader` is this
    one) and whose locale is English; the text each cell printed."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    env = dict(os.environ, LC_ALL="C.UTF-8", PYTHONPATH=str(REPO))
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}).execute(env=env)
    return ["".join(o.get("text", "") if o.output_type == "stream" else f"{o.get('ename')}: {o.get('evalue')}\n"
                    for o in cell.outputs) for cell in nb.cells]


def public_cases(assignment, name):
    graded = next(g for g in ASSIGNMENTS[assignment].graded if g.name == name)
    return [c.name for c in graded.cases if c.public]


REFERENCE = REPO / "solutions/conv_numpy/conv_numpy_reference.ipynb"
CHECK_FORWARD = "from grader import check\ncheck('conv_forward_naive')\nprint('after the check')"


def test_a_correct_function_passes_its_public_cases():
    source = function_cell(REFERENCE, "conv_forward_naive")
    out = run_notebook("import numpy as np", source, CHECK_FORWARD, "check()")
    cases = public_cases("conv_numpy", "conv_forward_naive")
    lines = out[2].splitlines()
    assert f"conv_forward_naive: {say('check.summary', 'en', passed=len(cases), count=len(cases))}" in lines, out[2]
    for case in cases:
        assert any(line.startswith(f"  pass  conv_forward_naive/{case}: ") for line in lines), out[2]
    assert "FAIL" not in out[2] and "ERROR" not in out[2]
    assert out[2].count("after the check") == 1  # the rest of the cell runs once, here only
    # no name: the assignment comes from what the kernel defines, every graded name is checked
    assert "conv_forward_naive: " + say("check.summary", "en", passed=len(cases), count=len(cases)) in out[3]
    assert say("missing", "en", function="conv_backward_naive") in out[3]
    assert "max_pool_backward_naive: " in out[3]


def test_a_function_that_ignores_padding_fails_its_public_case_with_the_likely_mistake():
    source = function_cell(FIXTURES / "conv_numpy/conv_forward_no_padding.ipynb", "conv_forward_naive")
    assert "x_pad = x" in source
    out = run_notebook("import numpy as np", source, CHECK_FORWARD)[2]
    cases = public_cases("conv_numpy", "conv_forward_naive")
    assert f"conv_forward_naive: {say('check.summary', 'en', passed=0, count=len(cases))}" in out.splitlines(), out
    assert f"  FAIL  conv_forward_naive/{cases[0]}: " in out
    assert say("diag.conv_forward.no_padding", "en", out="out") in out


def test_an_unknown_name_lists_the_graded_names_and_checks_nothing():
    with pytest.raises(CheckRequestError) as expected:
        resolve("conv_forward", None, ASSIGNMENTS, {}, None, "en")
    out = run_notebook("from grader import check\ncheck('conv_forward')")[0]
    assert out.strip() == expected.value.message
    for assignment in ASSIGNMENTS.values():
        assert all(g.name in out for g in assignment.graded)


def test_alexnet_params_a_wrong_count_fails_and_korean_is_asked_for():
    out = run_notebook("Conv_1 = 11 * 11 * 3 * 96  # the weights only\nFC3 = 4096 * 1000 + 1000",
                       "from grader import check\ncheck('Conv_1')", "check('FC3', lang='ko')")
    assert "Conv_1: " + say("check.summary", "en", passed=0, count=1) in out[1].splitlines(), out[1]
    assert "  FAIL  Conv_1: " + say("variable_wrong", "en", name="Conv_1", value=11 * 11 * 3 * 96) in out[1]
    assert say("diag.alexnet_params.no_bias", "en", name="Conv_1", got=f"{11 * 11 * 3 * 96:,}") in out[1]
    assert "FC3: " + say("check.summary", "ko", passed=1, count=1) in out[2].splitlines(), out[2]
    assert say("check.hidden_note", "ko") in out[2]
