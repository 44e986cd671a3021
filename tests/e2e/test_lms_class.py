"""A real class in, a real gradebook out (issue 13), with real kernels: a Canvas zip with a
resubmission and late flags, a Moodle zip made on a Korean Windows machine (CP949 names), a
Gradescope export, a GitHub Classroom clone and nbgrader's submitted/ folder, graded in one run with a roster, a course file and Canvas's gradebook export;
grades.csv, submissions.csv, not_on_roster.csv and the filled gradebook asserted cell by cell."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import datetime, timedelta, timezone

import pytest

from helpers import REPO, grade_folder

EXAMPLES = REPO / "assignments" / "conv_numpy" / "examples"
CORRECT = (EXAMPLES / "correct" / "conv_numpy.ipynb").read_bytes()
NO_BIAS = (EXAMPLES / "no_bias" / "conv_numpy.ipynb").read_bytes()

ROSTER = """id,name,email,login,sid,github,section
12345,John Doe,john@uni.ac.kr,doejohn,,,A
k1,김철수,kim@uni.ac.kr,,,,A
,No Key,,,,,B
2026001,Kim Minsu,minsu@uni.ac.kr,,2026001,,B
r1,Jane Roe,jane@uni.ac.kr,roejane,,,A
a9,Park Absent,park@uni.ac.kr,,,,B
g1,Octo Cat,octo@uni.ac.kr,,,OctoCat,A
n1,Ben Bitdiddle,ben@uni.ac.kr,bitdiddle,,,B
"""

COURSE = """count = "latest"
[late]
per = "day"
penalty = 10
grace_minutes = 10
cap = 50
reject_after_days = 7

[assignments.conv_numpy]
deadline = 2026-03-15T23:59:00+09:00
lms_column = "Convolution in NumPy"

[assignments.alexnet_params]
deadline = 2026-03-22T23:59:00
"""

GRADESCOPE = """submission_9001:
  :submitters:
  - :name: Kim Minsu
    :sid: '2026001'
    :email: minsu@uni.ac.kr
  :created_at: 2026-03-17 10:00:00.000000000 +09:00
  :score: 0.0
submission_9002:
  :submitters:
  - :name: Sam Stranger
    :sid: '2026099'
    :email: sam@uni.ac.kr
  :created_at: 2026-03-15 20:00:00.000000000 +09:00
