"""End-to-end helpers: run the real `grade` command on real notebooks in real kernels."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = 20261122


def run_grade(*args: str, timeout: float = 900, env: dict | None = None) -> subprocess.CompletedProcess:
    """`grade ARGS...` as a TA would type it, in a subprocess."""
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env=env)


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
