"""Discover stage: find notebooks under the given paths and say whose and which they are.

Student id: the first folder under the given root, else the file name's stem; a .zip counts
as a folder, unless it holds a class (see `grader.archive.class_folders`); a zip inside it is
its owner's upload (one level deep). Assignment: the
notebook's metadata, else a name in the file name, else the `--assignment` fallback, else
unknown. Links are listed as skipped, never followed. A notebook's bytes are hashed here and
read again when it is graded: a batch never holds them all.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Mapping

from grader import archive, layout_io, layouts
from grader.archive import ArchiveProblem, too_large
from grader.errors import PathNotFound, UnreadableNotebook, UsageError
from grader.messages import say, say_again
from grader.names import readable
from grader.rubric import Assignment

IGNORED_PARTS = ("__MACOSX", ".ipynb_checkpoints")
REASON_KEYS = ("skip.not_notebook", "skip.not_regular", "skip.archive_link", "skip.link", "skip.gradescope_metadata",
               "skip.nbgrader_time", "archive.unreadable", "archive.members", "archive.inflated", "archive.too_large",
               "archive.member", "archive.more_than", "read.unreadable", "skip.replaced", "skip.nested_deep",
               "skip.twice")
"""The catalogue keys of the reasons this stage gives in English (results.json keeps them so)."""


def reason_in(reason: str, lang: str) -> str:
    """A reason this stage gave, said in `lang` (as it is when no key of REASON_KEYS made it)."""
    return say_again(reason, REASON_KEYS, lang)


@dataclass(frozen=True)
class Source:
    """Where a notebook's bytes are read from when it is graded."""

    file: str
    """The file as the OS names it (undecodable bytes as surrogates): a notebook or a zip."""
    member: int | None = None
    """The member's index in the zip `file`; None for a notebook file."""
    inner: int | None = None
    """The member's index in the zip stored as member `member` (a student's zip in a class's)."""


@dataclass(frozen=True)
class Submission:
    """One notebook to grade, with everything the grader needs and nothing more."""

    student: str
    path: str
    """Where it came from, for people: a file path, or `archive.zip/inner/path.ipynb` (names
    that are not UTF-8 decoded, see grader/names.py)."""
    content: bytes | None
    """The notebook's bytes when they are held in memory; None: read from `source` when graded."""
    sha256: str
    assignment: str | None
    """None when nothing says which assignment this is."""
    problem: str | None = None
    """Set when the file could not even be read (too large, a broken archive member)."""
    source: Source | None = None
    origin: layouts.Origin | None = None
    """Who handed it in and when, as the LMS layout it was found in says (grader/layouts.py)."""

    @property
    def data(self) -> bytes:
        """The notebook's bytes (read from its source now); b"" when they cannot be read or are
        no longer the bytes discovered (`read` says why)."""
        try:
            return self.read()
        except UnreadableNotebook:
            return b""

    def read(self) -> bytes:
        """The notebook's bytes (read from its source now); raises UnreadableNotebook when they
        cannot be read or are no longer the bytes discovered."""
        if self.content is not None or self.source is None:
            return self.content or b""
        try:
            data = _read(self.source)
        except ArchiveProblem as exc:
            raise UnreadableNotebook(exc.reason) from None
        except OSError as exc:
            raise UnreadableNotebook.of("read.unreadable", why=str(exc)) from None
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise UnreadableNotebook.of("read.changed")
        return data

    def loaded(self) -> "Submission":
        """This submission with its bytes in memory (to send to another machine)."""
        try:
            return replace(self, content=self.read(), source=None)
        except UnreadableNotebook as exc:
            return replace(self, content=b"", source=None, problem=exc.message)


@dataclass(frozen=True)
class Skipped:
    """A file found under the given paths that is not graded: not a notebook, or a link."""

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


