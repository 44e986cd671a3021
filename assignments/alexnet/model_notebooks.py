"""Content of the alexnet_model notebooks: texts, model classes, the notebook builder."""

from nbformat.v4 import new_code_cell, new_markdown_cell, new_output

from nb_common import layer_table_markdown, notebook

MODEL_INTRO = """\
# AlexNet in PyTorch / PyTorch로 AlexNet 구현

Implement AlexNet as `class AlexNet(nn.Module)`. `AlexNet(n_classes)` builds the network for
`n_classes` classes; `forward` takes a float32 batch of shape (N, 3, 227, 227) and returns
logits of shape (N, n_classes), without a softmax at the end (`nn.CrossEntropyLoss` applies
it). The grader builds `AlexNet(1000)` and `AlexNet(10)`, counts the parameters, compares your
layers in the order they run with the reference network, and runs your model with the
reference weights. Use ReLU after every convolution and after the first two fully connected
layers; Dropout (p=0.5) before or after them is welcome, LRN may be left out. Do not add
layers with parameters (such as BatchNorm): the paper has none.

`class AlexNet(nn.Module)`로 AlexNet을 구현하세요. `AlexNet(n_classes)`는 클래스가
`n_classes`개인 네트워크를 만들고, `forward`는 (N, 3, 227, 227) 모양의 float32 배치를 받아
(N, n_classes) 모양의 로짓을 돌려줍니다. 마지막에 softmax를 붙이지 마세요
(`nn.CrossEntropyLoss`가 적용합니다). 채점기는 `AlexNet(1000)`과 `AlexNet(10)`을 만들어
파라미터 수를 세고, 실행 순서대로 층을 기준 네트워크와 비교하고, 기준 가중치를 넣어 모델을
실행합니다. 모든 합성곱 층과 처음 두 완전 연결 층 뒤에 ReLU를 쓰세요. Dropout(p=0.5)은
넣어도 되고 LRN은 빼도 됩니다. 파라미터가 있는 층(BatchNorm 등)은 추가하지 마세요:
논문에는 없습니다."""

MODEL_TASK = """\
## Build the model / 모델 만들기

Replace every `????` (a cell that still holds `????` is a syntax error).
모든 `????`를 채우세요 (`????`가 남은 셀은 문법 오류가 납니다)."""

MODEL_CHECK = """\
## Check with torchsummary / torchsummary로 확인

The total should equal the sum of your answers in the alexnet_params assignment.
전체 파라미터 수가 alexnet_params 과제 답의 합과 같아야 합니다."""

IMPORTS = """\
import torch
import torch.nn as nn
import torchvision
from torchsummary import summary"""

SUMMARY = "model = AlexNet(1000)\nsummary(model, (3, 227, 227), device='cpu')"

TEMPLATE_CLASS = """\
class AlexNet(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        ############## Add Layer ##############
        # conv1 -> max pool -> conv2 -> max pool -> conv3 -> conv4 -> conv5 -> max pool
        self.features = nn.Sequential(
            ????
        )
        # 6*6*256 -> 4096 -> 4096 -> n_classes
        self.classifier = nn.Sequential(
            ????
        )
        #######################################

    def forward(self, x):
        ????"""

REFERENCE_CLASS = """\
class AlexNet(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        ############## Add Layer ##############
        self.features = nn.Sequential(
            # conv1: 227x227x3 -> 55x55x96, max pool -> 27x27x96
            nn.Conv2d(3, 96, kernel_size=11, stride=4, padding=0),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            # conv2: -> 27x27x256, max pool -> 13x13x256
            nn.Conv2d(96, 256, kernel_size=5, stride=1, padding=2),
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
        return self.classifier(x)"""

FUNCTIONAL_CLASS = """\
import torch.nn.functional as F


class AlexNet(nn.Module):
    def __init__(self, n_classes):
        super(AlexNet, self).__init__()
        self.conv1 = nn.Conv2d(3, 96, 11, stride=4)
        self.conv2 = nn.Conv2d(96, 256, 5, padding=2)
        self.conv3 = nn.Conv2d(256, 384, 3, padding=1)
        self.conv4 = nn.Conv2d(384, 384, 3, padding=1)
        self.conv5 = nn.Conv2d(384, 256, 3, padding=1)
        self.pool = nn.MaxPool2d(3, 2)
        self.fc1 = nn.Linear(9216, 4096)
        self.fc2 = nn.Linear(4096, 4096)
        self.fc3 = nn.Linear(4096, n_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.relu(self.conv3(x))
        x = torch.relu(self.conv4(x))
        x = self.pool(torch.relu(self.conv5(x)))
        x = x.view(x.size(0), -1)
        x = F.dropout(F.relu(self.fc1(x)), p=0.5, training=self.training)
        x = F.dropout(F.relu(self.fc2(x)), p=0.5, training=self.training)
        return self.fc3(x)"""

