"""Diagnosis of model checks reasoned from the evidence, not from a list of known variants: the
student's layer table against the reference's (a layer added or left out, a changed kernel,
stride, padding or channel count and the first layer it shifts, a classifier that ignores its
class count, a missing activation), and a parameter count against the reference's table.

Tables are rows as grader/kernel_side/model_harness.py records them; the student's come from
the kernel, so every field is read defensively and only ever formatted as text.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass
from typing import Any

from grader.messages import say

WEIGHTED = ("Conv2d", "Linear")
OWN = {"Conv2d": ("out_channels", "kernel_size", "stride", "padding", "groups"),
       "Linear": ("out_features",)}
"""The fields a layer chooses itself; its input size and output shape follow from earlier ones."""
INPUT = {"Conv2d": "in_channels", "Linear": "in_features"}
FIELD_IDS = {"padding": "model.padding_differs", "stride": "model.stride_differs",
             "out_channels": "model.channels_differ", "out_features": "model.channels_differ",
             "kernel_size": "model.kernel_differs"}
MAX_ROWS = 64


@dataclass(frozen=True)
class Reasoned:
    """What the tables say differs: the diagnosis id of the first difference, and every sentence."""

    id: str
    hint: str
    row: int | None = None
    """The student's row (0-based) the first difference is in, when it is one of theirs."""


def _is_norm(row: dict) -> bool:
    return str(row.get("type", "")).startswith("BatchNorm")


def layer_names(rows: list[dict]) -> list[str]:
    """conv1, conv2, ... for Conv2d rows, fc1, fc2, ... for Linear rows, the type otherwise."""
    names, counts = [], {"Conv2d": 0, "Linear": 0}
    for row in rows:
        kind = row.get("type")
        if kind in counts:
            counts[kind] += 1
            names.append(("conv" if kind == "Conv2d" else "fc") + str(counts[kind]))
        else:
            names.append(str(kind))
    return names


def _value(value: Any) -> str:
    """[2, 2] as "2", [3, 1] as "(3, 1)", anything else as its text."""
    if isinstance(value, list) and value and all(v == value[0] for v in value):
        return str(value[0])
    return str(tuple(value)) if isinstance(value, list) else str(value)


def row_text(row: dict, lang: str) -> str:
    """`Conv2d(96, 256, kernel 5)`, `Linear(4096, 10)`, `BatchNorm2d(96) (weight and bias)`."""
    kind = str(row.get("type"))
    if kind == "Conv2d":
        return say("table.row.Conv2d", lang, in_channels=row.get("in_channels"),
                   out_channels=row.get("out_channels"), kernel=_value(row.get("kernel_size")))
    if kind == "Linear":
        return say("table.row.Linear", lang, in_features=row.get("in_features"), out_features=row.get("out_features"))
    if _is_norm(row):
        return say("table.row.norm", lang, type=kind, num_features=row.get("num_features"))
    return say("table.row.other", lang, type=kind)


def _params(rows: list[dict]) -> int:
    return sum(r["params"] for r in rows if type(r.get("params")) is int)


def _placed(row: dict, names: list[str], at: int, lang: str) -> str:
    """`BatchNorm2d(96) (weight and bias) after conv1` for a row inserted before reference row `at`."""
    text = row_text(row, lang)
    if at > 0:
        return say("table.after", lang, row=text, layer=names[at - 1])
    return say("table.before", lang, row=text, layer=names[0]) if names else text


