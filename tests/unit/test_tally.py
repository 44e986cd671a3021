"""Unit tests of grader/tally.py: the class's most common diagnoses, a student counted once."""
from grader.report import assign_pages
from grader.results import CheckResult, SubmissionResult
from grader.tally import common_mistakes


def result(student, *diagnoses):
    checks = tuple(CheckResult(id=f'c/{i}', status='fail', score=0.0, max_score=1.0, message='m',
                               hint='h', details={'diagnosis': d[0], 'diagnoses': dict(enumerate(d))})
                   for i, d in enumerate(diagnoses))
    return SubmissionResult(student=student, assignment='conv_numpy', path=f'{student}.ipynb',
                            status='graded', score=0.0, max_score=10.0, checks=checks)


def test_most_students_first_each_counted_once_with_their_checks():
    entries = assign_pages([
        result('ann', ['conv_forward.no_bias'], ['conv_forward.no_bias']),
        result('ben', ['conv_forward.no_bias'], ['conv_backward.db_averaged', 'none']),
        result('cat', ['none']),
        result('dan'),
    ])
    tally = common_mistakes(entries, 'en')
    assert [(m.id, m.count, m.checks) for m in tally] == [
        ('conv_forward.no_bias', 2, 3), ('none', 2, 2), ('conv_backward.db_averaged', 1, 1)]
    assert tally[0].title == 'Bias left out'
    assert [(s.student, s.href, s.checks) for s in tally[0].students] == [
        ('ann', 'ann/conv_numpy.html', ('c/0', 'c/1')), ('ben', 'ben/conv_numpy.html', ('c/0',))]
    assert common_mistakes(entries, 'ko')[0].title == '편향 누락'
