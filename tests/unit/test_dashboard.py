"""Unit tests of grader/dashboard.py: histogram bins, pass rates, common failures, grade table."""
import pytest

from grader.dashboard import (check_rates, common_failures, failure_key, grade_table, histogram,
                              summarize, summarize_all)
from grader.results import CheckResult, SubmissionResult


def check(cid, status='pass', message='matches', hint=None, score=1.0):
    return CheckResult(cid, status, score if status == 'pass' else 0.0, 1.0, message, hint)


def result(student, assignment='conv_numpy', score=10.0, max_score=10.0, checks=(), status='graded'):
    return SubmissionResult(student, assignment, f'{student}/{assignment}.ipynb', status, score, max_score, tuple(checks))


def test_histogram_bins_and_full_marks():
    bins = histogram([0.0, 0.05, 0.1, 0.55, 0.999, 1.0, 1.0])
    assert [b.count for b in bins] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1, 2]
    assert bins[0].label == '0–10%' and bins[-1].label == '100%' and bins[-1].tick == 'full'
    assert [b.height for b in bins][:2] == [1.0, 0.5]


def test_histogram_of_nothing_is_flat():
    assert all(b.count == 0 and b.height == 0 for b in histogram([]))


def test_check_rates_in_first_seen_order():
    results = [result('a', checks=[check('f/x'), check('f/y', 'fail')]),
               result('b', checks=[check('f/x', 'fail'), check('f/y', 'fail')])]
    rates = check_rates(results)
    assert [(r.id, r.passed, r.total) for r in rates] == [('f/x', 1, 2), ('f/y', 0, 2)]
    assert rates[0].rate == 0.5


def test_failure_messages_that_differ_only_in_numbers_fall_together():
    assert failure_key('f', 'rel_error 1.2e-01 at index (1, 2)', None) == failure_key('f', 'rel_error 3e+00 at index (0, 7)', None)
    assert failure_key('f', 'a', 'no bias') == ('f', 'no bias')


def test_common_failures_are_counted_per_check_and_per_student():
    results = [result('a', checks=[check('conv/p0', 'fail', 'err 0.5'), check('conv/p1', 'fail', 'err 0.7'),
                                   check('pool/p0', 'timeout', 'did not finish within 4 s')]),
               result('b', checks=[check('conv/p0', 'fail', 'err 0.1'), check('pool/p0', 'pass')])]
    failures = common_failures(results)
    assert [(f.graded, f.count, f.students) for f in failures] == [('conv', 3, 2), ('pool', 1, 1)]
    assert failures[0].message == 'err 0.5'


def test_summary_of_an_assignment():
    results = [result('a', score=10.0), result('b', score=5.0), result('c', score=0.0, status='error')]
    s = summarize('conv_numpy', results)
    assert (s.submissions, s.errors, s.max_score, s.mean, s.median, s.full_marks) == (3, 1, 10.0, 5.0, 5.0, 1)
    assert sum(b.count for b in s.histogram) == 3


def test_summaries_skip_unknown_assignments():
    names = [s.name for s in summarize_all([result('a'), result('b', assignment=None), result('c', 'alexnet_params')])]
    assert names == ['alexnet_params', 'conv_numpy']


def test_grade_table_takes_each_student_s_best_submission():
    results = [result('bo', score=3.0), result('al', score=8.0), result('bo', score=7.0),
               result('bo', 'alexnet_params', score=11.0, max_score=11.0), result('zed', assignment=None)]
    table = grade_table(results)
    assert table.assignments == ('alexnet_params', 'conv_numpy') and table.max_scores == (11.0, 10.0)
    al, bo = table.rows
    assert (al.student, al.grades[0], al.grades[1].score, al.total) == ('al', None, 8.0, 8.0)
    assert (bo.grades[0].score, bo.grades[1].score, bo.grades[1].index, bo.total) == (11.0, 7.0, 2, 18.0)


@pytest.mark.parametrize('scores, counted', [((5.0, 5.0), 0), ((5.0, 6.0), 1)])
def test_a_tie_keeps_the_first_submission(scores, counted):
    table = grade_table([result('al', score=s) for s in scores])
    assert table.rows[0].grades[0].index == counted
