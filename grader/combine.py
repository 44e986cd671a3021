"""Score stage, across checks: how an assignment's groups of graded names combine.

alexnet_model can be done in PyTorch, in Keras, or both: with `[combine] how = "best_of"` the
group with the higher score counts and the other is shown but not counted (its checks keep
their verdicts and messages, with no points either way); `how = "both"` counts every check.
Graded names in no group always count.
"""

from __future__ import annotations

import dataclasses

from grader.messages import say
from grader.results import CheckResult
from grader.rubric import Assignment


def _graded_name(check: CheckResult) -> str:
    return check.id.split("/", 1)[0]


def combine(assignment: Assignment, checks: tuple[CheckResult, ...], lang: str = "en") -> tuple[CheckResult, ...]:
    """The checks with the groups that do not count set to no points (best_of only)."""
    if assignment.combine != "best_of" or len(assignment.groups) < 2:
        return checks
    group_of = {name: group for group, names in assignment.groups.items() for name in names}
    totals = {group: sum(c.score for c in checks if group_of.get(_graded_name(c)) == group)
              for group in assignment.groups}
    best = max(assignment.groups, key=lambda g: totals[g])  # the first group wins a tie
    out = []
    for check in checks:
        group = group_of.get(_graded_name(check))
        if group is None or group == best:
            out.append(check)
            continue
        note = say("combine.not_counted", lang, group=group, best=best, score=totals[group], best_score=totals[best])
        out.append(dataclasses.replace(check, score=0.0, max_score=0.0, message=check.message + note,
                                       details=dict(check.details or {}) | {"not_counted": best}))
    return tuple(out)
