"""Variable and model checks in the students' distribution: judged against the lock.

The kernel is sent exactly what the full grader sends (the kinds' own requests); what comes
back is hashed and compared with the assignment's lock (grader/lock.py), so a failed check says
which value, layer or field differs, never the expected one. A check the lock cannot hold (a
model's forward output, compared within a tolerance) is still probed, so a crash shows, and is
otherwise left to the course staff: status "staff", no points either way.

`expectations` is the build side: the values of the full grader's plans that go into the lock.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

from grader import lock
from grader.checks import model, variable
from grader.compare import Verdict
from grader.errors import RubricError
from grader.messages import say
from grader.plan import CheckPlan, check_id
from grader.probe import ProbeOutcome
from grader.rubric import Assignment, Graded

MODEL_LOCKABLE = ("param_count", "output_shape", "layers")
OTHER_CLASSES = (10, 7)
"""Class counts the layer table is also built for, to find the fields that depend on it."""


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> lock.Lock:
    return lock.read(path)


def _requests(assignment: Assignment, graded: Graded, seed: int) -> list[CheckPlan]:
    if graded.kind == "variable":
        return [CheckPlan(check_id(graded, None), graded, graded.points, True, variable.request(graded))]
    if graded.kind == "model":
        return model.requests(assignment, graded, seed)
    raise RubricError.of("rubric.lock_kind", name=graded.name, kind=graded.kind)


def plan(assignment: Assignment, graded: Graded, seed: int) -> list[CheckPlan]:
    """The kind's requests, judged by the lock or left to the staff (then worth no points here)."""
    plans = _requests(assignment, graded, seed)
    if graded.name in assignment.staff_judged:
        return [dataclasses.replace(p, points=0.0, judged_by="staff") for p in plans]
    found = _read(assignment.lock)
    return [dataclasses.replace(p, judged_by="lock", expected=dict(p.expected or {}) | {"lock": found})
            for p in plans]


def row_key(check: str, row: int, field: str) -> str:
    """The lock key of one field of a layer-table row (`row` counts from 1)."""
    return f"{check}/row/{row}/{field}"


def _layer_rows(plan: CheckPlan) -> tuple[dict[str, Any], set[str]]:
    """The reference's layer table for the rubric's class count, each field's value keyed by
    row; fields that change with the class count are templated (grader/lock.with_classes)."""
    classes = plan.expected["classes"]
    other = next(c for c in OTHER_CLASSES if c != classes)
    rows, other_rows = (model.reference_for(plan.expected, c)[0] for c in (classes, other))
    if len(rows) != len(other_rows):
        raise RubricError.of("rubric.lock_layer_count", check=plan.check_id, classes=other)
    values, templated = {}, set()
    for i, (row, again) in enumerate(zip(rows, other_rows), start=1):
        for field in model.ROW_KEYS:
            key, value = row_key(plan.check_id, i, field), row.get(field)
            if value != again.get(field):
                value = lock.with_classes(value, classes)
                if value != lock.with_classes(again.get(field), other):
                    raise RubricError.of("rubric.lock_classes", key=key)
                templated.add(key)
            values[key] = value
    return values, templated


def expectations(plan: CheckPlan) -> tuple[dict[str, Any], set[str]] | None:
    """What to lock of a fully planned check (key -> value, templated keys), or None when a lock
    cannot judge it."""
    kind, name = plan.graded.kind, plan.graded.name
    if kind == "variable":
        return {plan.check_id: int(plan.expected)}, set()
    if kind != "model" or name not in MODEL_LOCKABLE:
        return None
    if name == "param_count":
        return {plan.check_id: int(plan.expected["count"])}, set()
    if name == "output_shape":
        return {plan.check_id: list(plan.expected["shape"])}, set()
    return _layer_rows(plan)


def _not_integer(plan: CheckPlan, what: str, lang: str) -> Verdict:
    """`what`: "value" or "count" (reason.value_not_int, reason.count_not_int)."""
    return Verdict("error", say("unsafe", lang, function=plan.graded.name, reason=say(f"reason.{what}_not_int", lang)))


