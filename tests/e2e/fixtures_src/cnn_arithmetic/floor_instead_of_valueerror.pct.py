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
def conv_output_size(N, F, P, S):
    return (N - F + 2 * P) // S + 1


def conv_param_count(F, C_in, C_out, bias=True):
    return (F * F * C_in + (1 if bias else 0)) * C_out


def bottleneck_param_count(F, C_in, C_mid, C_out):
    return conv_param_count(1, C_in, C_mid) + conv_param_count(F, C_mid, C_out)


def pool_output_size(N, F, S):
    return (N - F) // S + 1
