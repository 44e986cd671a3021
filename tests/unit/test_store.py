"""Unit tests of grader/store.py: results kept under their full key, one transaction each,
readable by a second connection at once, and a damaged file is a usage error."""
import dataclasses
import shutil
import sqlite3

from pathlib import Path

import pytest

import grader
from grader import __version__, sandbox
from grader.discover import Submission
from grader.errors import UsageError
from grader.results import CellSummary, CheckResult, SubmissionResult
from grader.rubric import load_all
from grader.store import (GRADEBOOK_FILE, GradeKey, Gradebook, code_digest, environment_of, grader_version, key_of,
                          rubric_hash)

ASSIGNMENTS = load_all()
KEY = GradeKey('subs/alice/conv_numpy.ipynb', 'ab' * 32, 'conv_numpy', 'cd' * 32, '0.1.0', 7)


def result(student='alice', score=7.5, seconds=12.5):
    check = CheckResult(id='conv_forward_naive/pad0', status='fail', score=0.0, max_score=0.5,
                        message='`out` differs', hint='no bias', details={'layers': {'first_diff': 2}})
    return SubmissionResult(student=student, assignment='conv_numpy', path=KEY.path, status='graded',
                            score=score, max_score=10.0, checks=(check,), sha256=KEY.sha256,
                            cells=(CellSummary(1, 'error', 'ValueError', 'bad'),), seconds=seconds)


@pytest.fixture
def book(tmp_path):
    with Gradebook(tmp_path / GRADEBOOK_FILE) as gradebook:
        yield gradebook


def test_a_recorded_result_is_found_under_its_key(book):
    book.record(KEY, result())
    assert book.lookup(KEY) == result()


@pytest.mark.parametrize('field, value', [('path', 'subs/bob/conv_numpy.ipynb'), ('sha256', 'ef' * 32),
                                          ('assignment', 'alexnet_params'), ('rubric_sha256', '00' * 32),
                                          ('grader_version', '9.9.9'), ('seed', 8)])
def test_any_other_key_finds_nothing(book, field, value):
    book.record(KEY, result())
    assert book.lookup(dataclasses.replace(KEY, **{field: value})) is None


def test_recording_again_replaces(book):
    book.record(KEY, result(score=1.0))
    book.record(KEY, result(score=9.0))
    assert book.lookup(KEY).score == 9.0
    assert book.count() == 1


def test_a_record_is_committed_at_once(tmp_path, book):
    book.record(KEY, result())
    other = sqlite3.connect(tmp_path / GRADEBOOK_FILE)
    assert other.execute('SELECT student, score, seconds FROM graded').fetchall() == [('alice', 7.5, 12.5)]
    other.close()


def test_the_gradebook_is_in_wal_mode(tmp_path, book):
    assert book._db.execute('PRAGMA journal_mode').fetchone()[0] == 'wal'


def test_results_survive_reopening(tmp_path):
    with Gradebook(tmp_path / GRADEBOOK_FILE) as book:
        book.record(KEY, result())
    with Gradebook(tmp_path / GRADEBOOK_FILE) as book:
        assert book.lookup(KEY) == result()


def test_a_file_that_is_not_a_database_is_a_usage_error(tmp_path):
    path = tmp_path / GRADEBOOK_FILE
    path.write_bytes(b'this is not sqlite' * 100)
    with pytest.raises(UsageError, match='not a gradebook'):
        Gradebook(path)


def test_a_gradebook_of_another_format_is_a_usage_error(tmp_path):
    path = tmp_path / GRADEBOOK_FILE
    db = sqlite3.connect(path)
    db.execute('PRAGMA user_version = 99')
    db.close()
    with pytest.raises(UsageError, match='format 99'):
        Gradebook(path)


def test_key_of_a_submission():
    sub = Submission('alice', 'subs/alice/conv_numpy.ipynb', b'{}', 'ab' * 32, 'conv_numpy')
    key = key_of(sub, ASSIGNMENTS, 5)
    assert key == GradeKey(sub.path, sub.sha256, 'conv_numpy', rubric_hash(ASSIGNMENTS['conv_numpy']),
                           grader_version(), 5)
    assert grader_version().startswith(__version__ + '+')
    unknown = key_of(dataclasses.replace(sub, assignment=None), ASSIGNMENTS, 5)
    assert unknown.assignment == '' and unknown.rubric_sha256 == ''


def test_rubric_hash_covers_time_limits_and_reference(tmp_path):
    conv = ASSIGNMENTS['conv_numpy']
    assert rubric_hash(conv) == rubric_hash(conv)
    assert rubric_hash(dataclasses.replace(conv, cell_timeout=5.0)) != rubric_hash(conv)
    assert rubric_hash(dataclasses.replace(conv, rubric_sha256='0' * 64)) != rubric_hash(conv)
    other = tmp_path / 'reference.py'
    other.write_text('# another reference\n')
    assert rubric_hash(dataclasses.replace(conv, reference=other)) != rubric_hash(conv)


