"""Discover stage, archives: a zip's members listed and read within limits, links never restored.

Limits are checked against the archive's central directory before anything is inflated: how
many members, how many bytes its notebooks inflate to in all (past the limit, a bomb only: far
more than they take in the archive), and each notebook's own size (a
member lying about its size is cut at the size it declared, zipfile's own rule). A member
stored as a symbolic link is listed, never read: `unzip` would restore it as a link. A zip
stored in an archive (one level, no deeper) is read into memory and listed within the same limits.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from grader.messages import say
from grader.names import member_name

MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 20_000
"""Members of one archive (a class's LMS download: a few files per student)."""
MAX_INFLATED_BYTES = 2 * 1024 ** 3
"""What an archive's notebooks inflate to, all together (each is read only when graded)."""
MAX_RATIO = 100
"""Past MAX_INFLATED_BYTES, an archive is refused only when its notebooks inflate to more than
this many times the bytes they take in it (a bomb); a big class's notebooks with their plots
compress a few times at most, and are read one at a time, each capped."""
MAX_NESTED_BYTES = 256 * 1024 * 1024
"""A zip inside an archive (a student's upload in a class's download): read into memory whole."""
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error, RuntimeError,
              NotImplementedError, ValueError)
"""What zipfile raises on a broken, encrypted or unsupported archive or member."""


class ArchiveProblem(Exception):
    """The archive as a whole cannot be used; `reason` says why (it becomes the upload's result)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Member:
    """One member of an archive, as the discover stage sees it."""

    index: int
    """Its place in the archive's list of members (names may repeat; the index does not)."""
    inner: PurePosixPath
    """Its readable path inside the archive, made relative (no leading `/`, no `..`)."""
    size: int
    """The size it declares, inflated."""
    link: bool
    """Stored as a symbolic link."""


def _relative(name: str) -> PurePosixPath:
    """An archive member's path made relative: no leading slash, no `..`, no drive."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts
             if p not in ("/", "..", ".") and not p.endswith(":")]
    return PurePosixPath(*parts) if parts else PurePosixPath("unnamed")


def _is_link(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def list_members(archive: str | IO[bytes]) -> list[Member]:
    """Every member that is not a folder, with readable names; raises ArchiveProblem when the
    archive is not a zip or breaks a limit (checked before anything is inflated)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except ZIP_ERRORS as exc:
        raise ArchiveProblem(say("archive.unreadable", why=f"{type(exc).__name__}: {exc}")) from None
    if len(infos) > MAX_MEMBERS:
        raise ArchiveProblem(say("archive.members", count=len(infos), most=MAX_MEMBERS))
    members = [Member(i, _relative(member_name(info)), info.file_size, _is_link(info))
               for i, info in enumerate(infos) if not info.is_dir()]
    notebooks = [m for m in members if m.inner.suffix.lower() == ".ipynb" and not m.link]
    inflated = sum(m.size for m in notebooks)
    stored = sum(infos[m.index].compress_size for m in notebooks)
    if inflated > MAX_INFLATED_BYTES and inflated > MAX_RATIO * max(stored, 1):  # a bomb, not a big class
        raise ArchiveProblem(say("archive.inflated", size=inflated, most=MAX_INFLATED_BYTES))
    return members


def too_large(size: int) -> str | None:
    """The reason a notebook of `size` bytes is not read, or None."""
    return say("archive.too_large", size=size, most=MAX_NOTEBOOK_BYTES) if size > MAX_NOTEBOOK_BYTES else None


def read_member(archive: str | IO[bytes], index: int, most: int | None = None) -> bytes:
    """The bytes of member `index`, at most `most` (MAX_NOTEBOOK_BYTES); raises ArchiveProblem."""
    most = MAX_NOTEBOOK_BYTES if most is None else most
    try:
        with zipfile.ZipFile(archive) as zf:
            info = zf.infolist()[index]
            if info.file_size > most:
                raise ArchiveProblem(say("archive.too_large", size=info.file_size, most=most))
            with zf.open(info) as member:
                data = member.read(most + 1)
    except ZIP_ERRORS + (IndexError,) as exc:
        raise ArchiveProblem(say("archive.member", why=f"{type(exc).__name__}: {exc}")) from None
    if len(data) > most:
        raise ArchiveProblem(say("archive.more_than", most=most))
    return data


def nested(archive: str, index: int) -> IO[bytes]:
    """The zip stored as member `index` of `archive` (a student's upload inside a class's
    download), in memory, at most MAX_NESTED_BYTES; raises ArchiveProblem."""
    return io.BytesIO(read_member(archive, index, MAX_NESTED_BYTES))


def read_nested(archive: str, index: int, inner: int) -> bytes:
    """The bytes of member `inner` of the zip stored as member `index` of `archive`."""
    return read_member(nested(archive, index), inner)


def class_folders(notebooks: list[PurePosixPath], same_assignment: bool) -> bool:
    """Whether an archive found under a root holds a class rather than one student's upload: its
    notebooks lie under two or more top-level folders, or all lie at its top and two or more of
    them are the same assignment (`same_assignment`: named after students, not assignments)."""
    tops = {p.parts[0] for p in notebooks if len(p.parts) > 1}
    if len(tops) >= 2:
        return True
    return not tops and len(notebooks) >= 2 and same_assignment
