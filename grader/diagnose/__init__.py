"""Diagnose stage: name the likely mistake behind a failed check, in the student's language.

On a failed check, the course's known-mistake variants of the reference (the rubric's
`mistakes` module under solutions/) are run or built in the grader's own process on the
check's inputs, and the one that reproduces what the student's code gave is named; where none
does, the diagnosis says so and where the error concentrates. Never runs in the kernel, never
on a passing check, never in the students' distribution (no mistakes modules there), and never
fails the grading: a variant that raises is skipped.

    diagnose(assignment, plan, outcome, verdict, lang) -> Diagnosis | None
      function checks: arrays.py    variable checks: counts.py    model checks: models.py
      formula checks: formulas.py    Keras checks: keras.py (then models.py)
      where the error lies: where.py    error maps (PNG): errormap.py
"""

from __future__ import annotations

import sys
import traceback

from grader import reference
from grader.compare import Verdict
from grader.diagnose.arrays import diagnose_function
from grader.diagnose.counts import diagnose_variable
from grader.diagnose.formulas import diagnose_formula
from grader.diagnose.keras import diagnose_keras
from grader.diagnose.models import diagnose_model
from grader.diagnose.result import NONE_IDS, Diagnosis, Finding
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome
from grader.rubric import Assignment

__all__ = ["NONE_IDS", "Diagnosis", "Finding", "diagnose"]


def _diagnose(assignment: Assignment, plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Diagnosis | None:
    mistakes = reference.load_module(assignment.mistakes) if assignment.mistakes else None
    kind = plan.graded.kind
    if kind == "function":
        ref = reference.load_module(assignment.reference)
        return diagnose_function(ref, mistakes, plan, outcome, lang)
    if kind == "model":  # reasons from the evidence first; the variants, when the course has them
        return diagnose_model(mistakes, plan, outcome, lang)
    if kind == "variable" and mistakes is not None:
        return diagnose_variable(mistakes, plan, outcome, lang)
    if kind == "formula":
        return diagnose_formula(mistakes, plan, outcome, lang)
    if kind == "keras":
        return diagnose_keras(mistakes, plan, outcome, lang)
    return None


def diagnose(assignment: Assignment, plan: CheckPlan, outcome: ProbeOutcome, verdict: Verdict,
             lang: str = "en") -> Diagnosis | None:
    """The likely mistake behind a failed check, or None (a passing check, or nothing to say).

    A fault of the diagnosis itself is reported on stderr and costs the student nothing but
    the hint: the check's verdict and points stand as judged.
    """
    if verdict.status != "fail" or assignment.references == "public":
        return None
    try:
        return _diagnose(assignment, plan, outcome, lang)
    except Exception as exc:  # noqa: BLE001  (a broken hint must not cost a grade; reported below)
        print(f"cnn-grader: could not diagnose {plan.check_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)
        return None
