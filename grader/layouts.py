"""Discover stage, LMS layouts: whose a notebook is, read from the folder layout an LMS exports.

Recognised without flags (or forced with `--layout NAME`): Canvas bulk downloads, Moodle
assignment downloads, Gradescope exports, GitHub Classroom clones, nbgrader's `submitted/`
folder, and the plain layout (first folder, else the file's stem). Each gives the student's id,
the keys a roster row is matched by, and the submission time its metadata holds (see README,
"From your LMS", for where each format comes from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import PurePosixPath
from typing import Callable, Iterable


LAYOUTS = ("canvas", "moodle", "gradescope", "github_classroom", "nbgrader", "plain")
GRADESCOPE_METADATA = "submission_metadata.yml"
NBGRADER_TIMESTAMP = "timestamp.txt"

# Canvas (lib/content_zipper.rb): "<sortable name, lowercased, non-word characters removed>
# [_LATE]_<user id>_<attachment id>_<file name>"; a file uploaded again under the same name
# arrives as "<name>-1.ipynb", "<name>-2.ipynb", ...
_CANVAS = re.compile(r"^(?P<login>.+?)(?:_(?P<late>late|LATE))?_(?P<user>\d+)_(?P<file>\d+)_(?P<name>.+)$")
_RESUBMISSION = re.compile(r"-(\d+)$")
# anonymous grading: "[LATE_]anon_<anonymous id>_<attachment id>_<file name>"
_CANVAS_ANONYMOUS = re.compile(r"^(?:(?P<late>LATE)_)?(?P<login>anon_[0-9A-Za-z]+)_(?P<file>\d+)_(?P<name>.+)$")
# Moodle (mod/assign, download all submissions): "<Full Name>_<participant id>_assignsubmission_file_"
_MOODLE = re.compile(r"^(?P<name>.+)_(?P<id>\d+)_assignsubmission_[a-z]+_(?P<rest>.*)$")
_GRADESCOPE = re.compile(r"^submission_(?P<id>\d+)$")

Problem = tuple[str, tuple[tuple[str, object], ...]]
"""A message key of grader/messages and its values (said in the reader's language later)."""
Reader = Callable[[PurePosixPath], "bytes | None"]
"""Reads a small metadata file found beside the notebooks (None when it cannot be read)."""


@dataclass(frozen=True)
class Origin:
    """Who handed a notebook in and when, as the layout it was found in says."""

    layout: str
    student: str
    """The student id the layout gives (replaced by the roster's id when a roster matches)."""
    keys: tuple[str, ...] = ()
    """Values a roster row is matched by (ids, logins, emails, GitHub names)."""
    name: str | None = None
    """The student's full name, matched against the roster only when no key matches."""
    submitted_at: str | None = None
    """ISO 8601 with an offset, from the layout's metadata."""
    late: bool | None = None
    """Canvas's late flag (None: the layout has none)."""
    source: str | None = None
    """What gave the time: "gradescope created_at", "nbgrader timestamp.txt", "canvas late flag"."""
    attempt: int = 0
    """Resubmission number (Canvas's `-N`), ordering submissions of the same time."""
    archive_time: str | None = None
    """The zip member's time (naive ISO: zips keep local time without a zone)."""
    file_time: float | None = None
    """The file's modification time (seconds since the epoch)."""
    problem: Problem | None = None
    """Metadata that could not be read, with its line."""
    partners: tuple["Origin", ...] = ()
    """The other submitters of a group submission (Gradescope), credited with it too."""


@dataclass(frozen=True)
class Layout:
    """A recognised layout: the origin of every notebook under one root."""

    name: str
    origins: dict[PurePosixPath, Origin] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def origin(self, relative: PurePosixPath) -> Origin:
        found = self.origins.get(relative)
        return found if found is not None else plain(relative)


def problem_of(key: str, **values) -> Problem:
    return key, tuple(sorted(values.items()))


def plain(relative: PurePosixPath) -> Origin:
    """Today's rule: the first folder under the root, else the file name's stem."""
    student = relative.parts[0] if len(relative.parts) > 1 else relative.stem
    return Origin("plain", student, (student,))


def _canvas(relative: PurePosixPath) -> Origin | None:
    if len(relative.parts) != 1:
        return None
    match = _CANVAS_ANONYMOUS.match(relative.parts[0]) or _CANVAS.match(relative.parts[0])
    if not match:
        return None
    again = _RESUBMISSION.search(PurePosixPath(match["name"]).stem)
    user = match.groupdict().get("user") or match["login"]
    return Origin("canvas", match["login"], (user, match["login"]), late=match["late"] is not None,
                  source="canvas late flag", attempt=int(again[1]) if again else 0)


def _moodle(relative: PurePosixPath) -> Origin | None:
    match = _MOODLE.match(relative.parts[0])
    if not match:
        return None
    return Origin("moodle", match["name"], (match["id"],), name=match["name"])


def _nbgrader(relative: PurePosixPath, stamps: dict[PurePosixPath, Origin]) -> Origin | None:
    if len(relative.parts) < 3:
        return None
    student = relative.parts[0]
    stamp = stamps.get(PurePosixPath(*relative.parts[:2]))
    base = Origin("nbgrader", student, (student,))
    return replace(base, submitted_at=stamp.submitted_at, source=stamp.source, problem=stamp.problem) if stamp else base


def _github(relative: PurePosixPath, prefix: str) -> Origin | None:
    top = relative.parts[0]
    if len(relative.parts) < 2 or not top.startswith(prefix) or len(top) == len(prefix):
        return None
    user = top[len(prefix):]
    return Origin("github_classroom", user, (user,))


def _github_prefix(tops: set[str], root: str = "", clones: frozenset = frozenset(), forced: bool = False) -> str | None:
    """`<assignment>-` shared by every top folder, when they are GitHub Classroom's: in `gh
    classroom clone student-repos`'s folder (`<assignment>-submissions`, one folder is enough),
    or two or more folders that are each a git clone (or the layout is forced)."""
    cloned = root[:-len("submissions")] if root.endswith("-submissions") else None
    if cloned and tops and all(t.startswith(cloned) and len(t) > len(cloned) for t in tops):
        return cloned
    if len(tops) < 2 or not (forced or all(PurePosixPath(t) in clones for t in tops)):
        return None
    common = tops.pop()
    for top in tops:
        while not top.startswith(common):
            common = common[:-1]
    cut = common.rfind("-")
    return common[:cut + 1] if cut > 0 else None


def nbgrader_time(text: str) -> str:
    """nbgrader's timestamp.txt ("2015-06-13 01:10:32.123456 UTC") as ISO 8601; raises ValueError."""
    text = text.strip()
    utc = text.endswith(" UTC") or text.endswith("Z")
    when = datetime.fromisoformat(text.removesuffix(" UTC").removesuffix("Z"))
    if when.tzinfo is None:  # nbgrader writes UTC
        when = when.replace(tzinfo=timezone.utc)
    elif utc:
        raise ValueError(text)
    return when.isoformat()


def _stamps(files: Iterable[PurePosixPath], read: Reader) -> dict[PurePosixPath, Origin]:
    """nbgrader's `<student>/<assignment>/timestamp.txt`, by `<student>/<assignment>`."""
    stamps = {}
    for f in files:
        if f.name != NBGRADER_TIMESTAMP or len(f.parts) != 3:
            continue
        data = read(f) or b""
        try:
            when = nbgrader_time(data.decode("utf-8"))
            stamps[f.parent] = Origin("nbgrader", f.parts[0], submitted_at=when, source="nbgrader timestamp.txt")
        except (UnicodeDecodeError, ValueError):
            problem = problem_of("layout.timestamp", file=str(f), got=repr(data[:40]))
            stamps[f.parent] = Origin("nbgrader", f.parts[0], problem=problem)
    return stamps


def _gradescope_origins(data: bytes | None) -> tuple[dict[str, Origin], str | None]:
    """The origins `submission_metadata.yml` gives, by folder name, or the problem reading it."""
    import yaml  # only a Gradescope export needs it

    try:
        document = yaml.safe_load(data or b"")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return {}, problem_of("layout.yaml", file=GRADESCOPE_METADATA, line=mark.line + 1 if mark else 1,
                              reason=str(getattr(exc, "problem", None) or exc))
    if not isinstance(document, dict):
        return {}, problem_of("layout.not_mapping", file=GRADESCOPE_METADATA)
    return {str(folder): _gradescope_entry(str(folder), entry) for folder, entry in document.items()}, None


def _scalar(value) -> str | None:
    """A metadata value as text, when it is one (a list or mapping, maybe a "billion laughs" of
    shared aliases that str() would expand, is not a name, an id or a time)."""
    if isinstance(value, (str, int, float, date)) and not isinstance(value, bool) and str(value):
        return str(value)
    return None


def _submitter(person: dict, folder: str) -> tuple[str, tuple[str, ...], str | None]:
    keys = tuple(k for k in (_scalar(person.get(":sid")), _scalar(person.get(":email"))) if k)
    name = _scalar(person.get(":name"))
    return (keys[0] if keys else name or folder), keys, name


def _gradescope_entry(folder: str, entry) -> Origin:
    """One submission of `submission_metadata.yml`: its first submitter, the others of a group
    submission as `partners` (each credited with the same notebook)."""
    entry = entry if isinstance(entry, dict) else {}
    people = [_submitter(p, folder) for p in entry.get(":submitters") or [] if isinstance(p, dict)]
    when = entry.get(":created_at")
    if isinstance(when, datetime):
        when = (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).isoformat()
    when = _scalar(when)
    at = dict(submitted_at=when, source="gradescope created_at" if when else None)
    origins = [Origin("gradescope", student, keys, name=name, **at) for student, keys, name in people]
    if not origins:
        return Origin("gradescope", folder, (folder,), **at)
    return replace(origins[0], partners=tuple(origins[1:]))


def _recognise(name: str, notebooks: list[PurePosixPath], files: list[PurePosixPath], read: Reader,
               root: str = "", clones: frozenset = frozenset(), forced: bool = False) -> Layout | None:
    """The layout `name` of these notebooks, or None when they do not follow it."""
    if not notebooks:
        return None
    if name == "gradescope":
        if PurePosixPath(GRADESCOPE_METADATA) not in files or not all(_GRADESCOPE.match(n.parts[0]) for n in notebooks if len(n.parts) > 1):
            return None
        found, problem = _gradescope_origins(read(PurePosixPath(GRADESCOPE_METADATA)))
        origins = {n: found.get(n.parts[0]) or Origin("gradescope", n.parts[0], (n.parts[0],), problem=problem)
                   for n in notebooks}
        return Layout(name, origins, (problem,) if problem else ())
    if name == "nbgrader":
        stamps = _stamps(files, read)
        if not stamps or any(len(n.parts) < 3 for n in notebooks):
            return None
        origins = {n: _nbgrader(n, stamps) for n in notebooks}
        return Layout(name, origins, tuple(sorted({o.problem for o in stamps.values() if o.problem})))
    if name == "github_classroom":
        prefix = _github_prefix({n.parts[0] for n in notebooks if len(n.parts) > 1}, root, clones, forced)
        origins = {n: _github(n, prefix) for n in notebooks} if prefix else {}
    else:
        parse = {"canvas": _canvas, "moodle": _moodle}.get(name)
        origins = {n: parse(n) for n in notebooks} if parse else {}
    if not origins or any(o is None for o in origins.values()):
        return None
    return Layout(name, _distinct_logins(origins) if name == "canvas" else origins)


def _distinct_logins(origins: dict[PurePosixPath, Origin]) -> dict[PurePosixPath, Origin]:
    """Two Canvas users with the same name: each becomes `<login>_<user id>`."""
    users: dict[str, set[str]] = {}
    for o in origins.values():
        users.setdefault(o.student, set()).add(o.keys[0])
    return {p: replace(o, student=f"{o.student}_{o.keys[0]}") if len(users[o.student]) > 1 else o
            for p, o in origins.items()}


def detect(files: list[PurePosixPath], read: Reader, forced: str | None = None, root: str = "",
           clones: frozenset = frozenset()) -> Layout:
    """The layout of the files under one root (paths relative to it; notebooks and zips are
    what is graded). A single folder wrapping everything (`submitted/`, an export's top folder)
    is looked into. `forced`: one of LAYOUTS, whatever the files look like."""
    notebooks = [f for f in files if f.suffix.lower() in (".ipynb", ".zip")]
    for name in ([forced] if forced else LAYOUTS[:-1]):
        found = _recognise(name, notebooks, files, read, root, clones, forced is not None)
        if found is not None:
            return found
    tops = {f.parts[0] for f in files}
    if len(tops) == 1 and all(len(f.parts) > 1 for f in files):
        top = tops.pop()
        inner = detect([PurePosixPath(*f.parts[1:]) for f in files], lambda p: read(top / p), forced, top,
                       frozenset(PurePosixPath(*c.parts[1:]) for c in clones if len(c.parts) > 1 and c.parts[0] == top))
        if inner.name != "plain":
            return Layout(inner.name, {top / p: o for p, o in inner.origins.items()}, inner.problems)
    return Layout("plain")


def timed(origin: Origin, archive_time: tuple | None = None, file_time: float | None = None) -> Origin:
    """The origin with the zip member's time (a `ZipInfo.date_time`) or the file's time."""
    try:
        when = datetime(*archive_time).isoformat() if archive_time else None
    except ValueError:  # a zip tool's zeroed date (1980-00-00): no time from it
        when = None
    return replace(origin, archive_time=when, file_time=file_time)
