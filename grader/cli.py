"""The `grade` command: discover, grade in parallel (or on a Dask cluster) what the gradebook
lacks, write reports; exit 2 on usage errors."""

from __future__ import annotations

import argparse
import os
import sys
import time
import webbrowser
from pathlib import Path

from grader import __version__, classrun, layouts, public, rubric, sandbox
from grader.batch import BatchOutcome, process_pool, run_batch
from grader.discover import discover
from grader.errors import GraderError, UsageError
from grader.messages import LANGS, lang_from_environment, say
from grader.progress import Progress, clock, printable
from grader.report import write_reports
from grader.results import SubmissionResult
from grader.review.apply import keep_and_apply
from grader.seed import resolve_secret
from grader.similarity.command import add_similarity_options, prepare_batch_similarity, similar_command
from grader.store import GRADEBOOK_FILE, Gradebook, environment_of
from grader.usage import Parser, lang_of
from grader.validate import validate
from grader.verdicts import name_verdicts, verdict_lines


def _parser(lang: str = "en") -> Parser:
    p = Parser("grade", "help.grade", lang)
    p.add_argument("paths", nargs="+", metavar="PATH", help=p.help("help.paths"))
    p.add_argument("--out", default="reports", help=p.help("help.out"))
    p.add_argument("--seed", type=int, help=p.help("help.seed"))
    p.add_argument("--assignment", help=p.help("help.assignment"))
    p.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 8), help=p.help("help.workers"))
    p.add_argument("--scheduler", metavar="ADDRESS", help=p.help("help.scheduler"))
    p.add_argument("--regrade", action="store_true", help=p.help("help.regrade"))
    p.add_argument("--gradescope", action="store_true", help=p.help("help.gradescope"))
    p.add_argument("--cell-timeout", type=float, help=p.help("help.cell_timeout"))
    p.add_argument("--call-timeout", type=float, help=p.help("help.call_timeout"))
    p.add_argument("--isolation", choices=sandbox.LEVELS, help=p.help("help.isolation"))
    p.add_argument("--allow-weak-isolation", action="store_true", help=p.help("help.allow_weak"))
    p.add_argument("--memory", type=float, default=4.0, help=p.help("help.memory"))
    p.add_argument("--open", action="store_true", help=p.help("help.open"))
    p.add_argument("--lang", choices=LANGS, default=lang_from_environment(), help=p.help("help.lang"))
    p.add_argument("--layout", choices=layouts.LAYOUTS, help=p.help("help.layout"))
    p.add_argument("--roster", metavar="CSV", help=p.help("help.roster"))
    p.add_argument("--course", metavar="TOML", help=p.help("help.course"))
    p.add_argument("--lms-gradebook", metavar="CSV", help=p.help("help.lms_gradebook"))
    p.add_argument("--version", action="version", version=f"cnn-grader {__version__}", help=p.help("help.version"))
    add_similarity_options(p)
    return p


def _backend(args: argparse.Namespace, count: int):
    """Where the kernels run: on Dask workers, isolated as asked here (each worker checks it can),
    or on this machine."""
    if args.scheduler:
        from grader.cluster import Isolation, dask_cluster  # imports distributed only when asked for

        weak = args.allow_weak_isolation or count <= 1
        if args.isolation not in (None, "bubblewrap") and not weak:
            raise UsageError.of("error.isolation_weak", level=args.isolation)
        isolation = Isolation(args.isolation, _limits(args), weak)
        return dask_cluster(args.scheduler, args.lang, isolation), say("cli.where_dask", args.lang, address=args.scheduler)
    box = _sandbox(args, count)
    if args.workers < 1:
        raise UsageError.of("error.workers", workers=args.workers)
    return (process_pool(args.workers, box, args.lang),
            say("cli.where_workers", args.lang, workers=args.workers, level=box.level))


def check_summary(result: SubmissionResult, page: Path, lang: str = "en") -> str:
    """A student's view of one notebook, shaped as the page opens: per graded name its points
    and passes and each likely mistake once, with the cases it holds for (grader/verdicts.py);
    in the students' distribution, which graded names the course staff checks instead."""
    if result.status != "graded":
        return printable(say("cli.not_graded", lang, message=result.message)) + "\n" + say("cli.report", lang, page=page)
    named = name_verdicts(result.checks)
    lines = [f"{result.assignment}: {result.score:.2f} / {result.max_score:g}"] + verdict_lines(named, lang)
    for item in result.manual:  # [[manual]]: scored by a TA in `grade review`
        state = say("review.cli_needs", lang, points=item.max_score) if item.needs_review else f"{item.score:g}/{item.max_score:g}"
        lines.append(f"  {item.name:<26} {state}")
    staff = [v.name for v in named if v.staff]
    if staff:
        lines.append(say("cli.staff_note", lang, names=", ".join(staff)))
    lines.append(say("cli.report", lang, page=page))
    return "\n".join(printable(part) for line in lines for part in line.split("\n"))


