"""Unit tests of LMS layout recognition (issue 13): each layout built as its LMS writes it."""
import json
import os
import zipfile

import pytest

from grader.discover import discover
from grader.messages import say
from grader.rubric import load_all

ASSIGNMENTS = load_all()


def notebook(assignment="conv_numpy"):
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {"grader": {"assignment": assignment}},
                       "cells": []}).encode()


def write(root, files):
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def origins(*paths, layout=None):
    subs, skipped = discover([str(p) for p in paths], ASSIGNMENTS, layout=layout)
    return [(s.student, s.origin) for s in subs], skipped


def test_a_canvas_download_gives_logins_late_flags_and_resubmissions(tmp_path):
    root = write(tmp_path / "canvas", {
        "doejohn_LATE_12345_6789012_conv_numpy.ipynb": notebook(),
        "doejohn_12345_6789013_conv_numpy-1.ipynb": notebook(),
        "kimminsu_late_222_333_conv_numpy.ipynb": notebook(),
        "leeyoung_444_555_my notebook.ipynb": notebook()})
    found, _ = origins(root)
    assert [(s, o.layout, o.keys, o.late, o.attempt, o.source) for s, o in found] == [
        ("doejohn", "canvas", ("12345", "doejohn"), False, 1, "canvas late flag"),
        ("doejohn", "canvas", ("12345", "doejohn"), True, 0, "canvas late flag"),
        ("kimminsu", "canvas", ("222", "kimminsu"), True, 0, "canvas late flag"),
        ("leeyoung", "canvas", ("444", "leeyoung"), False, 0, "canvas late flag")]


def test_canvas_anonymous_grading_names(tmp_path):
    root = write(tmp_path / "anon", {"LATE_anon_x7Kq2_6789012_conv_numpy.ipynb": notebook(),
                                     "anon_Zp3aa_6789013_conv_numpy.ipynb": notebook()})
    found, _ = origins(root)
    assert [(s, o.layout, o.late) for s, o in found] == [("anon_x7Kq2", "canvas", True), ("anon_Zp3aa", "canvas", False)]


def test_a_zipped_canvas_download_is_a_class_with_member_times(tmp_path):
    path = tmp_path / "subs" / "submissions.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("doejohn_LATE_12345_6789012_conv_numpy.ipynb", (2026, 3, 15, 1, 2, 4)), notebook())
        zf.writestr(zipfile.ZipInfo("roeann_777_888_conv_numpy.ipynb", (2026, 3, 14, 20, 0, 0)), notebook())
    for given in (path, path.parent):
        found, _ = origins(given)
        assert [(s, o.late, o.archive_time) for s, o in found] == [
            ("doejohn", True, "2026-03-15T01:02:04"), ("roeann", False, "2026-03-14T20:00:00")]


def test_two_canvas_users_with_one_name_are_told_apart(tmp_path):
    root = write(tmp_path / "c", {"kimminsu_1_10_conv_numpy.ipynb": notebook(),
                                  "kimminsu_2_20_conv_numpy.ipynb": notebook()})
    assert [s for s, _ in origins(root)[0]] == ["kimminsu_1", "kimminsu_2"]


def test_a_cp949_moodle_zip_gives_korean_names_and_participant_ids(tmp_path):
    path = tmp_path / "moodle.zip"
    with zipfile.ZipFile(path, "w") as zf:  # made on a Korean Windows machine: CP949 names, no UTF-8 flag
        for name in ("XXXXXX_100234_assignsubmission_file_/conv_numpy.ipynb",
                     "Jane Roe_100235_assignsubmission_file_/hw/conv_numpy.ipynb"):
            zf.writestr(name, notebook())
    path.write_bytes(path.read_bytes().replace(b"XXXXXX", "김철수".encode("cp949")))
    found, _ = origins(path)
    assert [(s, o.layout, o.keys, o.name) for s, o in found] == [
        ("김철수", "moodle", ("100234",), "김철수"), ("Jane Roe", "moodle", ("100235",), "Jane Roe")]


GRADESCOPE_YML = b"""submission_101:
  :submitters:
  - :name: Kim Minsu
    :sid: '2026001'
    :email: minsu@uni.ac.kr
  :created_at: 2026-03-14 23:10:00.123456000 +09:00
  :score: 0.0
submission_102:
  :submitters:
  - :name: Jane Roe
    :sid: '2026002'
    :email: jane@uni.ac.kr
  :created_at: 2026-03-16 08:00:00.000000000 +09:00
"""


