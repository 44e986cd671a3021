"""One notebook per attack, with its exact verdicts and the absence of side effects.

Every notebook here is the reference solution plus one hostile cell or one hostile function;
all of them are graded in one batch with small limits, and each test checks one of them.
"""

import json
import os
import socket
import threading
from pathlib import Path

import nbformat
import pytest

from helpers import REPO, SEED, run_grade_watched

SOLUTION = (REPO / "solutions/conv_numpy/reference_numpy.py").read_text()
MARKER = "cnn-grader-hostile-daemon-7d1f"
SECRET = "cnn-grader-secret-value-5c2e"
POOL_BACKWARD = ("max_pool_backward_naive", "(dout, cache)")
CONV_FORWARD = ("conv_forward_naive", "(x, w, b, conv_param)")
CONV_BACKWARD = ("conv_backward_naive", "(dout, cache)")


def notebook(*sources: str, assignment="conv_numpy") -> str:
    nb = nbformat.v4.new_notebook(metadata={"grader": {"assignment": assignment}})
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nbformat.writes(nb)


def redefine(function, body: str) -> str:
    """A cell redefining one function after the correct solution."""
    name, signature = function
    return f"def {name}{signature}:\n" + "".join(f"    {line}\n" for line in body.strip("\n").splitlines())


class Listener:
    """A TCP listener on 127.0.0.1 that records whether anything ever connected."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self):
        self.running = False
        self.thread.join(2)
        self.sock.close()


def attacks(canary: Path, unpickle_marker: Path, port: int) -> dict[str, str]:
    liar = "class Liar:\n    def __eq__(self, other): return True\n    def __ne__(self, other): return False\n    shape = (2, 3, 2, 2)\n"
    return {
        "eq_always_true.ipynb": notebook(SOLUTION, liar + redefine(CONV_FORWARD, "return Liar(), (x, w, b, conv_param)")),
        "eq_always_true_variable.ipynb": notebook(liar + "Conv_1 = Liar()\nMax_pool_1 = 0", assignment="alexnet_params"),
        "patched_numpy.ipynb": notebook(SOLUTION, "import numpy as np\n"
            "np.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
            "np.testing.assert_allclose = lambda *a, **k: None\nnp.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)\n"
            + redefine(CONV_FORWARD, "return np.zeros((x.shape[0], w.shape[0], 1, 1)), (x, w, b, conv_param)")),
        "reads_reference.ipynb": notebook(SOLUTION, redefine(CONV_FORWARD, f"""
import importlib.util, glob
paths = [{str(REPO / 'solutions/conv_numpy/reference_numpy.py')!r}]
for top in ('/work', '/root', '/home', '/tmp', '/srv', '/opt'):
    paths += glob.glob(top + '/**/reference_numpy.py', recursive=True)
for path in paths:
    try:
        spec = importlib.util.spec_from_file_location('ref', path); ref = importlib.util.module_from_spec(spec); spec.loader.exec_module(ref)
        return ref.conv_forward_naive(x, w, b, conv_param)
    except Exception:
        pass
try:
    import grader, grader.paths
    raise RuntimeError('grader importable: ' + str(grader.paths.SOLUTIONS_DIR))
except ImportError:
    pass
raise RuntimeError('no reference found')""")),
        "infinite_loop_function.ipynb": notebook(SOLUTION, redefine(POOL_BACKWARD, "while True:\n    pass")),
        "sleep_function.ipynb": notebook(SOLUTION, redefine(POOL_BACKWARD, "import time\ntime.sleep(10_000)")),
        "os_exit_backward.ipynb": notebook(SOLUTION, redefine(CONV_BACKWARD, "import os\nos._exit(0)")),
        "huge_allocation.ipynb": notebook(SOLUTION, redefine(POOL_BACKWARD, "import numpy as np\nreturn np.ones(16 * 2**30 // 8)")),
        "daemon_new_session.ipynb": notebook(
            f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', 'import time; time.sleep(1000)', {MARKER!r}], start_new_session=True)",
            SOLUTION),
        "connects_to_listener.ipynb": notebook(SOLUTION, redefine(CONV_FORWARD, f"""
