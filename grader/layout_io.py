"""Discover stage, LMS layouts read from disk: a folder's or a zip's files handed to
grader/layouts.py with a reader of their small metadata files, and the times they carry."""

from __future__ import annotations

import os
import zipfile
from pathlib import PurePosixPath

from grader import archive
from grader.layouts import GRADESCOPE_METADATA, NBGRADER_TIMESTAMP, Layout, detect
from grader.messages import say
from grader.names import readable

MAX_METADATA_BYTES = 16 * 1024 * 1024


def metadata_reason(relative: PurePosixPath, layout: Layout) -> str | None:
    """Why a file that is not graded was read all the same (the layout's metadata), or None."""
    if layout.name == "gradescope" and relative.name == GRADESCOPE_METADATA:
        return say("skip.gradescope_metadata")
    if layout.name == "nbgrader" and relative.name == NBGRADER_TIMESTAMP:
        return say("skip.nbgrader_time")
    return None


def modified(path: str) -> float | None:
    """A file's modification time, its link's own when it is one (links are never followed)."""
    try:
        return os.lstat(path).st_mtime
    except OSError:
        return None


def _read_small(path: str) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        return f.read(MAX_METADATA_BYTES)


def folder_layout(root: str, files: list[str], forced: str | None) -> Layout:
    """The layout of a folder's regular `files` (OS paths under `root`)."""
    by_relative = {PurePosixPath(readable(os.path.relpath(f, root))): f for f in files}
    return detect(list(by_relative), lambda p: _read_small(by_relative[p]) if p in by_relative else None, forced,
                  readable(os.path.basename(os.path.abspath(root))), _clones(root, files))


def _clones(root: str, files: list[str]) -> frozenset[PurePosixPath]:
    """The folders one or two levels under `root` that are git clones (hold a `.git` folder)."""
    found = set()
    for f in files:
        parts = os.path.relpath(f, root).split(os.sep)[:-1]
        for depth in (1, 2):
            folder = os.path.join(root, *parts[:depth])
            if len(parts) >= depth and os.path.isdir(os.path.join(folder, ".git")) and not os.path.islink(folder):
                found.add(PurePosixPath(readable(os.path.relpath(folder, root))))
    return frozenset(found)


def zip_layout(path: str, members: list[archive.Member], forced: str | None) -> tuple[Layout, dict[int, tuple]]:
    """The layout of a zip's members, and each member's time (`ZipInfo.date_time`) by index."""
    by_inner = {m.inner: m.index for m in members if not m.link}

    def read(p: PurePosixPath) -> bytes | None:
        try:
            return archive.read_member(path, by_inner[p]) if p in by_inner else None
        except archive.ArchiveProblem:
            return None
    try:
        with zipfile.ZipFile(path) as zf:
            times = {i: info.date_time for i, info in enumerate(zf.infolist())}
    except archive.ZIP_ERRORS:
        times = {}
    return detect(list(by_inner), read, forced), times
