"""Content of the alexnet_params notebooks: texts, answer variants, the notebook builder."""

import math

from nbformat.v4 import new_code_cell, new_markdown_cell

from nb_common import KINDS, LAYERS, layer_table_markdown, notebook

NAMES = ("Conv_1", "Max_pool_1", "Conv_2", "Max_pool_2", "Conv_3", "Conv_4", "Conv_5",
         "Max_pool_3", "FC1", "FC2", "FC3")

PARAMS_INTRO = """\
# AlexNet: counting parameters / AlexNet 파라미터 수 계산

Fill in every `???`: in the markdown, each layer's fields (input and output sizes as
`H x W x C`, the number of filters, filter size, stride, padding); in the code, the number of
learnable parameters (weights plus biases) of every layer of AlexNet for a 227x227x3 input
image. Write each count as an integer in the variable of its cell:
`Conv_1, Max_pool_1, Conv_2, Max_pool_2, Conv_3, Conv_4, Conv_5, Max_pool_3, FC1, FC2, FC3`.
An arithmetic expression such as `11*11*3*96 + 96` is fine. Pooling layers learn nothing:
their count is 0. Replace every `???` (a cell that still holds `???` is a syntax error).
The grader runs the notebook from top to bottom in a fresh kernel.

모든 `???`를 채우세요: 마크다운에는 각 층의 항목(입력과 출력 크기는 `H x W x C`로, 필터 수,
필터 크기, 스트라이드, 패딩)을, 코드에는 227x227x3 입력 이미지에 대한 AlexNet 각 층의 학습 가능한
파라미터 수(가중치 + 편향)를 적습니다. 답은 각 셀의 변수에 정수로 적습니다. `11*11*3*96 + 96` 같은 계산식도 괜찮습니다.
풀링 층은 학습하는 파라미터가 없으므로 0입니다. 모든 `???`를 바꾸세요 (`???`가 남은 셀은
문법 오류가 납니다). 채점기는 새 커널에서 노트북을 처음부터 끝까지 실행합니다."""

FORMULAS = """\
## Formulas / 공식

- Output size / 출력 크기: `(N - F + 2P)/S + 1`, with N the input height or width / 입력 크기,
  F the filter size / 필터 크기, P the padding / 패딩, S the stride / 스트라이드.
  Example / 예: `(227 - 11 + 2*0)/4 + 1 = 55`.
- Parameters of a convolution / 합성곱 층의 파라미터 수: `K_h*K_w*C_in*C_out + C_out`
  (the weights plus one bias per filter / 가중치 + 필터마다 편향 하나).
- A fully connected layer is the same with a 1x1 kernel / 완전 연결 층도 같습니다:
  `N_in*N_out + N_out`."""
TODO = """\
## TODO ##
######################################################
#  Calculate the number of parameters in this layer  #
#  이 층의 파라미터 수(가중치 + 편향)를 계산하세요
######################################################

"""

TOTAL = """\
total = (Conv_1 + Max_pool_1 + Conv_2 + Max_pool_2 + Conv_3 + Conv_4 + Conv_5 + Max_pool_3
         + FC1 + FC2 + FC3)
print(f"Total parameters / 전체 파라미터 수: {total:,}")"""

FORMULA_ANSWERS = {
    "Conv_1": "11*11*3*96 + 96", "Max_pool_1": "0", "Conv_2": "5*5*96*256 + 256",
    "Max_pool_2": "0", "Conv_3": "3*3*256*384 + 384", "Conv_4": "3*3*384*384 + 384",
    "Conv_5": "3*3*384*256 + 256", "Max_pool_3": "0", "FC1": "6*6*256*4096 + 4096",
    "FC2": "4096*4096 + 4096", "FC3": "4096*1000 + 1000",
}
NO_BIAS_ANSWERS = {name: expr.split(" + ")[0] for name, expr in FORMULA_ANSWERS.items()}
GROUPED_ANSWERS = dict(FORMULA_ANSWERS, Conv_2="5*5*48*256 + 256", Conv_4="3*3*192*384 + 384",
                       Conv_5="3*3*192*256 + 256")
HELPER_CELL = '''\
def conv_params(k, c_in, c_out):
    """Weights plus biases of a k x k convolution with c_in inputs and c_out filters."""
    return k * k * c_in * c_out + c_out


def fc_params(n_in, n_out):
    return conv_params(1, n_in, n_out)'''
