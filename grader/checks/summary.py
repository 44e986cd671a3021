"""Summary checks (alexnet_model's `summary`): the notebook, as the grader ran it, shows a model
summary (torchsummary, torchinfo, Keras `model.summary()`: their "Total params: N" line, or
`print(model)`) of the student's own model. What the submitted file has stored as outputs is
never looked at: the kernel recorded what the cells showed (grader/kernel_side/recorder.py)."""

from __future__ import annotations

from grader.checks import model
from grader.compare import Verdict
from grader.messages import say
from grader.plan import CheckPlan, check_id
from grader.probe import ProbeOutcome
from grader.rubric import Assignment, Graded


def plan(assignment: Assignment, graded: Graded, seed: int) -> list[CheckPlan]:
    s = model._settings(assignment, graded)
    request = {"kind": "summary", "class_name": s["class_name"], "classes": s["classes"]}
    return [CheckPlan(check_id(graded, None), graded, graded.points, True, request)]


def judge(plan: CheckPlan, outcome: ProbeOutcome, lang: str = "en") -> Verdict:
    d = outcome.detail
    totals = [t for t in d.get("totals", []) if type(t) is int]
    counts = {k: v for k, v in (d.get("counts") or {}).items() if type(v) is int}
    if d.get("printed_model") is True:
        return Verdict("pass", say("summary.printed", lang))
    matching = [t for t in totals if t in counts.values()]
    if matching:
        return Verdict("pass", say("summary.pass", lang, total=matching[0]))
    if not totals:
        return Verdict("fail", say("summary.none", lang))
    own = ", ".join(f"{who} {n:,}" for who, n in counts.items()) or say("summary.no_model", lang)
    return Verdict("fail", say("summary.other", lang, totals=", ".join(f"{t:,}" for t in totals[:3]), own=own))
