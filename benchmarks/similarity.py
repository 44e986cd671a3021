"""Similar submissions of a class: how long 300 notebooks of one assignment take, and how the
default threshold sits between the generated copies and independent solutions.

    .venv/bin/python benchmarks/similarity.py [--n 300] [--work /tmp/cnn-grader-similarity]

Generates a conv_numpy class (benchmarks/similarity_corpus.py: independent solutions, an exact
copy, a renamed and reformatted copy, a copy with its cells reordered, a template-only notebook;
N notebooks in all), then times `grade similar` on it in a subprocess (wall-clock and CPU seconds,
the interpreter's start and imports included). It prints the highest similarity of two
independent solutions and the lowest of a copy and its source, and the same for an
alexnet_params class (a copy of only the markdown answers, its wrong values known from the
variable verdicts), whose comparison runs in this process.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import similarity_corpus as corpus  # noqa: E402  (a sibling file, not a package)

COPIES = ("copy_", "p_markdown_copy")


def spread(document: dict, assignment: str, kinds: dict[str, str]) -> tuple[float, float]:
    """(highest similarity of two independent students, lowest of a copy and its source)."""
    independent, copies = 0.0, 1.0
    for p in document[assignment]["pairs"]:
        a, b = kinds[p["a"]], kinds[p["b"]]
        source = a.split(":")[-1] if ":" in a else b.split(":")[-1] if ":" in b else None
        if source in (p["a"], p["b"]):
            copies = min(copies, p["similarity"])
        elif a == b == "independent" and not {p["a"], p["b"]} & _sources(kinds):
            independent = max(independent, p["similarity"])
    return independent, copies


def _sources(kinds: dict[str, str]) -> set[str]:
    return {k.split(":")[-1] for k in kinds.values() if ":" in k}


def time_conv(work: Path, n: int) -> None:
    root = work / "conv"
    kinds = corpus.conv_class(root, n - 4)
    out = work / "out_conv"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run([str(REPO / ".venv/bin/grade"), "similar", str(root), "--out", str(out), "--lang", "en"],
                   check=True, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    document = json.loads((out / "similarity.json").read_text())
    independent, copies = spread(document, "conv_numpy", kinds)
    print(f"conv_numpy: {n} notebooks compared in {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"({len(document['conv_numpy']['pairs'])} pairs listed, clusters {document['conv_numpy']['clusters']})")
    print(f"  highest independent pair {independent:.3f}, lowest copy pair {copies:.3f}")


def params_spread(work: Path, independents: int) -> None:
    from grader import rubric
    from grader.similarity.page import similarity_document
    from grader.similarity.run import compare_all

    sys.path.insert(0, str(REPO / "tests/unit"))
    from test_similarity_class import params_results  # the verdicts grading gives these values

    root = work / "params"
    kinds, values = corpus.params_class(root, independents)
    kinds = {k: ("independent" if v == "template" else v) for k, v in kinds.items()}
    assignments = rubric.load_all()
    from grader.discover import discover

    submissions, _ = discover([str(root)], assignments)
    comparisons = compare_all(submissions, params_results(root, values, assignments), assignments)
    independent, copies = spread(similarity_document(comparisons), "alexnet_params", kinds)
    print(f"alexnet_params ({independents + 3} notebooks): highest independent pair {independent:.3f}, "
          f"markdown-only copy {copies:.3f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=300, help="conv_numpy notebooks in the class (default 300)")
    p.add_argument("--work", default="/tmp/cnn-grader-similarity", help="scratch folder (emptied first)")
    args = p.parse_args()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    time_conv(work, args.n)
    for independents in (10, 40):
        params_spread(work / str(independents), independents)


if __name__ == "__main__":
    main()
