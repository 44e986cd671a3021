"""Reference solution of cnn_arithmetic: the lecture's output-size and parameter-count formulas."""


def _whole(numerator, S, what):
    """numerator / S + 1 when S divides numerator and the result is at least 1, else ValueError."""
    if S <= 0:
        raise ValueError(f"{what}: the stride must be positive, not {S}")
    if numerator < 0 or numerator % S:
        raise ValueError(f"{what}: ({numerator})/{S} + 1 is not a whole number of positions")
    return numerator // S + 1


def conv_output_size(N, F, P, S):
    """
    Inputs:
    - N: input height (or width); F: filter size; P: zero padding on each side; S: stride
    Returns the output height (or width), (N - F + 2P)/S + 1.
    Raises ValueError when that is not a whole number of at least 1 (the filter does not fit).
    """
    return _whole(N - F + 2 * P, S, "conv_output_size")


def conv_param_count(F, C_in, C_out, bias=True):
    """
    Inputs:
    - F: filter size (F x F); C_in: input channels; C_out: number of filters
    - bias: whether each filter has a bias
    Returns the learnable parameters, (F*F*C_in + 1)*C_out with bias, F*F*C_in*C_out without.
    """
    return (F * F * C_in + (1 if bias else 0)) * C_out


def bottleneck_param_count(F, C_in, C_mid, C_out):
    """
    A 1x1 convolution from C_in to C_mid channels, then an F x F one from C_mid to C_out,
    both with biases. Returns the parameters of the two together.
    """
    return conv_param_count(1, C_in, C_mid) + conv_param_count(F, C_mid, C_out)


def pool_output_size(N, F, S):
    """
    Inputs:
    - N: input height (or width); F: pooling window size; S: stride
    Returns the output height (or width), (N - F)/S + 1.
    Raises ValueError when that is not a whole number of at least 1.
    """
    return _whole(N - F, S, "pool_output_size")
