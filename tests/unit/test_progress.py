"""Unit tests of grader/progress.py: counts, time left, and how lines are drawn."""
import io

from grader.progress import Progress, clock, result_line
from grader.results import CheckResult, SubmissionResult


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


class Terminal(io.StringIO):
    def isatty(self):
        return True


def result(student='alice', status='graded', score=10.0):
    checks = (CheckResult('conv_forward_naive/pad0', 'pass' if score == 10 else 'fail', score, 10.0, 'differs'),)
    return SubmissionResult(student, 'conv_numpy', f'{student}.ipynb', status, score, 10.0,
                            checks=checks if status == 'graded' else (), message=None if status == 'graded' else 'bad')


def test_clock():
    assert [clock(s) for s in (0, 42, 65, 3600 + 62)] == ['0:00', '0:42', '1:05', '1:01:02']


def test_time_left_follows_the_pace_of_graded_submissions():
    now = Clock()
    progress = Progress(4, io.StringIO(), now)
    assert progress.eta() is None
    now.t += 10
    progress.update(result(), reused=False)
    assert progress.eta() == 30.0


def test_reused_results_do_not_count_for_the_pace():
    now = Clock()
    progress = Progress(4, io.StringIO(), now)
    progress.update(result(), reused=True)
    progress.update(result(), reused=True)
    assert progress.eta() is None
    now.t += 5
    progress.update(result(), reused=False)
    assert progress.eta() == 5.0


def test_a_log_gets_one_line_per_submission_with_the_counts():
    stream, now = io.StringIO(), Clock()
    progress = Progress(2, stream, now)
    progress.start()
    now.t += 3
    progress.update(result('bob', status='error'), reused=False)
    progress.update(result('carol', score=5.0), reused=True)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith('[1/2, 1 error, 0:03 left] bob') and 'ERROR  bad' in lines[0]
    assert lines[1].startswith('[2/2, 1 error, all done] carol') and lines[1].endswith('(gradebook)')
    assert '\r' not in stream.getvalue()


def test_a_terminal_gets_a_bar_redrawn_under_the_lines():
    stream = Terminal()
    progress = Progress(2, stream, Clock())
    progress.start()
    progress.update(result('bob'), reused=False)
    text = stream.getvalue()
    assert text.startswith('[........................] 0/2')
    assert '\r\x1b[Kbob' in text and text.endswith('[############............] 1/2, 0 errors, 0:00 left')


def test_result_line_names_the_first_problem():
    line = result_line(result('dave', score=2.5))
    assert 'dave' in line and '2.50 / 10' in line and 'first problem: conv_forward_naive/pad0: differs' in line


def test_progress_speaks_korean_when_asked():
    now = Clock()
    progress = Progress(2, io.StringIO(), now, lang='ko')
    assert progress.status(bar=False) == '0/2, 오류 0개, 남은 시간 알 수 없음'
    now.t += 10
    progress.update(result('bo', status='error'), reused=False)
    assert progress.status(bar=False) == '1/2, 오류 1개, 0:10 남음'
    assert '오류  bad' in result_line(result('bo', status='error'), 'ko')
    assert '첫 번째 문제: conv_forward_naive/pad0: differs' in result_line(result('dave', score=2.5), 'ko')


def test_control_characters_of_a_name_or_a_message_cannot_drive_the_ta_s_terminal():
    # a folder (or zip member) named "\x1b]0;...\x07\x1b[2J" or an exception message with escapes
    # was printed raw: it cleared the TA's screen, retitled it, hid lines; a newline broke the line
    evil = 'kim\x1b[2J\x1b]0;owned\x07\nfake 10.00 / 10\r\x9b1m'
    graded = SubmissionResult(evil, 'conv_numpy', 'x.ipynb', 'graded', 0.0, 10.0,
                              checks=(CheckResult('c', 'fail', 0.0, 10.0, 'raised ValueError: \x1b[8mhidden\n'),))
    failed = SubmissionResult(evil, 'conv_numpy', 'x.ipynb', 'error', 0.0, 10.0, message='bad\x1b[1A\x1b[K')
    for line in (result_line(graded), result_line(failed)):
        assert not any(ord(ch) < 32 or 0x7f <= ord(ch) < 0xa0 for ch in line), repr(line)
        assert 'kim\\u001b[2J' in line


def test_control_characters_are_shown_not_acted_on():
    from grader.progress import printable
    assert printable("학생 7.50 / 10") == "학생 7.50 / 10"
    assert printable("a\x1b[1Ab\rc\x9b2J\u202ed") == "a\\u001b[1Ab\\u000dc\\u009b2J\\u202ed"
