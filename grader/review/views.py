"""Review application, data: the class list's rows with filters and sorting, and the parsing of
a TA's form into a decision (points within their bounds)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from grader.results import SubmissionResult

SORTS = ("position", "student", "assignment", "score", "status")
STATUSES = ("pass", "fail", "error", "timeout")
MAX_COMMENT = 5000


@dataclass(frozen=True)
class Row:
    """One submission in the class list."""

    position: int
    """Its place in the last run (the submission's address: /s/<position>)."""
    result: SubmissionResult
    needs_review: bool
    """A manual item is unscored, or a decision is flagged "auto verdict changed, re-check"."""
    changed: bool
    """A TA changed its points or left a comment."""
    problems: int
    """Checks that do not pass."""


def row_of(position: int, result: SubmissionResult) -> Row:
    decisions = [c.override for c in result.checks if c.override]
    decisions += [d for d in (result.review, *(m.review for m in result.manual)) if d is not None]
    recheck = any(d.recheck for d in decisions)
    return Row(position, result, recheck or any(m.needs_review for m in result.manual), bool(decisions),
               sum(c.is_problem for c in result.checks))


@dataclass(frozen=True)
class Filters:
    """The class list's query: which submissions, in which order."""

    assignment: str = ""
    check: str = ""
    """A graded name or a check id: only submissions having it (with `status`, in that status)."""
    status: str = ""
    """pass, fail, error or timeout: some check (the `check` one, if given) has it; or
    "unreadable": the notebook could not be graded."""
    needs: bool = False
    sort: str = "position"
    descending: bool = False

    @classmethod
    def from_query(cls, get: Mapping[str, str]) -> "Filters":
        sort = get.get("sort", "position")
        return cls(get.get("assignment", ""), get.get("check", ""), get.get("status", ""),
                   get.get("needs", "") == "1", sort if sort in SORTS else "position", get.get("desc", "") == "1")

    def query(self, **changes) -> dict[str, str]:
        """The query string's arguments of these filters with `changes`, without defaults."""
        values = {"assignment": self.assignment, "check": self.check, "status": self.status,
                  "needs": "1" if self.needs else "", "sort": "" if self.sort == "position" else self.sort,
                  "desc": "1" if self.descending else ""} | changes
        return {k: v for k, v in values.items() if v}

    def keeps(self, row: Row) -> bool:
        r = row.result
        if self.assignment and r.assignment != self.assignment:
            return False
        if self.needs and not row.needs_review:
            return False
        if self.status == "unreadable":
            return r.status != "graded"
        if self.check or self.status:
            return any(self._check_matches(c.id) and (not self.status or c.status == self.status) for c in r.checks)
        return True

    def _check_matches(self, check_id: str) -> bool:
        return not self.check or check_id == self.check or check_id.split("/")[0] == self.check

    def apply(self, rows: Sequence[Row]) -> list[Row]:
        kept = [row for row in rows if self.keeps(row)]
        key = {"position": lambda w: w.position, "student": lambda w: (w.result.student, w.position),
               "assignment": lambda w: (w.result.assignment or "", w.result.student),
               "score": lambda w: (w.result.score / w.result.max_score if w.result.max_score else 0.0, w.position),
               "status": lambda w: (not w.needs_review, -w.problems, w.position)}[self.sort]
        return sorted(kept, key=key, reverse=self.descending)


def neighbours(rows: Sequence[Row], position: int) -> tuple[int | None, int | None]:
    """The positions before and after `position` in the filtered, sorted list."""
    order = [row.position for row in rows]
    if position not in order:
        return None, None
    at = order.index(position)
    return (order[at - 1] if at > 0 else None), (order[at + 1] if at + 1 < len(order) else None)


class BadDecision(ValueError):
    """A TA's form that cannot be kept; the message key says why."""

    def __init__(self, key: str, **values) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def points(text: str, low: float, high: float) -> float | None:
    """The points typed in a form: None when empty; BadDecision outside [low, high]."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise BadDecision("review.bad_number", got=text[:40]) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise BadDecision("review.out_of_range", got=text[:40], low=low, high=high)
    return value


def comment(text: str) -> str:
    """The comment typed in a form, without trailing spaces; BadDecision when too long."""
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_COMMENT:
        raise BadDecision("review.too_long", limit=MAX_COMMENT)
    return text
