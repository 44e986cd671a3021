"""`check()` in a student's own kernel: the public cases of a graded name, graded as `grade` would.

Nothing is judged here. The code run so far in this kernel (its input history, without the
`check` calls and session-only commands, see grader/cellcode.py) is written as a notebook to a
temporary folder, and `python -m grader.check_cli` grades it in a subprocess: a fresh sandboxed
kernel runs the code, the probes call the student's functions there, and the verdicts are
computed in that subprocess and printed here.
"""

from __future__ import annotations

import difflib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Mapping

from grader import rubric
from grader.cellcode import strip_cells
from grader.errors import CheckRequestError, GraderError
from grader.messages import LANGS, lang_from_environment, say
from grader.rubric import Assignment

GRADING_KERNEL = "CNN_GRADER_KERNEL"
"""Set in the environment of every kernel the grader starts (grader/execute.py): there,
`check()` does nothing, so grading a notebook never starts another grading."""
INTERRUPT_GRACE = 15.0
"""Seconds the checker gets to stop its kernel after an interrupt before it is killed."""
_BOOT = ("import sys; root = sys.argv.pop(1)\n"
         "if root not in sys.path: sys.path.insert(0, root)\n"
         "from grader.check_cli import main; raise SystemExit(main(sys.argv[1:]))")
"""The checker imports the same grader package as this kernel, wherever that one came from."""


def check(name: Any = None, assignment: str | None = None, lang: str | None = None) -> None:
    """Grade the public cases of `name` (every graded name of the notebook's assignment when
    None) on the code run so far in this kernel, in a fresh kernel, and print the verdicts in
    `lang` ("en" or "ko"; default: the locale's)."""
    if os.environ.get(GRADING_KERNEL):
        return  # the grader is running this notebook itself
    lang = lang or lang_from_environment()
    try:
        if lang not in LANGS:
            raise CheckRequestError(say("check.lang", lang="en", got=lang, langs=", ".join(LANGS)))
        shell = _shell(lang)
        assignments = rubric.load_all()
        which, names = resolve(name, assignment, assignments, shell.user_ns, _notebook_path(shell), lang)
        cells = history_cells(shell.history_manager.input_hist_raw)
        print(say("check.running", lang, names=", ".join(names), assignment=which), flush=True)
        run_checker(cells, which, names, lang)
    except GraderError as exc:
        print(exc.text(lang), flush=True)


