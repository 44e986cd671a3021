"""Dashboard stage: the class-level figures of a batch, as plain data for the report stage.

Per assignment: the score distribution, each check's pass rate and the most common failure
messages; per student: one grade per assignment (the best of their submissions) and a total.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import mean, median
from typing import Sequence

from grader.results import SubmissionResult

BINS = 10
TOP_FAILURES = 8
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Bin:
    """One bar of a score histogram: scores in [low, high) percent, full marks alone at 100."""

    label: str
    """`30–40%`, or `100%` for full marks."""
    tick: str
    """The short axis label: `30%`, or `full`."""
    count: int
    height: float
    """Bar height as a fraction of the tallest bar (0 to 1)."""


@dataclass(frozen=True)
class CheckRate:
    id: str
    passed: int
    total: int

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


@dataclass(frozen=True)
class CommonFailure:
    """Failed checks whose messages agree once numbers are set aside (or that share a hint)."""

    graded: str
    """The graded name the checks belong to."""
    message: str
    """One of the messages, as a student read it."""
    hint: str | None
    count: int
    students: int


@dataclass(frozen=True)
class AssignmentSummary:
    name: str
    submissions: int
    errors: int
    """Submissions that could not be graded at all (they count as 0 in the figures)."""
    max_score: float
    mean: float
    median: float
    full_marks: int
    histogram: tuple[Bin, ...]
    checks: tuple[CheckRate, ...]
    failures: tuple[CommonFailure, ...]
    similarity: str | None = None
    """The staff's similarity page of this assignment (`similarity.html#NAME`), when the batch
    compared it: notebooks of two students or more."""


NOT_GRADED = "not_graded"
"""A grade cell's status when the machine failed to grade the submission (it has no grade yet)."""


@dataclass(frozen=True)
class GradeCell:
    """One student's grade in one assignment: the best of their submissions of it."""

    score: float
    max_score: float
    status: str
    index: int
    """Position of the submission counted, in the batch's results."""


@dataclass(frozen=True)
class StudentRow:
    student: str
    grades: tuple[GradeCell | None, ...]
    """One per assignment column; None where the student submitted nothing."""
    total: float


@dataclass(frozen=True)
class GradeTable:
    assignments: tuple[str, ...]
    max_scores: tuple[float, ...]
    rows: tuple[StudentRow, ...]


def histogram(fractions: Sequence[float], bins: int = BINS) -> tuple[Bin, ...]:
    """Scores as fractions of the maximum, in `bins` equal bins plus one for full marks."""
    counts = [0] * (bins + 1)
    for f in fractions:
        counts[bins if f >= 1 else min(int(max(f, 0.0) * bins), bins - 1)] += 1
    tallest = max(counts) or 1
    step = 100 // bins
    labels = [f"{i * step}–{(i + 1) * step}%" for i in range(bins)] + ["100%"]
    ticks = [f"{i * step}%" for i in range(bins)] + ["full"]
    return tuple(Bin(label, tick, c, c / tallest) for label, tick, c in zip(labels, ticks, counts))


def check_rates(results: Sequence[SubmissionResult]) -> tuple[CheckRate, ...]:
    """Pass counts per check id, in the order the checks first appear."""
    passed: dict[str, int] = {}
    total: Counter[str] = Counter()
    for r in results:
        for c in r.checks:
            passed[c.id] = passed.get(c.id, 0) + (c.status == "pass")
            total[c.id] += 1
    return tuple(CheckRate(i, passed[i], total[i]) for i in passed)


def failure_key(graded: str, message: str, hint: str | None) -> tuple[str, str]:
    """Messages that differ only in their numbers (errors, indices, values) fall together."""
    return graded, hint if hint else _NUMBER.sub("#", message)


def common_failures(results: Sequence[SubmissionResult], top: int = TOP_FAILURES) -> tuple[CommonFailure, ...]:
    """The most frequent kinds of failed check, most frequent first (ties by name)."""
    seen: dict[tuple[str, str], list] = {}
    students: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for r in results:
        for c in r.checks:
            if c.status == "pass":
                continue
            graded = c.id.split("/")[0]
            key = failure_key(graded, c.message, c.hint)
            seen.setdefault(key, [c.message, c.hint, 0])[2] += 1
            students[key].add(r.student)
    ranked = sorted(seen, key=lambda k: (-seen[k][2], k))
    return tuple(CommonFailure(k[0], seen[k][0], seen[k][1], seen[k][2], len(students[k])) for k in ranked[:top])


def summarize(name: str, results: Sequence[SubmissionResult]) -> AssignmentSummary:
    """The figures of one assignment's submissions (all of them with the same maximum)."""
    top = max((r.max_score for r in results), default=0.0)
    scores = [r.score for r in results]
    fractions = [s / top if top else 0.0 for s in scores]
    return AssignmentSummary(
        name=name, submissions=len(results), errors=sum(r.status != "graded" for r in results),
        max_score=top, mean=mean(scores) if scores else 0.0, median=median(scores) if scores else 0.0,
        full_marks=sum(f >= 1 for f in fractions), histogram=histogram(fractions),
        checks=check_rates(results), failures=common_failures(results),
        similarity=similarity_link(name, results))


def similarity_link(name: str, results: Sequence[SubmissionResult]) -> str | None:
    """Where the batch's similarity page shows this assignment, if it compared it (the batch
    writes similarity.html for two notebooks or more; an assignment needs two students)."""
    return f"similarity.html#{name}" if len({r.student for r in results}) >= 2 else None


def summarize_all(results: Sequence[SubmissionResult]) -> tuple[AssignmentSummary, ...]:
    """One summary per known assignment, by name; unidentified submissions have none."""
    by_name: defaultdict[str, list[SubmissionResult]] = defaultdict(list)
    for r in results:
        if r.assignment:
            by_name[r.assignment].append(r)
    return tuple(summarize(n, by_name[n]) for n in sorted(by_name))


def _better(cell: GradeCell | None, r: SubmissionResult, index: int) -> GradeCell:
    """The better of two submissions; one the machine failed to grade ("not_graded", to be
    graded on the next run) counts less than any graded one."""
    status = NOT_GRADED if r.retry else r.status
    if cell is not None and (cell.score, cell.status != NOT_GRADED) >= (r.score, status != NOT_GRADED):
        return cell
    return GradeCell(r.score, r.max_score, status, index)


def grade_table(results: Sequence[SubmissionResult]) -> GradeTable:
    """One row per student (sorted), one column per assignment (sorted), best submission each."""
    names = sorted({r.assignment for r in results if r.assignment})
    column = {n: i for i, n in enumerate(names)}
    grid: dict[str, list[GradeCell | None]] = {}
    maxima = [0.0] * len(names)
    for index, r in enumerate(results):
        if not r.assignment:
            continue
        row = grid.setdefault(r.student, [None] * len(names))
        j = column[r.assignment]
        row[j] = _better(row[j], r, index)
        maxima[j] = max(maxima[j], r.max_score)
    rows = tuple(StudentRow(s, tuple(grid[s]), sum(c.score for c in grid[s] if c)) for s in sorted(grid))
    return GradeTable(tuple(names), tuple(maxima), rows)
