"""The `grade` command: discover, grade in parallel (or on a Dask cluster) what the gradebook
lacks, write reports; exit 2 on usage errors."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from grader import __version__, rubric
from grader.batch import BatchOutcome, process_pool, run_batch
from grader.discover import discover
from grader.errors import GraderError, UsageError
from grader.progress import Progress, clock
from grader.report import write_reports
from grader.seed import resolve_seed
from grader.store import GRADEBOOK_FILE, Gradebook


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="grade", description="Grade CNN homework notebooks.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a notebook, a folder of them (any depth), or a .zip")
    p.add_argument("--out", default="reports", help="output folder (default: reports/)")
    p.add_argument("--seed", type=int, help="seed of the hidden cases (default: the one recorded in the output folder, else a fresh one)")
    p.add_argument("--assignment", help="assignment of notebooks that neither metadata nor file name identify")
    p.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 8), help="parallel kernels (default: number of cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="grade on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:PORT) instead of local processes")
    p.add_argument("--regrade", action="store_true", help="grade every notebook again, even those the gradebook already holds")
    p.add_argument("--gradescope", action="store_true", help="also write gradescope/<student>/<assignment>/results.json per submission")
    p.add_argument("--cell-timeout", type=float, help="seconds per notebook cell (default: the rubric's)")
    p.add_argument("--call-timeout", type=float, help="seconds per graded call (default: the rubric's)")
    p.add_argument("--version", action="version", version=f"cnn-grader {__version__}")
    return p


def _backend(args: argparse.Namespace):
    if args.scheduler:
        from grader.cluster import dask_cluster  # imports distributed only when asked for

        return dask_cluster(args.scheduler), f"Dask scheduler {args.scheduler}"
    if args.workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {args.workers}")
    return process_pool(args.workers), f"{args.workers} worker(s)"


def summary(outcome: BatchOutcome, skipped: int, seconds: float, out: Path) -> str:
    """The closing line: counts, time, where the reports are."""
    results = outcome.results
    errors = sum(r.status != "graded" for r in results)
    return (f"done: {len(results)} notebook(s), {len(results) - outcome.reused} graded now and "
            f"{outcome.reused} from the gradebook, {errors} could not be graded, {skipped} file(s) skipped, "
            f"in {clock(seconds)}; reports in {out}/ (index.html, results.json, grades.csv)")


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    assignments = rubric.with_timeouts(rubric.load_all(), args.cell_timeout, args.call_timeout)
    if args.assignment is not None:
        rubric.get(args.assignment, assignments)
    backend, where = _backend(args)
    submissions, skipped = discover(args.paths, assignments, args.assignment)
    out = Path(args.out)
    seed = resolve_seed(out, args.seed)
    started = time.monotonic()
    print(f"grading {len(submissions)} notebook(s) with seed {seed} on {where}", flush=True)
    progress = Progress(len(submissions), sys.stdout)
    progress.start()
    with Gradebook(out / GRADEBOOK_FILE) as gradebook:
        try:
            outcome = run_batch(submissions, assignments, seed, gradebook, backend, args.regrade, progress.update)
        finally:
            progress.finish()
    write_reports(out, outcome.results, skipped, seed, gradescope=args.gradescope)
    print(summary(outcome, len(skipped), time.monotonic() - started, out), flush=True)
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
        print("grade: interrupted; graded notebooks are kept in the gradebook, run the same command "
              "again to go on", file=sys.stderr)
        return 130
