"""Unit tests of grader/review/apply.py and the review parts of results.py/rubric.py: final
points with decisions applied, manual items, the re-check flag, and the JSON round trip."""
import pytest

from grader.errors import RubricError
from grader.results import CheckResult, ManualResult, Override, SubmissionResult
from grader.review.apply import apply_decisions, submitted_cells
from grader.rubric import Manual, load_all, load_assignment
from grader.store import Review

CHECKS = (CheckResult('f/one', 'fail', 0.0, 1.0, 'differs'), CheckResult('f/two', 'pass', 1.0, 1.0, 'ok'))
RESULT = SubmissionResult('alice', 'toy', 'alice/toy.ipynb', 'graded', 1.0, 2.0, CHECKS)
EXPLAINS = Manual('explains', 2.0, 'explains the model in comments')


def kept(kind, item, score, auto_status=None, auto_score=None, comment='why'):
    return {(kind, item): Review('alice/toy.ipynb', 'toy', kind, item,
                                 Override(score, comment, 'ana', '2026-12-04T10:00:00Z', auto_status, auto_score), 1)}


def test_without_decisions_the_result_is_unchanged_but_manual_items_need_review():
    final = apply_decisions(RESULT, {}, [EXPLAINS])
    assert final.score == 1.0 and final.max_score == 4.0 and final.auto_score is None
    assert final.manual == (ManualResult('explains', 'explains the model in comments', 2.0),)
    assert final.manual[0].needs_review and final.checks == CHECKS


def test_a_check_override_replaces_its_points_and_says_so():
    final = apply_decisions(RESULT, kept('check', 'f/one', 0.5, 'fail', 0.0), [])
    assert final.checks[0].score == 0.5 and final.checks[0].status == 'fail'
    assert final.checks[0].override.by == 'ana' and not final.checks[0].override.recheck
    assert final.score == 1.5 and final.auto_score == 1.0


def test_override_points_stay_within_the_checks_maximum():
    assert apply_decisions(RESULT, kept('check', 'f/one', 7.0, 'fail', 0.0), []).checks[0].score == 1.0


def test_a_changed_automatic_verdict_flags_the_override_and_keeps_it():
    final = apply_decisions(RESULT, kept('check', 'f/two', 0.5, 'fail', 0.0), [])  # decided on a fail
    assert final.checks[1].override.recheck and final.checks[1].score == 0.5


def test_a_comment_alone_keeps_the_automatic_points():
    final = apply_decisions(RESULT, kept('check', 'f/one', None, 'fail', 0.0, comment='see cell 3'), [])
    assert final.checks[0].score == 0.0 and final.checks[0].override.comment == 'see cell 3'
    assert final.score == 1.0 and final.auto_score is None


def test_manual_points_and_the_adjustment_count_in_the_total():
    decisions = kept('manual', 'explains', 1.5) | kept('submission', '', -0.5, 'graded', 1.0)
    final = apply_decisions(RESULT, decisions, [EXPLAINS])
    assert final.manual[0].score == 1.5 and not final.manual[0].needs_review
    assert final.score == 2.0 and final.max_score == 4.0 and final.auto_score == 1.0
    assert not final.review.recheck


def test_the_total_never_goes_below_zero():
    assert apply_decisions(RESULT, kept('submission', '', -2.0, 'graded', 1.0), []).score == 0.0


def test_decisions_round_trip_through_results_json():
    final = apply_decisions(RESULT, kept('check', 'f/one', 0.5, 'fail', 0.0) | kept('manual', 'explains', 2.0),
                            [EXPLAINS])
    assert SubmissionResult.from_json(final.to_json()) == final
    assert 'override' not in RESULT.to_json()['checks'][0] and 'manual' not in RESULT.to_json()


def test_cells_are_shown_as_submitted():
    notebook = b'{"cells": [{"cell_type": "code", "source": ["from grader import check\\n", "check()"]},' \
               b' {"cell_type": "markdown", "source": "# hi"}], "nbformat": 4}'
    assert submitted_cells(notebook) == ['from grader import check\ncheck()']
    assert submitted_cells(b'not json') == []


def test_alexnet_model_declares_its_manual_item():
    (item,) = load_all()['alexnet_model'].manual
    assert item.name == 'explains_model' and item.points == 1.0 and 'comments' in item.description


RUBRIC = '''
[assignment]
name = "toy"
template = "toy.ipynb"
reference = "conv_numpy/reference.py"

[[graded]]
name = "f"
kind = "variable"
points = 1.0
'''


@pytest.mark.parametrize('manual, error', [
    ('[[manual]]\nname = "f"\npoints = 1\ndescription = "d"', 'taken'),
    ('[[manual]]\nname = "m"\npoints = 0\ndescription = "d"', 'positive'),
    ('[[manual]]\nname = "m"\npoints = 1', 'description'),
    ('manual = 3', 'array of tables')])
