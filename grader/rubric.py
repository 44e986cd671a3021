"""Configuration stage: read an assignment's rubric.toml into frozen dataclasses."""

from __future__ import annotations

import dataclasses
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from grader import public
from grader.errors import RubricError, UnknownAssignment, UsageError
from grader.paths import ASSIGNMENTS_DIR, SOLUTIONS_DIR


@dataclass(frozen=True)
class Case:
    """One set of inputs for a graded name; it becomes the check `<graded>/<name>`."""

    name: str
    """Case name, unique within its graded name."""
    public: bool
    """Public cases have fixed inputs students can see; hidden ones are drawn at grading time."""
    inputs: Mapping[str, Any]
    """Argument name -> array spec (a table with an `array` key) or a plain value."""


@dataclass(frozen=True)
class Graded:
    """A name the student must define (a function, a variable, a class), graded over its cases."""

    name: str
    kind: str
    """How it is probed and judged: "function", "variable" or "model" (see grader/checks)."""
    points: float
    cases: tuple[Case, ...] = ()
    """No cases: one check with the graded name alone as its id."""
    args: tuple[str, ...] = ()
    """function: positional argument names, in call order."""
    returns: tuple[str, ...] = ()
    """function: names of the returned values; more than one means a tuple is expected."""
    compare: tuple[str, ...] = ()
    """function: which returned values are compared with the reference."""
    tolerance: float = 0.0
    """Largest error that still passes (CS231n rel_error for functions)."""
    forward: str | None = None
    """function, backward pass: the forward function whose own cache is passed on."""
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    """Kind-specific settings: the rubric's table named after the kind, then the graded table's
    own keys."""


@dataclass(frozen=True)
class Manual:
    """A rubric item a TA scores by hand in `grade review` (`[[manual]]`); "needs review" until then."""

    name: str
    """Unique within the assignment, and no graded name."""
    points: float
    description: str
    """What the TA looks for, e.g. "explains the model in comments"."""
    note: str | None = None
    """An automatic note shown beside it: "model_comments" (grader/comment_note.py) or None."""


@dataclass(frozen=True)
class Assignment:
    """An assignment folder: what is graded, with which reference, under which time limits."""

    name: str
    title: str
    folder: Path
    template: str
    reference: Path | None
    """The module expected outputs are computed with: under solutions/, or in the public mode the
    assignment's `public_reference` (None when it has none)."""
    graded: tuple[Graded, ...]
    cell_timeout: float
    notebook_timeout: float
    call_timeout: float
    rubric_sha256: str
    aliases: tuple[str, ...] = ()
    """Other file-name stems that identify this assignment (e.g. a course's own names)."""
    forbidden: tuple[str, ...] = ()
    """Modules the graded functions may not use (e.g. torch in a NumPy assignment)."""
    mistakes: Path | None = None
    """The course's known-mistake variants of the reference (see grader/diagnose), if any."""
    preload: tuple[str, ...] = ("numpy",)
    """Modules a batch imports once in its warm kernel process (grader/warm.py), so that each
    notebook's own `import` of them costs nothing; verdicts do not depend on it."""
    references: str = "solutions"
    """"solutions" (the staff's references) or "public" (the students' distribution, see
    grader/public.py)."""
    lock: Path | None = None
    """public: the lock file of the expected values (grader/lock.py)."""
    staff_judged: tuple[str, ...] = ()
    """public: graded names only the course staff can judge; not counted in max_score."""
    combine: str = "both"
    """How `groups` combine: "best_of" (the group with the higher score counts, the others are
    shown without points) or "both" (every check counts); see grader/combine.py."""
    groups: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    """Group name -> graded names (alexnet_model: pytorch and keras)."""
    import_first: tuple[str, ...] = ()
    """Modules every kernel imports before the student's first cell (grader/kernel_setup.py):
    torch and torchvision for alexnet_model, since TensorFlow imported first crashes them."""
    manual: tuple[Manual, ...] = ()
    """Items a TA scores by hand; not in max_score (added where reviews are applied)."""
    submission_timeout: float | None = None
    """Seconds one submission may take in all (restarts after faults included); None: the
    default of grader/grade.py's budget_of."""

    @property
    def max_score(self) -> float:
        counted = {g.name: g.points for g in self.graded if g.name not in self.staff_judged}
        if self.combine != "best_of" or len(self.groups) < 2:
            return sum(counted.values())
        grouped = {n for names in self.groups.values() for n in names}
        best = max(sum(counted.get(n, 0.0) for n in names) for names in self.groups.values())
        return sum(p for n, p in counted.items() if n not in grouped) + best


def _case(table: dict[str, Any], draw: dict[str, Any]) -> Case:
    inputs = draw | {k: v for k, v in table.items() if k not in ("name", "public")}
    return Case(table["name"], bool(table.get("public", False)), inputs)


_GRADED_KEYS = {"name", "names", "kind", "points", "cases_from", "draw", "args", "returns",
                "compare", "tolerance", "forward"}


def _graded(table: dict[str, Any], data: dict[str, Any]) -> list[Graded]:
    """One Graded per name; `names = [...]` gives several graded names the same settings."""
    kind = table.get("kind", "function")
    names = table.get("names", [table.get("name")])
    graded = []
    for name in names:
        case_tables = data.get("cases", {}).get(table.get("cases_from", name), [])
        if kind == "function" and not case_tables:
            raise RubricError.of("rubric.no_cases", name=repr(name))
        returns = tuple(table.get("returns", ()))
        compare = tuple(table.get("compare", returns))
        if not set(compare) <= set(returns):
            raise RubricError.of("rubric.compare", name=name, compare=compare, returns=returns)
        options = dict(data.get(kind, {})) | {k: v for k, v in table.items() if k not in _GRADED_KEYS}
        graded.append(Graded(
            name=name, kind=kind, points=float(table["points"]),
            cases=tuple(_case(c, table.get("draw", {})) for c in case_tables),
            args=tuple(table.get("args", ())), returns=returns, compare=compare,
            tolerance=float(table.get("tolerance", 0.0)), forward=table.get("forward"),
            options=options,
        ))
    return graded


