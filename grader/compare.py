"""Compare stage: the student's outputs against the reference's, in the grader's own process.

Arrays: shape first, then finiteness, then CS231n's rel_error under the rubric's tolerance.
Runs on plain data read back from files, so nothing the student patched in the kernel matters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.messages import say, say_again
from grader.plan import CheckPlan
from grader.probe import ProbeOutcome
from grader.readback import UNSAFE_KEYS


@dataclass(frozen=True)
class Verdict:
    """The result of one check before points are given."""

    status: str
    """"pass", "fail", "error" or "timeout"; "staff" in the students' distribution for a check
    only the course staff can judge (grader/checks/locked.py)."""
    message: str
    traceback: str | None = None
    worst_index: tuple[int, ...] | None = None
    rel_error: float | None = None
    details: dict | None = None
    """Structured evidence for the report (e.g. the layer tables side by side)."""
    credit: float | None = None
    """The share of the check's points earned, for checks with partial credit (a layer's
    markdown fields); None: all for a pass, nothing otherwise."""


def rel_error(x: np.ndarray, y: np.ndarray) -> float:
    """CS231n's relative error: max over elements of |x - y| / max(1e-8, |x| + |y|)."""
    if x.size == 0:
        return 0.0
    return float(np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y))))


def compare_array(name: str, got: np.ndarray, expected: np.ndarray, tol: float, lang: str = "en") -> Verdict:
    """One returned array against its reference, with messages in `lang`."""
    if got.shape != expected.shape:
        return Verdict("fail", say("shape", lang, out=name, got=got.shape, expected=expected.shape))
    if got.dtype.kind == "c":
        return Verdict("fail", say("complex", lang, out=name))
    values = got.astype(np.float64) if got.dtype.kind in "biu" else got
    bad = ~np.isfinite(values)
    if np.any(bad):
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        what = say("nan" if np.isnan(values[index]) else "infinity", lang)
        return Verdict("fail", say("not_finite", lang, out=name, what=what, index=index), worst_index=index)
    rel = rel_error(values, expected)
    if rel <= tol:
        return Verdict("pass", say("pass", lang, rel=rel, tol=tol), rel_error=rel)
    diff = np.abs(values - expected)
    index = tuple(int(i) for i in np.unravel_index(int(np.argmax(diff)), diff.shape))
    message = say("values", lang, out=name, rel=rel, tol=tol, abs=float(diff[index]), index=index,
                  got=float(values[index]), expected=float(expected[index]))
    if got.dtype in (np.float16, np.float32):
        message += say("float32", lang, out=name, dtype=got.dtype)
    return Verdict("fail", message, worst_index=index, rel_error=rel)


PROBLEM_STATUS = {"timeout": "timeout", "arity": "fail", "type": "fail", "not_integer": "fail", "forbidden": "fail",
                  "not_module": "fail", "missing": "error", "not_callable": "error", "raised": "error",
                  "died": "error", "output_limit": "error", "unsafe": "error", "harness": "error"}
GOT_KEYS = ("got.values", "got.shape", "got.value")
"""How the kernel's harness describes a returned value (kernel_side/harness.py `_describe`,
`_describe_value`), in English; said in the student's language where the message is made."""


