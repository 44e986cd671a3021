"""Build stage of the students' distribution (`make student-dist`): a wheel of the engine, each
assignment's rubric and template notebook, and its public references: the public reference
module the rubric names (PyTorch's own ops for conv_numpy) and a lock of every expected value
a lock can hold, built here from the real references with a fresh salt (grader/lock.py).

Each bundle is loaded as the students' wheel loads it, and its public reference must compute
the real reference's expected outputs on every case of two seeds. Solutions, example
submissions and known-mistake modules stay out: before a wheel is kept, its every file is
searched for their file names and for any line only they contain. This builder itself stays
with the course staff (it is not copied into the wheel).

    python -m grader.student_dist [--out dist/student]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from grader import __version__, lock, rubric
from grader.checks import locked, plan_assignment
from grader.compare import rel_error
from grader.errors import GraderError, LeakError, RubricError
from grader.messages import LANGS, lang_from_environment, say
from grader.paths import PACKAGE, ROOT
from grader.public import LOCK_FILE
from grader.rubric import Assignment

NAME = "cnn-grader-student"
CHECKOUT = PACKAGE.parent
"""The engine's checkout (pyproject.toml, README.md); the assignments come from paths.ROOT."""
STAFF_ONLY = ("student_dist.py", "bundled", "__pycache__")
"""What of grader/ the wheel leaves out: this builder, and any earlier build's bundle."""
STAFF_DEPENDENCIES = ("distributed",)
"""Dependencies a student does not need (Dask batches are the staff's)."""
OPTIONAL_DEPENDENCIES = {"keras": ("tensorflow",)}
"""Dependencies a student installs only for a half of an assignment: `pip install WHEEL[keras]`."""
SECRET_NAMES = re.compile(r"(^|/)(solutions|examples)/|mistakes|reference_numpy|_reference\.ipynb")
MIN_LINE = 30
"""Shorter lines (`return dx`, `import numpy as np`) are too common to tell a solution apart."""


def build_lock(assignment: Assignment, salt: bytes | None = None) -> dict:
    """The lock document of an assignment (judged with solutions/): every lockable check's
    expected values, computed by its reference."""
    values, templated, graded = {}, set(), []
    for plan in plan_assignment(assignment, seed=0):
        found = locked.expectations(plan)
        if found is None:
            continue
        values |= found[0]
        templated |= found[1]
        graded += [plan.graded.name] if plan.graded.name not in graded else []
    return lock.build(assignment.name, values, graded, templated, salt)


def check_public(full: Assignment, public: Assignment, seeds: tuple[int, ...] = (0, 1)) -> None:
    """The public reference computes what the real one does, on every case of `seeds`, within a
    thousandth of each check's tolerance; RubricError names the first check where it does not."""
    for seed in seeds:
        theirs = {p.check_id: p for p in plan_assignment(public, seed)}
        for plan in plan_assignment(full, seed):
            other = theirs[plan.check_id]
            if plan.graded.kind == "formula" and plan.expected != other.expected:
                raise RubricError.of("rubric.public_disagrees", public=public.reference, full=full.reference,
                                     check=plan.check_id, seed=seed)
            if plan.graded.kind != "function":
                continue
            for name, want in plan.expected.items():
                got = other.expected[name]
                if got.shape != want.shape or rel_error(got, want) > plan.graded.tolerance / 1000:
                    raise RubricError.of("rubric.public_disagrees_on", public=public.reference, full=full.reference,
                                         check=plan.check_id, name=name, seed=seed)


def _bundle(assignment: Assignment, dest: Path) -> None:
    dest.mkdir(parents=True)
    shutil.copy2(assignment.folder / "rubric.toml", dest / "rubric.toml")
    shutil.copy2(assignment.folder / assignment.template, dest / assignment.template)
    public = tomllib.loads((assignment.folder / "rubric.toml").read_text())["assignment"].get("public_reference")
    if public:
        shutil.copy2(assignment.folder / public, dest / public)
    lock.write(dest / LOCK_FILE, build_lock(assignment))


