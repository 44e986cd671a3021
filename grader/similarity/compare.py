"""Similarity stage, comparing: one assignment's notebooks pairwise, template and base sources left
out, fingerprints common to much of the class set aside; pairs scored, clusters formed.

A pair's similarity joins two kinds of evidence as independent ones, 1 - (1 - t)(1 - e): t, the
share of both notebooks' fingerprinted tokens that match (copydetect's winnowing), and e, what
the grader's verdicts and the markdown answers show them sharing (grader/similarity/evidence.py).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from grader.results import SubmissionResult
from grader.similarity import evidence
from grader.similarity.fingerprint import (Overlap, Print, Vocabulary, all_hashes, covered, exclude,
                                           fingerprint, matching_cells, overlap)
from grader.similarity.tokens import Document, document, template_keys

THRESHOLD = 0.75
"""Default --similarity-threshold: see benchmarks/similarity.py and the README for the corpus
this was chosen on."""
REPORT_FLOOR = 0.2
"""Pairs below this (and below the threshold) are not listed."""
MAX_PAIRS = 300
"""At most this many pairs are listed per assignment, the most similar first."""
COMMON_MIN = 5
COMMON_SHARE = 0.2
"""A fingerprint in the notebooks of more than max(COMMON_MIN, COMMON_SHARE x students) students
is common knowledge (a standard formula, a usual loop), as MOSS's -m option: it is set aside."""


@dataclass(frozen=True)
class Notebook:
    """One submission to compare."""

    student: str
    path: str
    data: bytes
    result: SubmissionResult | None = None
    """The grader's verdicts on it, when it was graded."""


@dataclass(frozen=True)
class Pair:
    a: int
    b: int
    """Positions of the two notebooks in the comparison, a < b."""
    similarity: float
    tokens: float
    longest_run: int
    cells: tuple[tuple[int, int], ...]
    clues: tuple[evidence.Clue, ...]
    overlap: Overlap | None


@dataclass
class Comparison:
    """One assignment compared."""

    assignment: str
    notebooks: list[Notebook]
    prints: list[Print]
    pairs: list[Pair]
    """Listed pairs, most similar first."""
    clusters: list[list[int]]
    threshold: float
    base_names: list[str] = field(default_factory=list)
    base_marks: list[np.ndarray] = field(default_factory=list)
    """Per notebook, per token: also found in a base source (and not in the template)."""
    template_marks: list[np.ndarray] = field(default_factory=list)
    """Per notebook, per token: text of the template."""
    common_marks: list[np.ndarray] = field(default_factory=list)
    """Per notebook, per token: in a run common to many students."""
    common: int = 0
    """Fingerprints set aside as common to much of the class."""


def _common(prints: Sequence[Print], students: Sequence[str]) -> set[int]:
    holders: defaultdict[int, set[str]] = defaultdict(set)
    for p, student in zip(prints, students):
        for h in p.fingerprint.hashes:
            holders[h].add(student)
    limit = max(COMMON_MIN, COMMON_SHARE * len(set(students)))
    return {h for h, who in holders.items() if len(who) > limit}


def _candidates(prints: Sequence[Print], students: Sequence[str], floor: float) -> set[tuple[int, int]]:
    """Pairs of different students' notebooks whose shares of fingerprints (Dice's coefficient)
    reach half of `floor`; copydetect is not asked about the others (on the generated classes of
    benchmarks/similarity.py none of them reached `floor` on tokens)."""
    index: defaultdict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(prints):
        for h in p.fingerprint.hashes:
            index[h].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in index.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                shared[(i, j)] += 1
    sizes = [len(p.fingerprint.hashes) for p in prints]
    return {(i, j) for (i, j), n in shared.items()
            if students[i] != students[j] and 2 * n / (sizes[i] + sizes[j]) >= floor / 2}


def _clusters(count: int, pairs: Sequence[Pair], threshold: float) -> list[list[int]]:
    """Connected groups of notebooks joined by pairs at or above the threshold, largest first."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p in pairs:
        if p.similarity >= threshold:
            parent[root(p.a)] = root(p.b)
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for i in range(count):
        groups[root(i)].append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))


def _texts(paths_and_data: Sequence[tuple[str, bytes]]) -> list[Document]:
    return [document(name, data) for name, data in paths_and_data]


def compare(assignment: str, notebooks: Sequence[Notebook], templates: Sequence[tuple[str, bytes]],
            bases: Sequence[Document] = (), threshold: float = THRESHOLD) -> Comparison:
    """Compare one assignment's notebooks; `templates` are (name, notebook bytes) whose text is
    left out, `bases` public sources also left out and marked in the pair view."""
    vocabulary = Vocabulary()
    template_docs = _texts(templates)
    keys = frozenset().union(*(template_keys(d.cells) for d in template_docs))
    excluded_template = set().union(*(all_hashes(vocabulary.encode(d.tokens)[0]) for d in template_docs))
    base_hashes = set().union(*(all_hashes(vocabulary.encode(d.tokens)[0]) for d in bases))
    students = [n.student for n in notebooks]
    prints = [fingerprint(document(n.path, n.data, keys), vocabulary) for n in notebooks]
    template_marks = [covered(p, excluded_template) for p in prints]
    base_marks = [covered(p, base_hashes) & ~t for p, t in zip(prints, template_marks)]
    for p in prints:
        exclude(p, excluded_template | base_hashes)
    common = _common(prints, students)
    for p in prints:
        p.keep_all()
        exclude(p, common)
    common_marks = [covered(p, common) & ~t for p, t in zip(prints, template_marks)]
    template_cells = [Counter(evidence.words_of(c.source)) for d in template_docs for c in d.cells
                      if c.kind == "markdown"]
    clues = evidence.shared_clues(students, [p.doc for p in prints], [n.result for n in notebooks], template_cells)
    pairs = []
    floor = min(REPORT_FLOOR, threshold)
    for i, j in _candidates(prints, students, floor) | set(clues):
        found = overlap(prints[i], prints[j], 0.0 if (i, j) in clues else floor)
        tokens = found.tokens if found else 0.0
        shared = tuple(clues.get((i, j), ()))
        score = evidence.combine([tokens, evidence.combine(c.weight for c in shared)])
        if score >= floor:
            pairs.append(Pair(i, j, score, tokens, found.longest_run if found else 0, (), shared, found))
    pairs.sort(key=lambda p: (-p.similarity, students[p.a], students[p.b]))
    kept = [dataclasses.replace(p, cells=matching_cells(prints[p.a], prints[p.b]) if p.overlap else ())
            for p in pairs[:MAX_PAIRS]]
    return Comparison(assignment, list(notebooks), prints, kept, _clusters(len(notebooks), pairs, threshold),
                      threshold, [d.name for d in bases], base_marks, template_marks, common_marks,
                      len(common))
