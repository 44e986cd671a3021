"""Builds the notebooks kept as text (jupytext percent files, `*.pct.py`) into their `.ipynb`.

    python assignments/build_notebooks.py           # write every notebook that differs
    python assignments/build_notebooks.py --check   # exit 1 naming those out of date (CI)

Where each source goes:
- assignments/NAME/X.pct.py                  -> assignments/NAME/X.ipynb (the template)
- solutions/NAME/X.pct.py                    -> solutions/NAME/X.ipynb (the reference notebook; the
  reference, NAME_reference.pct.py, also builds assignments/NAME/examples/correct/NAME.ipynb
  when the assignment has examples and no correct.pct.py of its own)
- solutions/NAME/examples/STUDENT.pct.py     -> assignments/NAME/examples/STUDENT/NAME.ipynb
- tests/e2e/fixtures_src/NAME/FAULT.pct.py   -> tests/e2e/fixtures/NAME/FAULT.ipynb
A fixture that needs outputs stored as if it had run (which percent text drops) keeps them beside
its text in FAULT.outputs.json: {"cell-N": {"execution_count": n, "outputs": [...]}}.
An instructor edits the text (or opens it in Jupyter with jupytext) and runs this once. The
checkout is this file's, or CNN_GRADER_ROOT's as for `grade`; jupytext comes with the `test` extra.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(os.environ.get("CNN_GRADER_ROOT", Path(__file__).resolve().parents[1]))
SUFFIX = ".pct.py"


def _stem(path: Path) -> str:
    return path.name[: -len(SUFFIX)]


def targets(root: Path = ROOT) -> list[tuple[Path, Path]]:
    """Every text source under `root` and each notebook it builds, as (source, notebook) pairs.
    The reference text also builds the `correct` example of an assignment that has examples
    (the bundled correct submission is the reference notebook), unless a correct.pct.py exists."""
    found = []
    for src in root.glob(f"assignments/*/*{SUFFIX}"):
        found.append((src, src.with_name(_stem(src) + ".ipynb")))
    for src in root.glob(f"solutions/*/*{SUFFIX}"):
        found.append((src, src.with_name(_stem(src) + ".ipynb")))
        examples = src.parent / "examples"
        if _stem(src) == f"{src.parent.name}_reference" and examples.is_dir() \
                and not (examples / f"correct{SUFFIX}").exists():
            found.append((src, _example(root, src.parent.name, "correct")))
    for src in root.glob(f"solutions/*/examples/*{SUFFIX}"):
        found.append((src, _example(root, src.parents[1].name, _stem(src))))
    for src in root.glob(f"tests/e2e/fixtures_src/*/*{SUFFIX}"):
        found.append((src, root / "tests" / "e2e" / "fixtures" / src.parent.name / (_stem(src) + ".ipynb")))
    return sorted(found)


def _example(root: Path, name: str, student: str) -> Path:
    return root / "assignments" / name / "examples" / student / f"{name}.ipynb"


def _store_outputs(nb: nbformat.NotebookNode, stored: Path) -> None:
    """Give the code cells named in `stored` (a FAULT.outputs.json) their execution count and outputs."""
    cells = {cell.id: cell for cell in nb.cells}
    for cell_id, ran in json.loads(stored.read_text(encoding="utf-8")).items():
        cell = cells.get(cell_id)
        if cell is None or cell.cell_type != "code":
            raise ValueError(f"{stored}: {cell_id} is not a code cell of the notebook")
        cell.execution_count = ran["execution_count"]
        cell.outputs = [nbformat.from_dict(output) for output in ran["outputs"]]


def render(src: Path) -> str:
    """The notebook's JSON text: cells with stable ids, no jupytext metadata, and no outputs but
    those of a FAULT.outputs.json beside the source."""
    nb = jupytext.read(src, fmt="py:percent")
    nb.metadata.pop("jupytext", None)
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
        cell.metadata = {}
    stored = src.with_name(_stem(src) + ".outputs.json")
    if stored.is_file():
        _store_outputs(nb, stored)
    nb.nbformat, nb.nbformat_minor = 4, 5
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def stale(root: Path = ROOT) -> list[tuple[Path, Path, str]]:
    """(source, notebook, text) of every notebook that is missing or differs from its source."""
    out = []
    for src, dest in targets(root):
        text = render(src)
        if not dest.is_file() or dest.read_text(encoding="utf-8") != text:
            out.append((src, dest, text))
    return out


BUILT = ("assignments/*/*.ipynb", "assignments/*/examples/*/*.ipynb", "solutions/*/*.ipynb",
         "tests/e2e/fixtures/*/*.ipynb")
"""Where built notebooks lie: each one there needs its text source."""


def without_source(root: Path = ROOT) -> list[Path]:
    """Notebooks where built ones lie that no text source builds (edited as .ipynb only)."""
    built = {dest for _, dest in targets(root)}
    return sorted(p for pattern in BUILT for p in root.glob(pattern) if p not in built)


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks out of date")
    args = parser.parse_args(argv)
    found = stale(root)
    for src, dest, text in found:
        if args.check:
            print(f"out of date: {dest.relative_to(root)} (from {src.relative_to(root)})")
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
            print(f"wrote {dest.relative_to(root)}")
    orphans = without_source(root)
    for path in orphans:
        print(f"no text source: {path.relative_to(root)} (write its .pct.py; see the docstring)")
    return 1 if orphans or (args.check and found) else 0


if __name__ == "__main__":
    sys.exit(main())