KERAS_CELL = """\
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense, Dropout

model = Sequential()
model.add(Conv2D(96, (11, 11), strides=4, activation='relu', input_shape=(227, 227, 3)))
model.add(MaxPooling2D((3, 3), strides=2))
model.add(Conv2D(256, (5, 5), padding='same', activation='relu'))
model.add(MaxPooling2D((3, 3), strides=2))
model.add(Conv2D(384, (3, 3), padding='same', activation='relu'))
model.add(Conv2D(384, (3, 3), padding='same', activation='relu'))
model.add(Conv2D(256, (3, 3), padding='same', activation='relu'))
model.add(MaxPooling2D((3, 3), strides=2))
model.add(Flatten())
model.add(Dense(4096, activation='relu'))
model.add(Dropout(0.5))
model.add(Dense(4096, activation='relu'))
model.add(Dropout(0.5))
model.add(Dense(1000, activation='softmax'))
model.summary()"""
KERAS_BATCHNORM_CELL = KERAS_CELL.replace(
    "from tensorflow.keras.layers import Conv2D,", "from tensorflow.keras.layers import BatchNormalization, Conv2D,").replace(
    "activation='relu'))\nmodel.add(M", "activation='relu'))\nmodel.add(BatchNormalization())\nmodel.add(M").replace(
    "input_shape=(227, 227, 3)))\nmodel.add(M", "input_shape=(227, 227, 3)))\nmodel.add(BatchNormalization())\nmodel.add(M").replace(
    "padding='same', activation='relu'))\nmodel.add(C", "padding='same', activation='relu'))\nmodel.add(BatchNormalization())\nmodel.add(C")
KERAS_10_CLASSES_CELL = KERAS_CELL.replace("Dense(1000, activation='softmax')", "Dense(10, activation='softmax')")
KERAS_224_CELL = KERAS_CELL.replace("input_shape=(227, 227, 3)", "input_shape=(224, 224, 3)")
KERAS_FUNCTION_CELL = """\
import keras
from keras import layers


def build_alexnet(num_classes=1000):
    \"\"\"AlexNet with Keras's functional API; logits out (no softmax).\"\"\"
    inputs = keras.Input(shape=(227, 227, 3))
    x = layers.Conv2D(96, 11, strides=4, activation="relu")(inputs)
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = layers.Conv2D(256, 5, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D(3, strides=2)(x)
    for filters in (384, 384, 256):
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = layers.Flatten()(x)
    for units in (4096, 4096):
        x = layers.Dropout(0.5)(layers.Dense(units, activation="relu")(x))
    return keras.Model(inputs, layers.Dense(num_classes)(x), name="alexnet")


model = build_alexnet(1000)
model.summary()"""
TENSORFLOW_FIRST_CELL = "import tensorflow as tf\nprint(tf.__version__)"

STORED_SUMMARY = """\
----------------------------------------------------------------
        Layer (type)               Output Shape         Param #
================================================================
            Conv2d-1           [-1, 96, 55, 55]          34,944
              ReLU-2           [-1, 96, 55, 55]               0
         MaxPool2d-3           [-1, 96, 27, 27]               0
            Conv2d-4          [-1, 256, 27, 27]         614,656
              ReLU-5          [-1, 256, 27, 27]               0
         MaxPool2d-6          [-1, 256, 13, 13]               0
            Conv2d-7          [-1, 384, 13, 13]         885,120
              ReLU-8          [-1, 384, 13, 13]               0
            Conv2d-9          [-1, 384, 13, 13]       1,327,488
             ReLU-10          [-1, 384, 13, 13]               0
           Conv2d-11          [-1, 256, 13, 13]         884,992
             ReLU-12          [-1, 256, 13, 13]               0
        MaxPool2d-13            [-1, 256, 6, 6]               0
          Dropout-14                 [-1, 9216]               0
           Linear-15                 [-1, 4096]      37,752,832
             ReLU-16                 [-1, 4096]               0
          Dropout-17                 [-1, 4096]               0
           Linear-18                 [-1, 4096]      16,781,312
             ReLU-19                 [-1, 4096]               0
           Linear-20                 [-1, 1000]       4,097,000
================================================================
Total params: 62,378,344
Trainable params: 62,378,344
Non-trainable params: 0
----------------------------------------------------------------
"""


def variant(source, *replacements):
    """source with each (old, new) pair replaced; raises ValueError if an old text is absent."""
    for old, new in replacements:
        if old not in source:
            raise ValueError(f"variant: {old!r} not found")
        source = source.replace(old, new)
    return source


NUM_CLASSES_CLASS = variant(REFERENCE_CLASS, ("n_classes", "num_classes"),
                            ("(self, num_classes)", "(self, num_classes=1000)"))
HARDCODED_10_CLASS = variant(REFERENCE_CLASS,
                             ("nn.Linear(4096, n_classes)", "nn.Linear(4096, 10)"))
