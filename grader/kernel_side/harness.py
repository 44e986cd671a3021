"""Probe harness, run INSIDE the student's kernel: call student functions on the grader's cases.

The grader sends this file's text into the kernel after the student's cells, in a cell that
compiles it in its own namespace and calls `run_all(batch_dir, outputs_dir, student_globals)`.
The batch folder (read-only here) holds requests.json (a list of requests) and inputs.npz
(request i's array `x` under `i.x`; plain values come in the request). A request's `kind` says what to do: call a function,
read a variable, or (with model_harness.py sent along) inspect an nn.Module class. Request
i's outputs go to the outputs folder as `i.<name>.npy` (allow_pickle=False) and `i.response.json`,
written as the case finishes, so the grader can tell which case is running. Nothing here judges
the outputs: that happens in the grader's own process, which the student's code cannot reach.
"""

import builtins
import json
import os
import sys
import traceback
import types

import numpy as np

MAX_TRACEBACK_CHARS = 20000


def _load_inputs(arrays, index, request):
    """Request `index`'s inputs: its arrays from the batch's inputs.npz, its plain values."""
    values = dict(request.get("values", {}))
    for name in request.get("arrays", ()):
        values[name] = arrays[f"{index}.{name}"]
    return values


def _lookup(ns, name):
    if name not in ns:
        return None, {"kind": "missing", "function": name}
    if not callable(ns[name]):
        return None, {"kind": "not_callable", "function": name, "got": type(ns[name]).__name__}
    return ns[name], None


def _describe(value):
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} values"
    shape = getattr(value, "shape", None)
    return f"{type(value).__module__}.{type(value).__qualname__}" + (f" of shape {tuple(shape)}" if shape is not None else "")


def _name_results(result, returns, function):
    """Map returned values to the rubric's names, or describe why they do not fit."""
    if len(returns) == 1:
        return {returns[0]: result}, None
    if not isinstance(result, (tuple, list)) or len(result) != len(returns):
        return None, {"kind": "arity", "function": function, "got": _describe(result),
                      "expected": list(returns)}
    return dict(zip(returns, result)), None


def _is_forbidden(module_name, forbidden):
    return isinstance(module_name, str) and any(
        module_name == f or module_name.startswith(f + ".") for f in forbidden)


def _module_of(obj):
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    module = getattr(obj, "__module__", None)
    return module if isinstance(module, str) else None


def _call_watched(fn, args, forbidden):
    """Call fn; with `forbidden`, also record every call into a forbidden module it makes."""
    used = set()

    def watch(frame, event, arg):
        module = frame.f_globals.get("__name__") if event == "call" else (
            _module_of(arg) if event == "c_call" else None)
        if _is_forbidden(module, forbidden):
            used.add(module)

    if forbidden:
        sys.setprofile(watch)
    try:
        return fn(*args), used
    finally:
        if forbidden:
            sys.setprofile(None)


def _call(fn, name, args, forbidden=()):
    """Call the student's function. Under bubblewrap a forbidden library is not even on the
    kernel's file system (kernel_side/hidden.py stands in its place and refuses every use);
    elsewhere calls into it are recorded as they are made."""
    refused_before = set(_refused())
    try:
        result, used = _call_watched(fn, args, forbidden)
        if used:
            return None, {"kind": "forbidden", "function": name, "got": sorted(used)[:5]}
        return result, None
    except BaseException as exc:  # the student's code may raise anything, SystemExit included
        refused = sorted(m for m in _refused() - refused_before if _is_forbidden(m, forbidden))
        if isinstance(exc, ImportError) and _is_forbidden(exc.name, forbidden):
            refused = refused or [exc.name]
        if refused:
            return None, {"kind": "forbidden", "function": name, "got": refused[:5]}
        return None, _raised(exc, name)


def _refused():
    """The forbidden libraries whose use the kernel has refused so far (kernel_side/hidden.py)."""
    return getattr(builtins, "__cnn_grader_refused__", set())


