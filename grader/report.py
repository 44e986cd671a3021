"""Report stage: results.json, one self-contained HTML page per submission, the class
dashboard (index.html), grades.csv and, on request, Gradescope exports.

Pages load nothing from the network, forbid scripts by Content-Security-Policy (the dashboard's
histogram is SVG drawn here), and escape every string (jinja2 autoescaping), so nothing a
student wrote is ever read as HTML.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import jinja2

from grader import __version__
from grader.course import source_in
from grader.dashboard import grade_table, summarize_all
from grader.diagnose.result import NONE_IDS
from grader.discover import Skipped, reason_in
from grader.export import GRADES_FILE, GRADESCOPE_DIR, grades_csv, write_gradescope
from grader.messages import DEFAULT_LANG, has, say, say_again
from grader.results import CELL_KEYS, SubmissionResult
from grader.sandbox import layers_in
from grader.tally import common_mistakes
from grader.verdicts import NameVerdict, cause_label, cause_scope, cause_text, name_verdicts

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("grader", "templates"),
    autoescape=True,  # every template, whatever its file name
    undefined=jinja2.StrictUndefined,
)


def layer_text(row: dict) -> str:
    """One layer-table row as text: `Conv2d 96->256 k[5, 5] s[1, 1] p[2, 2] -> [256, 27, 27]`."""
    if not isinstance(row, dict):
        return str(row)
    parts = [str(row.get("type"))]
    if "in_channels" in row:
        parts.append(f"{row.get('in_channels')}→{row.get('out_channels')} k{row.get('kernel_size')} "
                     f"s{row.get('stride')} p{row.get('padding')}" + (f" g{row['groups']}" if row.get("groups", 1) != 1 else ""))
    elif "in_features" in row:
        parts.append(f"{row.get('in_features')}→{row.get('out_features')}")
    elif "num_features" in row:
        parts.append(str(row.get("num_features")))
    return " ".join(parts) + f" → {row.get('output_shape')}"


_ENV.filters["layer_text"] = layer_text
PNG_URI = "data:image/png;base64,"


def error_maps(check) -> list[dict]:
    """The check's error-map images that are inline PNGs (nothing else is ever put in <img>)."""
    details = check.details if isinstance(check.details, dict) else {}
    maps = details.get("error_maps") or []
    return [m for m in maps if isinstance(m, dict) and str(m.get("src", "")).startswith(PNG_URI)]


def diagnosis_of(check) -> str | None:
    details = check.details if isinstance(check.details, dict) else {}
    found = details.get("diagnosis")
    return found if isinstance(found, str) else None


def worst_entries(check, output: str, lang: str) -> str:
    """" Largest errors: (0, 1, 2, 3) yours 1.5, reference 2 …" for a failed array, or ""."""
    details = check.details if isinstance(check.details, dict) else {}
    where = (details.get("where") or {}).get(output) or {}
    entries = [say("where.entry", lang, index=tuple(w["index"]), got=w["got"], expected=w["expected"])
               for w in where.get("worst") or [] if isinstance(w, dict)]
    return say("where.worst", lang, entries="; ".join(entries)).strip() if entries else ""


def _texts(lang: str) -> dict:
    """What every template gets: the language, its translator `t`, and the helpers."""
    def title(mistake: str) -> str:
        return say(f"title.{mistake}", lang) if has(f"title.{mistake}") else mistake

    return {"lang": lang, "t": functools.partial(say, lang=lang), "title": title, "none_ids": NONE_IDS,
            "layers": functools.partial(layers_in, lang=lang),
            "error_maps": error_maps, "diagnosis_of": diagnosis_of, "version": __version__,
            "worst": functools.partial(worst_entries, lang=lang),
            "cause_label": functools.partial(cause_label, lang=lang),
            "cause_scope": functools.partial(cause_scope, lang=lang),
            "cause_text": cause_text, "hint_shown": hint_shown, "source_of": source_of,
            "time_source": functools.partial(source_in, lang=lang),
            "cell_text": functools.partial(say_again, keys=CELL_KEYS, lang=lang)}


def source_of(verdict: NameVerdict) -> dict | None:
    """The graded function's source as the grader ran it (grader/diagnose/source.py), if a
    failing check of it carries one in a well-formed shape."""
    for check in verdict.checks:
        src = (check.details or {}).get("source") if isinstance(check.details, dict) else None
        if isinstance(src, dict) and type(src.get("first_line")) is int and type(src.get("cell")) is int \
                and isinstance(src.get("lines"), list) and all(isinstance(x, str) for x in src["lines"]) \
                and (src.get("mark") is None or type(src.get("mark")) is int):
            return src
    return None