import socket
try:
    socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'leak')
    raise RuntimeError('network reached')
except OSError:
    pass
return globals()['_ok_forward'](x, w, b, conv_param)""").replace("def conv_forward_naive", "_ok_forward = conv_forward_naive\ndef conv_forward_naive")),
        "appends_to_tmp.ipynb": notebook(SOLUTION, f"""
import os
touched = 0
for top in ('/tmp', {str(canary.parent)!r}, '/root', '/work'):
    for root, dirs, files in os.walk(top):
        for name in files:
            try:
                with open(os.path.join(root, name), 'a') as f:
                    f.write('pwned')
                touched += 1
            except OSError:
                pass
print('appended to', touched)"""),
        "script_in_exception.ipynb": notebook(SOLUTION, redefine(POOL_BACKWARD,
            "raise ValueError('<script>document.title=\"pwned\"</script><img src=x onerror=alert(1)>')")),
        "reads_environment.ipynb": notebook(SOLUTION, redefine(CONV_FORWARD, f"""
import os
if any({SECRET!r} in v for v in os.environ.values()):
    raise RuntimeError('the grader environment leaked')
return _ok_forward(x, w, b, conv_param)""").replace("def conv_forward_naive", "_ok_forward = conv_forward_naive\ndef conv_forward_naive")),
        "pickled_object_array.ipynb": notebook(SOLUTION, f"""
import numpy as np, os
class Evil:
    def __reduce__(self):
        return (os.system, ('touch {unpickle_marker}',))
def np_save(file, arr, allow_pickle=False):
    with open(file, 'wb') as f:
        np.lib.format.write_array(f, np.array([Evil()], dtype=object), allow_pickle=True)
