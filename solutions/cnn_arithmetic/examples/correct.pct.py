# ---
# jupyter:
#   grader:
#     assignment: cnn_arithmetic
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # CNN arithmetic / CNN 계산
#
# Write four small functions with the formulas of the lecture. Every argument is a whole number
# (an `int`); each function returns a whole number. The grader calls them on the cases below
# and on hidden ones drawn when it grades, so compute the answer: do not look it up.
#
# 강의의 공식으로 작은 함수 네 개를 작성하세요. 인자는 모두 정수(`int`)이고, 각 함수는 정수를
# 반환합니다. 채점기는 아래 예시와 채점할 때 새로 뽑는 숨은 예시로 함수를 호출하므로, 답을 적어
# 두지 말고 계산하세요.
#
# - Output size of a convolution / 합성곱의 출력 크기: `(N - F + 2P)/S + 1` for an N x N input,
#   F x F filters, P zeros of padding on each side and stride S /
#   입력 N x N, 필터 F x F, 양쪽에 붙는 0 패딩 P, 스트라이드 S.
# - When that is not a whole number, the filter does not fit the input: raise `ValueError` /
#   정수가 아니면 필터가 입력에 맞지 않습니다: `ValueError`를 일으키세요.
# - Parameters of a convolution / 합성곱의 파라미터 수: `(F*F*C_in + 1)*C_out` with biases,
#   `F*F*C_in*C_out` without / 편향이 있으면 앞의 식, 없으면 뒤의 식.
#   The lecture's example / 강의의 예: `(5*5*192 + 1)*32 = 153,632`.
# - A bottleneck / 병목: a 1x1 convolution from `C_in` to `C_mid` channels, then the F x F
#   convolution from `C_mid` to `C_out`, both with biases /
#   `C_in`에서 `C_mid` 채널로 가는 1x1 합성곱 뒤에 `C_mid`에서 `C_out`으로 가는 F x F 합성곱
#   (둘 다 편향 포함).
# - Output size of a pooling layer / 풀링 층의 출력 크기: `(N - F)/S + 1`, `ValueError` when it is
#   not a whole number / 정수가 아니면 `ValueError`.
#
# Torch and TensorFlow may not be used inside these functions / 이 함수들 안에서는 torch와
# TensorFlow를 쓸 수 없습니다.

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
    return (F * F * C_in + (1 if bias else 0)) * C_out


def bottleneck_param_count(F, C_in, C_mid, C_out):
    """A 1x1 convolution C_in -> C_mid, then an F x F one C_mid -> C_out, both with biases."""
    return conv_param_count(1, C_in, C_mid) + conv_param_count(F, C_mid, C_out)


def pool_output_size(N, F, S):
    """Output height (or width) of an F x F pooling with stride S; ValueError when it does not fit."""
    return _whole(N - F, S)


# %% [markdown]
# ## Try them / 확인해 보기
#
# AlexNet's first layer on a 227x227 image gives 55x55; on 224x224 (the paper's figure) the
# filter does not fit. / AlexNet의 첫 층은 227x227 입력에서 55x55를 냅니다. 논문의 224x224에서는
# 필터가 맞지 않습니다.

# %%
print(conv_output_size(227, 11, 0, 4))             # 55
print(conv_param_count(5, 192, 32))                # 153632
print(bottleneck_param_count(5, 192, 16, 32))      # 15920
print(pool_output_size(55, 3, 2))                  # 27
try:
    conv_output_size(224, 11, 0, 4)
except ValueError as exc:
    print("ValueError:", exc)
