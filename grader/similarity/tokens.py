"""Similarity stage, reading: a notebook's cells as normalised tokens that keep where they came from.

Code goes through Python's tokenize: comments and layout are dropped, names become `V`, numbers
`N` and strings `S` (keywords, builtins and operators stay), so renaming and reformatting change
nothing. Markdown cells give their words, lower-cased, numbers kept (they are the answers).
Cells whose text is a template cell's are left out whole.
"""

from __future__ import annotations

import builtins
import io
import json
import keyword
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

KEPT_NAMES = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(dir(builtins))
_SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
            tokenize.ENCODING, tokenize.ENDMARKER}
_WORD = re.compile(r"\w+")
_FALLBACK = re.compile(r"\w+|\S")
_NUMBER_START = re.compile(r"\d|\.\d")


@dataclass(frozen=True)
class Cell:
    """One cell of a notebook as the student left it."""

    index: int
    """Position among all the notebook's cells, from 0."""
    kind: str
    """"code" or "markdown"."""
    source: str


@dataclass(frozen=True)
class Token:
    """One normalised token and the characters of its cell it stands for."""

    text: str
    cell: int
    """Position of the cell in the notebook (Cell.index)."""
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """What one notebook wrote: its cells and their tokens, template cells left out."""

    name: str
    cells: tuple[Cell, ...]
    tokens: tuple[Token, ...]


def read_cells(data: bytes) -> tuple[Cell, ...]:
    """The code and markdown cells of a notebook's JSON (nbformat 4, or 3's worksheets); no cells
    for a file that is not a notebook."""
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return ()
    if not isinstance(nb, dict):
        return ()
    raw = nb.get("cells")
    if raw is None:
        raw = [c for w in nb.get("worksheets") or [] if isinstance(w, dict) for c in w.get("cells") or []]
    cells = []
    for index, cell in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown"):
            continue
        source = cell.get("source", cell.get("input", ""))
        source = "".join(map(str, source)) if isinstance(source, list) else str(source)
        cells.append(Cell(index, cell["cell_type"], source))
    return tuple(cells)


def code_tokens(cell: Cell) -> list[Token]:
    """Python tokens of a code cell, normalised; a cell tokenize cannot read (IPython magics, a
    `????` left from the template) falls back to words and symbols, normalised alike."""
    starts = _line_starts(cell.source)
    found: list[Token] = []
    try:
        for t in tokenize.generate_tokens(io.StringIO(cell.source).readline):
            if t.type in _SKIPPED or not t.string.strip():
                continue
            start = starts[t.start[0] - 1] + t.start[1]
            end = starts[t.end[0] - 1] + t.end[1]
            found.append(Token(_normal(t.type, t.string), cell.index, start, end))
        return found
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [Token(_fallback(m.group()), cell.index, m.start(), m.end())
                for m in _FALLBACK.finditer(_without_comments(cell.source))]


def _normal(kind: int, text: str) -> str:
    if kind == tokenize.NAME:
        return text if text in KEPT_NAMES else "V"
    if kind == tokenize.NUMBER:
        return "N"
    if kind == tokenize.STRING:
        return "S"
    return text


def _fallback(text: str) -> str:
    if _NUMBER_START.match(text):
        return "N"
    if text[0].isalpha() or text[0] == "_":
        return text if text in KEPT_NAMES else "V"
    return text


def _without_comments(source: str) -> str:
    """The source with `#` comments blanked out (same length, so offsets still hold)."""
    return re.sub(r"#[^\n]*", lambda m: " " * len(m.group()), source)


def _line_starts(source: str) -> list[int]:
    starts, total = [], 0
    for line in source.splitlines(keepends=True) or [""]:
        starts.append(total)
        total += len(line)
    return starts + [total]


def markdown_tokens(cell: Cell) -> list[Token]:
    """The words (and numbers) of a markdown cell, lower-cased, marked apart from code tokens."""
    return [Token("m:" + m.group().lower(), cell.index, m.start(), m.end()) for m in _WORD.finditer(cell.source)]


def cell_tokens(cell: Cell) -> list[Token]:
    return code_tokens(cell) if cell.kind == "code" else markdown_tokens(cell)


def _key(source: str) -> str:
    return re.sub(r"\s+", " ", source).strip()


def template_keys(cells: tuple[Cell, ...]) -> frozenset[str]:
    """The template's cells as compared: whitespace folded."""
    return frozenset(_key(c.source) for c in cells)


def document(name: str, data: bytes, template: frozenset[str] = frozenset()) -> Document:
    """A notebook's cells and tokens; cells equal to a template cell (whitespace aside) give none."""
    cells = read_cells(data)
    tokens = [t for c in cells if _key(c.source) not in template for t in cell_tokens(c)]
    return Document(name, cells, tuple(tokens))


def source_document(path: Path) -> Document:
    """A public source given with --base: a notebook, or a Python file read as one code cell."""
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        return document(str(path), data)
    cell = Cell(0, "code", data.decode("utf-8", errors="replace"))
    return Document(str(path), (cell,), tuple(code_tokens(cell)))
