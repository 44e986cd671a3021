"""Unit tests of grader/classbook.py and grader/lms.py: which submission counts, grades.csv in
roster order with missing students as 0, submissions.csv, and a filled LMS gradebook."""
import csv
import io
from datetime import datetime, timedelta, timezone

from grader import classbook, lms
from grader.course import Course, LatePolicy
from grader.discover import Submission
from grader.layouts import Origin
from grader.results import SubmissionResult
from grader.roster import read_roster

KST = timezone(timedelta(hours=9))
DEADLINE = datetime(2026, 3, 15, 23, 59, tzinfo=KST)
COURSE = Course({"conv_numpy": DEADLINE}, LatePolicy("day", 10, cap=50, reject_after_days=3))


def sub(student, origin, path):
    return Submission(student, path, b"", "", "conv_numpy", origin=origin)


def at(hours):
    return (DEADLINE + timedelta(hours=hours)).isoformat()


def batch():
    """Kim: on time (6) then late (10); Lee: late by a day and a bit (8); Roe: Canvas late flag;
    an outsider; Kim's third notebook waits to be graded again."""
    gs = lambda sid, h: Origin("gradescope", sid, (sid,), submitted_at=at(h), source="gradescope created_at")
    subs = [sub("2026001", gs("2026001", -2), "s/1.ipynb"), sub("2026001", gs("2026001", 5), "s/2.ipynb"),
            sub("2026002", gs("2026002", 25), "s/3.ipynb"), sub("roejane", Origin("canvas", "roejane", ("77", "roejane"), late=True), "s/4.ipynb"),
            sub("stranger", gs("stranger", 0), "s/5.ipynb"), sub("2026001", gs("2026001", 1), "s/6.ipynb")]
    scores = [6.0, 10.0, 8.0, 10.0, 9.0, 0.0]
    results = [SubmissionResult(s.student, "conv_numpy", s.path, "graded", x, 10.0, retry=(i == 5))
               for i, (s, x) in enumerate(zip(subs, scores))]
    return results, subs


def roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("id,name,email,login,sid\nb,Kim Minsu,k@u.kr,,2026001\na,Lee Young,l@u.kr,,2026002\n"
                    "c,Jane Roe,j@u.kr,roejane,\nd,Park Absent,p@u.kr,,2026009\n", encoding="utf-8")
    return read_roster(str(path))


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_latest_on_time_counts_with_a_roster(tmp_path):
    book = classbook.build(*batch(), roster(tmp_path), COURSE)
    assert rows(classbook.grades_csv(book)) == [
        ["student", "name", "email", "conv_numpy", "total", "missing"],
        ["b", "Kim Minsu", "k@u.kr", "6", "6", ""], ["a", "Lee Young", "l@u.kr", "6.4", "6.4", ""],
        ["c", "Jane Roe", "j@u.kr", "9", "9", ""], ["d", "Park Absent", "p@u.kr", "0", "0", "conv_numpy"]]
    assert rows(classbook.submissions_csv(book))[1:] == [
        ["b", "conv_numpy", "s/1.ipynb", at(-2), "gradescope created_at", "0.00", "6", "0", "6", "yes"],
        ["b", "conv_numpy", "s/2.ipynb", at(5), "gradescope created_at", "0.21", "10", "1", "9", "no"],
        ["a", "conv_numpy", "s/3.ipynb", at(25), "gradescope created_at", "1.04", "8", "1.6", "6.4", "yes"],
        ["c", "conv_numpy", "s/4.ipynb", "", "canvas late flag", "", "10", "1", "9", "yes"],
        ["stranger", "conv_numpy", "s/5.ipynb", at(0), "gradescope created_at", "0.00", "9", "0", "9", "no"],
        ["b", "conv_numpy", "s/6.ipynb", at(1), "gradescope created_at", "0.04", "", "", "", "no"]]
    assert rows(classbook.outsiders_csv(book)) == [["student", "name", "assignment", "path"],
                                                   ["stranger", "", "conv_numpy", "s/5.ipynb"]]


def test_best_counts_the_best_final_score_and_without_a_roster_every_submitter_is_a_row():
    book = classbook.build(*batch(), None, Course(COURSE.deadlines, COURSE.late, "best"))
    assert rows(classbook.grades_csv(book)) == [["student", "conv_numpy", "total"], ["2026001", "9", "9"],
                                                ["2026002", "6.4", "6.4"], ["roejane", "9", "9"], ["stranger", "9", "9"]]


