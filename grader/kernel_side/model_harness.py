"""Model probe, run INSIDE the kernel next to harness.py: build the student's nn.Module class
and report its parameter count, output shape, layer table or transplanted forward output.

The grader also imports this file, for `executed_layers`, `layer_rows` and
`transplant_weights`, so the reference model is measured and seeded exactly as the student's.
"""

import math
import sys
import traceback
import types

import numpy as np
import torch
import torch.nn as nn

TABLE_TYPES = (nn.Conv2d, nn.Linear, nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)
WEIGHTED_TYPES = (nn.Conv2d, nn.Linear)


def _describe_module(module):
    row = {"type": type(module).__name__}
    if isinstance(module, nn.Conv2d):
        row.update(in_channels=module.in_channels, out_channels=module.out_channels,
                   kernel_size=list(module.kernel_size), stride=list(module.stride),
                   padding=module.padding if isinstance(module.padding, str) else list(module.padding),
                   groups=module.groups)
    elif isinstance(module, nn.Linear):
        row.update(in_features=module.in_features, out_features=module.out_features)
    else:
        row.update(num_features=module.num_features)
    row["params"] = int(sum(p.numel() for p in module.parameters(recurse=False)))
    return row


def _any_negative(tensor):
    """Whether a layer's input holds a value below zero (None where it cannot be told): the
    input of a layer that follows a ReLU holds none, which names a missing activation."""
    if not isinstance(tensor, torch.Tensor) or tensor.device.type == "meta" or tensor.is_complex():
        return None
    with torch.no_grad():
        return bool((tensor < 0).any())


def executed_layers(model, x):
    """Run `model` on `x` in eval mode, recording the table modules in execution order.

    Returns (layers, rows, output, error): the modules, one row each (with output_shape without
    the batch dimension, and whether its input held a negative value), the output (None if the
    forward raised) and the exception if any.
    """
    layers, rows = [], []

    def record(module, inputs, output):
        row = _describe_module(module)
        row["output_shape"] = list(output.shape[1:]) if isinstance(output, torch.Tensor) else None
        row["input_negative"] = _any_negative(inputs[0] if inputs else None)
        layers.append(module)
        rows.append(row)

    handles = [m.register_forward_hook(record) for m in model.modules() if isinstance(m, TABLE_TYPES)]
    model.eval()
    try:
        with torch.no_grad():
            return layers, rows, model(x), None
    except Exception as exc:
        return layers, rows, None, exc
    finally:
        for handle in handles:
            handle.remove()


def transplant_weights(layers, seed):
    """Give each executed Conv2d/Linear (in order, each once) weights drawn from `seed`.

    Returns the weight shapes, in order. Identical shapes get identical weights on both sides.
    """
    shapes, seen = [], set()
    for module in layers:
        if not isinstance(module, WEIGHTED_TYPES) or id(module) in seen:
            continue
        seen.add(id(module))
        index = len(shapes)
        generator = torch.Generator().manual_seed(seed * 1009 + index)
        weight = module.weight
        fan_in = weight[0].numel()
        with torch.no_grad():
            weight.copy_(torch.randn(weight.shape, generator=generator) * math.sqrt(2.0 / fan_in))
            if module.bias is not None:
                module.bias.copy_(torch.randn(module.bias.shape, generator=generator) * 0.01)
        shapes.append(list(weight.shape))
    return shapes


def lrn_layers(model, x):
    """Each LocalResponseNorm that runs: its size, alpha, beta and k, the number of Conv2d run
    before it, and whether a max pool ran between that conv and it (pool-then-norm order)."""
    events, found = [], []

    def record(module, inputs, output):
        events.append(module)

    kinds = (nn.Conv2d, nn.MaxPool2d, nn.LocalResponseNorm)
    handles = [m.register_forward_hook(record) for m in model.modules() if isinstance(m, kinds)]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    convs, pooled = 0, False
    for module in events:
        if isinstance(module, nn.Conv2d):
            convs, pooled = convs + 1, False
        elif isinstance(module, nn.MaxPool2d):
            pooled = True
        else:
            found.append({"after_conv": convs, "after_pool": pooled, "size": int(module.size),
                          "alpha": float(module.alpha), "beta": float(module.beta), "k": float(module.k)})
    return found


