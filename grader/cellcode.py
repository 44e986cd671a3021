"""Read stage: the code of each cell as a fresh grading kernel should run it.

`check()` (grader/selfcheck.py) is for a student's own kernel: statements that import from
`grader` or call its `check` are taken out, so a notebook that checks itself grades the same
as one that does not, and a replay never starts a check inside a check. A replayed input
history (`replay=True`) also loses shell escapes and the magics that only make sense in the
student's own session (package installs, `%cd`, help, the debugger, `%timeit`).

A cell that needs no change is returned as it is; a changed one comes back as the Python that
IPython makes of it (magics become `get_ipython()` calls, which the grading kernel runs alike).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

PACKAGE = "grader"
SHELL_CALLS = frozenset({"system", "getoutput"})
"""`get_ipython()` methods behind `!cmd` and `x = !cmd`."""
REPLAY_LINE_MAGICS = frozenset({
    "pip", "conda", "mamba", "micromamba", "uv", "sx", "sc", "system", "cd", "pushd", "popd", "dhist",
    "bookmark", "load", "edit", "debug", "pdb", "history", "hist", "recall", "rerun", "save", "store",
    "notebook", "pinfo", "pinfo2", "psearch", "pdef", "pdoc", "psource", "pfile", "who", "whos",
    "who_ls", "timeit", "qtconsole", "connect_info", "logstart", "logon", "logoff", "killbgscripts",
    "clear", "less", "more", "man", "page", "pycat"})
"""Line magics a replay leaves out: they change nothing the graded names depend on, or they
reach outside a fresh kernel (the network, the student's folders, a terminal)."""
REPLAY_CELL_MAGICS = frozenset({"bash", "sh", "script", "system", "sx", "perl", "ruby", "python2",
                                "pypy", "timeit", "debug"})


@dataclass
class _Bound:
    """Names under which the student's namespace holds grader's `check` or the package."""

    functions: set[str] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)


def strip_cells(sources: list[str], replay: bool = False, current: bool = False) -> list[str]:
    """The cells' sources, one for one, without grader imports and `check(...)` statements.

    `replay`: the sources are an input history, which also loses shell escapes and
    session-only magics. `current`: the last source is the cell now running a check, kept only
    up to the statement that calls it.
    """
    if not replay and not any(PACKAGE in s for s in sources):
        return list(sources)  # nothing can refer to the grader: no IPython needed
    bound, out = _Bound(), []
    for i, source in enumerate(sources):
        out.append(_strip(source, bound, replay, current and i == len(sources) - 1))
    return out


def _python(source: str) -> str:
    from IPython.core.inputtransformer2 import TransformerManager  # a kernel's own dependency

    return TransformerManager().transform_cell(source)


def _strip(source: str, bound: _Bound, replay: bool, current: bool) -> str:
    if not source.strip():
        return source
    code = _python(source)
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source  # too broken or too deep to read: the grading kernel runs it as it is
    kept = []
    for stmt in tree.body:
        if _imports_grader(stmt, bound):
            continue
        if _calls_check(stmt, bound):
            if current:
                break
            continue
        if replay and _session_only(stmt):
            continue
        kept.append(stmt)
    if len(kept) == len(tree.body):
        return source
    return _source_of(code, tree.body, kept)


def _imports_grader(stmt: ast.stmt, bound: _Bound) -> bool:
    """An import from the grader package; records what it binds."""
    if isinstance(stmt, ast.Import):
        ours = [a for a in stmt.names if a.name.split(".")[0] == PACKAGE]
        for alias in ours:
            bound.modules.add(alias.asname or PACKAGE)
        return bool(ours) and len(ours) == len(stmt.names)
    if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and (stmt.module or "").split(".")[0] == PACKAGE:
        for alias in stmt.names:
            if alias.name in ("check", "*"):
                bound.functions.add(alias.asname or "check")
            else:
                bound.modules.add(alias.asname or alias.name)
        return True
    return False


def _is_check_call(node: ast.AST, bound: _Bound) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in bound.functions
    if isinstance(func, ast.Attribute) and func.attr == "check":
        root = func.value
        while isinstance(root, ast.Attribute):
            root = root.value
        return isinstance(root, ast.Name) and root.id in bound.modules
    return False


def _calls_check(stmt: ast.stmt, bound: _Bound) -> bool:
    """A statement that runs a check now (a definition that would call one later does not)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return False
    return any(_is_check_call(node, bound) for node in ast.walk(stmt))


def _session_only(stmt: ast.stmt) -> bool:
    """`!cmd`, `x = !cmd`, or a magic in REPLAY_LINE_MAGICS / REPLAY_CELL_MAGICS."""
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)):
        return False
    owner = value.func.value
    if not (isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "get_ipython"):
        return False
    method = value.func.attr
    magic = value.args[0].value if value.args and isinstance(value.args[0], ast.Constant) else None
    return (method in SHELL_CALLS
            or (method == "run_line_magic" and magic in REPLAY_LINE_MAGICS)
            or (method == "run_cell_magic" and magic in REPLAY_CELL_MAGICS))


def _source_of(code: str, body: list[ast.stmt], kept: list[ast.stmt]) -> str:
    """`code` without the statements not kept, line by line when no line holds both kinds."""
    lines = code.splitlines(keepends=True)
    ids = {id(s) for s in kept}
    dropped = {n for s in body if id(s) not in ids for n in range(s.lineno, s.end_lineno + 1)}
    kept_lines = {n for s in kept for n in range(s.lineno, s.end_lineno + 1)}
    if dropped & kept_lines:  # `x = 1; check("f")`: rebuild from the tree
        return ast.unparse(ast.Module(body=kept, type_ignores=[])) + ("\n" if kept else "")
    return "".join(line for n, line in enumerate(lines, 1) if n not in dropped)
