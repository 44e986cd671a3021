"""Export stage, the class's gradebook: each submission's lateness, penalty and whether it
counts; one grade per roster student (roster order, missing as 0); submitters not on the roster
apart. Written as `submissions.csv`, `grades.csv` and `not_on_roster.csv`.
"""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Sequence

from grader import course as courses
from grader import layouts
from grader import roster as rosters
from grader.course import Course, Timing
from grader.discover import Submission
from grader.export import cell_text
from grader.messages import say
from grader.results import SubmissionResult

SUBMISSIONS_FILE = "submissions.csv"
NOT_ON_ROSTER_FILE = "not_on_roster.csv"


@dataclass(frozen=True)
class Entry:
    """One submission as the class's gradebook sees it."""

    index: int
    """Its place in the batch's results."""
    student: str
    """The roster's id when a roster row matched, else the layout's id."""
    name: str
    email: str
    on_roster: bool
    assignment: str
    path: str
    late: Timing
    raw: float | None
    """None: the machine failed to grade it (graded again on the next run)."""
    penalty: float
    keys: tuple[str, ...] = ()
    """The layout's keys of the submitter, normalised (to find them in an LMS gradebook)."""
    attempt: int = 0
    """The layout's resubmission number (Canvas's `-N`): the later of two without a time."""
    counted: bool = False

    @property
    def final(self) -> float | None:
        return None if self.raw is None else max(self.raw - self.penalty, 0.0)


@dataclass(frozen=True)
class Classbook:
    entries: tuple[Entry, ...]
    assignments: tuple[str, ...]
    roster: rosters.Roster | None
    problems: tuple[str, ...]
    maxima: dict[str, float] = field(default_factory=dict)
    """Each assignment's maximum score (the rubric's points)."""

    def entry_of(self, index: int) -> Entry | None:
        """The (first submitter's) entry of the batch's result `index`."""
        return next((e for e in self.entries if e.index == index), None)

    def grade(self, student: str, assignment: str) -> Entry | None:
        return next((e for e in self.entries if e.counted and e.student == student and e.assignment == assignment), None)

    def cell(self, student: str, assignment: str) -> float | None:
        """The grade of grades.csv: the counted final score; 0 for a roster student who handed
        nothing in; None (empty) when the only submissions wait to be graded again, or none
        was handed in and there is no roster."""
        entry = self.grade(student, assignment)
        if entry is not None:
            return entry.final
        pending = any(e.student == student and e.assignment == assignment for e in self.entries)
        return None if pending or self.roster is None else 0.0

    def students(self) -> list[tuple[str, str, str]]:
        """(id, name, email) of each row of grades.csv: the roster's order, else sorted ids."""
        if self.roster is not None:
            return [(s.id, s.name, s.email) for s in self.roster.students]
        return [(s, "", "") for s in sorted({e.student for e in self.entries})]

    def outsiders(self) -> list[Entry]:
        return [e for e in self.entries if not e.on_roster] if self.roster is not None else []


def _entry(index: int, result: SubmissionResult, sub: Submission, origin, roster, course: Course, lang: str,
           problems) -> Entry:
    """The entry of one submitter (`origin`) of `sub`, graded as `result`."""
    first = origin is sub.origin
    student = result.student if first or origin is None else origin.student
    name, email, on_roster = (origin.name if origin else None) or "", "", True
    if roster is not None:
        row, matches = rosters.match(roster, origin or layouts.plain(PurePosixPath(sub.student)), student)
        if len(matches) > 1:
            problems.append(say("roster.ambiguous", lang, path=sub.path, file=roster.file,
                                lines=", ".join(str(m.line) for m in matches)))
        on_roster = row is not None
        if row is not None:
            student, name, email = row.id, row.name, row.email
    assignment = result.assignment or ""
    late = courses.timing(origin, course.deadlines.get(assignment), course.late)
    raw = None if result.retry else result.score
    cut = courses.penalty(raw, late, course.late) if raw is not None else 0.0
    keys = tuple(rosters.normal(k) for k in (origin.keys if origin else ()) if k)
    attempt = origin.attempt if origin else 0
    return Entry(index, student, name, email, on_roster, assignment, result.path, late, raw, cut, keys, attempt)


def layout_problems(submissions: Sequence[Submission], lang: str = "en") -> list[str]:
    """The metadata problems the layouts met (grader/layouts.py), each once, in `lang`."""
    found = sorted({s.origin.problem for s in submissions if s.origin and s.origin.problem})
    return [say(key, lang, **dict(values)) for key, values in found]


def _order(e: Entry) -> tuple:
    when = e.late.submitted_at.timestamp() if e.late.submitted_at else float("-inf")
    return when, e.attempt, e.index


