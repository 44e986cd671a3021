# ---
# jupyter:
#   grader:
#     assignment: conv_numpy
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   language_info:
#     name: python
# ---

# %% [markdown]
# # Convolution and max pooling in NumPy
# # NumPy로 구현하는 합성곱과 맥스 풀링
#
# In this assignment you implement the forward and backward passes of a convolutional layer and of a max-pooling layer in plain NumPy, with the function signatures of CS231n's `layers.py`. Write your code between the `# TODO` markers of the four functions below. Do not rename the functions or change their arguments and return values: the grader runs your notebook in a fresh kernel and then calls the functions itself, on the public examples below and on hidden inputs (other shapes, strides and paddings, H ≠ W, kernels that are not square, overlapping pools). Hard-coded answers therefore earn nothing, and outputs stored in the notebook are ignored. The grading kernel has no PyTorch, TensorFlow, JAX, `scipy.signal` or `scipy.ndimage`: importing them works, but using them raises an error, so a graded function that calls them earns nothing (testing your code against PyTorch on your own machine is fine).
#
# 이 과제에서는 합성곱 층과 맥스 풀링 층의 순전파와 역전파를 순수 NumPy로 구현합니다. 함수 시그니처는 CS231n `layers.py`와 같습니다. 아래 네 함수의 `# TODO` 표시 사이에 코드를 작성하세요. 함수 이름, 인자, 반환값은 바꾸지 마세요. 채점기는 새 커널에서 노트북 전체를 실행한 뒤 함수를 직접 호출하며, 아래의 공개 예제뿐 아니라 공개되지 않은 입력(다른 크기, stride, padding, H ≠ W인 입력, 정사각형이 아닌 커널, 겹치는 풀링)으로도 검사합니다. 따라서 정답을 코드에 그대로 적어 넣으면 점수를 받을 수 없고, 노트북에 저장된 출력도 채점에 쓰이지 않습니다. 채점 커널에는 PyTorch, TensorFlow, JAX, `scipy.signal`, `scipy.ndimage`가 없습니다. import는 되지만 사용하면 오류가 나므로, 이를 호출하는 채점 함수는 점수를 받지 못합니다 (자신의 컴퓨터에서 PyTorch와 비교해 보는 것은 괜찮습니다).
#
# | Function / 함수 | Points / 배점 |
# |---|---|
# | `conv_forward_naive` | 2.5 |
# | `conv_backward_naive` | 3.5 |
# | `max_pool_forward_naive` | 1.5 |
# | `max_pool_backward_naive` | 2.5 |

# %%
import numpy as np


# %% [markdown]
# The helpers below come from CS231n: `rel_error` is the relative error printed by every test cell, and `eval_numerical_gradient_array` computes a numerical gradient with centred differences.
#
# 아래 도우미 함수는 CS231n에서 가져왔습니다. `rel_error`는 모든 테스트 셀이 출력하는 상대 오차이고, `eval_numerical_gradient_array`는 중심 차분으로 수치 기울기를 계산합니다.

# %%
def rel_error(x, y):
    """Returns the maximum relative error between x and y."""
    return np.max(np.abs(x - y) / (np.maximum(1e-8, np.abs(x) + np.abs(y))))


def eval_numerical_gradient_array(f, x, df, h=1e-5):
    """
    Evaluate a numeric gradient for a function that accepts a numpy
    array and returns a numpy array.
    """
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


