"""Similarity stage, evidence beyond tokens: what two students share that fingerprints miss.

Short answers defeat fingerprints, so three kinds of agreement raise a pair too: the same wrong
answer to a check (a failed check with the very same message, which holds the student's value),
the same likely mistake named by the grader's diagnosis, and the same markdown answer written in
a cell of their own. Each weighs less the more students share it: what half the class wrote is
no evidence that two of them worked together.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
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
    words: int = 0
    """A markdown answer's words that are not the template's (what the students wrote)."""

    @property
    def weight(self) -> float:
        base = WEIGHTS[self.kind]
        if self.kind == "markdown":
            base = min(base, MARKDOWN_PER_WORD * self.words)
        return base / max(self.shared_by - 1, 1) ** 2


def words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def own_words(words: list[str], template_cells: Sequence[Counter]) -> int:
    """How many of a markdown cell's words the student wrote: a cell filled in from a template
    cell (holding at least half of its words) counts those words out."""
    mine = Counter(words)
    given = [sum((mine & t).values()) for t in template_cells if sum((mine & t).values()) * 2 >= sum(t.values())]
    return len(words) - max(given, default=0)


def _markdown_answers(doc: Document, template_cells: Sequence[Counter]) -> dict[str, tuple[str, int]]:
    """Normalised text -> (text, words the student wrote) of the student's own markdown cells
    (cells equal to a template cell have no tokens)."""
    cells = {t.cell for t in doc.tokens if t.text.startswith("m:")}
    found = {}
    for c in doc.cells:
        if c.index in cells:
            words = words_of(c.source)
            own = own_words(words, template_cells)
            if own >= MIN_MARKDOWN_WORDS:
                found.setdefault(" ".join(words), (c.source.strip(), own))
    return found


def _result_keys(result: SubmissionResult | None) -> dict[tuple[str, str], tuple[str, int]]:
    """(kind, what) -> (detail, 0) for one student's failed checks and named mistakes."""
    keys: dict[tuple[str, str], tuple[str, int]] = {}
    if result is None:
        return keys
    wrong_checks = set()
    for c in result.checks:
        if c.status == "fail":
            keys[("wrong_answer", f"{c.id}\n{c.message}")] = (c.message, 0)
            wrong_checks.add(c.id)
    for c in result.checks:
        if c.status in ("fail", "error"):
            for mistake in check_diagnoses(c):
                if mistake not in NONE_IDS:
                    keys.setdefault(("mistake", f"{c.id.split('/')[0]}\n{mistake}"), (mistake, 0))
    return keys


def shared_clues(students: Sequence[str], docs: Sequence[Document], results: Sequence[SubmissionResult | None],
                 template_cells: Sequence[Counter] = ()) -> dict[tuple[int, int], list[Clue]]:
    """(i, j) -> the clues submissions i < j share (different students only); `template_cells`
    are the words of each template markdown cell (see `own_words`)."""
    holders: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    details: dict[tuple[str, str], tuple[str, int]] = {}
    for i, (doc, result) in enumerate(zip(docs, results)):
        markdown = _markdown_answers(doc, template_cells)
        keys = _result_keys(result) | {("markdown", k): v for k, v in markdown.items()}
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
        detail, words = details[key]
        clue = Clue(key[0], " ".join(what.split()[:8]) + (" …" if len(what.split()) > 8 else ""), detail,
                    len(people), words)
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