def _text(value) -> str:
    """A kernel-supplied field as text, whatever type it came back as."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def problem_verdict(plan: CheckPlan, outcome: ProbeOutcome, timeout: float, lang: str = "en") -> Verdict:
    """A probe that produced no outputs: say what the kernel reported.

    The report comes from a file the student's kernel could have written, so every field is
    treated as untrusted text and an unknown kind is itself an error.
    """
    d = dict(outcome.detail)
    function = _text(d.get("function")) or plan.graded.name
    kind = outcome.kind if outcome.kind in PROBLEM_STATUS else "unsafe"
    reason = say_again(_text(d.get("reason")), UNSAFE_KEYS, lang) or say("reason.probe_reported", lang,
                                                                           kind=repr(outcome.kind))
    over_memory = kind == "died" and d.get("ename") == "MemoryLimit"
    got = say_again(_text(d.get("got")), GOT_KEYS, lang) if kind in ("arity", "type", "not_integer") else _text(d.get("got"))
    message = say("memory_limit" if over_memory else kind, lang, limit=_text(d.get("limit")), function=function, timeout=timeout, ename=_text(d.get("ename")),
                  evalue=_text(d.get("evalue")), got=got, output=_text(d.get("output")),
                  expected=_text(d.get("expected")), reason=reason)
    if d.get("stage") == "forward":
        message += say("forward_stage", lang, function=function, graded=plan.graded.name)
    traceback = d.get("traceback")
    return Verdict(PROBLEM_STATUS[kind], message, traceback=traceback if isinstance(traceback, str) else None)


TIES = ("subgradient", "strict")
"""How max-pool backward is judged where a window's maximum is tied (the rubric's `ties`):
"subgradient" (the default) accepts the gradient given to any one of the tied maxima or to each
of them, as CS231n's checks do; "strict" wants the reference's choice (the first maximum)."""


def _windows(x: np.ndarray, pool_param: dict):
    """(n, c, rows, cols, tied-maximum mask) of every pooling window of x (N, C, H, W)."""
    ph, pw, s = (int(pool_param[k]) for k in ("pool_height", "pool_width", "stride"))
    _, _, height, width = x.shape
    for i in range((height - ph) // s + 1):
        for j in range((width - pw) // s + 1):
            rows, cols = slice(i * s, i * s + ph), slice(j * s, j * s + pw)
            window = x[:, :, rows, cols]
            yield i, j, rows, cols, window == window.max(axis=(2, 3), keepdims=True)


def tie_subgradient(dx: np.ndarray, x: np.ndarray, dout: np.ndarray, pool_param: dict, tol: float) -> str | None:
    """"all" when dx gives each window's gradient to every one of its tied maxima, "one" when
    to exactly one of them, within `tol` (CS231n's rel_error); None when x has no tie or dx is
    neither. Windows whose tied maxima overlap another window's are judged only as "all"."""
    if dx.shape != x.shape or x.ndim != 4 or dx.dtype.kind not in "biuf" or not np.all(np.isfinite(dx)):
        return None
    every = np.zeros(x.shape)
    fixed = np.zeros(x.shape)
    tied: list[tuple] = []
    for i, j, rows, cols, mask in _windows(x, pool_param):
        g = dout[:, :, i:i + 1, j:j + 1]
        every[:, :, rows, cols] += mask * g
        single = mask.sum(axis=(2, 3)) == 1
        fixed[:, :, rows, cols] += mask * g * single[:, :, None, None]
        if not single.all():
            tied.append((~single, rows, cols, mask, g))
    if not tied:
        return None
    values = dx.astype(np.float64)
    if rel_error(values, every) <= tol:
        return "all"
    return "one" if _one_each(values - fixed, tied, tol) else None


def _one_each(rest: np.ndarray, tied: list, tol: float) -> bool:
    """Whether what remains of dx once the untied windows are taken out is, in each tied window,
    its whole gradient on one of its tied maxima and nothing elsewhere (tied maxima that two
    windows share cannot be told apart here: such a dx is not accepted as "one")."""
    claimed = np.zeros(rest.shape, dtype=int)
    for which, rows, cols, mask, _ in tied:
        claimed[:, :, rows, cols] += mask & which[:, :, None, None]
    if claimed.max() > 1:
        return False
    expected = np.zeros(rest.shape)
    for which, rows, cols, mask, g in tied:
        for n, c in zip(*np.nonzero(which)):
            want = g[n, c, 0, 0]
            spots = np.argwhere(mask[n, c])
            got = rest[n, c, rows, cols][mask[n, c]]
            near = np.abs(got - want) <= tol * (np.abs(got) + abs(want)) + 1e-12
            if not near.any():
                return False
            r, q = spots[int(np.argmax(near))]
            expected[n, c, rows.start + r, cols.start + q] = want
    return rel_error(rest, expected) <= tol