def _read_file(path: str) -> bytes:
    """A notebook file's bytes, never through a link, at most MAX_NOTEBOOK_BYTES."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if too_large(info.st_size):
            raise ArchiveProblem(too_large(info.st_size))
        data = f.read(archive.MAX_NOTEBOOK_BYTES + 1)
    if len(data) > archive.MAX_NOTEBOOK_BYTES:
        raise ArchiveProblem(say("archive.more_than", most=archive.MAX_NOTEBOOK_BYTES))
    return data


def _read(source: Source) -> bytes:
    if source.member is None:
        return _read_file(source.file)
    if source.inner is None:
        return archive.read_member(source.file, source.member)
    return archive.read_nested(source.file, source.member, source.inner)


def _found(student: str, shown: str, source: Source, assignments, fallback,
           origin: layouts.Origin | None = None) -> Submission:
    """The submission of one notebook: read once here for its hash and assignment, then let go."""
    name = PurePosixPath(shown).name
    try:
        data = _read(source)
    except (OSError, ArchiveProblem) as exc:
        reason = getattr(exc, "reason", None) or say("read.unreadable", why=exc.strerror or exc)
        return replace(_broken(student, shown, reason, assignments, fallback), origin=origin)
    return Submission(student, shown, None, hashlib.sha256(data).hexdigest(),
                      identify(data, name, assignments, fallback), None, source, origin)


def _broken(student: str, shown: str, problem: str, assignments, fallback) -> Submission:
    name = PurePosixPath(shown).name
    return Submission(student, shown, b"", hashlib.sha256(b"").hexdigest(),
                      identify(b"", name, assignments, fallback), problem)


def _from_zip(path: str, shown: str, prefix: PurePosixPath | None, assignments, fallback,
              forced: str | None = None, owner: layouts.Origin | None = None):
    """The archive's notebooks. `prefix`: the archive's place under the root, as a folder (None:
    the archive was given itself); an archive at the top of a root that holds a class (or
    follows an LMS layout) is a root. `owner`: whose upload it is, by the root's layout."""
    try:
        members = [m for m in archive.list_members(path) if not _ignored(m.inner.parts)]
    except ArchiveProblem as exc:  # no lost data: the upload is a result with the reason
        student = owner.student if owner else prefix.parts[0] if prefix and prefix.parts else Path(shown).stem
        yield replace(_broken(student, shown, exc.reason, assignments, fallback), origin=owner)
        return
    last = {m.inner: m.index for m in members}  # a name held twice: unzip keeps the later member
    for m in members:
        if last[m.inner] != m.index:
            yield Skipped(f"{shown}/{m.inner}", say("skip.replaced"))
    members = [m for m in members if last[m.inner] == m.index]
    layout, times = layout_io.zip_layout(path, members, forced)
    if prefix is None:
        _followed(layout, forced, shown)
    if prefix is not None and len(prefix.parts) == 1 and (
            layout.name != "plain" or _holds_class(path, members, assignments)):
        prefix = owner = None
    for m in members:
        where = f"{shown}/{m.inner}"
        origin = layouts.timed(owner or layout.origin(m.inner), archive_time=times.get(m.index))
        if m.link:
            yield Skipped(where, say("skip.archive_link"))
        elif m.inner.suffix.lower() == ".zip":
            yield from _from_nested(path, m, where, origin, assignments, fallback)
        elif m.inner.suffix.lower() != ".ipynb":
            yield Skipped(where, layout_io.metadata_reason(m.inner, layout) or say("skip.not_notebook"))
        else:
            yield _found(origin.student, where, Source(path, m.index), assignments, fallback, origin)


def _from_nested(path: str, member: archive.Member, shown: str, owner: layouts.Origin, assignments, fallback):
    """The notebooks of a zip stored in the archive: one upload, `owner`'s (a Canvas download of
    a student who handed in a zip). A zip inside it is not opened."""
    try:
        members = [m for m in archive.list_members(archive.nested(path, member.index)) if not _ignored(m.inner.parts)]
    except ArchiveProblem as exc:
        yield replace(_broken(owner.student, shown, exc.reason, assignments, fallback), origin=owner)
        return
    for m in members:
        where = f"{shown}/{m.inner}"
        if m.link:
            yield Skipped(where, say("skip.archive_link"))
        elif m.inner.suffix.lower() == ".zip":
            yield Skipped(where, say("skip.nested_deep"))
        elif m.inner.suffix.lower() != ".ipynb":
            yield Skipped(where, say("skip.not_notebook"))
        else:
            yield _found(owner.student, where, Source(path, member.index, m.index), assignments, fallback, owner)


def _followed(layout: layouts.Layout, forced: str | None, shown: str) -> None:
    """Raise UsageError when `--layout` asked for a layout this root does not follow (read as
    plain, its students would be its folders' names, matching no roster row)."""
    if forced and layout.name != forced:
        raise UsageError.of("layout.not_followed", path=shown, layout=forced)


