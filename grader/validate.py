"""Validate stage (`grade validate assignments/NAME`): is an assignment folder fit to grade with?

Checks that the rubric loads, every graded name has a reference that computes its expected
outputs, hidden cases are reproducible from their seed and change with it, the reference
notebook scores full marks and the template scores zero without crashing. Every step's line
is said in the language asked for (grader/messages: `validate.*`).
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
from grader.messages import say
from grader.paths import SOLUTIONS_DIR
from grader.rubric import Assignment
from grader.sandbox import Sandbox


@dataclass(frozen=True)
class Finding:
    """One validation step and whether it held, said in one language."""

    step: str
    ok: bool
    detail: str

    def line(self, lang: str) -> str:
        """The step as `grade validate` prints it: "ok  " or "FAIL", the step, the detail."""
        return say("validate.line", lang, mark=say("validate.mark_ok" if self.ok else "validate.mark_fail", lang),
                   step=self.step, detail=self.detail)


def _finding(step: str, ok: bool, key: str, lang: str, **values) -> Finding:
    """The finding of `step` whose detail is the catalogue's sentence `key`."""
    return Finding(say(f"validate.step.{step}", lang), ok, say(key, lang, **values))


def _failed(step: str, exc: GraderError, lang: str) -> Finding:
    """A step that a grader error stopped: its message in `lang`."""
    return Finding(say(f"validate.step.{step}", lang), False, exc.text(lang))


def _same(a, b) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(a, b)
    return a == b


def check_plans(assignment: Assignment, lang: str = "en") -> list[Finding]:
    """References compute every check; hidden cases depend on the seed and only on it."""
    try:
        first, again, other = (plan_assignment(assignment, s) for s in (11, 11, 12))
    except GraderError as exc:
        return [_failed("references", exc, lang)]
    graded = {p.graded.name for p in first}
    missing = [g.name for g in assignment.graded if g.name not in graded]
    findings = [_finding("references", not missing, "validate.planned", lang, count=len(first)) if not missing
                else _finding("references", False, "validate.no_checks", lang, names=", ".join(missing))]
    repeat = all(_same(a.inputs, b.inputs) and _same(a.expected, b.expected) for a, b in zip(first, again))
    findings.append(_finding("reproducible", repeat, "validate.reproducible" if repeat
                             else "validate.not_reproducible", lang))
    hidden = [(a, b) for a, b in zip(first, other) if not a.public]
    fresh = all(not _same(a.inputs, b.inputs) for a, b in hidden)
    findings.append(_finding("fresh", fresh, "validate.fresh" if fresh else "validate.not_fresh", lang,
                             count=len(hidden)))
    public = all(_same(a.inputs, b.inputs) for a, b in zip(first, other) if a.public)
    findings.append(_finding("fixed", public, "validate.fixed" if public else "validate.not_fixed", lang))
    return findings


def _grade_file(path: Path, assignment: Assignment, box: Sandbox, lang: str):
    (submission,), _ = discover([str(path)], {assignment.name: assignment}, assignment.name)
    return grade_submission(submission, {assignment.name: assignment}, 11, box, lang=lang)


def check_notebooks(assignment: Assignment, box: Sandbox, lang: str = "en") -> list[Finding]:
    """The reference notebook scores full marks; the template scores zero without crashing."""
    findings = []
    reference = SOLUTIONS_DIR / assignment.name / f"{assignment.name}_reference.ipynb"
    template = assignment.folder / assignment.template
    for step, path, want in (("reference_notebook", reference, assignment.max_score), ("template", template, 0.0)):
        if not path.is_file():
            findings.append(_finding(step, False, "validate.no_file", lang, path=path))
            continue
        result = _grade_file(path, assignment, box, lang)
        ok = result.status == "graded" and abs(result.score - want) < 1e-9
        detail = (f"{result.score:g} / {result.max_score:g}" if result.status == "graded" else result.message)
        findings.append(_finding(step, ok, "validate.notebook", lang, file=path.name, detail=detail, want=want))
    return findings


def validate(folder: Path, box: Sandbox, report: Callable[[Finding], None] = lambda f: None,
             lang: str = "en") -> bool:
    """Run every step on the assignment in `folder`, each finding said in `lang`; True when all hold."""
    try:
        assignment = rubric.load_assignment(folder)
    except GraderError as exc:
        report(_failed("rubric", exc, lang))
        return False
    report(_finding("rubric", True, "validate.rubric", lang, name=assignment.name, count=len(assignment.graded),
                    points=assignment.max_score))
    ok = True
    for finding in check_plans(assignment, lang) + check_notebooks(assignment, box, lang):
        report(finding)
        ok = ok and finding.ok
    return ok