def _shell(lang: str):
    """The IPython shell of this kernel, whose input history is the code to replay."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is None or getattr(shell, "history_manager", None) is None:
        raise CheckRequestError(say("check.no_ipython", lang))
    return shell


def history_cells(raw_history: list[str]) -> list[str]:
    """The cells run so far, in order (IPython's `In[1:]`), the last one being the cell that
    calls `check`, kept up to that call; grader calls and session-only commands taken out."""
    return strip_cells(list(raw_history[1:]), replay=True, current=True)


def student_names(a: Assignment) -> set[str]:
    """What a student of `a` defines: the graded functions and variables, the model's class."""
    return {g.options.get("class_name", g.name) for g in a.graded}


def _listing(assignments: Mapping[str, Assignment]) -> str:
    return "".join(f"\n  {a.name}: {', '.join(g.name for g in a.graded)}" for a in assignments.values())


def _notebook_path(shell) -> str | None:
    """The notebook this kernel serves, when the front end says so (Jupyter Server, VS Code)."""
    return os.environ.get("JPY_SESSION_NAME") or shell.user_ns.get("__vsc_ipynb_file__")


def infer_assignment(assignments: Mapping[str, Assignment], namespace: Mapping[str, Any],
                     notebook: str | None) -> str | None:
    """The notebook's assignment (its metadata or file name, as `grade` tells it), else the one
    assignment whose names the namespace defines; None when neither settles it."""
    if notebook and notebook.endswith(".ipynb"):
        from grader.discover import identify

        path = Path(notebook)  # Jupyter Server may give it relative to its root: the name still tells
        data = path.read_bytes() if path.is_file() else b""
        found = identify(data, path.name, assignments, None)
        if found:
            return found
    hits = [a.name for a in assignments.values() if student_names(a) & set(namespace)]
    return hits[0] if len(hits) == 1 else None


def resolve(name: Any, assignment: str | None, assignments: Mapping[str, Assignment],
            namespace: Mapping[str, Any], notebook: str | None, lang: str) -> tuple[str, list[str]]:
    """(assignment, graded names to check) for `check(name, assignment=...)`; raises
    CheckRequestError with the reason, in `lang`."""
    if assignment is not None and assignment not in assignments:
        raise CheckRequestError(say("check.unknown_assignment", lang, assignment=assignment,
                                    known=", ".join(assignments)))
    pool = {assignment: assignments[assignment]} if assignment else dict(assignments)
    if name is None:
        which = assignment or infer_assignment(assignments, namespace, notebook)
        if which is None:
            raise CheckRequestError(say("check.need_name", lang, listing=_listing(assignments)))
        return which, [g.name for g in assignments[which].graded]
    name = name if isinstance(name, str) else getattr(name, "__name__", None)  # check(conv_forward_naive)
    if not isinstance(name, str):
        raise CheckRequestError(say("check.not_a_name", lang, listing=_listing(pool)))
    owners = [a.name for a in pool.values() if any(g.name == name for g in a.graded)]
    if len(owners) > 1:
        raise CheckRequestError(say("check.ambiguous", lang, name=name, assignments=", ".join(owners)))
    if not owners:
        every = [g.name for a in pool.values() for g in a.graded]
        close = difflib.get_close_matches(name, every, n=1)
        guess = say("check.did_you_mean", lang, guess=close[0]) if close else ""
        raise CheckRequestError(say("check.unknown_name", lang, name=name, guess=guess, listing=_listing(pool)))
    return owners[0], [name]


def _notebook_bytes(cells: list[str], assignment: str) -> bytes:
    import nbformat

    nb = nbformat.v4.new_notebook(metadata={"grader": {"assignment": assignment}})
    nb.cells = [nbformat.v4.new_code_cell(source, id=f"in-{i + 1}") for i, source in enumerate(cells)]
    return nbformat.writes(nb).encode("utf-8")


def run_checker(cells: list[str], assignment: str, names: list[str], lang: str) -> int:
    """Write `cells` as a notebook, grade it with `python -m grader.check_cli` and print what it
    prints as it comes; returns the checker's exit status."""
    folder = Path(tempfile.mkdtemp(prefix="cnn-grader-check-"))
    root = str(Path(__file__).resolve().parent.parent)
    try:
        notebook = folder / f"{assignment}.ipynb"
        notebook.write_bytes(_notebook_bytes(cells, assignment))
        argv = [sys.executable, "-c", _BOOT, root, str(notebook), "--assignment", assignment, "--lang", lang]
        argv += [arg for n in names for arg in ("--name", n)]
        with open(folder / "stderr.txt", "w+", encoding="utf-8") as errors:
            code = _stream(argv, folder, errors, lang)
            if code != 0:
                errors.seek(0)
                print(say("check.failed", lang, code=code, stderr=errors.read()[-3000:].strip()), flush=True)
        return code
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _stream(argv: list[str], cwd: Path, errors, lang: str) -> int:
    """Run the checker in its own session, relaying its output; an interrupt stops it cleanly
    (SIGINT, so it shuts its kernel down) and is raised again here."""
    proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors,
                            text=True, encoding="utf-8", errors="replace", start_new_session=True)
    try:
        for line in proc.stdout:
            print(line, end="", flush=True)
        return proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(INTERRUPT_GRACE)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        print(say("check.interrupted", lang), flush=True)
        raise
    finally:
        proc.stdout.close()
