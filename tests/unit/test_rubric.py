"""Unit tests of grader/rubric.py: the real rubrics load as DESIGN.md says; broken ones are
RubricErrors naming the file; the command line's time limits replace the rubric's."""
import hashlib

import pytest

from grader.errors import RubricError, UnknownAssignment, UsageError
from grader.paths import ASSIGNMENTS_DIR, SOLUTIONS_DIR
from grader.rubric import get, load_all, load_assignment, with_timeouts

# DESIGN.md, "Contracts": the graded names of each assignment, in order.
DESIGN_GRADED = {
    'conv_numpy': ['conv_forward_naive', 'conv_backward_naive', 'max_pool_forward_naive',
                   'max_pool_backward_naive'],
    'alexnet_params': ['Conv_1', 'Max_pool_1', 'Conv_2', 'Max_pool_2', 'Conv_3', 'Conv_4',
                       'Conv_5', 'Max_pool_3', 'FC1', 'FC2', 'FC3', 'markdown'],
    'alexnet_model': ['param_count', 'output_shape', 'layers', 'forward', 'keras_param_count',
                      'keras_output_shape', 'keras_layers', 'keras_forward', 'summary'],
    'cnn_arithmetic': ['conv_output_size', 'conv_param_count', 'bottleneck_param_count', 'pool_output_size'],
}

VALID = '''
[assignment]
name = "toy"
template = "toy.ipynb"
reference = "toy/reference.py"
call_timeout = 7

[[graded]]
name = "f"
args = ["x"]
returns = ["out", "cache"]
compare = ["out"]
points = 2.0
tolerance = 1e-6

[[cases.f]]
name = "one"
x = { array = "normal", shape = [2, 3] }
'''


def rubric_folder(tmp_path, text, name='toy'):
    folder = tmp_path / name
    folder.mkdir()
    (folder / 'rubric.toml').write_text(text)
    return folder


def rubric_error(folder):
    with pytest.raises(RubricError) as info:
        load_assignment(folder)
    return info.value.message


# ---- the real rubrics ----

def test_conv_numpy_rubric_has_the_design_names_in_order_and_10_points():
    conv = load_all()['conv_numpy']
    assert [g.name for g in conv.graded] == DESIGN_GRADED['conv_numpy']
    assert sum(g.points for g in conv.graded) == pytest.approx(10.0)
    assert conv.max_score == pytest.approx(10.0)
    assert conv.folder == ASSIGNMENTS_DIR / 'conv_numpy'
    assert conv.reference.is_file()
    assert (conv.folder / conv.template).is_file()


def test_conv_numpy_rubric_describes_cs231n_signatures():
    graded = {g.name: g for g in load_all()['conv_numpy'].graded}
    assert graded['conv_forward_naive'].args == ('x', 'w', 'b', 'conv_param')
    assert graded['conv_forward_naive'].returns == ('out', 'cache')
    assert graded['conv_backward_naive'].args == ('dout', 'cache')
    assert graded['conv_backward_naive'].returns == ('dx', 'dw', 'db')
    assert graded['conv_backward_naive'].forward == 'conv_forward_naive'
    assert graded['max_pool_forward_naive'].args == ('x', 'pool_param')
    assert graded['max_pool_backward_naive'].returns == ('dx',)
    assert graded['max_pool_backward_naive'].forward == 'max_pool_forward_naive'
    for g in graded.values():
        assert g.cases and set(g.compare) <= set(g.returns) and g.tolerance > 0
        assert len({c.name for c in g.cases}) == len(g.cases)
        assert any(c.public for c in g.cases) and any(not c.public for c in g.cases)


@pytest.mark.parametrize('name', sorted(DESIGN_GRADED))
def test_every_design_assignment_has_its_graded_names(name):
    assignments = load_all()
    assert name in assignments
    assert [g.name for g in assignments[name].graded] == DESIGN_GRADED[name]


def test_load_all_keys_are_assignment_names_and_hashes_are_of_the_file():
    for name, assignment in load_all().items():
        assert assignment.name == name
        raw = (assignment.folder / 'rubric.toml').read_bytes()
        assert assignment.rubric_sha256 == hashlib.sha256(raw).hexdigest()


def test_get_names_the_known_assignments_when_unknown():
    assignments = load_all()
    assert get('conv_numpy', assignments).name == 'conv_numpy'
    with pytest.raises(UnknownAssignment) as info:
        get('conv_numpi', assignments)
    assert "'conv_numpi'" in info.value.message and 'conv_numpy' in info.value.message


# ---- a small valid rubric, read field by field ----

def test_valid_rubric_fields_and_defaults(tmp_path):
    folder = rubric_folder(tmp_path, VALID)
    toy = load_assignment(folder)
    assert toy.name == 'toy' and toy.title == 'toy' and toy.template == 'toy.ipynb'
    assert toy.reference == SOLUTIONS_DIR / 'toy' / 'reference.py'
    assert (toy.cell_timeout, toy.notebook_timeout, toy.call_timeout) == (120.0, 900.0, 7.0)
    assert toy.aliases == ()
    assert toy.rubric_sha256 == hashlib.sha256(VALID.encode()).hexdigest()
    (f,) = toy.graded
    assert (f.name, f.args, f.returns, f.compare, f.points, f.tolerance) == (
        'f', ('x',), ('out', 'cache'), ('out',), 2.0, 1e-6)
    (case,) = f.cases
    assert case.name == 'one' and case.public is False
    assert case.inputs == {'x': {'array': 'normal', 'shape': [2, 3]}}


