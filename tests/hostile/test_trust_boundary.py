"""Attacks on the trust boundary itself: the grader's files around a kernel, the memory a kernel
can take outside its rlimits, forbidden libraries, the grader's own memory, the kernel's messaging.

Each notebook is the reference solution plus one hostile cell or function, graded for real (a
root grader, bubblewrap, warm kernels) in one batch with a 1 GiB memory limit.
"""

import json
import os
from pathlib import Path

import pytest

from helpers import SEED, run_grade_watched
from test_hostile import CONV_FORWARD, POOL_BACKWARD, SOLUTION, notebook, only_these_fail, redefine

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the attacks on root's writes need a root grader")

ATTACK_THREAD = """
import os, threading, time
CANARY = {canary!r}
GRADERS_FILES = ('requests.json', 'inputs.npz')
def _plant(folder):
    # replace a folder the grader creates with one whose files point at the canary
    try:
        os.rename(folder, folder + '.moved')
        os.mkdir(folder)
        for name in ('requests.json', 'inputs.npz', 'outputs'):
            os.symlink(CANARY, os.path.join(folder, name))
        return True
    except OSError:
        return False
def _attack():
    planted = set()
    while True:
        for top in ('.', '..'):
            for root, dirs, files in os.walk(top):
                if root.count(os.sep) > 3:
                    dirs[:] = []
                for name in dirs:
                    path = os.path.join(root, name)
                    if name.startswith(('probe-', 'out-')) and path not in planted and _plant(path):
                        planted.add(path)
                for name in files:  # the grader's files (its own outputs it leaves alone)
                    path = os.path.join(root, name)
                    if (name in GRADERS_FILES or name.startswith(('kernel-', '.kernel-'))) and not os.path.islink(path):
                        try:
                            os.rename(path, path + '.moved')
                            os.symlink(CANARY, path)
                        except OSError:
                            pass
        time.sleep(0)
threading.Thread(target=_attack, daemon=True).start()
"""

SHARED_MEMORY = """
import mmap
block = mmap.mmap(-1, 2 * 2**30)
for i in range(0, len(block), 4096):
    block[i] = 1
return _ok_backward(dout, cache)"""

TMPFS_FILES = """
import os
chunk = b'x' * (64 * 2**20)
for i in range(48):  # 3 GiB in files of 192 MiB (each under the file-size limit)
    with open(f'/tmp/fill-{i // 3}', 'ab') as f:
        f.write(chunk)
return _ok_backward(dout, cache)"""

TORCH_UNPROFILED = """
import importlib, sys
sys.setprofile(None)
torch = importlib.import_module('torch')
functional = importlib.import_module('torch.nn.functional')
out = functional.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b),
                        stride=conv_param['stride'], padding=conv_param['pad']).numpy()
return out, (x, w, b, conv_param)"""

TORCH_IN_A_THREAD = """
import importlib, threading
box = {}
def work():
    torch = importlib.import_module('torch')
    functional = importlib.import_module('torch.nn.functional')
    box['out'] = functional.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b),
                                   stride=conv_param['stride'], padding=conv_param['pad']).numpy()
t = threading.Thread(target=work)
t.start(); t.join()
return box['out'], (x, w, b, conv_param)"""

MENTIONS_TORCH = """
if conv_param.get('as_tensor'):  # never true in any case the grader sends
    return torch.Tensor(x), None
return _ok_forward(x, w, b, conv_param)"""

ERROR_FLOOD = """
shell = get_ipython()
lines = ['x' * 2000] * 50
for _ in range(6000):
    shell._showtraceback(ValueError, 'flood', lines)
"""

HUGE_OUTPUTS = """
import numpy as np
out, cache = _ok_forward(x, w, b, conv_param)
return np.zeros((200 * 2**20 // 8,)), cache"""


def keep(name: str, function) -> str:
    """`redefine` with the correct function kept as `name` for the new one to call."""
    return f"{name} = {function[0]}\n"


