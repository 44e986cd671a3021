"""Similarity stage, output: similarity.json and the staff's similarity.html.

The page is self-contained and runs no script (the reports' Content-Security-Policy): the pair
list sorts with radio buttons and CSS `order`, and each pair's side-by-side view is a <details>.
Every student string goes through jinja2's autoescaping.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import jinja2
import numpy as np

from grader import __version__
from grader.messages import say
from grader.similarity.compare import Comparison, Pair
from grader.similarity.fingerprint import K, WINDOW, matched_tokens
from grader.similarity.tokens import Cell

JSON_FILE = "similarity.json"
HTML_FILE = "similarity.html"
MAX_VIEWS = 60
"""Side-by-side views per assignment: the pairs at or above the threshold, most similar first."""

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("grader", "templates"), autoescape=True,
                          undefined=jinja2.StrictUndefined)


def _student(c: Comparison, i: int) -> str:
    return c.notebooks[i].student


def pair_json(c: Comparison, p: Pair) -> dict:
    """One pair as similarity.json gives it (DESIGN.md's keys first)."""
    return {"a": _student(c, p.a), "b": _student(c, p.b), "similarity": round(p.similarity, 3),
            "longest_run": p.longest_run, "cells": [list(x) for x in p.cells],
            "tokens": round(p.tokens, 3), "path_a": c.notebooks[p.a].path, "path_b": c.notebooks[p.b].path,
            "evidence": [{"kind": e.kind, "what": e.what, "detail": e.detail, "shared_by": e.shared_by}
                         for e in p.clues]}


def clusters_json(c: Comparison) -> list[list[str]]:
    return [list(dict.fromkeys(_student(c, i) for i in group)) for group in c.clusters]


def similarity_document(comparisons: Sequence[Comparison]) -> dict:
    """The content of similarity.json: per assignment its listed pairs and its clusters."""
    return {c.assignment: {"pairs": [pair_json(c, p) for p in c.pairs], "clusters": clusters_json(c),
                           "threshold": c.threshold} for c in comparisons}


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str
    """"" (plain), "match" (shared with the other notebook), "base" (also in a base source),
    "template" (the template's text) or "common" (in a run common to many students)."""


@dataclass(frozen=True)
class ShownCell:
    cell: Cell
    segments: tuple[Segment, ...]


TEMPLATE_LINES = 4
"""Template text longer than this many lines is shown as its first and last line."""


def _shortened(text: str, kind: str, lang: str) -> str:
    lines = text.split("\n")
    if kind != "template" or len(lines) <= TEMPLATE_LINES:
        return text
    return "\n".join([lines[0], say("similar.template_lines", lang, count=len(lines) - 2), lines[-1]])


def _segments(cell: Cell, spans: list[tuple[int, int, str]], lang: str = "en") -> tuple[Segment, ...]:
    """The cell's text cut at the spans (start, end, kind), neighbouring spans of a kind merged."""
    merged: list[list] = []
    for start, end, kind in spans:
        if merged and merged[-1][2] == kind and cell.source[merged[-1][1]:start].strip() == "":
            merged[-1][1] = end
        else:
            merged.append([start, end, kind])
    found, at = [], 0
    for start, end, kind in merged:
        if start > at:
            found.append(Segment(cell.source[at:start], ""))
        found.append(Segment(_shortened(cell.source[start:end], kind, lang), kind))
        at = end
    if at < len(cell.source):
        found.append(Segment(cell.source[at:], ""))
    return tuple(found)


def shown_cells(c: Comparison, side: int, runs: np.ndarray, lang: str = "en") -> list[ShownCell]:
    """The cells of notebook `side` holding matched tokens: matches, base and template text marked."""
    p = c.prints[side]
    matched = matched_tokens(p, runs)
    spans: dict[int, list[tuple[int, int, str]]] = {}
    marks = zip(p.doc.tokens, matched, c.base_marks[side], c.template_marks[side], c.common_marks[side])
    for t, m, b, tm, cm in marks:
        kind = "match" if m else "base" if b else "template" if tm else "common" if cm else ""
        if kind:
            spans.setdefault(t.cell, []).append((t.start, t.end, kind))
    keep = {i for i, s in spans.items() if any(kind == "match" for _, _, kind in s)}
    return [ShownCell(cell, _segments(cell, spans[cell.index], lang)) for cell in p.doc.cells if cell.index in keep]


@dataclass(frozen=True)
class View:
    pair: Pair
    number: int
    left: list[ShownCell]
    right: list[ShownCell]
    base_tokens: tuple[int, int]
    """Tokens of each notebook also found in a base source (not counted)."""


def views(c: Comparison, lang: str = "en") -> list[View]:
    found = []
    for number, p in enumerate(c.pairs, 1):
        if p.similarity < c.threshold or len(found) >= MAX_VIEWS:
            continue
        left = shown_cells(c, p.a, p.overlap.runs[0], lang) if p.overlap else []
        right = shown_cells(c, p.b, p.overlap.runs[1], lang) if p.overlap else []
        base = (int(c.base_marks[p.a].sum()), int(c.base_marks[p.b].sum()))
        found.append(View(p, number, left, right, base))
    return found


def _ranks(values: Sequence) -> list[int]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0] * len(values)
    for rank, i in enumerate(order, 1):
        ranks[i] = rank
    return ranks


def sort_orders(c: Comparison) -> list[dict[str, int]]:
    """Per listed pair, its place in each order the list can be sorted in (CSS `order`)."""
    pairs = c.pairs
    by_run = _ranks([(-p.longest_run, -p.similarity) for p in pairs])
    by_evidence = _ranks([(-len(p.clues), -p.similarity) for p in pairs])
    by_name = _ranks([(_student(c, p.a).lower(), _student(c, p.b).lower()) for p in pairs])
    return [{"run": r, "evidence": e, "name": n} for r, e, n in zip(by_run, by_evidence, by_name)]


def cluster_lines(c: Comparison) -> list[dict]:
    """Each cluster's students and the highest similarity of a pair inside it."""
    lines = []
    for group, students in zip(c.clusters, clusters_json(c)):
        members = set(group)
        best = max((p.similarity for p in c.pairs if p.a in members and p.b in members), default=c.threshold)
        lines.append({"students": students, "best": best})
    return lines


def render(comparisons: Sequence[Comparison], lang: str = "en") -> str:
    """similarity.html in `lang`."""
    sections = [{"c": c, "views": views(c, lang), "orders": sort_orders(c), "clusters": cluster_lines(c), "student": functools.partial(_student, c)}
                for c in comparisons]
    return _ENV.get_template("similarity.html.j2").render(
        sections=sections, lang=lang, t=functools.partial(say, lang=lang), version=__version__, k=K,
        guarantee=K + WINDOW - 1)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def write_pages(out: Path, comparisons: Sequence[Comparison], lang: str = "en") -> None:
    """Write similarity.json and similarity.html into `out`."""
    _write(out / JSON_FILE, json.dumps(similarity_document(comparisons), indent=1, ensure_ascii=False))
    _write(out / HTML_FILE, render(comparisons, lang))
