"""Plan stage: what every check of an assignment sends into the kernel and expects back.

Hidden inputs are drawn here from the submission's seed (grader/seed.py) and expected outputs
computed with the reference, in the grader's own process; the kernel only ever receives the inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from grader.rubric import Graded


@dataclass(frozen=True)
class CheckPlan:
    """One check: the harness request, its inputs, and what the judge compares with."""

    check_id: str
    """`<graded name>/<case>` or the graded name alone."""
    graded: Graded
    points: float
    public: bool
    request: Mapping[str, Any]
    """JSON for the kernel-side harness: `kind` plus what that kind needs."""
    inputs: Mapping[str, Any] = field(default_factory=dict)
    """Name -> array (sent as .npy) or plain value (sent as JSON)."""
    outputs: tuple[str, ...] = ()
    """Names of the arrays the harness must write back when it succeeds."""
    expected: Any = None
    """What the kind's judge compares the kernel's answer with; never sent to the kernel."""
    judged_by: str = "reference"
    """"reference" (the kind's judge), "lock" (a hash-locked expectation) or "staff" (left to the
    course staff: the students' distribution cannot judge it; see grader/checks/locked.py)."""


def check_id(graded: Graded, case_name: str | None) -> str:
    return graded.name if case_name is None else f"{graded.name}/{case_name}"