def insert_lrn(features, lrn):
    """A copy of an nn.Sequential with LocalResponseNorm layers placed as `lrn_layers` reports:
    after the ReLU that follows conv `after_conv`, or after the max pool that follows it."""
    modules, convs, placed = list(features), 0, []
    for index, module in enumerate(modules):
        placed.append(module)
        convs += isinstance(module, nn.Conv2d)
        following = modules[index + 1] if index + 1 < len(modules) else None
        for item in lrn:
            if item["after_conv"] != convs or convs == 0:
                continue
            at_pool = item["after_pool"] and isinstance(module, nn.MaxPool2d)
            at_relu = (not item["after_pool"]) and isinstance(module, nn.ReLU) and not isinstance(following, nn.ReLU)
            if at_pool or at_relu:
                placed.append(nn.LocalResponseNorm(item["size"], item["alpha"], item["beta"], item["k"]))
    return nn.Sequential(*placed)


def _error(exc, function):
    tb = exc.__traceback__.tb_next if exc.__traceback__ is not None else None
    return {"kind": "raised", "function": function, "ename": type(exc).__name__,
            "evalue": str(exc)[:2000], "traceback": "".join(traceback.format_exception(type(exc), exc, tb))[-20000:]}


def _built_models():
    """Models built by earlier probes of this kernel, by (class, classes): building AlexNet
    (62 million weights drawn) costs more than running it, and every check builds the same."""
    cache = sys.modules.get("__cnn_grader_models__")
    if cache is None:
        cache = sys.modules["__cnn_grader_models__"] = types.ModuleType("__cnn_grader_models__")
        cache.models = {}
    return cache.models


def _build(ns, class_name, classes):
    """The student's model for `classes` classes, built right after the caller seeds torch with
    0, or a problem report. A model built by an earlier check of the same class object is
    reused; one whose weights were replaced (the forward check) is not."""
    cls = ns.get(class_name)
    if cls is None:
        return None, {"kind": "missing", "function": class_name}
    if not (isinstance(cls, type) and issubclass(cls, nn.Module)):
        return None, {"kind": "not_module", "function": class_name, "got": type(cls).__name__}
    built = _built_models()
    kept = built.get((class_name, classes))
    if kept is not None and kept[0] is cls:
        return kept[1], None
    try:
        model = cls(classes)
    except Exception as exc:
        return None, _error(exc, f"{class_name}({classes})")
    built[(class_name, classes)] = (cls, model)
    return model, None


def probe_model(inputs, out, ns, request):
    """Answer one model check (`out`: the path prefix of its outputs); tensors go back as .npy,
    everything else as JSON."""
    torch.manual_seed(0)
    model, problem = _build(ns, request["class_name"], request["classes"])
    if problem:
        return problem
    if request["check"] == "param_count":
        return {"kind": "ok", "value": int(sum(p.numel() for p in model.parameters()))}
    x = torch.from_numpy(inputs["x"])
    layers, rows, output, exc = executed_layers(model, x)
    crash = None if exc is None else _error(exc, f"{request['class_name']}.forward")
    if request["check"] == "layers":
        shape = list(output.shape) if isinstance(output, torch.Tensor) else None
        return {"kind": "ok", "rows": rows, "output_shape": shape, "crash": crash}
    if crash:
        return crash
    if not isinstance(output, torch.Tensor):
        return {"kind": "type", "function": f"{request['class_name']}.forward", "output": "output",
                "got": type(output).__name__}
    if request["check"] == "output_shape":
        return {"kind": "ok", "shape": list(output.shape)}
    _built_models().pop((request["class_name"], request["classes"]), None)  # its weights change now
    shapes = transplant_weights(layers, request["weight_seed"])
    with torch.no_grad():
        transplanted = model(x)
    np.save(f"{out}out.npy", transplanted.detach().float().numpy(), allow_pickle=False)
    return {"kind": "ok", "weight_shapes": shapes, "lrn": lrn_layers(model, x), "rows": rows}
