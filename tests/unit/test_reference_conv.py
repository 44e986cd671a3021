"""Unit tests of the conv_numpy references: CS231n's published examples, NumPy vs PyTorch,
and backward passes vs centred numerical gradients."""
import numpy as np
import pytest

NUMPY_REF = 'solutions/conv_numpy/reference_numpy.py'
TORCH_REF = 'assignments/conv_numpy/reference_torch.py'

# (id, x shape, w shape, stride, pad)
CONV_CASES = [
    ('pad0_stride1', (2, 3, 5, 5), (4, 3, 3, 3), 1, 0),
    ('pad1_stride1_h_ne_w', (2, 3, 6, 5), (4, 3, 3, 3), 1, 1),
    ('pad1_stride2_h_ne_w', (2, 3, 7, 5), (4, 3, 3, 3), 2, 1),
    ('pad2_stride1_h_ne_w', (1, 2, 6, 4), (3, 2, 3, 3), 1, 2),
    ('pad0_stride2_remainder', (2, 2, 6, 8), (3, 2, 3, 3), 2, 0),
    ('kernel3x1_pad1_stride1', (2, 3, 6, 5), (2, 3, 3, 1), 1, 1),
    ('kernel3x1_pad2_stride2', (2, 2, 5, 7), (3, 2, 3, 1), 2, 2),
    ('kernel2x4_pad1_stride2', (1, 3, 5, 9), (2, 3, 2, 4), 2, 1),
]
# (id, x shape, pool_height, pool_width, stride)
POOL_CASES = [
    ('2x2_stride2', (2, 3, 4, 6), 2, 2, 2),
    ('2x2_stride2_remainder', (2, 2, 5, 7), 2, 2, 2),
    ('3x3_stride2_overlap', (2, 2, 7, 5), 3, 3, 2),
    ('2x1_stride1_overlap', (2, 3, 5, 4), 2, 1, 1),
]


def rel_error(x, y):
    """CS231n's relative error: max(|x - y| / max(1e-8, |x| + |y|))."""
    return np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y)))


def eval_numerical_gradient_array(f, x, df, h=1e-5):
    """CS231n's centred numerical gradient of sum(f(x) * df) with respect to x (x is perturbed in place)."""
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + h
        pos = f(x).copy()
        x[ix] = oldval - h
        neg = f(x).copy()
        x[ix] = oldval
        grad[ix] = np.sum((pos - neg) * df) / (2 * h)
        it.iternext()
    return grad


def conv_inputs(seed, x_shape, w_shape):
    rng = np.random.default_rng(seed)
    return rng.standard_normal(x_shape), rng.standard_normal(w_shape), rng.standard_normal(w_shape[0])


def distinct_values(rng, shape):
    """Float64 array of shape with no ties: a random permutation, spaced well above 2h."""
    return rng.permutation(int(np.prod(shape))).reshape(shape) / 10.0 - 1.0


@pytest.fixture(scope='module')
def numpy_ref(solution_loader):
    return solution_loader(NUMPY_REF)


@pytest.fixture(scope='module')
def torch_ref(solution_loader):
    return solution_loader(TORCH_REF)


@pytest.fixture(params=[NUMPY_REF, TORCH_REF], ids=['numpy', 'torch'])
def reference(request, solution_loader):
    return solution_loader(request.param)


def test_conv_forward_cs231n_example(reference):
    x = np.linspace(-0.1, 0.5, num=np.prod((2, 3, 4, 4))).reshape(2, 3, 4, 4)
    w = np.linspace(-0.2, 0.3, num=np.prod((3, 3, 4, 4))).reshape(3, 3, 4, 4)
    b = np.linspace(-0.1, 0.2, num=3)
    out, _ = reference.conv_forward_naive(x, w, b, {'stride': 2, 'pad': 1})
    assert out.shape == (2, 3, 2, 2)
    assert out.dtype == np.float64
    assert rel_error(out[0, 0], np.array([[-0.08759809, -0.10987781],
                                          [-0.18387192, -0.2109216]])) < 1e-7
    assert rel_error(out[1, 2], np.array([[2.36270298, 2.36904306],
                                          [2.38090835, 2.38247847]])) < 1e-7


def test_max_pool_forward_cs231n_example(reference):
    x = np.linspace(-0.3, 0.4, num=np.prod((2, 3, 4, 4))).reshape(2, 3, 4, 4)
    pool_param = {'pool_width': 2, 'pool_height': 2, 'stride': 2}
    out, _ = reference.max_pool_forward_naive(x, pool_param)
    correct_out = np.array([
        [[[-0.26315789, -0.24842105], [-0.20421053, -0.18947368]],
         [[-0.14526316, -0.13052632], [-0.08631579, -0.07157895]],
         [[-0.02736842, -0.01263158], [0.03157895, 0.04631579]]],
        [[[0.09052632, 0.10526316], [0.14947368, 0.16421053]],
         [[0.20842105, 0.22315789], [0.26736842, 0.28210526]],
         [[0.32631579, 0.34105263], [0.38526316, 0.4]]]])
    assert out.shape == correct_out.shape
    assert out.dtype == np.float64
    assert rel_error(out, correct_out) < 1e-7


@pytest.mark.parametrize('x_shape, w_shape, stride, pad',
                         [case[1:] for case in CONV_CASES], ids=[case[0] for case in CONV_CASES])
