"""The fields of alexnet_params' layer sections: their labels, how each is read and judged, and
why a wrong value is wrong ("stride 3 instead of 2"), for grader/checks/markdown.py."""

from __future__ import annotations

from grader.checks.markdown_parse import integer_of, shape_of, units_of
from grader.messages import say

FIELDS = {
    "conv": ("input", "filters", "filter_size", "stride", "padding", "output"),
    "pool": ("input", "max_pooling", "pool_size", "stride", "output"),
    "fc": ("input", "flatten", "output_size", "n", "num_classes"),
}
LABELS = {"input": "Input", "filters": "Number of filters", "filter_size": "Filter size", "stride": "Stride",
          "padding": "padding", "output": "Output", "max_pooling": "Max pooling",
          "pool_size": "Pooling size", "flatten": "flatten", "output_size": "output size", "n": "N",
          "num_classes": "Num_classes"}
ALIASES = {
    "input": ("input image size", "input size", "input", "입력 크기", "입력"),
    "filters": ("number of filters", "num of filters", "# of filters", "number of kernels", "filters",
                "필터의 수", "필터 수", "필터 개수"),
    "filter_size": ("filter size", "kernel size", "필터 크기", "필터의 크기"),
    "pool_size": ("pooling size", "pool size", "kernel size", "window size", "풀링 크기"),
    "stride": ("strides", "stride", "스트라이드"),
    "padding": ("zero padding", "padding", "패딩"),
    "output": ("output size", "output", "출력 크기", "출력"),
    "max_pooling": ("max pooling", "max pool", "맥스 풀링"),
    "flatten": ("flatten", "flattened"),
    "output_size": ("output size", "output", "출력 크기", "출력"),
    "n": ("n",),
    "num_classes": ("num_classes", "num classes", "number of classes", "클래스 수"),
}
UNGRADED = ("max_pooling", "n")
"""Fields the original asks for without a defined answer: shown to the TA, not graded."""


def field_names(layer: str, answer: dict, skip: list[str]) -> list[str]:
    """The fields asked in this layer's section: its kind's, those the answer defines (FC1's
    flatten, FC3's Num_classes), less the rubric's `skip` ("Conv_1/padding")."""
    return [f for f in FIELDS[answer["kind"]]
            if (f in answer or f in UNGRADED) and f"{layer}/{f}" not in skip]


def aliases(kind: str) -> dict[str, tuple[str, ...]]:
    return {f: ALIASES[f] for f in FIELDS[kind]}


def is_ungraded(field: str, accepted: dict) -> bool:
    return field in UNGRADED and field not in accepted


def shape_text(shape) -> str:
    return "x".join(str(n) for n in shape)


def _geometry(answer: dict) -> tuple[int, int, int, int]:
    """(H, F, P, S) of a convolution or pooling layer."""
    size = answer.get("filter_size", answer.get("pool_size"))
    return answer["input"][0], size[0], answer.get("padding", 0), answer["stride"]


def _output_why(answer: dict, got: tuple[int, ...], lang: str) -> str:
    """Why a conv/pool output shape is wrong: a stride or padding that gives it, or the channels."""
    want = answer["output"]
    if len(got) == 3 and got[:2] == tuple(want[:2]):
        key = "md.why.channels_conv" if answer["kind"] == "conv" else "md.why.channels_pool"
        return say(key, lang, expected=want[2])
    H, F, P, S = _geometry(answer)
    for s in range(1, 6):
        if s != S and (H - F + 2 * P) % s == 0 and (H - F + 2 * P) // s + 1 == got[0]:
            return say("md.why.stride", lang, got=s, expected=S)
    for p in range(0, 4):
        if p != P and (H - F + 2 * p) % S == 0 and (H - F + 2 * p) // S + 1 == got[0]:
            return say("md.why.padding", lang, got=p, expected=P)
    return say("md.why.formula", lang, H=H, F=F, P=P, S=S, out=want[0])


def _input_why(layer: str, answer: dict, got: tuple[int, ...], lang: str) -> str:
    if answer["kind"] == "conv" and got[:2] == (224, 224):
        H, F, P, S = _geometry(answer)
        return say("md.why.paper_224", lang, F=F, S=S, size=(224 - F + 2 * P) / S + 1, expected=shape_text(answer["input"]))
    return say("md.why.previous", lang)


