"""The students' distribution end to end: the wheel `make student-dist` builds holds no answer,
and installed into a fresh virtualenv that sees nothing of the checkout it grades the example
submissions in real kernels with the full grader's verdicts on public cases and on correct code,
without showing expected values; its hidden cases are practice ones of its own (never the TA's),
and only public cases' expected outputs are kept on disk."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

import pytest
import torch

from grader.reference import load_module
from grader.paths import MODEL_HARNESS
from grader.sandbox import strongest_level
from helpers import REPO

MODELS = load_module(REPO / "solutions" / "alexnet" / "models.py")
SECRET_FILES = ("solutions/conv_numpy/reference_numpy.py", "solutions/conv_numpy/mistakes.py",
                "solutions/alexnet/mistakes.py", "solutions/alexnet/models.py")
# The test venv reaches the course's packages through a .pth file naming this venv's
# site-packages, which the sandbox shows the kernel too (sandbox.package_folders).
ISOLATION = strongest_level()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built by the command `make student-dist` runs."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "grader.student_dist", "--out", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = out.glob("cnn_grader_student-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A virtualenv with only the wheel installed; the course's packages (numpy, torch, ...) come
    from this venv's site-packages as a plain path entry, so its editable checkout is not seen."""
    root = tmp_path_factory.mktemp("student-venv")
    root.chmod(0o755)  # as `python -m venv` leaves a new folder: a kernel's own uid must enter it
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    site = Path(subprocess.check_output([root / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                        text=True).strip())
    (site / "course_packages.pth").write_text(sysconfig.get_path("purelib") + "\n")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(root / "bin" / "python"), "install", "--quiet",
                           "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


STUDENT_CACHE = tempfile.mkdtemp(prefix="cnn-grader-student-cache-")
"""The students' plan cache of these runs (grader/plan_cache.py), not this machine's."""


def student_env() -> dict:
    kept = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CNN_GRADER_ROOT", "CNN_GRADER_REFERENCES")}
    return kept | {"XDG_CACHE_HOME": STUDENT_CACHE}


def student_grade(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`grade ARGS...` as a student types it, from a folder outside the checkout."""
    cwd.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([str(venv / "bin" / "grade"), *args, "--isolation", ISOLATION],
                          cwd=cwd, env=student_env(), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done


# ---- the wheel ----

def _code_lines(relative: str) -> set[str]:
    """The code lines (not docstrings) of every function and class body of a solutions file."""
    source = (REPO / relative).read_text()
    lines = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            for statement in body:
                segment = ast.get_source_segment(source, statement) or ""
                lines |= {s.strip() for s in segment.splitlines() if len(s.strip()) >= 25}
    return lines


def expected_numbers() -> set[str]:
    """The alexnet answers, as digits and with thousands separators."""
    values = [v for v in MODELS.expected_parameter_counts().values() if v >= 1000]
    values.append(sum(p.numel() for p in MODELS.PaperAlexNet(1000).parameters()))
    return {s for v in values for s in (str(v), f"{v:,}")}


def test_the_wheel_holds_no_solution_example_or_mistake(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("grader/bundled/assignments/conv_numpy/") for n in names)
    forbidden = re.compile(r"solutions/|/examples/|mistakes|reference_numpy|_reference\.ipynb|alexnet/models\.py|student_dist")
    assert [n for n in names if forbidden.search(n)] == []
    assert {n.split("/")[4] for n in names if n.startswith("grader/bundled/assignments/") and n.count("/") == 4} \
        == {"rubric.toml", "lock.json", "conv_numpy.ipynb", "alexnet_params.ipynb", "alexnet_model.ipynb",
            "cnn_arithmetic.ipynb", "reference_torch.py"}


def test_the_wheel_holds_no_line_of_the_references(wheel):
    handed_out = sorted((REPO / "grader").rglob("*.py")) + sorted(REPO.glob("assignments/*/*.ipynb"))
    shared = "\n".join(p.read_text() for p in handed_out)  # the engine and the templates students get anyway
    secret = {line for line in set().union(*map(_code_lines, SECRET_FILES)) if line not in shared}
    assert len(secret) > 100
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8", errors="replace")
            assert [line for line in secret if line in text] == [], name


def test_the_wheel_holds_no_expected_value(wheel):
    numbers = expected_numbers()
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8", errors="replace")
            if name.endswith("/lock.json"):  # hashes only: checked as such, not by digits
                lock = json.loads(text)
                assert set(lock) == {"format", "assignment", "salt", "iterations", "locked", "templated", "entries"}
                assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in lock["entries"].values())
                continue
            assert [n for n in numbers if n in text] == [], name


# ---- the installed wheel ----

def test_the_install_sees_nothing_of_the_checkout(venv, tmp_path):
    code = ("import json, grader, grader.paths as p, grader.public as q, importlib.util as u; "
            "print(json.dumps([grader.__file__, str(p.ASSIGNMENTS_DIR), p.SOLUTIONS_DIR.exists(), q.mode(), "
            "u.find_spec('grader.student_dist') is None]))")
    out = subprocess.run([str(venv / "bin" / "python"), "-c", code], cwd=tmp_path, env=student_env(),
                         capture_output=True, text=True, check=True).stdout
    module, assignments, solutions, mode, no_builder = json.loads(out)
    assert module.startswith(str(venv)) and assignments.startswith(str(venv))
    assert (solutions, mode, no_builder) == (False, "public", True)


@pytest.fixture(scope="module")
def student_results(venv, tmp_path_factory) -> dict[str, dict]:
    """Every example submission graded with the students' install, keyed like bundled_results."""
    work = tmp_path_factory.mktemp("student-work")
    examples = sorted(str(p) for p in REPO.glob("assignments/*/examples"))
    student_grade(venv, work, *examples, "--out", str(work / "reports"), "--workers", "2", "--allow-weak-isolation")
    results = json.loads((work / "reports" / "results.json").read_text())
    return {str(Path(s["path"]).relative_to(REPO)): s for s in results["submissions"]}


def test_examples_get_the_full_graders_verdicts_on_public_cases_and_correct_code(student_results, bundled_results):
    """The students' hidden cases are practice ones drawn from their own folder's secret, so a
    buggy notebook's hidden verdicts may differ; public ones and correct code's never do."""
    examples = sorted(p for p in bundled_results if "/examples/" in p)
    assert sorted(student_results) == examples
    compared = {"public": 0, "correct": 0}
    for path in examples:
        full, student = bundled_results[path], student_results[path]
        correct = "/correct/" in path
        assert student["status"] == full["status"] == "graded", path
        theirs = {c["id"]: c for c in student["checks"]}
        assert list(theirs) == [c["id"] for c in full["checks"]]
        staff = 0.0
        for check in full["checks"]:
            mine = theirs[check["id"]]
            if mine["status"] == "staff":  # never counted here; the staff grades it
                assert check["id"].startswith(("markdown/", "keras_")) or (not check["public"] and check["id"] == "forward")
                assert check["status"] != "error" or check["id"].startswith("keras_")  # no Keras half: missing
                staff += check["max_score"]
                continue
            assert mine["public"] == check["public"] and mine["max_score"] == check["max_score"]
            if check["public"] or correct:
                assert (mine["status"], mine["score"]) == (check["status"], check["score"]), \
                    (path, check["id"], mine["message"], check["message"])
                compared["public" if check["public"] else "correct"] += 1
        assert student["max_score"] == pytest.approx(full["max_score"] - staff)
        if correct:
            assert student["score"] == pytest.approx(full["score"] - sum(
                c["score"] for c in full["checks"] if c["id"] == "forward" or c["id"].startswith("markdown/")))
    assert compared["public"] >= 12 and compared["correct"] >= 20  # every hidden conv_numpy case of the correct example


def test_only_public_cases_are_kept_in_the_students_cache(student_results):
    kept = sorted((Path(STUDENT_CACHE) / "cnn-grader" / "plans").rglob("*.json"))
    assert kept, "the students' run keeps conv_numpy's public plans"
    public = {f"{g}/public" for g in ("conv_forward_naive", "conv_backward_naive", "max_pool_forward_naive",
                                      "max_pool_backward_naive")}
    for path in kept:
        described = json.loads(path.read_text())
        assert all(d["public"] for d in described) and {d["check_id"] for d in described} == public, path


@pytest.fixture(scope="module")
def single(venv, tmp_path_factory):
    """Grade one example notebook as a student would: (stdout, report page, results.json text)."""
    def grade(relative: str, lang: str = "en") -> tuple[str, str, str]:
        work = tmp_path_factory.mktemp("single")
        done = student_grade(venv, work, str(REPO / relative), "--lang", lang)
        (page,) = (work / "reports").glob("*/*.html")
        return done.stdout, page.read_text(), (work / "reports" / "results.json").read_text()
    return grade


def test_a_wrong_variable_fails_without_its_expected_value(single, bundled_results):
    path = "assignments/alexnet_params/examples/no_bias/alexnet_params.ipynb"
    stdout, page, results = single(path)
    failing = {c["id"] for c in json.loads(results)["submissions"][0]["checks"] if c["status"] == "fail"}
    assert failing == {c["id"] for c in bundled_results[path]["checks"] if c["status"] == "fail"} and "Conv_1" in failing
    assert "first problem: Conv_1" in stdout
    for text in (stdout, page, results):
        assert [n for n in expected_numbers() if n in text] == []
        assert "seed" not in text.lower()  # the practice cases' secret stays in reports/secret.key


def reference_row(index: int, classes: int = 1000) -> dict:
    harness = load_module(MODEL_HARNESS)
    with torch.device("meta"):
        _, rows, _, _ = harness.executed_layers(MODELS.PaperAlexNet(classes), torch.zeros(2, 3, 227, 227))
    return rows[index]


@pytest.mark.parametrize("lang, says", [("en", "layer 2 (Conv2d) differs"), ("ko", "2번째 층(Conv2d)이 기대하는 층과 다릅니다")])
def test_a_wrong_layer_names_its_row_and_fields_but_not_the_expected_row(single, lang, says):
    stdout, page, results = single("assignments/alexnet_model/examples/conv2_no_pad/alexnet_model.ipynb", lang)
    layers = next(c for c in json.loads(results)["submissions"][0]["checks"] if c["id"] == "layers")
    assert layers["status"] == "fail" and says in layers["message"]
    assert "padding" in layers["message"] and "output_shape" in layers["message"]
    expected = reference_row(1)
    padding, shape = expected["padding"], expected["output_shape"]
    hidden = {f"p{padding}", f"padding {padding}", str(shape), ", ".join(map(str, shape)), str(tuple(shape))}
    for text in (stdout, page, results):
        assert [h for h in hidden if h in text] == []
    assert "forward" in stdout and ("checked by the course staff" in stdout or "조교" in stdout)
