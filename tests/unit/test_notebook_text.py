"""Notebooks kept as text (jupytext percent files): every built .ipynb is in sync with its source,
and the build maps each kind of source to its place."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("build_notebooks", ROOT / "assignments" / "build_notebooks.py")
build = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build)


def test_every_notebook_is_in_sync_with_its_text():
    stale = [str(dest.relative_to(ROOT)) for _, dest, _ in build.stale()]
    assert not stale, f"run `python assignments/build_notebooks.py`: {stale}"


def test_sources_go_to_their_places(tmp_path: Path):
    text = "# ---\n# jupyter:\n#   grader:\n#     assignment: x\n# ---\n\n# %%\nprint(1)\n"
    for rel in ("assignments/x/x.pct.py", "solutions/x/x_reference.pct.py",
                "solutions/x/examples/bob.pct.py", "tests/e2e/fixtures_src/x/no_bias.pct.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    got = {str(s.relative_to(tmp_path)): str(d.relative_to(tmp_path)) for s, d in build.targets(tmp_path).items()}
    assert got == {"assignments/x/x.pct.py": "assignments/x/x.ipynb",
                   "solutions/x/x_reference.pct.py": "solutions/x/x_reference.ipynb",
                   "solutions/x/examples/bob.pct.py": "assignments/x/examples/bob/x.ipynb",
                   "tests/e2e/fixtures_src/x/no_bias.pct.py": "tests/e2e/fixtures/x/no_bias.ipynb"}


def test_a_built_notebook_is_stable_and_names_its_assignment(tmp_path: Path):
    src = ROOT / "assignments" / "cnn_arithmetic" / "cnn_arithmetic.pct.py"
    first, again = build.render(src), build.render(src)
    assert first == again
    import json
    nb = json.loads(first)
    assert nb["metadata"]["grader"] == {"assignment": "cnn_arithmetic"}
    assert "jupytext" not in nb["metadata"]
    assert all(not c.get("outputs") for c in nb["cells"])


def test_check_mode_names_a_stale_notebook_and_a_build_fixes_it(tmp_path: Path, capsys):
    src = tmp_path / "assignments" / "x" / "x.pct.py"
    src.parent.mkdir(parents=True)
    src.write_text("# %%\nprint(1)\n")
    assert build.main(["--check"], tmp_path) == 1
    assert "out of date: assignments/x/x.ipynb" in capsys.readouterr().out
    assert build.main([], tmp_path) == 0
    assert build.main(["--check"], tmp_path) == 0
    src.write_text("# %%\nprint(2)\n")
    assert build.main(["--check"], tmp_path) == 1