def test_compare_defaults_to_returns_and_draw_is_merged_under_case_values(tmp_path):
    text = VALID.replace('compare = ["out"]\n', 'draw = { dout = 1, x = 5 }\n')
    f = load_assignment(rubric_folder(tmp_path, text)).graded[0]
    assert f.compare == ('out', 'cache')
    assert f.cases[0].inputs == {'dout': 1, 'x': {'array': 'normal', 'shape': [2, 3]}}


# ---- malformed rubrics ----

@pytest.mark.parametrize('text', [
    VALID.replace('[assignment]', '[assignmnt]'),
    VALID.replace('name = "toy"\n', ''),
    VALID.replace('template = "toy.ipynb"\n', ''),
    VALID.replace('points = 2.0\n', ''),
    VALID.replace('args = ["x"]\n', 'args = 3\n'),
    VALID.replace('name = "one"\n', ''),
    VALID.replace('[[graded]]', '[[grade]]'),
], ids=['no_assignment', 'no_name', 'no_template', 'no_points', 'args_not_list',
        'case_without_name', 'no_graded'])
def test_missing_or_wrong_keys_raise_rubric_error_naming_the_file(tmp_path, text):
    folder = rubric_folder(tmp_path, text)
    assert str(folder / 'rubric.toml') in rubric_error(folder)


def test_invalid_toml_names_the_file(tmp_path):
    folder = rubric_folder(tmp_path, VALID.replace('points = 2.0', 'points = = 2.0'))
    message = rubric_error(folder)
    assert str(folder / 'rubric.toml') in message and 'TOMLDecodeError' in message


def test_non_utf8_and_missing_rubric_name_the_file(tmp_path):
    folder = tmp_path / 'binary'
    folder.mkdir()
    (folder / 'rubric.toml').write_bytes(b'\xff\xfe[assignment]')
    assert str(folder / 'rubric.toml') in rubric_error(folder)
    empty = tmp_path / 'empty'
    empty.mkdir()
    assert str(empty / 'rubric.toml') in rubric_error(empty)


def test_compare_naming_a_value_not_returned_is_a_rubric_error(tmp_path):
    folder = rubric_folder(tmp_path, VALID.replace('compare = ["out"]', 'compare = ["dx"]'))
    message = rubric_error(folder)
    assert "'dx'" in message and "'out', 'cache'" in message


def test_function_without_cases_is_a_rubric_error(tmp_path):
    folder = rubric_folder(tmp_path, VALID.replace('[[cases.f]]', '[[cases.g]]'))
    assert "'f' has no cases" in rubric_error(folder)


def test_compare_error_names_the_file(tmp_path):
    folder = rubric_folder(tmp_path, VALID.replace('compare = ["out"]', 'compare = ["dx"]'))
    assert str(folder / 'rubric.toml') in rubric_error(folder)


def test_no_cases_error_names_the_file(tmp_path):
    folder = rubric_folder(tmp_path, VALID.replace('[[cases.f]]', '[[cases.g]]'))
    assert str(folder / 'rubric.toml') in rubric_error(folder)


def test_non_numeric_points_is_a_rubric_error(tmp_path):
    folder = rubric_folder(tmp_path, VALID.replace('points = 2.0', 'points = "two"'))
    assert str(folder / 'rubric.toml') in rubric_error(folder)


def test_load_all_raises_for_a_broken_rubric_among_good_ones(tmp_path):
    rubric_folder(tmp_path, VALID, name='good')
    rubric_folder(tmp_path, '[assignment', name='bad')
    with pytest.raises(RubricError, match='bad'):
        load_all(tmp_path)
    (tmp_path / 'bad' / 'rubric.toml').unlink()
    assert list(load_all(tmp_path)) == ['toy']


# ---- time limits from the command line ----

def test_with_timeouts_overrides_cell_and_call_only():
    assignments = load_all()
    changed = with_timeouts(assignments, 3.5, 0.25)
    assert set(changed) == set(assignments)
    for name, a in changed.items():
        assert (a.cell_timeout, a.call_timeout) == (3.5, 0.25)
        assert a.notebook_timeout == assignments[name].notebook_timeout
        assert a.graded == assignments[name].graded
    assert assignments['conv_numpy'].call_timeout == 60.0  # the originals are untouched


def test_with_timeouts_none_keeps_the_rubric_values():
    assignments = load_all()
    only_call = with_timeouts(assignments, None, 9)['conv_numpy']
    assert only_call.cell_timeout == assignments['conv_numpy'].cell_timeout
    assert only_call.call_timeout == 9
    assert with_timeouts(assignments, None, None) == assignments


@pytest.mark.parametrize('cell, call', [(0, None), (None, 0), (-1, 5), (5, -0.5)])
def test_with_timeouts_rejects_non_positive(cell, call):
    with pytest.raises(UsageError, match='positive'):
        with_timeouts(load_all(), cell, call)


def test_preload_defaults_to_numpy_and_must_list_module_names(tmp_path):
    assert load_assignment(rubric_folder(tmp_path, VALID)).preload == ("numpy",)
    listed = VALID.replace('call_timeout = 7', 'call_timeout = 7\npreload = ["numpy", "torch"]')
    assert load_assignment(rubric_folder(tmp_path, listed, 'listed')).preload == ("numpy", "torch")
    wrong = VALID.replace('call_timeout = 7', 'call_timeout = 7\npreload = "torch"')
    assert "`preload` must be a list of module names" in rubric_error(rubric_folder(tmp_path, wrong, 'wrong'))
