"""Score stage, hidden cases: the output folder's secret, and each submission's seed drawn from it.

The secret (SECRET_FILE, 32 random bytes, mode 0600, created once) is never printed. A
submission's hidden inputs come from HMAC-SHA256(secret, student, assignment, notebook hash):
two students never share them, a changed notebook draws new ones, the same notebook the same.
`--seed N` stands for the secret in one run (treat N as a password); the folder's file is left alone.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from grader.errors import UsageError

SECRET_FILE = "secret.key"
_BYTES = 32


@dataclass(frozen=True)
class Secret:
    """The key the hidden cases are derived from; its repr never shows it."""

    key: bytes = field(repr=False)

    def _mac(self, *parts: str) -> int:
        digest = hmac.new(self.key, json.dumps(parts).encode(), hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big") >> 1

    def seed_for(self, submission, assignments: Mapping) -> int:
        """The seed of one submission's hidden cases (0 <= seed < 2**63). The students' wheel
        (public references) draws other, practice cases from the same secret."""
        assignment = assignments.get(submission.assignment) if submission.assignment else None
        references = assignment.references if assignment is not None else ""
        return self._mac("hidden", references, submission.student, submission.assignment or "", submission.sha256)

    def digest(self, student: str) -> int:
        """What the gradebook keys a result with: a digest of the secret and the student (whose
        hidden cases depend on both), from which neither the secret nor a seed follows."""
        return self._mac("gradebook", student)


def given_secret(seed: int) -> Secret:
    """The secret `--seed N` stands for."""
    if seed < 0:
        raise UsageError.of("error.seed_negative", seed=seed)
    return Secret(hashlib.sha256(f"cnn-grader --seed {seed}".encode()).digest())


def _read(path: Path) -> Secret:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        raise UsageError.of("error.secret_unreadable", path=path, why=exc.strerror) from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UsageError.of("error.secret_not_file", path=path)
        if info.st_mode & 0o077:
            raise UsageError.of("error.secret_readable", path=path, mode=f"{info.st_mode & 0o777:o}")
        text = f.read(4 * _BYTES).decode("ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != _BYTES:
        raise UsageError.of("error.secret_damaged", path=path)
    return Secret(key)


def _create(path: Path) -> None:
    """Write a fresh secret to `path` unless one is there: written whole into a 0600 file made
    with O_EXCL (mkstemp), then linked into place, so nobody ever reads half of one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
    try:
        os.fchmod(handle, 0o600)
        os.write(handle, (secrets.token_hex(_BYTES) + "\n").encode())
        os.fsync(handle)
        os.close(handle)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another run drew one first: use theirs
    finally:
        os.unlink(temporary)


def resolve_secret(out: Path, given: int | None) -> Secret:
    """The secret of this run: `--seed` if given, else the one kept in `out`, else a new one kept there."""
    out.mkdir(parents=True, exist_ok=True)
    if given is not None:
        return given_secret(given)
    path = out / SECRET_FILE
    if not os.path.lexists(path):
        _create(path)
    return _read(path)
