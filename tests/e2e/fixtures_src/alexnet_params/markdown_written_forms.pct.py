# ---
# jupyter:
#   grader:
#     assignment: alexnet_params
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   language_info:
#     name: python
# ---

# %% [markdown]
# # AlexNet: counting parameters / AlexNet 파라미터 수 계산
#
# Fill in every `???`: in the markdown, each layer's fields (input and output sizes as
# `H x W x C`, the number of filters, filter size, stride, padding); in the code, the number of
# learnable parameters (weights plus biases) of every layer of AlexNet for a 227x227x3 input
# image. Write each count as an integer in the variable of its cell:
# `Conv_1, Max_pool_1, Conv_2, Max_pool_2, Conv_3, Conv_4, Conv_5, Max_pool_3, FC1, FC2, FC3`.
# An arithmetic expression such as `11*11*3*96 + 96` is fine. Pooling layers learn nothing:
# their count is 0. Replace every `???` (a cell that still holds `???` is a syntax error).
# The grader runs the notebook from top to bottom in a fresh kernel.
#
# 모든 `???`를 채우세요: 마크다운에는 각 층의 항목(입력과 출력 크기는 `H x W x C`로, 필터 수,
# 필터 크기, 스트라이드, 패딩)을, 코드에는 227x227x3 입력 이미지에 대한 AlexNet 각 층의 학습 가능한
# 파라미터 수(가중치 + 편향)를 적습니다. 답은 각 셀의 변수에 정수로 적습니다. `11*11*3*96 + 96` 같은 계산식도 괜찮습니다.
# 풀링 층은 학습하는 파라미터가 없으므로 0입니다. 모든 `???`를 바꾸세요 (`???`가 남은 셀은
# 문법 오류가 납니다). 채점기는 새 커널에서 노트북을 처음부터 끝까지 실행합니다.

# %% [markdown]
# ## AlexNet layers for a 227x227x3 input / 227x227x3 입력에 대한 AlexNet 층
#
# | # | Layer / 층 | Type / 종류 | Filters or units / 필터 또는 유닛 | Kernel / 커널 | Stride | Padding |
# |---|---|---|---|---|---|---|
# | 1 | `Conv_1` | convolution / 합성곱 | 96 | 11x11 | 4 | 0 |
# | 2 | `Max_pool_1` | max pooling / 최대 풀링 | - | 3x3 | 2 | 0 |
# | 3 | `Conv_2` | convolution / 합성곱 | 256 | 5x5 | 1 | 2 |
# | 4 | `Max_pool_2` | max pooling / 최대 풀링 | - | 3x3 | 2 | 0 |
# | 5 | `Conv_3` | convolution / 합성곱 | 384 | 3x3 | 1 | 1 |
# | 6 | `Conv_4` | convolution / 합성곱 | 384 | 3x3 | 1 | 1 |
# | 7 | `Conv_5` | convolution / 합성곱 | 256 | 3x3 | 1 | 1 |
# | 8 | `Max_pool_3` | max pooling / 최대 풀링 | - | 3x3 | 2 | 0 |
# | 9 | `FC1` | fully connected / 완전 연결 | 4096 | - | - | - |
# | 10 | `FC2` | fully connected / 완전 연결 | 4096 | - | - | - |
# | 11 | `FC3` | fully connected / 완전 연결 | 1000 | - | - | - |
#
# Every convolution and fully connected layer has a bias and is followed by ReLU (no
# parameters); there is no LRN. This is the single-GPU version: every filter sees all input
# channels (no grouped convolutions).
#
# 모든 합성곱 층과 완전 연결 층에는 편향이 있고 뒤에 ReLU(파라미터 없음)가 옵니다. LRN은
# 없습니다. GPU 하나 버전입니다: 모든 필터가 입력 채널 전체를 봅니다 (grouped convolution 없음).

# %% [markdown]
# ## Formulas / 공식
#
# - Output size / 출력 크기: `(N - F + 2P)/S + 1`, with N the input height or width / 입력 크기,
#   F the filter size / 필터 크기, P the padding / 패딩, S the stride / 스트라이드.
#   Example / 예: `(227 - 11 + 2*0)/4 + 1 = 55`.
# - Parameters of a convolution / 합성곱 층의 파라미터 수: `K_h*K_w*C_in*C_out + C_out`
#   (the weights plus one bias per filter / 가중치 + 필터마다 편향 하나).
# - A fully connected layer is the same with a 1x1 kernel / 완전 연결 층도 같습니다:
#   `N_in*N_out + N_out`.

