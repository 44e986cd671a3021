"""A class folder as real ones arrive (issue 12), graded in one run, with the peak memory of every
grader process (coordinator and pool workers; kernels are not the grader's).

The folder holds: notebooks under CP949 folder names and in a zip without the UTF-8 flag, a
link to another student's notebook and one into solutions/, a class's LMS zip (one folder per
student), a zip bomb (a member declaring 3.75 GiB), an archive of large members that would fill
the grader's memory if notebooks were all held at once, a forward that hangs on one hidden
case, a check() inside an `if` block, and a file that is not a notebook.
Target: no grader process above 1 GiB.
Run: .venv/bin/python benchmarks/class_input.py [--heavy N] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SOLUTION = (REPO / "solutions/conv_numpy/reference_numpy.py").read_text()
KIM = "김철수".encode("cp949")
LIMIT = 1024 ** 3
HANG_ON_3X1 = ("_solved_forward = conv_forward_naive\n"
               "def conv_forward_naive(x, w, b, conv_param):\n"
               "    while w.shape[3] == 1:  # the hidden case kernel3x1 only\n"
               "        pass\n"
               "    return _solved_forward(x, w, b, conv_param)\n")
CHECK_IN_IF = "from grader import check\nif True:\n" + "".join(f"    {line}\n" for line in SOLUTION.splitlines()) \
    + "    check('conv_forward_naive')\n"


def notebook(*cells: str) -> bytes:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {"grader": {"assignment": "conv_numpy"}},
                       "cells": [{"cell_type": "code", "metadata": {}, "source": c, "outputs": [],
                                  "execution_count": None} for c in cells]}).encode()


def _zip(path: Path, members: dict[str, bytes], level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def build(root: Path, heavy: int = 0) -> Path:
    """The class folder under `root`; `heavy`: members of 60 MiB in `heavy.zip` (0: none)."""
    subs = root / "subs"
    (subs / "alice").mkdir(parents=True)
    (subs / "alice" / "conv_numpy.ipynb").write_bytes(notebook(SOLUTION))
    kim = os.path.join(os.fsencode(subs), KIM)
    os.mkdir(kim)
    Path(os.fsdecode(kim), "conv_numpy.ipynb").write_bytes(notebook(SOLUTION))
    (subs / "mallory").mkdir()
    os.symlink("../alice/conv_numpy.ipynb", subs / "mallory" / "conv_numpy.ipynb")
    os.symlink(REPO / "solutions", subs / "trent")
    (subs / "hanger").mkdir()
    (subs / "hanger" / "conv_numpy.ipynb").write_bytes(notebook(SOLUTION, HANG_ON_3X1))
    (subs / "checker").mkdir()
    (subs / "checker" / "conv_numpy.ipynb").write_bytes(notebook(CHECK_IN_IF))
    (subs / "alice" / "notes.txt").write_text("not a notebook")
    _zip(subs / "class.zip", {"amy/conv_numpy.ipynb": notebook(SOLUTION), "ben/conv_numpy.ipynb": notebook(SOLUTION)})
    windows = _zip(subs / "windows.zip", {"XXXXXX/conv_numpy.ipynb": notebook(SOLUTION),
                                          "YYYYYY/conv_numpy.ipynb": notebook(SOLUTION)})
    windows.write_bytes(windows.read_bytes().replace(b"XXXXXX", "이영희".encode("cp949"))
                        .replace(b"YYYYYY", "박민수".encode("cp949")))  # names without the UTF-8 flag
    bomb = _zip(subs / "bomb.zip", {"eve/conv_numpy.ipynb": notebook(SOLUTION)})
    data = bytearray(bomb.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", 0xF000_0000)
    bomb.write_bytes(bytes(data))
    if heavy:
        big = b"{" + b" " * (60 * 1024 * 1024)
        _zip(subs / "heavy.zip", {f"h{i:02d}/conv_numpy.ipynb": big for i in range(heavy)}, level=1)
    return subs


def _grader_processes(main: psutil.Process) -> list[psutil.Process]:
    """The grade process and its pool workers (spawned Pythons), not kernels or sandboxes."""
    found = [main]
    for child in main.children(recursive=True):
        try:
            if "multiprocessing" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def run(subs: Path, out: Path, *extra: str) -> tuple[int, dict[int, tuple[str, int]], float]:
    """Grade `subs` into `out`, polling every grader process's RSS; (exit code, peaks, seconds)."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "grader", str(subs), "--out", str(out), "--workers", "2",
                                "--seed", "1", "--call-timeout", "5", *extra], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    main = psutil.Process(process.pid)
    peaks: dict[int, tuple[str, int]] = {}
    while process.poll() is None:
        for p in _grader_processes(main):
            try:
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            role = "coordinator" if p.pid == process.pid else "worker"
            peaks[p.pid] = (role, max(rss, peaks.get(p.pid, (role, 0))[1]))
        time.sleep(0.1)
    process.stderr.read()
    return process.returncode, peaks, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heavy", type=int, default=12, help="60 MiB members in heavy.zip (default 12)")
    parser.add_argument("--out", help="output folder (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="class-input-") as tmp:
        subs = build(Path(tmp), args.heavy)
        out = Path(args.out or Path(tmp) / "reports")
        code, peaks, seconds = run(subs, out)
        results = json.loads((out / "results.json").read_text())
    print(f"exit {code} in {seconds:.0f} s: {len(results['submissions'])} results, "
          f"{len(results['skipped'])} skipped")
    for s in results["submissions"]:
        print(f"  {s['student']:<12} {s['status']:<7} {s['score']:5.2f}  {(s.get('message') or '')[:70]}")
    for s in results["skipped"]:
        print(f"  skipped {s['path'][len(str(subs)) + 1:]}: {s['reason']}")
    for pid, (role, rss) in sorted(peaks.items()):
        print(f"  {role:<11} pid {pid:>7}: peak RSS {rss / 2 ** 20:6.0f} MiB")
    worst = max(rss for _, rss in peaks.values())
    print(f"largest grader process: {worst / 2 ** 20:.0f} MiB; "
          + ("no grader process above 1 GiB" if worst <= LIMIT else "ABOVE 1 GiB"))


if __name__ == "__main__":
    main()