def _changes(pairs: list[tuple[int, int]], rows: list[dict], ref: list[dict], names: list[str],
             classes: int, cls: str, lang: str) -> list[Reasoned]:
    """A sentence per aligned layer whose own fields differ, with the first later layer it shifts."""
    found = []
    last_linear = max((i for i, r in enumerate(ref) if r.get("type") == "Linear"), default=None)
    for n, (i, j) in enumerate(pairs):
        kind = ref[i].get("type")
        fields = [f for f in OWN.get(kind, ("num_features",)) if rows[j].get(f) != ref[i].get(f)]
        if not fields:
            continue
        if i == last_linear and fields == ["out_features"] and ref[i].get("out_features") == classes:
            hint = say("table.classes_ignored", lang, layer=names[i], got=rows[j].get("out_features"),
                       cls=cls, asked=classes)
            found.append(Reasoned("model.classes_ignored", hint, j))
            continue
        what = ", ".join(say(f"table.field.{f}", lang, got=_value(rows[j].get(f)), expected=_value(ref[i].get(f)))
                         for f in fields)
        hint = say("table.changed", lang, layer=names[i], what=what)
        if rows[j].get("output_shape") != ref[i].get("output_shape"):
            hint += say("table.gives", lang, shape=rows[j].get("output_shape"), ref_shape=ref[i].get("output_shape"))
        hint += _shift(pairs[n + 1:], rows, ref, names, lang) + "."
        found.append(Reasoned(FIELD_IDS.get(fields[0], "model.layer_changed") if len(fields) == 1
                              else "model.layer_changed", hint, j))
    return found


def _shift(later: list[tuple[int, int]], rows: list[dict], ref: list[dict], names: list[str], lang: str) -> str:
    """", which shifts conv4 (in_channels 256 instead of 384)" for the first later layer whose input differs."""
    for i, j in later:
        field = INPUT.get(ref[i].get("type"))
        if field and rows[j].get(field) != ref[i].get(field):
            return say("table.shifts", lang, next=names[i], field=field, got=rows[j].get(field), expected=ref[i].get(field))
    return ""


def _activations(pairs: list[tuple[int, int]], rows: list[dict], ref: list[dict], names: list[str],
                 lang: str) -> list[Reasoned]:
    """A layer the reference feeds with a ReLU's output (no negative input) that the student's
    model feeds with negative values: the activation before it is missing."""
    found = []
    for i, j in pairs:
        if i > 0 and ref[i].get("input_negative") is False and rows[j].get("input_negative") is True:
            before = next((names[k] for k in range(i - 1, -1, -1) if ref[k].get("type") in WEIGHTED), names[i - 1])
            found.append(Reasoned("model.missing_activation",
                                  say("table.no_activation", lang, layer=names[i], before=before), j))
    return found


def _well_formed(rows: Any) -> bool:
    return isinstance(rows, list) and 0 < len(rows) <= MAX_ROWS and all(isinstance(r, dict) for r in rows)


def _signature(row: dict) -> str:
    kind = row.get("type")
    return repr([kind, INPUT.get(kind) and row.get(INPUT[kind])] + [row.get(f) for f in OWN.get(kind, ("num_features",))])


def _opcodes(ref: list[dict], rows: list[dict]):
    """Alignment of the two tables: layer by layer when the types run alike (a layer changed);
    else identical layers first, then, inside each stretch that differs, layers of the same
    type paired and the rest added or left out."""
    if [r.get("type") for r in ref] == [r.get("type") for r in rows]:
        yield "equal", 0, len(ref), 0, len(rows)
        return
    whole = difflib.SequenceMatcher(a=[_signature(r) for r in ref], b=[_signature(r) for r in rows], autojunk=False)
    for op, i1, i2, j1, j2 in whole.get_opcodes():
        if op != "replace":
            yield op, i1, i2, j1, j2
            continue
        part = difflib.SequenceMatcher(a=[str(r.get("type")) for r in ref[i1:i2]],
                                       b=[str(r.get("type")) for r in rows[j1:j2]], autojunk=False)
        for inner, a1, a2, b1, b2 in part.get_opcodes():
            yield inner, i1 + a1, i1 + a2, j1 + b1, j1 + b2


