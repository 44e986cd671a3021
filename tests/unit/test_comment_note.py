"""Unit tests of grader/comment_note.py: comment and docstring lines counted in the cells that
define the model (PyTorch classes, Keras models), and the note carried on the manual item."""
import pytest

from grader.comment_note import model_comments
from grader.errors import RubricError
from grader.messages import say
from grader.results import ManualResult, ModelComments, SubmissionResult
from grader.review.apply import apply_decisions
from grader.rubric import Manual, load_all, load_assignment

TORCH_CELL = '''%matplotlib inline
class AlexNet(nn.Module):
    """The paper's network,
    without the two-GPU split."""

    def __init__(self, classes):
        super().__init__()
        # conv1: 227 -> 55
        self.conv1 = nn.Conv2d(3, 96, 11, stride=4)  # (227 - 11) / 4 + 1
        s = "# not a comment"

    def forward(self, x):
        """Logits."""
        return self.conv1(x)
'''
KERAS_CELL = '''from tensorflow import keras
# a Sequential model
# two comment lines
model = keras.Sequential([keras.layers.Dense(10)])
'''
OTHER_CELL = '''# loading data: not a model cell
import torch
x = torch.zeros(3)
'''


def test_comment_and_docstring_lines_of_model_cells_are_counted():
    assert model_comments([TORCH_CELL]) == ModelComments(model_cells=1, comment_lines=2, docstring_lines=3)


def test_keras_cells_count_and_other_cells_do_not():
    assert model_comments([OTHER_CELL, KERAS_CELL, TORCH_CELL]) == ModelComments(2, 4, 3)


def test_a_functional_keras_model_is_a_model_cell():
    cell = 'inputs = keras.Input((227, 227, 3))\nx = layers.Dense(3)(inputs)\nm = keras.Model(inputs, x)  # done\n'
    assert model_comments([cell]) == ModelComments(1, 1, 0)


def test_no_model_and_unparsable_cells_give_zero():
    template = 'class AlexNet(nn.Module):\n    # fill in\n    ????\n'
    assert model_comments([OTHER_CELL, template, '']) == ModelComments(0, 0, 0)


def test_the_rubric_item_asks_for_the_note_and_apply_fills_it():
    (item,) = load_all()['alexnet_model'].manual
    assert item.note == 'model_comments'
    result = SubmissionResult('bob', 'alexnet_model', 'bob/a.ipynb', 'graded', 1.0, 2.0, ())
    final = apply_decisions(result, {}, [item], [OTHER_CELL, TORCH_CELL])
    assert final.manual[0].note == ModelComments(1, 2, 3)
    assert final.to_json()['manual'][0]['note'] == {'model_cells': 1, 'comment_lines': 2, 'docstring_lines': 3}
    assert SubmissionResult.from_json(final.to_json()) == final
    assert apply_decisions(result, {}, [item]).manual[0].note is None  # cells not kept: no note


def test_items_without_the_note_keep_results_json_as_it_was():
    result = SubmissionResult('bob', 'toy', 'bob/a.ipynb', 'graded', 1.0, 2.0, ())
    final = apply_decisions(result, {}, [Manual('m', 1.0, 'd')], [TORCH_CELL])
    assert final.manual == (ManualResult('m', 'd', 1.0),) and 'note' not in final.to_json()['manual'][0]


@pytest.mark.parametrize('lang', ['en', 'ko'])
def test_the_note_reads_in_both_languages(lang):
    text = say('review.model_comments', lang=lang, cells=2, comments=4, docstrings=3)
    assert '2' in text and '4' in text and '3' in text
    assert say('review.no_model_cells', lang=lang)


def test_an_unknown_note_is_a_rubric_error(tmp_path):
    (tmp_path / 'rubric.toml').write_text(
        '[assignment]\nname = "toy"\ntemplate = "toy.ipynb"\nreference = "conv_numpy/reference.py"\n\n'
        '[[graded]]\nname = "f"\nkind = "variable"\npoints = 1.0\n\n'
        '[[manual]]\nname = "m"\npoints = 1\ndescription = "d"\nnote = "word_count"\n')
    with pytest.raises(RubricError, match='model_comments'):
        load_assignment(tmp_path, 'solutions')