def test_broken_manual_items_are_rubric_errors(tmp_path, manual, error):
    text = RUBRIC + manual if manual.startswith('[[') else manual + '\n' + RUBRIC  # a top-level key first
    (tmp_path / 'rubric.toml').write_text(text)
    with pytest.raises(RubricError, match=error):
        load_assignment(tmp_path, 'solutions')


def test_grades_csv_and_gradescope_show_final_points_and_say_a_ta_changed_them():
    import csv
    import io

    from grader.export import grades_csv, gradescope_document

    final = apply_decisions(RESULT, kept('check', 'f/one', 0.5, 'fail', 0.0) | kept('manual', 'explains', 2.0),
                            [EXPLAINS])
    other = SubmissionResult('bob', 'toy', 'bob/toy.ipynb', 'graded', 2.0, 2.0, CHECKS)
    rows = list(csv.reader(io.StringIO(grades_csv([final, other]))))
    assert rows == [['student', 'toy', 'total', 'changed_by_ta'], ['alice', '3.5', '3.5', 'toy'], ['bob', '2', '2', '']]
    assert grades_csv([other]).splitlines()[0] == 'student,toy,total'  # unchanged without decisions
    document = gradescope_document(final)
    assert document['score'] == 3.5
    assert document['tests'][0]['score'] == 0.5 and 'Reviewed by ana (automatic points: 0): why' in document['tests'][0]['output']
    assert document['tests'][2] | {'output': ''} == {'name': 'explains (scored by hand)', 'score': 2.0, 'max_score': 2.0,
                                                    'status': 'passed', 'output': '', 'visibility': 'visible'}


def test_decisions_follow_a_notebook_whose_class_folder_was_moved_or_downloaded_again(tmp_path):
    # decisions are kept by (path, assignment): grading the same class from another folder (a new
    # LMS download "submissions (1)/", an absolute path instead of a relative one) dropped every
    # TA decision silently, the students' grades back to the automatic ones
    from grader.review.apply import apply_all
    from grader.store import Gradebook, GradeKey, save_review

    def result(student, path, sha):
        return SubmissionResult(student, 'toy', path, 'graded', 1.0, 2.0, CHECKS, sha256=sha)

    with Gradebook(tmp_path / 'gradebook.sqlite') as book:
        for student, sha in (('alice', 'a' * 64), ('bob', 'a' * 64), ('carol', 'c' * 64)):
            old = result(student, f'old/{student}/toy.ipynb', sha)
            book.record(GradeKey(old.path, sha, 'toy', 'r', 'v', 1), old)
        save_review(book, Review('old/alice/toy.ipynb', 'toy', 'check', 'f/one',
                                 Override(1.0, 'right idea', 'ana', '2026-12-04T10:00:00Z', 'fail', 0.0), 0))
        save_review(book, Review('old/carol/toy.ipynb', 'toy', 'submission', '',
                                 Override(-1.0, 'late by hand', 'ana', '2026-12-04T10:00:00Z', 'graded', 1.0), 0))
        moved = [result('alice', 'new/alice/toy.ipynb', 'a' * 64), result('bob', 'new/bob/toy.ipynb', 'a' * 64),
                 result('carol', 'new/carol/toy.ipynb', 'x' * 64)]  # carol handed in another notebook since
        alice, bob, carol = apply_all(book, moved, {})
        assert alice.score == 2.0 and alice.checks[0].override.comment == 'right idea'
        assert bob.score == 1.0 and bob.checks[0].override is None  # the same bytes, another student
        assert carol.score == 1.0 and carol.review is None  # a decision on other bytes is not carried
        save_review(book, Review('new/alice/toy.ipynb', 'toy', 'submission', '',
                                 Override(0.5, 'bonus', 'ana', '2026-12-05T10:00:00Z', 'graded', 1.0), 0))
        alice, = apply_all(book, moved[:1], {})  # a decision made after the move adds to the carried ones
        assert alice.score == 2.5 and alice.checks[0].override.comment == 'right idea'
        import unicodedata  # a gradebook from before names were NFC: 김철수 kept decomposed
        nfd = unicodedata.normalize('NFD', '김철수')
        book.record(GradeKey(f'old/{nfd}/toy.ipynb', 'k' * 64, 'toy', 'r', 'v', 1), result(nfd, f'old/{nfd}/toy.ipynb', 'k' * 64))
        save_review(book, Review(f'old/{nfd}/toy.ipynb', 'toy', 'submission', '',
                                 Override(1.0, 'kept', 'ana', '2026-12-04T10:00:00Z', 'graded', 1.0), 0))
        kim, = apply_all(book, [result('김철수', 'old/김철수/toy.ipynb', 'k' * 64)], {})
        assert kim.score == 2.0 and kim.review.comment == 'kept'
