"""Score stage: points per check, with partial credit case by case."""

from __future__ import annotations

from grader.compare import Verdict
from grader.diagnose import Diagnosis
from grader.plan import CheckPlan
from grader.results import CheckResult


def score_check(plan: CheckPlan, verdict: Verdict, diagnosis: Diagnosis | None = None) -> CheckResult:
    """The check's points, message and evidence, with the diagnosis's hint when there is one."""
    points = plan.points
    details = verdict.details
    if diagnosis is not None:
        details = dict(details or {}) | dict(diagnosis.details)
    return CheckResult(
        id=plan.check_id,
        status=verdict.status,
        score=_earned(points, verdict),
        max_score=points,
        message=verdict.message,
        hint=diagnosis.hint if diagnosis is not None else None,
        traceback=verdict.traceback,
        public=plan.public,
        details=details,
    )


def _earned(points: float, verdict: Verdict) -> float:
    """All the points for a pass, nothing otherwise; a share of them with partial credit."""
    if verdict.credit is not None:
        return round(points * min(max(verdict.credit, 0.0), 1.0), 6)
    return points if verdict.status == "pass" else 0.0


def total(checks: tuple[CheckResult, ...]) -> float:
    return round(sum(c.score for c in checks), 6)
