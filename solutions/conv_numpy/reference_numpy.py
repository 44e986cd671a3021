"""Reference NumPy solution of conv_numpy, used by the grader to compute expected outputs.
Vectorised: strided window views (im2col without copies), einsum, np.add.at to scatter-add."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _windows(x, height, width, stride):
    """Strided view of every (height, width) window of x, shape (N, C, H', W', height, width)."""
    view = sliding_window_view(x, (height, width), axis=(2, 3))
    return view[:, :, ::stride, ::stride]


def conv_forward_naive(x, w, b, conv_param):
    """
    Forward pass of a convolutional layer (cross-correlation, zero padding).

    Inputs:
    - x: Input data of shape (N, C, H, W)
    - w: Filter weights of shape (F, C, HH, WW)
    - b: Biases, of shape (F,)
    - conv_param: A dictionary with the following keys:
      - 'stride': The number of pixels between adjacent receptive fields in the
        horizontal and vertical directions.
      - 'pad': The number of pixels used to zero-pad the input on each side of
        both spatial dimensions.

    Returns a tuple of:
    - out: Output data, of shape (N, F, H', W') where H' and W' are given by
      H' = 1 + (H + 2 * pad - HH) // stride
      W' = 1 + (W + 2 * pad - WW) // stride
    - cache: (x, w, b, conv_param)
    """
    stride, pad = conv_param['stride'], conv_param['pad']
    _, _, HH, WW = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    cols = _windows(x_pad, HH, WW, stride)
    out = np.einsum('nchwij,fcij->nfhw', cols, w, optimize=True)
    out = out + b.reshape(1, -1, 1, 1)
    cache = (x, w, b, conv_param)
    return out, cache


def conv_backward_naive(dout, cache):
    """
    Backward pass of a convolutional layer.

    Inputs:
    - dout: Upstream derivatives, of shape (N, F, H', W')
    - cache: A tuple of (x, w, b, conv_param) as in conv_forward_naive

    Returns a tuple of:
    - dx: Gradient with respect to x, of shape (N, C, H, W)
    - dw: Gradient with respect to w, of shape (F, C, HH, WW)
    - db: Gradient with respect to b, of shape (F,)
    """
    x, w, _, conv_param = cache
    stride, pad = conv_param['stride'], conv_param['pad']
    _, _, H, W = x.shape
    _, _, HH, WW = w.shape
    _, _, out_h, out_w = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    cols = _windows(x_pad, HH, WW, stride)
    db = dout.sum(axis=(0, 2, 3))
    dw = np.einsum('nchwij,nfhw->fcij', cols, dout, optimize=True)
    dcols = np.einsum('nfhw,fcij->nchwij', dout, w, optimize=True)
    # Input row/column of (output position, kernel offset): shapes (H', HH), (W', WW).
    rows = stride * np.arange(out_h).reshape(-1, 1) + np.arange(HH)
    cols_idx = stride * np.arange(out_w).reshape(-1, 1) + np.arange(WW)
    dx_pad = np.zeros(x_pad.shape, dtype=dcols.dtype)
    index = (slice(None), slice(None),
             rows[:, None, :, None], cols_idx[None, :, None, :])
    np.add.at(dx_pad, index, dcols)
    dx = dx_pad[:, :, pad:pad + H, pad:pad + W]
    return dx, dw, db


def max_pool_forward_naive(x, pool_param):
    """
    Forward pass of a max-pooling layer (no padding).

    Inputs:
    - x: Input data, of shape (N, C, H, W)
    - pool_param: dictionary with the following keys:
      - 'pool_height': The height of each pooling region
      - 'pool_width': The width of each pooling region
      - 'stride': The distance between adjacent pooling regions

    Returns a tuple of:
    - out: Output data, of shape (N, C, H', W') where H' and W' are given by
      H' = 1 + (H - pool_height) // stride
      W' = 1 + (W - pool_width) // stride
    - cache: (x, pool_param)
    """
    ph, pw = pool_param['pool_height'], pool_param['pool_width']
    out = _windows(x, ph, pw, pool_param['stride']).max(axis=(-2, -1))
    cache = (x, pool_param)
    return out, cache


def max_pool_backward_naive(dout, cache):
    """
    Backward pass of a max-pooling layer.

    Each window's upstream derivative goes to the position of that window's
    maximum (the first one on a tie); where windows overlap, the derivatives
    of every window that picked the same position are summed.

    Inputs:
    - dout: Upstream derivatives, of shape (N, C, H', W')
    - cache: A tuple of (x, pool_param) as in max_pool_forward_naive

    Returns:
    - dx: Gradient with respect to x, of shape (N, C, H, W)
    """
    x, pool_param = cache
    ph, pw, stride = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    N, C, out_h, out_w = dout.shape
    windows = _windows(x, ph, pw, stride).reshape(N, C, out_h, out_w, ph * pw)
    offset_h, offset_w = np.divmod(windows.argmax(axis=-1), pw)
    rows = stride * np.arange(out_h).reshape(1, 1, -1, 1) + offset_h
    cols = stride * np.arange(out_w).reshape(1, 1, 1, -1) + offset_w
    n_idx = np.arange(N).reshape(-1, 1, 1, 1)
    c_idx = np.arange(C).reshape(1, -1, 1, 1)
    dx = np.zeros(x.shape, dtype=np.result_type(x.dtype, dout.dtype))
    np.add.at(dx, (n_idx, c_idx, rows, cols), dout)
    return dx
