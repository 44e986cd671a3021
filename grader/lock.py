"""Lock files of the students' distribution: expected values as salted, stretched hashes.

A lock says whether a value is the expected one without holding the value (as okpy locks its
tests). Each entry is PBKDF2-SHA256 of the value's canonical JSON, salted with the lock's
per-build salt and the entry's key (so equal values under different keys hash differently).
Locks are written at build time from the course's real references (grader/student_dist.py)
and read by grader/checks/locked.py; they are never committed.

    {"format": 1, "assignment": "alexnet_params", "salt": "<hex>", "iterations": 10000,
     "locked": ["Conv_1", ...],            graded names the lock judges
     "templated": ["layers/row/8/...", ...], entries whose value had the class count replaced
     "entries": {"Conv_1": "<hex>", "layers/row/1/type": "<hex>", ...}}

The values themselves are small (a parameter count, a layer's padding): a student who tries
every candidate can find them, as with okpy's locks. The stretching makes that slow, not
impossible; the lock keeps answers out of sight, it is not a secret store.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from grader.errors import RubricError

FORMAT = 1
ITERATIONS = 10_000
CLASSES = "classes"
"""What a templated entry's class count is replaced with before hashing."""


def canonical(value: Any) -> str:
    """The value as compact, key-sorted JSON, tuples as lists (kernel data arrives as lists)."""
    def plain(v: Any) -> Any:
        if isinstance(v, (list, tuple)):
            return [plain(i) for i in v]
        if isinstance(v, dict):
            return {str(k): plain(i) for k, i in v.items()}
        return v
    return json.dumps(plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def with_classes(value: Any, classes: int) -> Any:
    """The value with every integer equal to `classes` replaced by the CLASSES marker."""
    if isinstance(value, (list, tuple)):
        return [with_classes(v, classes) for v in value]
    return CLASSES if type(value) is int and value == classes else value


def digest(salt: bytes, key: str, value: Any, iterations: int = ITERATIONS) -> str:
    return hashlib.pbkdf2_hmac("sha256", canonical(value).encode(), salt + b"\0" + key.encode(), iterations).hex()


@dataclass(frozen=True)
class Lock:
    """A read lock file: which keys it holds and whether a value matches one."""

    assignment: str
    salt: bytes
    iterations: int
    locked: tuple[str, ...]
    """Graded names the lock judges; the others of a locked kind are left to the course staff."""
    entries: Mapping[str, str]
    templated: frozenset[str] = frozenset()

    def has(self, key: str) -> bool:
        return key in self.entries

    def matches(self, key: str, value: Any, classes: int | None = None) -> bool:
        """Whether `value` is the locked one; a templated entry first gets `classes` replaced."""
        if key not in self.entries:
            return False
        if key in self.templated and classes is not None:
            value = with_classes(value, classes)
        return secrets.compare_digest(digest(self.salt, key, value, self.iterations), self.entries[key])


def build(assignment: str, values: Mapping[str, Any], locked: list[str], templated: set[str],
          salt: bytes | None = None) -> dict:
    """The lock document of `values` (key -> expected value, class counts already replaced in
    the `templated` keys), with a fresh salt unless one is given."""
    salt = secrets.token_bytes(16) if salt is None else salt
    return {"format": FORMAT, "assignment": assignment, "salt": salt.hex(), "iterations": ITERATIONS,
            "locked": sorted(locked), "templated": sorted(templated),
            "entries": {key: digest(salt, key, value) for key, value in sorted(values.items())}}


def write(path: Path, document: dict) -> None:
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read(path: Path) -> Lock:
    """The lock at `path`; RubricError when it is missing or malformed (a packaging fault)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise RubricError.of("rubric.lock_format", path=path, got=repr(data.get("format")), expected=FORMAT)
        return Lock(assignment=data["assignment"], salt=bytes.fromhex(data["salt"]),
                    iterations=int(data["iterations"]), locked=tuple(data["locked"]),
                    entries=dict(data["entries"]), templated=frozenset(data.get("templated", ())))
    except RubricError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RubricError.of("rubric.lock_unreadable", path=path, why=repr(exc)) from exc
