"""A broken, slow or malformed notebook costs only its own points, and says why."""

import json

import nbformat
import pytest

from helpers import REPO, by_file, grade_folder, run_grade

SOLUTION = (REPO / "solutions/conv_numpy/reference_numpy.py").read_text()
CONV_META = {"grader": {"assignment": "conv_numpy"}}


def notebook(*sources: str, metadata=CONV_META) -> str:
    nb = nbformat.v4.new_notebook(metadata=dict(metadata))
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nbformat.writes(nb)


def replace_function(name: str, body: str) -> str:
    """The reference solution with `name` redefined after it."""
    signature = {"max_pool_forward_naive": "(x, pool_param)"}.get(name, "(dout, cache)")
    return SOLUTION + f"\n\ndef {name}{signature}:\n" + "".join(f"    {line}\n" for line in body.splitlines())


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    files = {
        "empty.ipynb": "",
        "not_json.ipynb": "{ this is not json",
        "json_list.ipynb": "[1, 2, 3]",
        "deeply_nested.ipynb": "[" * 100_000,
        "conv_numpy_export.zip": "this is not a zip archive",
        "no_code.ipynb": notebook(),
        "unknown_assignment_x.ipynb": notebook(SOLUTION, metadata={}),
        "infinite_loop_cell.ipynb": notebook(SOLUTION, "while True:\n    pass", "print('after')"),
        "hanging_pool_forward.ipynb": notebook(replace_function("max_pool_forward_naive", "while True:\n    pass")),
        "exit_in_backward.ipynb": notebook(replace_function("conv_backward_naive", "import os\nos._exit(3)")),
        "uses_torch_conv2d.ipynb": notebook(SOLUTION, "import torch\nimport torch.nn.functional as F\n\n"
            "def conv_forward_naive(x, w, b, conv_param):\n"
            "    out = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b),\n"
            "                   stride=conv_param['stride'], padding=conv_param['pad']).numpy()\n"
            "    return out, (x, w, b, conv_param)"),
        "helper_uses_scipy_style_import.ipynb": notebook(SOLUTION, "from torch.nn.functional import max_pool2d\n\n"
            "def _pool(x, p):\n    import torch\n    return max_pool2d(torch.from_numpy(x), (p['pool_height'], p['pool_width']), p['stride']).numpy()\n\n"
            "def max_pool_forward_naive(x, pool_param):\n    return _pool(x, pool_param), (x, pool_param)"),
        "script_in_error.ipynb": notebook(replace_function(
            "max_pool_backward_naive", "raise ValueError('<script>alert(1)</script><img src=x onerror=alert(2)>')")),
    }
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"grader": {"assignment": "conv_numpy"}},
          "worksheets": [{"cells": [{"cell_type": "code", "language": "python", "input": SOLUTION,
                                     "outputs": [], "metadata": {}}]}]}
    files["nbformat3.ipynb"] = json.dumps(v3)
    for name, text in files.items():
        (folder / name).write_text(text)
    out = tmp_path_factory.mktemp("faults_out")
    results = grade_folder([str(folder)], out, "--cell-timeout", "4", "--call-timeout", "4")
    return by_file(results), out


def statuses(result, prefix):
    return {c["status"] for c in result["checks"] if c["id"].startswith(prefix)}


@pytest.mark.parametrize("name, reason", [
    ("empty.ipynb", "the file is empty"),
    ("not_json.ipynb", "not valid JSON"),
    ("json_list.ipynb", "JSON but not a notebook"),
    ("deeply_nested.ipynb", "not valid JSON"),
    ("conv_numpy_export.zip", "not a readable zip archive"),
    ("unknown_assignment_x.ipynb", "unknown assignment"),
])
def test_unreadable_notebooks_are_errors_with_a_reason(faults, name, reason):
    result = faults[0][name]
    assert result["status"] == "error"
    assert reason in result["message"]


def test_a_notebook_without_code_scores_zero(faults):
    result = faults[0]["no_code.ipynb"]
    assert result["status"] == "graded" and result["score"] == 0
    assert {c["message"] for c in result["checks"][:1]} == {"`conv_forward_naive` is not defined in the notebook"}


