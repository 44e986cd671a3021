"""Markdown checks (alexnet_params' `markdown`): the answers written in each layer's section.

No kernel is involved: the submitted notebook's markdown cells are read in the grader's process
(grader/grade.py hands them over as the outcome), parsed by markdown_parse.py and judged field
by field against answers measured on the reference model (`expected = FUNCTION` of the
reference module). One check per layer, `markdown/<layer>`; each field counts alike within it
(partial credit). Fields with no defined answer (`Max pooling`, `N`) are shown, not graded,
unless the rubric's `accepted` gives answers for them.
"""

from __future__ import annotations

import functools
from pathlib import Path

from grader import reference
from grader.checks import markdown_fields
from grader.checks.markdown_parse import chosen, fields, is_missing, sections
from grader.compare import Verdict
from grader.errors import RubricError, UnreadableNotebook
from grader.messages import say
from grader.notebook import cell_sources, read_notebook
from grader.plan import CheckPlan, check_id
from grader.probe import ProbeOutcome
from grader.rubric import Assignment, Graded

KIND = "markdown"


@functools.lru_cache(maxsize=None)
def expected_answers(path: Path, function: str) -> dict:
    answers = reference.function(reference.load_module(path), function)()
    if not isinstance(answers, dict):
        raise RubricError.of("rubric.markdown_answers", path=path, function=function)
    return answers


def plan(assignment: Assignment, graded: Graded, seed: int) -> list[CheckPlan]:
    """One check per layer, in the reference's order (the rubric's `layers`); in the students'
    distribution (no reference answers) the course staff judges them."""
    function = graded.options.get("expected")
    if not function:
        raise RubricError.of("rubric.markdown_expected", assignment=assignment.name)
    layers = list(graded.options.get("layers", []))
    if assignment.references == "public":
        return [CheckPlan(check_id(graded, layer), graded, 0.0, True, {"kind": KIND}, judged_by="staff")
                for layer in layers]
    answers = expected_answers(assignment.reference, function)
    if layers and layers != list(answers):
        raise RubricError.of("rubric.markdown_layers", name=graded.name, layers=str(layers), known=str(list(answers)))
    skip, accepted = list(graded.options.get("skip", [])), dict(graded.options.get("accepted", {}))
    points = graded.points / len(answers)
    return [CheckPlan(check_id(graded, layer), graded, points, True, {"kind": KIND},
                      expected={"layer": layer, "number": number, "answer": answer, "skip": skip,
                                "accepted": accepted})
            for number, (layer, answer) in enumerate(answers.items(), start=1)]


def is_written(plan: CheckPlan) -> bool:
    """Whether the check reads the notebook's text instead of probing the kernel."""
    return plan.request.get("kind") == KIND


def markdown_sources(data: bytes) -> list[str]:
    """The source of every markdown cell, in order ([] when the file cannot be read as one)."""
    try:
        return cell_sources(read_notebook(data), "markdown")
    except UnreadableNotebook:  # code_sources has already reported it
        return []


def written_outcome(markdown: list[str]) -> ProbeOutcome:
    """The outcome markdown checks are judged on: the notebook's markdown cells."""
    return ProbeOutcome("ok", {}, {"markdown": list(markdown)})


def judge(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    """Each field of the layer's section against the reference; credit is the share right."""
    e = plan.expected
    layer, answer = e["layer"], e["answer"]
    section = sections(outcome.detail.get("markdown", [])).get(e["number"])
    if section is None:
        return Verdict("fail", say("md.section_missing", lang, layer=layer, number=e["number"]), credit=0.0)
    wanted = markdown_fields.field_names(layer, answer, e["skip"])
    written = fields(section, markdown_fields.aliases(answer["kind"]))
    rows, problems, notes, shown = [], [], [], []
    for field in wanted:
        label = markdown_fields.LABELS[field]
        value = chosen(written[field]) if field in written else None
        text = value.text if value is not None else None
        if markdown_fields.is_ungraded(field, e["accepted"]):
            rows.append({"field": label, "written": text, "status": "ungraded"})
            shown.append(say("md.shown", lang, field=label, got=text if text else "-"))
            continue
        status, message = _judge_field(field, label, text, layer, answer, e["accepted"], lang)
        rows.append({"field": label, "written": text, "status": status})
        if message:
            (notes if status == "right" else problems).append(message)
    graded = [r for r in rows if r["status"] != "ungraded"]
    right = sum(r["status"] == "right" for r in graded)
    credit = right / len(graded) if graded else 1.0
    details = {"markdown": {"layer": layer, "fields": rows}}
    tail = "".join(f" {n}" for n in notes) + ("" if not shown else " " + say("md.ungraded", lang, fields="; ".join(shown)))
    if right == len(graded):
        return Verdict("pass", say("md.pass", lang, layer=layer, count=len(graded)) + tail, details=details, credit=1.0)
    return Verdict("fail", say("md.partial", lang, layer=layer, right=right, count=len(graded),
                               problems="; ".join(problems)) + tail, details=details, credit=credit)


def _judge_field(field: str, label: str, text: str | None, layer: str, answer: dict, accepted: dict,
                 lang: str) -> tuple[str, str | None]:
    """(status, message) of one graded field: right (message: a note or None), or why not."""
    where = dict(field=label, layer=layer)
    if text is None:
        return "absent", say("md.absent", lang, **where)
    if is_missing(text):
        return "missing", say("md.missing", lang, **where)
    return markdown_fields.judge_value(field, text, layer, answer, accepted, lang)