def _holds_class(path: str, members: list[archive.Member], assignments) -> bool:
    """Whether this archive, found at the top of a root, holds a class (grader/archive.py): also
    when it holds no notebook but two or more zips at its top (the students' uploads)."""
    notebooks = [m for m in members if m.inner.suffix.lower() == ".ipynb" and not m.link]
    zips = [m for m in members if m.inner.suffix.lower() == ".zip" and not m.link and len(m.inner.parts) == 1]
    if len(zips) >= 2 and not notebooks:
        return True
    inners = [m.inner for m in notebooks]
    if any(len(p.parts) > 1 for p in inners) or len(inners) < 2:
        return archive.class_folders(inners, False)
    named = [name_assignment(p.name, assignments) for p in inners]
    if None in named and len(notebooks) <= 64:  # file names do not say: the metadata may
        named = [_member_assignment(path, m, assignments) for m in notebooks]
    known = [n for n in named if n is not None]
    return archive.class_folders(inners, len(known) != len(set(known)))


def _member_assignment(path: str, member: archive.Member, assignments) -> str | None:
    try:
        return identify(archive.read_member(path, member.index), member.inner.name, assignments, None)
    except ArchiveProblem:
        return None


def _walk(root: str) -> Iterator[tuple[str, str]]:
    """(path, kind) of everything under `root` that is not a folder, links not followed; kind
    is "file", "link" or "other" (a fifo, socket or device). Ignored folders are not entered;
    a folder that cannot be listed is passed over (any depth: no recursion)."""
    folders = [root]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if _ignored([entry.name]):
                continue
            if entry.is_symlink():
                yield entry.path, "link"
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            else:
                yield entry.path, "file" if entry.is_file(follow_symlinks=False) else "other"


def _link_reason(path: str) -> str:
    try:
        target = readable(os.readlink(path))
    except OSError:
        target = "?"
    return say("skip.link", target=target)


def _from_folder(root: str, assignments, fallback, forced: str | None = None) -> Iterator[Submission | Skipped]:
    walked = sorted(_walk(root), key=lambda found: PurePosixPath(found[0]).parts)
    layout = layout_io.folder_layout(root, [p for p, kind in walked if kind == "file"], forced)
    _followed(layout, forced, readable(root))
    for path, kind in walked:
        shown = readable(path)
        relative = PurePosixPath(readable(os.path.relpath(path, root)))
        if kind == "link":
            yield Skipped(shown, _link_reason(path))
        elif kind == "other":
            yield Skipped(shown, say("skip.not_regular"))
        elif relative.suffix.lower() == ".ipynb":
            origin = layouts.timed(layout.origin(relative), file_time=layout_io.modified(path))
            yield _found(origin.student, shown, Source(path), assignments, fallback, origin)
        elif relative.suffix.lower() == ".zip":
            # a .zip counts as a folder: subs/dave.zip is dave's, subs/alice/export.zip alice's
            yield from _from_zip(path, shown, relative.with_suffix(""), assignments, fallback, forced,
                                 layout.origin(relative))
        else:
            yield Skipped(shown, layout_io.metadata_reason(relative, layout) or say("skip.not_notebook"))


def discover(paths: Iterable[str], assignments: Mapping[str, Assignment],
             fallback: str | None = None, layout: str | None = None) -> tuple[list[Submission], list[Skipped]]:
    """Every notebook under `paths`; raises PathNotFound for a path that does not exist. A path
    given itself is followed if it is a link (the user named it); nothing under it is.
    `layout`: the LMS layout every root follows (grader/layouts.py), else recognised per root."""
    found: list[Submission | Skipped] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise PathNotFound(readable(given))
        if path.is_dir():
            found.extend(_from_folder(str(path), assignments, fallback, layout))
        elif path.suffix.lower() == ".zip":
            found.extend(_from_zip(given, readable(given), None, assignments, fallback, layout))
        else:
            origin = layouts.timed(layouts.plain(PurePosixPath(readable(path.name))),
                                   file_time=layout_io.modified(given))
            found.append(_found(readable(path.stem), readable(given), Source(os.path.realpath(given)),
                                assignments, fallback, origin))
    submissions, skipped, first = [], [], {}
    for f in found:
        if isinstance(f, Skipped):
            skipped.append(f)
            continue
        where = _identity(f)
        if where in first:  # given paths that overlap (`grade subs subs/kim`): the first find counts
            skipped.append(Skipped(f.path, say("skip.twice", path=first[where])))
        else:
            first[where] = f.path
            submissions.append(f)
    return submissions, skipped


def _identity(submission: Submission) -> tuple:
    """What a submission's bytes are, whichever given path found it: the file's real path (and
    its member in a zip)."""
    source = submission.source
    if source is None:
        return ("path", submission.path)
    return os.path.realpath(source.file), source.member, source.inner
