"""Unit tests of grader/export.py: grades.csv for an LMS, Gradescope's results.json."""
import csv
import io
import json

import pytest

from grader.export import cell_text, grades_csv, gradescope_document, write_gradescope
from grader.results import CheckResult, SubmissionResult


def result(student, assignment='conv_numpy', score=10.0, max_score=10.0, status='graded', checks=()):
    return SubmissionResult(student, assignment, f'{student}.ipynb', status, score, max_score, tuple(checks),
                            message=None if status == 'graded' else 'the file is empty')


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_one_row_per_student_one_column_per_assignment_plus_total():
    text = grades_csv([result('bob', score=7.5), result('alice', score=10.0),
                       result('alice', 'alexnet_params', score=3.0, max_score=11.0)])
    assert rows(text) == [['student', 'alexnet_params', 'conv_numpy', 'total'],
                          ['alice', '3', '10', '13'],
                          ['bob', '', '7.5', '7.5']]


def test_an_ungraded_submission_counts_as_zero_and_an_unknown_one_not_at_all():
    text = grades_csv([result('carol', status='error', score=0.0), result('dave', assignment=None)])
    assert rows(text) == [['student', 'conv_numpy', 'total'], ['carol', '0', '0']]


@pytest.mark.parametrize('name', ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx'])
def test_student_ids_cannot_become_spreadsheet_formulas(name):
    (row,) = rows(grades_csv([result(name)]))[1:]
    assert row[0] == "'" + name and cell_text('alice') == 'alice'


def test_korean_student_ids_are_kept():
    assert rows(grades_csv([result('김철수')]))[1][0] == '김철수'


def test_gradescope_document():
    checks = [CheckResult('conv_forward_naive/pad0', 'pass', 0.5, 0.5, 'matches'),
              CheckResult('conv_backward_naive/pad0', 'fail', 0.0, 0.5, '`dx` differs', hint='no padding crop')]
    document = gradescope_document(result('alice', score=0.5, checks=checks))
    assert document['score'] == 0.5
    assert document['tests'][0] == {'name': 'conv_forward_naive/pad0', 'score': 0.5, 'max_score': 0.5,
                                    'status': 'passed', 'output': 'matches', 'visibility': 'visible'}
    assert document['tests'][1]['status'] == 'failed'
    assert document['tests'][1]['output'] == '`dx` differs\nLikely mistake: no padding crop'


def test_gradescope_document_of_an_ungraded_notebook_says_why():
    document = gradescope_document(result('bob', status='error', score=0.0))
    assert document['tests'] == [] and 'the file is empty' in document['output']


def test_write_gradescope_beside_the_report_pages(tmp_path):
    written = write_gradescope(tmp_path, [result('alice'), result('bob')], ['alice/conv_numpy.html', 'bob/conv_numpy-2.html'])
    assert written == [tmp_path / 'gradescope/alice/conv_numpy/results.json',
                       tmp_path / 'gradescope/bob/conv_numpy-2/results.json']
    assert json.loads(written[0].read_text())['score'] == 10.0
