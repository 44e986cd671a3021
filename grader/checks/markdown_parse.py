"""Read a notebook's written answers (alexnet_params' markdown fields) as plain data.

A layer's section starts at a heading that names it, `### Layer 3 ...` (the Tobigs layout:
"Layer 1 is a Convolution Layer_1"), and runs to the next such heading. Its fields are bullet
lines with a bold label, `- **Stride**     \\`4\\``, `- **Pooling size**(overlapping) 3 x 3`, or
a label that holds its value (`- **Layer 3 Output Size  27 x 27 x 256**`). Values are read
leniently: backticks, HTML line breaks, remarks in any language around them, a worked formula
before an `=`, a correction after an arrow (`224 x 224 x 3 -> 227 x 227 x 3`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MISSING = "???"
HEADING = re.compile(r"^\s{0,3}#{1,6}[^\S\n]*(?:<[^>\n]*>[^\S\n]*)*Layer[^\S\n]*(\d{1,2})\b.*$", re.I | re.M)
BOLD_FIELD = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*\*\*(?P<label>[^*\n]+?)\*\*(?P<rest>.*)$", re.M)
PLAIN_FIELD = re.compile(r"^\s*[-*+]\s*(?P<label>[^:：\n*`]{1,40}?)\s*[:：]\s*(?P<rest>.*)$", re.M)
SEP = r"\s*[x×X*]\s*"
SHAPE = re.compile(rf"\b(\d+){SEP}(\d+)(?:{SEP}(\d+))?\b")
TUPLE = re.compile(r"[(\[]\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*(\d+)\s*)?[)\]]")
PRODUCT = re.compile(rf"\d+(?:{SEP}\d+)*")
UNITS = re.compile(r"\d+|num_?classes|number of (?:labels|classes)", re.I)
LAYER_WORDS = re.compile(r"\blayer\s*\d*\b", re.I)


@dataclass(frozen=True)
class Written:
    """One field as the student wrote it."""

    label: str
    """The label as written (bold text), for messages."""
    text: str
    """The value as written, cleaned of markup; "" when nothing follows the label."""


def clean(text: str) -> str:
    """Markdown and HTML markup out: line breaks become newlines, tags and backticks go."""
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</?[A-Za-z][^>\n]*>", " ", text)
    return text.replace("`", "").replace("&nbsp;", " ")


def sections(markdown_cells: list[str]) -> dict[int, str]:
    """{layer number: the section's text}, from every markdown cell in order; a number met
    twice keeps its first section (a later one is usually a note about it)."""
    text = "\n".join(markdown_cells)
    marks = list(HEADING.finditer(text))
    found: dict[int, str] = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        found.setdefault(int(mark.group(1)), text[mark.end():end])
    return found


def normal_label(label: str) -> str:
    """Lower case, without "Layer N", markup and trailing punctuation."""
    label = LAYER_WORDS.sub(" ", clean(label)).lower()
    return re.sub(r"\s+", " ", label).strip(" :：-")


def fields(section: str, aliases: dict[str, tuple[str, ...]]) -> dict[str, list[Written]]:
    """{field: every value written for it, in order} using `aliases` (field -> normal labels,
    longest first wins); a label that goes on past its alias carries the value itself."""
    found: dict[str, list[Written]] = {}
    ordered = sorted(((a, f) for f, names in aliases.items() for a in names), key=lambda p: -len(p[0]))
    for pattern in (BOLD_FIELD, PLAIN_FIELD):
        for match in pattern.finditer(section):
            label = normal_label(match.group("label"))
            for alias, field in ordered:
                rest = label[len(alias):]
                if label.startswith(alias) and (not rest or not rest[0].isalpha()):
                    text = (rest + " " + clean(match.group("rest"))).strip(" :：")
                    found.setdefault(field, []).append(Written(match.group("label").strip(), text))
                    break
        if found:
            break
    return found


def chosen(values: list[Written]) -> Written:
    """The value that counts: the first one written, else the first label."""
    return next((v for v in values if v.text), values[0])


def is_missing(text: str) -> bool:
    return MISSING in text or not text.strip()


def _tail(text: str) -> str:
    """After the last arrow (a correction), as written."""
    return re.split(r"->|→|=>", text)[-1]


def shape_of(text: str, parts: int) -> tuple[int, ...] | None:
    """The first shape written (`227 x 227 x 3`, `227*227*3`, `(227, 227, 3)`), preferring
    one with `parts` numbers; after an `=` first (a worked formula's result)."""
    tail = _tail(text)
    for part in (tail.split("=")[-1], tail):
        candidates = sorted((m.start(), tuple(int(g) for g in m.groups() if g is not None))
                            for pattern in (SHAPE, TUPLE) for m in pattern.finditer(part))
        best = [c for _, c in candidates if len(c) == parts] or [c for _, c in candidates]
        if best:
            return best[0]
    return None


def integer_of(text: str) -> int | None:
    """The number written (a product such as `6*6*256` counts as its value), after the last
    `=` when there is one."""
    tail = _tail(text).split("=")[-1]
    match = PRODUCT.search(tail)
    if match is None:
        return None
    return math.prod(int(n) for n in re.findall(r"\d+", match.group()))


def units_of(text: str) -> int | str | None:
    """A fully connected layer's size: the last number written (`(N,4096) x (4096,4096)` is
    4096), or "num_classes" when that word comes last."""
    tokens = UNITS.findall(_tail(text).split("=")[-1]) or UNITS.findall(_tail(text))
    if not tokens:
        return None
    last = tokens[-1]
    return int(last) if last.isdigit() else "num_classes"
