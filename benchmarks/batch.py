"""Batch throughput: `grade` against nbgrader's `autograde` and plain nbclient, one machine, one run.

    .venv/bin/python benchmarks/batch.py [--n 6] [--workers 2] [--work /tmp/cnn-grader-bench]

Generates N submissions of each assignment (copies of the bundled examples: correct and buggy
ones, each under its own student folder), then times, on the same notebooks:
- `grade` (this checkout, `--workers W`, fresh output folder, so everything is graded);
- nbgrader `autograde`, installed into its own virtualenv (created here when absent with
  `python3 -m venv` + `pip install nbgrader`), over a course folder whose notebooks are the same
  submissions plus nbgrader test cells (hidden tests equivalent to the rubric's checks: the
  reference solution inlined, the same public cases); its kernel is this Python's, so both run
  the same numpy and torch;
- plain nbclient: every notebook executed once, in order, nothing checked.
Also times `grade --workers 1` (per-notebook cost without parallelism). Prints wall-clock and
machine-wide CPU seconds per submission of each (from /proc/stat, so run it on a quiet
machine), the load average, and the ratios.

    .venv/bin/python benchmarks/batch.py --keras [--n 4] [--workers 2]

times only `grade` (and `grade --workers 1`) on N copies of a Keras-only alexnet_model notebook
(tests/e2e/fixtures/alexnet_model/keras_only.ipynb: TensorFlow in the kernel, the Keras checks):
the per-notebook cost of such a submission.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbgrader_course import build_course  # noqa: E402  (a sibling file, not a package)

ASSIGNMENTS = {"conv_numpy": "conv_numpy.ipynb", "alexnet_params": "alexnet_params.ipynb",
               "alexnet_model": "alexnet_model.ipynb"}


def generate(subs: Path, n: int) -> list[Path]:
    """N copies per assignment, cycling through its examples, as subs/<assignment>/<student>/<file>."""
    made = []
    for assignment, file_name in ASSIGNMENTS.items():
        examples = sorted((REPO / "assignments" / assignment / "examples").glob(f"*/{file_name}"))
        for i in range(n):
            source = examples[i % len(examples)]
            target = subs / assignment / f"{assignment[:4]}{i:02d}_{source.parent.name}" / file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            made.append(target)
    return made


@dataclass(frozen=True)
class Figure:
    wall: float
    """Seconds of wall-clock time."""
    cpu: float
    """CPU seconds the whole machine was busy (/proc/stat): warm kernels are not children of
    the grader, so its own rusage would miss them; anything else running counts too."""
    load: float
    """The 1-minute load average at the end: above the core count, others shared the machine."""


def busy_seconds() -> float:
    """CPU seconds spent by all cores so far (user, nice, system, irq, softirq, steal)."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def measured(work) -> Figure:
    before = busy_seconds()
    started = time.monotonic()
    work()
    wall = time.monotonic() - started
    return Figure(wall, busy_seconds() - before, os.getloadavg()[0])


def run_grade(subs: Path, out: Path, workers: int, assignments=ASSIGNMENTS) -> None:
    done = subprocess.run([sys.executable, "-m", "grader", *(str(subs / a) for a in assignments), "--out", str(out),
                           "--seed", "1", "--workers", str(workers), "--regrade"],
                          cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"grade failed:\n{done.stdout}\n{done.stderr}")
    print("   ", done.stdout.strip().splitlines()[-1], flush=True)


def run_nbclient(notebooks: list[Path]) -> None:
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, allow_errors=True, kernel_name="python3", timeout=600,
                       resources={"metadata": {"path": str(path.parent)}}).execute()


def nbgrader_venv(venv: Path) -> Path:
    """nbgrader's own environment, created when absent; returns its `nbgrader` command."""
    command = venv / "bin" / "nbgrader"
    if not command.exists():
        print(f"creating {venv} with nbgrader (once)", flush=True)
        subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "nbgrader"], check=True)
    return command


