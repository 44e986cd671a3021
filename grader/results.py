"""The graded results that stages hand on to the report and store stages."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class CheckResult:
    """One check of one submission, as results.json gives it."""

    id: str
    """`<graded name>/<case>` or the graded name alone."""
    status: str
    """"pass", "fail", "error" or "timeout"; "staff" (students' distribution only): judged by the
    course staff, not counted here."""
    score: float
    max_score: float
    message: str
    hint: str | None = None
    """A named likely mistake, when one is known; None otherwise."""
    traceback: str | None = None
    """The student's own traceback, when their code raised."""
    public: bool = False
    details: dict | None = None
    """Structured evidence for the report, such as two layer tables side by side."""

    @property
    def is_problem(self) -> bool:
        """Whether the student has something to fix here (neither a pass nor left to the staff)."""
        return self.status not in ("pass", "staff")


@dataclass(frozen=True)
class CellSummary:
    """A student cell that did not simply succeed, for the report."""

    index: int
    status: str
    ename: str | None
    evalue: str | None


@dataclass(frozen=True)
class SubmissionResult:
    """Everything graded about one notebook."""

    student: str
    assignment: str | None
    path: str
    status: str
    """"graded" when the checks ran, "error" when the notebook could not be graded at all."""
    score: float
    max_score: float
    checks: tuple[CheckResult, ...] = ()
    message: str | None = None
    """Why the status is "error"."""
    sha256: str = ""
    cells: tuple[CellSummary, ...] = field(default_factory=tuple)
    seconds: float = 0.0
    """Wall time of the grading; kept in the gradebook, not in results.json (runs compare equal)."""
    retry: bool = False
    """True when the grader itself failed on this notebook: the gradebook does not keep such a
    result, so the next run grades the notebook again."""
    isolation: tuple[str, ...] = ()
    """The isolation layers that were active around the kernel."""

    def to_json(self) -> dict:
        """The results.json entry: DESIGN.md's contract plus sha256 and cells (and `retry` when
        set); deterministic for a notebook, rubric, grader version and seed, so it holds no timing."""
        entry = asdict(self)
        del entry["seconds"]
        if not self.retry:  # "retry": true marks a result the machine failed to produce
            del entry["retry"]
        return entry

    @classmethod
    def from_json(cls, entry: Mapping[str, Any], seconds: float = 0.0) -> "SubmissionResult":
        """The inverse of `to_json` (extra keys, such as a report link, are ignored)."""
        fields = {k: entry[k] for k in _RESULT_FIELDS if k in entry}
        checks = tuple(CheckResult(**{k: c[k] for k in _CHECK_FIELDS if k in c}) for c in entry.get("checks", ()))
        cells = tuple(CellSummary(**c) for c in entry.get("cells", ()))
        return cls(**fields | {"checks": checks, "cells": cells, "seconds": seconds,
                               "isolation": tuple(entry.get("isolation", ()))})


_CHECK_FIELDS = tuple(f.name for f in dataclasses.fields(CheckResult))
_RESULT_FIELDS = tuple(f.name for f in dataclasses.fields(SubmissionResult)
                       if f.name not in ("checks", "cells", "seconds"))