def _structure(ref: list[dict], rows: list[dict], names: list[str], lang: str):
    """(aligned (reference row, student row) pairs, a sentence for the rows added and one for the
    rows left out), aligning the two tables by layer type."""
    pairs, added, places, gone, gone_names = [], [], [], [], []
    for op, i1, i2, j1, j2 in _opcodes(ref, rows):
        if op == "equal":
            pairs += list(zip(range(i1, i2), range(j1, j2)))
        if op in ("delete", "replace"):
            gone += ref[i1:i2]
            gone_names += [f"{names[i]} {row_text(ref[i], lang)}" for i in range(i1, i2)]
        if op in ("insert", "replace"):
            added += [(j, rows[j]) for j in range(j1, j2)]
            places += [_placed(rows[j], names, i1, lang) for j in range(j1, j2)]
    found = []
    if added:
        norms = all(_is_norm(r) for _, r in added)
        text = say("table.params", lang, sign="+", count=_params([r for _, r in added]), rows=", ".join(places))
        found.append(Reasoned("model.batchnorm_added" if norms else "model.layer_added",
                              say("table.added_norm" if norms else "table.added", lang, params=text), added[0][0]))
    if gone:
        text = say("table.params", lang, sign="-", count=_params(gone), rows=", ".join(gone_names))
        at = next((j for i, j in pairs if i > ref.index(gone[0])), len(rows))
        found.append(Reasoned("model.layer_removed", say("table.removed", lang, params=text), at))
    return pairs, found


def reason_tables(rows: Any, ref: list[dict], classes: int, cls: str, lang: str) -> Reasoned | None:
    """Every difference between the student's table `rows` and the reference's `ref` (built for
    `classes` classes of class `cls`), the earliest first; None when the tables say nothing."""
    if not _well_formed(rows) or not _well_formed(ref):
        return None
    names = layer_names(ref)
    pairs, found = _structure(ref, rows, names, lang)
    found += _changes(pairs, rows, ref, names, classes, cls, lang) + _activations(pairs, rows, ref, names, lang)
    if not found:
        return None
    found.sort(key=lambda r: r.row)
    return Reasoned(found[0].id, " ".join(dict.fromkeys(r.hint for r in found)), found[0].row)


def count_batchnorms(delta: int, ref: list[dict], lang: str) -> str | None:
    """The BatchNorm layers (weight and bias: 2 parameters per feature) whose parameters add up to
    `delta`, one after a weighted layer of the reference each, the fewest first; as a sentence."""
    if not _well_formed(ref) or delta <= 0 or delta % 2:
        return None
    widths = [(r.get("out_channels") or r.get("out_features"), r.get("type")) for r in ref[:-1]
              if r.get("type") in WEIGHTED]
    for size in range(1, len(widths) + 1):
        for chosen in itertools.combinations(widths, size):
            if all(type(w) is int for w, _ in chosen) and 2 * sum(w for w, _ in chosen) == delta:
                norms = [{"type": "BatchNorm2d" if kind == "Conv2d" else "BatchNorm1d", "num_features": w,
                          "params": 2 * w} for w, kind in chosen]
                return say("table.params", lang, sign="+", count=delta, rows=", ".join(row_text(r, lang) for r in norms))
    return None


def count_channels(delta: int, ref: list[dict], lang: str) -> str | None:
    """The one weighted layer whose channel count, changed, changes the count by `delta`: each
    output channel of layer k costs its own parameters per channel plus the next layer's weights
    per input channel, read from the reference's table."""
    if not _well_formed(ref) or delta == 0:
        return None
    names = layer_names(ref)
    weighted = [i for i, r in enumerate(ref) if r.get("type") in WEIGHTED]
    for here, after in zip(weighted, weighted[1:]):
        row, nxt = ref[here], ref[after]
        width = row.get("out_channels") or row.get("out_features")
        nxt_out = nxt.get("out_channels") or nxt.get("out_features")
        if not all(type(v) is int and v > 0 for v in (width, nxt_out, row.get("params"), nxt.get("params"))):
            continue
        per = row["params"] / width + (nxt["params"] - nxt_out) / width
        change = delta / per
        if per.is_integer() and change.is_integer() and 0 < width + change <= 8192:
            return say("table.count_channels", lang, layer=names[here], got=int(width + change), expected=width,
                       delta=delta)
    return None
