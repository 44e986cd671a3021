"""Public reference of conv_numpy: torch conv2d and max_pool2d, autograd backward.
Takes and returns NumPy arrays (CS231n signatures); computes in torch.float64 on the CPU.

Students get this file (the students' distribution judges with it, see grader/public.py): it
reveals nothing they could hand in, since graded functions may not use torch."""
import numpy as np
import torch
import torch.nn.functional as F


def _tensor(array, requires_grad=False):
    """A float64 CPU tensor holding a copy of array."""
    return torch.tensor(np.asarray(array), dtype=torch.float64, requires_grad=requires_grad)


def _numpy(tensor):
    """A float64 NumPy copy of tensor."""
    return tensor.detach().cpu().numpy().astype(np.float64, copy=True)


def _conv(x, w, b, conv_param):
    return F.conv2d(x, w, b, stride=conv_param['stride'], padding=conv_param['pad'])


def _pool(x, pool_param):
    kernel = (pool_param['pool_height'], pool_param['pool_width'])
    return F.max_pool2d(x, kernel, stride=pool_param['stride'])


def conv_forward_naive(x, w, b, conv_param):
    """
    Forward pass of a convolutional layer (cross-correlation, zero padding).

    Inputs:
    - x: Input data of shape (N, C, H, W)
    - w: Filter weights of shape (F, C, HH, WW)
    - b: Biases, of shape (F,)
    - conv_param: A dictionary with the keys 'stride' and 'pad'

    Returns a tuple of:
    - out: Output data, of shape (N, F, H', W') where
      H' = 1 + (H + 2 * pad - HH) // stride, W' = 1 + (W + 2 * pad - WW) // stride
    - cache: (x, w, b, conv_param), enough to rerun the forward pass under autograd
    """
    with torch.no_grad():
        out = _conv(_tensor(x), _tensor(w), _tensor(b), conv_param)
    return _numpy(out), (x, w, b, conv_param)


def conv_backward_naive(dout, cache):
    """
    Backward pass of a convolutional layer, by autograd.

    Inputs:
    - dout: Upstream derivatives, of shape (N, F, H', W')
    - cache: A tuple of (x, w, b, conv_param) as in conv_forward_naive

    Returns a tuple of:
    - dx: Gradient with respect to x, of shape (N, C, H, W)
    - dw: Gradient with respect to w, of shape (F, C, HH, WW)
    - db: Gradient with respect to b, of shape (F,)
    """
    x, w, b, conv_param = cache
    inputs = [_tensor(array, requires_grad=True) for array in (x, w, b)]
    out = _conv(*inputs, conv_param)
    grads = torch.autograd.grad(out, inputs, grad_outputs=_tensor(dout))
    dx, dw, db = (_numpy(grad) for grad in grads)
    return dx, dw, db


def max_pool_forward_naive(x, pool_param):
    """
    Forward pass of a max-pooling layer (no padding).

    Inputs:
    - x: Input data, of shape (N, C, H, W)
    - pool_param: dictionary with the keys 'pool_height', 'pool_width' and 'stride'

    Returns a tuple of:
    - out: Output data, of shape (N, C, H', W') where
      H' = 1 + (H - pool_height) // stride, W' = 1 + (W - pool_width) // stride
    - cache: (x, pool_param), enough to rerun the forward pass under autograd
    """
    with torch.no_grad():
        out = _pool(_tensor(x), pool_param)
    return _numpy(out), (x, pool_param)


def max_pool_backward_naive(dout, cache):
    """
    Backward pass of a max-pooling layer, by autograd (overlapping windows accumulate).

    Inputs:
    - dout: Upstream derivatives, of shape (N, C, H', W')
    - cache: A tuple of (x, pool_param) as in max_pool_forward_naive

    Returns:
    - dx: Gradient with respect to x, of shape (N, C, H, W)
    """
    x, pool_param = cache
    x_t = _tensor(x, requires_grad=True)
    (dx,) = torch.autograd.grad(_pool(x_t, pool_param), (x_t,), grad_outputs=_tensor(dout))
    return _numpy(dx)