def attacks(canary: Path) -> dict[str, str]:
    return {
        "swaps_grader_files.ipynb": notebook(SOLUTION, ATTACK_THREAD.format(canary=str(canary))),
        "shared_memory_2gib.ipynb": notebook(SOLUTION, keep("_ok_backward", POOL_BACKWARD)
                                             + redefine(POOL_BACKWARD, SHARED_MEMORY)),
        "tmpfs_3gib.ipynb": notebook(SOLUTION, keep("_ok_backward", POOL_BACKWARD) + redefine(POOL_BACKWARD, TMPFS_FILES)),
        "torch_without_profiler.ipynb": notebook(SOLUTION, redefine(CONV_FORWARD, TORCH_UNPROFILED)),
        "torch_in_a_thread.ipynb": notebook(SOLUTION, redefine(CONV_FORWARD, TORCH_IN_A_THREAD)),
        "mentions_torch_never_calls.ipynb": notebook(
            "try:\n    import torch\nexcept ImportError:\n    torch = None", SOLUTION,
            keep("_ok_forward", CONV_FORWARD) + redefine(CONV_FORWARD, MENTIONS_TORCH)),
        "floods_error_messages.ipynb": notebook(SOLUTION, ERROR_FLOOD),
        "huge_outputs.ipynb": notebook(SOLUTION, keep("_ok_forward", CONV_FORWARD) + redefine(CONV_FORWARD, HUGE_OUTPUTS)),
        "patches_json_dumps.ipynb": notebook(SOLUTION, "import json\njson.dumps = lambda *a, **k: '{'"),
        "patches_json_in_forward.ipynb": notebook(SOLUTION, keep("_ok_forward", CONV_FORWARD) + redefine(
            CONV_FORWARD, "import json\njson.dumps = lambda *a, **k: '{'\nreturn _ok_forward(x, w, b, conv_param)")),
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("boundary")
    canary = root / "canary.txt"
    canary.write_text("untouched")
    folder = root / "submissions"
    folder.mkdir()
    for name, text in attacks(canary).items():
        (folder / name).write_text(text)
    out = root / "out"
    done, peak = run_grade_watched(str(folder), "--out", str(out), "--seed", str(SEED), "--workers", "2",
                                   "--cell-timeout", "30", "--call-timeout", "20", "--memory", "1", scratch=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    results = json.loads((out / "results.json").read_text())
    return {"results": {Path(s["path"]).name: s for s in results["submissions"]}, "canary": canary,
            "out": out, "grader_peak_kib": peak}


def message(result, check_id):
    return next(c["message"] for c in result["checks"] if c["id"] == check_id)


def test_root_never_writes_through_a_link_the_kernel_planted(graded):
    result = graded["results"]["swaps_grader_files.ipynb"]
    assert graded["canary"].read_text() == "untouched"
    assert os.stat(graded["canary"]).st_uid == 0
    assert result["status"] == "graded" and result["score"] == result["max_score"], result


def test_shared_memory_is_charged_to_the_kernel(graded):
    result = graded["results"]["shared_memory_2gib.ipynb"]
    only_these_fail(result, ["max_pool_backward_naive/"], status="error")
    assert "more than 1024 MiB of memory" in message(result, "max_pool_backward_naive/public")


def test_files_in_the_private_tmp_are_bounded(graded):
    result = graded["results"]["tmpfs_3gib.ipynb"]
    only_these_fail(result, ["max_pool_backward_naive/"], status="error")
    said = message(result, "max_pool_backward_naive/public")
    assert "No space left on device" in said or "more than 1024 MiB of memory" in said, said


@pytest.mark.parametrize("name", ["torch_without_profiler.ipynb", "torch_in_a_thread.ipynb"])
def test_a_forbidden_library_cannot_be_reached(graded, name):
    result = graded["results"][name]
    only_these_fail(result, ["conv_forward_naive/", "conv_backward_naive/"])
    assert "torch" in message(result, "conv_forward_naive/public")


def test_a_forbidden_name_that_is_only_mentioned_costs_nothing(graded):
    result = graded["results"]["mentions_torch_never_calls.ipynb"]
    assert result["score"] == result["max_score"], [c for c in result["checks"] if c["status"] != "pass"]


def test_error_messages_count_against_the_output_cap(graded):
    result = graded["results"]["floods_error_messages.ipynb"]
    assert result["score"] == result["max_score"]
    assert [(c["index"], c["status"]) for c in result["cells"]] == [(1, "output_limit")]


def test_huge_outputs_are_refused_before_they_are_read(graded):
    result = graded["results"]["huge_outputs.ipynb"]
    only_these_fail(result, ["conv_forward_naive/"], status="error")


def test_the_grader_stays_small_whatever_the_kernels_send(graded):
    assert graded["grader_peak_kib"] < 1024 * 1024, graded["grader_peak_kib"]


def test_a_kernel_that_breaks_its_own_messaging_is_that_students_result(graded):
    result = graded["results"]["patches_json_dumps.ipynb"]
    assert result["status"] == "graded", result.get("message")
    assert result["score"] == result["max_score"]  # the cell that broke the kernel is skipped, as one that kills it
    assert [(c["index"], c["status"]) for c in result["cells"]] == [(1, "died")]
    assert "messages could not be read" in result["cells"][0]["evalue"]
    in_forward = graded["results"]["patches_json_in_forward.ipynb"]
    assert in_forward["status"] == "graded", in_forward.get("message")
    assert [c["id"] for c in in_forward["checks"]] == [c["id"] for c in result["checks"]]
    assert any("kernel died" in c["message"] for c in in_forward["checks"])
    assert "internal" not in json.dumps([result, in_forward]).lower()
