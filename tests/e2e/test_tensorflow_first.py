"""TensorFlow imported before torchvision, in a real kernel: with the rubric's `import_first`
the hidden setup cell has imported torch and torchvision already and the notebook grades; the
same notebook graded without it shows the crash the setup cell prevents."""

import dataclasses

import pytest

from grader.discover import discover
from grader.grade import grade_submission
from grader.paths import ASSIGNMENTS_DIR
from grader.rubric import load_assignment
from grader.sandbox import choose
from helpers import FIXTURES

NOTEBOOK = FIXTURES / "alexnet_model" / "tensorflow_first_then_torchvision.ipynb"


def graded(assignment):
    (submission,), _ = discover([str(NOTEBOOK)], {assignment.name: assignment})
    return grade_submission(submission, {assignment.name: assignment}, 7, choose())


@pytest.fixture(scope="module")
def model_assignment():
    return load_assignment(ASSIGNMENTS_DIR / "alexnet_model")


def test_torch_and_torchvision_first_make_tensorflow_first_harmless(model_assignment):
    result = graded(model_assignment)
    assert result.status == "graded", result.message
    assert not [c for c in result.cells if c.status == "died"]
    assert result.score == result.max_score == 9.0


def test_without_them_the_kernel_crashes(model_assignment):
    result = graded(dataclasses.replace(model_assignment, import_first=()))
    died = [c for c in result.cells if c.status == "died"]
    assert died or result.status == "error", result
    assert result.score < result.max_score
