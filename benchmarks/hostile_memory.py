"""Peak memory of the grader's own processes while it grades a hostile class.

Builds a class of conv_numpy notebooks that try to make the grader hold what they send (an
IOPub error flood, 200 MB printed, huge outputs for every case, shared memory and /tmp files
past the kernel's limit) beside correct ones, grades it with `grade --workers 2`, and prints
the largest resident size among the coordinator and every pool worker (kernels are not the
grader's processes: they run in their own control groups). Target: under 1 GiB.

    .venv/bin/python benchmarks/hostile_memory.py --copies 3
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from procmem import grader_peak_kib

REPO = Path(__file__).resolve().parents[1]
SOLUTION = (REPO / "solutions/conv_numpy/reference_numpy.py").read_text()

ATTACKS = {
    "error_flood": "shell = get_ipython()\nfor _ in range(6000):\n    shell._showtraceback(ValueError, 'x', ['x' * 2000] * 50)",
    "prints_200mb": "for _ in range(200):\n    print('x' * 1_000_000)",
    "huge_outputs": ("import numpy as np\n_ok = conv_forward_naive\n"
                     "def conv_forward_naive(x, w, b, conv_param):\n"
                     "    return np.zeros(200 * 2**20 // 8), _ok(x, w, b, conv_param)[1]"),
    "shared_memory": ("import mmap\n_okb = max_pool_backward_naive\n"
                      "def max_pool_backward_naive(dout, cache):\n"
                      "    m = mmap.mmap(-1, 3 * 2**30)\n"
                      "    for i in range(0, len(m), 4096):\n        m[i] = 1\n"
                      "    return _okb(dout, cache)"),
    "correct": "",
}

def write_class(folder: Path, copies: int) -> int:
    count = 0
    for name, attack in ATTACKS.items():
        for i in range(copies):
            nb = nbformat.v4.new_notebook(metadata={"grader": {"assignment": "conv_numpy"}})
            nb.cells = [nbformat.v4.new_code_cell(SOLUTION)] + ([nbformat.v4.new_code_cell(attack)] if attack else [])
            (folder / f"{name}_{i}.ipynb").write_text(nbformat.writes(nb))
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="notebooks of each kind")
    parser.add_argument("--memory", default="2", help="the kernels' memory limit in GiB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cnn-grader-bench-") as tmp:
        folder, out = Path(tmp) / "class", Path(tmp) / "out"
        folder.mkdir()
        count = write_class(folder, args.copies)
        started = time.monotonic()
        with open(Path(tmp) / "log", "w") as log:
            grading = subprocess.Popen([sys.executable, "-m", "grader", str(folder), "--out", str(out), "--workers", "2",
                                        "--memory", args.memory, "--call-timeout", "30"],
                                       cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
            peak_mib = grader_peak_kib(grading) / 1024
        seconds = time.monotonic() - started
        if grading.returncode != 0:
            sys.exit((Path(tmp) / "log").read_text())
        graded = json.loads((out / "results.json").read_text())["submissions"]
    print(f"graded {len(graded)} of {count} notebooks ({args.copies} of each of {len(ATTACKS)} kinds) in {seconds:.1f} s")
    print(f"peak resident memory of any grader process: {peak_mib:.0f} MiB (target < 1024 MiB)")


if __name__ == "__main__":
    main()
