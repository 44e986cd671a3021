"""Store stage: the SQLite gradebook in the output folder, one transaction per graded notebook.

A result is kept under its key (path, notebook hash, assignment, rubric hash, grader version,
a digest of the secret its hidden cases came from); a later run finds it there and does not
grade that notebook again. The key covers everything that can change a verdict: the rubric hash
takes in the reference, the known-mistake module and the time limits; the grader version takes
in a digest of the grader's own code, the messages' language, the kernels' resource limits and
the isolation level. The database runs in WAL mode, so a batch killed at any moment loses only
the notebooks still being graded.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import grader

from grader import __version__
from grader.discover import Submission
from grader.errors import GraderError, StaleReview, UsageError
from grader.results import Override, SubmissionResult
from grader.rubric import Assignment

GRADEBOOK_FILE = "gradebook.sqlite"
LOCK_TIMEOUT = 30.0
"""Seconds a write waits for another run (or program) holding the gradebook."""
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS graded (
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    assignment TEXT NOT NULL,
    rubric_sha256 TEXT NOT NULL,
    grader_version TEXT NOT NULL,
    seed INTEGER NOT NULL,
    student TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    seconds REAL NOT NULL,
    graded_at TEXT NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (path, sha256, assignment, rubric_sha256, grader_version, seed)
)
"""


@dataclass(frozen=True)
class GradeKey:
    """What a result depends on: the same key means grading again would give the same result."""

    path: str
    sha256: str
    """Hash of the notebook's bytes."""
    assignment: str
    """The assignment it was graded as ("" when none was found)."""
    rubric_sha256: str
    """Hash of what grades it: rubric file, reference solution, known mistakes and time limits
    (see rubric_hash)."""
    grader_version: str
    """The version, a digest of the grader's code, the language, the limits and the isolation
    (see grader_version)."""
    seed: int
    """A digest of the output folder's secret and the student (grader/seed.py `Secret.digest`),
    never the secret nor a seed; the column keeps its old name."""


def _file_bytes(path: Path | None, absent: bytes) -> bytes:
    if path is None:
        return absent
    try:
        return path.read_bytes()
    except OSError:
        return b"<unreadable>"  # grading will say so; the key must still exist


def rubric_hash(assignment: Assignment | None) -> str:
    """The rubric's own hash combined with its reference solution's bytes, its known-mistake
    module's, its lock's and its effective time limits (which `--cell-timeout`/`--call-timeout`
    change); "" for no assignment."""
    if assignment is None:
        return ""
    h = hashlib.sha256(assignment.rubric_sha256.encode())
    h.update(_file_bytes(assignment.reference, b"<lock only>"))
    for extra in (assignment.mistakes, assignment.lock):
        h.update(hashlib.sha256(_file_bytes(extra, b"<none>")).digest())
    h.update(f"{assignment.cell_timeout}:{assignment.notebook_timeout}:{assignment.call_timeout}".encode())
    if assignment.submission_timeout is not None:
        h.update(f":{assignment.submission_timeout}".encode())
    return h.hexdigest()


def code_digest(root: Path | None = None) -> str:
    """A digest of every file of the grader package (or of the copy at `root`): code, kernel
    side, templates, messages. A grader fixed mid-semester grades again instead of reusing its
    old verdicts. Computed once per process for the package itself."""
    return _package_digest() if root is None else _digest(root)


@functools.cache
def _package_digest() -> str:
    return _digest(Path(grader.__file__).parent)


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix not in (".pyc", ".pyo")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def environment_of(sandbox) -> str:
    """The isolation level and the kernels' resource limits, as a grader version part."""
    limits = ",".join(f"{k}={v}" for k, v in sorted(dataclasses.asdict(sandbox.limits).items()))
    return f"{sandbox.level}[{limits}]"


def grader_version(lang: str = "en", environment: str = "") -> str:
    """`0.1.0+<code digest>`, then `+<lang>` for a language other than English and
    `+<environment>` (see environment_of) when given."""
    version = f"{__version__}+{code_digest()[:16]}"
    return version + (f"+{lang}" if lang != "en" else "") + (f"+{environment}" if environment else "")


def key_of(submission: Submission, assignments: dict[str, Assignment], seed: int, lang: str = "en",
           environment: str = "") -> GradeKey:
    """The gradebook key (see GradeKey); `seed` is the secret's digest for this student
    (`Secret.digest`); `environment`: the kernels' isolation and limits (environment_of)."""
    assignment = assignments.get(submission.assignment) if submission.assignment else None
    return GradeKey(submission.path, submission.sha256, submission.assignment or "",
                    rubric_hash(assignment), grader_version(lang, environment), seed)


