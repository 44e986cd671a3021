"""The `grade` command: discover, grade in parallel, write reports; exit 2 on usage errors."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from grader import __version__, rubric
from grader.batch import grade_all
from grader.discover import discover
from grader.errors import GraderError, UsageError
from grader.messages import LANGS, lang_from_environment, say
from grader.report import write_reports
from grader.results import SubmissionResult
from grader.seed import resolve_seed


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="grade", description="Grade CNN homework notebooks.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a notebook, a folder of them (any depth), or a .zip")
    p.add_argument("--out", default="reports", help="output folder (default: reports/)")
    p.add_argument("--seed", type=int, help="seed of the hidden cases (default: the one recorded in the output folder, else a fresh one)")
    p.add_argument("--assignment", help="assignment of notebooks that neither metadata nor file name identify")
    p.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 8), help="parallel kernels (default: number of cores)")
    p.add_argument("--cell-timeout", type=float, help="seconds per notebook cell (default: the rubric's)")
    p.add_argument("--call-timeout", type=float, help="seconds per graded call (default: the rubric's)")
    p.add_argument("--lang", choices=LANGS, default=lang_from_environment(),
                   help="language of messages, hints and reports (default: ko if the locale is Korean, else en)")
    p.add_argument("--version", action="version", version=f"cnn-grader {__version__}")
    return p


def _line(result: SubmissionResult, lang: str) -> str:
    head = f"{result.student:<20} {result.assignment or 'unknown':<16} "
    if result.status != "graded":
        return head + f"ERROR  {result.message}"
    first = next((c for c in result.checks if c.status != "pass"), None)
    tail = say("cli.first_problem", lang, id=first.id, message=first.message[:160]) if first else ""
    return head + f"{result.score:6.2f} / {result.max_score:g}{tail}"


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    assignments = rubric.with_timeouts(rubric.load_all(), args.cell_timeout, args.call_timeout)
    if args.assignment is not None:
        rubric.get(args.assignment, assignments)
    submissions, skipped = discover(args.paths, assignments, args.assignment)
    out = Path(args.out)
    seed = resolve_seed(out, args.seed)
    started = time.monotonic()
    lang = args.lang
    print(say("cli.start", lang, count=len(submissions), seed=seed, workers=args.workers), flush=True)
    results = grade_all(submissions, assignments, seed, args.workers,
                        on_result=lambda r: print(_line(r, lang), flush=True), lang=lang)
    write_reports(out, results, skipped, seed, lang)
    errors = sum(r.status != "graded" for r in results)
    print(say("cli.done", lang, count=len(results), seconds=time.monotonic() - started, errors=errors,
              skipped=len(skipped), out=out))
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        print(f"grade: error: {exc.message}", file=sys.stderr)
        return 2
    except GraderError as exc:
        print(f"grade: the grader cannot go on: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("grade: interrupted", file=sys.stderr)
        return 130