def test_of_two_canvas_uploads_without_a_time_the_resubmission_is_the_latest():
    first, again = (Origin("canvas", "doejohn", ("1", "doejohn"), late=True, attempt=n) for n in (0, 1))
    subs = [sub("doejohn", again, "c/doejohn_LATE_1_2_conv_numpy-1.ipynb"), sub("doejohn", first, "c/doejohn_LATE_1_1_conv_numpy.ipynb")]
    results = [SubmissionResult("doejohn", "conv_numpy", s.path, "graded", x, 10.0) for s, x in zip(subs, (4.0, 10.0))]
    book = classbook.build(results, subs, None, COURSE)
    assert [(e.path, e.counted) for e in book.entries] == [(subs[0].path, True), (subs[1].path, False)]


def test_without_a_course_file_nothing_is_late_and_the_best_counts():
    book = classbook.build(*batch())
    assert rows(classbook.grades_csv(book))[1] == ["2026001", "10", "10"]


CANVAS = ("Student,ID,SIS User ID,SIS Login ID,Section,Conv NumPy (123456),Quiz 1 (555),Current Score\r\n"
          "    Points Possible,,,,,10,5,\r\n"
          '"Minsu, Kim",11,2026001,kimm,A,,4,\r\n"Absent, Park",14,2026009,parkp,A,,3,\r\n'
          '"Roe, Jane",77,,roejane,A,,5,\r\n"Nobody, Else",99,,nob,A,,1,\r\n')


def test_a_canvas_gradebook_is_filled_cell_by_cell(tmp_path):
    source = tmp_path / "gradebook.csv"
    source.write_bytes(b"\xef\xbb\xbf" + CANVAS.encode())
    book = classbook.build(*batch(), roster(tmp_path), COURSE)
    target, problems = lms.fill(source, book, {}, tmp_path)
    assert problems == [] and target.name == "gradebook.filled.csv"
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert rows(data.decode("utf-8-sig")) == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Conv NumPy (123456)", "Quiz 1 (555)", "Current Score"],
        ["    Points Possible", "", "", "", "", "10", "5", ""],
        ["Minsu, Kim", "11", "2026001", "kimm", "A", "6", "4", ""], ["Absent, Park", "14", "2026009", "parkp", "A", "0", "3", ""],
        ["Roe, Jane", "77", "", "roejane", "A", "9", "5", ""], ["Nobody, Else", "99", "", "nob", "A", "", "1", ""]]


def test_a_moodle_gradebook_is_filled_by_email_and_a_missing_column_is_named(tmp_path):
    source = tmp_path / "moodle.csv"
    source.write_text("First name,Last name,ID number,Institution,Department,Email address,"
                      "Assignment: Convolution (Real),Last downloaded from this course\n"
                      "Minsu,Kim,,U,CS,k@u.kr,-,1700000000\nYoung,Lee,,U,CS,L@U.KR,-,1700000000\n", encoding="utf-8")
    book = classbook.build(*batch(), roster(tmp_path), COURSE)
    target, problems = lms.fill(source, book, {}, tmp_path)
    assert problems == ["moodle.csv has no column for conv_numpy; name it with lms_column in course.toml"]
    target, problems = lms.fill(source, book, {"conv_numpy": "Assignment: Convolution (Real)"}, tmp_path)
    assert problems == []
    assert [r[6] for r in rows(target.read_text(encoding="utf-8"))] == ["Assignment: Convolution (Real)", "6", "6.4"]


def test_the_pages_and_the_dashboard_show_lateness_outsiders_and_missing_students(tmp_path):
    from grader.report import write_reports
    results, subs = batch()
    book = classbook.build(results, subs, roster(tmp_path), COURSE)
    entries = write_reports(tmp_path / "out", results, [], "en", classbook=book)
    page = (tmp_path / "out" / entries[1].href).read_text(encoding="utf-8")
    for text in ("Lateness", at(5), "gradescope created_at", "1 started day(s) late", "raw score", "10.00",
                 "penalty", "1.00", "final score", "9.00", "not counted (another submission counts)"):
        assert text in page, text
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for text in ("Submitters not on the roster", "stranger", "Missing (no submission, 0 points)", "d Park Absent: conv_numpy",
                 "canvas late flag"):
        assert text in index, text
    korean = classbook.build(results, subs, roster(tmp_path), COURSE, "ko")
    pages = write_reports(tmp_path / "ko", results, [], "ko", classbook=korean)
    assert "명단에 없는 제출자" in (tmp_path / "ko" / "index.html").read_text(encoding="utf-8")
    assert "1일 지각 (시작된 일 단위)" in (tmp_path / "ko" / pages[1].href).read_text(encoding="utf-8")