HELPER_ANSWERS = {
    "Conv_1": "conv_params(11, 3, 96)", "Max_pool_1": "0", "Conv_2": "conv_params(5, 96, 256)",
    "Max_pool_2": "0", "Conv_3": "conv_params(3, 256, 384)",
    "Conv_4": "conv_params(3, 384, 384)", "Conv_5": "conv_params(3, 384, 256)",
    "Max_pool_3": "0", "FC1": "fc_params(6*6*256, 4096)", "FC2": "fc_params(4096, 4096)",
    "FC3": "fc_params(4096, 1000)",
}
NUMPY_ANSWERS = {
    "Conv_1": "34944.0", "Max_pool_1": "np.int64(0)", "Conv_2": "np.int64(5*5*96*256 + 256)",
    "Max_pool_2": "np.int64(0)", "Conv_3": "np.int64(3*3*256*384) + 384",
    "Conv_4": "np.prod([3, 3, 384, 384]) + 384", "Conv_5": "np.int64(3*3*384*256 + 256)",
    "Max_pool_3": "np.int64(0)", "FC1": "np.prod([6, 6, 256, 4096]) + 4096",
    "FC2": "np.int64(4096)**2 + 4096", "FC3": "np.int32(4096*1000 + 1000)",
}


def evaluate(expression):
    """The value of a 'a*b*c + d' or 'a*b*c' answer, without eval."""
    weights, _, bias = expression.partition(" + ")
    return math.prod(int(factor) for factor in weights.split("*")) + int(bias or 0)


LITERAL_ANSWERS = {name: str(evaluate(expr)) for name, expr in FORMULA_ANSWERS.items()}
SHAPE_ANSWERS = {name: str(tuple(int(v) for v in out.split("x")))
                 for name, *_, out in LAYERS}  # (55, 55, 96), ..., (4096,), (1000,)


SECTION_TITLES = {"conv": "a Convolution Layer", "pool": "a Max Pooling", "fc": "a Fully_Connected layer"}


def right_fields():
    """{layer: [(label, written answer)]} of the layer sections, as the original asks them
    (no padding on conv1; FC1 flatten, FC3 Num_classes); `N` and `Max pooling` have no answer."""
    fields = {}
    for name, kind, width, kernel, stride, pad, inp, out in LAYERS:
        shape = lambda text: text.replace("x", " x ")  # noqa: E731
        if kind == "conv":
            rows = [("Input", shape(inp)), ("Number of filters", str(width)), ("Filter size", shape(kernel)),
                    ("Stride", str(stride))] + ([("padding", str(pad))] if name != "Conv_1" else []) + [
                    ("Output", shape(out))]
        elif kind == "pool":
            rows = [("Input", shape(inp)), ("Max pooling", "3 x 3, stride 2 (overlapping)"),
                    ("Pooling size", shape(kernel)), ("Stride", str(stride)), ("Output", shape(out))]
        else:
            rows = [("input", shape(inp.split(" = ")[0]))] + (
                [("flatten", inp.split(" = ")[1])] if " = " in inp else []) + [
                ("output size", out), ("N", "number of input data / 입력 데이터 수")]
            rows += [("Num_classes", out)] if name == "FC3" else []
        fields[name] = rows
    return fields


def section_markdown(index, name, kind, rows, written=None):
    """A layer's section in the Tobigs layout: its title, then `- **Field**     `value`` lines;
    `written` maps a label to the text in its place (the template: `???` everywhere)."""
    written = written or {}
    title = f"### Layer {index} is {SECTION_TITLES[kind]}_{name.split('_')[-1].lstrip('FC')}"
    lines = [f"{title} / {index}층: `{name}` ({KINDS[kind]})", ""]
    for label, _ in rows:
        shown = "**Pooling size**(overlapping)" if label == "Pooling size" else f"**{label}**"
        lines += [f"- {shown}     `{written.get(label, '???')}`", ""]
    return "\n".join(lines).rstrip("\n")


def params_notebook(answers=None, extra_cells=(), fields="right"):
    """An alexnet_params notebook; answers maps a name to its right-hand side ('???' if absent).

    A name mapped to None is never assigned. extra_cells go before the first answer cell.
    fields: the layer sections' answers: "right", "???" (the template's), or {layer: markdown
    of the whole section}, the right answers for the layers it leaves out.
    """
    answers = answers or {}
    cells = [new_markdown_cell(PARAMS_INTRO), new_markdown_cell(layer_table_markdown(sizes=False)),
             new_markdown_cell(FORMULAS)]
    cells += [new_code_cell(source) for source in extra_cells]
    right = right_fields()
    for i, (name, kind, *_) in enumerate(LAYERS, 1):
        if isinstance(fields, dict) and name in fields:
            section = fields[name]
        else:
            section = section_markdown(i, name, kind, right[name], dict(right[name]) if fields != "???" else None)
        if section is not None:
            cells.append(new_markdown_cell(section))
        answer = answers.get(name, "???")
        body = f"{name} = {answer}\n{name}" if answer is not None else "# (left blank)"
        cells.append(new_code_cell(TODO + body))
    cells.append(new_code_cell(TOTAL))
    return notebook("alexnet_params", cells)