def judge_variable(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Verdict:
    value = outcome.detail.get("value")
    if type(value) is not int:
        return _not_integer(plan, "value", lang)
    if plan.expected["lock"].matches(plan.check_id, value):
        return Verdict("pass", say("variable_pass", lang, name=plan.graded.name, value=value))
    return Verdict("fail", say("variable_wrong", lang, name=plan.graded.name, value=value))


def judge_param_count(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Verdict:
    got = outcome.detail.get("value")
    if type(got) is not int:
        return _not_integer(plan, "count", lang)
    who = dict(cls=plan.request["class_name"], n=plan.request["classes"], count=got)
    if plan.expected["lock"].matches(plan.check_id, got):
        return Verdict("pass", say("params_pass", lang, **who))
    return Verdict("fail", say("params_locked", lang, **who))


def judge_output_shape(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Verdict:
    got = outcome.detail.get("shape")
    who = f"{plan.request['class_name']}({plan.request['classes']})"
    shown = tuple(got) if isinstance(got, list) else got
    if plan.expected["lock"].matches(plan.check_id, got):
        return Verdict("pass", say("shape_pass", lang, who=who, shape=shown))
    return Verdict("fail", say("shape_locked", lang, who=who, got=shown))


def locked_rows(found: lock.Lock, check: str) -> int:
    """How many layer-table rows the lock holds for `check`."""
    return sum(1 for k in found.entries if k.startswith(f"{check}/row/") and k.endswith("/type"))


def _row_verdicts(differing: list[list[str]], rows: int, count: int, lang: str) -> list[str]:
    """One line per row for the report: matches, which fields differ, extra or missing."""
    lines = [say("layers_row_differs", lang, fields=", ".join(d)) if d else say("layers_row_matches", lang)
             for d in differing]
    return lines + [say("layers_row_extra" if rows > count else "layers_row_missing", lang)] * abs(rows - count)


def judge_layers(plan: CheckPlan, outcome: ProbeOutcome, lang: str) -> Verdict:
    """The student's rows against the locked ones, field by field (the class-dependent fields
    with the student's own class count, as the full grader builds its reference for it)."""
    rows = outcome.detail.get("rows")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        return Verdict("error", say("unsafe", lang, function=plan.graded.name, reason=say("reason.table_malformed", lang)))
    found, check = plan.expected["lock"], plan.check_id
    classes = model.asked_classes(plan)
    count = locked_rows(found, check)
    differing = [[f for f in model.ROW_KEYS if not found.matches(row_key(check, i, f), row.get(f), classes)]
                 for i, row in enumerate(rows[:count], start=1)]
    first = next((i for i, d in enumerate(differing) if d), None)
    if first is None and len(rows) != count:
        first = min(len(rows), count)
    crash = outcome.detail.get("crash")
    crash = crash if isinstance(crash, dict) else None
    details = {"layers": {"student": rows, "reference": [], "first_diff": first,
                          "verdicts": _row_verdicts(differing, len(rows), count, lang)}}
    if first is None and not crash:
        return Verdict("pass", say("layers_pass", lang, count=len(rows)), details=details)
    if first is None:
        return Verdict("fail", say("layers_crash", lang, count=len(rows), ename=crash.get("ename"), evalue=crash.get("evalue")),
                       traceback=crash.get("traceback"), details=details)
    if first >= len(rows):
        message = say("layers_missing_locked", lang, row=first + 1, count=len(rows))
    elif first >= count:
        message = say("layers_extra", lang, row=first + 1, text=model.row_text(rows[first]))
    else:
        what = ", ".join(say("layers_key_locked", lang, field=f, got=rows[first].get(f)) for f in differing[first])
        message = say("layers_wrong_locked", lang, row=first + 1, type=rows[first].get("type"), what=what)
    if crash:
        message += say("layers_then_crash", lang, ename=crash.get("ename"), evalue=crash.get("evalue"))
    return Verdict("fail", message, traceback=crash.get("traceback") if crash else None, details=details)


JUDGES = {"param_count": judge_param_count, "output_shape": judge_output_shape, "layers": judge_layers}


def judge(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    """A staff check's probe ran: say who judges it; a locked check: compare with the lock."""
    if plan.judged_by == "staff":
        return Verdict("staff", say("staff_judged", lang))
    if plan.graded.kind == "variable":
        return judge_variable(plan, outcome, lang)
    return JUDGES[plan.graded.name](plan, outcome, lang)
