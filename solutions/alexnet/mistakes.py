"""Known mistakes of the AlexNet assignments, as variants of the reference models.

Used by the grader's diagnose stage, in its own process, on a failed check:
- variable_candidates(name, got): mistaken answers of alexnet_params, each with its id;
- model_candidates(check, classes, evidence): mistaken models of alexnet_model, as builders
  that the grader measures as the check does (parameter count, output shape, layer table,
  output with the same weights) and compares with what the student's model gave.
Where a mistake has a free parameter (a number of classes, a padding), it is read from the
student's answer and the variant built with it must then reproduce the whole answer.
"""
import functools
import importlib.util
import itertools
from pathlib import Path

import torch
import torch.nn as nn


def _load_models():
    path = Path(__file__).with_name("models.py")
    spec = importlib.util.spec_from_file_location("_alexnet_models_for_mistakes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MODELS = _load_models()
WEIGHTED = ("conv1", "conv2", "conv3", "conv4", "conv5", "fc1", "fc2", "fc3")
INPUT_SIZE = 227
FC3_PER_CLASS = 4096 + 1


_on_meta = MODELS.on_meta

# ---------------------------------------------------------------- alexnet_params


@functools.lru_cache(maxsize=1)
def _count_tables():
    """{mistake id: {layer name: count}} for the mistakes that need no fitting."""
    paper = _on_meta(MODELS.PaperAlexNet, 1000)
    layers = [m for m in paper.modules() if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.Linear))]
    weights_only = {name: (layer.weight.numel() if hasattr(layer, "weight") else 0)
                    for name, layer in zip(MODELS.LAYER_NAMES, layers)}
    return {
        "alexnet_params.no_bias": weights_only,
        "alexnet_params.grouped": MODELS.layer_parameter_counts(_on_meta(MODELS.GroupedAlexNet, 1000)),
        "alexnet_params.torchvision": MODELS.layer_parameter_counts(_on_meta(MODELS.torchvision_alexnet, 1000)),
    }


@functools.lru_cache(maxsize=1)
def output_shapes():
    """{layer name: output shape (H, W, C) or (units,)} of the paper network, as the course
    table writes them."""
    paper = _on_meta(MODELS.PaperAlexNet, 1000)
    layers = [m for m in paper.modules() if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.Linear))]
    shapes = []
    handles = [m.register_forward_hook(lambda m, i, o: shapes.append(tuple(o.shape[1:]))) for m in layers]
    paper(torch.empty(1, 3, INPUT_SIZE, INPUT_SIZE, device="meta"))
    for handle in handles:
        handle.remove()
    return {name: (s[1], s[2], s[0]) if len(s) == 3 else s for name, s in zip(MODELS.LAYER_NAMES, shapes)}


def variable_candidates(name, got):
    """(mistake id, message values, mistaken value) for answer `name`; `got` is the student's
    integer, or a tuple of integers. A tuple stands for the product of its entries."""
    for mistake, table in _count_tables().items():
        yield mistake, {}, table[name]
    shape = output_shapes()[name]
    size = 1
    for n in shape:
        size *= n
    yield "alexnet_params.output_size", {"shape": "×".join(str(n) for n in shape)}, size
    if name == "FC3" and isinstance(got, int) and got > 0 and got % FC3_PER_CLASS == 0:
        classes = got // FC3_PER_CLASS
        paper = _on_meta(MODELS.PaperAlexNet, classes)
        yield "alexnet_params.wrong_classes", {"classes": classes}, MODELS.layer_parameter_counts(paper)["FC3"]

# ---------------------------------------------------------------- alexnet_model: variants