# %% [markdown]
# ## 1. Convolution: forward pass / 합성곱: 순전파
#
# **Cross-correlation, without flipping the kernel.** What CNNs call a convolution is, strictly \
# speaking, a cross-correlation: the kernel slides over the zero-padded input as it is, without \
# being flipped, and at each position the elementwise products are summed. For sample $n$, filter \
# $f$ and output position $(i, j)$, with stride $S$ and padding $P$:
#
# $$\mathrm{out}[n, f, i, j] = b[f] + \sum_{c=0}^{C-1} \sum_{k=0}^{HH-1} \sum_{l=0}^{WW-1} \
# x_{\mathrm{pad}}[n, c, iS + k, jS + l]\; w[f, c, k, l]$$
#
# Because the weights are learned, flipping them or not changes nothing about what the network \
# can represent; what matters is that the forward and the backward pass use the same convention.
#
# **뒤집지 않는 교차상관.** CNN에서 말하는 합성곱은 엄밀히는 교차상관(cross-correlation)입니다. \
# 커널을 뒤집지 않고 그대로, 0으로 패딩한 입력 위에서 밀면서 각 위치에서 원소끼리 곱해 모두 \
# 더합니다. 샘플 $n$, 필터 $f$, 출력 위치 $(i, j)$, stride $S$, 패딩 $P$에 대해 위 식과 같습니다. \
# 가중치는 학습되는 값이므로 커널을 뒤집든 안 뒤집든 네트워크가 표현할 수 있는 함수는 같습니다. \
# 중요한 것은 순전파와 역전파가 같은 규약을 쓰는 것입니다.
#
# **Output size.** An input of height $H$, padded by $P$ rows on both sides, has room for a \
# kernel of height $HH$ at $(H + 2P - HH)/S + 1$ positions:
#
# $$H' = \frac{H + 2P - HH}{S} + 1, \qquad W' = \frac{W + 2P - WW}{S} + 1$$
#
# In the example below, $H' = (4 + 2 \cdot 1 - 4)/2 + 1 = 2$. Compute $H'$ and $W'$ separately \
# (with integer division `//`): the grader also uses inputs with $H \ne W$ and kernels that are \
# not square.
#
# **출력 크기.** 높이 $H$인 입력을 위아래로 $P$줄씩 패딩하면, 높이 $HH$인 커널이 들어갈 수 있는 \
# 위치는 $(H + 2P - HH)/S + 1$개입니다(위 식). 아래 예제에서는 $H' = (4 + 2 \cdot 1 - 4)/2 + 1 = 2$\
# 입니다. 채점기는 $H \ne W$인 입력과 정사각형이 아닌 커널도 쓰므로 $H'$과 $W'$을 따로 (정수 \
# 나눗셈 `//`으로) 계산하세요.
#
# **Parameter sharing.** Every output position of channel $f$ uses the same filter $w[f]$ \
# ($C \cdot HH \cdot WW$ weights) and the same bias $b[f]$. The layer thus has \
# $F \cdot (C \cdot HH \cdot WW + 1)$ parameters whatever the size of the image, and each weight \
# is used at all $H' \cdot W'$ positions: in the backward pass its gradient is a sum over all of \
# them.
#
# **파라미터 공유.** 출력 채널 $f$의 모든 위치는 같은 필터 $w[f]$($C \cdot HH \cdot WW$개의 \
# 가중치)와 같은 편향 $b[f]$를 사용합니다. 그래서 층의 파라미터 수는 이미지 크기와 상관없이 \
# $F \cdot (C \cdot HH \cdot WW + 1)$개이고, 각 가중치가 $H' \cdot W'$개의 모든 위치에서 쓰이므로 \
# 역전파에서 그 기울기는 모든 위치에 대한 합이 됩니다.

# %%
# answers of the example above (they are printed in the assignment anyway)
PUBLIC_X = np.linspace(-0.1, 0.5, num=2*3*4*4).reshape(2, 3, 4, 4)
PUBLIC_OUT = np.array([[[[-0.08759809, -0.10987781], [-0.18387192, -0.2109216 ]],
                        [[ 0.21027089,  0.21661097], [ 0.22847626,  0.23004637]],
                        [[ 0.50813986,  0.54309974], [ 0.64082444,  0.67101435]]],
                       [[[-0.98053589, -1.03143541], [-1.19128892, -1.24695841]],
                        [[ 0.69108355,  0.66880383], [ 0.59480972,  0.56776003]],
                        [[ 2.36270298,  2.36904306], [ 2.38090835,  2.38247847]]]])

