"""Public reference of cnn_arithmetic: sizes and counts measured on PyTorch's own layers (on the
meta device, so nothing is allocated). Students get it; graded functions may not use torch."""

import torch
import torch.nn as nn
import torch.nn.functional as F_


def _size(layer, N):
    """The output width of `layer` on an N x N input, or None when the input is too small."""
    try:
        return int(layer(torch.empty(1, 1, N, N, device="meta")).shape[-1])
    except RuntimeError:
        return None


def _fitting(layer, N, what):
    """PyTorch floors a size that is not whole: the size fits exactly when one row fewer gives
    one output fewer (or when the filter covers the input exactly)."""
    size = _size(layer, N)
    if size is None or _size(layer, N - 1) == size:
        raise ValueError(f"{what}: the window does not fit the input a whole number of times")
    return size


def conv_output_size(N, F, P, S):
    if S <= 0:
        raise ValueError("conv_output_size: the stride must be positive")
    weight = torch.empty(1, 1, F, F, device="meta")
    return _fitting(lambda x: F_.conv2d(x, weight, stride=S, padding=P), N, "conv_output_size")


def conv_param_count(F, C_in, C_out, bias=True):
    layer = nn.Conv2d(C_in, C_out, F, bias=bias, device="meta")
    return int(sum(p.numel() for p in layer.parameters()))


def bottleneck_param_count(F, C_in, C_mid, C_out):
    layers = nn.Sequential(nn.Conv2d(C_in, C_mid, 1, device="meta"), nn.Conv2d(C_mid, C_out, F, device="meta"))
    return int(sum(p.numel() for p in layers.parameters()))


def pool_output_size(N, F, S):
    if S <= 0:
        raise ValueError("pool_output_size: the stride must be positive")
    return _fitting(lambda x: F_.max_pool2d(x, F, stride=S), N, "pool_output_size")
