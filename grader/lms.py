"""Export stage, back to the LMS: a copy of the gradebook CSV Canvas or Moodle exported, with the
assignment columns filled from the class's gradebook (grader/classbook.py), ready to upload.
When Canvas's `Points Possible` row gives the assignment other points than the rubric, the
score is scaled to them.

Canvas's export: `Student, ID, SIS User ID, SIS Login ID, Section, <Assignment> (<id>), ...`,
a `Points Possible` row, then one row per student. Moodle's (Grades > Export > Plain text
file): `First name, Last name, ID number, Institution, Department, Email address,
Assignment: <name> (Real), ...`. Every other cell, the encoding and the line ends are kept.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from grader.classbook import Classbook, number
from grader.errors import UsageError
from grader.messages import say
from grader.roster import EXCEL_MAGIC, normal

CANVAS_KEYS = ("ID", "SIS User ID", "SIS Login ID")
MOODLE_KEYS = ("ID number", "Email address", "Username")


def _flat(text: str) -> str:
    return re.sub(r"[^0-9a-z가-힣]+", "", text.casefold())


def _encoding(raw: bytes) -> str:
    """The gradebook's encoding: UTF-8 (with or without a BOM), else CP949 (Excel on a Korean
    Windows saves CSV so); kept when the filled copy is written."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            raw.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return "utf-8-sig"


def separator(text: str) -> str:
    """The CSV separator the first line uses most: `,`, `;` (Excel in Korea or Europe) or a tab."""
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def kind(header: list[str]) -> str | None:
    """"canvas", "moodle" or None, from the gradebook's first line."""
    if "Student" in header and "ID" in header and "SIS User ID" in header:
        return "canvas"
    if "Email address" in header:
        return "moodle"
    return None


def check(source: Path, lang: str = "en") -> None:
    """Raise UsageError now, before grading, when `source` is not a Canvas or Moodle gradebook."""
    try:
        raw = source.read_bytes()
        first = raw.decode(_encoding(raw), errors="replace")
        if raw.startswith(EXCEL_MAGIC):
            raise UsageError(say("roster.excel", lang, file=source))
    except OSError as exc:
        raise UsageError(say("lms.unreadable", lang, file=source, reason=exc.strerror or exc)) from None
    if kind(next(csv.reader(io.StringIO(first, newline=""), delimiter=separator(first)), [])) is None:
        raise UsageError(say("lms.unknown", lang, file=source))


def _scale(rows: list[list[str]], index: int, maximum: float) -> float:
    """Canvas's points possible for the column over the rubric's maximum (1 when either is unknown)."""
    for row in rows[1:3]:
        if row and row[0].strip() == "Points Possible" and index < len(row):
            try:
                points = float(row[index])
            except ValueError:
                return 1.0
            return points / maximum if maximum > 0 and points > 0 else 1.0
    return 1.0


def column(header: list[str], assignment: str, named: str | None) -> int | None:
    """The column of `assignment`: the one course.toml names (with or without Canvas's ` (id)`),
    else the first whose name holds the assignment's name."""
    if named:
        for i, h in enumerate(header):
            if h == named or re.sub(r"\s*\(\d+\)$", "", h) == named:
                return i
        return None
    wanted = _flat(assignment)
    return next((i for i, h in enumerate(header) if wanted and wanted in _flat(h)), None)


def _student_keys(book: Classbook) -> dict[str, str]:
    """Normalised key -> the student id of grades.csv (roster keys and the layout's keys)."""
    keys: dict[str, str] = {}
    if book.roster is not None:
        for s in book.roster.students:
            for k in s.keys:
                keys.setdefault(k, s.id)
    for e in book.entries:
        if book.roster is None or e.on_roster:
            for k in (*e.keys, normal(e.student)):
                keys.setdefault(k, e.student)
    return keys


def fill(source: Path, book: Classbook, columns: dict[str, str], out: Path, lang: str = "en") -> tuple[Path, list[str]]:
    """Write the filled copy of the gradebook `source` into the folder `out`; returns its path
    and the problems met (an assignment without a column). Raises UsageError when the file is
    not a Canvas or Moodle gradebook."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise UsageError(say("lms.unreadable", lang, file=source, reason=exc.strerror or exc)) from None
    bom = raw.startswith(b"\xef\xbb\xbf")
    encoding = _encoding(raw)
    text = raw.decode(encoding, errors="replace")
    newline = "\r\n" if "\r\n" in text else "\n"
    delimiter = separator(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    which = kind(rows[0]) if rows else None
    if which is None:
        raise UsageError(say("lms.unknown", lang, file=source))
    header, problems, targets = rows[0], [], {}
    for a in book.assignments:
        found = column(header, a, columns.get(a))
        if found is None:
            problems.append(say("lms.no_column", lang, file=source.name, assignment=a))
        else:
            targets[a] = found
    keyed = [header.index(k) for k in (CANVAS_KEYS if which == "canvas" else MOODLE_KEYS) if k in header]
    students, filled = _student_keys(book), 0
    scale = {a: _scale(rows, i, book.maxima.get(a, 0.0)) for a, i in targets.items()}
    for line, row in enumerate(rows[1:], start=2):
        found = {students[normal(row[i])] for i in keyed if i < len(row) and normal(row[i]) in students}
        if len(found) > 1:  # Canvas's own ID of one student is another's student number: fill neither
            problems.append(say("lms.two_students", lang, file=source.name, line=line, row=row[0],
                                students=", ".join(sorted(found))))
        if len(found) != 1:
            continue
        sid = found.pop()
        filled += 1
        for a, i in targets.items():
            value = book.cell(sid, a)
            if value is not None and i < len(row):
                row[i] = number(value * scale[a] if scale[a] != 1.0 else value)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline, delimiter=delimiter).writerows(rows)
    target = out / f"{source.stem}.filled.csv"
    target.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding.removesuffix("-sig"), errors="replace"))
    print(say("lms.written", lang, file=target, rows=filled, columns=len(targets)), flush=True)
    return target, problems
