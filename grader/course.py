"""Course: deadlines, the late policy and which submission counts (`--course course.toml`),
and how late a submission was.

    count = "latest"                  # or "best": which of a student's submissions counts
    [late]
    per = "day"                       # or "hour": a penalty per started day (hour) late
    penalty = 10                      # percent of the score per started day (hour)
    grace_minutes = 15                # later than the deadline by at most this: on time
    cap = 50                          # percent, the most the penalty takes
    reject_after_days = 7             # later than this: not accepted (0 points)
    [assignments.conv_numpy]
    deadline = 2026-03-15T23:59:00+09:00   # ISO 8601 with a time zone
    lms_column = "Convolution (123456)"    # optional: its column in the LMS gradebook
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from grader.errors import UsageError
from grader.layouts import Origin
from grader.messages import say

UNITS = {"day": 86400, "hour": 3600}
POLICIES = ("latest", "best")


@dataclass(frozen=True)
class LatePolicy:
    per: str = "day"
    penalty: float = 0.0
    """Percent of the score taken per started `per` late."""
    grace_minutes: float = 0.0
    cap: float = 100.0
    """Percent: the most the penalty takes."""
    reject_after_days: float | None = None


@dataclass(frozen=True)
class Course:
    deadlines: dict[str, datetime] = field(default_factory=dict)
    late: LatePolicy = LatePolicy()
    count: str = "latest"
    columns: dict[str, str] = field(default_factory=dict)
    """Assignment -> its column in the LMS gradebook, when course.toml names one."""
    problems: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    """Every assignment course.toml has a table for (a deadline that cannot be used included)."""


@dataclass(frozen=True)
class Timing:
    """When a submission came in, by which source, and what that costs it."""

    submitted_at: datetime | None
    source: str
    """"gradescope created_at", "nbgrader timestamp.txt", "canvas late flag", "archive member
    time", "file time" or "unknown"."""
    late_seconds: float | None
    """After the deadline (None: late by an unknown amount, or no deadline)."""
    units: int
    """Started days (hours) late, past the grace period; 0 on time."""
    rejected: bool
    per: str = "day"
    """The unit of `units`: "day" or "hour"."""

    @property
    def on_time(self) -> bool:
        return self.units == 0 and not self.rejected


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _deadline(name: str, value, text: str, file: str, lang: str) -> tuple[datetime | None, str | None]:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            value = None
    line = _line_of(text, f"[assignments.{name}]")
    line = line + _line_of("\n".join(text.splitlines()[line - 1:]), "deadline") - 1
    if not isinstance(value, datetime):
        return None, say("course.bad_deadline", lang, file=file, line=line, assignment=name)
    if value.tzinfo is None:
        return None, say("course.no_zone", lang, file=file, line=line, assignment=name)
    return value, None


def _policy(table: dict, file: str, lang: str) -> LatePolicy:
    if any(isinstance(v, bool) for v in table.values()):  # true is not 1 day nor 1 percent
        raise UsageError(say("course.bad_late", lang, file=file))
    try:
        policy = LatePolicy(str(table.get("per", "day")), float(table.get("penalty", 0)),
                            float(table.get("grace_minutes", 0)), float(table.get("cap", 100)),
                            None if table.get("reject_after_days") is None else float(table["reject_after_days"]))
    except (TypeError, ValueError):
        raise UsageError(say("course.bad_late", lang, file=file)) from None
    if policy.per not in UNITS:
        raise UsageError(say("course.bad_per", lang, file=file, got=policy.per))
    _in_range(policy, file, lang)
    return policy


def _in_range(policy: LatePolicy, file: str, lang: str) -> None:
    """Raise UsageError for a value that would add points or make a grade nan: percents
    from 0 to 100, durations of 0 or more, all finite."""
    for name in ("penalty", "cap"):
        value = getattr(policy, name)
        if not 0 <= value <= 100:  # false for nan
            raise UsageError(say("course.bad_percent", lang, file=file, name=name, got=value))
    for name in ("grace_minutes", "reject_after_days"):
        value = getattr(policy, name)
        if value is not None and not 0 <= value < math.inf:
            raise UsageError(say("course.bad_duration", lang, file=file, name=name, got=value))


SETTINGS = {"": ("count", "late", "assignments"), "late": ("per", "penalty", "grace_minutes", "cap", "reject_after_days"),
            "assignments.*": ("deadline", "lms_column")}
"""The settings of each table of course.toml: any other is a typo that would drop a deadline or a penalty."""