def test_nbformat3_is_upgraded_and_graded(faults):
    assert faults[0]["nbformat3.ipynb"]["score"] == 10.0


def test_an_infinite_loop_in_a_cell_skips_that_cell_only(faults):
    result = faults[0]["infinite_loop_cell.ipynb"]
    assert result["score"] == 10.0
    assert [(c["index"], c["status"]) for c in result["cells"]] == [(1, "timeout")]


def test_a_hanging_function_times_out_alone(faults):
    result = faults[0]["hanging_pool_forward.ipynb"]
    assert statuses(result, "max_pool_forward_naive/") == {"timeout"}
    assert statuses(result, "max_pool_backward_naive/") == {"timeout"}
    assert statuses(result, "conv_") == {"pass"}
    assert result["score"] == 6.0


def test_a_kernel_killed_by_the_student_costs_only_that_function(faults):
    result = faults[0]["exit_in_backward.ipynb"]
    assert statuses(result, "conv_backward_naive/") == {"error"}
    assert "kernel died" in next(c for c in result["checks"] if c["id"].startswith("conv_backward"))["message"]
    assert statuses(result, "conv_forward_naive/") | statuses(result, "max_pool") == {"pass"}


def test_student_html_is_escaped_in_the_report(faults):
    results, out = faults
    result = results["script_in_error.ipynb"]
    assert result["score"] == 7.5
    page = (out / result["report"]).read_text()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page


def test_usage_errors_exit_2_without_a_traceback(tmp_path):
    missing = run_grade(str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    unknown = run_grade(str(REPO / "assignments/conv_numpy/examples"), "--assignment", "nope",
                        "--out", str(tmp_path / "out"))
    assert unknown.returncode == 2 and "unknown assignment 'nope'" in unknown.stderr
    for done in (missing, unknown):
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("level", ["unshare", "limits"])
def test_weaker_isolation_levels_grade_and_say_so(tmp_path, level):
    notebook_path = REPO / "assignments/conv_numpy/examples/correct/conv_numpy.ipynb"
    done = run_grade(str(notebook_path), "--out", str(tmp_path), "--isolation", level)
    assert done.returncode == 0, done.stderr
    assert f"weak isolation ({level})" in done.stderr
    result = json.loads((tmp_path / "results.json").read_text())["submissions"][0]
    assert result["score"] == 10.0
    assert not any("bubblewrap" in layer for layer in result["isolation"])


def test_a_batch_at_a_weak_level_needs_consent(tmp_path):
    examples = REPO / "assignments/conv_numpy/examples"
    refused = run_grade(str(examples), "--out", str(tmp_path), "--isolation", "limits")
    assert refused.returncode == 2 and "--allow-weak-isolation" in refused.stderr


def test_a_forbidden_library_in_a_graded_function_fails_that_function(faults):
    result = faults[0]["uses_torch_conv2d.ipynb"]
    assert statuses(result, "conv_forward_naive/") == {"fail"}
    # the kernel has no torch at all, so the backward checks cannot run the student's forward
    assert statuses(result, "conv_backward_naive/") == {"error"}
    assert statuses(result, "max_pool") == {"pass"}
    message = next(c["message"] for c in result["checks"] if c["id"] == "conv_forward_naive/public")
    assert message.startswith("`conv_forward_naive` uses torch") and "does not allow" in message
    backward = next(c["message"] for c in result["checks"] if c["id"] == "conv_backward_naive/public")
    assert "torch is not available in this assignment's grading kernel" in backward


def test_a_forbidden_library_behind_a_helper_is_found(faults):
    result = faults[0]["helper_uses_scipy_style_import.ipynb"]
    assert statuses(result, "max_pool_forward_naive/") == {"fail"}
    assert statuses(result, "max_pool_backward_naive/") == {"error"}  # its forward cannot run
    assert result["score"] == 10.0 - 1.5 - 2.5