"""

CANVAS_GRADEBOOK = ("Student,ID,SIS User ID,SIS Login ID,Section,Convolution in NumPy (4321),Quiz 1 (555),Current Score\r\n"
                    "    Points Possible,,,,,10,5,\r\n"
                    '"Doe, John",12345,,doejohn,A,,4,80\r\n"김, 철수",20,k1,,A,,5,100\r\n'
                    '"Minsu, Kim",21,2026001,,B,,3,60\r\n"Roe, Jane",777,,roejane,A,,5,100\r\n'
                    '"Absent, Park",23,a9,,B,,1,20\r\n"Test Student",99,,,A,,,\r\n')


ON_TIME = datetime(2026, 3, 15, 12, 0, tzinfo=timezone(timedelta(hours=9))).timestamp()


def build(root):
    """The three downloads as their LMSs write them, and the TA's files."""
    root.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(root / "canvas.zip", "w") as zf:  # Canvas: flat, login_[LATE_]userid_fileid_name
        for name, when, data in (("doejohn_12345_6789012_conv_numpy.ipynb", (2026, 3, 20, 9, 0, 0), NO_BIAS),
                                 ("doejohn_LATE_12345_6789020_conv_numpy-1.ipynb", (2026, 3, 20, 9, 0, 0), CORRECT),
                                 ("roejane_LATE_777_6789030_conv_numpy.ipynb", (2026, 3, 20, 9, 0, 0), CORRECT)):
            zf.writestr(zipfile.ZipInfo(name, when), data)
    moodle = root / "moodle.zip"
    with zipfile.ZipFile(moodle, "w") as zf:  # Moodle, zipped on a Korean Windows machine: CP949 names
        zf.writestr(zipfile.ZipInfo("XXXXXX_100234_assignsubmission_file_/conv_numpy.ipynb", (2026, 3, 15, 22, 0, 0)),
                    CORRECT)
    moodle.write_bytes(moodle.read_bytes().replace(b"XXXXXX", "김철수".encode("cp949")))
    export = root / "assignment_4321_export"
    for folder in ("submission_9001", "submission_9002"):
        (export / folder).mkdir(parents=True)
        (export / folder / "conv_numpy.ipynb").write_bytes(CORRECT)
    (export / "submission_metadata.yml").write_text(GRADESCOPE, encoding="utf-8")
    classroom = root / "cnn-hw-submissions" / "cnn-hw-octocat"  # GitHub Classroom: <assignment>-<username>/
    classroom.mkdir(parents=True)
    (classroom / "conv_numpy.ipynb").write_bytes(CORRECT)
    os.utime(classroom / "conv_numpy.ipynb", (ON_TIME, ON_TIME))
    nbgrader = root / "course" / "submitted" / "bitdiddle" / "conv_numpy"  # nbgrader: submitted/<student>/<assignment>/
    nbgrader.mkdir(parents=True)
    (nbgrader / "conv_numpy.ipynb").write_bytes(CORRECT)
    (nbgrader / "timestamp.txt").write_text("2026-03-15 17:30:00.000000 UTC", encoding="utf-8")
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (root / "course.toml").write_text(COURSE, encoding="utf-8")
    (root / "gradebook.csv").write_bytes(b"\xef\xbb\xbf" + CANVAS_GRADEBOOK.encode("utf-8"))
    return [str(root / "canvas.zip"), str(moodle), str(export), str(root / "cnn-hw-submissions"), str(root / "course")]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("lms")
    paths = build(root / "in")
    out = root / "out"
    results = grade_folder(paths, out, "--lang", "en", "--roster", str(root / "in" / "roster.csv"),
                           "--course", str(root / "in" / "course.toml"),
                           "--lms-gradebook", str(root / "in" / "gradebook.csv"))
    return out, results