def _check_shape(document: dict, file: str, lang: str) -> None:
    """Raise UsageError for a table that is not one, or a setting course.toml does not have."""
    tables = [("", document)]
    for name in ("late", "assignments"):
        if name in document and not isinstance(document[name], dict):
            raise UsageError(say("course.not_table", lang, file=file, table=name, got=document[name]))
    tables.append(("late", document.get("late", {})))
    for name, table in document.get("assignments", {}).items():
        if not isinstance(table, dict):
            raise UsageError(say("course.not_table", lang, file=file, table=f"assignments.{name}", got=table))
        tables.append((f"assignments.{name}", table))
    for name, table in tables:
        known = SETTINGS["assignments.*" if name.startswith("assignments.") else name]
        for key in table:
            if key not in known:
                raise UsageError(say("course.unknown_key", lang, file=file, table=f"[{name}]" if name else "the file",
                                     setting=key, known=", ".join(known)))


def read_course(path: str, lang: str = "en") -> Course:
    """The course file at `path`; raises UsageError when it cannot be read at all. A deadline
    that cannot be used is a problem named with its line; that assignment has no deadline."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
        document = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(say("course.unreadable", lang, file=path, reason=exc)) from None
    count = str(document.get("count", "latest"))
    if count not in POLICIES:
        raise UsageError(say("course.bad_count", lang, file=path, got=count))
    _check_shape(document, path, lang)
    deadlines, columns, problems = {}, {}, []
    for name, table in (document.get("assignments") or {}).items():
        if "lms_column" in table:
            columns[name] = str(table["lms_column"])
        if "deadline" in table:
            when, problem = _deadline(name, table["deadline"], text, file.name, lang)
            if when is not None:
                deadlines[name] = when
            else:
                problems.append(problem)
    return Course(deadlines, _policy(document.get("late") or {}, path, lang), count, columns, tuple(problems),
                  tuple(document.get("assignments") or {}))


TIME_SOURCES = {"gradescope created_at": "source.gradescope", "nbgrader timestamp.txt": "source.nbgrader",
                "canvas late flag": "source.canvas", "layout metadata": "source.layout",
                "archive member time": "source.archive", "file time": "source.file", "unknown": "source.unknown"}
"""Each time source (Timing.source, kept in English in submissions.csv) and its catalogue key."""


def source_in(source: str, lang: str) -> str:
    """A time source as a page in `lang` shows it (as it is when the catalogue has no key for it)."""
    return say(TIME_SOURCES[source], lang) if source in TIME_SOURCES else source


def submitted(origin: Origin | None, zone) -> tuple[datetime | None, str]:
    """When a submission came in and which source said so: the layout's metadata, else the
    archive member's time (read in the deadline's zone), else the file's time."""
    if origin is None:
        return None, "unknown"
    if origin.submitted_at:
        try:
            when = datetime.fromisoformat(origin.submitted_at)
            when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)  # a quoted time, a bare date: UTC
        except ValueError:
            when = None
        if when is not None:
            return when, origin.source or "layout metadata"
    if origin.late is not None:
        return None, "canvas late flag"
    if origin.archive_time:
        return datetime.fromisoformat(origin.archive_time).replace(tzinfo=zone), "archive member time"
    if origin.file_time is not None:
        try:
            return datetime.fromtimestamp(origin.file_time, timezone.utc), "file time"
        except (ValueError, OverflowError, OSError):  # a time set to year 33658: no time from it
            pass
    return None, "unknown"


def timing(origin: Origin | None, deadline: datetime | None, policy: LatePolicy) -> Timing:
    """How late a submission was for `deadline` (None: no deadline, always on time)."""
    when, source = submitted(origin, deadline.tzinfo if deadline else timezone.utc)
    if deadline is None:
        return Timing(when, source, None, 0, False, policy.per)
    if when is None:  # Canvas says late or not; by how much it does not say: one started unit
        late = bool(origin and origin.late)
        return Timing(None, source, None, int(late), False, policy.per)
    seconds = (when - deadline).total_seconds()
    if seconds <= policy.grace_minutes * 60:
        return Timing(when, source, seconds, 0, False, policy.per)
    rejected = policy.reject_after_days is not None and seconds > policy.reject_after_days * 86400
    return Timing(when, source, seconds, math.ceil(seconds / UNITS[policy.per]), rejected, policy.per)


def penalty(raw: float, late: Timing, policy: LatePolicy) -> float:
    """Points taken from `raw` for lateness: all of them when not accepted."""
    if late.rejected:
        return raw
    return raw * min(late.units * policy.penalty, policy.cap) / 100