class _Damaged(sqlite3.DatabaseError):
    """The gradebook's pages are damaged (PRAGMA quick_check)."""


class Gradebook:
    """The gradebook of one output folder; only the coordinator process opens it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(path, timeout=LOCK_TIMEOUT, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
            self._check_schema()
        except sqlite3.OperationalError as exc:  # locked, read-only, I/O: the file is fine, never "delete it"
            busy = "locked" in str(exc) or "busy" in str(exc)
            raise UsageError.of("error.gradebook_busy" if busy else "error.gradebook_open", path=path, why=exc) from None
        except _Damaged as exc:
            raise UsageError.of("error.gradebook_damaged", path=path, why=exc) from None
        except sqlite3.DatabaseError as exc:
            raise UsageError.of("error.gradebook_unreadable", path=path, why=exc) from None

    def _check_schema(self) -> None:
        try:
            (ok,) = self._db.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as exc:
            ok = str(exc)
        if ok != "ok" and "file is not a database" not in ok:  # damaged pages: say so now, not mid-run
            raise _Damaged(ok)
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:  # a newer grader's: keep it, whatever else
            raise UsageError.of("error.gradebook_newer", path=self.path, version=version, expected=SCHEMA_VERSION)
        if version not in (0, SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"gradebook format {version}, expected {SCHEMA_VERSION}")
        self._db.execute(_SCHEMA)
        self._db.executescript(_REVIEW_SCHEMA)
        for table, columns in _expected_columns().items():  # an older grader's tables, or another tool's
            found = [row[1] for row in self._db.execute(f"PRAGMA table_info({table})")]
            if found != columns:
                raise sqlite3.DatabaseError(f"table {table} has columns {', '.join(found)}, expected {', '.join(columns)}")
        self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def lookup(self, key: GradeKey) -> SubmissionResult | None:
        """The result kept under `key`, or None."""
        row = self._db.execute(
            "SELECT result, seconds FROM graded WHERE path=? AND sha256=? AND assignment=? "
            "AND rubric_sha256=? AND grader_version=? AND seed=?", _key_values(key)).fetchone()
        if row is None:
            return None
        return SubmissionResult.from_json(json.loads(row[0]), seconds=row[1])

    def record(self, key: GradeKey, result: SubmissionResult) -> None:
        """Keep `result` under `key` in one committed transaction (replacing an older one)."""
        values = (*_key_values(key), result.student, result.status, result.score, result.max_score,
                  result.seconds, time.strftime("%Y-%m-%dT%H:%M:%S%z"), json.dumps(result.to_json()))
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("INSERT OR REPLACE INTO graded VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", values)
        except sqlite3.OperationalError as exc:  # disk full, read-only, locked past the timeout
            raise GraderError.of("error.gradebook_write", path=self.path, why=exc) from None

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM graded").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Gradebook":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@functools.cache
def _expected_columns() -> dict[str, list[str]]:
    """Each table of the gradebook and its columns, as this grader makes them."""
    db = sqlite3.connect(":memory:")
    db.execute(_SCHEMA)
    db.executescript(_REVIEW_SCHEMA)
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    columns = {t: [row[1] for row in db.execute(f"PRAGMA table_info({t})")] for t in tables}
    db.close()
    return columns


def _key_values(key: GradeKey) -> tuple:
    return (key.path, key.sha256, key.assignment, key.rubric_sha256, key.grader_version, key.seed)


# --- TA reviews (grade review): decisions kept apart from the automatic results -----------------
# A decision is kept per submission (path, assignment) and item, never under a grading key, so
# no regrade replaces it; `version` counts its writes (optimistic concurrency between TAs).
# `current` holds the automatic results of the folder's last run, `notebooks` their code cells.

_REVIEW_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    path TEXT NOT NULL, assignment TEXT NOT NULL,
    kind TEXT NOT NULL,                  -- check | manual | submission
    item TEXT NOT NULL,                  -- check id, manual item name, or '' (the submission)
    score REAL, comment TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL,
    auto_status TEXT, auto_score REAL,
    version INTEGER NOT NULL,
    active INTEGER NOT NULL,             -- 0: the decision was withdrawn (its version counts on)
    PRIMARY KEY (path, assignment, kind, item)
);
CREATE TABLE IF NOT EXISTS review_log (
    path TEXT NOT NULL, assignment TEXT NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL,
    score REAL, comment TEXT, by TEXT NOT NULL, at TEXT NOT NULL,
    auto_status TEXT, auto_score REAL, version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS current (position INTEGER PRIMARY KEY, result TEXT NOT NULL, seconds REAL NOT NULL);
CREATE TABLE IF NOT EXISTS current_run (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notebooks (sha256 TEXT PRIMARY KEY, cells TEXT NOT NULL);
"""
REVIEW_KINDS = ("check", "manual", "submission")


