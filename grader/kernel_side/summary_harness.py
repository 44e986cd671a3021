"""Summary probe, run INSIDE the kernel next to harness.py, model_harness.py and keras_harness.py:
what the student's cells showed (recorder.py kept it as the grader ran them) against the
student's own models, built here. Outputs stored in the submitted file never reach this."""

import re
import sys

TOTAL = re.compile(r"Total params:\s*([\d,]+)")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
"""Keras's summary (rich) colours its numbers with terminal escapes."""
MAX_TOTALS = 20


def _counts(ns, request):
    """{who: parameter count} of the student's PyTorch model (`Class(classes)`) and Keras model
    (all weights, and trainable ones); a model that cannot be built is left out."""
    counts = {}
    build = globals().get("_build")
    if build is not None:
        model, problem = build(ns, request["class_name"], request["classes"])
        if problem is None:
            counts["pytorch"] = int(sum(p.numel() for p in model.parameters()))
            counts["pytorch_repr"] = repr(model)
    find = globals().get("find_model")
    if find is not None and "keras" in sys.modules:
        name, model = find(ns, request["classes"])
        if name is not None:
            counts["keras"] = int(model.count_params())
    return counts


def probe_summary(inputs, out, ns, request):
    rec = sys.modules.get("__cnn_grader_record__")
    text = ANSI.sub("", "".join(rec.text)) if rec is not None else ""
    totals = [int(t.replace(",", "")) for t in TOTAL.findall(text)[:MAX_TOTALS] if t.replace(",", "")]
    counts = _counts(ns, request)
    shown_repr = "pytorch_repr" in counts and counts.pop("pytorch_repr") in text
    return {"kind": "ok", "totals": totals, "counts": counts, "printed_model": shown_repr,
            "recorded": rec is not None}
