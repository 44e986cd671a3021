# ---
# jupyter:
#   grader:
#     assignment: alexnet_model
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   language_info:
#     name: python
# ---

# %% [markdown]
# # AlexNet in PyTorch / PyTorch로 AlexNet 구현
#
# Implement AlexNet as `class AlexNet(nn.Module)`. `AlexNet(n_classes)` builds the network for
# `n_classes` classes; `forward` takes a float32 batch of shape (N, 3, 227, 227) and returns
# logits of shape (N, n_classes), without a softmax at the end (`nn.CrossEntropyLoss` applies
# it). The grader builds `AlexNet(1000)` and `AlexNet(10)`, counts the parameters, compares your
# layers in the order they run with the reference network, and runs your model with the
# reference weights. Use ReLU after every convolution and after the first two fully connected
# layers; Dropout (p=0.5) before or after them is welcome, LRN may be left out. Do not add
# layers with parameters (such as BatchNorm): the paper has none.
#
# `class AlexNet(nn.Module)`로 AlexNet을 구현하세요. `AlexNet(n_classes)`는 클래스가
# `n_classes`개인 네트워크를 만들고, `forward`는 (N, 3, 227, 227) 모양의 float32 배치를 받아
# (N, n_classes) 모양의 로짓을 돌려줍니다. 마지막에 softmax를 붙이지 마세요
# (`nn.CrossEntropyLoss`가 적용합니다). 채점기는 `AlexNet(1000)`과 `AlexNet(10)`을 만들어
# 파라미터 수를 세고, 실행 순서대로 층을 기준 네트워크와 비교하고, 기준 가중치를 넣어 모델을
# 실행합니다. 모든 합성곱 층과 처음 두 완전 연결 층 뒤에 ReLU를 쓰세요. Dropout(p=0.5)은
# 넣어도 되고 LRN은 빼도 됩니다. 파라미터가 있는 층(BatchNorm 등)은 추가하지 마세요:
# 논문에는 없습니다.

# %% [markdown]
# ## AlexNet layers for a 227x227x3 input / 227x227x3 입력에 대한 AlexNet 층
#
# | # | Layer / 층 | Type / 종류 | Filters or units / 필터 또는 유닛 | Kernel / 커널 | Stride | Padding | Input / 입력 | Output / 출력 |
# |---|---|---|---|---|---|---|---|---|
# | 1 | `Conv_1` | convolution / 합성곱 | 96 | 11x11 | 4 | 0 | 227x227x3 | 55x55x96 |
# | 2 | `Max_pool_1` | max pooling / 최대 풀링 | - | 3x3 | 2 | 0 | 55x55x96 | 27x27x96 |
# | 3 | `Conv_2` | convolution / 합성곱 | 256 | 5x5 | 1 | 2 | 27x27x96 | 27x27x256 |
# | 4 | `Max_pool_2` | max pooling / 최대 풀링 | - | 3x3 | 2 | 0 | 27x27x256 | 13x13x256 |
# | 5 | `Conv_3` | convolution / 합성곱 | 384 | 3x3 | 1 | 1 | 13x13x256 | 13x13x384 |
# | 6 | `Conv_4` | convolution / 합성곱 | 384 | 3x3 | 1 | 1 | 13x13x384 | 13x13x384 |
# | 7 | `Conv_5` | convolution / 합성곱 | 256 | 3x3 | 1 | 1 | 13x13x384 | 13x13x256 |
# | 8 | `Max_pool_3` | max pooling / 최대 풀링 | - | 3x3 | 2 | 0 | 13x13x256 | 6x6x256 |
# | 9 | `FC1` | fully connected / 완전 연결 | 4096 | - | - | - | 6x6x256 = 9216 | 4096 |
# | 10 | `FC2` | fully connected / 완전 연결 | 4096 | - | - | - | 4096 | 4096 |
# | 11 | `FC3` | fully connected / 완전 연결 | 1000 | - | - | - | 4096 | 1000 |
#
# Every convolution and fully connected layer has a bias and is followed by ReLU (no
# parameters); there is no LRN. This is the single-GPU version: every filter sees all input
# channels (no grouped convolutions).
#
# 모든 합성곱 층과 완전 연결 층에는 편향이 있고 뒤에 ReLU(파라미터 없음)가 옵니다. LRN은
# 없습니다. GPU 하나 버전입니다: 모든 필터가 입력 채널 전체를 봅니다 (grouped convolution 없음).

# %%
import torch
import torch.nn as nn
import torchvision
from torchsummary import summary


# %% [markdown]
# ## Build the model / 모델 만들기
#
# Replace every `????` (a cell that still holds `????` is a syntax error).
# 모든 `????`를 채우세요 (`????`가 남은 셀은 문법 오류가 납니다).

# %%
class AlexNet(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        ############## Add Layer ##############
        self.features = nn.Sequential(
            # conv1: 227x227x3 -> 55x55x96, max pool -> 27x27x96
            nn.Conv2d(3, 96, kernel_size=11, stride=4, padding=0),
            nn.BatchNorm2d(96),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            # conv2: -> 27x27x256, max pool -> 13x13x256
            nn.Conv2d(96, 256, kernel_size=5, stride=1, padding=2),
            nn.BatchNorm2d(256),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            # conv3, conv4, conv5: 13x13, max pool -> 6x6x256
            nn.Conv2d(256, 384, kernel_size=3, stride=1, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 384, kernel_size=3, stride=1, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, stride=1, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Dropout(p=0.5),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=0.5),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, n_classes),
        )
        #######################################

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


# %% [markdown]
# ## Check with torchsummary / torchsummary로 확인
#
# The total should equal the sum of your answers in the alexnet_params assignment.
# 전체 파라미터 수가 alexnet_params 과제 답의 합과 같아야 합니다.

# %%
model = AlexNet(1000)
summary(model, (3, 227, 227), device='cpu')