def test_a_submission_matching_two_roster_rows_is_named_with_their_lines_and_listed_apart(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("id,name,email\nx1,Kim Minsu,a@u.kr\nx2,Kim Minsu,b@u.kr\n", encoding="utf-8")
    moodle = Origin("moodle", "Kim Minsu", ("100234",), name="Kim Minsu")
    s = sub("Kim Minsu", moodle, "m.zip/Kim Minsu_100234_assignsubmission_file_/conv_numpy.ipynb")
    book = classbook.build([SubmissionResult(s.student, "conv_numpy", s.path, "graded", 10.0, 10.0)], [s],
                           read_roster(str(path)), COURSE)
    assert book.problems == (f"{s.path} matches several rows of roster.csv (lines 2, 3); it is graded and listed "
                             "apart as not on the roster",)
    assert [e.student for e in book.outsiders()] == ["Kim Minsu"]
    assert rows(classbook.grades_csv(book))[1:] == [["x1", "Kim Minsu", "a@u.kr", "0", "0", "conv_numpy"],
                                                    ["x2", "Kim Minsu", "b@u.kr", "0", "0", "conv_numpy"]]


def test_scores_are_scaled_to_the_points_canvas_gives_the_assignment(tmp_path):
    source = tmp_path / "gradebook.csv"
    source.write_text(CANVAS.replace("    Points Possible,,,,,10,5,", "    Points Possible,,,,,100,5,"), encoding="utf-8")
    target, _ = lms.fill(source, classbook.build(*batch(), roster(tmp_path), COURSE), {}, tmp_path)
    assert [r[5] for r in rows(target.read_text(encoding="utf-8"))] == [
        "Conv NumPy (123456)", "100", "60", "0", "90", ""]


def test_a_gradescope_group_submission_counts_for_every_submitter(tmp_path):
    from grader.layouts import _gradescope_entry
    origin = _gradescope_entry("submission_7", {":submitters": [
        {":name": "Kim Minsu", ":sid": "2026001", ":email": "k@u.kr"}, {":name": "Lee Young", ":sid": "2026002"}],
        ":created_at": datetime(2026, 3, 15, 20, 0, tzinfo=KST)})
    assert (origin.student, [p.student for p in origin.partners]) == ("2026001", ["2026002"])
    s = sub("2026001", origin, "gs/submission_7/conv_numpy.ipynb")
    book = classbook.build([SubmissionResult(s.student, "conv_numpy", s.path, "graded", 7.0, 10.0)], [s],
                           roster(tmp_path), COURSE)
    assert rows(classbook.grades_csv(book))[1:3] == [["b", "Kim Minsu", "k@u.kr", "7", "7", ""],
                                                     ["a", "Lee Young", "l@u.kr", "7", "7", ""]]
    assert [(e.student, e.counted, e.index) for e in book.entries] == [("b", True, 0), ("a", True, 0)]
    from grader.report import write_reports
    entries = write_reports(tmp_path / "out", [SubmissionResult(s.student, "conv_numpy", s.path, "graded", 7.0, 10.0)],
                            [], 1, "en", classbook=book)
    assert "7.00" in (tmp_path / "out" / entries[0].href).read_text(encoding="utf-8")


def test_a_canvas_gradebook_saved_by_korean_excel_keeps_its_names_and_encoding(tmp_path):
    # Excel on a Korean Windows saves CSV as CP949: every Korean name came back as U+FFFD in the
    # filled copy (written as UTF-8), the file a TA uploads to the LMS
    source = tmp_path / "gradebook.csv"
    source.write_bytes(CANVAS.replace("Minsu, Kim", "김민수").replace("Roe, Jane", "로제인").encode("cp949"))
    book = classbook.build(*batch(), roster(tmp_path), COURSE)
    target, problems = lms.fill(source, book, {}, tmp_path)
    filled = rows(target.read_bytes().decode("cp949"))
    assert problems == [] and [r[0] for r in filled[2:]] == ["김민수", "Absent, Park", "로제인", "Nobody, Else"]
    assert [r[5] for r in filled[2:]] == ["6", "0", "9", ""]


def test_a_canvas_gradebook_saved_by_excel_with_semicolons_is_filled_and_keeps_them(tmp_path):
    # Excel in Korea or Europe saves CSV with ";": the run stopped, "neither a Canvas nor a Moodle gradebook"
    source = tmp_path / "gradebook.csv"
    source.write_text(CANVAS.replace(",", ";").replace('"Minsu; Kim"', '"Minsu, Kim"'), encoding="utf-8")
    lms.check(source)
    book = classbook.build(*batch(), roster(tmp_path), COURSE)
    target, problems = lms.fill(source, book, {}, tmp_path)
    filled = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline=""), delimiter=";"))
    assert problems == [] and [r[5] for r in filled[2:]] == ["6", "0", "9", ""] and filled[2][0] == "Minsu, Kim"


