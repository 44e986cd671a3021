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
    override: "Override | None" = None
    """A TA's points and comment in place of the automatic score (grade review); `score` is then
    the TA's, `status` stays the automatic verdict."""

    @property
    def is_problem(self) -> bool:
        """Whether the student has something to fix here (neither a pass nor left to the staff)."""
        return self.status not in ("pass", "staff")


CELL_KEYS = ("cell.broken_messaging", "cell.output_limit.cell", "cell.output_limit.notebook",
             "cell.output_limit.message", "cell.memory_limit", "cell.notebook_timeout")


@dataclass(frozen=True)
class CellSummary:
    """A student cell that did not simply succeed, for the report. `evalue` is the exception's
    text, or the grader's own words on the cell (one of CELL_KEYS, in English as results.json
    keeps it; pages say it in their language)."""

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
    manual: tuple["ManualResult", ...] = ()
    """The rubric's items a TA scores by hand (`[[manual]]`), counted in score and max_score."""
    review: "Override | None" = None
    """A TA's comment on the whole submission and the adjustment (`score`) added to its total."""
    auto_score: float | None = None
    """The automatic score, when a TA changed the final one (None: no human change)."""

    def to_json(self) -> dict:
        """The results.json entry: DESIGN.md's contract plus sha256 and cells (and `retry` when
        set); deterministic for a notebook, rubric, grader version and seed, so it holds no timing."""
        entry = asdict(self)
        del entry["seconds"]
        if not self.retry:  # "retry": true marks a result the machine failed to produce
            del entry["retry"]
        for check in entry["checks"]:  # results without a TA's decision stay as they were
            if check["override"] is None:
                del check["override"]
        for item in entry["manual"]:  # the automatic note only where the rubric asks for one
            if item["note"] is None:
                del item["note"]
        for name in ("manual", "review", "auto_score"):
            if entry[name] in (None, ()):
                del entry[name]
        return entry

    @classmethod
    def from_json(cls, entry: Mapping[str, Any], seconds: float = 0.0) -> "SubmissionResult":
        """The inverse of `to_json` (extra keys, such as a report link, are ignored)."""
        fields = {k: entry[k] for k in _RESULT_FIELDS if k in entry}
        checks = tuple(CheckResult(**{k: c[k] for k in _CHECK_FIELDS if k in c}
                                   | {"override": Override.from_json(c.get("override"))})
                       for c in entry.get("checks", ()))
        cells = tuple(CellSummary(**c) for c in entry.get("cells", ()))
        manual = tuple(ManualResult(**{k: m[k] for k in ("name", "description", "max_score")},
                                    review=Override.from_json(m.get("review")),
                                    note=ModelComments.from_json(m.get("note"))) for m in entry.get("manual", ()))
        return cls(**fields | {"checks": checks, "cells": cells, "seconds": seconds,
                               "isolation": tuple(entry.get("isolation", ())), "manual": manual,
                               "review": Override.from_json(entry.get("review"))})


@dataclass(frozen=True)
class Override:
    """A TA's decision kept in the gradebook (grade review), with who, when and what it replaced."""

    score: float | None
    """check: the points given; manual item: its points (None: not scored yet); submission: the
    adjustment added to the total."""
    comment: str
    by: str
    at: str
    """When, as ISO 8601 UTC."""
    auto_status: str | None = None
    """The automatic verdict it replaced (check: its status; submission: its status)."""
    auto_score: float | None = None
    """The automatic points it replaced (check: its score; submission: its total)."""
    recheck: bool = False
    """The automatic verdict has changed since the TA decided: "auto verdict changed, re-check"."""

    @classmethod
    def from_json(cls, entry: Mapping[str, Any] | None) -> "Override | None":
        return None if entry is None else cls(**{k: entry[k] for k in _OVERRIDE_FIELDS if k in entry})


@dataclass(frozen=True)
class ManualResult:
    """A rubric item only a TA can score (`[[manual]]`, e.g. "explains the model in comments")."""

    name: str
    description: str
    max_score: float
    review: Override | None = None
    """The TA's points and comment; None (or points None) until a TA scores it."""
    note: "ModelComments | None" = None
    """The automatic note shown beside it (`note = "model_comments"` in the rubric); None: none."""

    @property
    def score(self) -> float:
        return 0.0 if self.needs_review else float(self.review.score)

    @property
    def needs_review(self) -> bool:
        return self.review is None or self.review.score is None


@dataclass(frozen=True)
class ModelComments:
    """How many comment and docstring lines the notebook's model cells hold (grader/comment_note.py)."""

    model_cells: int
    """Code cells that define a model (0: none found)."""
    comment_lines: int
    docstring_lines: int

    @classmethod
    def from_json(cls, entry: Mapping[str, Any] | None) -> "ModelComments | None":
        return None if entry is None else cls(**{k: int(entry[k]) for k in ("model_cells", "comment_lines",
                                                                            "docstring_lines")})


_CHECK_FIELDS = tuple(f.name for f in dataclasses.fields(CheckResult) if f.name != "override")
_RESULT_FIELDS = tuple(f.name for f in dataclasses.fields(SubmissionResult)
                       if f.name not in ("checks", "cells", "seconds", "manual", "review"))
_OVERRIDE_FIELDS = tuple(f.name for f in dataclasses.fields(Override))
