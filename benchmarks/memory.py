"""Peak memory of the grader process and of the kernel while grading one alexnet_model notebook.

Targets: grader under 1.5 GiB, kernel under 2 GiB.
Run: .venv/bin/python benchmarks/memory.py [NOTEBOOK]
"""

import resource
import sys
import time
from pathlib import Path

from grader import rubric
from grader.discover import discover
from grader.grade import grade_submission

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / "assignments/alexnet_model/examples/correct/alexnet_model.ipynb"


def main() -> None:
    notebook = sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT)
    assignments = rubric.load_all()
    (submission,), _ = discover([notebook], assignments)
    started = time.monotonic()
    result = grade_submission(submission, assignments, seed=1)
    seconds = time.monotonic() - started
    grader_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kernel_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"notebook: {notebook}")
    print(f"score: {result.score:g} / {result.max_score:g} in {seconds:.1f} s")
    print(f"grader peak RSS: {grader_mib:7.0f} MiB   (target < 1536 MiB)")
    print(f"kernel peak RSS: {kernel_mib:7.0f} MiB   (target < 2048 MiB; the largest child process)")


if __name__ == "__main__":
    main()
