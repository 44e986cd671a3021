"""Unit tests of grader/course.py: deadlines with zones, the late policy, time sources."""
from datetime import datetime, timedelta, timezone

import pytest

from grader.course import LatePolicy, penalty, read_course, timing
from grader.errors import UsageError
from grader.layouts import Origin

KST = timezone(timedelta(hours=9))
DEADLINE = datetime(2026, 3, 15, 23, 59, tzinfo=KST)


def course(tmp_path, text):
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    return read_course(str(path))


def test_deadlines_need_a_time_zone_named_by_line(tmp_path):
    c = course(tmp_path, 'count = "best"\n[late]\nper = "hour"\npenalty = 5\n\n'
                         '[assignments.conv_numpy]\ndeadline = 2026-03-15T23:59:00+09:00\nlms_column = "Conv"\n\n'
                         '[assignments.alexnet_params]\n# the week after\ndeadline = 2026-03-22T23:59:00\n'
                         '[assignments.alexnet_model]\ndeadline = "next friday"\n')
    assert c.deadlines == {"conv_numpy": DEADLINE} and c.count == "best" and c.columns == {"conv_numpy": "Conv"}
    assert c.late == LatePolicy("hour", 5.0)
    assert c.problems == (
        "course.toml line 12: the deadline of alexnet_params has no time zone (write it as "
        "2026-03-15T23:59:00+09:00); it has no deadline",
        "course.toml line 14: the deadline of alexnet_model is not an ISO 8601 date and time; it has no deadline")


@pytest.mark.parametrize("text, match", [('count = "first"', "latest"), ("[late]\nper = 'week'", "day"),
                                         ("[late\n", "cannot be read"), ("[late]\npenalty = 'ten'", "not a number")])
def test_a_course_file_that_cannot_be_used_is_a_usage_error(tmp_path, text, match):
    with pytest.raises(UsageError, match=match):
        course(tmp_path, text)


POLICY = LatePolicy("day", 10, grace_minutes=15, cap=25, reject_after_days=5)


@pytest.mark.parametrize("after, units, rejected, cut", [
    (timedelta(minutes=-5), 0, False, 0.0), (timedelta(minutes=15), 0, False, 0.0),
    (timedelta(minutes=16), 1, False, 1.0), (timedelta(days=1, seconds=1), 2, False, 2.0),
    (timedelta(days=4), 4, False, 2.5), (timedelta(days=5, minutes=1), 6, True, 10.0)])
def test_per_started_day_with_grace_cap_and_rejection(after, units, rejected, cut):
    late = timing(Origin("gradescope", "s", submitted_at=(DEADLINE + after).isoformat(), source="gradescope created_at"),
                  DEADLINE, POLICY)
    assert (late.units, late.rejected, late.source) == (units, rejected, "gradescope created_at")
    assert penalty(10.0, late, POLICY) == pytest.approx(cut)


def test_per_started_hour():
    late = timing(Origin("x", "s", submitted_at=(DEADLINE + timedelta(hours=2, minutes=1)).isoformat()),
                  DEADLINE, LatePolicy("hour", 10))
    assert late.units == 3 and penalty(10.0, late, LatePolicy("hour", 10)) == pytest.approx(3.0)


def test_time_sources_in_order():
    flagged = timing(Origin("canvas", "s", late=True), DEADLINE, POLICY)
    assert (flagged.source, flagged.late_seconds, flagged.units) == ("canvas late flag", None, 1)
    assert timing(Origin("canvas", "s", late=False), DEADLINE, POLICY).units == 0
    zipped = timing(Origin("plain", "s", archive_time="2026-03-16T01:00:00"), DEADLINE, POLICY)
    assert (zipped.source, zipped.submitted_at, zipped.units) == ("archive member time", datetime(2026, 3, 16, 1, tzinfo=KST), 1)
    on_disk = timing(Origin("plain", "s", file_time=DEADLINE.timestamp() - 60), DEADLINE, POLICY)
    assert (on_disk.source, on_disk.units) == ("file time", 0)
    assert timing(None, DEADLINE, POLICY).source == "unknown"
    assert timing(Origin("plain", "s", file_time=0.0), None, POLICY).units == 0


@pytest.mark.parametrize("late", ["penalty = -10", "penalty = nan", "cap = 150", "cap = -1", "grace_minutes = -30",
                                  "reject_after_days = -1", "penalty = inf", "grace_minutes = nan"])
def test_a_late_policy_that_would_add_points_or_give_nan_is_a_usage_error(tmp_path, late):
    # a negative penalty gave late students more than full marks; nan or inf wrote "nan" as their grade
    with pytest.raises(UsageError, match=late.split(" ")[0]):
        course(tmp_path, f"[late]\n{late}\n")


@pytest.mark.parametrize("written", ["2026-03-16T01:00:00", "2026-03-16 01:00:00", "2026-03-16"])
def test_a_layout_time_without_a_zone_is_read_as_utc_not_a_crash(written):
    # Gradescope metadata with a quoted time or a bare date: comparing it with the deadline raised
    # TypeError (naive and aware) at the end of the batch, after every notebook was graded
    late = timing(Origin("gradescope", "s", submitted_at=written, source="gradescope created_at"), DEADLINE, POLICY)
    expected = datetime.fromisoformat(written).replace(tzinfo=timezone.utc)
    assert late.submitted_at == expected and late.source == "gradescope created_at" and late.units >= 1


@pytest.mark.parametrize("text, match", [
    ('assignments = ["conv_numpy"]', r"\[assignments\] must be a table"),  # crashed: AttributeError
    ("late = 5", r"\[late\] must be a table"),  # crashed: AttributeError
    ('[assignments]\nconv_numpy = "2026-03-15T23:59:00+09:00"', r"\[assignments.conv_numpy\] must be a table"),
    ("[late]\npenality = 10", r"\[late\] has no setting penality"),  # a typo: no penalty for anyone
    ("[late]\npenalty = 10\n[assignments.conv_numpy]\ndeadlin = 2026-03-15T23:59:00+09:00",
     r"\[assignments.conv_numpy\] has no setting deadlin"),
    ("[lates]\npenalty = 10", r"has no setting lates"),
    ("[late]\nreject_after_days = true", "not a number"),  # read as 1 day
])
def test_a_course_file_whose_tables_are_misshapen_or_misspelt_stops_before_grading(tmp_path, text, match):
    # each of these was silently ignored (no deadline, no penalty for anyone) or crashed with a traceback
    with pytest.raises(UsageError, match=match):
        course(tmp_path, text)


@pytest.mark.parametrize("seconds", [1e12, -1e12, 253402300800.0])
def test_a_file_time_out_of_datetime_s_range_is_no_time_not_a_crash(seconds):
    # a file whose modification time was set to year 33658 (touch -d, a tar of a hostile upload):
    # the class's gradebook crashed at the end of the batch with "ValueError: year is out of range"
    late = timing(Origin("plain", "s", file_time=seconds), DEADLINE, POLICY)
    assert (late.submitted_at, late.source, late.units) == (None, "unknown", 0)