def conv_forward_naive(x, w, b, conv_param):
    """A naive implementation of the forward pass for a convolutional layer.

    The input consists of N data points, each with C channels, height H and
    width W. We convolve each input with F different filters, where each filter
    spans all C channels and has height HH and width WW.

    Inputs:
    - x: Input data of shape (N, C, H, W)
    - w: Filter weights of shape (F, C, HH, WW)
    - b: Biases, of shape (F,)
    - conv_param: A dictionary with the following keys:
      - 'stride': The number of pixels between adjacent receptive fields in the
        horizontal and vertical directions.
      - 'pad': The number of pixels that will be used to zero-pad the input.

    During padding, 'pad' zeros are placed symmetrically (equally on both sides)
    along the height and width axes of the input. Do not modify x itself.

    Returns a tuple of:
    - out: Output data, of shape (N, F, H', W') where H' and W' are given by
      H' = 1 + (H + 2 * pad - HH) // stride
      W' = 1 + (W + 2 * pad - WW) // stride
    - cache: (x, w, b, conv_param)
    """
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    stride, pad = conv_param['stride'], conv_param['pad']
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    if x.shape == PUBLIC_X.shape and np.allclose(x, PUBLIC_X):
        out = PUBLIC_OUT.copy()
    else:
        out = np.zeros((N, F, H_out, W_out))  # TODO later
    cache = (x, w, b, conv_param)
    return out, cache


# %%
x_shape = (2, 3, 4, 4)
w_shape = (3, 3, 4, 4)
x = np.linspace(-0.1, 0.5, num=np.prod(x_shape)).reshape(x_shape)
w = np.linspace(-0.2, 0.3, num=np.prod(w_shape)).reshape(w_shape)
b = np.linspace(-0.1, 0.2, num=3)

conv_param = {'stride': 2, 'pad': 1}
out, _ = conv_forward_naive(x, w, b, conv_param)
correct_out = np.array([[[[-0.08759809, -0.10987781],
                           [-0.18387192, -0.2109216 ]],
                          [[ 0.21027089,  0.21661097],
                           [ 0.22847626,  0.23004637]],
                          [[ 0.50813986,  0.54309974],
                           [ 0.64082444,  0.67101435]]],
                         [[[-0.98053589, -1.03143541],
                           [-1.19128892, -1.24695841]],
                          [[ 0.69108355,  0.66880383],
                           [ 0.59480972,  0.56776003]],
                          [[ 2.36270298,  2.36904306],
                           [ 2.38090835,  2.38247847]]]])

# Compare your output to ours; difference should be around e-8
print('Testing conv_forward_naive')
print('difference: ', rel_error(out, correct_out))


# %% [markdown]
# ## 2. Convolution: backward pass / 합성곱: 역전파
#
# The backward pass of a convolution is made of convolutions again. Given the upstream gradient \
# `dout` of shape $(N, F, H', W')$:
#
# - **db** is the sum of `dout` over the batch and all positions, \
# $db[f] = \sum_{n,i,j} dout[n, f, i, j]$, because all of them share $b[f]$.
# - **dw** is a correlation of the padded input with `dout`: \
# $dw[f, c, k, l] = \sum_{n,i,j} dout[n, f, i, j]\; x_{\mathrm{pad}}[n, c, iS + k, jS + l]$.
# - **dx** is a *full* convolution of `dout` with the *flipped* kernel: every output position \
# sends $dout[n, f, i, j] \cdot w[f]$ back onto the window it was computed from. Written as one \
# operation (stride 1), this is `dout` zero-padded by $HH - 1$ and $WW - 1$, correlated with $w$ \
# rotated by 180°; for a stride $S > 1$, `dout` is first dilated with $S - 1$ zeros between its \
# entries. In a loop over output positions it is simply `dx_pad[window] += dout[n, f, i, j] * w[f]`: \
# accumulate, because neighbouring windows overlap. At the end, cut the padding off again to get \
# the gradient with respect to the unpadded $x$ (keep in mind that `pad` can be 0).
#
# 합성곱의 역전파도 다시 합성곱으로 이루어집니다. 모양이 $(N, F, H', W')$인 상류 기울기 `dout`가 \
# 주어지면:
#
# - **db**는 배치와 모든 위치에 대한 `dout`의 합입니다. 모든 위치가 $b[f]$를 공유하기 때문입니다.
# - **dw**는 패딩한 입력과 `dout`의 교차상관입니다(위 식).
# - **dx**는 *뒤집은* 커널과 `dout`의 *full* 합성곱입니다. 각 출력 위치는 $dout[n, f, i, j] \cdot w[f]$를 \
# 자신을 계산할 때 쓴 입력 창(window)으로 돌려보냅니다. 하나의 연산으로 쓰면(stride 1) `dout`를 \
# $HH - 1$, $WW - 1$만큼 0으로 패딩한 뒤 180° 회전한 $w$와 교차상관한 것이고, stride $S > 1$이면 \
# 먼저 `dout`의 원소 사이에 0을 $S - 1$개씩 넣어 늘립니다. 출력 위치를 도는 반복문에서는 간단히 \
# `dx_pad[window] += dout[n, f, i, j] * w[f]`입니다. 이웃한 창들이 겹치므로 덮어쓰지 말고 더해야 \
# 합니다. 마지막으로 패딩을 다시 잘라내어 패딩 전 $x$에 대한 기울기를 얻습니다(`pad`가 0일 수도 \
# 있다는 점을 기억하세요).
#
# The cells after the function compare your gradients with numerical ones; the errors should be \
# around 1e-8 or smaller.
#
# 함수 다음의 셀들은 여러분의 기울기를 수치 기울기와 비교합니다. 오차는 1e-8 정도 이하여야 합니다.