def test_conv_numpy_matches_torch(numpy_ref, torch_ref, x_shape, w_shape, stride, pad):
    x, w, b = conv_inputs(0, x_shape, w_shape)
    conv_param = {'stride': stride, 'pad': pad}
    out_np, cache_np = numpy_ref.conv_forward_naive(x, w, b, conv_param)
    out_t, cache_t = torch_ref.conv_forward_naive(x, w, b, conv_param)
    expected_h = 1 + (x_shape[2] + 2 * pad - w_shape[2]) // stride
    expected_w = 1 + (x_shape[3] + 2 * pad - w_shape[3]) // stride
    assert out_np.shape == out_t.shape == (x_shape[0], w_shape[0], expected_h, expected_w)
    assert out_np.dtype == out_t.dtype == np.float64
    assert rel_error(out_np, out_t) < 1e-10
    dout = np.random.default_rng(1).standard_normal(out_np.shape)
    grads_np = numpy_ref.conv_backward_naive(dout, cache_np)
    grads_t = torch_ref.conv_backward_naive(dout, cache_t)
    for name, g_np, g_t, like in zip(('dx', 'dw', 'db'), grads_np, grads_t, (x, w, b)):
        assert g_np.shape == g_t.shape == like.shape, name
        assert g_np.dtype == g_t.dtype == np.float64, name
        assert rel_error(g_np, g_t) < 1e-10, name


@pytest.mark.parametrize('x_shape, pool_height, pool_width, stride',
                         [case[1:] for case in POOL_CASES], ids=[case[0] for case in POOL_CASES])
def test_max_pool_numpy_matches_torch(numpy_ref, torch_ref, x_shape, pool_height, pool_width,
                                      stride):
    rng = np.random.default_rng(2)
    x = distinct_values(rng, x_shape)
    pool_param = {'pool_height': pool_height, 'pool_width': pool_width, 'stride': stride}
    out_np, cache_np = numpy_ref.max_pool_forward_naive(x, pool_param)
    out_t, cache_t = torch_ref.max_pool_forward_naive(x, pool_param)
    expected_h = 1 + (x_shape[2] - pool_height) // stride
    expected_w = 1 + (x_shape[3] - pool_width) // stride
    assert out_np.shape == out_t.shape == x_shape[:2] + (expected_h, expected_w)
    assert out_np.dtype == out_t.dtype == np.float64
    assert rel_error(out_np, out_t) < 1e-10
    dout = rng.standard_normal(out_np.shape)
    dx_np = numpy_ref.max_pool_backward_naive(dout, cache_np)
    dx_t = torch_ref.max_pool_backward_naive(dout, cache_t)
    assert dx_np.shape == dx_t.shape == x.shape
    assert dx_np.dtype == dx_t.dtype == np.float64
    assert rel_error(dx_np, dx_t) < 1e-10


def test_max_pool_backward_accumulates_overlaps(reference):
    # A single maximum shared by every 2x1 stride-1 window of a column receives all their gradients.
    x = np.zeros((1, 1, 3, 1))
    x[0, 0, 1, 0] = 1.0
    pool_param = {'pool_height': 2, 'pool_width': 1, 'stride': 1}
    _, cache = reference.max_pool_forward_naive(x, pool_param)
    dx = reference.max_pool_backward_naive(np.array([[[[2.0], [3.0]]]]), cache)
    assert np.array_equal(dx, np.array([[[[0.0], [5.0], [0.0]]]]))


@pytest.mark.parametrize('x_shape, w_shape, stride, pad', [
    ((2, 3, 5, 4), (2, 3, 3, 3), 1, 1),
    ((1, 2, 6, 5), (3, 2, 3, 1), 2, 2),
], ids=['3x3_pad1_stride1', '3x1_pad2_stride2'])
def test_conv_backward_numerical_gradient(reference, x_shape, w_shape, stride, pad):
    # Centred differences with h=1e-5 carry ~1e-10 absolute noise (eps * |out| / h), so a
    # gradient entry near 1e-3 can reach ~1e-8 relative error: the fixed seeds keep a 7x margin.
    x, w, b = conv_inputs(3, x_shape, w_shape)
    conv_param = {'stride': stride, 'pad': pad}
    out, cache = reference.conv_forward_naive(x, w, b, conv_param)
    dout = np.random.default_rng(4).standard_normal(out.shape)
    dx, dw, db = reference.conv_backward_naive(dout, cache)
    forward = reference.conv_forward_naive
    dx_num = eval_numerical_gradient_array(lambda v: forward(v, w, b, conv_param)[0], x, dout)
    dw_num = eval_numerical_gradient_array(lambda v: forward(x, v, b, conv_param)[0], w, dout)
    db_num = eval_numerical_gradient_array(lambda v: forward(x, w, v, conv_param)[0], b, dout)
    assert rel_error(dx, dx_num) < 1e-8
    assert rel_error(dw, dw_num) < 1e-8
    assert rel_error(db, db_num) < 1e-8


@pytest.mark.parametrize('x_shape, pool_height, pool_width, stride',
                         [case[1:] for case in POOL_CASES], ids=[case[0] for case in POOL_CASES])
def test_max_pool_backward_numerical_gradient(reference, x_shape, pool_height, pool_width,
                                              stride):
    rng = np.random.default_rng(5)
    x = distinct_values(rng, x_shape)
    pool_param = {'pool_height': pool_height, 'pool_width': pool_width, 'stride': stride}
    out, cache = reference.max_pool_forward_naive(x, pool_param)
    dout = rng.standard_normal(out.shape)
    dx = reference.max_pool_backward_naive(dout, cache)
    forward = reference.max_pool_forward_naive
    dx_num = eval_numerical_gradient_array(lambda v: forward(v, pool_param)[0], x, dout)
    assert rel_error(dx, dx_num) < 1e-8
