"""`python -m grader.check_cli NOTEBOOK --assignment A [--name N ...]`: the checker behind
`check()` (grader/selfcheck.py). Grades the public cases of the named graded names as `grade`
does (fresh sandboxed kernel, probes, verdicts in this process) and prints a compact verdict.

A graded name without public cases (the model checks whose input is drawn from the grading
seed) is checked on practice inputs drawn from PRACTICE_SEED, and says so.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from pathlib import Path

from grader import rubric, sandbox
from grader.discover import discover
from grader.errors import GraderError, UsageError
from grader.grade import grade_submission
from grader.messages import LANGS, say, say_again
from grader.results import CELL_KEYS
from grader.results import CheckResult, SubmissionResult
from grader.rubric import Assignment
from grader.verdicts import NameVerdict, cause_label, cause_scope, cause_text, name_verdicts

PRACTICE_SEED = 0
MAX_CELL_NOTES = 3
_FRAME = re.compile(r'^\s*File "[^"]*", line \d+, in \S+')


def public_checks(assignment: Assignment, names: list[str]) -> Assignment:
    """`assignment` reduced to `names`, each with its public cases only (all its cases when it
    has no public one); the forward of a backward name stays, without cases of its own."""
    chosen = {g.name: g for g in assignment.graded if g.name in names}
    forwards = {g.forward for g in chosen.values() if g.forward} - set(chosen)
    graded = []
    for g in assignment.graded:
        if g.name in chosen:
            graded.append(dataclasses.replace(g, cases=tuple(c for c in g.cases if c.public) or g.cases))
        elif g.name in forwards:
            graded.append(dataclasses.replace(g, cases=()))
    return dataclasses.replace(assignment, graded=tuple(graded),
                               rubric_sha256=f"{assignment.rubric_sha256}/check:{','.join(names)}")


def _where(traceback: str | None) -> str | None:
    """The last place in the student's code that the traceback passes through, with its line."""
    lines = (traceback or "").splitlines()
    frames = [i for i, line in enumerate(lines) if _FRAME.match(line)]
    if not frames:
        return None
    at = frames[-1]
    code = lines[at + 1].strip() if at + 1 < len(lines) and not _FRAME.match(lines[at + 1]) else ""
    return lines[at].strip() + (f": {code}" if code else "")


def _status(check: CheckResult, lang: str) -> str:
    return say(f"status.{check.status}", lang).upper() if check.status != "pass" else say("status.pass", lang)


def _case_lines(check: CheckResult, lang: str) -> list[str]:
    """Status, id and message; under an error no diagnosis explains, where the code raised."""
    lines = [f"  {_status(check, lang):<5} {check.id}: {check.message}"]
    where = None if check.hint or check.status == "pass" else _where(check.traceback)
    return lines + ([f"        {say('check.raised_at', lang, where=where)}"] if where else [])


def _name_lines(verdict: NameVerdict, lang: str) -> list[str]:
    """As the page: the graded name's line (public or practice cases), each likely mistake once
    with the cases it holds for, then the cases themselves."""
    public = all(c.public for c in verdict.checks)
    key = "check.summary" if public else "check.summary_practice"
    lines = [f"{verdict.name}: " + say(key, lang, passed=verdict.passed, count=len(verdict.counted))]
    for cause in verdict.causes:  # a problem without diagnosis is said by its case line below
        lines.append(f"  {cause_label(cause, lang)} — {cause_scope(cause, verdict, lang)}")
        lines += [f"    {cause_text(cause)}"] if cause.first.hint else []
    marked = _marked_line(verdict, lang)
    return lines + ([f"    {marked}"] if marked else []) + [line for c in verdict.checks for line in _case_lines(c, lang)]


def _marked_line(verdict: NameVerdict, lang: str) -> str | None:
    """"the likely mistake is at line 37 of In [2]: out[...] = ..." when a diagnosis points at a line."""
    for check in verdict.checks:
        src = (check.details or {}).get("source") if isinstance(check.details, dict) else None
        if isinstance(src, dict) and type(src.get("mark")) is int and type(src.get("first_line")) is int:
            at = src["mark"] - src["first_line"]
            lines = src.get("lines") or []
            if 0 <= at < len(lines) and type(src.get("cell")) is int:
                return say("check.marked_line", lang, line=src["mark"], cell=src["cell"] + 1, code=str(lines[at]).strip())
    return None


def verdict_text(result: SubmissionResult, names: list[str], lang: str) -> str:
    """What `check()` prints, shaped as `grade`'s summary and the page: per graded name, a
    summary line and each likely mistake once with its cases; then the replayed cells that did
    not run cleanly."""
    if result.status != "graded":
        return say("check.not_graded", lang, reason=result.message)
    lines = []
    by_name = {v.name: v for v in name_verdicts(result.checks)}
    for name in names:
        lines += _name_lines(by_name.get(name, NameVerdict(name, (), ())), lang)
    troubled = list(result.cells)  # every replayed cell that did not simply succeed
    for cell in troubled[:MAX_CELL_NOTES]:
        what = (f"{cell.ename}: {say_again(cell.evalue or '', CELL_KEYS, lang)}" if cell.ename
                else say(f"check.cell.{cell.status}", lang))
        lines.append(say("check.cell_note", lang, number=cell.index + 1, what=what))
    if len(troubled) > MAX_CELL_NOTES:
        lines.append(say("check.more_cells", lang, count=len(troubled) - MAX_CELL_NOTES))
    lines.append(say("check.hidden_note", lang))
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m grader.check_cli", description="Check a notebook's public cases.")
    p.add_argument("notebook")
    p.add_argument("--assignment", required=True)
    p.add_argument("--name", action="append", help="a graded name (repeat for several; default: all)")
    p.add_argument("--lang", choices=LANGS, default="en")
    p.add_argument("--isolation", choices=sandbox.LEVELS, help="isolation of the kernel (default: the strongest)")
    return p


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    assignments = rubric.load_all()
    full = rubric.get(args.assignment, assignments)
    names = args.name or [g.name for g in full.graded]
    unknown = [n for n in names if n not in {g.name for g in full.graded}]
    if unknown:
        raise UsageError.of("error.no_graded_name", assignment=args.assignment, name=repr(unknown[0]))
    reduced = public_checks(full, names)
    if not Path(args.notebook).is_file():
        raise UsageError.of("error.no_notebook", path=args.notebook)
    submissions, _ = discover([args.notebook], {full.name: reduced}, full.name)
    result = grade_submission(submissions[0], {full.name: reduced}, PRACTICE_SEED,
                              sandbox.choose(args.isolation), args.lang)
    print(verdict_text(result, names, args.lang), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang" and argv[i + 1] in LANGS), "en")
    try:
        return run(argv)
    except UsageError as exc:
        print(f"check: {exc.text(lang)}", file=sys.stderr)
        return 2
    except GraderError as exc:
        print(say("error.cannot_go_on", lang, prog="check", message=exc.text(lang)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
