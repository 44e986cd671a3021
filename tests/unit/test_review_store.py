"""Unit tests of the review tables in grader/store.py: decisions kept per submission and item,
apart from graded results; each write names the version it saw, a stale one is refused with the
newer decision; withdrawing keeps the count going; the last run and its notebooks are kept."""
import pytest

from grader.discover import Skipped
from grader.errors import StaleReview
from grader.results import CheckResult, Override, SubmissionResult
from grader.store import (GRADEBOOK_FILE, Gradebook, Review, current, keep_current, notebook_cells, reviews,
                          save_review)


@pytest.fixture
def book(tmp_path):
    with Gradebook(tmp_path / GRADEBOOK_FILE) as gradebook:
        yield gradebook


def decision(score=0.5, by='ana', comment='partial credit'):
    return Override(score, comment, by, '2026-12-04T10:00:00Z', 'fail', 0.0)


def review(override, version=0, item='conv_forward_naive/pad0'):
    return Review('subs/alice/conv_numpy.ipynb', 'conv_numpy', 'check', item, override, version)


def test_a_saved_decision_is_kept_with_who_when_and_what_it_replaced(book):
    kept = save_review(book, review(decision()))
    assert kept.version == 1
    assert reviews(book) == [kept]
    assert reviews(book)[0].override == Override(0.5, 'partial credit', 'ana', '2026-12-04T10:00:00Z', 'fail', 0.0)


def test_a_write_from_an_older_version_is_refused_with_the_newer_decision(book):
    save_review(book, review(decision(by='ana')))
    with pytest.raises(StaleReview) as refused:
        save_review(book, review(decision(score=0.1, by='ben')))  # ben saw version 0
    assert refused.value.newest.override.by == 'ana' and refused.value.newest.version == 1
    assert 'ana changed this' in refused.value.message
    assert reviews(book)[0].override.score == 0.5
    assert save_review(book, review(decision(score=0.1, by='ben'), version=1)).version == 2


def test_withdrawing_keeps_the_version_count(book):
    save_review(book, review(decision()))
    withdrawn = save_review(book, review(None, version=1))
    assert withdrawn.version == 2 and reviews(book) == [withdrawn]
    with pytest.raises(StaleReview):
        save_review(book, review(decision(), version=0))
    assert save_review(book, review(decision(), version=2)).version == 3


def test_every_write_is_logged(book):
    save_review(book, review(decision()))
    save_review(book, review(None, version=1))
    log = book._db.execute('SELECT by, version FROM review_log ORDER BY version').fetchall()
    assert log == [('ana', 1), ('', 2)]


def test_decisions_are_apart_from_graded_results_and_survive_reopening(tmp_path):
    with Gradebook(tmp_path / GRADEBOOK_FILE) as book:
        save_review(book, review(decision()))
    with Gradebook(tmp_path / GRADEBOOK_FILE) as book:
        assert [r.override.by for r in reviews(book)] == ['ana']
        assert book.count() == 0


def test_the_last_run_and_its_cells_are_kept(book):
    result = SubmissionResult('alice', 'conv_numpy', 'a.ipynb', 'graded', 1.0, 2.0,
                              (CheckResult('f', 'pass', 1.0, 1.0, 'ok'),), sha256='ab', seconds=3.5)
    keep_current(book, [result], 'ko', [Skipped('x.txt', 'not a notebook')], {'ab': ['x = 1']})
    keep_current(book, [result, result], 'ko', [], {'ab': ['ignored: first kept']})
    results, run = current(book)
    assert results == [result, result] and run == {'lang': 'ko', 'skipped': []}
    assert notebook_cells(book, 'ab') == ['x = 1'] and notebook_cells(book, 'cd') is None