def _raised(exc, name):
    """The problem report of a call that raised: the student's frames of its traceback."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == "<cnn-grader harness>":
        tb = tb.tb_next  # the student's frames only
    text = "".join(traceback.format_exception(type(exc), exc, tb))
    return {"kind": "raised", "function": name, "ename": type(exc).__name__,
            "evalue": str(exc)[:2000], "traceback": text[-MAX_TRACEBACK_CHARS:]}


def _step(ns, name, args, returns, forbidden=()):
    fn, problem = _lookup(ns, name)
    if problem:
        return None, problem
    result, problem = _call(fn, name, args, forbidden)
    if problem:
        return None, problem
    return _name_results(result, returns, name)


def _as_plain_array(value):
    """A plain ndarray of a numeric dtype, or None when the value is not one."""
    if not isinstance(value, (np.ndarray, np.generic, int, float, list, tuple)) or isinstance(value, bool):
        return None
    try:
        array = np.array(value, subok=False)
    except Exception:
        return None
    return array if array.dtype.kind in "biuf" else None


def _save_outputs(out, named, compare, function):
    saved = {}
    for name in compare:
        array = _as_plain_array(named[name])
        if array is None:
            return None, {"kind": "type", "function": function, "output": name,
                          "got": _describe(named[name])}
        np.save(f"{out}{name}.npy", array, allow_pickle=False)
        saved[name] = str(array.dtype)
    return saved, None


def _as_integer(value):
    """An int for integral numbers (NumPy integers and integral floats included), else None."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
        return int(value)
    return None


def _describe_value(value):
    try:
        text = repr(value)
    except Exception:
        text = "?"
    text = text if len(text) <= 80 else text[:77] + "..."
    return f"a {type(value).__name__} {text}"


def _probe_variable(inputs, out, ns, request):
    name = request["name"]
    if name not in ns:
        return {"kind": "missing", "function": name}
    number = _as_integer(ns[name])
    if number is None:
        problem = {"kind": "not_integer", "function": name, "got": _describe_value(ns[name])}
        values = _short_integers(ns[name])
        if values is not None:
            problem["values"] = values  # e.g. an output shape given instead of a count
        return problem
    return {"kind": "ok", "value": number}


def _short_integers(value):
    """A tuple or list of up to 8 integral numbers as a list of ints, else None."""
    if not isinstance(value, (tuple, list)) or not 0 < len(value) <= 8:
        return None
    numbers = [_as_integer(v) for v in value]
    return None if any(n is None for n in numbers) else numbers


def _probe_call(inputs, out, ns, request):
    produced = {}
    forward = request.get("forward")
    if forward:
        args = [inputs[a] for a in forward["args"]]
        produced, problem = _step(ns, forward["name"], args, forward["returns"])
        if problem:
            problem["stage"] = "forward"
            return problem
    args = [produced[a] if a in produced else inputs[a] for a in request["args"]]
    named, problem = _step(ns, request["name"], args, request["returns"], request.get("forbidden", ()))
    if problem:
        return problem
    saved, problem = _save_outputs(out, named, request["compare"], request["name"])
    return problem or {"kind": "ok", "dtypes": saved}


def run(index, request, arrays, outputs_dir, ns):
    """Answer request `index` of a batch against the student's globals `ns`; write its response.
    Probes take (inputs, out, ns, request): `out` is the path prefix of the request's outputs."""
    out = os.path.join(outputs_dir, f"{index}.")
    probes = {"call": _probe_call, "variable": _probe_variable,
              "model": globals().get("probe_model"),  # probe_model: model_harness.py, sent along
              "keras": globals().get("probe_keras"),  # probe_keras: keras_harness.py, sent along
              "summary": globals().get("probe_summary")}  # probe_summary: summary_harness.py
    response = probes[request["kind"]](_load_inputs(arrays, index, request), out, ns, request)
    with open(out + "response.json.partial", "w", encoding="utf-8") as f:
        json.dump(response, f)
    os.replace(out + "response.json.partial", out + "response.json")


def run_all(batch_dir, outputs_dir, ns):
    """Answer the batch's requests (in `batch_dir`, read-only) one after another, in order;
    each response is written to `outputs_dir` as its case finishes."""
    with open(os.path.join(batch_dir, "requests.json"), encoding="utf-8") as f:
        requests = json.load(f)
    path = os.path.join(batch_dir, "inputs.npz")
    arrays = np.load(path, allow_pickle=False) if os.path.exists(path) else {}
    try:
        for index, request in enumerate(requests):
            run(index, request, arrays, outputs_dir, ns)
    finally:
        if hasattr(arrays, "close"):
            arrays.close()
