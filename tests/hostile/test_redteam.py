"""Attacks found by a red-team pass: what the kernel writes back, and what it can fill.

Each notebook is the reference solution plus one hostile cell or function, graded for real (a
root grader, bubblewrap, warm kernels) in one batch with a 2 GiB memory limit (AlexNet fits).
"""

import json
import os
from pathlib import Path

import nbformat
import pytest

from helpers import REPO, SEED, run_grade_watched
from test_hostile import POOL_BACKWARD, SOLUTION, notebook, only_these_fail, redefine

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the kernel's own uid and scratch limits need a root grader")

NPY_SHAPE_OVERFLOW = """
import io
import numpy as np
def _lying_save(file, arr, allow_pickle=False):
    # a header numpy's own reader cannot count: (0, 10**30) elements
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {'descr': '<f8', 'fortran_order': False, 'shape': (0, 10**30)})
    with open(file, 'wb') as f:
        f.write(header.getvalue())
np.save = _lying_save
"""

FILLS_SCRATCH = """
import os
chunk = b'x' * 2**20
for i in range(6):  # 6 files just under the 256 MiB file limit: 1.5 GiB in the scratch folder
    with open(f'fill-{i}.bin', 'wb') as f:
        for _ in range(255):
            f.write(chunk)
return _ok_backward(dout, cache)
"""


MALFORMED_REPORT = """
import json as _json
_real_dump = _json.dump
def _lying_dump(obj, f, *a, **k):
    # every answer of the harness replaced by fields of the wrong types
    if isinstance(obj, dict) and obj.get("kind") == "ok":
        obj = {"kind": "ok", "shape": 5, "value": 5, "rows": [{"x": 1}], "crash": "boom", "weight_shapes": 5,
               "input_size": "a", "lrn": 7, "model": [1], "dtypes": 3}
    return _real_dump(obj, f, *a, **k)
_json.dump = _lying_dump
"""


BLOATED_REPORTS = """
import json as _json
def _bloated_dump(obj, f, *a, **k):
    # a 4 MiB report that parses into about 1.4 million dicts (some 100 MB in the grader), each case
    f.write('{"kind": "raised", "function": "x", "junk": [' + ','.join(['{}'] * 1_390_000) + ']}')
_json.dump = _bloated_dump
"""


POOL_FORWARD = ("max_pool_forward_naive", "(x, pool_param)")
CPU_HOG = """
import os, subprocess, sys, time
# busy processes, each in a session (and so a scheduler autogroup) of its own
hogs = [subprocess.Popen([sys.executable, '-c', 'while True: pass'], start_new_session=True) for _ in range(8)]
time.sleep(0.5)
def used():
    total = 0
    for hog in hogs:
        with open(f'/proc/{hog.pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf('SC_CLK_TCK')
start, before = time.monotonic(), used()
time.sleep(3)
cpus = (used() - before) / (time.monotonic() - start)
for hog in hogs:
    hog.kill()
raise ValueError(f'busy processes used {cpus:.2f} CPUs')
"""


WIDGET_FLOOD = """
from comm import create_comm
junk = 'x' * (8 * 2**20)
for i in range(150):
    # an Output widget's state of 8 MB: nbclient keeps every one a kernel announces
    create_comm(target_name='jupyter.widget', data={'state': {'_model_module': '@jupyter-widgets/output',
                '_model_name': 'OutputModel', 'outputs': [], 'junk': junk}, 'buffer_paths': []})
"""


TERMINAL_ESCAPES = (
    "raise ValueError('\\x1b[1A\\x1b[2K\\r[1/9, 0 errors] other_student conv_numpy 0.00 / 10"
    "\\x1b]0;title\\x07\\x9b2J\\u202e')")


LONG_REPORTS = """
import json as _json
_real_dump = _json.dump
def _long_dump(obj, f, *a, **k):
    # every report a 'raised' one with 200 KB of message and 200 KB of traceback (under the size cap)
    return _real_dump({"kind": "raised", "function": "x", "ename": "E" * 50_000, "evalue": "v" * 200_000,
                       "traceback": "t" * 200_000}, f, *a, **k)
_json.dump = _long_dump
"""


DEEP_ROWS = """
import json as _json
_real_dump = _json.dump
def _deep_rows(obj, f, *a, **k):
    # the real layer table, with a field the grader does not compare nested as deep as JSON reads
    if isinstance(obj, dict) and isinstance(obj.get("rows"), list) and obj["rows"]:
        text = _json.dumps(obj).replace('"rows": [{', '"rows": [{"deep": ' + '[' * 960 + ']' * 960 + ', ', 1)
        f.write(text)
        return
    return _real_dump(obj, f, *a, **k)
_json.dump = _deep_rows
"""


def model_notebook(*extra: str) -> str:
    reference = nbformat.read(REPO / "solutions/alexnet_model/alexnet_model_reference.ipynb", as_version=4)
    reference.cells += [nbformat.v4.new_code_cell(source) for source in extra]
    return nbformat.writes(reference)


def keep(alias, function):
    return f"{alias} = {function[0]}\n"


def attacks() -> dict[str, str]:
    return {
        "npy_shape_overflow.ipynb": notebook(SOLUTION, NPY_SHAPE_OVERFLOW),
        "fills_scratch_disk.ipynb": notebook(SOLUTION, keep("_ok_backward", POOL_BACKWARD)
                                             + redefine(POOL_BACKWARD, FILLS_SCRATCH)),
        "honest.ipynb": notebook(SOLUTION),
        "bloated_reports.ipynb": notebook(SOLUTION, BLOATED_REPORTS),
        "widget_flood.ipynb": notebook(SOLUTION, WIDGET_FLOOD),
        "cpu_hog.ipynb": notebook(SOLUTION, redefine(POOL_FORWARD, CPU_HOG)),
        "terminal_escapes.ipynb": notebook(SOLUTION, redefine(POOL_BACKWARD, TERMINAL_ESCAPES)),
        "long_reports.ipynb": notebook(SOLUTION, LONG_REPORTS),
    }


