"""Similarity stage, driving: group a batch's notebooks by assignment, find each one's template,
compare, write similarity.json and similarity.html."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from grader.discover import Submission
from grader.errors import PathNotFound, UsageError
from grader.results import SubmissionResult
from grader.rubric import Assignment
from grader.similarity.compare import THRESHOLD, Comparison, Notebook, compare
from grader.similarity.page import write_pages
from grader.similarity.tokens import Document, source_document

BASE_SUFFIXES = (".py", ".ipynb")


def base_documents(paths: Sequence[str]) -> list[Document]:
    """The public sources given with --base: .py and .ipynb files, or folders of them (any depth)."""
    found = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise PathNotFound(given)
        files = sorted(p for p in path.rglob("*") if p.suffix in BASE_SUFFIXES) if path.is_dir() else [path]
        for f in files:
            if f.is_file() and f.suffix in BASE_SUFFIXES:
                found.append(source_document(f))
    return found


def template_files(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """The notebooks given with --template, read."""
    found = []
    for given in paths:
        path = Path(given)
        if not path.is_file():
            raise PathNotFound(given)
        if path.suffix != ".ipynb":
            raise UsageError.of("error.template_not_notebook", path=given)
        found.append((str(path), path.read_bytes()))
    return found


def _default_template(assignment: Assignment | None) -> list[tuple[str, bytes]]:
    if assignment is None:
        return []
    path = Path(assignment.folder) / assignment.template
    return [(str(path), path.read_bytes())] if path.is_file() else []


def compare_all(submissions: Sequence[Submission], results: Sequence[SubmissionResult],
                assignments: Mapping[str, Assignment], templates: Sequence[tuple[str, bytes]] = (),
                bases: Sequence[Document] = (), threshold: float = THRESHOLD) -> list[Comparison]:
    """One comparison per assignment with notebooks of two students or more. `templates` (from
    --template) are left out as well as the assignment's own; `results` are matched by path and
    hash."""
    graded = {(r.path, r.sha256): r for r in results}
    by_assignment: dict[str, list[Notebook]] = {}
    for s in submissions:
        result = graded.get((s.path, s.sha256))
        if s.assignment is None or s.problem is not None or (result is not None and result.status != "graded"):
            continue  # nothing to compare in a notebook that could not be run (a bomb's members)
        data = s.data  # read now (discovery keeps no notebook in memory)
        if not data:
            continue
        notebook = Notebook(s.student, s.path, data, result)
        by_assignment.setdefault(s.assignment, []).append(notebook)
    comparisons = []
    for name in sorted(by_assignment):
        notebooks = by_assignment[name]
        if len({n.student for n in notebooks}) < 2:
            continue
        given = _default_template(assignments.get(name)) + list(templates)
        comparisons.append(compare(name, notebooks, given, bases, threshold))
    return comparisons


def write_similarity(out: Path, submissions: Sequence[Submission], results: Sequence[SubmissionResult],
                     assignments: Mapping[str, Assignment], templates: Sequence[tuple[str, bytes]] = (),
                     bases: Sequence[Document] = (), threshold: float = THRESHOLD,
                     lang: str = "en") -> list[Comparison]:
    """Compare and write similarity.json and similarity.html into `out`."""
    comparisons = compare_all(submissions, results, assignments, templates, bases, threshold)
    write_pages(out, comparisons, lang)
    return comparisons
