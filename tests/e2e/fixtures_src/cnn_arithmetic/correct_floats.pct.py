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
# a student's version: true division, is_integer() for the check
def conv_output_size(N, F, P, S):
    size = (N - F + 2*P) / S + 1
    if not size.is_integer() or size < 1:
        raise ValueError("filter does not fit / 필터가 맞지 않음")
    return size


def conv_param_count(F, C_in, C_out, bias=True):
    weights = F * F * C_in * C_out
    return weights + C_out if bias else weights


def bottleneck_param_count(F, C_in, C_mid, C_out):
    return conv_param_count(1, C_in, C_mid) + conv_param_count(F, C_mid, C_out)


def pool_output_size(N, F, S):
    size = (N - F) / S + 1
    if size != int(size):
        raise ValueError("pooling does not fit")
    return int(size)
