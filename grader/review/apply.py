"""Review stage: a TA's kept decisions applied to automatic results (final points, manual items,
comments), each flagged "auto verdict changed, re-check" when the verdict under it changed."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from typing import Mapping, Sequence

from grader.comment_note import model_comments
from grader.discover import Skipped, Submission
from grader.results import CheckResult, ManualResult, Override, SubmissionResult
from grader.rubric import Assignment, Manual
from grader.store import Gradebook, Review, current, graded_notebooks, keep_current, notebook_cells, reviews

Decisions = Mapping[tuple[str, str], Review]
"""One submission's kept decisions by (kind, item)."""


def decisions_by_submission(book: Gradebook) -> dict[tuple[str, str], dict[tuple[str, str], Review]]:
    """Every kept decision, by submission (path, assignment) and then by (kind, item)."""
    found: dict[tuple[str, str], dict[tuple[str, str], Review]] = {}
    for review in reviews(book):
        found.setdefault((review.path, review.assignment), {})[(review.kind, review.item)] = review
    return found


def _flagged(override: Override, status: str, score: float) -> Override:
    return dataclasses.replace(override, recheck=(override.auto_status, override.auto_score) != (status, score))


def _check(check: CheckResult, review: Review | None) -> CheckResult:
    """The check with the TA's points (kept within 0 and its maximum) and comment."""
    if review is None or review.override is None:
        return check
    override = _flagged(review.override, check.status, check.score)
    score = check.score if override.score is None else min(max(override.score, 0.0), check.max_score)
    return dataclasses.replace(check, score=score, override=override)


def apply_decisions(result: SubmissionResult, kept: Decisions, manual: Sequence[Manual],
                    cells: Sequence[str] | None = None) -> SubmissionResult:
    """`result` with final points: checks overridden, manual items (scored or needing review,
    with their automatic note from the notebook's code `cells` when kept) and the submission's
    adjustment; `auto_score` keeps the automatic score when a human changed the final one."""
    checks = tuple(_check(c, kept.get(("check", c.id))) for c in result.checks)
    items = tuple(ManualResult(m.name, m.description, m.points, _override(kept.get(("manual", m.name))),
                               model_comments(cells) if m.note == "model_comments" and cells is not None else None)
                  for m in manual)
    review = _override(kept.get(("submission", "")))
    if review is not None:
        review = _flagged(review, result.status, result.score)
    adjustment = review.score if review is not None and review.score is not None else 0.0
    score = round(max(sum(c.score for c in checks) + sum(m.score for m in items) + adjustment, 0.0), 6)
    human = (any(c.override and c.override.score is not None for c in checks)
             or any(not m.needs_review for m in items) or adjustment)
    return dataclasses.replace(result, checks=checks, manual=items, review=review,
                               score=score if human else result.score,
                               max_score=result.max_score + sum(m.points for m in manual),
                               auto_score=result.score if human else None)


def _override(review: Review | None) -> Override | None:
    return None if review is None else review.override


def apply_all(book: Gradebook, results: Sequence[SubmissionResult],
              assignments: Mapping[str, Assignment]) -> list[SubmissionResult]:
    """Every result with the decisions the gradebook keeps for it (see `_moved`)."""
    kept = decisions_by_submission(book)
    moved = _moved(book, results, kept)
    return [apply_decisions(r, moved.get(key, {}) | kept.get(key, {}), items := _manual_items(r, assignments),
                            notebook_cells(book, r.sha256) if any(m.note for m in items) else None)
            for r in results for key in [(r.path, r.assignment or "")]]


def _moved(book: Gradebook, results: Sequence[SubmissionResult], kept: dict) -> dict[tuple[str, str], dict]:
    """Decisions kept under another path for the same notebook (the same bytes, assignment and
    student): the class folder was moved, or downloaded again from the LMS. Decisions are kept by
    path; without this, grading from the new folder dropped them all. Used only when exactly one
    old path matches, and only for decisions made at none of this run's paths."""
    present = {(r.path, r.assignment or "") for r in results}
    orphans = {key for key in kept if key not in present}
    if not orphans:
        return {}
    old: dict[tuple[str, str, str], set[str]] = {}
    for path, sha, assignment, student in graded_notebooks(book):
        if (path, assignment) in orphans:  # names kept decomposed (NFD) before names were NFC
            old.setdefault((sha, assignment, unicodedata.normalize("NFC", student)), set()).add(path)
    wanted = [(r, old.get((r.sha256 or "", r.assignment or "", unicodedata.normalize("NFC", r.student)), set()))
              for r in results]
    claims = [next(iter(paths)) for _, paths in wanted if len(paths) == 1]
    return {(r.path, r.assignment or ""): kept[(path, r.assignment or "")]
            for r, paths in wanted if len(paths) == 1 and claims.count(path := next(iter(paths))) == 1}


def _manual_items(result: SubmissionResult, assignments: Mapping[str, Assignment]) -> tuple[Manual, ...]:
    assignment = assignments.get(result.assignment or "")
    return assignment.manual if assignment is not None else ()


def submitted_cells(data: bytes) -> list[str]:
    """The code cells of a notebook exactly as submitted (nothing taken out); [] if unreadable."""
    try:
        cells = json.loads(data.decode("utf-8-sig")).get("cells")
        return ["".join(s) if isinstance(s := c.get("source", ""), list) else str(s)
                for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"]
    except (UnicodeDecodeError, ValueError, RecursionError, AttributeError, TypeError):
        return []


def keep_and_apply(book: Gradebook, submissions: Sequence[Submission], results: Sequence[SubmissionResult],
                   assignments: Mapping[str, Assignment], lang: str,
                   skipped: Sequence[Skipped]) -> list[SubmissionResult]:
    """After a run: keep its automatic results and notebooks for `grade review`, and return the
    results with every kept decision applied (what the reports show)."""
    cells = {s.sha256: submitted_cells(s.data) for s in submissions}
    keep_current(book, results, lang, skipped, cells)
    return apply_all(book, results, assignments)


def current_reviewed(book: Gradebook, assignments: Mapping[str, Assignment]) -> tuple[list[SubmissionResult], dict]:
    """The folder's last run with today's decisions applied, and its settings."""
    results, run = current(book)
    return apply_all(book, results, assignments), run
