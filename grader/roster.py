"""Roster: the class list (`--roster roster.csv`) and which roster row a submission is.

Columns `id`, `name`, `email`, optional `login`, `github`, `sid` (others ignored; `학번`, `이름`
or `성명`, `이메일` are read as `id`, `name`, `email`). A submission
matches a row when one of its layout's keys (grader/layouts.py) equals the row's id, email,
login, github or sid, else when its full name equals the row's name. A bad row is named with
its line and left out; the rest of the roster is used.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from grader.errors import UsageError
from grader.layouts import Origin
from grader.messages import say

KEY_COLUMNS = ("id", "email", "login", "github", "sid")
EXCEL_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
"""How an Excel workbook begins (.xlsx is a zip, .xls an OLE file): not a CSV file."""
ALIASES = {"학번": "id", "이름": "name", "성명": "name", "이메일": "email", "전자우편": "email"}
"""Column names of a Korean university portal's class list, read as the English ones."""


@dataclass(frozen=True)
class Student:
    """One roster row."""

    id: str
    name: str
    email: str
    line: int
    """Its line in the roster file (the header is line 1)."""
    keys: tuple[str, ...]
    """Its id, email, login, github and sid, normalised (see `normal`)."""


@dataclass(frozen=True)
class Roster:
    students: tuple[Student, ...]
    problems: tuple[str, ...] = ()
    file: str = "roster.csv"


def normal(value: str) -> str:
    """A key or name as compared: case, repeated spaces and Unicode's form (macOS's decomposed
    Korean) do not matter."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip().casefold()


def _text(path: Path, lang: str = "en") -> str:
    """The roster's text: UTF-16 with its BOM (Excel's "Unicode text"), else UTF-8, else CP949."""
    data = path.read_bytes()
    if data.startswith(EXCEL_MAGIC):
        raise UsageError(say("roster.excel", lang, file=path))
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp949")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError(say("roster.encoding", lang, file=path))


def read_roster(path: str, lang: str = "en") -> Roster:
    """The roster at `path`; raises UsageError when it cannot be read or has no key column."""
    file = Path(path)
    try:
        text = _text(file, lang)
    except OSError as exc:
        raise UsageError(say("roster.unreadable", lang, file=path, reason=exc.strerror or exc)) from None
    first = text.split("\n", 1)[0]
    separator = max((",", ";", "\t"), key=first.count)  # Excel in Korea or Europe: ";", Unicode text: tab
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = [ALIASES.get(normal(h), normal(h)) for h in next(reader, [])]
    if not set(header) & set(KEY_COLUMNS):
        raise UsageError(say("roster.no_key_column", lang, file=path, columns=", ".join(KEY_COLUMNS)))
    students, problems, ids = [], [], {}
    for row in reader:
        number = reader.line_num  # a quoted line break makes a row two lines
        cells = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        if not any(row):
            continue
        keys = [cells.get(k, "") for k in KEY_COLUMNS]
        if not any(keys):
            problems.append(say("roster.no_key", lang, file=file.name, line=number, columns=", ".join(KEY_COLUMNS)))
            continue
        sid = next(k for k in keys if k)
        if normal(sid) in ids:
            problems.append(say("roster.duplicate", lang, file=file.name, line=number, id=sid, first=ids[normal(sid)]))
            continue
        ids[normal(sid)] = number
        students.append(Student(sid, cells.get("name", ""), cells.get("email", ""), number,
                                tuple(normal(k) for k in keys if k)))
    return Roster(tuple(students), tuple(problems), file.name)


def match(roster: Roster, origin: Origin, student: str) -> tuple[Student | None, list[Student]]:
    """The roster row of a submission (`student`: the id discovery gave it), and every row it
    matches when that is more than one (then none is chosen)."""
    wanted = {normal(k) for k in (*origin.keys, student) if k}
    found = [s for s in roster.students if wanted & set(s.keys)]
    if not found and origin.name:
        found = [s for s in roster.students if s.name and normal(s.name) == normal(origin.name)]
    if len(found) == 1:
        return found[0], found
    return None, found