def grade_batch(root: Path, notebooks: dict[str, str]) -> dict:
    folder = root / "submissions"
    folder.mkdir()
    for name, text in notebooks.items():
        (folder / name).write_text(text)
    out = root / "out"
    done, peak_kib = run_grade_watched(str(folder), "--out", str(out), "--seed", str(SEED), "--workers", "2",
                                       "--cell-timeout", "60", "--call-timeout", "40", "--memory", "2", scratch=root)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((out / "results.json").read_text())
    return {"results": {Path(s["path"]).name: s for s in results["submissions"]}, "stderr": done.stderr,
            "stdout": done.stdout, "grader_peak_kib": peak_kib}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The NumPy attacks (the grader's own memory is measured here: no AlexNet reference runs)."""
    return grade_batch(tmp_path_factory.mktemp("redteam"), attacks())


@pytest.fixture(scope="module")
def graded_model(tmp_path_factory):
    return grade_batch(tmp_path_factory.mktemp("redteam-model"),
                       {"malformed_model_report.ipynb": model_notebook(MALFORMED_REPORT),
                        "deep_layer_rows.ipynb": model_notebook(DEEP_ROWS)})


def message(result, check_id):
    return next(c["message"] for c in result["checks"] if c["id"] == check_id)


def test_an_npy_header_numpy_cannot_count_is_unsafe_output_not_a_grader_error(graded):
    result = graded["results"]["npy_shape_overflow.ipynb"]
    assert result["status"] == "graded", result.get("message")
    assert "Traceback" not in graded["stderr"], graded["stderr"]
    failed = [c for c in result["checks"] if c["status"] != "pass"]
    assert failed and all(c["status"] == "error" for c in failed), failed
    assert "is not a valid .npy file" in failed[0]["message"], failed[0]


def test_the_scratch_folder_cannot_fill_the_graders_disk(graded):
    result = graded["results"]["fills_scratch_disk.ipynb"]
    only_these_fail(result, ["max_pool_backward_naive/"], status="error")
    said = message(result, "max_pool_backward_naive/public")
    assert "No space left on device" in said or "more than 2048 MiB of memory" in said, said


def test_a_report_of_the_wrong_shape_is_that_checks_error_not_a_grader_error(graded_model):
    result = graded_model["results"]["malformed_model_report.ipynb"]
    assert result["status"] == "graded", result.get("message")
    assert "Traceback" not in graded_model["stderr"], graded_model["stderr"]
    kernel_checks = [c for c in result["checks"] if c["id"].split("/")[0] != "summary"]
    assert any("malformed" in c["message"] for c in kernel_checks), kernel_checks
    assert all(c["status"] in ("error", "fail") for c in result["checks"] if "malformed" in c["message"])


def test_reports_that_parse_into_millions_of_objects_do_not_bloat_the_grader(graded):
    result = graded["results"]["bloated_reports.ipynb"]
    assert result["status"] == "graded" and result["score"] == 0, result.get("message")
    assert graded["grader_peak_kib"] < 1024 * 1024, graded["grader_peak_kib"]


def test_busy_processes_of_one_kernel_take_one_cpu_at_most(graded):
    said = message(graded["results"]["cpu_hog.ipynb"], "max_pool_forward_naive/public")
    cpus = float(said.split("busy processes used ")[1].split()[0])
    assert cpus < 1.1, said  # without a CPU limit: the whole machine's cores, starving the kernel beside it


def test_widget_messages_count_as_output_and_are_kept_nowhere(graded):
    result = graded["results"]["widget_flood.ipynb"]
    assert result["score"] == result["max_score"]  # the cell that flooded is skipped, as one that prints too much
    assert [(c["index"], c["status"]) for c in result["cells"]] == [(1, "output_limit")]
    assert graded["grader_peak_kib"] < 1024 * 1024, graded["grader_peak_kib"]


def test_a_message_cannot_drive_the_tas_terminal(graded):
    said = message(graded["results"]["terminal_escapes.ipynb"], "max_pool_backward_naive/public")
    assert "\x1b[1A" in said  # the report keeps what the student's code raised, as data
    line = next(line for line in graded["stdout"].splitlines() if "terminal_escapes" in line)
    assert "other_student" in line  # shown, as text
    for control in ("\x1b", "\x9b", "\x07", "\r", "\u202e"):
        assert control not in graded["stdout"], (control, line)


def test_a_kernels_report_is_kept_no_longer_than_the_harness_would_write_it(graded):
    result = graded["results"]["long_reports.ipynb"]
    assert result["status"] == "graded" and result["score"] == 0, result.get("message")
    for check in result["checks"]:  # the harness keeps 2000 characters of a message, 20000 of a traceback
        assert len(check["message"]) < 5000 and len(check.get("traceback") or "") <= 20000, check["id"]
    assert len(json.dumps(result)) < 2_000_000


def test_a_report_nested_as_deep_as_json_reads_is_graded(graded_model):
    result = graded_model["results"]["deep_layer_rows.ipynb"]
    assert result["status"] == "graded", result.get("message")  # was: RecursionError, internal grader error
    assert "Traceback" not in graded_model["stderr"], graded_model["stderr"]
    assert next(c for c in result["checks"] if c["id"] == "layers")["status"] == "pass"


def test_an_honest_notebook_beside_them_gets_full_marks(graded):
    result = graded["results"]["honest.ipynb"]
    assert result["status"] == "graded" and result["score"] == result["max_score"], result