def test_a_gradescope_export_gives_sids_names_and_created_at(tmp_path):
    root = write(tmp_path / "assignment_55_export", {
        "submission_metadata.yml": GRADESCOPE_YML,
        "submission_101/conv_numpy.ipynb": notebook(), "submission_102/conv_numpy.ipynb": notebook()})
    found, skipped = origins(root)
    assert [(s, o.keys, o.name, o.submitted_at, o.source) for s, o in found] == [
        ("2026001", ("2026001", "minsu@uni.ac.kr"), "Kim Minsu", "2026-03-14T23:10:00.123456+09:00", "gradescope created_at"),
        ("2026002", ("2026002", "jane@uni.ac.kr"), "Jane Roe", "2026-03-16T08:00:00+09:00", "gradescope created_at")]
    assert [s.reason for s in skipped] == ["Gradescope's submission metadata (read for names and times, not graded)"]


def test_gradescope_metadata_that_does_not_parse_is_named_with_its_line_and_the_rest_graded(tmp_path):
    root = write(tmp_path / "export", {
        "submission_metadata.yml": b"submission_101:\n  :submitters: [\n  - oops: }\n",
        "submission_101/conv_numpy.ipynb": notebook()})
    (student, origin), = origins(root)[0]
    assert student == "submission_101"
    assert say(origin.problem[0], **dict(origin.problem[1])).startswith(
        "submission_metadata.yml line 3: it does not parse as YAML (")


def test_github_classroom_folders_give_usernames(tmp_path):
    root = write(tmp_path / "cnn-hw-submissions", {
        "cnn-hw-octocat/conv_numpy.ipynb": notebook(), "cnn-hw-kim-minsu/work/conv_numpy.ipynb": notebook()})
    found, _ = origins(root)
    assert [(s, o.layout, o.keys) for s, o in found] == [
        ("kim-minsu", "github_classroom", ("kim-minsu",)), ("octocat", "github_classroom", ("octocat",))]


def test_one_repository_in_a_gh_classroom_clone_folder_is_enough(tmp_path):
    root = write(tmp_path / "cnn-hw-submissions", {"cnn-hw-octocat/conv_numpy.ipynb": notebook()})
    assert [(s, o.layout) for s, o in origins(root)[0]] == [("octocat", "github_classroom")]
    assert [(s, o.layout) for s, o in origins(tmp_path)[0]] == [("octocat", "github_classroom")]


def test_nbgrader_submitted_folders_give_students_and_timestamps(tmp_path):
    root = write(tmp_path / "course", {
        "submitted/bitdiddle/conv_numpy/conv_numpy.ipynb": notebook(),
        "submitted/bitdiddle/conv_numpy/timestamp.txt": b"2026-03-14 14:30:00.000000 UTC",
        "submitted/hacker/conv_numpy/conv_numpy.ipynb": notebook(),
        "submitted/hacker/conv_numpy/timestamp.txt": b"yesterday"})
    found, _ = origins(root)
    assert [(s, o.submitted_at, o.source) for s, o in found] == [
        ("bitdiddle", "2026-03-14T14:30:00+00:00", "nbgrader timestamp.txt"), ("hacker", None, None)]
    problem = found[1][1].problem
    assert say(problem[0], **dict(problem[1])) == (
        "hacker/conv_numpy/timestamp.txt line 1: not a time nbgrader writes (b'yesterday'); the submission has no time from it")


def test_the_plain_layout_is_todays_and_keeps_file_times(tmp_path):
    root = write(tmp_path / "subs", {"alice/conv_numpy.ipynb": notebook(), "bob.ipynb": notebook()})
    os.utime(root / "bob.ipynb", (1_700_000_000, 1_700_000_000))
    found, _ = origins(root)
    assert [(s, o.layout) for s, o in found] == [("alice", "plain"), ("bob", "plain")]
    assert found[1][1].file_time == 1_700_000_000


def test_shared_prefixes_are_github_classroom_only_for_git_clones_or_when_forced(tmp_path):
    root = write(tmp_path / "subs", {"kim-minsu/conv_numpy.ipynb": notebook(), "kim-jiho/conv_numpy.ipynb": notebook()})
    assert [s for s, _ in origins(root)[0]] == ["kim-jiho", "kim-minsu"]
    assert [s for s, _ in origins(root, layout="github_classroom")[0]] == ["jiho", "minsu"]
    for name in ("kim-minsu", "kim-jiho"):
        (root / name / ".git").mkdir()
    assert [s for s, _ in origins(root)[0]] == ["jiho", "minsu"]
    assert [s for s, _ in origins(tmp_path)[0]] == ["jiho", "minsu"]
    assert [s for s, _ in origins(root, layout="plain")[0]] == ["kim-jiho", "kim-minsu"]


def _laughs(depth=9):
    """A "billion laughs" YAML: each anchor repeats the one before ten times (tiny on disk)."""
    lines = ['l0: &l0 "lol"']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, depth + 1)]
    lines += ["submission_101:", "  :submitters:", f"    - :sid: *l{depth}", f"      :name: *l{depth}",
              f"      :email: *l{depth}", f"  :created_at: *l{depth}"]
    return "\n".join(lines).encode()


