"""Known mistakes of conv_numpy, as variants of the reference that each embody one of them.

The grader's diagnose stage calls these in its own process (never in a student's kernel) on a
failed check's inputs and names the variant that reproduces what the student returned.
MISTAKES maps a graded name to (diagnosis id, function) pairs, most specific first; each
function has the graded function's signature and returns what it returns. A backward variant
receives the reference forward's cache. A variant that does not apply to a case raises.
"""
import importlib.util
from pathlib import Path

import numpy as np


def _load_reference():
    path = Path(__file__).with_name("reference_numpy.py")
    spec = importlib.util.spec_from_file_location("_conv_numpy_reference_for_mistakes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REF = _load_reference()

# ---------------------------------------------------------------- conv forward


def forward_flipped_kernel(x, w, b, conv_param):
    """A true convolution: the kernel rotated by 180 degrees."""
    return REF.conv_forward_naive(x, w[:, :, ::-1, ::-1], b, conv_param)


def forward_no_bias(x, w, b, conv_param):
    """The bias never added."""
    return REF.conv_forward_naive(x, w, np.zeros_like(b), conv_param)


def forward_no_padding(x, w, b, conv_param):
    """The input never padded (and the output size computed without pad)."""
    return REF.conv_forward_naive(x, w, b, dict(conv_param, pad=0))


def forward_no_stride(x, w, b, conv_param):
    """The window moved by one pixel whatever the stride."""
    return REF.conv_forward_naive(x, w, b, dict(conv_param, stride=1))


def forward_channels_last(x, w, b, conv_param):
    """The output laid out as (N, H', W', F)."""
    out, cache = REF.conv_forward_naive(x, w, b, conv_param)
    return out.transpose(0, 2, 3, 1), cache


def forward_reshape_mixes_axes(x, w, b, conv_param):
    """The output computed as (F, N, H', W') (w_flat @ columns) and reshaped to (N, F, H', W')."""
    out, cache = REF.conv_forward_naive(x, w, b, conv_param)
    return out.transpose(1, 0, 2, 3).reshape(out.shape), cache


def forward_kernel_hw_swapped(x, w, b, conv_param):
    """The kernel indexed w[f, c, l, k]; only possible when it is square."""
    if w.shape[2] != w.shape[3]:
        raise ValueError("a non-square kernel cannot be indexed with its axes swapped")
    return REF.conv_forward_naive(x, w.transpose(0, 1, 3, 2), b, conv_param)

# ---------------------------------------------------------------- conv backward


def _positions(dout, stride, HH, WW):
    """(i, j, row slice, column slice) of every output position, in raster order."""
    _, _, out_h, out_w = dout.shape
    for i in range(out_h):
        for j in range(out_w):
            yield i, j, slice(i * stride, i * stride + HH), slice(j * stride, j * stride + WW)


def _conv_backward(dout, cache, crop="right", db="sum", dw="accumulate", dx="accumulate"):
    """The loop-style backward pass with one of its steps done the wrong way.

    crop: "right", "none" (dx_pad returned) or "minus" (dx_pad[pad:-pad]);
    db: "sum", "mean" (over N, H', W') or "batch_mean" (sum / N);
    dw: "accumulate", "last_term" (dw[f] = last sample's last window) or "last_position"
    (summed over the batch, last window only); dx: "accumulate", "last_window" (dx_pad[window]
    = sum over filters) or "last_filter" (dx_pad[window] = the last filter's term).
    """
    x, w, _, conv_param = cache
    stride, pad = conv_param['stride'], conv_param['pad']
    N, _, H, W = x.shape
    F, _, HH, WW = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dx_pad, dw_out = np.zeros(x_pad.shape), np.zeros(w.shape)
    for i, j, rows, cols in _positions(dout, stride, HH, WW):
        window, d = x_pad[:, :, rows, cols], dout[:, :, i, j]  # (N, C, HH, WW), (N, F)
        term = np.tensordot(d, window, axes=([0], [0]))
        if dw == "accumulate":
            dw_out += term
        elif dw == "last_position":
            dw_out = term
        else:
            dw_out = window[-1][None] * d[-1][:, None, None, None]
        back = np.tensordot(d, w, axes=([1], [0]))  # (N, C, HH, WW)
        if dx == "accumulate":
            dx_pad[:, :, rows, cols] += back
        elif dx == "last_window":
            dx_pad[:, :, rows, cols] = back
        else:
            dx_pad[:, :, rows, cols] = d[:, -1][:, None, None, None] * w[-1][None]
    sums = dout.sum(axis=(0, 2, 3))
    db_out = {"sum": sums, "mean": dout.mean(axis=(0, 2, 3)), "batch_mean": sums / N}[db]
    dx_out = {"right": dx_pad[:, :, pad:pad + H, pad:pad + W], "none": dx_pad,
              "minus": dx_pad[:, :, pad:-pad, pad:-pad]}[crop]
    return dx_out, dw_out, db_out


def backward_pad_not_cropped(dout, cache):
    return _conv_backward(dout, cache, crop="none")


def backward_crop_minus_pad(dout, cache):
    return _conv_backward(dout, cache, crop="minus")


def backward_db_mean(dout, cache):
    return _conv_backward(dout, cache, db="mean")


def backward_db_batch_mean(dout, cache):
    return _conv_backward(dout, cache, db="batch_mean")


def backward_dw_last_term(dout, cache):
    return _conv_backward(dout, cache, dw="last_term")


def backward_dw_last_position(dout, cache):
    return _conv_backward(dout, cache, dw="last_position")


def backward_dx_last_window(dout, cache):
    return _conv_backward(dout, cache, dx="last_window")


def backward_dx_last_filter(dout, cache):
    return _conv_backward(dout, cache, dx="last_filter")

# ---------------------------------------------------------------- max-pool backward


def _pool_backward(dout, cache, assign_mask=False, spread=False, assign_argmax=False):
    """Max-pool backward over windows in raster order, with the window's mask (every tied
    maximum) or its first argmax, added or assigned."""
    x, pool_param = cache
    ph, pw, stride = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    N, C, _, _ = dout.shape
    dx = np.zeros(x.shape)
    n_idx, c_idx = np.indices((N, C))
    for i, j, rows, cols in _positions(dout, stride, ph, pw):
        window, d = x[:, :, rows, cols], dout[:, :, i, j]
        if assign_mask or spread:
            mask = window == window.max(axis=(2, 3), keepdims=True)
            if assign_mask:
                dx[:, :, rows, cols] = mask * d[:, :, None, None]
            else:
                dx[:, :, rows, cols] += mask * d[:, :, None, None]
            continue
        r, q = np.divmod(window.reshape(N, C, -1).argmax(axis=2), pw)
        at = (n_idx, c_idx, rows.start + r, cols.start + q)
        if assign_argmax:
            dx[at] = d
        else:
            dx[at] += d
    return dx


def pool_backward_spread_ties(dout, cache):
    """Every position that ties for the maximum gets the whole gradient."""
    return _pool_backward(dout, cache, spread=True)


def pool_backward_mask_assigned(dout, cache):
    """dx[window] = mask * dout: a later window wipes what earlier ones gave."""
    return _pool_backward(dout, cache, assign_mask=True)


def pool_backward_argmax_assigned(dout, cache):
    """dx[argmax] = dout: a later window replaces an earlier one's gradient at the same input."""
    return _pool_backward(dout, cache, assign_argmax=True)


MISTAKES = {
    "conv_forward_naive": [
        ("conv_forward.no_bias", forward_no_bias),
        ("conv_forward.no_padding", forward_no_padding),
        ("conv_forward.no_stride", forward_no_stride),
        ("conv_forward.flipped_kernel", forward_flipped_kernel),
        ("conv_forward.kernel_hw_swapped", forward_kernel_hw_swapped),
        ("conv_forward.channels_last", forward_channels_last),
        ("conv_forward.reshape_mixes_axes", forward_reshape_mixes_axes),
    ],
    "conv_backward_naive": [
        ("conv_backward.pad_not_cropped", backward_pad_not_cropped),
        ("conv_backward.crop_empty_at_pad_0", backward_crop_minus_pad),
        ("conv_backward.db_averaged", backward_db_mean),
        ("conv_backward.db_averaged", backward_db_batch_mean),
        ("conv_backward.dw_overwritten", backward_dw_last_term),
        ("conv_backward.dw_overwritten", backward_dw_last_position),
        ("conv_backward.dx_overwritten", backward_dx_last_window),
        ("conv_backward.dx_overwritten", backward_dx_last_filter),
    ],
    "max_pool_backward_naive": [
        ("max_pool_backward.spread_ties", pool_backward_spread_ties),
        ("max_pool_backward.overwritten", pool_backward_mask_assigned),
        ("max_pool_backward.overwritten", pool_backward_argmax_assigned),
    ],
}
