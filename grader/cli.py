"""The `grade` command: discover, grade in parallel (or on a Dask cluster) what the gradebook
lacks, write reports; exit 2 on usage errors."""

from __future__ import annotations

import argparse
import os
import sys
import time
import webbrowser
from pathlib import Path

from grader import __version__, public, rubric, sandbox
from grader.batch import BatchOutcome, process_pool, run_batch
from grader.discover import discover
from grader.errors import GraderError, UsageError
from grader.messages import LANGS, lang_from_environment, say
from grader.progress import Progress, clock
from grader.report import write_reports
from grader.results import SubmissionResult
from grader.seed import resolve_seed
from grader.similarity.command import add_similarity_options, prepare_batch_similarity, similar_command
from grader.store import GRADEBOOK_FILE, Gradebook
from grader.validate import validate


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
    p.add_argument("--isolation", choices=sandbox.LEVELS, help="isolation of the kernels (default: the strongest available)")
    p.add_argument("--allow-weak-isolation", action="store_true",
                   help="grade a batch even where bubblewrap is unavailable")
    p.add_argument("--memory", type=float, default=4.0, help="memory limit of each kernel in GiB (default 4)")
    p.add_argument("--open", action="store_true", help="open the report (or the dashboard) in the browser")
    p.add_argument("--lang", choices=LANGS, default=lang_from_environment(),
                   help="language of messages, hints and reports (default: ko if the locale is Korean, else en)")
    p.add_argument("--version", action="version", version=f"cnn-grader {__version__}")
    add_similarity_options(p)
    return p


def _backend(args: argparse.Namespace, box: sandbox.Sandbox):
    """Where the kernels run: Dask workers (each picks its own strongest isolation) or here."""
    if args.scheduler:
        from grader.cluster import dask_cluster  # imports distributed only when asked for

        return dask_cluster(args.scheduler, args.lang), say("cli.where_dask", args.lang, address=args.scheduler)
    if args.workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {args.workers}")
    return (process_pool(args.workers, box, args.lang),
            say("cli.where_workers", args.lang, workers=args.workers, level=box.level))


def check_summary(result: SubmissionResult, page: Path, lang: str = "en") -> str:
    """A student's view of one notebook: each graded name's passes, the first problem, the page;
    in the students' distribution, which graded names the course staff checks instead."""
    if result.status != "graded":
        return say("cli.not_graded", lang, message=result.message) + "\n" + say("cli.report", lang, page=page)
    lines, by_name = [f"{result.assignment}: {result.score:.2f} / {result.max_score:g}"], {}
    for check in result.checks:
        by_name.setdefault(check.id.split("/")[0], []).append(check)
    staff = [name for name, checks in by_name.items() if all(c.status == "staff" for c in checks)]
    for name, checks in by_name.items():
        if name in staff:
            lines.append(f"  {name:<26} {say('cli.staff_judged', lang)}")
            continue
        bad = [c.id.partition("/")[2] or c.status for c in checks if c.is_problem]
        counted = [c for c in checks if c.status != "staff"]
        passes = say("cli.passes", lang, passed=len(counted) - len(bad), count=len(counted))
        lines.append(f"  {name:<26} {passes}" + (say("cli.not_passing", lang, which=", ".join(bad)) if bad else ""))
    first = next((c for c in result.checks if c.is_problem), None)
    if first:
        lines.append(say("cli.first_problem", lang, id=first.id, message=first.message))
    if staff:
        lines.append(say("cli.staff_note", lang, names=", ".join(staff)))
    lines.append(say("cli.report", lang, page=page))
    return "\n".join(lines)


def summary(outcome: BatchOutcome, skipped: int, seconds: float, out: Path, lang: str = "en") -> str:
    """The closing line: counts, time, where the reports are."""
    results = outcome.results
    return say("cli.done", lang, count=len(results), graded=len(results) - outcome.reused, reused=outcome.reused,
               errors=sum(r.status != "graded" for r in results), skipped=skipped, clock=clock(seconds), out=out)


def _sandbox(args, count: int) -> sandbox.Sandbox:
    """The kernels' isolation; a batch below bubblewrap needs the TA's explicit consent."""
    if args.memory <= 0:
        raise UsageError("--memory must be a positive number of GiB")
    box = sandbox.choose(args.isolation, sandbox.Limits(memory_bytes=int(args.memory * sandbox.GIB)))
    if box.level != "bubblewrap" and count > 1 and not args.allow_weak_isolation:
        raise UsageError(f"only the {box.level!r} isolation level is available here (install bubblewrap for "
                         "the strongest); pass --allow-weak-isolation to grade a batch anyway")
    if box.level != "bubblewrap":
        print(f"warning: kernels run with weak isolation ({box.level})", file=sys.stderr)
    return box


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    assignments = rubric.with_timeouts(rubric.load_all(), args.cell_timeout, args.call_timeout)
    if args.assignment is not None:
        rubric.get(args.assignment, assignments)
    submissions, skipped = discover(args.paths, assignments, args.assignment)
    write_similarity = prepare_batch_similarity(args)
    box = _sandbox(args, len(submissions))
    backend, where = _backend(args, box)
    out = Path(args.out)
    seed = resolve_seed(out, args.seed)
    started = time.monotonic()
    print(say("cli.start", args.lang, count=len(submissions), seed=seed, where=where), flush=True)
    progress = Progress(len(submissions), sys.stdout, lang=args.lang)
    progress.start()
    with Gradebook(out / GRADEBOOK_FILE) as gradebook:
        try:
            outcome = run_batch(submissions, assignments, seed, gradebook, backend, args.regrade, progress.update,
                                args.lang)
        finally:
            progress.finish()
    write_similarity(out, submissions, outcome.results, assignments)
    entries = write_reports(out, outcome.results, skipped, seed, args.lang, gradescope=args.gradescope)
    if len(entries) == 1:
        print(check_summary(entries[0].result, out / entries[0].href, args.lang), flush=True)
    if args.open and entries:
        webbrowser.open((out / (entries[0].href if len(entries) == 1 else "index.html")).resolve().as_uri())
    print(summary(outcome, len(skipped), time.monotonic() - started, out, args.lang), flush=True)
    return 0


def _print_finding(finding) -> None:
    print(f"{'ok  ' if finding.ok else 'FAIL'}  {finding.step}: {finding.detail}", flush=True)


def validate_command(argv: list[str]) -> int:
    """`grade validate assignments/NAME`: exit 0 when the assignment is fit to grade with."""
    p = argparse.ArgumentParser(prog="grade validate", description="Check an assignment folder.")
    p.add_argument("folder", help="an assignment folder holding rubric.toml")
    p.add_argument("--isolation", choices=sandbox.LEVELS, help="isolation of the kernels")
    args = p.parse_args(argv)
    folder = Path(args.folder)
    if public.mode() != "solutions":
        raise UsageError("grade validate needs the course staff's checkout (with solutions/)")
    if not (folder / "rubric.toml").is_file():
        raise UsageError(f"{folder} holds no rubric.toml")
    ok = validate(folder, sandbox.choose(args.isolation), _print_finding)
    print("the assignment is valid" if ok else "the assignment is NOT valid")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["validate"]:
            return validate_command(argv[1:])
        if argv[:1] == ["similar"]:
            return similar_command(argv[1:])
        return run(argv)
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
