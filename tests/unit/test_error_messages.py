"""Errors and usage errors speak the user's language (grader/errors.py, grader/messages):
the English message is unchanged, `text("ko")` is the catalogue's Korean sentence."""
from grader.cli import main
from grader.errors import (ClusterMismatch, PathNotFound, SchedulerUnreachable, UndeterminedAssignment,
                           UnknownAssignment, UsageError)
from grader.messages import say


def test_errors_keep_their_english_message_and_say_it_in_korean():
    errors = [PathNotFound('subs'), UnknownAssignment('x', ['b', 'a']), SchedulerUnreachable('tcp://h:1', 'timeout'),
              ClusterMismatch('w1', 'runs 0.2'), UndeterminedAssignment('a.ipynb'), UsageError.of('error.memory')]
    assert errors[0].message == 'no such file or folder: subs'
    assert errors[1].message == "unknown assignment 'x'; known: a, b"
    for error in errors:
        assert error.text('en') == error.message
        assert error.text('ko') != error.message and error.text('ko') == say(error.key, 'ko', **error.values)


def test_a_plain_error_is_said_as_it_is():
    assert UsageError('as given').text('ko') == 'as given'


def test_grade_usage_errors_follow_lang(tmp_path, capsys):
    assert main([str(tmp_path), '--workers', '0', '--lang', 'ko', '--out', str(tmp_path / 'o')]) == 2
    err = capsys.readouterr().err
    assert err.strip() == say('error.usage', 'ko', prog='grade', message=say('error.workers', 'ko', workers=0))
    assert main([str(tmp_path / 'nowhere'), '--lang=ko', '--out', str(tmp_path / 'o')]) == 2
    assert say('error.path_not_found', 'ko', path=tmp_path / 'nowhere') in capsys.readouterr().err
