"""The graded results that stages hand on to the report and store stages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class CheckResult:
    """One check of one submission, as results.json gives it."""

    id: str
    """`<graded name>/<case>` or the graded name alone."""
    status: str
    """"pass", "fail", "error" or "timeout"."""
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
    isolation: tuple[str, ...] = ()
    """The isolation layers that were active around the kernel."""

    def to_json(self) -> dict:
        """The results.json entry (DESIGN.md's contract, plus a few extra fields)."""
        return asdict(self)