np.save = np_save""", redefine(CONV_FORWARD, "import numpy as np\nreturn np.array([Evil()], dtype=object), None")),
        "prints_200mb.ipynb": notebook("for _ in range(200):\n    print('x' * 1_000_000)", SOLUTION),
        "sys_exit_first_cell.ipynb": notebook("import sys\nsys.exit()", SOLUTION),
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    canary = root / "canary.txt"
    canary.write_text("untouched")
    marker = root / "unpickled-here"
    listener = Listener()
    folder = root / "submissions"
    folder.mkdir()
    for name, text in attacks(canary, marker, listener.port).items():
        (folder / name).write_text(text)
    out = root / "out"
    env = os.environ | {"CNN_GRADER_TEST_SECRET": SECRET}
    done, peak_kib = run_grade_watched(str(folder), "--out", str(out), "--seed", str(SEED), "--workers", "2",
                                       "--cell-timeout", "8", "--call-timeout", "5", "--memory", "2",
                                       scratch=root, env=env)
    listener.close()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    results = json.loads((out / "results.json").read_text())
    by_name = {Path(s["path"]).name: s for s in results["submissions"]}
    return {"results": by_name, "canary": canary, "marker": marker, "listener": listener, "out": out,
            "grader_peak_kib": peak_kib}


def verdicts(result, prefix=""):
    return {c["id"]: c["status"] for c in result["checks"] if c["id"].startswith(prefix)}


def only_these_fail(result, failing_prefixes, status=None):
    for check in result["checks"]:
        bad = any(check["id"].startswith(p) for p in failing_prefixes)
        assert (check["status"] != "pass") == bad, check
        if bad and status:
            assert check["status"] == status, check


def test_every_attack_was_graded(graded):
    assert len(graded["results"]) == 16
    assert all(r["status"] == "graded" for r in graded["results"].values())
    assert all(any("bubblewrap" in layer for layer in r["isolation"]) for r in graded["results"].values())


def test_an_object_claiming_equality_fails(graded):
    result = graded["results"]["eq_always_true.ipynb"]
    only_these_fail(result, ["conv_forward_naive/"], status="fail")
    assert "Liar" in result["checks"][0]["message"]
    params = graded["results"]["eq_always_true_variable.ipynb"]
    assert verdicts(params)["Conv_1"] == "fail" and verdicts(params)["Max_pool_1"] == "pass"


def test_patched_numpy_in_the_kernel_changes_nothing(graded):
    only_these_fail(graded["results"]["patched_numpy.ipynb"], ["conv_forward_naive/"], status="fail")


def test_the_reference_cannot_be_read_or_imported(graded):
    result = graded["results"]["reads_reference.ipynb"]
    only_these_fail(result, ["conv_forward_naive/", "conv_backward_naive/"], status="error")
    assert all("no reference found" in c["message"] for c in result["checks"] if c["id"].startswith("conv_forward"))


@pytest.mark.parametrize("name", ["infinite_loop_function.ipynb", "sleep_function.ipynb"])
def test_a_hanging_function_times_out_alone(graded, name):
    only_these_fail(graded["results"][name], ["max_pool_backward_naive/"], status="timeout")


def test_os_exit_costs_only_that_function(graded):
    result = graded["results"]["os_exit_backward.ipynb"]
    only_these_fail(result, ["conv_backward_naive/"], status="error")
    assert "kernel died" in verdicts_messages(result, "conv_backward_naive/public")


def verdicts_messages(result, check_id):
    return next(c["message"] for c in result["checks"] if c["id"] == check_id)


def test_a_16_gib_allocation_is_refused_inside_the_kernel(graded):
    result = graded["results"]["huge_allocation.ipynb"]
    only_these_fail(result, ["max_pool_backward_naive/"], status="error")
    assert "MemoryError" in verdicts_messages(result, "max_pool_backward_naive/public")


def test_a_daemon_does_not_outlive_grading(graded):
    assert graded["results"]["daemon_new_session.ipynb"]["score"] == 10.0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            assert MARKER.encode() not in cmdline.read_bytes()
        except OSError:
            continue


def test_the_network_is_never_reached(graded):
    assert graded["results"]["connects_to_listener.ipynb"]["score"] == 10.0
    assert graded["listener"].connections == 0


def test_nothing_outside_the_scratch_folder_changes(graded):
    assert graded["results"]["appends_to_tmp.ipynb"]["score"] == 10.0
    assert graded["canary"].read_text() == "untouched"
    assert (REPO / "solutions/conv_numpy/reference_numpy.py").read_text() == SOLUTION


def test_student_markup_is_escaped(graded):
    result = graded["results"]["script_in_exception.ipynb"]
    only_these_fail(result, ["max_pool_backward_naive/"], status="error")
    page = (graded["out"] / result["report"]).read_text()
    assert "<script>document.title" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_the_graders_environment_is_not_visible(graded):
    assert graded["results"]["reads_environment.ipynb"]["score"] == 10.0


def test_an_object_array_is_never_unpickled(graded):
    result = graded["results"]["pickled_object_array.ipynb"]
    assert not graded["marker"].exists()
    failing = {i for i, s in verdicts(result).items() if s != "pass"}
    assert failing == set(verdicts(result))  # np.save is patched, so every check's output is refused
    assert any("dtype object" in c["message"] for c in result["checks"])


def test_200_mb_of_output_is_capped(graded):
    result = graded["results"]["prints_200mb.ipynb"]
    assert result["score"] == 10.0
    assert [(c["index"], c["status"]) for c in result["cells"]] == [(0, "output_limit")]
    assert graded["grader_peak_kib"] < 1024 * 1024, graded["grader_peak_kib"]


def test_one_huge_output_message_never_reaches_the_graders_memory(tmp_path):
    """The kernel sends the whole 200 MB as one stream message (it batches prints): the grader
    refuses a message that large instead of receiving and decoding it."""
    (tmp_path / "one_message.ipynb").write_text(notebook("print('x' * 200_000_000)", SOLUTION))
    done, peak_kib = run_grade_watched(str(tmp_path / "one_message.ipynb"), "--out", str(tmp_path / "out"),
                                       "--seed", str(SEED), "--cell-timeout", "60", scratch=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((tmp_path / "out/results.json").read_text())["submissions"][0]
    assert result["score"] == 10.0
    assert [(c["index"], c["status"]) for c in result["cells"]] == [(0, "output_limit")]
    assert peak_kib < 256 * 1024, peak_kib


def test_sys_exit_in_the_first_cell_still_grades_the_rest(graded):
    assert graded["results"]["sys_exit_first_cell.ipynb"]["score"] == 10.0
