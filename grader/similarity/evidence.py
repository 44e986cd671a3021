"""Similarity stage, evidence beyond tokens: what two students share that fingerprints miss.

Short answers defeat fingerprints, so three kinds of agreement raise a pair too: the same wrong
answer to a check (a failed check with the very same message, which holds the student's value),
the same likely mistake named by the grader's diagnosis, and the same markdown answer written in
a cell of their own. Each weighs less the more students share it: what half the class wrote is
no evidence that two of them worked together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from grader.diagnose.result import NONE_IDS
from grader.results import SubmissionResult
from grader.similarity.tokens import Document
from grader.tally import check_diagnoses

WEIGHTS = {"wrong_answer": 0.4, "mistake": 0.2, "markdown": 0.7}
"""What one piece of evidence shared by exactly two students adds at most (see `combine`); shared
by s students it adds weight / (s - 1)^2. A markdown answer weighs 0.05 a word up to its weight."""
MARKDOWN_PER_WORD = 0.05
MAX_SHARED = 5
"""Shared by more students than this (or a tenth of the class, if more) it weighs next to nothing
and is not listed."""
MIN_MARKDOWN_WORDS = 2
"""A markdown answer of fewer words ("yes") is no evidence."""


@dataclass(frozen=True)
class Clue:
    """One thing a group of students share."""

    kind: str
    """"wrong_answer", "mistake" or "markdown"."""
    what: str
    """The check id, the diagnosis id with its check, or the markdown text."""
    detail: str
    """The message or text they share, as one of them wrote it."""
    shared_by: int
    """How many students of the assignment share it."""

    @property
    def weight(self) -> float:
        base = WEIGHTS[self.kind]
        if self.kind == "markdown":
            base = min(base, MARKDOWN_PER_WORD * len(re.findall(r"\w+", self.detail)))
        return base / max(self.shared_by - 1, 1) ** 2


def _markdown_answers(doc: Document) -> dict[str, str]:
    """Normalised text -> text of the student's own markdown cells (template cells are tokenless)."""
    cells = {t.cell for t in doc.tokens if t.text.startswith("m:")}
    found = {}
    for c in doc.cells:
        if c.index in cells:
            words = re.findall(r"\w+", c.source.lower())
            if len(words) >= MIN_MARKDOWN_WORDS:
                found.setdefault(" ".join(words), c.source.strip())
    return found


def _result_keys(result: SubmissionResult | None) -> dict[tuple[str, str], str]:
    """(kind, what) -> detail for one student's failed checks and named mistakes."""
    keys: dict[tuple[str, str], str] = {}
    if result is None:
        return keys
    wrong_checks = set()
    for c in result.checks:
        if c.status == "fail":
            keys[("wrong_answer", f"{c.id}\n{c.message}")] = c.message
            wrong_checks.add(c.id)
    for c in result.checks:
        if c.status in ("fail", "error"):
            for mistake in check_diagnoses(c):
                if mistake not in NONE_IDS:
                    keys.setdefault(("mistake", f"{c.id.split('/')[0]}\n{mistake}"), mistake)
    return keys


def shared_clues(students: Sequence[str], docs: Sequence[Document],
                 results: Sequence[SubmissionResult | None]) -> dict[tuple[int, int], list[Clue]]:
    """(i, j) -> the clues submissions i < j share (different students only)."""
    holders: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    details: dict[tuple[str, str], str] = {}
    for i, (doc, result) in enumerate(zip(docs, results)):
        keys = _result_keys(result) | {("markdown", k): v for k, v in _markdown_answers(doc).items()}
        for key, detail in keys.items():
            holders[key].add(i)
            details.setdefault(key, detail)
    pairs: defaultdict[tuple[int, int], list[Clue]] = defaultdict(list)
    limit = max(MAX_SHARED, len(set(students)) // 10)
    for key, who in holders.items():
        people = {students[i] for i in who}
        if not 2 <= len(people) <= limit:
            continue
        what = key[1].split("\n")[0]
        clue = Clue(key[0], " ".join(what.split()[:8]) + (" …" if len(what.split()) > 8 else ""), details[key],
                    len(people))
        for i, j in _pairs(sorted(who)):
            if students[i] != students[j]:
                pairs[(i, j)].append(clue)
    return {k: _deduplicated(v) for k, v in pairs.items()}


def _pairs(members: list[int]) -> Iterable[tuple[int, int]]:
    for x, i in enumerate(members):
        for j in members[x + 1:]:
            yield i, j


def _deduplicated(clues: list[Clue]) -> list[Clue]:
    """A named mistake on a check whose wrong answer is already shared adds nothing new."""
    wrong = {c.what.split("/")[0] for c in clues if c.kind == "wrong_answer"}
    kept = [c for c in clues if c.kind != "mistake" or c.what not in wrong]
    return sorted(kept, key=lambda c: (-c.weight, c.kind, c.what))


def combine(weights: Iterable[float]) -> float:
    """Independent pieces of evidence together: 1 - the product of (1 - each)."""
    remaining = 1.0
    for w in weights:
        remaining *= 1.0 - min(max(w, 0.0), 1.0)
    return 1.0 - remaining

