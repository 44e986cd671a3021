"""Diagnose stage, where in the student's code: a failing function's source as the grader ran it
(the last code cell that defines it), and the line a diagnosis points at when it can tell.

The cells are parsed with `ast` in the grader's process, never run; a cell that does not parse
(IPython magics, a syntax error) is skipped.
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass
from typing import Callable, Sequence

from grader.plan import CheckPlan
from grader.results import CheckResult

MAX_LINES = 200
_ALLOCATORS = ("zeros", "empty", "zeros_like", "empty_like", "ones", "full")


@dataclass(frozen=True)
class Source:
    """A function's definition in the student's notebook."""

    name: str
    cell: int
    """0-based index among the notebook's code cells."""
    first_line: int
    """1-based line of the cell where the definition starts."""
    lines: tuple[str, ...]
    mark: int | None = None
    """1-based line of the cell that the diagnosis points at, if any."""

    def to_json(self) -> dict:
        return {"name": self.name, "cell": self.cell, "first_line": self.first_line,
                "lines": list(self.lines), "mark": self.mark}


def _definition(tree: ast.Module, name: str) -> ast.FunctionDef | None:
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    return found[-1] if found else None


def function_source(sources: Sequence[str], name: str) -> tuple[Source, ast.FunctionDef] | None:
    """The last definition of `name` among the code cells (the one the kernel kept), with its node."""
    for index in range(len(sources) - 1, -1, -1):
        try:
            tree = ast.parse(sources[index])
        except (SyntaxError, ValueError):
            continue
        node = _definition(tree, name)
        if node is not None:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            lines = sources[index].splitlines()[start - 1:node.end_lineno][:MAX_LINES]
            return Source(name, index, start, tuple(lines)), node
    return None


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _assigns_to(node: ast.AST, name: str) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return any(isinstance(t, (ast.Name, ast.Subscript)) and name in _names(t) and
               (isinstance(t, ast.Subscript) or t.id == name) for t in targets)


def _allocates(value: ast.AST) -> bool:
    return isinstance(value, ast.Call) and isinstance(value.func, (ast.Attribute, ast.Name)) and \
        getattr(value.func, "attr", getattr(value.func, "id", "")) in _ALLOCATORS


def mark_no_bias(node: ast.FunctionDef) -> int | None:
    """The last assignment to `out` (or an element of it) that computes a value without `b`."""
    bias = node.args.args[2].arg if len(node.args.args) > 2 else "b"
    hits = [n.lineno for n in ast.walk(node) if isinstance(n, (ast.Assign, ast.AugAssign))
            and _assigns_to(n, "out") and not _allocates(n.value) and bias not in _names(n.value)]
    return max(hits) if hits else None


def _minus_same(lower: ast.AST, upper: ast.AST) -> bool:
    return isinstance(upper, ast.UnaryOp) and isinstance(upper.op, ast.USub) and \
        ast.dump(upper.operand) == ast.dump(lower)


def mark_crop(node: ast.FunctionDef) -> int | None:
    """The first slice `p:-p` (empty when p is 0)."""
    hits = [n.lineno for n in ast.walk(node) if isinstance(n, ast.Slice) and n.lower is not None
            and n.upper is not None and _minus_same(n.lower, n.upper)]
    return min(hits) if hits else None


MARKS: dict[str, Callable[[ast.FunctionDef], int | None]] = {
    "conv_forward.no_bias": mark_no_bias,
    "conv_backward.crop_empty_at_pad_0": mark_crop,
}
"""Diagnoses that point at a line: the diagnosis id -> the finder of that line."""


def _first_failing(checks: Sequence[CheckResult], plans: Sequence[CheckPlan]) -> dict[str, int]:
    first: dict[str, int] = {}
    for i, (check, plan) in enumerate(zip(checks, plans)):
        if plan.graded.kind == "function" and check.status in ("fail", "error"):
            first.setdefault(plan.graded.name, i)
    return first


def attach_sources(checks: Sequence[CheckResult], plans: Sequence[CheckPlan], sources: Sequence[str]) -> tuple:
    """`checks` with the source of each failing function attached to its first failing check
    (`details["source"]`), the line its diagnosis points at marked."""
    result = list(checks)
    for name, i in _first_failing(checks, plans).items():
        found = function_source(sources, name)
        if found is None:
            continue
        source, node = found
        details = dict(result[i].details or {})
        finder = MARKS.get(str(details.get("diagnosis")))
        mark = finder(node) if finder else None
        source = dataclasses.replace(source, mark=mark if mark is not None and source.first_line <= mark
                                     < source.first_line + len(source.lines) else None)
        result[i] = dataclasses.replace(result[i], details=details | {"source": source.to_json()})
    return tuple(result)
