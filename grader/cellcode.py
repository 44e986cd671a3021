"""Read stage: the code of each cell as a fresh grading kernel should run it.

`check()` (grader/selfcheck.py) is for a student's own kernel: statements that import from
`grader` or call its `check` are taken out, wherever they sit (inside `if`, `for`, `with`,
`try`, function bodies, `%%time` cells; a nested one leaves a `pass` on its line), and nothing
else is, so a notebook that checks itself grades the same as one that does not, and a replay
never starts a check inside a check. A replayed input
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
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})
"""Magics whose body (or argument) is the cell's own Python: check calls are taken out of it."""


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
    edit = _Edit(bound)
    try:
        body = edit.top(tree.body, replay, current)
    except RecursionError:
        return source
    if not edit.changed:
        return source
    lines = code.splitlines(keepends=True)
    if edit.by_lines and all(_whole_lines(lines, s) for s in edit.touched()):
        return _lines_without(lines, edit)
    try:
        return _unparsed(body)
    except RecursionError:
        return source


def _unparsed(body: list[ast.stmt]) -> str:
    return ast.unparse(ast.Module(body=body, type_ignores=[])) + ("\n" if body else "")


class _Edit:
    """Takes grader imports and check calls out of a cell's tree, wherever they sit, and notes
    what it took so the source can be cut line by line (keeping the rest as written)."""

    def __init__(self, bound: _Bound) -> None:
        self.bound = bound
        self.dropped: list[ast.stmt] = []
        """Top-level statements taken out."""
        self.passed: list[ast.stmt] = []
        """Nested statements taken out: a `pass` stands where they were."""
        self.rewritten: dict[int, ast.stmt] = {}
        """Top-level statements changed inside (a cell magic's body), by line."""
        self.by_lines = True
        """False once an edit cannot be made on whole lines: the tree is unparsed instead."""

    def touched(self) -> list[ast.stmt]:
        return self.dropped + self.passed + list(self.rewritten.values())

    @property
    def changed(self) -> bool:
        return bool(self.dropped or self.passed or self.rewritten) or not self.by_lines

    def top(self, body: list[ast.stmt], replay: bool, current: bool) -> list[ast.stmt]:
        """The cell's statements kept; with `current`, none after the one running a check."""
        kept = []
        for n, stmt in enumerate(body):
            now = current and _calls_check(stmt, self.bound)
            if replay and _session_only(stmt):
                self.dropped.append(stmt)
                continue
            new = self._statement(stmt, nested=False)
            if new is not None:
                kept.append(new)
            if now:
                self.dropped.extend(body[n + 1:])
                break
        return kept

    def _statement(self, stmt: ast.stmt, nested: bool, in_function: bool = False) -> ast.stmt | None:
        """The statement without grader imports and check calls, None when nothing is left.
        In a function's body only imports that bind `check` go: another grader import there
        runs, and fails, when the function is called, as it would in any fresh kernel."""
        importing = _imports_grader(stmt, self.bound) and (not in_function or _binds_check(stmt))
        if importing or (_is_simple(stmt) and _calls_check(stmt, self.bound)):
            (self.passed if nested else self.dropped).append(stmt)
            return None
        if not nested and (magic := self._cell_magic(stmt)) is not None:
            return magic
        inside = in_function or isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for name in ("body", "orelse", "finalbody"):
            if isinstance(getattr(stmt, name, None), list) and _is_statements(getattr(stmt, name)):
                setattr(stmt, name, self._body(getattr(stmt, name), inside))
        for part in getattr(stmt, "handlers", []) + getattr(stmt, "cases", []):
            part.body = self._body(part.body, inside)
        if not _is_simple(stmt) and _calls_check(_header(stmt), self.bound):
            _NoChecks(self.bound).visit(stmt)  # `if check(...):`: the call becomes None
            self.by_lines = False
        return stmt

    def _body(self, body: list[ast.stmt], in_function: bool) -> list[ast.stmt]:
        kept = [new for new in (self._statement(s, True, in_function) for s in body) if new is not None]
        return kept or body and [ast.Pass()]

    def _cell_magic(self, stmt: ast.stmt) -> ast.stmt | None:
        """`%%time` (or another Python cell magic) with checks in its body: the body without them."""
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (_ipython_method(call) == "run_cell_magic" and len(call.args) == 3
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args)
                and call.args[0].value in PYTHON_CELL_MAGICS):
            return None
        inner = call.args[2].value
        stripped = _strip(inner, self.bound, False, False)
        if stripped == inner:
            return None
        call.args[2] = ast.Constant(stripped)
        self.rewritten[stmt.lineno] = stmt
        return stmt


