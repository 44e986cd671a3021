"""Hidden cases stay hidden: the output folder's secret (mode 0600) is never shown on a page, in
results.json or on the terminal, nor is a seed; each submission draws its own hidden inputs
(two students with the same notebook differ, a changed notebook draws new ones) and regrading
the same notebook reproduces its verdicts.

The notebook under test returns an array whose *shape* is a fingerprint of the input `x` it was
called with; the grader's shape message ("`out` has shape (N,), expected ...") carries that
fingerprint into results.json, so the tests see which inputs each kernel was sent.
"""

import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from grader.discover import Submission
from grader.rubric import load_all
from grader.seed import SECRET_FILE, Secret
from helpers import run_grade

FINGERPRINT = '''\
import hashlib
import numpy as np

def conv_forward_naive(x, w, b, conv_param):
    """A shape that says which x this was: the grader's message will show it."""
    return np.zeros(int(hashlib.sha256(np.ascontiguousarray(x).tobytes()).hexdigest()[:8], 16) % 99991 + 1), None
'''


def notebook(*sources: str) -> str:
    nb = nbformat.v4.new_notebook(metadata={"grader": {"assignment": "conv_numpy"}})
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nbformat.writes(nb)


def grade(folder: Path, out: Path, *extra: str):
    done = run_grade(str(folder), "--out", str(out), "--workers", "2", "--cell-timeout", "20", *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    results = json.loads((out / "results.json").read_text())
    return done, {s["student"]: s for s in results["submissions"]}


def forward(result: dict, public: bool) -> dict[str, str]:
    return {c["id"]: c["message"] for c in result["checks"]
            if c["id"].startswith("conv_forward_naive/") and c["public"] == public}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """alice and bob hand in the same notebook (which also tries to read the secret); graded into
    one folder without --seed."""
    root = tmp_path_factory.mktemp("hidden")
    out = root / "out"
    reads_secret = f"SECRET = open({str(out / SECRET_FILE)!r}).read()"
    text = notebook(FINGERPRINT, reads_secret)
    for student in ("alice", "bob"):
        (root / "subs" / student).mkdir(parents=True)
        (root / "subs" / student / "conv_numpy.ipynb").write_text(text)
    done, results = grade(root / "subs", out)
    return root, out, done, results


def test_the_secret_file_has_mode_0600(run):
    _, out, _, _ = run
    path = out / SECRET_FILE
    assert path.stat().st_mode & 0o777 == 0o600 and len(bytes.fromhex(path.read_text().strip())) == 32


def test_no_page_result_or_terminal_shows_the_secret_or_a_seed(run):
    root, out, done, results = run
    key = bytes.fromhex((out / SECRET_FILE).read_text().strip())
    assignments = load_all()
    seeds = []
    for student in ("alice", "bob"):
        data = (root / "subs" / student / "conv_numpy.ipynb").read_bytes()
        submission = Submission(student, "", data, hashlib.sha256(data).hexdigest(), "conv_numpy")
        seeds.append(str(Secret(key).seed_for(submission, assignments)))
    shown = {"stdout": done.stdout, "stderr": done.stderr}
    shown |= {str(p.relative_to(out)): p.read_text() for p in out.rglob("*")
              if p.is_file() and p.suffix in (".html", ".json", ".csv")}
    assert {"results.json", "index.html", "alice/conv_numpy.html", "bob/conv_numpy.html"} <= set(shown)
    for name, text in shown.items():
        assert key.hex() not in text and key.hex().upper() not in text, name
        assert [s for s in seeds if s in text] == [], name
        assert "seed" not in text.lower() and "시드" not in text, name


def test_the_kernel_cannot_read_the_secret(run):
    _, _, _, results = run
    for result in results.values():
        assert result["status"] == "graded"
        (cell,) = [c for c in result["cells"] if c["index"] == 1]
        assert cell["status"] == "error" and cell["ename"] in ("FileNotFoundError", "PermissionError"), cell


def test_two_students_with_the_same_notebook_get_different_hidden_inputs(run):
    _, _, _, results = run
    alice, bob = results["alice"], results["bob"]
    assert alice["sha256"] == bob["sha256"]
    assert forward(alice, public=True) == forward(bob, public=True) and len(forward(alice, public=True)) == 1
    hidden_a, hidden_b = forward(alice, public=False), forward(bob, public=False)
    assert len(hidden_a) >= 4 and hidden_a.keys() == hidden_b.keys()
    assert all("has shape (" in m for m in hidden_a.values())
    assert all(hidden_a[i] != hidden_b[i] for i in hidden_a)


def test_regrading_the_same_notebook_gives_the_same_verdicts(run, tmp_path):
    root, out, _, results = run
    before = (out / "results.json").read_bytes()
    _, again = grade(root / "subs", out, "--regrade")
    assert again == results and (out / "results.json").read_bytes() == before


def test_a_changed_notebook_draws_new_hidden_inputs(run, tmp_path):
    root, kept, _, results = run
    out = tmp_path / "out"
    shutil.copytree(kept, out)
    changed = tmp_path / "subs" / "alice"
    changed.mkdir(parents=True)
    nb = nbformat.reads((root / "subs" / "alice" / "conv_numpy.ipynb").read_text(), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("# one more comment"))
    (changed / "conv_numpy.ipynb").write_text(nbformat.writes(nb))
    done, now = grade(tmp_path / "subs", out)
    assert "1 graded now and 0 from the gradebook" in done.stdout
    old, new = results["alice"], now["alice"]
    assert forward(new, public=True) == forward(old, public=True)
    assert all(forward(new, public=False)[i] != m for i, m in forward(old, public=False).items())