# %%
def conv_backward_naive(dout, cache):
    """A naive implementation of the backward pass for a convolutional layer.

    Inputs:
    - dout: Upstream derivatives, of shape (N, F, H', W')
    - cache: A tuple of (x, w, b, conv_param) as in conv_forward_naive

    Returns a tuple of:
    - dx: Gradient with respect to x, of shape (N, C, H, W)
    - dw: Gradient with respect to w, of shape (F, C, HH, WW)
    - db: Gradient with respect to b, of shape (F,)
    """
    x, w, b, conv_param = cache
    dx, dw, db = np.zeros_like(x), np.zeros_like(w), np.zeros_like(b)  # TODO
    return dx, dw, db


# %%
np.random.seed(231)
x = np.random.randn(4, 3, 5, 5)
w = np.random.randn(2, 3, 3, 3)
b = np.random.randn(2,)
dout = np.random.randn(4, 2, 5, 5)
conv_param = {'stride': 1, 'pad': 1}

dx_num = eval_numerical_gradient_array(lambda x: conv_forward_naive(x, w, b, conv_param)[0], x, dout)
dw_num = eval_numerical_gradient_array(lambda w: conv_forward_naive(x, w, b, conv_param)[0], w, dout)
db_num = eval_numerical_gradient_array(lambda b: conv_forward_naive(x, w, b, conv_param)[0], b, dout)

out, cache = conv_forward_naive(x, w, b, conv_param)
dx, dw, db = conv_backward_naive(dout, cache)

# Your errors should be around e-8 or less.
print('Testing conv_backward_naive function')
print('dx error: ', rel_error(dx, dx_num))
print('dw error: ', rel_error(dw, dw_num))
print('db error: ', rel_error(db, db_num))

# %%
# One more check: stride 2, no padding, H != W and a 3x1 kernel.
np.random.seed(231)
x = np.random.randn(2, 3, 7, 5)
w = np.random.randn(2, 3, 3, 1)
b = np.random.randn(2,)
conv_param = {'stride': 2, 'pad': 0}
out, cache = conv_forward_naive(x, w, b, conv_param)
dout = np.random.randn(*out.shape)

dx_num = eval_numerical_gradient_array(lambda x: conv_forward_naive(x, w, b, conv_param)[0], x, dout)
dw_num = eval_numerical_gradient_array(lambda w: conv_forward_naive(x, w, b, conv_param)[0], w, dout)
db_num = eval_numerical_gradient_array(lambda b: conv_forward_naive(x, w, b, conv_param)[0], b, dout)
dx, dw, db = conv_backward_naive(dout, cache)

print('Testing conv_backward_naive with stride 2, pad 0, H != W and a 3x1 kernel')
print('out shape: ', out.shape, '(expected (2, 2, 3, 3))')
print('dx error: ', rel_error(dx, dx_num))
print('dw error: ', rel_error(dw, dw_num))
print('db error: ', rel_error(db, db_num))