def _manual(tables: Any, graded: tuple[Graded, ...]) -> tuple[Manual, ...]:
    """The `[[manual]]` items: a name, positive points and a description each, names unique."""
    if not isinstance(tables, list):
        raise RubricError.of("rubric.manual_not_list")
    items, taken = [], {g.name for g in graded}
    for table in tables:
        name, points, text = table.get("name"), table.get("points"), table.get("description")
        if not (isinstance(name, str) and name and isinstance(text, str) and text):
            raise RubricError.of("rubric.manual_item", table=repr(table))
        if name in taken or "/" in name:
            raise RubricError.of("rubric.manual_name", name=repr(name))
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
            raise RubricError.of("rubric.manual_points", name=repr(name), points=repr(points))
        note = table.get("note")
        if note is not None and note not in ("model_comments",):
            raise RubricError.of("rubric.manual_note", name=repr(name), note=repr(note))
        taken.add(name)
        items.append(Manual(name, float(points), text, note))
    return tuple(items)


def _references(folder: Path, head: dict[str, Any], graded: tuple[Graded, ...], raw: bytes,
                references: str) -> dict[str, Any]:
    """The fields that say what judges the checks: solutions/ or the public references."""
    if references == "public":
        return public.public_fields(folder, head, graded, raw)
    mistakes = SOLUTIONS_DIR / head["mistakes"] if "mistakes" in head else None
    if mistakes is not None and not mistakes.is_file():
        raise RubricError.of("rubric.no_mistakes", path=mistakes)
    return {"reference": SOLUTIONS_DIR / head["reference"], "mistakes": mistakes}


def _combine(table: dict[str, Any], names: set[str]) -> dict[str, Any]:
    """The rubric's `[combine]`: how ("best_of" by default when groups are given) and groups."""
    if not table:
        return {}
    how = table.get("how", "best_of")
    groups = table.get("groups", {})
    if how not in ("best_of", "both") or not isinstance(groups, dict):
        raise RubricError.of("rubric.combine", table=repr(table))
    unknown = sorted({n for members in groups.values() for n in members} - names)
    if unknown:
        raise RubricError.of("rubric.combine_unknown", names=", ".join(unknown))
    return {"combine": how, "groups": {g: tuple(members) for g, members in groups.items()}}


def _module_names(head: dict[str, Any], key: str, default: list[str]) -> tuple[str, ...]:
    names = head.get(key, default)
    if not (isinstance(names, list) and all(isinstance(m, str) and m for m in names)):
        raise RubricError.of("rubric.module_names", field=key, names=repr(names))
    return tuple(names)


def load_assignment(folder: Path, references: str | None = None) -> Assignment:
    """Read `folder/rubric.toml`, judged with `references` ("solutions" or "public"; default:
    grader.public.mode()). Raises RubricError when it is missing or malformed."""
    path = folder / "rubric.toml"
    references = references or public.mode()
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
        head = data["assignment"]
        graded = tuple(g for table in data["graded"] for g in _graded(table, data))
        preload = _module_names(head, "preload", ["numpy"])
        fields = dict(rubric_sha256=hashlib.sha256(raw).hexdigest())
        fields |= _references(folder, head, graded, raw, references)
        return Assignment(
            name=head["name"],
            title=head.get("title", head["name"]),
            folder=folder,
            template=head["template"],
            graded=graded,
            cell_timeout=float(head.get("cell_timeout", 120)),
            notebook_timeout=float(head.get("notebook_timeout", 900)),
            call_timeout=float(head.get("call_timeout", 60)),
            submission_timeout=float(head["submission_timeout"]) if "submission_timeout" in head else None,
            aliases=tuple(head.get("aliases", ())),
            forbidden=tuple(head.get("forbidden", ())),
            preload=tuple(preload),
            import_first=_module_names(head, "import_first", []),
            **_combine(data.get("combine", {}), {g.name for g in graded}),
            manual=_manual(data.get("manual", []), graded),
            **fields,
        )
    except RubricError as exc:
        raise RubricError.of("rubric.in_file", path=path, error=exc) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise RubricError.of("rubric.unreadable", path=path, why=repr(exc)) from exc


def load_all(root: Path = ASSIGNMENTS_DIR, references: str | None = None) -> dict[str, Assignment]:
    """Every assignment under `root`, by name."""
    found = {}
    for rubric in sorted(root.glob("*/rubric.toml")):
        assignment = load_assignment(rubric.parent, references)
        found[assignment.name] = assignment
    return found


def get(name: str, assignments: Mapping[str, Assignment]) -> Assignment:
    """The assignment called `name`, or UnknownAssignment listing the known ones."""
    try:
        return assignments[name]
    except KeyError:
        raise UnknownAssignment(name, list(assignments)) from None


def with_timeouts(assignments: Mapping[str, Assignment], cell: float | None,
                  call: float | None) -> dict[str, Assignment]:
    """The assignments with the command line's time limits in place of the rubrics'."""
    changes = {k: v for k, v in (("cell_timeout", cell), ("call_timeout", call)) if v is not None}
    if any(v <= 0 for v in changes.values()):
        raise UsageError.of("error.timeouts")
    return {name: dataclasses.replace(a, **changes) for name, a in assignments.items()}
