"""Unit tests of grader/cli.py that need no kernel: usage errors and an empty batch's outputs."""
import json

from grader.cli import main


def test_no_workers_is_a_usage_error(tmp_path, capsys):
    assert main([str(tmp_path), '--workers', '0', '--out', str(tmp_path / 'out')]) == 2
    assert '--workers must be 1 or more' in capsys.readouterr().err


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr('grader.cluster.CONNECT_TIMEOUT', 1)
    (tmp_path / 'alice').mkdir()
    (tmp_path / 'alice' / 'conv_numpy.ipynb').write_text('{}')
    assert main([str(tmp_path), '--scheduler', 'tcp://127.0.0.1:9', '--out', str(tmp_path / 'out')]) == 2
    err = capsys.readouterr().err
    assert 'the Dask scheduler tcp://127.0.0.1:9 cannot be used' in err and 'Traceback' not in err


def test_a_given_seed_leaves_the_folders_secret_alone(tmp_path, capsys):
    (tmp_path / 'subs').mkdir()
    assert main([str(tmp_path / 'subs'), '--out', str(tmp_path / 'out'), '--seed', '3']) == 0
    assert [p.name for p in (tmp_path / 'out').iterdir() if p.name.startswith('secret')] == []


def test_a_weak_level_for_a_dask_batch_needs_consent(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr('grader.cluster.CONNECT_TIMEOUT', 1)
    for student in ('alice', 'bob'):
        (tmp_path / student).mkdir()
        (tmp_path / student / 'conv_numpy.ipynb').write_text('{}')
    args = [str(tmp_path), '--scheduler', 'tcp://127.0.0.1:9', '--out', str(tmp_path / 'out'), '--isolation', 'limits']
    assert main(args) == 2
    assert '--isolation limits is weak isolation; pass --allow-weak-isolation' in capsys.readouterr().err
    assert main(args + ['--allow-weak-isolation']) == 2  # consented: on to the (unreachable) scheduler
    assert 'the Dask scheduler tcp://127.0.0.1:9 cannot be used' in capsys.readouterr().err


def test_an_empty_batch_writes_every_output(tmp_path, capsys):
    (tmp_path / 'subs').mkdir()
    (tmp_path / 'subs' / 'readme.md').write_text('hello')
    out = tmp_path / 'out'
    assert main([str(tmp_path / 'subs'), '--out', str(out)]) == 0
    assert {p.name for p in out.iterdir()} >= {'results.json', 'grades.csv', 'index.html', 'gradebook.sqlite', 'secret.key'}
    assert (out / 'secret.key').stat().st_mode & 0o777 == 0o600
    assert json.loads((out / 'results.json').read_text())['skipped'][0]['reason'] == 'not a notebook'
    assert 'done: 0 notebook(s), 0 graded now and 0 from the gradebook' in capsys.readouterr().out


def test_check_summary_gives_each_graded_name_its_points_passes_and_problems_once(tmp_path):
    from grader.cli import check_summary
    from grader.results import CheckResult, SubmissionResult
    checks = (CheckResult("f/a", "pass", 1, 1, "ok"), CheckResult("f/b", "fail", 0, 1, "`dx` has shape (1,), expected (2,)"),
              CheckResult("g", "error", 0, 1, "`g` is not defined in the notebook"))
    result = SubmissionResult("ann", "conv_numpy", "x.ipynb", "graded", 1.0, 3.0, checks)
    text = check_summary(result, tmp_path / "ann.html")
    assert "conv_numpy: 1.00 / 3" in text
    assert "  f                           1.00 / 2     1/2 pass" in text.splitlines()
    assert "    Fail — 1 of 2 cases (b)" in text.splitlines()
    assert "      `dx` has shape (1,), expected (2,)" in text.splitlines()
    assert "  g                           0.00 / 1     0/1 pass" in text.splitlines()
    assert "    Error — its only case" in text.splitlines()
    assert str(tmp_path / "ann.html") in text


def test_check_summary_speaks_korean_when_asked(tmp_path):
    from grader.cli import check_summary
    from grader.results import CheckResult, SubmissionResult
    checks = (CheckResult("f/a", "pass", 1, 1, "ok"), CheckResult("f/b", "fail", 0, 1, "틀림"))
    result = SubmissionResult("ann", "conv_numpy", "x.ipynb", "graded", 1.0, 2.0, checks)
    text = check_summary(result, tmp_path / "ann.html", "ko")
    assert "  f                           1.00 / 2     2개 중 1개 통과" in text.splitlines()
    assert "    실패 — 케이스 2개 중 1개 (b)" in text.splitlines()
    assert "      틀림" in text.splitlines() and f"보고서: {tmp_path / 'ann.html'}" in text
    assert "pass" not in text and "report" not in text
    broken = SubmissionResult("bo", "conv_numpy", "y.ipynb", "error", 0.0, 2.0, message="읽을 수 없음")
    assert check_summary(broken, tmp_path / "bo.html", "ko").startswith("채점할 수 없습니다: 읽을 수 없음")


def test_an_empty_batch_says_done_in_korean(tmp_path, capsys):
    (tmp_path / 'subs').mkdir()
    assert main([str(tmp_path / 'subs'), '--out', str(tmp_path / 'out'), '--seed', '3', '--lang', 'ko']) == 0
    out = capsys.readouterr().out
    assert '노트북 0개 채점 시작:' in out and '시드' not in out and '완료: 노트북 0개, 이번에 채점 0개' in out and 'done:' not in out


def test_class_files_that_cannot_be_used_are_usage_errors(tmp_path, capsys):
    (tmp_path / 'subs').mkdir()
    (tmp_path / 'roster.csv').write_text('name\nKim\n', encoding='utf-8')
    (tmp_path / 'course.toml').write_text('count = "first"\n', encoding='utf-8')
    out = ['--out', str(tmp_path / 'out')]
    assert main([str(tmp_path / 'subs'), '--roster', str(tmp_path / 'roster.csv'), *out]) == 2
    assert 'has none of the columns id, email, login, github, sid' in capsys.readouterr().err
    assert main([str(tmp_path / 'subs'), '--course', str(tmp_path / 'course.toml'), *out]) == 2
    assert 'count must be "latest" or "best"' in capsys.readouterr().err
    assert main([str(tmp_path / 'subs'), '--lms-gradebook', str(tmp_path / 'none.csv'), *out]) == 2
    assert 'no such file or folder' in capsys.readouterr().err
    (tmp_path / 'marks.csv').write_text('name,mark\nKim,3\n', encoding='utf-8')
    assert main([str(tmp_path / 'subs'), '--lms-gradebook', str(tmp_path / 'marks.csv'), *out]) == 2
    assert 'is neither a Canvas gradebook export' in capsys.readouterr().err


def test_an_empty_batch_with_a_roster_lists_everyone_as_missing(tmp_path, capsys):
    (tmp_path / 'subs').mkdir()
    (tmp_path / 'roster.csv').write_text('id,name,email\nb,Kim,k@u.kr\na,Lee,l@u.kr\n', encoding='utf-8')
    (tmp_path / 'course.toml').write_text('[assignments.conv_numpy]\ndeadline = 2026-03-15T23:59:00+09:00\n',
                                          encoding='utf-8')
    assert main([str(tmp_path / 'subs'), '--out', str(tmp_path / 'out'), '--seed', '3', '--roster',
                 str(tmp_path / 'roster.csv'), '--course', str(tmp_path / 'course.toml')]) == 0
    assert (tmp_path / 'out' / 'grades.csv').read_text() == (
        'student,name,email,conv_numpy,total,missing\nb,Kim,k@u.kr,0,0,conv_numpy\na,Lee,l@u.kr,0,0,conv_numpy\n')
    assert (tmp_path / 'out' / 'submissions.csv').read_text().splitlines() == [
        'student,assignment,path,submitted_at,time_source,late_days,raw,penalty,final,counted']