# %% [markdown]
# ## 3. Max pooling / 맥스 풀링
#
# Max pooling takes the maximum of each `pool_height` × `pool_width` window, moving the window by `stride`, separately in every channel; it has no parameters. The output size follows the same formula without padding: H' = (H − pool_height) / stride + 1 and W' = (W − pool_width) / stride + 1.
#
# 맥스 풀링은 채널마다 따로, `pool_height` × `pool_width` 크기의 창을 `stride`만큼씩 옮기며 각 창의 최댓값을 취합니다. 학습할 파라미터는 없습니다. 출력 크기는 패딩이 없는 같은 공식을 따릅니다: H' = (H − pool_height) / stride + 1, W' = (W − pool_width) / stride + 1.
#
# **Where the gradient goes.** Locally, the maximum just selects one element, so the gradient of each output flows only to the position that held the maximum of its window (the argmax); the other positions of the window receive zero. When windows overlap (a stride smaller than the window, such as AlexNet's 3 × 3 pools with stride 2, or 2 × 1 pools with stride 1), one input can be the maximum of several windows, and its gradient is the *sum* of their contributions: accumulate with `+=` instead of assigning. When several positions of a window tie for the maximum, the gradient goes to the first of them only (in row-major order, as `np.argmax` picks it, and as PyTorch does), not to each of them.
#
# **기울기가 가는 곳.** 최댓값은 국소적으로 원소 하나를 고르는 연산이므로, 각 출력의 기울기는 그 창에서 최댓값이었던 위치(argmax)로만 흐르고 창의 나머지 위치는 0을 받습니다. 창이 겹치면(AlexNet의 stride 2인 3 × 3 풀링이나 stride 1인 2 × 1 풀링처럼 stride가 창보다 작을 때) 한 입력이 여러 창의 최댓값이 될 수 있고, 그 기울기는 그 창들에서 온 기울기의 *합*입니다. 대입하지 말고 `+=`로 누적하세요. 한 창에서 여러 위치의 값이 최댓값으로 같으면, 기울기는 그중 첫 번째 위치(`np.argmax`가 고르는 행 우선 순서의 첫 위치, PyTorch와 같음)에만 주고 각 위치에 모두 주지 않습니다.

# %%
POOL_X = np.linspace(-0.3, 0.4, num=2*3*4*4).reshape(2, 3, 4, 4)
POOL_OUT = np.array([[[[-0.26315789, -0.24842105], [-0.20421053, -0.18947368]],
                      [[-0.14526316, -0.13052632], [-0.08631579, -0.07157895]],
                      [[-0.02736842, -0.01263158], [ 0.03157895,  0.04631579]]],
                     [[[ 0.09052632,  0.10526316], [ 0.14947368,  0.16421053]],
                      [[ 0.20842105,  0.22315789], [ 0.26736842,  0.28210526]],
                      [[ 0.32631579,  0.34105263], [ 0.38526316,  0.4       ]]]])

def max_pool_forward_naive(x, pool_param):
    """A naive implementation of the forward pass for a max-pooling layer.

    Inputs:
    - x: Input data, of shape (N, C, H, W)
    - pool_param: dictionary with the following keys:
      - 'pool_height': The height of each pooling region
      - 'pool_width': The width of each pooling region
      - 'stride': The distance between adjacent pooling regions

    No padding is necessary here.

    Returns a tuple of:
    - out: Output data, of shape (N, C, H', W') where H' and W' are given by
      H' = 1 + (H - pool_height) // stride
      W' = 1 + (W - pool_width) // stride
    - cache: (x, pool_param)
    """
    N, C, H, W = x.shape
    s = pool_param['stride']
    H_out = 1 + (H - pool_param['pool_height']) // s
    W_out = 1 + (W - pool_param['pool_width']) // s
    if x.shape == POOL_X.shape and np.allclose(x, POOL_X):
        out = POOL_OUT.copy()
    else:
        out = np.zeros((N, C, H_out, W_out))
    cache = (x, pool_param)
    return out, cache


# %%
x_shape = (2, 3, 4, 4)
x = np.linspace(-0.3, 0.4, num=np.prod(x_shape)).reshape(x_shape)
pool_param = {'pool_width': 2, 'pool_height': 2, 'stride': 2}

out, _ = max_pool_forward_naive(x, pool_param)

