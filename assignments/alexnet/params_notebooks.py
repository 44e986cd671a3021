"""Content of the alexnet_params notebooks: texts, answer variants, the notebook builder."""

import math

from nbformat.v4 import new_code_cell, new_markdown_cell

from nb_common import KINDS, LAYERS, layer_table_markdown, notebook

NAMES = ("Conv_1", "Max_pool_1", "Conv_2", "Max_pool_2", "Conv_3", "Conv_4", "Conv_5",
         "Max_pool_3", "FC1", "FC2", "FC3")

PARAMS_INTRO = """\
# AlexNet: counting parameters / AlexNet 파라미터 수 계산

Count the learnable parameters (weights plus biases) of every layer of AlexNet for a
227x227x3 input image. Write each answer as an integer in the variable of its cell:
`Conv_1, Max_pool_1, Conv_2, Max_pool_2, Conv_3, Conv_4, Conv_5, Max_pool_3, FC1, FC2, FC3`.
An arithmetic expression such as `11*11*3*96 + 96` is fine. Pooling layers learn nothing:
their count is 0. Replace every `???` (a cell that still holds `???` is a syntax error).
The grader runs the notebook from top to bottom in a fresh kernel.

227x227x3 입력 이미지에 대해 AlexNet 각 층의 학습 가능한 파라미터 수(가중치 + 편향)를
계산하세요. 답은 각 셀의 변수에 정수로 적습니다. `11*11*3*96 + 96` 같은 계산식도 괜찮습니다.
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


def params_notebook(answers=None, extra_cells=()):
    """An alexnet_params notebook; answers maps a name to its right-hand side ('???' if absent).

    A name mapped to None is never assigned. extra_cells go before the first answer cell.
    """
    answers = answers or {}
    cells = [new_markdown_cell(PARAMS_INTRO), new_markdown_cell(layer_table_markdown()),
             new_markdown_cell(FORMULAS)]
    cells += [new_code_cell(source) for source in extra_cells]
    for i, (name, kind, *_, inp, out) in enumerate(LAYERS, 1):
        cells.append(new_markdown_cell(
            f"### Layer {i} / {i}층: `{name}` ({KINDS[kind]})\n\n"
            f"Input / 입력 `{inp}` → output / 출력 `{out}`"))
        answer = answers.get(name, "???")
        body = f"{name} = {answer}\n{name}" if answer is not None else "# (left blank)"
        cells.append(new_code_cell(TODO + body))
    cells.append(new_code_cell(TOTAL))
    return notebook("alexnet_params", cells)