def hint_shown(verdict: NameVerdict, check) -> bool:
    """Whether the check's hint is the one its graded name's verdict already shows (said once)."""
    return any(check.hint == cause_text(c) for c in verdict.causes)


@dataclass(frozen=True)
class ReportEntry:
    result: SubmissionResult
    href: str
    """The submission's page, relative to the output folder."""


def _safe(name: str) -> str:
    """A file name made of `name`: at most 80 characters and 200 UTF-8 bytes (a file name holds
    255 bytes; a 4-byte ideograph from a zip member's name must fit with `-N.html`)."""
    cleaned = re.sub(r"[^\w.-]+", "_", name).strip("._")[:80]  # \w keeps Korean names readable
    while len(cleaned.encode()) > 200:
        cleaned = cleaned[:-1]
    return cleaned or "unnamed"


OUTPUT_SUFFIXES = (".html", ".json", ".csv", ".key", ".partial", ".sqlite", ".sqlite-wal", ".sqlite-shm",
                   ".sqlite-journal")
"""The endings of the files an output folder holds (gradebook, secret, dashboard, CSV files)."""


def _student_folder(student: str) -> str:
    """A student's folder of pages, never the name of a file the output folder holds (a student
    `gradebook.sqlite` or `index.html`) nor of its `gradescope` folder."""
    name = _safe(student)
    taken = name.lower().endswith(OUTPUT_SUFFIXES) or name.lower() == GRADESCOPE_DIR
    return f"{name}_student" if taken else name


def assign_pages(results: Sequence[SubmissionResult]) -> list[ReportEntry]:
    """A distinct page path per submission: `<student>/<assignment>.html`, numbered on clashes."""
    taken, entries = set(), []
    for r in results:
        base = f"{_student_folder(r.student)}/{_safe(r.assignment or 'unknown')}"
        href, n = f"{base}.html", 1
        while href.lower() in taken:  # case-insensitive file systems
            n += 1
            href = f"{base}-{n}.html"
        taken.add(href.lower())
        entries.append(ReportEntry(r, href))
    return entries


def render_submission(result: SubmissionResult, lang: str = DEFAULT_LANG, class_entry=None) -> str:
    """A submission's page; `class_entry` (grader/classbook.py): its lateness, penalty and
    whether it counts, shown when a roster or course file was given."""
    return _ENV.get_template("report.html.j2").render(r=result, verdicts=name_verdicts(result.checks),
                                                      class_entry=class_entry, **_texts(lang))


def render_index(entries: Sequence[ReportEntry], skipped: Sequence[Skipped], lang: str = DEFAULT_LANG,
                 similarity: bool = False, classbook=None) -> str:
    """The class dashboard: per assignment the score histogram, pass rates and common failures;
    the most common likely mistakes with links; the students' grades linking to their pages;
    every submission; the skipped files."""
    results = [e.result for e in entries]
    return _ENV.get_template("index.html.j2").render(
        entries=entries, skipped=[replace(s, reason=reason_in(s.reason, lang)) for s in skipped],
        summaries=summarize_all(results), table=grade_table(results),
        mistakes=common_mistakes(entries, lang), similarity=similarity, classbook=classbook, **_texts(lang))


def results_document(entries: Sequence[ReportEntry], skipped: Sequence[Skipped]) -> dict:
    """The content of results.json (no secret and no seed: grader/seed.py)."""
    return {
        "grader_version": __version__,
        "submissions": [e.result.to_json() | {"report": e.href} for e in entries],
        "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")  # two runs on one --out: each its own
    try:
        partial.write_text(text, encoding="utf-8")
    except OSError as exc:  # a full disk: name the file, leave no half-written one
        partial.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    partial.replace(path)


def write_reports(out: Path, results: Sequence[SubmissionResult], skipped: Sequence[Skipped],
                  lang: str = DEFAULT_LANG, gradescope: bool = False, classbook=None) -> list[ReportEntry]:
    """Write every page and the dashboard (in `lang`), grades.csv and results.json into `out`
    (and `gradescope/<student>/<assignment>/results.json` with `gradescope`); with `classbook`
    (a roster or course file), each page's lateness and the class's view on the dashboard."""
    entries = assign_pages(results)
    for i, entry in enumerate(entries):
        class_entry = classbook.entry_of(i) if classbook is not None else None
        _write(out / entry.href, render_submission(entry.result, lang, class_entry))
    _write(out / "index.html", render_index(entries, skipped, lang, (out / "similarity.html").is_file(), classbook))
    _write(out / GRADES_FILE, grades_csv(results))
    if gradescope:
        write_gradescope(out, results, [e.href for e in entries], lang)
    _write(out / "results.json", json.dumps(results_document(entries, skipped), indent=1))
    return entries