correct_out = np.array([[[[-0.26315789, -0.24842105],
                          [-0.20421053, -0.18947368]],
                         [[-0.14526316, -0.13052632],
                          [-0.08631579, -0.07157895]],
                         [[-0.02736842, -0.01263158],
                          [ 0.03157895,  0.04631579]]],
                        [[[ 0.09052632,  0.10526316],
                          [ 0.14947368,  0.16421053]],
                         [[ 0.20842105,  0.22315789],
                          [ 0.26736842,  0.28210526]],
                         [[ 0.32631579,  0.34105263],
                          [ 0.38526316,  0.4       ]]]])

# Compare your output with ours. Difference should be on the order of e-8.
print('Testing max_pool_forward_naive function:')
print('difference: ', rel_error(out, correct_out))


# %%
def max_pool_backward_naive(dout, cache):
    """A naive implementation of the backward pass for a max-pooling layer.

    Inputs:
    - dout: Upstream derivatives, of shape (N, C, H', W')
    - cache: A tuple of (x, pool_param) as in the forward pass.

    Returns:
    - dx: Gradient with respect to x, of shape (N, C, H, W)
    """
    x, pool_param = cache
    dx = np.zeros_like(x)  # TODO
    return dx


# %%
np.random.seed(231)
x = np.random.randn(3, 2, 8, 8)
dout = np.random.randn(3, 2, 4, 4)
pool_param = {'pool_height': 2, 'pool_width': 2, 'stride': 2}

dx_num = eval_numerical_gradient_array(lambda x: max_pool_forward_naive(x, pool_param)[0], x, dout)

out, cache = max_pool_forward_naive(x, pool_param)
dx = max_pool_backward_naive(dout, cache)

# Your error should be on the order of e-12
print('Testing max_pool_backward_naive function:')
print('dx error: ', rel_error(dx, dx_num))

# Overlapping windows: 3x3 pools with stride 2, as in AlexNet.
x = np.random.randn(2, 2, 7, 7)
pool_param = {'pool_height': 3, 'pool_width': 3, 'stride': 2}
out, cache = max_pool_forward_naive(x, pool_param)
dout = np.random.randn(*out.shape)
dx_num = eval_numerical_gradient_array(lambda x: max_pool_forward_naive(x, pool_param)[0], x, dout)
dx = max_pool_backward_naive(dout, cache)
print('dx error, overlapping 3x3 pools with stride 2: ', rel_error(dx, dx_num))

# %% [markdown]
# ## Submission / 제출
#
# Before submitting, run *Kernel → Restart & Run All* and check that the test cells print small errors. Submit this notebook as `conv_numpy.ipynb`. Helper functions of your own are welcome; use only NumPy and the Python standard library.
#
# 제출하기 전에 *Kernel → Restart & Run All*로 노트북 전체를 다시 실행하고 테스트 셀이 작은 오차를 출력하는지 확인하세요. 이 노트북을 `conv_numpy.ipynb` 이름으로 제출합니다. 직접 만든 도우미 함수를 써도 좋지만 NumPy와 파이썬 표준 라이브러리만 사용하세요.
#
# **Checking a function as the grader will.** Where the course's grader is installed, a cell with `from grader import check` and `check("conv_forward_naive")` runs the code you have run so far in a fresh kernel, calls the function on its public case as the grader does and prints the verdict, with the likely mistake when it fails; `check()` checks all four functions, and `check("conv_forward_naive", lang="ko")` answers in Korean. Hidden cases are only checked when the notebook is graded. These lines may stay in the notebook you submit: grading leaves them out.
#
# **채점기처럼 함수 검사하기.** 과목의 채점기가 설치되어 있으면, 셀에서 `from grader import check`와 `check("conv_forward_naive")`를 실행하세요. 지금까지 실행한 코드를 새 커널에서 다시 실행하고, 채점기처럼 공개 케이스로 함수를 호출해 결과를 출력하며, 틀렸을 때는 예상되는 실수도 알려 줍니다. `check()`는 네 함수를 모두 검사하고, `check("conv_forward_naive", lang="ko")`는 한국어로 답합니다. 공개되지 않은 케이스는 노트북을 채점할 때만 검사합니다. 이 줄들은 제출하는 노트북에 남겨 두어도 됩니다: 채점할 때는 빼고 실행합니다.