LOG_SOFTMAX_CLASS = "import torch.nn.functional as F\n\n\n" + variant(
    REFERENCE_CLASS, ("return self.classifier(x)",
                      "x = self.classifier(x)\n        return F.log_softmax(x, dim=1)"))
CONV2_NO_PAD_CLASS = variant(
    REFERENCE_CLASS, ("kernel_size=5, stride=1, padding=2", "kernel_size=5, stride=1, padding=0"),
    ("-> 27x27x256, max pool -> 13x13x256", "-> 23x23x256, max pool -> 11x11x256"),
    ("13x13, max pool -> 6x6x256", "11x11, max pool -> 5x5x256"),
    ("256 * 6 * 6", "256 * 5 * 5"))
SOFTMAX_CLASS = "import torch.nn.functional as F\n\n\n" + variant(
    REFERENCE_CLASS, ("return self.classifier(x)",
                      "x = self.classifier(x)\n        return F.softmax(x, dim=1)"))
NO_RELU_AFTER_CONV3_CLASS = variant(
    REFERENCE_CLASS, ("nn.Conv2d(256, 384, kernel_size=3, stride=1, padding=1),\n            nn.ReLU(inplace=True),\n",
                      "nn.Conv2d(256, 384, kernel_size=3, stride=1, padding=1),\n"))
CONV3_STRIDE2_CLASS = variant(
    REFERENCE_CLASS, ("nn.Conv2d(256, 384, kernel_size=3, stride=1, padding=1)",
                      "nn.Conv2d(256, 384, kernel_size=3, stride=2, padding=1)"),
    ("13x13, max pool -> 6x6x256", "7x7, max pool -> 3x3x256"), ("256 * 6 * 6", "256 * 3 * 3"))
BATCHNORM_CLASS = variant(REFERENCE_CLASS, *[
    (f"{conv}),\n", f"{conv}),\n            nn.BatchNorm2d({width}),\n") for conv, width in (
        ("nn.Conv2d(3, 96, kernel_size=11, stride=4, padding=0", 96),
        ("nn.Conv2d(96, 256, kernel_size=5, stride=1, padding=2", 256),
        ("nn.Conv2d(256, 384, kernel_size=3, stride=1, padding=1", 384),
        ("nn.Conv2d(384, 384, kernel_size=3, stride=1, padding=1", 384),
        ("nn.Conv2d(384, 256, kernel_size=3, stride=1, padding=1", 256))])


def with_batchnorm_after(*convs):
    """The reference class with BatchNorm2d after the named convs (conv1 ... conv5)."""
    lines = {"conv1": ("nn.Conv2d(3, 96, kernel_size=11, stride=4, padding=0", 96),
             "conv2": ("nn.Conv2d(96, 256, kernel_size=5, stride=1, padding=2", 256)}
    return variant(REFERENCE_CLASS, *[(f"{lines[c][0]}),\n", f"{lines[c][0]}),\n            "
                                       f"nn.BatchNorm2d({lines[c][1]}),\n") for c in convs])


EXTRA_BATCHNORM96_CLASS = with_batchnorm_after("conv1")
BATCHNORM_CONV1_CONV2_CLASS = with_batchnorm_after("conv1", "conv2")
CONV3_256_FILTERS_CLASS = variant(
    REFERENCE_CLASS, ("nn.Conv2d(256, 384, kernel_size=3, stride=1, padding=1)",
                      "nn.Conv2d(256, 256, kernel_size=3, stride=1, padding=1)"),
    ("nn.Conv2d(384, 384, kernel_size=3, stride=1, padding=1)",
     "nn.Conv2d(256, 384, kernel_size=3, stride=1, padding=1)"))
NO_RELU_AFTER_CONV4_CLASS = variant(
    REFERENCE_CLASS, ("nn.Conv2d(384, 384, kernel_size=3, stride=1, padding=1),\n            nn.ReLU(inplace=True),\n",
                      "nn.Conv2d(384, 384, kernel_size=3, stride=1, padding=1),\n"))


def model_notebook(class_source, imports=IMPORTS, before=(), stored_summary=None):
    """An alexnet_model notebook: intro, network table, [before cells], imports, class, summary.

    imports=None leaves out the import cell (class_source then imports for itself);
    stored_summary is a stdout text stored as the summary cell's output, as if it had run.
    """
    cells = [new_markdown_cell(MODEL_INTRO), new_markdown_cell(layer_table_markdown())]
    cells += [new_code_cell(source) for source in before]
    if imports is not None:
        cells.append(new_code_cell(imports))
    cells += [new_markdown_cell(MODEL_TASK), new_code_cell(class_source),
              new_markdown_cell(MODEL_CHECK)]
    summary_cell = new_code_cell(SUMMARY)
    if stored_summary is not None:
        summary_cell.execution_count = 3
        summary_cell.outputs = [new_output("stream", name="stdout", text=stored_summary)]
    cells.append(summary_cell)
    return notebook("alexnet_model", cells)