def nbgrader_env(jupyter_path: Path, nbgrader: Path) -> dict[str, str]:
    """nbgrader's environment (its venv first on PATH: it runs `alembic` from there), in which
    the `python3` kernel is this Python (with numpy and torch)."""
    spec = jupyter_path / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (grader's)", "language": "python"}))
    return os.environ | {"JUPYTER_PATH": str(jupyter_path), "PATH": f"{nbgrader.parent}:{os.environ['PATH']}"}


def prepare_nbgrader(nbgrader: Path, course: Path, env: dict[str, str]) -> None:
    """Setup, not timed: the gradebook entries of each assignment."""
    for assignment in ASSIGNMENTS:
        _nbgrader(nbgrader, course, env, "generate_assignment", assignment, "--force")


def run_nbgrader(nbgrader: Path, course: Path, env: dict[str, str]) -> None:
    for assignment in ASSIGNMENTS:
        _nbgrader(nbgrader, course, env, "autograde", assignment, "--create", "--force")


def _nbgrader(nbgrader: Path, course: Path, env: dict[str, str], *args: str) -> None:
    done = subprocess.run([str(nbgrader), *args], cwd=course, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"nbgrader {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


def nbgrader_scores(course: Path) -> dict[str, float]:
    """Total score per submission from nbgrader's gradebook, to show that it graded."""
    import sqlite3

    with sqlite3.connect(course / "gradebook.db") as db:
        rows = db.execute("SELECT s.student_id, a.name, SUM(COALESCE(g.manual_score, g.auto_score, 0)) "
                          "FROM grade g JOIN submitted_notebook n ON g.notebook_id = n.id "
                          "JOIN submitted_assignment s ON n.assignment_id = s.id "
                          "JOIN assignment a ON s.assignment_id = a.id GROUP BY s.id").fetchall()
    return {f"{a}/{student}": score for student, a, score in rows}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=6, help="submissions per assignment (default 6)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="grade's --workers (default: cores)")
    p.add_argument("--work", default="/tmp/cnn-grader-bench", help="scratch folder (default /tmp/cnn-grader-bench)")
    p.add_argument("--skip-nbgrader", action="store_true")
    p.add_argument("--keras", action="store_true", help="only grade N copies of a Keras alexnet_model notebook")
    args = p.parse_args()
    work = Path(args.work)
    run = work / f"run-{int(time.time())}"
    if args.keras:
        return keras_cost(run, args.n, args.workers)
    notebooks = generate(run / "subs", args.n)
    total = len(notebooks)
    print(f"{total} submissions ({args.n} per assignment) on {os.cpu_count()} cores", flush=True)
    figures: dict[str, Figure] = {}
    grade_name = f"grade --workers {args.workers}"
    print(f"{grade_name} ...", flush=True)
    figures[grade_name] = measured(lambda: run_grade(run / "subs", run / "grade-out", args.workers))
    if args.workers != 1:
        print("grade --workers 1 ...", flush=True)
        figures["grade --workers 1"] = measured(lambda: run_grade(run / "subs", run / "grade-out-1", 1))
    print("plain nbclient ...", flush=True)
    figures["plain nbclient"] = measured(lambda: run_nbclient(notebooks))
    if not args.skip_nbgrader:
        nbgrader = nbgrader_venv(work / "nbgrader-venv")
        course = build_course(run / "course", run / "subs", ASSIGNMENTS)
        env = nbgrader_env(run / "jupyter", nbgrader)
        prepare_nbgrader(nbgrader, course, env)
        print("nbgrader autograde ...", flush=True)
        figures["nbgrader autograde"] = measured(lambda: run_nbgrader(nbgrader, course, env))
        print("    nbgrader scores:", json.dumps(nbgrader_scores(course), sort_keys=True), flush=True)
    report(figures, grade_name, total)


KERAS_NOTEBOOK = REPO / "tests" / "e2e" / "fixtures" / "alexnet_model" / "keras_only.ipynb"


def keras_cost(run: Path, n: int, workers: int) -> None:
    """`grade` on N copies of the Keras-only alexnet_model notebook: seconds per notebook."""
    for i in range(n):
        target = run / "subs" / "alexnet_model" / f"kera{i:02d}_keras_only" / "alexnet_model.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(KERAS_NOTEBOOK.read_bytes())
    print(f"{n} Keras alexnet_model submissions on {os.cpu_count()} cores", flush=True)
    only = {"alexnet_model": "alexnet_model.ipynb"}
    figures = {}
    for w in dict.fromkeys((workers, 1)):
        print(f"grade --workers {w} ...", flush=True)
        figures[f"grade --workers {w}"] = measured(lambda: run_grade(run / "subs", run / f"grade-out-{w}", w, only))
    report(figures, f"grade --workers {workers}", n)


def report(figures: dict[str, Figure], grade_name: str, total: int) -> None:
    print(f"\n{total} submissions; per submission:")
    print(f"  {'':<20} {'wall s':>8} {'CPU s':>8} {'load':>6}")
    for name, f in figures.items():
        print(f"  {name:<20} {f.wall / total:8.2f} {f.cpu / total:8.2f} {f.load:6.1f}")
    grade = figures[grade_name]
    for name, f in figures.items():
        if name != grade_name:
            print(f"  throughput of {grade_name} / {name}: {f.wall / grade.wall:.2f}x (CPU per submission: "
                  f"{f.cpu / grade.cpu:.2f}x less)")


if __name__ == "__main__":
    main()