def _wrong(field: str, layer: str, got: str, expected: str, why: str, lang: str) -> tuple[str, str]:
    return "wrong", say("md.wrong", lang, field=LABELS[field], layer=layer, got=got, expected=expected, why=why)


def _unreadable(field: str, layer: str, text: str, lang: str) -> tuple[str, str]:
    return "unreadable", say("md.unreadable", lang, field=LABELS[field], layer=layer, got=text[:80])


def _judge_shape(field: str, text: str, layer: str, answer: dict, lang: str) -> tuple[str, str | None]:
    want = tuple(answer[field])
    got = shape_of(text, 3)
    if got is None and field == "input" and answer["kind"] == "fc":
        number = integer_of(text)
        if number is not None and number == want[0] * want[1] * want[2]:
            return "right", None
    if got is None:
        return _unreadable(field, layer, text, lang)
    if got == want or got == want[2:] + want[:2]:  # H x W x C, or C x H x W as PyTorch writes it
        return "right", None
    why = _output_why(answer, got, lang) if field == "output" else _input_why(layer, answer, got, lang)
    return _wrong(field, layer, shape_text(got), shape_text(want), why, lang)


def _judge_filter(field: str, text: str, layer: str, answer: dict, lang: str) -> tuple[str, str | None]:
    """F x F, F x F x C_in, a bare F; for a convolution the two-GPU F x F x C_in/2 with a note."""
    want = tuple(answer[field])
    got = shape_of(text, len(want))
    if got is None:
        number = integer_of(text)
        got = (number, number) if number is not None else None
    if got is None:
        return _unreadable(field, layer, text, lang)
    if got in (want[:2], want):
        return "right", None
    grouped = answer.get("grouped_channels")
    if grouped is not None and grouped != want[2] and got == want[:2] + (grouped,):
        return "right", say("md.note.grouped", lang, layer=layer, got=shape_text(got), expected=shape_text(want))
    return _wrong(field, layer, shape_text(got), shape_text(want[:2]) + (f" / {shape_text(want)}" if len(want) > 2 else ""),
                  "", lang)


def _judge_integer(field: str, text: str, layer: str, answer: dict, lang: str) -> tuple[str, str | None]:
    want = answer[field]
    if field == "padding" and text.strip().lower().startswith(("same", "valid")):
        H, F, P, S = _geometry(answer)
        same = S == 1 and F % 2 == 1 and P == (F - 1) // 2
        right = (text.strip().lower().startswith("same") and same) or (text.strip().lower().startswith("valid") and P == 0)
        return ("right", None) if right else _wrong(field, layer, text.strip()[:20], str(want), "", lang)
    got = integer_of(text)
    if got is None:
        return _unreadable(field, layer, text, lang)
    if got == want:
        return "right", None
    return _wrong(field, layer, str(got), str(want), "", lang)


def _judge_units(field: str, text: str, layer: str, answer: dict, lang: str) -> tuple[str, str | None]:
    want = answer[field][0] if isinstance(answer[field], list) else answer[field]
    got = units_of(text)
    if got is None:
        return _unreadable(field, layer, text, lang)
    if got == want or (got == "num_classes" and want == answer.get("num_classes")):
        return "right", None
    return _wrong(field, layer, str(got), str(want), "", lang)


def judge_value(field: str, text: str, layer: str, answer: dict, accepted: dict, lang: str) -> tuple[str, str | None]:
    """(status, message) of a field that holds a value: "right" (message: a note or None),
    "wrong" or "unreadable" with the reason."""
    if field in accepted:
        ok = any(str(a).lower() in text.lower() for a in accepted[field])
        return ("right", None) if ok else _wrong(field, layer, text[:40], " / ".join(map(str, accepted[field])), "", lang)
    if field in ("input", "output") and not (answer["kind"] == "fc" and len(answer[field]) == 1):
        return _judge_shape(field, text, layer, answer, lang)
    if field in ("filter_size", "pool_size"):
        return _judge_filter(field, text, layer, answer, lang)
    if field in ("input", "output_size"):
        return _judge_units(field, text, layer, answer, lang)
    return _judge_integer(field, text, layer, answer, lang)
