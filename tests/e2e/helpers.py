"""End-to-end helpers: run the real `grade` command on real notebooks in real kernels."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from procmem import grader_peak_kib  # noqa: E402  (benchmarks/ is not a package)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = 20261122


def run_grade(*args: str, timeout: float = 900, env: dict | None = None) -> subprocess.CompletedProcess:
    """`grade ARGS...` as a TA would type it, in a subprocess."""
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env=env)


def run_grade_watched(*args: str, scratch: Path, env: dict | None = None) -> tuple[subprocess.CompletedProcess, int]:
    """`grade ARGS...` in a subprocess, and the peak resident memory (KiB) of the grader's own
    processes while it ran (kernels are the students', not the grader's)."""
    out_path, err_path = scratch / "grade.stdout", scratch / "grade.stderr"
    with out_path.open("w") as printed, err_path.open("w") as warned:
        grading = subprocess.Popen([sys.executable, "-m", "grader", *args], cwd=REPO, stdout=printed,
                                   stderr=warned, env=env)
        peak = grader_peak_kib(grading)
    done = subprocess.CompletedProcess(grading.args, grading.returncode, out_path.read_text(), err_path.read_text())
    return done, peak


def grade_folder(paths: list[str], out: Path, *extra: str) -> dict:
    """Grade `paths` into `out` and return results.json; fails the test on a non-zero exit."""
    done = run_grade(*paths, "--out", str(out), "--seed", str(SEED), "--workers", "2",
                     "--allow-weak-isolation", *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads((out / "results.json").read_text())


def by_file(results: dict) -> dict[str, dict]:
    return {Path(s["path"]).name: s for s in results["submissions"]}


def failing_ids(submission: dict) -> set[str]:
    return {c["id"] for c in submission["checks"] if c["status"] != "pass"}


def expand(expected: list[str] | str, all_ids: set[str]) -> set[str]:
    """Expected failing ids: "all", exact ids, or bare graded names meaning all their cases."""
    if expected == "all":
        return set(all_ids)
    return {i for i in all_ids for e in expected if i == e or i.startswith(e + "/")}
