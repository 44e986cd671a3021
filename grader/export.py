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
from grader.messages import say
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


def gradescope_document(result: SubmissionResult, lang: str = "en") -> dict:
    """Gradescope's autograder results format: total score, then one test per check (and per
    manual item, and a TA's adjustment), each saying where a TA changed the points; in `lang`."""
    tests = [{"name": c.id, "score": c.score, "max_score": c.max_score,
              "status": "passed" if c.status == "pass" else "failed",
              "output": c.message + ("\n" + say("export.likely", lang, hint=c.hint) if c.hint else "")
              + _by_ta(c.override, lang),
              "visibility": "visible"} for c in result.checks]
    tests += _reviewed_tests(result, lang)
    document = {"score": result.score, "tests": tests, "visibility": "visible",
                "stdout_visibility": "hidden"}
    if result.status != "graded":
        document["output"] = say("export.not_graded", lang, message=result.message)
    return document


def write_gradescope(out: Path, results: Sequence[SubmissionResult], hrefs: Sequence[str],
                     lang: str = "en") -> list[Path]:
    """`gradescope/<student>/<assignment>/results.json` beside each report page (same names)."""
    written = []
    for result, href in zip(results, hrefs):
        path = out / GRADESCOPE_DIR / Path(href).with_suffix("") / "results.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(gradescope_document(result, lang), indent=1), encoding="utf-8")
        written.append(path)
    return written


def _by_ta(override, lang: str = "en") -> str:
    """The note a TA's decision adds to a test's output ("" without one)."""
    if override is None:
        return ""
    auto = override.auto_score if override.score is not None else None
    by = (say("export.reviewed_by", lang, by=override.by) if auto is None
          else say("export.reviewed_by_auto", lang, by=override.by, auto=auto))
    return "\n" + by + (f": {override.comment}" if override.comment else "")


def _reviewed_tests(result: SubmissionResult, lang: str = "en") -> list[dict]:
    """Gradescope tests for the manual items and a whole-submission adjustment."""
    tests = [{"name": say("export.by_hand", lang, name=m.name), "score": m.score, "max_score": m.max_score,
              "status": "failed" if m.needs_review or m.score < m.max_score else "passed",
              "output": m.description + ("\n" + say("export.not_reviewed", lang) if m.needs_review
                                         else _by_ta(m.review, lang)),
              "visibility": "visible"} for m in result.manual]
    if result.review is not None:
        tests.append({"name": say("export.adjustment", lang), "score": result.review.score or 0.0, "max_score": 0.0,
                      "output": _by_ta(result.review, lang).strip(), "visibility": "visible"})
    return tests
