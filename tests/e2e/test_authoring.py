"""docs/authoring.md is true: following it in an empty folder gives a valid fourth assignment."""

import json
import os
import re
import subprocess
import sys
import zipfile

from helpers import REPO, run_grade

DOC = (REPO / "docs/authoring.md").read_text()


def doc_files() -> dict[str, str]:
    """Every fenced block of the document whose first line is `# file: PATH`."""
    blocks = re.findall(r"```[a-z]*\n# file: (\S+)\n(.*?)```", DOC, flags=re.S)
    return {path: body for path, body in blocks}


def test_the_document_names_the_files_of_an_assignment():
    assert set(doc_files()) == {"solutions/avg_pool/reference.py", "assignments/avg_pool/rubric.toml",
                                "assignments/avg_pool/avg_pool.pct.py", "solutions/avg_pool/avg_pool_reference.pct.py",
                                "assignments/avg_pool/reference_torch.py"}


def test_following_the_document_gives_a_valid_graded_assignment(tmp_path):
    for path, body in doc_files().items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(body)
    env = os.environ | {"CNN_GRADER_ROOT": str(tmp_path)}
    build = [sys.executable, str(REPO / "assignments/build_notebooks.py")]
    stale = subprocess.run(build + ["--check"], capture_output=True, text=True, env=env)
    assert stale.returncode == 1 and "out of date: assignments/avg_pool/avg_pool.ipynb" in stale.stdout
    made = subprocess.run(build, capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stdout + made.stderr
    assert made.stdout.split("\n")[:2] == ["wrote assignments/avg_pool/avg_pool.ipynb",
                                           "wrote solutions/avg_pool/avg_pool_reference.ipynb"]
    assert subprocess.run(build + ["--check"], capture_output=True, env=env).returncode == 0
    template = json.loads((tmp_path / "assignments/avg_pool/avg_pool.ipynb").read_text())
    assert template["metadata"]["grader"] == {"assignment": "avg_pool"}
    checked = run_grade("validate", str(tmp_path / "assignments/avg_pool"), env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "FAIL" not in checked.stdout and "the assignment is valid" in checked.stdout
    graded = run_grade(str(tmp_path / "solutions/avg_pool/avg_pool_reference.ipynb"),
                       "--out", str(tmp_path / "out"), env=env)
    assert graded.returncode == 0, graded.stderr
    result = json.loads((tmp_path / "out/results.json").read_text())["submissions"][0]
    assert result["assignment"] == "avg_pool"
    assert result["score"] == result["max_score"] == 5.0
    assert len(result["checks"]) == 6
    built = subprocess.run([sys.executable, "-m", "grader.student_dist", "--out", str(tmp_path / "dist")],
                           cwd=REPO, capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stdout + built.stderr  # the public reference agrees with solutions/
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"grader/bundled/assignments/avg_pool/{f}" for f in ("reference_torch.py", "lock.json", "avg_pool.ipynb")} <= names


def test_validate_fails_loudly_on_a_broken_assignment(tmp_path):
    folder = tmp_path / "assignments/broken"
    folder.mkdir(parents=True)
    (folder / "rubric.toml").write_text("[assignment]\nname = 'broken'\n")
    checked = run_grade("validate", str(folder))
    assert checked.returncode == 1
    assert "FAIL  rubric" in checked.stdout and "Traceback" not in checked.stderr


def test_the_bundled_assignments_are_valid():
    for name in ("conv_numpy", "alexnet_params", "alexnet_model", "cnn_arithmetic"):
        checked = run_grade("validate", str(REPO / "assignments" / name))
        assert checked.returncode == 0, checked.stdout + checked.stderr
