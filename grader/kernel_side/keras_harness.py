"""Keras model probe, run INSIDE the kernel next to harness.py: find the student's Keras model,
report its parameter count, output shape, layer table (in PyTorch's terms, so the reference's
table compares) or output with the reference's seeded weights transplanted.

The model is the last one a cell left in the notebook's globals (recorded as the cells ran, see
recorder.py, so a later `model = AlexNet(...)` does not hide it), else one built by a function or
Model subclass of the notebook. Inputs arrive as (N, C, H, W) and go in channels-last.
"""

import math
import sys
import traceback
import types

import numpy as np

KERAS_CAUSES = ("keras",)
WEIGHTED = ("Conv2D", "Dense")
TABLE = ("Conv2D", "Dense", "BatchNormalization")


def _keras():
    return sys.modules.get("keras")


def _problem(exc, function):
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-20000:]
    return {"kind": "raised", "function": function, "ename": type(exc).__name__, "evalue": str(exc)[:2000],
            "traceback": text}


def _candidates(ns):
    """(name, model) of the recorded models, newest first, then those in the globals now."""
    keras = _keras()
    rec = sys.modules.get("__cnn_grader_record__")
    found = list(reversed(rec.models)) if rec is not None else []
    found += [(n, v) for n, v in ns.items() if not n.startswith("_") and isinstance(v, keras.Model)]
    return found


def _builders(ns):
    """Functions and Model subclasses defined in the notebook that may build the model."""
    keras = _keras()
    for name, value in list(ns.items()):
        if name.startswith("_"):
            continue
        if isinstance(value, type) and issubclass(value, keras.Model) and value.__module__ == "__main__":
            yield name, value
        elif isinstance(value, types.FunctionType) and value.__module__ == "__main__":
            yield name, value


def _built(ns, classes):
    """A model built by the notebook's own code: no arguments, then the number of classes."""
    keras = _keras()
    for name, build in _builders(ns):
        for args in ((), (classes,)):
            try:
                model = build(*args)
            except Exception:
                continue
            if isinstance(model, keras.Model):
                return name, model
    return None


def _table_size(model):
    try:
        return sum(type(layer).__name__ in TABLE for layer in _layers(model))
    except Exception:
        return 0


def find_model(ns, classes):
    """(name, model) of the student's Keras model, or (None, problem): of the recorded ones, the
    one with the most Conv2D/Dense/BatchNormalization layers (a small test model built later does
    not replace the network), the newest among equals."""
    if _keras() is None:
        return None, {"kind": "missing", "function": "a Keras model (keras was never imported)"}
    found = sorted(_candidates(ns), key=lambda item: -_table_size(item[1]))
    if found:
        return found[0]
    built = _built(ns, classes)
    return built if built is not None else (None, {"kind": "missing", "function": "a Keras model"})


def input_size(model):
    """(H, W, C) the model was built for, or None when it takes any size."""
    try:
        shape = tuple(model.input_shape)
    except Exception:
        return None
    return tuple(int(d) for d in shape[1:]) if len(shape) == 4 and all(d is not None for d in shape[1:]) else None


def channels_last(x, model):
    """The (N, C, H, W) input as (N, H, W, C), cut to the size the model was built for."""
    x = np.transpose(x, (0, 2, 3, 1))
    size = input_size(model)
    if size is not None and size[:2] != x.shape[1:3] and size[0] <= x.shape[1] and size[1] <= x.shape[2]:
        x = x[:, :size[0], :size[1], :]
    return np.ascontiguousarray(x)


def _layers(model):
    """The model's layers in order, nested Sequential/Model layers flattened."""
    keras = _keras()
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            yield from _layers(layer)
        else:
            yield layer


