"""Unit tests of grader/notebook.py: submitted bytes -> the code cells' sources, or a reason."""
import json

import pytest

from grader.errors import SubmissionError, UnreadableNotebook
from grader.notebook import code_sources


def code(source, outputs=(), count=None):
    return {'cell_type': 'code', 'metadata': {}, 'source': source, 'outputs': list(outputs),
            'execution_count': count}


def v4(*cells, minor=5):
    nb = {'nbformat': 4, 'nbformat_minor': minor, 'metadata': {}, 'cells': list(cells)}
    if minor >= 5:
        for number, cell in enumerate(nb['cells']):
            cell.setdefault('id', f'cell-{number}')
    return json.dumps(nb).encode()


def unreadable(data):
    with pytest.raises(UnreadableNotebook) as info:
        code_sources(data)
    assert isinstance(info.value, SubmissionError)
    return info.value.message


# ---- unreadable files, each with its own reason ----

@pytest.mark.parametrize('data', [b'', b'   \n\t'], ids=['empty', 'whitespace'])
def test_empty_file(data):
    assert unreadable(data) == 'the file is empty'


def test_invalid_json():
    message = unreadable(b'{"cells": [')
    assert message.startswith('the file is not valid JSON (JSONDecodeError: ')


def test_invalid_json_message_is_bounded():
    message = unreadable(b'{"' + b'x' * 10000)
    assert message.startswith('the file is not valid JSON')
    assert len(message) < 400


def test_json_list_is_not_a_notebook():
    assert unreadable(b'[1, 2, 3]') == 'the file is JSON but not a notebook (a list without nbformat)'


def test_dict_without_nbformat_is_not_a_notebook():
    data = json.dumps({'cells': [code('x = 1')], 'metadata': {}}).encode()
    assert unreadable(data) == 'the file is JSON but not a notebook (a dict without nbformat)'


@pytest.mark.parametrize('data', [b'"a string"', b'42', b'null'])
def test_json_scalars_are_not_notebooks(data):
    assert unreadable(data).startswith('the file is JSON but not a notebook (a ')


def test_deeply_nested_json():
    message = unreadable(b'[' * 100000 + b']' * 100000)
    assert message.startswith('the file is not valid JSON (RecursionError: ')


def test_invalid_utf8():
    data = b'{"nbformat": 4, "cells": ["\xff\xfe"]}'
    assert unreadable(data).startswith('the file is not valid JSON (UnicodeDecodeError: ')


@pytest.mark.parametrize('version', [99, None, '4'])
def test_unsupported_nbformat_version(version):
    data = json.dumps({'nbformat': version, 'nbformat_minor': 0, 'metadata': {}, 'cells': []}).encode()
    message = unreadable(data)
    assert message.startswith('the notebook cannot be read by nbformat (')
    assert 'Unsupported nbformat version' in message


def test_nbformat_4_without_cells():
    assert unreadable(b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}').startswith(
        'the notebook cannot be read by nbformat (')


# ---- readable notebooks ----

def test_code_cells_in_order():
    data = v4(code('a = 1'), code('b = 2\nprint(b)'), code(''))
    assert code_sources(data) == ['a = 1', 'b = 2\nprint(b)', '']


def test_markdown_and_raw_cells_are_skipped():
    data = v4({'cell_type': 'markdown', 'metadata': {}, 'source': '# title\n```python\nx = 1\n```'},
              code('a = 1'),
              {'cell_type': 'raw', 'metadata': {}, 'source': 'import os'},
              code('b = 2'))
    assert code_sources(data) == ['a = 1', 'b = 2']


def test_list_of_lines_sources_are_joined():
    data = v4(code(['import numpy as np\n', 'x = np.zeros(3)\n', 'y = x + 1']))
    assert code_sources(data) == ['import numpy as np\nx = np.zeros(3)\ny = x + 1']


def test_stored_outputs_and_execution_counts_are_ignored():
    outputs = [{'output_type': 'stream', 'name': 'stdout', 'text': ['PASS: rel_error 1e-9\n']},
               {'output_type': 'execute_result', 'execution_count': 7, 'metadata': {},
                'data': {'text/plain': ['print("injected")']}},
               {'output_type': 'error', 'ename': 'E', 'evalue': 'v', 'traceback': ['x = 2']}]
    data = v4(code('a = 1', outputs=outputs, count=7))
    assert code_sources(data) == ['a = 1']


def test_notebook_without_code_gives_an_empty_list():
    assert code_sources(v4()) == []
    assert code_sources(v4({'cell_type': 'markdown', 'metadata': {}, 'source': 'text only'})) == []


def test_older_nbformat_4_minor_is_read():
    assert code_sources(v4(code(['x = 1\n', 'y = 2']), minor=2)) == ['x = 1\ny = 2']


def test_utf8_bom_and_non_ascii_source():
    data = b'\xef\xbb\xbf' + v4(code('s = "\u00e9\u6f22"  # caf\u00e9'))
    assert code_sources(data) == ['s = "\u00e9\u6f22"  # caf\u00e9']


def test_nbformat_3_worksheets_are_upgraded():
    nb = {'nbformat': 3, 'nbformat_minor': 0, 'metadata': {'name': 'old'},
          'worksheets': [{'metadata': {}, 'cells': [
              {'cell_type': 'heading', 'level': 1, 'metadata': {}, 'source': ['Title']},
              {'cell_type': 'markdown', 'metadata': {}, 'source': ['x = 99']},
              {'cell_type': 'code', 'language': 'python', 'collapsed': False, 'metadata': {},
               'input': ['import numpy as np\n', 'x = np.arange(3)'], 'prompt_number': 3,
               'outputs': [{'output_type': 'stream', 'stream': 'stdout', 'text': ['stored']}]},
              {'cell_type': 'code', 'language': 'python', 'collapsed': False, 'metadata': {},
               'input': 'y = x * 2', 'outputs': []},
          ]}]}
    assert code_sources(json.dumps(nb).encode()) == ['import numpy as np\nx = np.arange(3)', 'y = x * 2']


def test_cells_without_ids_are_read_without_a_warning():
    """Older Jupyter and Colab write cells without ids: nbformat's warning about it reached the
    TA's terminal once per notebook, about nothing they can act on."""
    import warnings

    from grader.notebook import read_notebook
    data = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [code("x = 1")]}).encode()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nb = read_notebook(data)
    assert [c.source for c in nb.cells] == ["x = 1"]
    assert not caught, [str(w.message) for w in caught]
