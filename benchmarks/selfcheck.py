"""A student's self-check: `grade` on one conv_numpy notebook vs executing it with nbclient alone.

Runs `grade NOTEBOOK` and `jupyter execute NOTEBOOK` 5 times each, alternating, and prints the
medians and their ratio (target: under 1.3).
Run: .venv/bin/python benchmarks/selfcheck.py [NOTEBOOK] [RUNS]
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / "assignments/conv_numpy/examples/correct/conv_numpy.ipynb"
BIN = Path(sys.executable).parent


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started


def main() -> None:
    notebook = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    grade, execute = [], []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            grade.append(timed([str(BIN / "grade"), str(notebook), "--out", out, "--seed", "1", "--regrade"]))
            execute.append(timed([str(BIN / "jupyter"), "execute", "--allow-errors",
                                  f"--output={Path(out) / 'executed.ipynb'}", str(notebook)]))
    g, e = statistics.median(grade), statistics.median(execute)
    print(f"notebook: {notebook.relative_to(REPO) if notebook.is_relative_to(REPO) else notebook}")
    print(f"grade            median {g:6.2f} s   runs {', '.join(f'{t:.2f}' for t in grade)}")
    print(f"jupyter execute  median {e:6.2f} s   runs {', '.join(f'{t:.2f}' for t in execute)}")
    print(f"ratio grade / execute: {g / e:.2f}   (target < 1.3)")


if __name__ == "__main__":
    main()
