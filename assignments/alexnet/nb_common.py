"""Shared pieces of the AlexNet notebooks: the network's layer table and the notebook frame."""

import nbformat
from nbformat.v4 import new_notebook

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}

# name, kind, filters or units, kernel, stride, padding, input, output (227x227x3 input)
LAYERS = (
    ("Conv_1", "conv", 96, "11x11", 4, 0, "227x227x3", "55x55x96"),
    ("Max_pool_1", "pool", "-", "3x3", 2, 0, "55x55x96", "27x27x96"),
    ("Conv_2", "conv", 256, "5x5", 1, 2, "27x27x96", "27x27x256"),
    ("Max_pool_2", "pool", "-", "3x3", 2, 0, "27x27x256", "13x13x256"),
    ("Conv_3", "conv", 384, "3x3", 1, 1, "13x13x256", "13x13x384"),
    ("Conv_4", "conv", 384, "3x3", 1, 1, "13x13x384", "13x13x384"),
    ("Conv_5", "conv", 256, "3x3", 1, 1, "13x13x384", "13x13x256"),
    ("Max_pool_3", "pool", "-", "3x3", 2, 0, "13x13x256", "6x6x256"),
    ("FC1", "fc", 4096, "-", "-", "-", "6x6x256 = 9216", "4096"),
    ("FC2", "fc", 4096, "-", "-", "-", "4096", "4096"),
    ("FC3", "fc", 1000, "-", "-", "-", "4096", "1000"),
)
KINDS = {"conv": "convolution / 합성곱", "pool": "max pooling / 최대 풀링",
         "fc": "fully connected / 완전 연결"}

NETWORK_NOTE = """\
Every convolution and fully connected layer has a bias and is followed by ReLU (no
parameters); there is no LRN. This is the single-GPU version: every filter sees all input
channels (no grouped convolutions).

모든 합성곱 층과 완전 연결 층에는 편향이 있고 뒤에 ReLU(파라미터 없음)가 옵니다. LRN은
없습니다. GPU 하나 버전입니다: 모든 필터가 입력 채널 전체를 봅니다 (grouped convolution 없음)."""


def layer_table_markdown(sizes=True):
    """The AlexNet layer table (bilingual header), one row per entry of LAYERS; without the
    input and output sizes when `sizes` is false (alexnet_params asks for them)."""
    header = ("| # | Layer / 층 | Type / 종류 | Filters or units / 필터 또는 유닛 | Kernel / 커널 "
              "| Stride | Padding |" + (" Input / 입력 | Output / 출력 |" if sizes else ""))
    lines = ["## AlexNet layers for a 227x227x3 input / 227x227x3 입력에 대한 AlexNet 층", "", header,
             "|---" * (9 if sizes else 7) + "|"]
    for i, (name, kind, width, kernel, stride, pad, inp, out) in enumerate(LAYERS, 1):
        lines.append(f"| {i} | `{name}` | {KINDS[kind]} | {width} | {kernel} | {stride} "
                     f"| {pad} |" + (f" {inp} | {out} |" if sizes else ""))
    return "\n".join(lines + ["", NETWORK_NOTE])


def notebook(assignment, cells):
    """A v4.5 notebook with grader metadata and deterministic cell ids cell-0, cell-1, ..."""
    nb = new_notebook(cells=list(cells), metadata={
        "grader": {"assignment": assignment}, "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"}})
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    nbformat.validate(nb)
    return nb