# ---- the key covers everything that can change a verdict (issue 12, finding 2) ----

def test_rubric_hash_covers_the_known_mistakes_and_the_lock(tmp_path):
    conv = ASSIGNMENTS['conv_numpy']
    mistakes = tmp_path / 'mistakes.py'
    mistakes.write_text('# fixed variant\n')
    assert conv.mistakes is not None
    assert rubric_hash(dataclasses.replace(conv, mistakes=mistakes)) != rubric_hash(conv)
    assert rubric_hash(dataclasses.replace(conv, lock=mistakes)) != rubric_hash(conv)


def test_the_code_digest_changes_with_any_file_of_the_grader(tmp_path):
    package = Path(grader.__file__).parent
    copy = tmp_path / 'grader'
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns('__pycache__'))
    assert code_digest(copy) == code_digest(package)
    target = copy / 'compare.py'
    target.write_text(target.read_text() + '\n# a fix\n')
    assert code_digest(copy) != code_digest(package)


def test_the_version_covers_language_limits_and_isolation():
    weak = sandbox.Sandbox('limits', sandbox.Limits())
    strong = sandbox.Sandbox('bubblewrap', sandbox.Limits())
    small = sandbox.Sandbox('bubblewrap', sandbox.Limits(memory_bytes=2 * sandbox.GIB))
    versions = {grader_version(), grader_version('ko'), grader_version('en', environment_of(weak)),
                grader_version('en', environment_of(strong)), grader_version('en', environment_of(small))}
    assert len(versions) == 5


def test_a_gradebook_whose_tables_lack_columns_is_a_usage_error(tmp_path):
    # a gradebook of an older grader (or another tool's sqlite file with a `graded` table) at
    # format 0: the first lookup crashed with "sqlite3.OperationalError: no such column: seconds"
    import sqlite3
    path = tmp_path / 'gradebook.sqlite'
    with sqlite3.connect(path) as db:
        db.execute('CREATE TABLE graded (path TEXT, sha256 TEXT, assignment TEXT, result TEXT)')
    with pytest.raises(UsageError, match='graded'):
        Gradebook(path)


def test_a_gradebook_locked_by_another_program_is_said_in_use_never_unreadable(tmp_path, monkeypatch):
    # a DB browser (or a second tool) holding the gradebook locked: the message said "not a
    # gradebook this grader can read; delete it" -- deleting it loses every grade and TA decision
    import grader.store as store
    monkeypatch.setattr(store, 'LOCK_TIMEOUT', 0.5, raising=False)
    path = tmp_path / 'gradebook.sqlite'
    Gradebook(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute('PRAGMA journal_mode=DELETE')
    holder.execute('BEGIN EXCLUSIVE')
    try:
        with pytest.raises(UsageError) as caught:
            Gradebook(path)
    finally:
        holder.execute('ROLLBACK')
        holder.close()
    assert 'in use by another program' in caught.value.message and 'delete' not in caught.value.message


def test_a_damaged_gradebook_is_named_damaged_when_opened_not_a_traceback_at_the_first_lookup(tmp_path):
    # a gradebook whose pages were damaged (a crash of the disk, a bad copy) opened fine and the
    # first lookup crashed the run: "sqlite3.DatabaseError: database disk image is malformed"
    path = tmp_path / 'gradebook.sqlite'
    with Gradebook(path) as book:
        for n in range(40):
            book.record(dataclasses.replace(KEY, path=f'p{n}'), result())
    with sqlite3.connect(path) as db:
        db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
        db.execute('PRAGMA journal_mode=DELETE')
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096:page * 4096 + 16] = b'\xff' * 16
    path.write_bytes(bytes(data))
    with pytest.raises(UsageError) as caught:
        Gradebook(path)
    assert 'is damaged' in caught.value.message and 'sqlite3' in caught.value.message


def test_a_gradebook_of_a_newer_grader_is_never_said_deletable(tmp_path):
    # a gradebook a newer grader made (a colleague's upgrade on a shared folder): "delete it or
    # choose another --out" -- deleting it loses every grade and TA decision of that course
    path = tmp_path / GRADEBOOK_FILE
    db = sqlite3.connect(path)
    db.execute('PRAGMA user_version = 99')
    db.close()
    with pytest.raises(UsageError) as caught:
        Gradebook(path)
    assert 'newer grader' in caught.value.message and 'delete' not in caught.value.message
    assert 'format 99' in caught.value.message