# %% [markdown]
# ### Layer 1 is a Convolution Layer_1
#
# - **Input Image size**     224 x 224 x 3 -> 227 x 227 x 3<br>(논문 그림은 224지만 227이어야 55가 나옴)
#
# - **Number of filters**   96개
#
# - **Filter size** 11 x 11 x 3
#
# - **Stride**     `4`
#
# - **Layer 1 Output**  (227-11)/4+1 = 55 → 55 X 55 X 96

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

Conv_1 = 11*11*3*96 + 96
Conv_1

# %% [markdown]
# ### Layer 2 is a Max Pooling_1 Followed by Convolution_1
#
# - **Input**  (55, 55, 96)
#
# - **Max pooling**  겹치는 풀링
#
# - **Pooling size**(overlapping) 3*3
#
# - **Stride** 2
#
# - **Layer 2 Output** 27x27x96 ((55-3)/2+1 = 27)

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

Max_pool_1 = 0
Max_pool_1

# %% [markdown]
# ### Layer 3 is a Convolution Layer_2
#
# - **Input**  `27*27*96`
#
# - **Number of filters**  256
#
# - **Filter size**  5x5x48 (GPU 두 개로 나눈 경우)
#
# - **Stride** 1
#
# - **padding** 2 (same)
#
# - **Output** 27 x 27 x 256 <br/> (27+2*2-5)/1+1 = 27

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

Conv_2 = 5*5*96*256 + 256
Conv_2

# %% [markdown]
# ### Layer 4 / 4층: Max_pool_2
#
# - **Input** 27 x 27 x 256
#
# - **Pooling size** 3
#
# - **Stride** `2`
#
# - **Output** `13 x 13 x 256`

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

Max_pool_2 = 0
Max_pool_2

# %% [markdown]
# ### Layer 5 is a Convolution Layer_3
#
# - Input: 13x13x256
# - Number of filters: 384
# - Filter size: 3x3x256
# - Stride: 1
# - padding: same
# - Output: 13x13x384

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

Conv_3 = 3*3*256*384 + 384
Conv_3

# %% [markdown]
# ### Layer 6 is a Convolution Layer_4
#
# - **Input** (13, 13, 384)
#
# - **Number of filters** 384
#
# - **Filter size** 3 x 3 x 192 (two GPUs)
#
# - **Stride** 1
#
# - **padding** 1
#
# - **Output** (384, 13, 13)

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

Conv_4 = 3*3*384*384 + 384
Conv_4

# %% [markdown]
# ### Layer 7 is a Convolution Layer_5 / 7층: `Conv_5` (convolution / 합성곱)
#
# - **Input**     `13 x 13 x 384`
#
# - **Number of filters**     `256`
#
# - **Filter size**     `3 x 3`
#
# - **Stride**     `1`
#
# - **padding**     `1`
#
# - **Output**     `13 x 13 x 256`

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

Conv_5 = 3*3*384*256 + 256
Conv_5

# %% [markdown]
# ### Layer 8 is a Max Pooling_3 / 8층: `Max_pool_3` (max pooling / 최대 풀링)
#
# - **Input**     `13 x 13 x 256`
#
# - **Max pooling**     `3 x 3, stride 2 (overlapping)`
#
# - **Pooling size**(overlapping)     `3 x 3`
#
# - **Stride**     `2`
#
# - **Output**     `6 x 6 x 256`

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

Max_pool_3 = 0
Max_pool_3

# %% [markdown]
# ### Layer 9 is a Fully_Connected layer_1
#
# - **input** 6 x 6 x 256 = 9216
#
# - **flatten** 6*6*256 = 9216
#
# - **output size** (N, 4096)
#
# - **N** 배치 크기

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

FC1 = 6*6*256*4096 + 4096
FC1

# %% [markdown]
# ### Layer 10 is a Fully_Connected layer_2
#
# - **input** (N,4096)
#
# - **output size** (N,4096) x (4096,4096)
#
# - **N** Number of input data

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

FC2 = 4096*4096 + 4096
FC2

# %% [markdown]
# ### Layer 11 is a Fully_Connected layer_3
#
# - **input** 4096
#
# - **output size** (N,4096) x (4096,Num_classes)
#
# - **N** Number of input data
#
# - **Num_classes** 1000 (ImageNet)

# %%
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

FC3 = 4096*1000 + 1000
FC3

# %%
total = (Conv_1 + Max_pool_1 + Conv_2 + Max_pool_2 + Conv_3 + Conv_4 + Conv_5 + Max_pool_3
         + FC1 + FC2 + FC3)
print(f"Total parameters / 전체 파라미터 수: {total:,}")
