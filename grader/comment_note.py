"""Review stage: the automatic note beside a `[[manual]]` item with `note = "model_comments"`:
how many comment and docstring lines the cells that define the student's model(s) hold.

Read from the notebook's code cells in the grader's process (source text only, never run)."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import Sequence

from grader.results import ModelComments

NOTES = ("model_comments",)
"""The automatic notes a `[[manual]]` item may ask for."""

_MODULE_BASES = {"Module", "Model", "Sequential"}
"""Base classes that make a class a model: `nn.Module`, `keras.Model`, `Sequential`."""
_KERAS_BUILDERS = {"Sequential", "Model"}
"""Calls that build a Keras model: `Sequential([...])`, `keras.Model(inputs, outputs)`."""
_MAGIC = re.compile(r"^\s*[%!]")


def model_comments(cells: Sequence[str]) -> ModelComments:
    """Comment lines and docstring lines in the code cells that define a model (a class based
    on `nn.Module`/`Model`, or a cell calling `Sequential(...)`/`Model(...)`)."""
    comments = docstrings = found = 0
    for source in cells:
        tree = _parse(source)
        if tree is None or not _defines_model(tree):
            continue
        found += 1
        comments += _comment_lines(source)
        docstrings += _docstring_lines(tree)
    return ModelComments(model_cells=found, comment_lines=comments, docstring_lines=docstrings)


def _without_magics(source: str) -> str:
    """IPython `%magic` and `!shell` lines blanked (line numbers kept) so the cell parses."""
    return "\n".join("" if _MAGIC.match(line) else line for line in source.splitlines())


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(_without_magics(source))
    except (SyntaxError, ValueError, RecursionError):
        return None


def _name(node: ast.expr) -> str:
    """The last name of `nn.Module`, `tf.keras.Model`, `Sequential`; '' for anything else."""
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _defines_model(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(_name(b) in _MODULE_BASES for b in node.bases):
            return True
        if isinstance(node, ast.Call) and _name(node.func) in _KERAS_BUILDERS:
            return True
    return False


def _comment_lines(source: str) -> int:
    """Lines holding a `#` comment (alone or after code)."""
    lines = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(_without_magics(source)).readline):
            if token.type == tokenize.COMMENT:
                lines.add(token.start[0])
    except (tokenize.TokenError, SyntaxError):
        pass
    return len(lines)


def _docstring_lines(tree: ast.Module) -> int:
    """Lines of the docstrings of the cell, its classes and its functions."""
    total = 0
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            if ast.get_docstring(node, clean=False) is not None:
                first = node.body[0]
                total += first.end_lineno - first.lineno + 1
    return total
