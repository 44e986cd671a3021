"""Read stage: turn submitted bytes into the code the kernel will run.

Stored outputs and execution counts are ignored; nbformat 3 and older 4.x are upgraded.
Statements that import or call the grader's own `check()` are taken out (grader/cellcode.py).
"""

from __future__ import annotations

import json
import warnings

import nbformat
from nbformat.warnings import MissingIDFieldWarning

from grader.cellcode import strip_cells
from grader.errors import UnreadableNotebook


def code_sources(data: bytes) -> list[str]:
    """The source of every code cell, in order. Raises UnreadableNotebook with the reason."""
    return strip_cells(cell_sources(read_notebook(data), "code"))


def cell_sources(nb: nbformat.NotebookNode, cell_type: str) -> list[str]:
    """The source of every cell of `cell_type` ("code", "markdown"), in order."""
    return [_source(c) for c in nb.cells if isinstance(c, dict) and c.get("cell_type") == cell_type]


def read_notebook(data: bytes) -> nbformat.NotebookNode:
    """The notebook in `data`, upgraded to nbformat 4. Raises UnreadableNotebook with the reason.
    Cells without ids (notebooks from older Jupyter, Colab) are read without a warning: that is
    nbformat's housekeeping, not something a TA can act on."""
    if not data.strip():
        raise UnreadableNotebook.of("read.empty")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise UnreadableNotebook.of("read.not_json", why=f"{type(exc).__name__}: {str(exc)[:200]}") from None
    if not isinstance(raw, dict) or "nbformat" not in raw:
        raise UnreadableNotebook.of("read.not_notebook", type=type(raw).__name__)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MissingIDFieldWarning)
            nb = nbformat.reads(json.dumps(raw), as_version=4)
    except Exception as exc:  # nbformat raises many types for malformed notebooks
        raise UnreadableNotebook.of("read.nbformat", why=f"{type(exc).__name__}: {str(exc)[:200]}") from None
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise UnreadableNotebook.of("read.no_cells")
    return nb


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)
