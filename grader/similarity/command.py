"""The `grade similar PATH... --out DIR` verb, and the similarity options every batch takes."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from grader import rubric
from grader.discover import discover
from grader.errors import UsageError
from grader.messages import LANGS, lang_from_environment, say
from grader.results import SubmissionResult
from grader.similarity.compare import THRESHOLD
from grader.similarity.page import HTML_FILE, JSON_FILE
from grader.usage import Parser, lang_of

RESULTS_FILE = "results.json"


def add_similarity_options(p: Parser) -> None:
    p.add_argument("--template", action="append", default=[], metavar="NOTEBOOK", help=p.help("help.template"))
    p.add_argument("--base", action="append", default=[], metavar="PATH", help=p.help("help.base"))
    p.add_argument("--similarity-threshold", type=float, default=THRESHOLD, metavar="S",
                   help=p.help("help.threshold", threshold=THRESHOLD))


def check_threshold(value: float) -> None:
    if not 0.0 < value <= 1.0:
        raise UsageError.of("error.threshold", value=value)


def earlier_results(out: Path) -> list[SubmissionResult]:
    """The verdicts of a batch graded into `out` before, if any (for evidence beyond tokens)."""
    path = out / RESULTS_FILE
    if not path.is_file():
        return []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return [SubmissionResult.from_json(e) for e in document.get("submissions", [])]
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        raise UsageError.of("error.not_results", path=path, why=f"{type(exc).__name__}: {exc}") from None


def similar_command(argv: list[str]) -> int:
    """`grade similar`: compare notebooks without grading them (verdicts from DIR/results.json)."""
    from grader.similarity.run import base_documents, template_files, write_similarity

    p = Parser("grade similar", "help.similar", lang_of(argv))
    p.add_argument("paths", nargs="+", metavar="PATH", help=p.help("help.paths"))
    p.add_argument("--out", default="reports", help=p.help("help.out"))
    p.add_argument("--assignment", help=p.help("help.assignment"))
    p.add_argument("--lang", choices=LANGS, default=lang_from_environment(), help=p.help("help.similar_lang"))
    add_similarity_options(p)
    args = p.parse_args(argv)
    check_threshold(args.similarity_threshold)
    assignments = rubric.load_all()
    if args.assignment is not None:
        rubric.get(args.assignment, assignments)
    submissions, _ = discover(args.paths, assignments, args.assignment)
    out = Path(args.out)
    results = earlier_results(out)
    comparisons = write_similarity(out, submissions, results, assignments, template_files(args.template),
                                   base_documents(args.base), args.similarity_threshold, args.lang)
    for c in comparisons:
        print(say("similar.summary", args.lang, assignment=c.assignment, count=len(c.notebooks),
                  pairs=sum(p.similarity >= c.threshold for p in c.pairs), clusters=len(c.clusters)))
    print(say("similar.written", args.lang, page=out / HTML_FILE, verdicts=len(results)), flush=True)
    return 0


def prepare_batch_similarity(args: argparse.Namespace):
    """Read a batch's similarity options before it grades (a bad path is a usage error then, not
    after an hour); the returned function writes the pages once the batch is graded, when it holds
    two notebooks or more."""
    check_threshold(args.similarity_threshold)
    templates, bases = None, None
    if args.template or args.base:
        from grader.similarity.run import base_documents, template_files

        templates, bases = template_files(args.template), base_documents(args.base)

    def write(out: Path, submissions, results, assignments) -> None:
        if len(submissions) < 2:
            return
        from grader.similarity.run import write_similarity

        try:
            write_similarity(out, submissions, results, assignments, templates or [], bases or [],
                             args.similarity_threshold, args.lang)
        except Exception as exc:  # a grader bug here must not cost the batch its reports
            for name in (JSON_FILE, HTML_FILE):  # nor leave an earlier run's page linked
                (out / name).unlink(missing_ok=True)
            print("grader fault while comparing submissions (similarity.html not written):", file=sys.stderr)
            traceback.print_exception(exc, file=sys.stderr)
    return write