class _NoChecks(ast.NodeTransformer):
    """Every check call in a header becomes `None`."""

    def __init__(self, bound: _Bound) -> None:
        self.bound = bound

    def visit_Call(self, node: ast.Call) -> ast.AST:
        return ast.Constant(None) if _is_check_call(node, self.bound) else self.generic_visit(node)


_COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.TryStar,
             ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Match)


def _is_simple(stmt: ast.stmt) -> bool:
    return not isinstance(stmt, _COMPOUND)


def _is_statements(value: list) -> bool:
    return all(isinstance(v, ast.stmt) for v in value)


def _header(stmt: ast.stmt) -> ast.AST:
    """What a compound statement evaluates itself (its test, iterable, context managers, ...),
    without its bodies; a definition's decorators and defaults."""
    fields = {"test", "iter", "target", "items", "subject", "decorator_list", "args", "bases", "keywords"}
    parts = [v for name, v in ast.iter_fields(stmt) if name in fields]
    nodes = [n for p in parts for n in (p if isinstance(p, list) else [p]) if isinstance(n, ast.AST)]
    return ast.Module(body=[ast.Expr(n) if isinstance(n, ast.expr) else n for n in nodes], type_ignores=[])


def _ipython_method(call: ast.AST | None) -> str | None:
    """`name` of a `get_ipython().name(...)` call, else None."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
        return None
    owner = call.func.value
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "get_ipython":
        return call.func.attr
    return None


def _binds_check(stmt: ast.stmt) -> bool:
    """`from grader[.module] import check` (or `*`)."""
    return isinstance(stmt, ast.ImportFrom) and any(a.name in ("check", "*") for a in stmt.names)


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


def _calls_check(node: ast.AST, bound: _Bound) -> bool:
    """Whether `node` runs a check now: a check call outside the bodies of the functions and
    classes it defines (those would call it later), or a Python line magic running one."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
        return False
    if _is_check_call(node, bound) or _line_magic_checks(node, bound):
        return True
    return any(_calls_check(child, bound) for child in ast.iter_child_nodes(node))


def _line_magic_checks(node: ast.AST, bound: _Bound) -> bool:
    """`%time check("f")`: a Python line magic whose code calls a check."""
    if not (_ipython_method(node) == "run_line_magic" and len(node.args) == 2
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
            and node.args[0].value in PYTHON_CELL_MAGICS):
        return False
    try:
        return _calls_check(ast.parse(node.args[1].value), bound)
    except (SyntaxError, ValueError, RecursionError):
        return False


def _session_only(stmt: ast.stmt) -> bool:
    """`!cmd`, `x = !cmd`, or a magic in REPLAY_LINE_MAGICS / REPLAY_CELL_MAGICS."""
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
    method = _ipython_method(value)
    if method is None:
        return False
    magic = value.args[0].value if value.args and isinstance(value.args[0], ast.Constant) else None
    return (method in SHELL_CALLS
            or (method == "run_line_magic" and magic in REPLAY_LINE_MAGICS)
            or (method == "run_cell_magic" and magic in REPLAY_CELL_MAGICS))


def _whole_lines(lines: list[str], stmt: ast.stmt) -> bool:
    """Whether `stmt` has its lines to itself (nothing before it, only a comment after it)."""
    before = lines[stmt.lineno - 1].encode()[:stmt.col_offset]
    after = lines[stmt.end_lineno - 1].encode()[stmt.end_col_offset:].strip()
    return not before.strip() and (not after or after.startswith(b"#"))


def _lines_without(lines: list[str], edit: _Edit) -> str:
    """The code's lines with the edits made on them: a dropped statement's lines go, a nested
    one's first line becomes `pass` at its indentation, a rewritten one is unparsed in place."""
    out = dict(enumerate(lines, 1))
    for stmt in edit.touched():
        for n in range(stmt.lineno, stmt.end_lineno + 1):
            out[n] = ""
    for stmt in edit.passed:
        first = lines[stmt.lineno - 1]
        out[stmt.lineno] = first[:len(first) - len(first.lstrip())] + "pass\n"
    for line, stmt in edit.rewritten.items():
        out[line] = ast.unparse(stmt) + "\n"
    return "".join(out[n] for n in sorted(out))