@dataclass(frozen=True)
class Review:
    """One kept decision: which item of which submission, the decision, and its write count."""

    path: str
    assignment: str
    kind: str
    """"check", "manual" or "submission"."""
    item: str
    """The check id, the manual item's name, or "" for the submission."""
    override: Override | None
    """None: no decision (never made, or withdrawn)."""
    version: int
    """0 before the first write; a writer must name the version it saw."""


def reviews(book: Gradebook) -> list[Review]:
    """Every item a decision was ever kept for (withdrawn ones with override None)."""
    rows = book._db.execute("SELECT path, assignment, kind, item, score, comment, by, at, auto_status, "
                            "auto_score, version, active FROM reviews ORDER BY path, assignment, kind, item")
    return [Review(*row[:4], Override(*row[4:10]) if row[11] else None, row[10]) for row in rows]


def save_review(book: Gradebook, review: Review) -> Review:
    """Keep `review.override` (None withdraws it) if the item is still at `review.version`;
    returns the kept review, one version on. Raises StaleReview with the newer one otherwise."""
    where = (review.path, review.assignment, review.kind, review.item)
    with book._db:
        book._db.execute("BEGIN IMMEDIATE")
        row = book._db.execute("SELECT score, comment, by, at, auto_status, auto_score, version, active "
                               "FROM reviews WHERE path=? AND assignment=? AND kind=? AND item=?", where).fetchone()
        newest = row[6] if row else 0
        if newest != review.version:
            kept = Override(*row[:6]) if row and row[7] else None
            raise StaleReview(dataclasses.replace(review, override=kept, version=newest))
        o = review.override or Override(None, "", "", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        values = (*where, o.score, o.comment, o.by, o.at, o.auto_status, o.auto_score, newest + 1)
        book._db.execute("INSERT OR REPLACE INTO reviews VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                         (*values, review.override is not None))
        book._db.execute("INSERT INTO review_log VALUES (?,?,?,?,?,?,?,?,?,?,?)", values)
    return dataclasses.replace(review, version=newest + 1)


def keep_current(book: Gradebook, results, lang: str, skipped, cells: dict[str, list[str]]) -> None:
    """The folder's last run, for `grade review`: its automatic results in order, its
    language and skipped files, and the code cells of its notebooks (by sha256)."""
    run = {"lang": lang, "skipped": [[s.path, s.reason] for s in skipped]}
    try:
        with book._db:
            book._db.execute("BEGIN IMMEDIATE")
            book._db.execute("DELETE FROM current")
            book._db.executemany("INSERT INTO current VALUES (?, ?, ?)",
                                 [(i, json.dumps(r.to_json()), r.seconds) for i, r in enumerate(results)])
            book._db.executemany("INSERT OR REPLACE INTO current_run VALUES (?, ?)",
                                 [(k, json.dumps(v)) for k, v in run.items()])
            book._db.executemany("INSERT OR IGNORE INTO notebooks VALUES (?, ?)",
                                 [(sha, json.dumps(c)) for sha, c in cells.items()])
    except sqlite3.OperationalError as exc:  # disk full, read-only: the graded results stay kept
        raise GraderError.of("error.gradebook_write", path=book.path, why=exc) from None


def current(book: Gradebook) -> tuple[list[SubmissionResult], dict]:
    """The last run's automatic results and its settings (lang, skipped); ([], {}) if none."""
    results = [SubmissionResult.from_json(json.loads(r), seconds=seconds)
               for r, seconds in book._db.execute("SELECT result, seconds FROM current ORDER BY position")]
    run = {k: json.loads(v) for k, v in book._db.execute("SELECT name, value FROM current_run")}
    return results, run


def notebook_cells(book: Gradebook, sha256: str) -> list[str] | None:
    """The code cells of the notebook with this hash, as submitted; None if not kept."""
    row = book._db.execute("SELECT cells FROM notebooks WHERE sha256=?", (sha256,)).fetchone()
    return json.loads(row[0]) if row else None


def graded_notebooks(book: Gradebook) -> set[tuple[str, str, str, str]]:
    """(path, sha256, assignment, student) of every notebook the gradebook holds a result of."""
    return set(book._db.execute("SELECT DISTINCT path, sha256, assignment, student FROM graded"))
