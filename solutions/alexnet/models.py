"""Reference AlexNet models of the course staff, for the alexnet_params and alexnet_model checks.

Holds the ungrouped paper network (the graded reference), its two-GPU grouped variant and
torchvision's AlexNet (known-mistake variants), plus two ways of describing a model: the
per-layer parameter counts of the alexnet_params assignment and a layer table recorded with
forward hooks.
"""

import torch
import torch.nn as nn
import torchvision

LAYER_NAMES = ("Conv_1", "Max_pool_1", "Conv_2", "Max_pool_2", "Conv_3", "Conv_4", "Conv_5",
               "Max_pool_3", "FC1", "FC2", "FC3")

_COUNTED_TYPES = (nn.Conv2d, nn.MaxPool2d, nn.Linear)
_TABLE_TYPES = (nn.Conv2d, nn.Linear, nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)


class PaperAlexNet(nn.Module):
    """The ungrouped AlexNet of Krizhevsky et al. (2012) for (N, 3, 227, 227) input, no LRN.

    Conv 96@11x11/4, pool 3x3/2, conv 256@5x5 p2, pool, conv 384@3x3 p1, conv 384@3x3 p1,
    conv 256@3x3 p1, pool, then 9216 -> 4096 -> 4096 -> n_classes with ReLU and Dropout.
    Output: logits of shape (N, n_classes). 62,378,344 parameters for 1000 classes.
    """

    conv_groups = 1  # groups of conv2, conv4 and conv5; 2 in the two-GPU variant

    def __init__(self, n_classes=1000):
        super().__init__()
        g = self.conv_groups
        self.features = nn.Sequential(
            nn.Conv2d(3, 96, kernel_size=11, stride=4, padding=0), nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(96, 256, kernel_size=5, padding=2, groups=g), nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(384, 384, kernel_size=3, padding=1, groups=g), nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1, groups=g), nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Linear(256 * 6 * 6, 4096), nn.ReLU(inplace=True), nn.Dropout(p=0.5),
            nn.Linear(4096, 4096), nn.ReLU(inplace=True), nn.Dropout(p=0.5),
            nn.Linear(4096, n_classes),
        )

    def forward(self, x):
        """x: (N, 3, 227, 227) float32 -> logits (N, n_classes)."""
        x = self.features(x)
        return self.classifier(torch.flatten(x, 1))


class GroupedAlexNet(PaperAlexNet):
    """The two-GPU paper variant: conv2, conv4 and conv5 with groups=2 (60,965,224 parameters)."""

    conv_groups = 2


def torchvision_alexnet(n_classes=1000):
    """torchvision's AlexNet (64-192-384-256-256 channels, 61,100,840 parameters), untrained.

    Never downloads weights.
    """
    return torchvision.models.alexnet(weights=None, num_classes=n_classes)


def layer_parameter_counts(model):
    """Weights plus biases of each Conv2d / MaxPool2d / Linear module of `model`, in order.

    Inputs:
    - model: an nn.Module with exactly 5 Conv2d, 3 MaxPool2d and 3 Linear modules, registered
      in the order of LAYER_NAMES.
    Returns a dict {layer name: parameter count} keyed by LAYER_NAMES (0 for the pools).
    Raises ValueError when the modules do not line up with LAYER_NAMES.
    """
    layers = [m for m in model.modules() if isinstance(m, _COUNTED_TYPES)]
    if len(layers) != len(LAYER_NAMES):
        raise ValueError(f"expected {len(LAYER_NAMES)} Conv2d/MaxPool2d/Linear modules, "
                         f"found {len(layers)}")
    counts = {}
    for name, layer in zip(LAYER_NAMES, layers):
        is_pool = name.startswith("Max_pool")
        if is_pool != isinstance(layer, nn.MaxPool2d):
            raise ValueError(f"{name} is a {type(layer).__name__}, expected "
                             f"{'MaxPool2d' if is_pool else 'Conv2d or Linear'}")
        counts[name] = sum(p.numel() for p in layer.parameters())
    return counts


def _describe(module):
    """The hyper-parameters of one Conv2d / Linear / BatchNorm module as a dict."""
    row = {"type": type(module).__name__}
    if isinstance(module, nn.Conv2d):
        row.update(in_channels=module.in_channels, out_channels=module.out_channels,
                   kernel_size=tuple(module.kernel_size), stride=tuple(module.stride),
                   padding=module.padding if isinstance(module.padding, str)
                   else tuple(module.padding),
                   groups=module.groups)
    elif isinstance(module, nn.Linear):
        row.update(in_features=module.in_features, out_features=module.out_features)
    else:
        row.update(num_features=module.num_features)
    return row


