"""Discover stage: find notebooks under the given paths and say whose and which they are.

Student id: the first folder under the given root, else the file name's stem; a .zip counts
as a folder. Assignment: the notebook's metadata, else a name in the file name, else the
`--assignment` fallback, else unknown.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Mapping

from grader.errors import PathNotFound
from grader.rubric import Assignment

MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024
IGNORED_PARTS = ("__MACOSX", ".ipynb_checkpoints")


@dataclass(frozen=True)
class Submission:
    """One notebook to grade, with everything the grader needs and nothing more."""

    student: str
    path: str
    """Where it came from, for people: a file path, or `archive.zip/inner/path.ipynb`."""
    data: bytes
    sha256: str
    assignment: str | None
    """None when nothing says which assignment this is."""
    problem: str | None = None
    """Set when the file could not even be read (too large, a broken archive member)."""


@dataclass(frozen=True)
class Skipped:
    """A file found under the given paths that is not a notebook."""

    path: str
    reason: str


def _ignored(parts: Iterable[str]) -> bool:
    return any(p in IGNORED_PARTS or p.startswith(".") for p in parts)


def metadata_assignment(data: bytes) -> str | None:
    """`metadata.grader.assignment` of a notebook's JSON, if it has one."""
    try:
        nb = json.loads(data)
        name = nb["metadata"]["grader"]["assignment"]
    except (ValueError, RecursionError, KeyError, TypeError):
        return None
    return name if isinstance(name, str) else None


def name_assignment(file_name: str, assignments: Mapping[str, Assignment]) -> str | None:
    """The assignment whose name, template stem or alias the file name contains (longest wins)."""
    stem = file_name.lower()
    hits = []
    for a in assignments.values():
        for key in (a.name, Path(a.template).stem, *a.aliases):
            if key.lower() in stem:
                hits.append((len(key), a.name))
    return max(hits)[1] if hits else None


def identify(data: bytes, file_name: str, assignments, fallback: str | None) -> str | None:
    named = metadata_assignment(data)
    if named in assignments:
        return named
    return name_assignment(file_name, assignments) or fallback


def _student(relative: PurePosixPath) -> str:
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _member_path(name: str) -> PurePosixPath:
    """An archive member's path made relative: no leading slash, no `..`, no drive."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("/", "..", ".") and not p.endswith(":")]
    return PurePosixPath(*parts) if parts else PurePosixPath("unnamed")


def _submission(student, shown, data, assignments, fallback, problem=None) -> Submission:
    name = PurePosixPath(shown).name
    return Submission(student, shown, data, hashlib.sha256(data).hexdigest(),
                      identify(data, name, assignments, fallback), problem)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[bytes, str | None]:
    if info.file_size > MAX_NOTEBOOK_BYTES:
        return b"", f"the notebook is {info.file_size} bytes, more than {MAX_NOTEBOOK_BYTES}"
    try:
        with zf.open(info) as member:
            data = member.read(MAX_NOTEBOOK_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, NotImplementedError) as exc:
        return b"", f"the archive member cannot be extracted ({type(exc).__name__}: {exc})"
    if len(data) > MAX_NOTEBOOK_BYTES:
        return b"", f"the notebook is more than {MAX_NOTEBOOK_BYTES} bytes"
    return data, None


def _from_zip(archive: Path, shown: str, prefix: PurePosixPath, assignments, fallback):
    """The archive's notebooks; `prefix` is the archive's place under the root, as a folder."""
    try:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                inner = _member_path(info.filename)
                if info.is_dir() or _ignored(inner.parts):
                    continue
                where = f"{shown}/{inner}"
                if inner.suffix != ".ipynb":
                    yield Skipped(where, "not a notebook")
                    continue
                data, problem = _read_member(zf, info)
                yield _submission(_student(prefix / inner), where, data, assignments, fallback, problem)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, NotImplementedError) as exc:
        # no lost data: the upload becomes a result with the reason, under the archive's name
        student = prefix.parts[0] if prefix.parts else Path(shown).stem
        yield _submission(student, shown, b"", assignments, fallback,
                          f"not a readable zip archive ({type(exc).__name__}: {exc})")


def _from_file(path: Path, shown: str, student: str, assignments, fallback):
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        return _submission(student, shown, b"", assignments, fallback,
                           f"the notebook is {size} bytes, more than {MAX_NOTEBOOK_BYTES}")
    return _submission(student, shown, path.read_bytes(), assignments, fallback)


def _from_folder(root: Path, assignments, fallback) -> Iterator[Submission | Skipped]:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = PurePosixPath(path.relative_to(root).as_posix())
        if _ignored(relative.parts):
            continue
        if path.suffix == ".ipynb":
            yield _from_file(path, str(path), _student(relative), assignments, fallback)
        elif path.suffix == ".zip":
            # a .zip counts as a folder: subs/dave.zip is dave's, subs/alice/export.zip alice's
            yield from _from_zip(path, str(path), relative.with_suffix(""), assignments, fallback)
        else:
            yield Skipped(str(path), "not a notebook")


def discover(paths: Iterable[str], assignments: Mapping[str, Assignment],
             fallback: str | None = None) -> tuple[list[Submission], list[Skipped]]:
    """Every notebook under `paths`; raises PathNotFound for a path that does not exist."""
    found: list[Submission | Skipped] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise PathNotFound(given)
        if path.is_dir():
            found.extend(_from_folder(path, assignments, fallback))
        elif path.suffix == ".zip":
            found.extend(_from_zip(path, given, PurePosixPath(), assignments, fallback))
        else:
            found.append(_from_file(path, given, path.stem, assignments, fallback))
    submissions = [f for f in found if isinstance(f, Submission)]
    return submissions, [f for f in found if isinstance(f, Skipped)]
