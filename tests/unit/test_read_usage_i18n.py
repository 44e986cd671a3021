"""Unit tests of the last sentences moved to grader/messages: why a notebook cannot be read
(the student reads it on the page, in the page's language), the usage errors of `grade review`
and `grade similar` and argparse's own refusals, the reasons a kernel's output or a found file is
refused, a grader fault, a stale review, the Keras parameter count's read-back reason and
Gradescope's results.json, in English and Korean."""
import json

import pytest

from grader import cli
from grader.checks import keras, plan_assignment
from grader.discover import discover
from grader.errors import UnreadableNotebook
from grader.notebook import code_sources
from grader.paths import ASSIGNMENTS_DIR
from grader.probe import ProbeOutcome
from grader.rubric import load_all, load_assignment


def unreadable(data: bytes) -> UnreadableNotebook:
    with pytest.raises(UnreadableNotebook) as info:
        code_sources(data)
    return info.value


@pytest.mark.parametrize("data, en, ko", [
    (b"  \n", "the file is empty", "파일이 비어 있습니다"),
    (b"[1, 2, 3]", "the file is JSON but not a notebook (a list without nbformat)",
     "파일은 JSON이지만 노트북이 아닙니다 (nbformat이 없는 list)"),
], ids=["empty", "json_list"])
def test_why_a_notebook_cannot_be_read_is_said_in_both_languages(data, en, ko):
    error = unreadable(data)
    assert error.message == en and error.text("ko") == ko


def test_a_notebook_nbformat_refuses_keeps_nbformats_reason_in_korean():
    error = unreadable(b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": 3}')
    en, ko = "the notebook cannot be read by nbformat (", "nbformat이 이 노트북을 읽을 수 없습니다 ("
    assert error.message.startswith(en) and error.text("ko").startswith(ko)
    assert error.message[len(en):] == error.text("ko")[len(ko):]


def test_invalid_json_keeps_its_reason_in_korean():
    error = unreadable(b"{not json")
    assert error.message.startswith("the file is not valid JSON (JSONDecodeError: ")
    assert error.text("ko").startswith("파일이 올바른 JSON이 아닙니다 (JSONDecodeError: ")


def test_a_notebook_changed_after_discovery_is_said_in_korean(tmp_path):
    path = tmp_path / "alice.ipynb"
    path.write_text('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}')
    (submission,), _ = discover([str(path)], load_all(), "conv_numpy")
    path.write_text('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [], "x": 1}')
    with pytest.raises(UnreadableNotebook) as info:
        submission.read()
    assert info.value.message == "the file changed after the batch found it; grade it again"
    assert info.value.text("ko") == "채점 중에 파일이 바뀌었습니다. 다시 채점하세요"


def test_a_keras_parameter_count_that_is_no_integer_is_said_in_korean():
    model = load_assignment(ASSIGNMENTS_DIR / "alexnet_model", "solutions")
    plan = next(p for p in plan_assignment(model, 5) if p.check_id == "keras_param_count")
    outcome = ProbeOutcome("ok", {}, {"kind": "ok", "value": "62378344", "model": "model"})
    assert keras.judge(plan, outcome, "ko").message == (
        "`keras_param_count`이(가) 반환한 값을 일반 데이터로 받을 수 없습니다: 읽어 온 파라미터 수가 정수가 아닙니다")
    assert keras.judge(plan, outcome, "en").message == ("what `keras_param_count` returned could not be accepted "
                                                        "as plain data: the parameter count read back is not an integer")


def test_grade_similar_usage_errors_are_korean_when_asked(tmp_path, capsys):
    (tmp_path / "class").mkdir()
    (tmp_path / "notes.txt").write_text("not a notebook")
    argv = ["similar", str(tmp_path / "class"), "--out", str(tmp_path / "out"), "--lang", "ko"]
    assert cli.main(argv + ["--similarity-threshold", "0"]) == 2
    assert capsys.readouterr().err.strip() == "grade: 오류: --similarity-threshold는 0보다 크고 1 이하여야 합니다 (0.0이(가) 아니라)"
    assert cli.main(argv + ["--template", str(tmp_path / "notes.txt")]) == 2
    assert capsys.readouterr().err.strip() == (f"grade: 오류: --template에는 노트북(.ipynb)을 주세요 "
                                               f"({tmp_path / 'notes.txt'}이(가) 아니라)")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "results.json").write_text(json.dumps({"submissions": [{"student": "x"}]}))
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"grade: 오류: {tmp_path / 'out' / 'results.json'}은(는) 채점기가 쓴 results.json이 아닙니다 (")