def layer_table(model, input_shape=(1, 3, 227, 227)):
    """One row per Conv2d / Linear / BatchNorm call of `model` on zeros of `input_shape`.

    Rows follow execution order (recorded with forward hooks, in eval mode, without grad;
    every module's training flag is restored afterwards).
    Each row is a dict: type; in_channels, out_channels, kernel_size, stride, padding, groups
    (Conv2d) or in_features, out_features (Linear) or num_features (BatchNorm); output_shape
    (a tuple without the batch dimension); params (weights plus biases of the module).
    """
    rows = []

    def record(module, inputs, output):
        row = _describe(module)
        row["output_shape"] = tuple(output.shape[1:])
        row["params"] = sum(p.numel() for p in module.parameters())
        rows.append(row)

    handles = [m.register_forward_hook(record) for m in model.modules()
               if isinstance(m, _TABLE_TYPES)]
    modes = [(m, m.training) for m in model.modules()]
    try:
        model.eval()
        with torch.no_grad():
            model(torch.zeros(input_shape))
    finally:
        for handle in handles:
            handle.remove()
        for module, training in modes:
            module.training = training
    return rows


def on_meta(build, *args):
    """A model built without allocating or initialising its weights (PyTorch's meta device):
    enough for parameter counts and shapes, and what keeps the grader's memory small."""
    with torch.device("meta"):
        return build(*args)


def expected_parameter_counts():
    """The alexnet_params answers: layer_parameter_counts of the ungrouped paper AlexNet."""
    return layer_parameter_counts(on_meta(PaperAlexNet, 1000))


def _hwc(shape):
    """(N, C, H, W) or (N, F) as the paper writes it: [H, W, C] or [F]."""
    dims = list(shape[1:])
    return dims[1:] + dims[:1] if len(dims) == 3 else dims


def markdown_answers():
    """The alexnet_params markdown answers, measured on the ungrouped paper AlexNet for a
    (1, 3, 227, 227) input: {layer name: {field: value}} with shapes as [H, W, C].

    conv: input, filters, filter_size [F, F, C_in], stride, padding, output, grouped_channels
    (C_in of one GPU's filters in the two-GPU paper network); pool: input, pool_size [F, F],
    stride, output; fc: input (FC1: the pooled [H, W, C]), flatten (FC1), output_size,
    num_classes (FC3).
    """
    model = on_meta(PaperAlexNet, 1000)
    layers = [m for m in model.modules() if isinstance(m, _COUNTED_TYPES)]
    grouped = [m for m in on_meta(GroupedAlexNet, 1000).modules() if isinstance(m, _COUNTED_TYPES)]
    seen = {}

    def record(module, inputs, output):
        seen[id(module)] = (inputs[0].shape, output.shape)

    handles = [m.register_forward_hook(record) for m in layers]
    with torch.no_grad():
        model.eval()(torch.zeros(1, 3, 227, 227, device="meta"))
    for handle in handles:
        handle.remove()
    answers, previous = {}, None
    for name, layer, two_gpu in zip(LAYER_NAMES, layers, grouped):
        inp, out = (_hwc(s) for s in seen[id(layer)])
        if isinstance(layer, nn.Conv2d):
            k, c_in = layer.kernel_size[0], layer.in_channels
            answers[name] = {"kind": "conv", "input": inp, "filters": layer.out_channels,
                             "filter_size": [k, k, c_in], "stride": layer.stride[0],
                             "padding": layer.padding[0], "output": out,
                             "grouped_channels": two_gpu.in_channels // two_gpu.groups}
        elif isinstance(layer, nn.MaxPool2d):
            answers[name] = {"kind": "pool", "input": inp, "pool_size": [layer.kernel_size] * 2,
                             "stride": layer.stride, "output": out}
        else:
            answers[name] = {"kind": "fc", "input": previous if len(previous) == 3 else inp,
                             "output_size": layer.out_features}
            if len(previous) == 3:
                answers[name]["flatten"] = layer.in_features
            if name == LAYER_NAMES[-1]:
                answers[name]["num_classes"] = layer.out_features
        previous = out
    return answers
