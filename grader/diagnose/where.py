"""Where an array's error concentrates, for a failed check that no known mistake explains:
the worst entries, a border band (a padding problem), or one sample or channel."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.messages import say

WORST = 3
CONCENTRATED = 0.8
"""Share of the squared error above which one sample or channel is named."""
MAX_BAND = 3


@dataclass(frozen=True)
class Where:
    """Where `got` differs from `expected` (arrays of the same shape)."""

    worst: tuple[tuple[tuple[int, ...], float, float], ...]
    """Up to three (index, got, expected), largest absolute error first."""
    border: int | None = None
    """Width in pixels of the border band that holds every wrong entry, the inside being right."""
    sample: tuple[int, float] | None = None
    """(index on axis 0, share of the squared error) when one sample holds most of it."""
    channel: tuple[int, float] | None = None
    """(index on axis 1, share of the squared error) when one channel holds most of it."""

    def to_json(self) -> dict:
        return {"worst": [{"index": list(i), "got": g, "expected": e} for i, g, e in self.worst],
                "border": self.border, "sample": self.sample, "channel": self.channel}


def wrong_entries(got: np.ndarray, expected: np.ndarray, tol: float) -> np.ndarray:
    """Boolean mask of the entries whose CS231n relative error exceeds `tol`."""
    with np.errstate(all="ignore"):
        rel = np.abs(got - expected) / np.maximum(1e-8, np.abs(got) + np.abs(expected))
    return ~(rel <= tol)


def border_band(wrong: np.ndarray) -> int | None:
    """The narrowest band (1 to 3 pixels) along the last two axes that holds every wrong entry
    while the inside, which must exist, holds none."""
    if wrong.ndim < 3 or not wrong.any():
        return None
    height, width = wrong.shape[-2:]
    for band in range(1, MAX_BAND + 1):
        if height <= 2 * band or width <= 2 * band:
            return None
        if not wrong[..., band:height - band, band:width - band].any():
            return band
    return None


def _dominant(squared: np.ndarray, axis: int) -> tuple[int, float] | None:
    if squared.ndim <= axis or squared.shape[axis] < 2:
        return None
    others = tuple(a for a in range(squared.ndim) if a != axis)
    per = squared.sum(axis=others)
    total = float(per.sum())
    if total <= 0 or not np.isfinite(total):
        return None
    index = int(np.argmax(per))
    share = float(per[index]) / total
    return (index, round(share, 3)) if share >= CONCENTRATED else None


def locate(got: np.ndarray, expected: np.ndarray, tol: float) -> Where:
    """Where the error of `got` against `expected` (same shape, finite) lies."""
    got = got.astype(np.float64)
    diff = np.abs(got - expected)
    largest = np.argsort(diff, axis=None, kind="stable")[::-1][:WORST]
    indices = [tuple(int(i) for i in np.unravel_index(k, diff.shape)) for k in largest]
    worst = tuple((i, float(got[i]), float(expected[i])) for i in indices if diff[i] > 0)
    squared = diff ** 2
    return Where(worst, border_band(wrong_entries(got, expected, tol)),
                 _dominant(squared, 0), _dominant(squared, 1))


def describe(where: Where, lang: str) -> str:
    """The sentences that say where the error is (each starts with a space)."""
    text = ""
    if where.border is not None:
        text += say("where.border", lang, band=where.border)
    if where.sample is not None:
        text += say("where.sample", lang, index=where.sample[0], share=where.sample[1])
    if where.channel is not None:
        text += say("where.channel", lang, index=where.channel[0], share=where.channel[1])
    if where.worst:
        entries = "; ".join(say("where.entry", lang, index=i, got=g, expected=e) for i, g, e in where.worst)
        text += say("where.worst", lang, entries=entries)
    return text
