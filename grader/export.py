"""Export stage: grades for other systems, written from a batch's results.

- `grades.csv`: one row per student, one column per assignment plus the total, for an LMS
  import (the best submission of each assignment counts; no submission, or one the machine
  failed to grade, leaves the cell empty);
- Gradescope's autograder `results.json`, one per submission, on request.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Sequence

from grader.dashboard import NOT_GRADED, grade_table
from grader.results import SubmissionResult

GRADES_FILE = "grades.csv"
GRADESCOPE_DIR = "gradescope"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula (a student id such as `=HYPERLINK(...)`)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _number(value: float) -> str:
    return f"{value:.10g}"


def grades_csv(results: Sequence[SubmissionResult]) -> str:
    """The CSV text: header `student,<assignment>...,total`, then one row per student; when a TA
    changed points (grade review), a last column `changed_by_ta` names the assignments concerned."""
    table = grade_table(results)
    reviewed = any(r.auto_score is not None for r in results)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *table.assignments, "total"] + (["changed_by_ta"] if reviewed else []))
    for row in table.rows:
        changed = [a for a, g in zip(table.assignments, row.grades) if g and results[g.index].auto_score is not None]
        writer.writerow([cell_text(row.student), *("" if g is None or g.status == NOT_GRADED else _number(g.score)
                                                   for g in row.grades),
                         _number(row.total)] + (["; ".join(changed)] if reviewed else []))
    return buffer.getvalue()


def gradescope_document(result: SubmissionResult) -> dict:
    """Gradescope's autograder results format: total score, then one test per check (and per
    manual item, and a TA's adjustment), each saying where a TA changed the points."""
    tests = [{"name": c.id, "score": c.score, "max_score": c.max_score,
              "status": "passed" if c.status == "pass" else "failed",
              "output": c.message + (f"\nLikely mistake: {c.hint}" if c.hint else "") + _by_ta(c.override),
              "visibility": "visible"} for c in result.checks]
    tests += _reviewed_tests(result)
    document = {"score": result.score, "tests": tests, "visibility": "visible",
                "stdout_visibility": "hidden"}
    if result.status != "graded":
        document["output"] = f"The notebook could not be graded: {result.message}"
    return document


def write_gradescope(out: Path, results: Sequence[SubmissionResult], hrefs: Sequence[str]) -> list[Path]:
    """`gradescope/<student>/<assignment>/results.json` beside each report page (same names)."""
    written = []
    for result, href in zip(results, hrefs):
        path = out / GRADESCOPE_DIR / Path(href).with_suffix("") / "results.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(gradescope_document(result), indent=1), encoding="utf-8")
        written.append(path)
    return written


def _by_ta(override) -> str:
    """The note a TA's decision adds to a test's output ("" without one)."""
    if override is None:
        return ""
    auto = override.auto_score if override.score is not None else None
    changed = "" if auto is None else f" (automatic points: {auto:g})"
    return f"\nReviewed by {override.by}{changed}" + (f": {override.comment}" if override.comment else "")


def _reviewed_tests(result: SubmissionResult) -> list[dict]:
    """Gradescope tests for the manual items and a whole-submission adjustment."""
    tests = [{"name": f"{m.name} (scored by hand)", "score": m.score, "max_score": m.max_score,
              "status": "failed" if m.needs_review or m.score < m.max_score else "passed",
              "output": m.description + ("\nNot reviewed yet" if m.needs_review else _by_ta(m.review)),
              "visibility": "visible"} for m in result.manual]
    if result.review is not None:
        tests.append({"name": "TA adjustment", "score": result.review.score or 0.0, "max_score": 0.0,
                      "output": _by_ta(result.review).strip(), "visibility": "visible"})
    return tests