def test_a_newer_submission_the_machine_failed_on_leaves_the_grade_pending_not_the_older_one():
    # Kim handed in twice before the deadline; the machine failed on the newer one (retried next
    # run): grades.csv gave Kim the older notebook's 4 points as if it were the one that counts
    gs = lambda h: Origin("gradescope", "2026001", ("2026001",), submitted_at=at(h), source="gradescope created_at")
    subs = [sub("2026001", gs(-5), "s/old.ipynb"), sub("2026001", gs(-1), "s/new.ipynb")]
    results = [SubmissionResult("2026001", "conv_numpy", "s/old.ipynb", "graded", 4.0, 10.0),
               SubmissionResult("2026001", "conv_numpy", "s/new.ipynb", "error", 0.0, 10.0, retry=True)]
    book = classbook.build(results, subs, None, COURSE)
    assert book.cell("2026001", "conv_numpy") is None
    assert rows(classbook.grades_csv(book))[1] == ["2026001", "", "0"]
    # the failed one is the older: the newer, graded one counts
    book = classbook.build([SubmissionResult("2026001", "conv_numpy", "s/old.ipynb", "error", 0.0, 10.0, retry=True),
                            SubmissionResult("2026001", "conv_numpy", "s/new.ipynb", "graded", 7.0, 10.0)], subs, None,
                           COURSE)
    assert book.cell("2026001", "conv_numpy") == 7.0


def test_penalties_resting_on_file_times_only_are_named_as_a_problem():
    # a class folder copied without keeping times (cp -r, a sync tool) after the deadline: every
    # file's time is the copy's, every student "late", penalised without a word
    copied = (DEADLINE + timedelta(days=2)).timestamp()
    subs = [sub(s, Origin("plain", s, (s,), file_time=copied), f"subs/{s}/conv_numpy.ipynb") for s in ("kim", "lee")]
    results = [SubmissionResult(s.student, "conv_numpy", s.path, "graded", 10.0, 10.0) for s in subs]
    book = classbook.build(results, subs, None, COURSE)
    assert [e.late.source for e in book.entries] == ["file time", "file time"]
    assert any("2 submission(s) are late only by their files' modification times" in p for p in book.problems)
    assert classbook.build(results, subs, None, Course({}, COURSE.late)).problems == ()  # no deadline, no word


def test_an_lms_row_whose_keys_name_two_students_is_left_alone_and_named(tmp_path):
    # Canvas's own user ID of Kim (11) is Lee's student number on the roster: Kim's row was filled
    # with Lee's grade, the first key found deciding (ID before SIS User ID)
    path = tmp_path / "roster.csv"
    path.write_text("id,name,email,sid\n11,Lee Young,l@u.kr,2026002\nb,Kim Minsu,k@u.kr,2026001\n", encoding="utf-8")
    source = tmp_path / "gradebook.csv"
    source.write_text(CANVAS, encoding="utf-8")
    book = classbook.build(*batch(), read_roster(str(path)), COURSE)
    target, problems = lms.fill(source, book, {}, tmp_path)
    kim = next(r for r in rows(target.read_text(encoding="utf-8")) if r[0] == "Minsu, Kim")
    assert kim[5] == ""  # neither Lee's 8 nor a guess
    assert problems == ["gradebook.csv line 3 (Minsu, Kim) matches two students (11, b); it is left as it was"]
