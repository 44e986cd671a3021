# ---
# jupyter:
#   grader:
#     assignment: cnn_arithmetic
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
def _whole(distance, S):
    """distance / S + 1 when S divides distance exactly, else ValueError."""
    if S <= 0 or distance < 0 or distance % S != 0:
        raise ValueError(f"({distance})/{S} + 1 is not a whole number: the window does not fit")
    return distance // S + 1


def conv_output_size(N, F, P, S):
    """Output height (or width) of a convolution; ValueError when the filter does not fit."""
    return _whole(N - F + 2 * P, S)


def conv_param_count(F, C_in, C_out, bias=True):
    """Weights (plus biases when `bias`) of C_out filters of size F x F x C_in."""
    return F * F * C_in * C_out  # weights


def bottleneck_param_count(F, C_in, C_mid, C_out):
    """A 1x1 convolution C_in -> C_mid, then an F x F one C_mid -> C_out, both with biases."""
    return conv_param_count(1, C_in, C_mid) + conv_param_count(F, C_mid, C_out)


def pool_output_size(N, F, S):
    """Output height (or width) of an F x F pooling with stride S; ValueError when it does not fit."""
    return _whole(N - F, S)
