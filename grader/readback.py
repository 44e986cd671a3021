"""Read-back stage: load what the kernel wrote as plain data, never trusting it.

Files are opened without following symlinks, must be regular and small enough, npy headers are
checked before any data is read, and nothing is ever unpickled.
"""

from __future__ import annotations

import json
import math
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from grader.errors import GraderError
from grader.messages import say

MAX_JSON_BYTES = 512 * 1024
"""A report of the kernel's harness: its largest (a 20000-character traceback and a 2000-character
message, every character escaped as a surrogate pair) is some 270 KB."""
JSON_EXPANSION = 32
"""What a byte of JSON may cost once parsed, at most (`{},` is 3 bytes and a 64-byte dict, in a
list): a report is charged this many times its size to the submission's ReadBudget."""
MAX_ARRAY_BYTES = 256 * 1024 * 1024
ALLOWED_KINDS = "biufc"


@dataclass
class ReadBudget:
    """What may still be read back from one submission's kernel, in bytes: every output it
    wrote is charged here, so a kernel cannot make the grader hold more than this."""

    left: int = 512 * 1024 * 1024


class UnsafeOutput(GraderError):
    """What the kernel wrote is not plain data the grader can accept; the message says why."""


UNSAFE_KEYS = ("unsafe.folder", "unsafe.not_written", "unsafe.cannot_open", "unsafe.not_regular", "unsafe.too_big",
               "unsafe.not_json", "unsafe.not_npy", "unsafe.dtype", "unsafe.declares", "unsafe.unreadable",
               "unsafe.not_plain", "unsafe.response")
"""The catalogue keys of UnsafeOutput's reasons: made in English, said in the student's language
where the check's message is made (grader/compare.py)."""


def open_folder(path: Path | str, dir_fd: int | None = None) -> int:
    """A descriptor of a folder, refusing symlinks; later reads through it cannot be redirected
    by renaming or replacing the folder."""
    try:
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
    except OSError as exc:
        raise UnsafeOutput(say("unsafe.folder", file=Path(path).name, why=exc.strerror)) from None


def _open_regular(path: Path, max_bytes: int, dir_fd: int | None = None):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except FileNotFoundError:
        raise UnsafeOutput(say("unsafe.not_written", file=Path(path).name)) from None
    except OSError as exc:
        raise UnsafeOutput(say("unsafe.cannot_open", file=Path(path).name, why=exc.strerror)) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise UnsafeOutput(say("unsafe.not_regular", file=Path(path).name))
    if info.st_size > max_bytes:
        os.close(fd)
        raise UnsafeOutput(say("unsafe.too_big", file=Path(path).name, size=info.st_size, most=max_bytes))
    return os.fdopen(fd, "rb")


def read_json(path: Path, max_bytes: int = MAX_JSON_BYTES, dir_fd: int | None = None,
              budget: ReadBudget | None = None) -> Any:
    """Parse a small JSON file the kernel wrote (`path` relative to `dir_fd` when given); with
    `budget`, what parsing may cost in memory (JSON_EXPANSION) must fit in it and is charged."""
    if budget is not None:
        max_bytes = min(max_bytes, max(0, budget.left) // JSON_EXPANSION)
    with _open_regular(path, max_bytes, dir_fd) as f:
        raw = f.read(max_bytes + 1)
    if budget is not None:
        budget.left -= JSON_EXPANSION * len(raw)
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise UnsafeOutput(say("unsafe.not_json", file=Path(path).name, why=type(exc).__name__)) from None


def _read_header(f) -> tuple[tuple[int, ...], np.dtype]:
    version = np.lib.format.read_magic(f)
    if version == (1, 0):
        shape, _, dtype = np.lib.format.read_array_header_1_0(f)
    elif version == (2, 0):
        shape, _, dtype = np.lib.format.read_array_header_2_0(f)
    else:
        raise ValueError(f"unsupported .npy version {version}")
    return shape, dtype


def read_array(path: Path, max_bytes: int = MAX_ARRAY_BYTES, dir_fd: int | None = None) -> np.ndarray:
    """Load one .npy of a numeric dtype after checking its header; never unpickles."""
    with _open_regular(path, max_bytes, dir_fd) as f:
        try:
            shape, dtype = _read_header(f)
        except (ValueError, SyntaxError, TypeError) as exc:
            raise UnsafeOutput(say("unsafe.not_npy", file=Path(path).name, why=exc)) from None
        if dtype.hasobject or dtype.kind not in ALLOWED_KINDS or dtype.fields is not None:
            raise UnsafeOutput(say("unsafe.dtype", file=Path(path).name, dtype=dtype))
        if not all(0 <= d <= max_bytes for d in shape):  # numpy counts elements in 64 bits
            raise UnsafeOutput(say("unsafe.not_npy", file=Path(path).name, why="a dimension is negative or too large"))
        if math.prod(shape) * dtype.itemsize > max_bytes:
            raise UnsafeOutput(say("unsafe.declares", file=Path(path).name, shape=shape, dtype=dtype,
                                   kib=math.prod(shape) * dtype.itemsize // 1024))
        f.seek(0)
        try:
            array = np.lib.format.read_array(f, allow_pickle=False)
        except (ValueError, OverflowError, OSError) as exc:
            raise UnsafeOutput(say("unsafe.unreadable", file=Path(path).name, why=exc)) from None
    if type(array) is not np.ndarray:
        raise UnsafeOutput(say("unsafe.not_plain", file=Path(path).name))
    return array
