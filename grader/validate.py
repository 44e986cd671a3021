"""Validate stage (`grade validate assignments/NAME`): is an assignment folder fit to grade with?

Checks that the rubric loads, every graded name has a reference that computes its expected
outputs, hidden cases are reproducible from their seed and change with it, the reference
notebook scores full marks and the template scores zero without crashing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from grader import rubric
from grader.checks import plan_assignment
from grader.discover import discover
from grader.errors import GraderError
from grader.grade import grade_submission
from grader.paths import SOLUTIONS_DIR
from grader.rubric import Assignment
from grader.sandbox import Sandbox


@dataclass(frozen=True)
class Finding:
    """One validation step and whether it held."""

    step: str
    ok: bool
    detail: str


def _same(a, b) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(a, b)
    return a == b


def check_plans(assignment: Assignment) -> list[Finding]:
    """References compute every check; hidden cases depend on the seed and only on it."""
    try:
        first, again, other = (plan_assignment(assignment, s) for s in (11, 11, 12))
    except GraderError as exc:
        return [Finding("references", False, exc.message)]
    graded = {p.graded.name for p in first}
    missing = [g.name for g in assignment.graded if g.name not in graded]
    findings = [Finding("references", not missing, f"{len(first)} checks planned" if not missing
                        else f"no checks for {', '.join(missing)}")]
    repeat = all(_same(a.inputs, b.inputs) and _same(a.expected, b.expected) for a, b in zip(first, again))
    findings.append(Finding("reproducible", repeat, "the same seed gives the same cases" if repeat
                            else "the same seed gave different cases"))
    hidden = [(a, b) for a, b in zip(first, other) if not a.public]
    fresh = all(not _same(a.inputs, b.inputs) for a, b in hidden)
    findings.append(Finding("fresh hidden cases", fresh, f"{len(hidden)} hidden cases change with the seed"
                            if fresh else "some hidden cases do not change with the seed"))
    public = all(_same(a.inputs, b.inputs) for a, b in zip(first, other) if a.public)
    findings.append(Finding("fixed public cases", public, "public cases are the same for every seed"
                            if public else "a public case changes with the seed"))
    return findings


def _grade_file(path: Path, assignment: Assignment, box: Sandbox):
    (submission,), _ = discover([str(path)], {assignment.name: assignment}, assignment.name)
    return grade_submission(submission, {assignment.name: assignment}, 11, box)


def check_notebooks(assignment: Assignment, box: Sandbox) -> list[Finding]:
    """The reference notebook scores full marks; the template scores zero without crashing."""
    findings = []
    reference = SOLUTIONS_DIR / assignment.name / f"{assignment.name}_reference.ipynb"
    template = assignment.folder / assignment.template
    for label, path, want in (("reference notebook", reference, assignment.max_score), ("template", template, 0.0)):
        if not path.is_file():
            findings.append(Finding(label, False, f"{path} does not exist"))
            continue
        result = _grade_file(path, assignment, box)
        ok = result.status == "graded" and abs(result.score - want) < 1e-9
        detail = (f"{result.score:g} / {result.max_score:g}" if result.status == "graded" else result.message)
        findings.append(Finding(label, ok, f"{path.name}: {detail} (expected {want:g})"))
    return findings


def validate(folder: Path, box: Sandbox, report: Callable[[Finding], None] = lambda f: None) -> bool:
    """Run every step on the assignment in `folder`; True when all hold."""
    try:
        assignment = rubric.load_assignment(folder)
    except GraderError as exc:
        report(Finding("rubric", False, exc.message))
        return False
    report(Finding("rubric", True, f"{assignment.name}: {len(assignment.graded)} graded names, "
                   f"{assignment.max_score:g} points"))
    ok = True
    for finding in check_plans(assignment) + check_notebooks(assignment, box):
        report(finding)
        ok = ok and finding.ok
    return ok
