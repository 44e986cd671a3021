"""Notebooks kept as text (jupytext percent files): every built .ipynb is in sync with its source,
and the build maps each kind of source to its place."""

import importlib.util
import json
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
    got = [(str(s.relative_to(tmp_path)), str(d.relative_to(tmp_path))) for s, d in build.targets(tmp_path)]
    assert sorted(got) == sorted([("assignments/x/x.pct.py", "assignments/x/x.ipynb"),
                                  ("solutions/x/x_reference.pct.py", "solutions/x/x_reference.ipynb"),
                                  ("solutions/x/x_reference.pct.py", "assignments/x/examples/correct/x.ipynb"),
                                  ("solutions/x/examples/bob.pct.py", "assignments/x/examples/bob/x.ipynb"),
                                  ("tests/e2e/fixtures_src/x/no_bias.pct.py", "tests/e2e/fixtures/x/no_bias.ipynb")])


def test_a_correct_example_of_its_own_is_built_from_its_own_text(tmp_path: Path):
    for rel in ("solutions/x/x_reference.pct.py", "solutions/x/examples/correct.pct.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("# %%\nprint(1)\n")
    correct = tmp_path / "assignments/x/examples/correct/x.ipynb"
    assert [s.relative_to(tmp_path).as_posix() for s, d in build.targets(tmp_path) if d == correct] == \
        ["solutions/x/examples/correct.pct.py"]


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


ASSIGNMENTS = ("conv_numpy", "alexnet_params", "alexnet_model", "cnn_arithmetic")


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_notebook_of_an_assignment_is_built_from_text(name: str):
    """Template, reference notebook, examples and fixtures: each has its source, names its
    assignment in its metadata, and builds to the same bytes twice."""
    built = {dest: src for src, dest in build.targets()}
    notebooks = [ROOT / "assignments" / name / f"{name}.ipynb",
                 ROOT / "solutions" / name / f"{name}_reference.ipynb",
                 *(ROOT / "assignments" / name / "examples").glob(f"*/{name}.ipynb"),
                 *(ROOT / "tests" / "e2e" / "fixtures" / name).glob("*.ipynb")]
    assert len(notebooks) > 4
    for path in notebooks:
        assert path in built, f"{path.relative_to(ROOT)} has no .pct.py source"
        text = build.render(built[path])
        assert text == build.render(built[path])
        assert json.loads(text)["metadata"]["grader"] == {"assignment": name}
    assert not build.without_source()


def test_stored_outputs_survive_the_build():
    """The fixtures about outputs stored in the submitted file keep them (the grader must ignore them)."""
    summary = json.loads((ROOT / "tests/e2e/fixtures/alexnet_model/template_output_over_placeholders.ipynb").read_text())
    shown = ["".join(o["text"]) for c in summary["cells"] for o in c.get("outputs", [])]
    assert len(shown) == 1 and "Total params: 62,378,344" in shown[0]
    stubs = json.loads((ROOT / "tests/e2e/fixtures/conv_numpy/stored_outputs_over_stubs.ipynb").read_text())
    code = [c for c in stubs["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    assert sum(1 for c in code if c["outputs"]) == 5
    assert any("NotImplementedError" in "".join(c["source"]) for c in code)


def test_stored_outputs_must_name_a_code_cell(tmp_path: Path):
    src = tmp_path / "tests/e2e/fixtures_src/x/ran.pct.py"
    src.parent.mkdir(parents=True)
    src.write_text("# %% [markdown]\n# hello\n\n# %%\nprint(1)\n")
    out = {"execution_count": 1, "outputs": [{"output_type": "stream", "name": "stdout", "text": "1\n"}]}
    src.with_name("ran.outputs.json").write_text(json.dumps({"cell-1": out}))
    nb = json.loads(build.render(src))
    assert nb["cells"][1]["outputs"][0]["text"] == ["1\n"] and nb["cells"][1]["execution_count"] == 1
    src.with_name("ran.outputs.json").write_text(json.dumps({"cell-0": out}))
    with pytest.raises(ValueError, match="cell-0 is not a code cell"):
        build.render(src)


def test_a_notebook_without_text_is_named(tmp_path: Path, capsys):
    stray = tmp_path / "assignments" / "x" / "examples" / "bob" / "x.ipynb"
    stray.parent.mkdir(parents=True)
    stray.write_text("{}")
    assert build.main(["--check"], tmp_path) == 1
    assert "no text source: assignments/x/examples/bob/x.ipynb" in capsys.readouterr().out
    (tmp_path / "solutions" / "x" / "examples").mkdir(parents=True)
    (tmp_path / "solutions" / "x" / "examples" / "bob.pct.py").write_text("# %%\nprint(1)\n")
    assert build.main([], tmp_path) == 0
    assert build.main(["--check"], tmp_path) == 0


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_saving_a_text_from_jupyter_changes_no_built_byte(tmp_path: Path, name: str):
    """jupytext's save adds its own header (the build drops it) and keeps grader's metadata."""
    import jupytext
    for src in (ROOT / "assignments" / name / f"{name}.pct.py", ROOT / "solutions" / name / f"{name}_reference.pct.py"):
        saved = tmp_path / src.name
        saved.write_text(jupytext.writes(jupytext.read(src), fmt="py:percent"))
        assert build.render(saved) == build.render(src)
