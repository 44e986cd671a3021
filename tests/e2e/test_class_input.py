"""A class folder as real ones arrive (issue 12) grades in one run, with real kernels, to a
complete results.json, grades.csv and index.html: CP949 names, links, a class's zip, a zip
bomb, a forward hanging on one hidden case and check() inside a block."""

from __future__ import annotations

import csv
import importlib.util
import json

import pytest

from helpers import REPO, run_grade

spec = importlib.util.spec_from_file_location("class_input", REPO / "benchmarks" / "class_input.py")
class_input = importlib.util.module_from_spec(spec)
spec.loader.exec_module(class_input)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    subs = class_input.build(tmp_path_factory.mktemp("class"))
    out = tmp_path_factory.mktemp("class_out")
    args = [str(subs), "--out", str(out), "--workers", "2", "--seed", "1", "--call-timeout", "5"]
    done = run_grade(*args)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    again = run_grade(*args)
    return subs, out, json.loads((out / "results.json").read_text()), again


def test_every_file_has_a_result_or_a_skipped_line(graded):
    subs, out, results, _ = graded
    students = {s["student"]: s for s in results["submissions"]}
    assert sorted(students) == sorted(["alice", "bomb", "checker", "amy", "ben", "hanger",
                                       "이영희", "박민수", "김철수"])
    full = {name for name, s in students.items() if s["status"] == "graded" and s["score"] == s["max_score"]}
    assert full == {"alice", "checker", "amy", "ben", "이영희", "박민수", "김철수"}
    assert students["bomb"]["status"] == "error" and "inflate to" in students["bomb"]["message"]
    skipped = {s["path"][len(str(subs)) + 1:]: s["reason"] for s in results["skipped"]}
    assert skipped == {
        "alice/notes.txt": "not a notebook",
        "mallory/conv_numpy.ipynb": "a symbolic link (to ../alice/conv_numpy.ipynb): links are not followed",
        "trent": f"a symbolic link (to {REPO / 'solutions'}): links are not followed"}


def test_a_forward_hanging_on_one_hidden_case_costs_those_cases_only(graded):
    hanger = next(s for s in graded[2]["submissions"] if s["student"] == "hanger")
    assert sorted(c["id"] for c in hanger["checks"] if c["status"] != "pass") == [
        "conv_backward_naive/kernel3x1", "conv_forward_naive/kernel3x1"]


def test_grades_csv_and_the_dashboard_name_every_student_readably(graded):
    _, out, results, _ = graded
    with open(out / "grades.csv", encoding="utf-8") as f:
        rows = {row["student"]: row for row in csv.DictReader(f)}
    # grades.csv has a column per assignment: the bomb, of no known assignment, is on the dashboard
    assert set(rows) == {s["student"] for s in results["submissions"] if s["assignment"]}
    assert {s["student"] for s in results["submissions"] if not s["assignment"]} == {"bomb"}
    assert rows["김철수"]["conv_numpy"] == "10"
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in ("김철수", "이영희", "박민수", "mallory/conv_numpy.ipynb", "bomb"):
        assert name in index
    assert (out / results["submissions"][-1]["report"]).is_file()


def test_a_second_run_reuses_every_result(graded):
    again = graded[3]
    assert again.returncode == 0, again.stderr
    assert "done: 9 notebook(s), 0 graded now and 9 from the gradebook" in again.stdout, again.stdout
