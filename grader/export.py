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
    """The CSV text: header `student,<assignment>...,total`, then one row per student."""
    table = grade_table(results)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *table.assignments, "total"])
    for row in table.rows:
        writer.writerow([cell_text(row.student), *("" if g is None or g.status == NOT_GRADED else _number(g.score)
                                                   for g in row.grades),
                         _number(row.total)])
    return buffer.getvalue()


def gradescope_document(result: SubmissionResult) -> dict:
    """Gradescope's autograder results format: total score, then one test per check."""
    tests = [{"name": c.id, "score": c.score, "max_score": c.max_score,
              "status": "passed" if c.status == "pass" else "failed",
              "output": c.message + (f"\nLikely mistake: {c.hint}" if c.hint else ""),
              "visibility": "visible"} for c in result.checks]
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
