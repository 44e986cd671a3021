"""Score stage: points per check, with partial credit case by case."""

from __future__ import annotations

from grader.compare import Verdict
from grader.plan import CallPlan
from grader.results import CheckResult


def case_points(plan: CallPlan) -> float:
    """A graded name's points, split evenly over its cases."""
    return plan.graded.points / len(plan.graded.cases)


def score_check(plan: CallPlan, verdict: Verdict) -> CheckResult:
    points = case_points(plan)
    return CheckResult(
        id=plan.check_id,
        status=verdict.status,
        score=points if verdict.status == "pass" else 0.0,
        max_score=points,
        message=verdict.message,
        traceback=verdict.traceback,
        public=plan.case.public,
    )


def total(checks: tuple[CheckResult, ...]) -> float:
    return round(sum(c.score for c in checks), 6)