def summary(outcome: BatchOutcome, skipped: int, seconds: float, out: Path, lang: str = "en") -> str:
    """The closing line: counts, time, where the reports are."""
    results = outcome.results
    return say("cli.done", lang, count=len(results), graded=len(results) - outcome.reused, reused=outcome.reused,
               errors=sum(r.status != "graded" for r in results), skipped=skipped, clock=clock(seconds), out=out)


def _limits(args) -> sandbox.Limits:
    if args.memory <= 0:
        raise UsageError.of("error.memory")
    return sandbox.Limits(memory_bytes=int(args.memory * sandbox.GIB))


def _sandbox(args, count: int) -> sandbox.Sandbox:
    """The kernels' isolation; a batch below bubblewrap needs the TA's explicit consent."""
    box = sandbox.choose(args.isolation, _limits(args))
    if box.level != "bubblewrap" and count > 1 and not args.allow_weak_isolation:
        raise UsageError.of("error.weak_isolation", level=repr(box.level))
    if box.level != "bubblewrap":
        print(say("error.weak_warning", args.lang, level=box.level), file=sys.stderr)
    return box


def _environment(args) -> str:
    """The kernels' isolation level and limits, as the gradebook key counts them (a Dask batch:
    the level asked for, else this machine's strongest)."""
    return environment_of(sandbox.Sandbox(args.isolation or sandbox.strongest_level(), _limits(args)))


def run(argv: list[str]) -> int:
    args = _parser(lang_of(argv)).parse_args(argv)
    assignments = rubric.with_timeouts(rubric.load_all(), args.cell_timeout, args.call_timeout)
    if args.assignment is not None:
        rubric.get(args.assignment, assignments)
    given = classrun.load(args.roster, args.course, args.lms_gradebook, args.lang, assignments)
    submissions, skipped = discover(args.paths, assignments, args.assignment, args.layout)
    write_similarity = prepare_batch_similarity(args)
    backend, where = _backend(args, len(submissions))
    out = Path(args.out)
    secret = resolve_secret(out, args.seed)
    started = time.monotonic()
    print(say("cli.start", args.lang, count=len(submissions), where=where), flush=True)
    progress = Progress(len(submissions), sys.stdout, lang=args.lang)
    progress.start()
    with Gradebook(out / GRADEBOOK_FILE) as gradebook:
        try:
            outcome = run_batch(submissions, assignments, secret, gradebook, backend, args.regrade, progress.update,
                                args.lang, _environment(args))
        finally:
            progress.finish()
        results = keep_and_apply(gradebook, submissions, outcome.results, assignments, args.lang, skipped)
    write_similarity(out, submissions, outcome.results, assignments)
    book = classrun.build(given, results, submissions, args.lang)
    entries = write_reports(out, results, skipped, args.lang, gradescope=args.gradescope, classbook=book)
    classrun.finish(out, given, book, args.lang, submissions)
    if len(entries) == 1:
        print(check_summary(entries[0].result, out / entries[0].href, args.lang), flush=True)
    if args.open and entries:
        webbrowser.open((out / (entries[0].href if len(entries) == 1 else "index.html")).resolve().as_uri())
    print(summary(outcome, len(skipped), time.monotonic() - started, out, args.lang), flush=True)
    return 0


def validate_command(argv: list[str]) -> int:
    """`grade validate assignments/NAME`: exit 0 when the assignment is fit to grade with."""
    p = Parser("grade validate", "help.validate", lang_of(argv))
    p.add_argument("folder", help=p.help("help.folder"))
    p.add_argument("--isolation", choices=sandbox.LEVELS, help=p.help("help.validate_isolation"))
    p.add_argument("--lang", choices=LANGS, default=lang_from_environment(), help=p.help("help.validate_lang"))
    args = p.parse_args(argv)
    folder = Path(args.folder)
    if public.mode() != "solutions":
        raise UsageError.of("error.validate_needs_solutions")
    if not (folder / "rubric.toml").is_file():
        raise UsageError.of("error.no_rubric", folder=folder)
    ok = validate(folder, sandbox.choose(args.isolation), lambda f: print(f.line(args.lang), flush=True), args.lang)
    print(say("validate.ok" if ok else "validate.not_ok", args.lang))
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["validate"]:
            return validate_command(argv[1:])
        if argv[:1] == ["review"]:
            from grader.review.server import review_command  # tornado only for this verb

            return review_command(argv[1:])
        if argv[:1] == ["similar"]:
            return similar_command(argv[1:])
        return run(argv)
    except UsageError as exc:
        print(say("error.usage", lang_of(argv), prog="grade", message=exc.text(lang_of(argv))), file=sys.stderr)
        return 2
    except GraderError as exc:
        print(say("error.cannot_go_on", lang_of(argv), prog="grade", message=exc.text(lang_of(argv))),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(say("error.interrupted", lang_of(argv)), file=sys.stderr)
        return 130
    except OSError as exc:  # the output folder is read-only or full: say so, no traceback
        why = say("error.cannot_write", lang_of(argv), file=exc.filename or "?", why=exc.strerror or exc)
        print(say("error.cannot_go_on", lang_of(argv), prog="grade", message=why), file=sys.stderr)
        return 1