def test_grade_review_port_error_is_korean_when_asked(tmp_path, capsys):
    (tmp_path / "subs").mkdir()
    assert cli.main([str(tmp_path / "subs"), "--out", str(tmp_path / "out"), "--lang", "en"]) == 0
    capsys.readouterr()
    assert cli.main(["review", str(tmp_path / "out"), "--port", "70000", "--lang", "ko"]) == 2
    assert capsys.readouterr().err.strip() == "grade: 오류: --port는 0에서 65535 사이여야 합니다 (70000이(가) 아니라)"
    assert cli.main(["review", str(tmp_path / "out"), "--port", "70000", "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == "grade: error: --port must be between 0 and 65535, not 70000"


def test_a_gradescope_document_speaks_the_batchs_language():
    from grader.export import gradescope_document
    from grader.results import CheckResult, ManualResult, Override, SubmissionResult
    ta = Override(score=0.0, comment="다시 보세요", by="ana", at="2026-12-04", auto_status="fail", auto_score=0.5)
    checks = (CheckResult("f/one", "fail", 0.0, 1.0, "`dx`이(가) 다릅니다", hint="패딩 누락", override=ta),)
    result = SubmissionResult("kim", "toy", "kim/toy.ipynb", "graded", 0.0, 3.0, checks,
                              manual=(ManualResult("explains", "comments", 2.0),))
    tests = gradescope_document(result, "ko")["tests"]
    assert tests[0]["output"] == "`dx`이(가) 다릅니다\n예상되는 실수: 패딩 누락\nana이(가) 검토함 (자동 채점 점수: 0.5): 다시 보세요"
    assert tests[1]["name"] == "explains (조교가 직접 채점)" and tests[1]["output"] == "comments\n아직 검토하지 않음"
    english = gradescope_document(result, "en")["tests"]
    assert english[0]["output"] == "`dx`이(가) 다릅니다\nLikely mistake: 패딩 누락\nReviewed by ana (automatic points: 0.5): 다시 보세요"
    assert english[1]["name"] == "explains (scored by hand)" and english[1]["output"] == "comments\nNot reviewed yet"
    broken = SubmissionResult("lee", "toy", "lee/toy.ipynb", "error", 0.0, 3.0, message="파일이 비어 있습니다")
    assert gradescope_document(broken, "ko")["output"] == "노트북을 채점할 수 없습니다: 파일이 비어 있습니다"


def test_a_grader_fault_on_one_notebook_is_said_in_the_batchs_language(capsys):
    from concurrent.futures import Future

    from grader.batch import _collect
    from grader.discover import Submission
    submission = Submission("kim", "kim/conv_numpy.ipynb", b"{}", "0" * 64, "conv_numpy")
    failed = Future()
    failed.set_exception(RuntimeError("boom"))
    korean, english = _collect(failed, submission, "ko"), _collect(failed, submission, "en")
    assert korean.message == "채점기 내부 오류입니다 (RuntimeError: boom). 이 오류를 알려 주세요" and korean.retry
    assert english.message == "internal grader error (RuntimeError: boom); please report it"
    assert "grader fault on kim/conv_numpy.ipynb" in capsys.readouterr().err


def test_a_probe_report_of_an_unknown_kind_is_said_in_korean():
    from grader.compare import problem_verdict
    plan = next(p for p in plan_assignment(load_all()["conv_numpy"], 3) if p.graded.name == "max_pool_backward_naive")
    outcome = ProbeOutcome("forged", {}, {"function": "max_pool_backward_naive"})
    korean, english = problem_verdict(plan, outcome, 60, "ko"), problem_verdict(plan, outcome, 60, "en")
    assert korean.status == english.status == "error"
    assert korean.message == ("`max_pool_backward_naive`이(가) 반환한 값을 일반 데이터로 받을 수 없습니다: "
                              "probe가 'forged'을(를) 보고했습니다")
    assert english.message == ("what `max_pool_backward_naive` returned could not be accepted as plain data: "
                               "the probe reported 'forged'")


def test_skipped_files_and_a_broken_archive_are_said_in_the_pages_language(tmp_path):
    from grader.grade import grade_submission
    from grader.report import render_index, results_document
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "conv_numpy.zip").write_text("not a zip")
    (tmp_path / "readme.md").write_text("hello")
    (tmp_path / "link.ipynb").symlink_to(tmp_path / "readme.md")
    (submission,), skipped = discover([str(tmp_path)], load_all(), "conv_numpy")
    assert submission.problem == "not a readable zip archive (BadZipFile: File is not a zip file)"
    result = grade_submission(submission, load_all(), 1, None, "ko")
    assert (result.status, result.message) == ("error", "읽을 수 있는 zip 압축 파일이 아닙니다 (BadZipFile: File is not a zip file)")
    assert grade_submission(submission, load_all(), 1, None, "en").message == submission.problem
    page = render_index([], skipped, "ko")
    assert f"<code>{tmp_path / 'readme.md'}</code>: 노트북이 아닙니다</li>" in page
    assert (f"<code>{tmp_path / 'link.ipynb'}</code>: 심볼릭 링크입니다 ({tmp_path / 'readme.md'}을(를) 가리킴): "
            "링크는 따라가지 않습니다</li>") in page
    assert "not a notebook" not in page
    reasons = [s["reason"] for s in results_document([], skipped)["skipped"]]
    assert reasons == [f"a symbolic link (to {tmp_path / 'readme.md'}): links are not followed", "not a notebook"]


def test_a_stale_review_write_is_refused_in_both_languages(tmp_path):
    from grader.errors import StaleReview
    from grader.results import Override
    from grader.store import Gradebook, Review, save_review
    ana = Override(0.5, "partial credit", "ana", "2026-12-04T10:00:00Z", "fail", 0.0)
    ben = Override(0.1, "", "ben", "2026-12-04T10:01:00Z", "fail", 0.0)
    with Gradebook(tmp_path / "gradebook.sqlite") as book:
        save_review(book, Review("a/conv_numpy.ipynb", "conv_numpy", "check", "f/one", ana, 0))
        with pytest.raises(StaleReview) as refused:
            save_review(book, Review("a/conv_numpy.ipynb", "conv_numpy", "check", "f/one", ben, 0))
    assert refused.value.message == ("ana changed this since you opened it (now version 1); your change was not "
                                     "saved, the page shows theirs")
    assert refused.value.text("ko") == ("페이지를 연 뒤에 ana이(가) 이 항목을 바꿨습니다 (현재 버전 1). 바꾼 내용은 "
                                        "저장하지 않았고, 페이지에는 그 조교의 결정이 보입니다")


def test_an_output_file_that_is_no_plain_array_is_refused_in_the_students_language(tmp_path):
    import numpy as np

    from grader.compare import problem_verdict
    from grader.readback import UnsafeOutput, read_array
    np.save(tmp_path / "dx.npy", np.array([1, None], dtype=object), allow_pickle=True)
    with pytest.raises(UnsafeOutput) as refused:
        read_array(tmp_path / "dx.npy")
    assert refused.value.message == "dx.npy holds dtype object, not plain numbers"
    plan = next(p for p in plan_assignment(load_all()["conv_numpy"], 3) if p.graded.name == "max_pool_backward_naive")
    outcome = ProbeOutcome("unsafe", {}, {"reason": refused.value.message, "function": "max_pool_backward_naive"})
    assert problem_verdict(plan, outcome, 60, "ko").message == (
        "`max_pool_backward_naive`이(가) 반환한 값을 일반 데이터로 받을 수 없습니다: "
        "dx.npy에는 일반 숫자가 아닌 dtype object이(가) 들어 있습니다")
    assert problem_verdict(plan, outcome, 60, "en").message == (
        "what `max_pool_backward_naive` returned could not be accepted as plain data: "
        "dx.npy holds dtype object, not plain numbers")


@pytest.mark.parametrize("argv, korean, english", [
    (["--workers", "abc"], "grade: 오류: 인자 --workers: 올바른 int 값이 아닙니다: 'abc'",
     "grade: error: argument --workers: invalid int value: 'abc'"),
    (["--isolation", "docker"], "grade: 오류: 인자 --isolation: 고를 수 없는 값입니다: 'docker' "
     "('bubblewrap', 'unshare', 'limits' 중에서 고르세요)",
     "grade: error: argument --isolation: invalid choice: 'docker' (choose from 'bubblewrap', 'unshare', 'limits')"),
    (["--frobnicate"], "grade: 오류: 알 수 없는 인자입니다: --frobnicate", "grade: error: unrecognized arguments: --frobnicate"),
    (["--out"], "grade: 오류: 인자 --out: 값이 하나 있어야 합니다", "grade: error: argument --out: expected one argument"),
], ids=["invalid_int", "invalid_choice", "unrecognized", "no_value"])
def test_argparses_own_refusals_are_usage_errors_in_the_chosen_language(tmp_path, capsys, argv, korean, english):
    for lang, usage, expected in (("ko", "사용법: grade ", korean), ("en", "usage: grade ", english)):
        assert cli.main([str(tmp_path), "--lang", lang] + argv) == 2
        err = capsys.readouterr().err.splitlines()
        assert err[0].startswith(usage) and err[-1] == expected


def test_the_help_of_every_verb_is_in_the_chosen_language(capsys):
    for verb in ([], ["validate"], ["review"], ["similar"]):
        with pytest.raises(SystemExit) as done:
            cli.main(verb + ["--help", "--lang", "ko"])
        assert done.value.code == 0
        korean = capsys.readouterr().out
        assert korean.startswith("사용법: grade") and "\n옵션:\n" in korean and "이 도움말을 보이고 끝냅니다" in korean
        assert not any(w in korean for w in ("usage:", "options:", "show this help", "default:", "language of"))
        with pytest.raises(SystemExit):
            cli.main(verb + ["--help", "--lang", "en"])
        english = capsys.readouterr().out
        assert english.startswith("usage: grade") and "\noptions:\n" in english and "show this help message" in english
    with pytest.raises(SystemExit):
        cli.main(["--help", "--lang", "ko"])
    assert "출력 폴더 (기본값: reports/)" in capsys.readouterr().out


def test_a_missing_argument_of_grade_validate_is_said_in_korean(capsys):
    assert cli.main(["validate", "--lang", "ko"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "grade: 오류: 다음 인자가 필요합니다: folder"


def test_the_class_dashboard_is_in_the_batchs_language():
    from grader.report import assign_pages, render_index
    from grader.results import CheckResult, SubmissionResult
    checks = (CheckResult("f/a", "pass", 1, 1, "ok"), CheckResult("f/b", "fail", 0, 1, "틀림"))
    results = [SubmissionResult("ann", "conv_numpy", "ann.ipynb", "graded", 1.0, 2.0, checks),
               SubmissionResult("bo", "conv_numpy", "bo.ipynb", "error", 0.0, 2.0, message="파일이 비어 있습니다")]
    korean = render_index(assign_pages(results), [], "ko")
    for text in ("<h1>반 대시보드</h1>", "학생 2명의 노트북 2개", "LMS로 가져갈 점수:", "제출물 2개, 1개는 채점할 수 없었음 (0점으로 계산);",
                 "2점 만점에 평균 0.50, 중앙값 0.50; 만점 제출물 0개.", "<figcaption>점수 분포 (2점 만점에 대한 비율)</figcaption>",
                 "<h3>가장 흔한 실패</h3>", "<th>메시지 (예시 하나)</th>", "<h2>학생</h2>", "<th>합계</th>"):
        assert text in korean, text
    for english in ("Class dashboard", "notebooks from", "Grades for an LMS", "could not be graded", "mean ", "Score distribution",
                    "pass rate", "Most common failures", "one example", "<h2>Students</h2>", "<th>total</th>", ">error<"):
        assert english not in korean, english
    page = render_index(assign_pages(results), [], "en")
    assert ("<p>2 submissions, 1 could not be graded (counted as 0);\nmean 0.50, median 0.50 of 2 points; "
            "0 with full marks.</p>") in page
    assert "<h1>Class dashboard</h1>" in page and "<th>message (one example)</th>" in page


def described():
    """What the kernel's harness writes about a tuple, an array and a float (its own functions)."""
    import numpy as np

    from grader.kernel_side.harness import _describe, _describe_value
    return _describe((1, 2, 3)), _describe(np.zeros((2, 3))), _describe_value(3.5)


def test_the_described_values_are_the_harnesss_own_words():
    assert described() == ("a tuple of 3 values", "numpy.ndarray of shape (2, 3)", "a float 3.5")


@pytest.mark.parametrize("kind, detail, korean", [
    ("arity", {"got": "a tuple of 3 values", "expected": ["dx"]},
     "`max_pool_backward_naive`이(가) 값 3개짜리 tuple을(를) 반환했습니다. 튜플 (dx)이어야 합니다"),
    ("type", {"got": "numpy.ndarray of shape (2, 3)", "output": "dx"},
     "`max_pool_backward_naive`이(가) `dx`(으)로 모양이 (2, 3)인 numpy.ndarray을(를) 반환했습니다. "
     "숫자로 된 NumPy 배열이어야 합니다"),
    ("not_integer", {"got": "a float 3.5"}, "`max_pool_backward_naive`이(가) float 값 3.5입니다. 정수 개수여야 합니다"),
], ids=["arity", "type", "not_integer"])
def test_how_the_harness_describes_a_returned_value_is_said_in_korean(kind, detail, korean):
    from grader.compare import problem_verdict
    plan = next(p for p in plan_assignment(load_all()["conv_numpy"], 3) if p.graded.name == "max_pool_backward_naive")
    outcome = ProbeOutcome(kind, {}, detail | {"function": "max_pool_backward_naive"})
    assert problem_verdict(plan, outcome, 60, "ko").message == korean
    assert detail["got"] in problem_verdict(plan, outcome, 60, "en").message


def test_a_submissions_time_source_is_said_in_the_pages_language(tmp_path):
    from datetime import datetime, timedelta, timezone

    from grader import classbook
    from grader.course import Course, LatePolicy
    from grader.discover import Submission
    from grader.layouts import Origin
    from grader.report import write_reports
    from grader.results import SubmissionResult
    deadline = datetime(2026, 3, 15, 23, 59, tzinfo=timezone(timedelta(hours=9)))
    course = Course({"conv_numpy": deadline}, LatePolicy("day", 10))
    subs = [Submission("roe", "s/1.ipynb", b"", "", "conv_numpy", origin=Origin("canvas", "roe", ("7", "roe"), late=True)),
            Submission("kim", "s/2.ipynb", b"", "", "conv_numpy",
                       origin=Origin("plain", "kim", ("kim",), file_time=deadline.timestamp() - 60))]
    results = [SubmissionResult(s.student, "conv_numpy", s.path, "graded", 5.0, 10.0) for s in subs]
    for lang, canvas, file in (("ko", "Canvas의 지각 표시", "파일의 시각"), ("en", "canvas late flag", "file time")):
        book = classbook.build(results, subs, None, course, lang)
        entries = write_reports(tmp_path / lang, results, [], lang, classbook=book)
        index = (tmp_path / lang / "index.html").read_text(encoding="utf-8")
        assert f"<td>{canvas}</td>" in index and f"<td>{file}</td>" in index
        assert f"{file})</dd>" in (tmp_path / lang / entries[1].href).read_text(encoding="utf-8")
        if lang == "ko":
            assert "canvas late flag" not in index and "file time" not in index
            assert "canvas late flag" in classbook.submissions_csv(book)  # the CSV keeps the English source