def _padding(layer):
    if layer.padding == "valid":
        return [0, 0]
    k, s = layer.kernel_size, layer.strides
    if all(st == 1 and kk % 2 == 1 for kk, st in zip(k, s)):
        return [(kk - 1) // 2 for kk in k]
    return "same"


def _chw(shape):
    dims = [int(d) for d in shape[1:]]
    return dims[-1:] + dims[:-1] if len(dims) == 3 else dims


def layer_row(layer, out_shape):
    """A row of the PyTorch-style layer table for a Keras Conv2D, Dense or BatchNormalization."""
    kind = type(layer).__name__
    if kind == "Conv2D":
        kernel = layer.kernel.shape
        row = {"type": "Conv2d", "in_channels": int(kernel[2]) * int(getattr(layer, "groups", 1)),
               "out_channels": int(layer.filters), "kernel_size": [int(k) for k in layer.kernel_size],
               "stride": [int(s) for s in layer.strides], "padding": _padding(layer),
               "groups": int(getattr(layer, "groups", 1))}
    elif kind == "Dense":
        row = {"type": "Linear", "in_features": int(layer.kernel.shape[0]), "out_features": int(layer.units)}
    else:
        row = {"type": "BatchNorm2d" if len(out_shape) == 4 else "BatchNorm1d",
               "num_features": int(out_shape[-1])}
    row["output_shape"] = _chw(out_shape)
    row["params"] = int(layer.count_params())
    return row


def run_layers(model, x):
    """Run the model layer by layer on x; (rows, weighted layers with the 4-D shape before them,
    output, error). Layers of any kind run; only Conv2D, Dense and BatchNormalization are rows."""
    rows, weighted, shape_before, out = [], [], None, x
    try:
        for layer in _layers(model):
            if type(layer).__name__ == "InputLayer":
                continue
            out = layer(out, training=False) if "training" in _call_args(layer) else layer(out)
            shape = tuple(int(d) for d in out.shape)
            name = type(layer).__name__
            if name in WEIGHTED:
                weighted.append((layer, shape_before if name == "Dense" else None))
                shape_before = None if name == "Dense" else shape_before
            if name in TABLE:
                rows.append(layer_row(layer, shape))
            if len(shape) == 4:
                shape_before = shape
        return rows, weighted, np.asarray(out), None
    except Exception as exc:
        return rows, weighted, None, exc


def _call_args(layer):
    code = getattr(type(layer).call, "__code__", None)
    return code.co_varnames[:code.co_argcount] if code is not None else ()


def transplant(weighted, seed):
    """Give each Conv2D/Dense, in order, the weights transplant_weights gives the PyTorch layer
    in the same place (same generator), in Keras's layout: HWIO kernels, (in, out) matrices, the
    first Dense after a feature map taking PyTorch's (C, H, W) flattening order. Returns the
    PyTorch-layout weight shapes."""
    import torch

    shapes = []
    for index, (layer, before) in enumerate(weighted):
        generator = torch.Generator().manual_seed(seed * 1009 + index)
        kernel = layer.kernel
        if type(layer).__name__ == "Conv2D":
            h, w, c_in, c_out = (int(d) for d in kernel.shape)
            shape = (c_out, c_in, h, w)
        else:
            shape = (int(kernel.shape[1]), int(kernel.shape[0]))
        weight = torch.randn(shape, generator=generator) * math.sqrt(2.0 / math.prod(shape[1:]))
        bias = torch.randn((shape[0],), generator=generator) * 0.01 if layer.use_bias else None
        if len(shape) == 4:
            value = weight.permute(2, 3, 1, 0)
        elif before is not None and math.prod(before[1:]) == shape[1]:
            _, h, w, c = before
            value = weight.reshape(shape[0], c, h, w).permute(2, 3, 1, 0).reshape(h * w * c, shape[0])
        else:
            value = weight.t()
        kernel.assign(value.contiguous().numpy())
        if bias is not None:
            layer.bias.assign(bias.numpy())
        shapes.append(list(shape))
    return shapes


def probe_keras(inputs, out, ns, request):
    """Answer one keras_* check; the output array goes back as .npy, the rest as JSON."""
    name, model = find_model(ns, request["classes"])
    if name is None:
        return model
    check = request["check"]
    who = {"model": name, "input_size": input_size(model)}
    if check == "keras_param_count":
        trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)  # PyTorch's parameters()
        return {"kind": "ok", "value": trainable, **who}
    x = channels_last(inputs["x"], model)
    rows, weighted, output, exc = run_layers(model, x)
    crash = None if exc is None else _problem(exc, f"{name} (Keras)")
    shape = list(output.shape) if output is not None else None
    if check == "keras_layers":
        return {"kind": "ok", "rows": rows, "output_shape": shape, "crash": crash, **who}
    if crash:
        return crash
    if check == "keras_output_shape":
        return {"kind": "ok", "shape": shape, **who}
    saved = [(layer, [w.numpy() for w in layer.weights]) for layer, _ in weighted]
    try:
        shapes = transplant(weighted, request["weight_seed"])
        _, _, transplanted, exc = run_layers(model, x)
    finally:
        for layer, values in saved:
            for w, v in zip(layer.weights, values):
                w.assign(v)
    if exc is not None:
        return _problem(exc, f"{name} (Keras)")
    np.save(f"{out}out.npy", np.asarray(transplanted, dtype=np.float32), allow_pickle=False)
    return {"kind": "ok", "weight_shapes": shapes, **who}