def test_gradescope_metadata_with_a_billion_laughs_is_read_in_bounded_memory(tmp_path):
    # safe_load keeps the aliases shared, but turning a value into a key with str() expanded
    # 10**9 "lol"s: the whole batch died of MemoryError (or swapped) before grading anyone
    import subprocess
    import sys
    root = write(tmp_path / "export", {"submission_metadata.yml": _laughs(),
                                       "submission_101/conv_numpy.ipynb": notebook()})
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "from grader.discover import discover; from grader.rubric import load_all\n"
            "subs, _ = discover([sys.argv[1]], load_all())\n"
            "print([(s.student, s.origin.keys, s.origin.submitted_at) for s in subs])")
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[('submission_101', (), None)]"  # nothing usable: the folder's name


def _zip_bytes(members):
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_a_student_s_zip_inside_a_class_download_is_opened_and_theirs(tmp_path):
    # Canvas's "Download submissions" of a student who uploaded a zip holds that zip as a member:
    # it was skipped as "not a notebook", and with a roster the student got 0 as missing
    upload = _zip_bytes({"hw/conv_numpy.ipynb": notebook(), "hw/data.csv": b"1,2"})
    deeper = _zip_bytes({"again.zip": _zip_bytes({"conv_numpy.ipynb": notebook()})})
    path = tmp_path / "subs" / "submissions.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("doejohn_LATE_12345_6789012_hw.zip", (2026, 3, 15, 1, 2, 4)), upload)
        zf.writestr(zipfile.ZipInfo("roeann_777_888_conv_numpy.ipynb", (2026, 3, 14, 20, 0, 0)), notebook())
        zf.writestr("kimminsu_1_10_deep.zip", deeper)
    for given in (path, path.parent):
        subs, skipped = discover([str(given)], ASSIGNMENTS)
        assert [(s.student, s.origin.late, s.path.removeprefix(str(given)), s.assignment) for s in subs] == [
            ("doejohn", True, "/submissions.zip/doejohn_LATE_12345_6789012_hw.zip/hw/conv_numpy.ipynb"[
                len("/submissions.zip") if given == path else 0:], "conv_numpy"),
            ("roeann", False, "/submissions.zip/roeann_777_888_conv_numpy.ipynb"[
                len("/submissions.zip") if given == path else 0:], "conv_numpy")]
        assert subs[0].read() == notebook()
        assert sorted(s.reason for s in skipped) == [
            "a zip inside a zip inside an archive: not opened (unzip it and grade the folder)", "not a notebook"]


@pytest.mark.parametrize("layout", ["gradescope", "canvas", "nbgrader"])
def test_a_layout_asked_for_that_a_root_does_not_follow_stops_with_its_name(tmp_path, layout):
    # `--layout gradescope` on a folder without submission_metadata.yml was read as plain, silently:
    # "submission_101" became a student, matched no roster row, and every student got 0 as missing
    from grader.errors import UsageError
    root = write(tmp_path / "export", {"submission_101/conv_numpy.ipynb": notebook()})
    zipped = tmp_path / "export.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("submission_101/conv_numpy.ipynb", notebook())
    for given in (root, zipped):
        with pytest.raises(UsageError, match=f"does not follow the {layout} layout"):
            origins(given, layout=layout)
    assert origins(root, layout="plain")[0][0][0] == "submission_101"


def test_a_class_zip_of_student_zips_is_a_class_and_a_student_zip_holding_zips_stays_theirs(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    with zipfile.ZipFile(subs / "class.zip", "w") as zf:  # a plain class download: one zip per student
        for student in ("kim", "lee"):
            zf.writestr(f"{student}.zip", _zip_bytes({"conv_numpy.ipynb": notebook()}))
    with zipfile.ZipFile(subs / "park.zip", "w") as zf:  # one student's upload with two data zips
        zf.writestr("hw/conv_numpy.ipynb", notebook())
        zf.writestr("train.zip", _zip_bytes({"a.csv": b"1"}))
        zf.writestr("test.zip", _zip_bytes({"b.csv": b"2"}))
    found, _ = discover([str(subs)], ASSIGNMENTS)
    assert [s.student for s in found] == ["kim", "lee", "park"]


def test_a_zip_member_with_a_zeroed_or_impossible_date_is_found_without_a_time(tmp_path):
    # some zip tools write a DOS date of 0 (read as 1980-00-00): discovery crashed with
    # "ValueError: month must be in 1..12" and nobody in the class was graded
    path = tmp_path / "subs" / "class.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("kim/conv_numpy.ipynb", notebook())
        zf.writestr("lee/conv_numpy.ipynb", notebook())
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x01\x02", 12), (b"PK\x03\x04", 10)):
        start = data.find(signature)
        data[start + offset:start + offset + 4] = b"\0\0\0\0"  # kim's time and date
    path.write_bytes(bytes(data))
    found, _ = origins(path)
    assert [(s, o.archive_time) for s, o in found] == [("kim", None), ("lee", found[1][1].archive_time)]
    assert found[1][1].archive_time is not None