def table(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def no_bias_score(results):
    (found,) = [s for s in results["submissions"] if s["path"].endswith("doejohn_12345_6789012_conv_numpy.ipynb")]
    assert found["status"] == "graded" and 0 < found["score"] < 10
    return f"{found['score']:.10g}"


def test_students_come_from_the_layouts(graded):
    _, results = graded
    assert [(s["student"], s["status"], s["score"]) for s in results["submissions"]][1:] == [
        ("doejohn", "graded", 10.0), ("roejane", "graded", 10.0), ("김철수", "graded", 10.0),
        ("2026001", "graded", 10.0), ("2026099", "graded", 10.0), ("octocat", "graded", 10.0),
        ("bitdiddle", "graded", 10.0)]


def test_grades_csv_is_the_roster_in_order_with_late_penalties_and_missing_as_zero(graded):
    out, results = graded
    nb = no_bias_score(results)
    assert table(out / "grades.csv") == [
        ["student", "name", "email", "conv_numpy", "total", "missing"],
        ["12345", "John Doe", "john@uni.ac.kr", nb, nb, ""],
        ["k1", "김철수", "kim@uni.ac.kr", "10", "10", ""],
        ["2026001", "Kim Minsu", "minsu@uni.ac.kr", "8", "8", ""],
        ["r1", "Jane Roe", "jane@uni.ac.kr", "9", "9", ""],
        ["a9", "Park Absent", "park@uni.ac.kr", "0", "0", "conv_numpy"],
        ["g1", "Octo Cat", "octo@uni.ac.kr", "10", "10", ""],
        ["n1", "Ben Bitdiddle", "ben@uni.ac.kr", "9", "9", ""]]


def test_submissions_csv_lists_every_submission_with_its_time_source_and_whether_it_counts(graded):
    out, results = graded
    nb, src = no_bias_score(results), str(out.parent / "in")
    assert table(out / "submissions.csv") == [
        ["student", "assignment", "path", "submitted_at", "time_source", "late_days", "raw", "penalty", "final", "counted"],
        ["12345", "conv_numpy", f"{src}/canvas.zip/doejohn_12345_6789012_conv_numpy.ipynb", "", "canvas late flag", "",
         nb, "0", nb, "yes"],
        ["12345", "conv_numpy", f"{src}/canvas.zip/doejohn_LATE_12345_6789020_conv_numpy-1.ipynb", "", "canvas late flag",
         "", "10", "1", "9", "no"],
        ["r1", "conv_numpy", f"{src}/canvas.zip/roejane_LATE_777_6789030_conv_numpy.ipynb", "", "canvas late flag", "",
         "10", "1", "9", "yes"],
        ["k1", "conv_numpy", f"{src}/moodle.zip/김철수_100234_assignsubmission_file_/conv_numpy.ipynb",
         "2026-03-15T22:00:00+09:00", "archive member time", "0.00", "10", "0", "10", "yes"],
        ["2026001", "conv_numpy", f"{src}/assignment_4321_export/submission_9001/conv_numpy.ipynb",
         "2026-03-17T10:00:00+09:00", "gradescope created_at", "1.42", "10", "2", "8", "yes"],
        ["2026099", "conv_numpy", f"{src}/assignment_4321_export/submission_9002/conv_numpy.ipynb",
         "2026-03-15T20:00:00+09:00", "gradescope created_at", "0.00", "10", "0", "10", "no"],
        ["g1", "conv_numpy", f"{src}/cnn-hw-submissions/cnn-hw-octocat/conv_numpy.ipynb", "2026-03-15T03:00:00+00:00",
         "file time", "0.00", "10", "0", "10", "yes"],
        ["n1", "conv_numpy", f"{src}/course/submitted/bitdiddle/conv_numpy/conv_numpy.ipynb", "2026-03-15T17:30:00+00:00",
         "nbgrader timestamp.txt", "0.10", "10", "1", "9", "yes"]]
    assert table(out / "not_on_roster.csv") == [
        ["student", "name", "assignment", "path"],
        ["2026099", "Sam Stranger", "conv_numpy", f"{src}/assignment_4321_export/submission_9002/conv_numpy.ipynb"]]


def test_the_canvas_gradebook_comes_back_filled_cell_by_cell(graded):
    out, results = graded
    nb = no_bias_score(results)
    data = (out / "gradebook.filled.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 8
    assert table(out / "gradebook.filled.csv") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Convolution in NumPy (4321)", "Quiz 1 (555)", "Current Score"],
        ["    Points Possible", "", "", "", "", "10", "5", ""],
        ["Doe, John", "12345", "", "doejohn", "A", nb, "4", "80"], ["김, 철수", "20", "k1", "", "A", "10", "5", "100"],
        ["Minsu, Kim", "21", "2026001", "", "B", "8", "3", "60"], ["Roe, Jane", "777", "", "roejane", "A", "9", "5", "100"],
        ["Absent, Park", "23", "a9", "", "B", "0", "1", "20"], ["Test Student", "99", "", "", "A", "", "", ""]]


def test_bad_input_is_named_by_line_on_the_dashboard_with_outsiders_and_missing_students(graded):
    out, results = graded
    index = (out / "index.html").read_text(encoding="utf-8")
    for text in ("roster.csv line 4: the row has no id, email, login, github, sid; it is left out of the roster",
                 "course.toml line 14: the deadline of alexnet_params has no time zone",
                 "Submitters not on the roster", "2026099", "a9 Park Absent: conv_numpy", "archive member time"):
        assert text in index, text
    page = out / next(s["report"] for s in results["submissions"] if s["student"] == "2026001")
    assert "2 started day(s) late" in page.read_text(encoding="utf-8")
