"""Similarity stage, fingerprints: winnowing (Schleimer, Wilkerson and Aiken, as in MOSS) done by
the `copydetect` package on the normalised tokens, one character per token.

copydetect hashes k-grams of the text it reads (`hash(text[i:i + k])`); it is given a tuple of
token numbers instead of a string, so its k-grams are k-grams of tokens, its slices are token
positions, and its hashes are the same in every process (a tuple of ints hashes alike whatever
PYTHONHASHSEED is; a str does not, so scores would change from run to run). Excluded fingerprints
(the template's, a base source's, those common to much of the class) are taken out here rather
than by its `boilerplate` argument, which drops a fingerprint that a notebook repeats even when it
is not boilerplate (numpy's intersect1d is called with assume_unique on non-unique hashes).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from grader.similarity.tokens import Document, Token

if TYPE_CHECKING:
    from copydetect import CodeFingerprint

K = 10
"""Tokens in a k-gram: shorter common runs are noise (`x[n, c, i, j]` alone is 10 tokens)."""
WINDOW = 5
"""Winnowing window: any run of K + WINDOW - 1 = 14 equal tokens is sure to be found."""
SEPARATOR = -1
"""Between two cells; k-grams that span it are left out, so the order of cells does not matter
(and a cell of fewer than K tokens gives no fingerprint: evidence.py looks at short answers)."""
MIN_MATCHED = 200
"""Tokens two notebooks must share (runs common to the class included) for their share of
matching tokens to count in full; less counts in proportion. A few short runs are what standard
formulas give anyone (ten cells of `(11*11*3+1)*96` are about 100 tokens), a copied model or
function is hundreds."""


class Vocabulary:
    """One number per distinct token text, shared by every document compared together."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def number(self, text: str) -> int:
        return self._numbers.setdefault(text, len(self._numbers))

    def encode(self, tokens: tuple[Token, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The tokens as numbers and, per position, the token it stands for (-1: a separator)."""
        numbers, owners, cell = [], [], None
        for i, t in enumerate(tokens):
            if cell is not None and t.cell != cell:
                numbers.append(SEPARATOR)
                owners.append(-1)
            cell = t.cell
            numbers.append(self.number(t.text))
            owners.append(i)
        return tuple(numbers), tuple(owners)


class _Reader:
    """What copydetect reads a document from (its `fp`): here, token numbers."""

    def __init__(self, numbers: tuple[int, ...]) -> None:
        self.numbers = numbers

    def read(self) -> tuple[int, ...]:
        return self.numbers


@dataclass
class Print:
    """A document's fingerprint: copydetect's, with excluded hashes removed."""

    doc: Document
    text: tuple[int, ...]
    """The token numbers copydetect fingerprinted."""
    owners: tuple[int, ...]
    fingerprint: CodeFingerprint
    all_shared: CodeFingerprint | None = None
    """The fingerprint before runs common to the class were set aside (see `keep_all`)."""

    def keep_all(self) -> None:
        """Remember the fingerprint as it is now, to measure how much two notebooks share in all."""
        kept = copy.copy(self.fingerprint)
        kept.hashes = set(self.fingerprint.hashes)
        kept.hash_idx = dict(self.fingerprint.hash_idx)
        self.all_shared = kept

    @property
    def coverage(self) -> float:
        """Tokens covered by the fingerprints kept (copydetect's token coverage)."""
        return float(self.fingerprint.token_coverage)

    def cell_at(self, position: int) -> int:
        """The cell of the k-gram starting at `position` (its first token that is not a separator)."""
        for p in range(position, min(position + K, len(self.owners))):
            if self.owners[p] >= 0:
                return self.doc.tokens[self.owners[p]].cell
        return -1


def all_hashes(text: tuple[int, ...]) -> set[int]:
    """Every k-gram hash of an encoded text (window 1), for excluding what another text holds."""
    return {int(h) for h in _copydetect().utils.hashed_kgrams(text, K)} if len(text) >= K else set()


def fingerprint(doc: Document, vocabulary: Vocabulary) -> Print:
    text, owners = vocabulary.encode(doc.tokens)
    found = _copydetect().CodeFingerprint(doc.name, K, WINDOW, filter=False, fp=_Reader(text))
    found.hashes = {int(h) for h in found.hashes}
    found.hash_idx = {int(h): list(idx) for h, idx in found.hash_idx.items()}
    made = Print(doc, text, owners, found)
    exclude(made, _across_cells(text))
    return made


def _across_cells(text: tuple[int, ...]) -> set[int]:
    """Hashes of the k-grams of `text` that span a cell boundary."""
    if SEPARATOR not in text or len(text) < K:
        return set()
    hashes = _copydetect().utils.hashed_kgrams(text, K)
    return {int(hashes[i]) for i in range(len(hashes)) if SEPARATOR in text[i:i + K]}


def exclude(p: Print, excluded: set[int]) -> None:
    """Drop the fingerprints in `excluded` from `p` and count its coverage again."""
    dropped = p.fingerprint.hashes & excluded
    if not dropped:
        return
    p.fingerprint.hashes -= dropped
    for h in dropped:
        del p.fingerprint.hash_idx[h]
    p.fingerprint.token_coverage = _copydetect().utils.get_token_coverage(p.fingerprint.hash_idx, K, len(p.text))


def covered(p: Print, hashes: set[int]) -> np.ndarray:
    """Per token of `p.doc`, whether some k-gram of it is in `hashes` (a template's, a base's)."""
    marks = np.zeros(len(p.doc.tokens), dtype=bool)
    if len(p.text) < K or not hashes:
        return marks
    for start, h in enumerate(_copydetect().utils.hashed_kgrams(p.text, K)):
        if int(h) in hashes:
            for owner in p.owners[start:start + K]:
                if owner >= 0:
                    marks[owner] = True
    return marks


@dataclass(frozen=True)
class Overlap:
    """What two fingerprints share."""

    tokens: float
    """Matched tokens of both over the tokens their fingerprints cover (0 to 1), scaled down when
    they match fewer than MIN_MATCHED tokens."""
    longest_run: int
    """The longest run of matched tokens, the shorter of the two sides' longest."""
    runs: tuple[np.ndarray, np.ndarray]
    """copydetect's slices of each side: row 0 starts, row 1 ends, in encoded positions."""


def overlap(a: Print, b: Print, floor: float = 0.0) -> Overlap | None:
    """The overlap of two fingerprints, None when they share none or their share is below `floor`
    before scaling (the pair cannot reach it; the amount shared in all is not measured then)."""
    _, _, (runs_a, runs_b) = _copydetect().compare_files(a.fingerprint, b.fingerprint)
    if len(runs_a) == 0 or runs_a.shape[1] == 0:
        return None
    matched_a = float(np.sum(runs_a[1] - runs_a[0]))
    matched_b = float(np.sum(runs_b[1] - runs_b[0]))
    share = (matched_a + matched_b) / max(a.coverage + b.coverage, 1.0)
    if share < floor:
        return None
    amount = (matched_a + matched_b) / 2
    if amount < MIN_MATCHED and a.all_shared is not None and b.all_shared is not None:
        amount = max(amount, _matched(a.all_shared, b.all_shared))
    share *= min(1.0, amount / MIN_MATCHED)
    longest = int(min(np.max(runs_a[1] - runs_a[0]), np.max(runs_b[1] - runs_b[0])))
    return Overlap(min(share, 1.0), longest, (runs_a.astype(int), runs_b.astype(int)))


def _matched(a: CodeFingerprint, b: CodeFingerprint) -> float:
    """Tokens matched on average over both sides."""
    _, _, (runs_a, runs_b) = _copydetect().compare_files(a, b)
    if len(runs_a) == 0 or runs_a.shape[1] == 0:
        return 0.0
    return float(np.sum(runs_a[1] - runs_a[0]) + np.sum(runs_b[1] - runs_b[0])) / 2


def matching_cells(a: Print, b: Print) -> tuple[tuple[int, int], ...]:
    """Pairs of cells (a's, b's) holding a shared fingerprint, in a's order."""
    cells = set()
    for h in a.fingerprint.hashes & b.fingerprint.hashes:
        for i in a.fingerprint.hash_idx[h]:
            for j in b.fingerprint.hash_idx[h]:
                cells.add((a.cell_at(int(i)), b.cell_at(int(j))))
    return tuple(sorted(c for c in cells if min(c) >= 0))


def matched_tokens(p: Print, runs: np.ndarray) -> np.ndarray:
    """Per token of `p.doc`, whether it lies in one of the runs (copydetect's slices)."""
    marks = np.zeros(len(p.doc.tokens), dtype=bool)
    for start, end in zip(runs[0], runs[1]):
        for owner in p.owners[int(start):int(end)]:
            if owner >= 0:
                marks[owner] = True
    return marks


def _copydetect():
    """copydetect, imported when a class is first compared: it imports matplotlib, which every
    `grade` would otherwise pay for at start."""
    import copydetect
    import copydetect.utils

    return copydetect