def _readme() -> str:
    """The README's "For students" section: the wheel's description."""
    readme = CHECKOUT / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    section = re.search(r"^## For students\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    return f"# {NAME}\n\n" + (section.group(1).strip() if section else "") + "\n"


def _pyproject() -> str:
    """The staff's pyproject.toml, renamed, without the staff's dependencies and extras."""
    project = tomllib.loads((CHECKOUT / "pyproject.toml").read_text())["project"]
    optional = tuple(p for prefixes in OPTIONAL_DEPENDENCIES.values() for p in prefixes)
    deps = [d for d in project["dependencies"] if not d.startswith(STAFF_DEPENDENCIES + optional)]
    extras = {extra: [d for d in project["dependencies"] if d.startswith(prefixes)]
              for extra, prefixes in OPTIONAL_DEPENDENCIES.items()}
    return "\n".join([
        '[build-system]', 'requires = ["setuptools>=68"]', 'build-backend = "setuptools.build_meta"', '',
        '[project]', f'name = "{NAME}"', f'version = "{__version__}"',
        'description = "Self-check of the CNN homework notebooks: the students\' distribution of cnn-grader."',
        'readme = "README.md"', f'requires-python = {json.dumps(project["requires-python"])}',
        f'dependencies = {json.dumps(deps)}', '', '[project.optional-dependencies]',
        *[f'{extra} = {json.dumps(found)}' for extra, found in extras.items()], '',
        '[project.scripts]', 'grade = "grader.cli:main"', '',
        '[tool.setuptools.packages.find]', 'include = ["grader*"]', '',
        '[tool.setuptools.package-data]',
        'grader = ["templates/*.j2", "kernel_side/*.py", "bundled/assignments/*/*"]', ''])


def stage(staging: Path) -> None:
    """Lay out the wheel's source tree in `staging`: grader/ with grader/bundled/assignments/,
    each bundle checked to load as the students' wheel loads it and to agree with solutions/."""
    shutil.copytree(PACKAGE, staging / "grader", ignore=shutil.ignore_patterns(*STAFF_ONLY))
    for assignment in rubric.load_all(ROOT / "assignments", "solutions").values():
        dest = staging / "grader" / "bundled" / "assignments" / assignment.folder.name
        _bundle(assignment, dest)
        check_public(assignment, rubric.load_assignment(dest, "public"))
    (staging / "pyproject.toml").write_text(_pyproject(), encoding="utf-8")
    (staging / "README.md").write_text(_readme(), encoding="utf-8")


def _text(path: Path) -> str:
    """A text file's content (a notebook's cell sources); "" for a binary file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return ""
    if path.suffix == ".ipynb":
        text = "\n".join("".join(c.get("source", "")) for c in json.loads(text).get("cells", []))
    return text


def secret_lines(root: Path = ROOT) -> set[str]:
    """Lines (stripped, MIN_LINE long or more) of solutions/ and the example submissions that no
    public file of the checkout contains."""
    secret = {p for p in (root / "solutions").rglob("*") if p.is_file()}
    secret |= {p for p in (root / "assignments").glob("*/examples/**/*") if p.is_file()}
    public = {p for p in (root / "assignments").rglob("*") if p.is_file()} - secret
    public |= {p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    shown = "\n".join(_text(p) for p in sorted(public))
    lines = {s for p in secret for s in (line.strip() for line in _text(p).splitlines()) if len(s) >= MIN_LINE}
    return {line for line in lines if line not in shown}


def leaks(wheel: Path, secret: set[str], lang: str = "en") -> list[str]:
    """What of the course staff's the wheel holds: files by name, then files by content (in `lang`)."""
    found = []
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if SECRET_NAMES.search(name):
                found.append(say("dist.staff_file", lang, name=name))
                continue
            text = z.read(name).decode("utf-8", errors="replace")
            hits = [line for line in secret if line in text]
            found += [say("dist.secret_line", lang, name=name, line=repr(hits[0]))] if hits else []
    return found


def build(out: Path, lang: str = "en") -> Path:
    """Stage, build and check the wheel; returns its path in `out` (errors say why in `lang`)."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cnn-grader-student-") as tmp:
        staging = Path(tmp) / "src"
        stage(staging)
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                               "--wheel-dir", str(Path(tmp) / "wheel"), str(staging)], capture_output=True, text=True)
        if done.returncode != 0:
            raise GraderError(say("dist.pip_failed", lang, output=done.stdout + done.stderr))
        (built,) = (Path(tmp) / "wheel").glob("*.whl")
        problems = leaks(built, secret_lines(), lang)
        if problems:
            raise LeakError(say("dist.leaks", lang, problems="\n".join(problems)))
        target = out / built.name
        shutil.copy2(built, target)
    return target


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m grader.student_dist", description="Build the students' wheel.")
    p.add_argument("--out", default="dist/student", help="folder of the wheel (default: dist/student)")
    p.add_argument("--lang", choices=LANGS, default=lang_from_environment(),
                   help="language of the messages (default: ko if the locale is Korean, else en)")
    args = p.parse_args(argv)
    try:
        wheel = build(Path(args.out), args.lang)
    except GraderError as exc:
        print(say("dist.failed", args.lang, message=exc.text(args.lang)), file=sys.stderr)
        return 1
    print(say("dist.built", args.lang, wheel=wheel))
    return 0


if __name__ == "__main__":
    sys.exit(main())