def _weighted_layers(model):
    return [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


def with_batchnorm(n_classes, after):
    """The paper network with BatchNorm after each weighted layer named in `after`."""
    model = MODELS.PaperAlexNet(n_classes)
    named = dict(zip(_weighted_layers(model), WEIGHTED))
    for part in ("features", "classifier"):
        modules = []
        for module in getattr(model, part):
            modules.append(module)
            if named.get(module) in after:
                norm = nn.BatchNorm2d if isinstance(module, nn.Conv2d) else nn.BatchNorm1d
                modules.append(norm(module.weight.shape[0]))
        setattr(model, part, nn.Sequential(*modules))
    return model


def without_activation(n_classes, layer):
    """The paper network without the ReLU that follows `layer`."""
    model = MODELS.PaperAlexNet(n_classes)
    target = _weighted_layers(model)[WEIGHTED.index(layer)]
    for part in (model.features, model.classifier):
        modules = list(part)
        if target in modules:
            index = next(i for i in range(modules.index(target), len(modules))
                         if isinstance(modules[i], nn.ReLU))
            part[index] = nn.Identity()
    return model


def _feature_side(geometry):
    """Side of the last feature map for conv (kernel, stride, padding) triples, or 0."""
    side = INPUT_SIZE
    for index, (kernel, stride, padding) in enumerate(geometry):
        side = (side + 2 * padding - kernel) // stride + 1
        if index in (0, 1, 4):
            side = (side - 3) // 2 + 1  # the 3x3 / 2 max pools after conv1, conv2, conv5
        if side < 1:
            return 0
    return side


def with_geometry(n_classes, layer, padding, stride):
    """The paper network with conv `layer`'s padding and stride changed, FC1 resized to fit."""
    model = MODELS.PaperAlexNet(n_classes)
    convs = [m for m in model.features if isinstance(m, nn.Conv2d)]
    conv = convs[WEIGHTED.index(layer)]
    conv.padding, conv.stride = tuple(padding), tuple(stride)
    side = _feature_side([(c.kernel_size[0], c.stride[0], c.padding[0]) for c in convs])
    if side == 0:
        raise ValueError("the feature map vanishes")
    model.classifier[0] = nn.Linear(256 * side * side, 4096)
    return model


def with_fc1_inputs(n_classes, inputs):
    model = MODELS.PaperAlexNet(n_classes)
    model.classifier[0] = nn.Linear(inputs, 4096)
    return model


class WithOutput(nn.Module):
    """A network with a function applied to its logits (softmax, log_softmax)."""

    def __init__(self, net, function):
        super().__init__()
        self.net, self.function = net, function

    def forward(self, x):
        return self.function(self.net(x), dim=1)


def with_output(n_classes, function):
    return WithOutput(MODELS.PaperAlexNet(n_classes), function)

# ---------------------------------------------------------------- alexnet_model: candidates


PAPER_GEOMETRY = ((11, 4, 0), (5, 1, 2), (3, 1, 1), (3, 1, 1), (3, 1, 1))


def _geometry_candidate(classes, k, padding, stride):
    kind = "model.padding_differs" if padding[0] != PAPER_GEOMETRY[k][2] else "model.stride_differs"
    got, expected = (padding, PAPER_GEOMETRY[k][2]) if kind == "model.padding_differs" else (stride, PAPER_GEOMETRY[k][1])
    values = {"layer": WEIGHTED[k], "got": _pair_text(got), "expected": str(expected),
              "shape": _conv_shape(k, padding, stride), "ref_shape": _conv_shape(k, None, None)}
    return kind, values, functools.partial(with_geometry, classes, WEIGHTED[k], padding, stride)


def _pair_text(pair):
    return str(pair[0]) if len(set(pair)) == 1 else str(tuple(pair))


def _conv_shape(k, padding, stride):
    """Output shape [C, H, W] of conv k of the paper network, with a padding and stride of its own."""
    model = _on_meta(MODELS.PaperAlexNet, 1000)
    convs = [m for m in model.features if isinstance(m, nn.Conv2d)]
    if padding is not None:
        convs[k].padding, convs[k].stride = tuple(padding), tuple(stride)
    shapes = []
    handle = convs[k].register_forward_hook(lambda m, i, o: shapes.append(list(o.shape[1:])))
    model.features(torch.empty(1, 3, INPUT_SIZE, INPUT_SIZE, device="meta"))
    handle.remove()
    return str(shapes[0])


def _rows_geometry(rows):
    """(conv index, padding, stride) of the first Conv2d row whose padding or stride differs."""
    convs = [r for r in rows if r.get("type") == "Conv2d"]
    for k, (row, (_, stride, padding)) in enumerate(zip(convs, PAPER_GEOMETRY)):
        got_p, got_s = row.get("padding"), row.get("stride")
        if not (isinstance(got_p, list) and isinstance(got_s, list) and len(got_p) == len(got_s) == 2
                and all(isinstance(v, int) and 0 <= v <= 16 for v in got_p + got_s)):
            return None
        if got_p != [padding] * 2 or got_s != [stride] * 2:
            return k, got_p, got_s
    return None


def _batchnorm_after(rows):
    """Names of the weighted layers that a BatchNorm row follows in the student's table."""
    after, count = [], 0
    for row in rows:
        if row.get("type") in ("Conv2d", "Linear"):
            count += 1
        elif str(row.get("type", "")).startswith("BatchNorm") and 0 < count <= len(WEIGHTED):
            after.append(WEIGHTED[count - 1])
    return tuple(after)


def _geometries_for(fc1_inputs):
    """Every single-conv change of padding (0-3) or stride (1-4) giving FC1 `fc1_inputs` inputs."""
    for k, p, s in itertools.product(range(5), range(4), range(1, 5)):
        geometry = list(PAPER_GEOMETRY)
        if (s, p) == PAPER_GEOMETRY[k][1:]:
            continue
        geometry[k] = (PAPER_GEOMETRY[k][0], s, p)
        side = _feature_side(geometry)
        if side and 256 * side * side == fc1_inputs:
            yield k, [p, p], [s, s]


def _param_count_candidates(classes, evidence):
    count = evidence["count"]
    for layers in (WEIGHTED[:5], WEIGHTED[:7]):
        yield ("model.batchnorm_added", {"layers": ", ".join(layers)},
               functools.partial(with_batchnorm, classes, layers))
    yield "model.grouped", {}, functools.partial(MODELS.GroupedAlexNet, classes)
    total = sum(p.numel() for p in _on_meta(MODELS.PaperAlexNet, classes).parameters())
    base = total - FC3_PER_CLASS * classes
    if count > base and (count - base) % FC3_PER_CLASS == 0:
        k = (count - base) // FC3_PER_CLASS
        yield "model.wrong_classes", {"got": k, "asked": classes}, functools.partial(MODELS.PaperAlexNet, k)
    if (count - total) % 4096 == 0 and 9216 + (count - total) // 4096 > 0:
        inputs = 9216 + (count - total) // 4096
        yield ("model.fc1_inputs", {"got": inputs, "expected": 9216},
               functools.partial(with_fc1_inputs, classes, inputs))


def _output_shape_candidates(classes, evidence):
    k = evidence["shape"][-1]
    yield "model.wrong_classes", {"got": k, "asked": classes}, functools.partial(MODELS.PaperAlexNet, k)


def _layers_candidates(classes, evidence):
    rows = evidence["rows"]
    after = _batchnorm_after(rows)
    if after:
        yield ("model.batchnorm_added", {"layers": ", ".join(after)},
               functools.partial(with_batchnorm, classes, after))
    geometry = _rows_geometry(rows)
    if geometry:
        yield _geometry_candidate(classes, *geometry)
    yield "model.grouped", {}, functools.partial(MODELS.GroupedAlexNet, classes)


def _forward_candidates(classes, evidence):
    shapes = evidence.get("weight_shapes")
    if shapes is not None:  # the reference weights did not fit: a layer changes a shape
        if len(shapes) > 5 and len(shapes[5]) == 2:
            for geometry in _geometries_for(shapes[5][1]):
                yield _geometry_candidate(classes, *geometry)
        return
    yield "model.softmax_output", {}, functools.partial(with_output, classes, torch.softmax)
    yield "model.log_softmax_output", {}, functools.partial(with_output, classes, torch.log_softmax)
    for layer in WEIGHTED[:7]:
        yield ("model.missing_activation", {"layer": layer},
               functools.partial(without_activation, classes, layer))


CANDIDATES = {"param_count": _param_count_candidates, "output_shape": _output_shape_candidates,
              "layers": _layers_candidates, "forward": _forward_candidates}


def model_candidates(check, classes, evidence):
    """(mistake id, message values, builder) for a failed model check, most specific first.

    evidence: "count" (param_count), "shape" (output_shape), "rows" (layers) or, for forward,
    "weight_shapes" when the reference weights did not fit the student's model.
    """
    return CANDIDATES[check](classes, evidence)


MISTAKE_IDS = (
    "alexnet_params.no_bias", "alexnet_params.grouped", "alexnet_params.torchvision",
    "alexnet_params.output_size", "alexnet_params.wrong_classes",
    "model.batchnorm_added", "model.grouped", "model.wrong_classes", "model.fc1_inputs",
    "model.padding_differs", "model.stride_differs", "model.softmax_output",
    "model.log_softmax_output", "model.missing_activation",
)
