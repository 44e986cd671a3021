"""Known mistakes of cnn_arithmetic, as variants of the reference (see grader/diagnose).

MISTAKES maps a graded name to (mistake id, variant) pairs; a variant takes the graded
function's arguments and returns what a student making that mistake would. Variants never
raise for geometry that does not fit: that is how a missing ValueError shows. The unchecked
variants come first: on geometry that fits they equal the reference, so they only ever name
a value returned where ValueError was due (and padding left out is the reference when P = 0).
"""


def _minus_one(N, F, P, S):
    return (N - F + 2 * P) / S - 1


def _pad_once(N, F, P, S):
    return (N - F + P) / S + 1


def _no_padding(N, F, P, S):
    return (N - F) / S + 1


def _unchecked(N, F, P, S):
    return (N - F + 2 * P) / S + 1


def _floor(N, F, P, S):
    return (N - F + 2 * P) // S + 1


def _no_bias(F, C_in, C_out, bias=True):
    return F * F * C_in * C_out


def _bias_per_input(F, C_in, C_out, bias=True):
    return (F * F + (1 if bias else 0)) * C_in * C_out


def _bottleneck_no_bias(F, C_in, C_mid, C_out):
    return C_in * C_mid + F * F * C_mid * C_out


def _bottleneck_skipped(F, C_in, C_mid, C_out):
    return (F * F * C_in + 1) * C_out


def _bottleneck_1x1_only(F, C_in, C_mid, C_out):
    return (C_in + 1) * C_mid


def _pool_minus_one(N, F, S):
    return (N - F) / S - 1


def _pool_unchecked(N, F, S):
    return (N - F) / S + 1


def _pool_floor(N, F, S):
    return (N - F) // S + 1


MISTAKES = {
    "conv_output_size": [
        ("cnn_arithmetic.no_valueerror", _unchecked),
        ("cnn_arithmetic.floor", _floor),
        ("cnn_arithmetic.minus_one", _minus_one),
        ("cnn_arithmetic.pad_once", _pad_once),
        ("cnn_arithmetic.no_padding", _no_padding),
    ],
    "conv_param_count": [
        ("cnn_arithmetic.no_bias", _no_bias),
        ("cnn_arithmetic.bias_per_input", _bias_per_input),
    ],
    "bottleneck_param_count": [
        ("cnn_arithmetic.no_bias", _bottleneck_no_bias),
        ("cnn_arithmetic.bottleneck_skipped", _bottleneck_skipped),
        ("cnn_arithmetic.bottleneck_1x1_only", _bottleneck_1x1_only),
    ],
    "pool_output_size": [
        ("cnn_arithmetic.no_valueerror", _pool_unchecked),
        ("cnn_arithmetic.floor", _pool_floor),
        ("cnn_arithmetic.minus_one", _pool_minus_one),
    ],
}
