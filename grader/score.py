"""Score stage: points per check, with partial credit case by case."""

from __future__ import annotations

from grader.compare import Verdict
from grader.plan import CheckPlan
from grader.results import CheckResult


def score_check(plan: CheckPlan, verdict: Verdict) -> CheckResult:
    points = plan.points
    return CheckResult(
        id=plan.check_id,
        status=verdict.status,
        score=points if verdict.status == "pass" else 0.0,
        max_score=points,
        message=verdict.message,
        traceback=verdict.traceback,
        public=plan.public,
        details=verdict.details,
    )


def total(checks: tuple[CheckResult, ...]) -> float:
    return round(sum(c.score for c in checks), 6)