def _counted(group: list[Entry], policy: str) -> Entry | None:
    """The entry that counts. "latest": None while the latest waits to be graded again (the
    machine failed on it): the grade is then pending, never an older notebook's. "best": the
    best graded so far (one waiting can only raise it on the next run)."""
    graded = [e for e in group if e.raw is not None]
    if not graded:
        return None
    if policy == "best":
        return max(graded, key=lambda e: (e.final, _order(e)))
    on_time = [e for e in group if e.late.on_time]
    chosen = max(on_time or group, key=_order)
    return chosen if chosen.raw is not None else None


def build(results: Sequence[SubmissionResult], submissions: Sequence[Submission], roster=None,
          course: Course | None = None, lang: str = "en") -> Classbook:
    """The class's gradebook of a batch (`results[i]` graded `submissions[i]`). Without a course
    file no deadline applies and the best submission counts, as in grades.csv without one."""
    course = course or Course(count="best")
    problems = list(roster.problems if roster else ()) + list(course.problems)
    problems += layout_problems(submissions, lang)
    entries = [_entry(i, r, s, o, roster, course, lang, problems) for i, (r, s) in enumerate(zip(results, submissions))
               for o in ([s.origin, *s.origin.partners] if s.origin else [None])]
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in entries:
        if e.assignment and e.on_roster:
            groups[(e.student, e.assignment)].append(e)
    by_file_time = sum(e.late.source == "file time" and not e.late.on_time for e in entries)
    if by_file_time:  # a folder copied without its times after the deadline makes everyone late
        problems.append(say("course.file_times", lang, count=by_file_time))
    chosen = {id(c) for g in groups.values() if (c := _counted(g, course.count))}  # partners share an index
    entries = [replace(e, counted=id(e) in chosen) for e in entries]
    names = sorted({e.assignment for e in entries if e.assignment} | set(course.deadlines))
    maxima: dict[str, float] = {}
    for r in results:
        if r.assignment:
            maxima[r.assignment] = max(maxima.get(r.assignment, 0.0), r.max_score)
    return Classbook(tuple(entries), tuple(names), roster, tuple(problems), maxima)


def number(value: float | None) -> str:
    return "" if value is None else f"{value:.10g}"


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def grades_csv(book: Classbook) -> str:
    """One row per student (the roster's order), each assignment's counted final score; with a
    roster, `name`, `email`, a student without a submission as 0 and the `missing` column."""
    head = ["student", "name", "email"] if book.roster is not None else ["student"]
    rows = [[*head, *book.assignments, "total"] + (["missing"] if book.roster is not None else [])]
    for sid, name, email in book.students():
        scores = [book.cell(sid, a) for a in book.assignments]
        missing = [a for a in book.assignments if book.cell(sid, a) == 0.0 and book.grade(sid, a) is None]
        person = [cell_text(sid), cell_text(name), cell_text(email)] if book.roster is not None else [cell_text(sid)]
        rows.append([*person, *map(number, scores), number(sum(x or 0.0 for x in scores))]
                    + ([" ".join(missing)] if book.roster is not None else []))
    return _csv(rows)


def submissions_csv(book: Classbook) -> str:
    """One row per submission: who, what, when and from which source, late days, raw, penalty,
    final and whether it counts."""
    rows = [["student", "assignment", "path", "submitted_at", "time_source", "late_days", "raw", "penalty",
             "final", "counted"]]
    for e in book.entries:
        days = "" if e.late.late_seconds is None else f"{max(e.late.late_seconds, 0) / 86400:.2f}"
        rows.append([cell_text(e.student), e.assignment, cell_text(e.path),
                     e.late.submitted_at.isoformat() if e.late.submitted_at else "", e.late.source, days,
                     number(e.raw), number(e.penalty if e.raw is not None else None), number(e.final),
                     "yes" if e.counted else "no"])
    return _csv(rows)


def outsiders_csv(book: Classbook) -> str:
    rows = [["student", "name", "assignment", "path"]]
    rows += [[cell_text(e.student), cell_text(e.name), e.assignment, cell_text(e.path)] for e in book.outsiders()]
    return _csv(rows)


def write(out: Path, book: Classbook) -> None:
    """grades.csv (in place of the plain one), submissions.csv and, with a roster,
    not_on_roster.csv into `out`."""
    files = {"grades.csv": grades_csv(book), SUBMISSIONS_FILE: submissions_csv(book)}
    if book.roster is not None:
        files[NOT_ON_ROSTER_FILE] = outsiders_csv(book)
    for name, text in files.items():
        partial = out / f"{name}.{os.getpid()}.partial"  # two runs on one --out: each its own
        partial.write_text(text, encoding="utf-8")
        partial.replace(out / name)
