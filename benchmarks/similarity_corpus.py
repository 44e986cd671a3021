"""A generated class for the similarity stage: independent solutions and known copies.

conv_numpy: each function has three ways of writing it, each with small choices of its own
(`«a|b»`), and every name a student picks is drawn from a pool; an independent student draws
all of these. Copies are made of a source student: an exact copy, a copy with every name
changed and the lines reformatted (spacing, blank lines, comments), a copy with its cells
reordered, and a student who only ran the template.
alexnet_params: formulas written several ways and markdown remarks; a copy of only the markdown
answers shares the source's wrong values, with formulas written in its own way.

Used by tests/unit/test_similarity_class.py and benchmarks/similarity.py (a sibling file, not a
package: both put this folder on sys.path).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONV_TEMPLATE = REPO / "assignments/conv_numpy/conv_numpy.ipynb"
PARAMS_TEMPLATE = REPO / "assignments/alexnet_params/alexnet_params.ipynb"
TODO = re.compile(r"(    # TODO.*?\n)(.*?)(    # END OF TODO[^\n]*\n)", re.S)

POOLS = {
    "N": ["N", "num", "n_samples", "batch", "NN"], "C": ["C", "ch", "channels", "c_in", "CC"],
    "H": ["H", "height", "h_in", "Hx", "img_h"], "W": ["W", "width", "w_in", "Wx", "img_w"],
    "F": ["F", "filters", "n_f", "num_filters", "FF"], "HH": ["HH", "kh", "k_h", "fh", "HF"],
    "WW": ["WW", "kw", "k_w", "fw", "WF"], "s": ["stride", "s", "st", "step", "S"],
    "p": ["pad", "p", "P", "padding", "pd"], "xp": ["x_pad", "xp", "padded", "x_padded", "xpad"],
    "Ho": ["H_out", "Hp", "out_h", "H_prime", "oh"], "Wo": ["W_out", "Wp", "out_w", "W_prime", "ow"],
    "n": ["n", "i_n", "idx", "sample", "b_i"], "f": ["f", "k", "filt", "j_f", "fi"],
    "i": ["i", "r", "row", "hi", "y"], "j": ["j", "c_", "col", "wi", "xx"],
    "win": ["window", "patch", "region", "field", "piece"], "m": ["mask", "is_max", "m", "where", "sel"],
    "ph": ["ph", "pool_h", "PH", "hp", "pool_height"], "pw": ["pw", "pool_w", "PW", "wp", "pool_width"],
    "dxp": ["dx_pad", "dxp", "dpad", "grad_pad", "dx_padded"],
}

CODE = {
    "conv_forward_naive": [
        """    {N}, {C}, {H}, {W} = x.shape
    {F}, _, {HH}, {WW} = w.shape
    {s}, {p} = conv_param['stride'], conv_param['pad']
    {Ho} = «1 + ({H} + 2 * {p} - {HH}) // {s}|({H} + 2 * {p} - {HH}) // {s} + 1»
    {Wo} = «1 + ({W} + 2 * {p} - {WW}) // {s}|({W} + 2 * {p} - {WW}) // {s} + 1»
    {xp} = np.pad(x, ((0, 0), (0, 0), ({p}, {p}), ({p}, {p})), mode='constant')
    out = np.zeros(({N}, {F}, {Ho}, {Wo}))
    for {n} in range({N}):
        for {f} in range({F}):
            for {i} in range({Ho}):
                for {j} in range({Wo}):
                    {win} = {xp}[{n}, :, {i} * {s}:{i} * {s} + {HH}, {j} * {s}:{j} * {s} + {WW}]
                    out[{n}, {f}, {i}, {j}] = «np.sum({win} * w[{f}]) + b[{f}]|({win} * w[{f}]).sum() + b[{f}]»
""",
        """    stride = conv_param.get('stride', 1)
    pad = conv_param.get('pad', 0)
    {N}, {C}, {H}, {W} = x.shape
    {F}, {C}, {HH}, {WW} = w.shape
    {xp} = np.zeros(({N}, {C}, {H} + 2 * pad, {W} + 2 * pad))
    {xp}[:, :, pad:pad + {H}, pad:pad + {W}] = x
    {Ho} = int(({H} + 2 * pad - {HH}) / stride) + 1
    {Wo} = int(({W} + 2 * pad - {WW}) / stride) + 1
    out = np.zeros(({N}, {F}, {Ho}, {Wo}))
    for {i} in range({Ho}):
        for {j} in range({Wo}):
            {win} = {xp}[:, :, {i}*stride:{i}*stride+{HH}, {j}*stride:{j}*stride+{WW}]
            for {f} in range({F}):
                out[:, {f}, {i}, {j}] = np.sum({win} * w[{f}, :, :, :], axis=(1, 2, 3))
    out «+= b[None, :, None, None]|= out + b.reshape(1, -1, 1, 1)»
""",
        """    {s} = conv_param['stride']; {p} = conv_param['pad']
    {xp} = np.pad(x, [(0, 0), (0, 0), ({p}, {p}), ({p}, {p})])
    {Ho} = (x.shape[2] + 2 * {p} - w.shape[2]) // {s} + 1
    {Wo} = (x.shape[3] + 2 * {p} - w.shape[3]) // {s} + 1
    out = np.empty((x.shape[0], w.shape[0], {Ho}, {Wo}))
    wf = w.reshape(w.shape[0], -1)
    for {i} in range({Ho}):
        for {j} in range({Wo}):
            cols = {xp}[:, :, {i} * {s}:{i} * {s} + w.shape[2], {j} * {s}:{j} * {s} + w.shape[3]].reshape(x.shape[0], -1)
            out[:, :, {i}, {j}] = «cols @ wf.T + b|cols.dot(wf.T) + b»
""",
    ],
    "conv_backward_naive": [
        """    x, w, b, conv_param = cache
    {s}, {p} = conv_param['stride'], conv_param['pad']
    {N}, {C}, {H}, {W} = x.shape
    {F}, _, {HH}, {WW} = w.shape
    _, _, {Ho}, {Wo} = dout.shape
    {xp} = np.pad(x, ((0, 0), (0, 0), ({p}, {p}), ({p}, {p})), mode='constant')
    {dxp} = np.zeros_like({xp})
    dw = np.zeros_like(w)
    db = «np.sum(dout, axis=(0, 2, 3))|dout.sum(axis=(0, 2, 3))»
    for {n} in range({N}):
        for {f} in range({F}):
            for {i} in range({Ho}):
                for {j} in range({Wo}):
                    hs, ws = {i} * {s}, {j} * {s}
                    dw[{f}] += {xp}[{n}, :, hs:hs + {HH}, ws:ws + {WW}] * dout[{n}, {f}, {i}, {j}]
                    {dxp}[{n}, :, hs:hs + {HH}, ws:ws + {WW}] += w[{f}] * dout[{n}, {f}, {i}, {j}]
    dx = {dxp}[:, :, {p}:{p} + {H}, {p}:{p} + {W}]
""",
        """    x, w, b, conv_param = cache
    stride, pad = conv_param['stride'], conv_param['pad']
    {xp} = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    {dxp} = np.zeros({xp}.shape)
    dw = np.zeros(w.shape)
    db = np.zeros(b.shape)
    for {f} in range(w.shape[0]):
        db[{f}] = dout[:, {f}].sum()
    for {i} in range(dout.shape[2]):
        for {j} in range(dout.shape[3]):
            {win} = {xp}[:, :, {i}*stride:{i}*stride + w.shape[2], {j}*stride:{j}*stride + w.shape[3]]
            for {f} in range(w.shape[0]):
                dw[{f}] += np.sum({win} * dout[:, {f}, {i}, {j}][:, None, None, None], axis=0)
            for {n} in range(x.shape[0]):
                {dxp}[{n}, :, {i}*stride:{i}*stride + w.shape[2], {j}*stride:{j}*stride + w.shape[3]] += \\
                    np.sum(w * dout[{n}, :, {i}, {j}][:, None, None, None], axis=0)
    dx = «{dxp}[:, :, pad:-pad, pad:-pad] if pad > 0 else {dxp}|{dxp}[:, :, pad:{dxp}.shape[2] - pad, pad:{dxp}.shape[3] - pad]»
""",
        """    x, w, b, conv_param = cache
    {s} = conv_param['stride']; {p} = conv_param['pad']
    {N} = x.shape[0]; {F} = w.shape[0]
    {xp} = np.pad(x, ((0, 0), (0, 0), ({p}, {p}), ({p}, {p})))
    {dxp} = np.zeros_like({xp}); dw = np.zeros_like(w)
    db = dout.sum(axis=(0, 2, 3))
    wf = w.reshape({F}, -1)
    for {i} in range(dout.shape[2]):
        for {j} in range(dout.shape[3]):
            cols = {xp}[:, :, {i} * {s}:{i} * {s} + w.shape[2], {j} * {s}:{j} * {s} + w.shape[3]]
            g = dout[:, :, {i}, {j}]
            dw += (g.T @ cols.reshape({N}, -1)).reshape(w.shape)
            {dxp}[:, :, {i} * {s}:{i} * {s} + w.shape[2], {j} * {s}:{j} * {s} + w.shape[3]] += (g @ wf).reshape(cols.shape)
    dx = {dxp}[:, :, {p}:{dxp}.shape[2] - {p}, {p}:{dxp}.shape[3] - {p}]
""",
    ],
    "max_pool_forward_naive": [
        """    {N}, {C}, {H}, {W} = x.shape
    {ph}, {pw}, {s} = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    {Ho} = 1 + ({H} - {ph}) // {s}
    {Wo} = 1 + ({W} - {pw}) // {s}
    out = np.zeros(({N}, {C}, {Ho}, {Wo}))
    for {n} in range({N}):
        for {f} in range({C}):
            for {i} in range({Ho}):
                for {j} in range({Wo}):
                    out[{n}, {f}, {i}, {j}] = «np.max(x[{n}, {f}, {i}*{s}:{i}*{s}+{ph}, {j}*{s}:{j}*{s}+{pw}])|x[{n}, {f}, {i}*{s}:{i}*{s}+{ph}, {j}*{s}:{j}*{s}+{pw}].max()»
""",
        """    {ph} = pool_param['pool_height']
    {pw} = pool_param['pool_width']
    stride = pool_param['stride']
    {Ho} = int((x.shape[2] - {ph}) / stride) + 1
    {Wo} = int((x.shape[3] - {pw}) / stride) + 1
    out = np.zeros((x.shape[0], x.shape[1], {Ho}, {Wo}))
    for {i} in range({Ho}):
        for {j} in range({Wo}):
            {win} = x[:, :, {i}*stride:{i}*stride+{ph}, {j}*stride:{j}*stride+{pw}]
            out[:, :, {i}, {j}] = «np.max({win}, axis=(2, 3))|{win}.max(axis=(2, 3))»
""",
        """    {s} = pool_param['stride']
    {ph}, {pw} = pool_param['pool_height'], pool_param['pool_width']
    {N}, {C}, {H}, {W} = x.shape
    out = np.array([[[[x[{n}, {f}, {i}:{i} + {ph}, {j}:{j} + {pw}].max()
                       for {j} in range(0, {W} - {pw} + 1, {s})]
                      for {i} in range(0, {H} - {ph} + 1, {s})]
                     for {f} in range({C})] for {n} in range({N})])
""",
    ],
    "max_pool_backward_naive": [
        """    x, pool_param = cache
    {N}, {C}, {H}, {W} = x.shape
    {ph}, {pw}, {s} = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    dx = np.zeros_like(x)
    for {n} in range({N}):
        for {f} in range({C}):
            for {i} in range(dout.shape[2]):
                for {j} in range(dout.shape[3]):
                    {win} = x[{n}, {f}, {i}*{s}:{i}*{s}+{ph}, {j}*{s}:{j}*{s}+{pw}]
                    a, c = np.unravel_index(np.argmax({win}), {win}.shape)
                    dx[{n}, {f}, {i}*{s} + a, {j}*{s} + c] += dout[{n}, {f}, {i}, {j}]
""",
        """    x, pool_param = cache
    {ph}, {pw} = pool_param['pool_height'], pool_param['pool_width']
    stride = pool_param['stride']
    dx = np.zeros(x.shape)
    for {i} in range(dout.shape[2]):
        for {j} in range(dout.shape[3]):
            {win} = x[:, :, {i}*stride:{i}*stride+{ph}, {j}*stride:{j}*stride+{pw}]
            top = {win}.max(axis=(2, 3), keepdims=True)
            {m} = ({win} == top)
            {m} = {m} / «{m}.sum(axis=(2, 3), keepdims=True)|np.sum({m}, axis=(2, 3), keepdims=True)»
            dx[:, :, {i}*stride:{i}*stride+{ph}, {j}*stride:{j}*stride+{pw}] += {m} * dout[:, :, {i}:{i}+1, {j}:{j}+1]
""",
        """    x, pool_param = cache
    {s} = pool_param['stride']; {ph} = pool_param['pool_height']; {pw} = pool_param['pool_width']
    dx = np.zeros_like(x)
    {N}, {C}, {Ho}, {Wo} = dout.shape
    for {n}, {f}, {i}, {j} in np.ndindex({N}, {C}, {Ho}, {Wo}):
        {win} = x[{n}, {f}, {i} * {s}:{i} * {s} + {ph}, {j} * {s}:{j} * {s} + {pw}]
        k = np.argmax({win})
        dx[{n}, {f}, {i} * {s} + k // {pw}, {j} * {s} + k % {pw}] += dout[{n}, {f}, {i}, {j}]
""",
    ],
}
FUNCTIONS = tuple(CODE)
CHOICE = re.compile(r"«([^«»]*)»")
COMMENTS = ["# loop over every output position", "# zero-pad the input first", "# gradient wrt the input",
            "# sum over the window", "# 출력 크기 계산", "# accumulate", "# done", "# pad", ""]


def _names(rng: random.Random) -> dict[str, str]:
    return {key: rng.choice(pool) for key, pool in POOLS.items()}


def _fill(code: str, names: dict[str, str], rng: random.Random) -> str:
    code = CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), code)
    return code.format(**names)


def _comment(body: str, rng: random.Random) -> str:
    lines = body.splitlines()
    at = rng.randrange(1, len(lines))
    indent = re.match(r"\s*", lines[at]).group()
    lines.insert(at, indent + rng.choice(COMMENTS))
    return "\n".join(lines) + "\n"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


EXTRA = ["print(x.shape)", "assert x.ndim == 4", "dtype = x.dtype", "# print(out)", "shapes = x.shape",
         "assert len(x.shape) == 4, 'expected (N, C, H, W)'", "debug = False", "eps = 1e-12"]
"""Statements students leave in (debug prints, asserts): one is put here and there."""


def _habits(body: str, rng: random.Random) -> str:
    """A student's own habits, applied to a whole body: `range(0, n)`, `a = a + b` for
    `a += b`, `.sum()` for `np.sum`, `s * i` for `i * s`, lists for shapes, explicit dtypes,
    bracketed slice ends, a statement left in here and there."""
    if rng.random() < 0.4:
        body = re.sub(r"range\((?!0,)", "range(0, ", body)
    if rng.random() < 0.4:
        body = re.sub(r"^(\s+)([\w\[\], :+*{}.]+?) \+= ([^\\\n]+)$", r"\1\2 = \2 + (\3)", body, flags=re.M)
    if rng.random() < 0.4:
        body = re.sub(r"np\.sum\(([^(),]+)\)", r"(\1).sum()", body)
    if rng.random() < 0.5:
        body = re.sub(r"\b(\w+) \* (\w+)\b(?!\()", r"\2 * \1", body)
    if rng.random() < 0.5:
        body = re.sub(r"np\.(zeros|empty)\(\(([^()]*)\)\)", r"np.\1([\2])", body)
    if rng.random() < 0.4:
        body = re.sub(r"np\.(zeros|zeros_like|empty)\(([^()]*(?:\([^()]*\))?[^()]*)\)", r"np.\1(\2, dtype=float)", body)
    if rng.random() < 0.4:
        body = re.sub(r":(\w+(?: ?\* ?\w+)?) ?\+ ?(\w+)\b", r":(\1 + \2)", body)
    lines = body.rstrip("\n").split("\n")
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(1, len(lines))
        if lines[at - 1].rstrip().endswith("\\"):
            continue
        indent = re.match(r"\s*", lines[at]).group()
        lines.insert(at, indent + rng.choice(EXTRA))
    return "\n".join(lines) + "\n"


def conv_solution(rng: random.Random) -> dict[str, str]:
    """An independent student's four function bodies."""
    names = _names(rng)
    return {f: _comment(_habits(_fill(rng.choice(CODE[f]), names, rng), rng), rng) for f in FUNCTIONS}


def conv_notebook(bodies: dict[str, str]) -> dict:
    """The conv_numpy template with each function's TODO region replaced by its body."""
    nb = _load(CONV_TEMPLATE)
    for cell in nb["cells"]:
        source = _source(cell)
        for f, body in bodies.items():
            if cell["cell_type"] == "code" and f"def {f}(" in source:
                source = TODO.sub(lambda m: body, source)
        cell["source"] = source
    return nb


def rename_and_reformat(nb: dict, rng: random.Random) -> dict:
    """The same notebook with every name of the student's own changed and the lines reformatted:
    spacing around operators and commas, blank lines, comments changed."""
    nb = json.loads(json.dumps(nb))
    mapping = {}
    for key, pool in POOLS.items():
        for name in pool:
            mapping.setdefault(name, f"{name}_{rng.choice(['v', 'q', 'z'])}")
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or "TODO" in _source(cell):
            continue
        source = _source(cell)
        source = re.sub(r"\b(" + "|".join(map(re.escape, sorted(mapping, key=len, reverse=True))) + r")\b(?!')",
                        lambda m: mapping[m.group()], source)
        source = re.sub(r"#[^\n]*", "# (rewritten)", source)
        source = source.replace(" = ", "=").replace(", ", ",").replace(" + ", "+").replace("\n    for", "\n\n    for")
        cell["source"] = source
    return nb


def reorder(nb: dict, rng: random.Random) -> dict:
    """The same notebook with its code cells in another order (markdown cells stay)."""
    nb = json.loads(json.dumps(nb))
    code = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    moved = [nb["cells"][i] for i in code]
    rng.shuffle(moved)
    for i, cell in zip(code, moved):
        nb["cells"][i] = cell
    return nb


def template_only(path: Path = CONV_TEMPLATE) -> dict:
    return _load(path)


PARAMS = ["Conv_1", "Max_pool_1", "Conv_2", "Max_pool_2", "Conv_3", "Conv_4", "Conv_5", "Max_pool_3",
          "FC1", "FC2", "FC3"]
LAYERS = {"Conv_1": (11, 11, 3, 96), "Conv_2": (5, 5, 96, 256), "Conv_3": (3, 3, 256, 384),
          "Conv_4": (3, 3, 384, 384), "Conv_5": (3, 3, 384, 256), "FC1": (1, 1, 9216, 4096),
          "FC2": (1, 1, 4096, 4096), "FC3": (1, 1, 4096, 1000)}
FORMULAS = ["({kh} * {kw} * {cin} + 1) * {cout}", "{kh}*{kw}*{cin}*{cout} + {cout}", "{value}",
            "({kh} * {kw} * {cin}) * {cout} + {cout}"]
WRONG_FORMULAS = ["{kh} * {kw} * {cin} * {cout}", "{value}", "({kh}*{kw}*{cin})*{cout}"]
OPENERS = ["I think", "Note:", "My guess is that", "It seems", "Honestly,", "I checked that", "메모:", "As far as I see,"]
SUBJECTS = ["the pooling layers", "the first FC layer", "the biases", "the conv layers", "the last layer",
            "the flattened map", "the 6x6x256 input", "the kernel sizes", "the channel counts"]
DETAILS = ["have no weights at all", "dominate the total", "hardly matter next to the weights",
           "were the hardest part", "match torchsummary", "need the input channels", "are easy to forget",
           "take most of the memory", "follow the paper's table", "had me confused for a while"]


def params_value(name: str, bias: bool = True) -> int:
    if name not in LAYERS:
        return 0
    kh, kw, cin, cout = LAYERS[name]
    return kh * kw * cin * cout + (cout if bias else 0)


def params_answers(rng: random.Random, wrong: set[str] = frozenset()) -> dict[str, str]:
    """Each variable's expression: a formula written one of several ways, without biases for
    the names in `wrong`."""
    style = rng.choice(FORMULAS)
    answers = {}
    for name in PARAMS:
        if name not in LAYERS:
            answers[name] = rng.choice(["0", "0  # no weights"])
            continue
        kh, kw, cin, cout = LAYERS[name]
        form = rng.choice(WRONG_FORMULAS) if name in wrong else style
        answers[name] = form.format(kh=kh, kw=kw, cin=cin, cout=cout,
                                    value=params_value(name, name not in wrong))
    return answers


def params_markdown(rng: random.Random, answers_wrong: set[str]) -> str:
    """A markdown cell of the student's own: two remarks and the values they found."""
    lines = [f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS)} {rng.choice(DETAILS)}." for _ in range(2)]
    lines += [f"- {n}: {params_value(n, n not in answers_wrong):,}" for n in sorted(answers_wrong)]
    return "\n".join(lines)


def params_notebook(answers: dict[str, str], markdown: str | None) -> dict:
    nb = _load(PARAMS_TEMPLATE)
    for cell in nb["cells"]:
        source = _source(cell)
        for name, expression in answers.items():
            if cell["cell_type"] == "code" and f"{name} = ???" in source:
                source = source.replace(f"{name} = ???", f"{name} = {expression}")
        cell["source"] = source
    if markdown is not None:
        nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": markdown})
    return nb


def write(nb: dict, root: Path, student: str, name: str) -> Path:
    path = root / student / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def conv_class(root: Path, independents: int, seed: int = 0) -> dict[str, str]:
    """A conv_numpy class under `root`: `independents` students plus known copies of the first
    and third ones. Returns student -> what they are ("independent", "exact_copy:s00", ...)."""
    rng = random.Random(seed)
    kinds, notebooks = {}, {}
    for k in range(independents):
        student = f"s{k:03d}"
        notebooks[student] = conv_notebook(conv_solution(rng))
        kinds[student] = "independent"
    copies = {"exact": ("s000", lambda nb: nb), "renamed": ("s000", lambda nb: rename_and_reformat(nb, rng)),
              "reordered": ("s002", lambda nb: reorder(nb, rng))}
    for kind, (source, make) in copies.items():
        notebooks[f"copy_{kind}"] = make(notebooks[source])
        kinds[f"copy_{kind}"] = f"{kind}:{source}"
    notebooks["template_only"] = template_only()
    kinds["template_only"] = "template"
    for student, nb in notebooks.items():
        write(nb, root, student, "conv_numpy.ipynb")
    return kinds


def params_class(root: Path, independents: int, seed: int = 0) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
    """An alexnet_params class: independent students (a quarter forget the FC biases, a common
    mistake; some another bias), a source student with wrong values of their own and remarks, a
    student who copied only the source's markdown answers (same wrong values, formulas written
    their own way), and one who only ran the template. Returns student -> kind, and student ->
    the value of each variable (the answers a grader reads back)."""
    rng = random.Random(seed)
    kinds, values = {}, {}

    def add(student: str, kind: str, wrong: set[str], markdown: str | None) -> None:
        write(params_notebook(params_answers(rng, wrong), markdown), root, student, "alexnet_params.ipynb")
        kinds[student] = kind
        values[student] = {n: params_value(n, n not in wrong) for n in PARAMS}

    for k in range(independents):
        wrong = {"FC1", "FC2", "FC3"} if k % 4 == 1 else ({rng.choice(list(LAYERS))} if k % 4 == 2 else set())
        add(f"p{k:03d}", "independent", wrong, params_markdown(rng, wrong) if k % 2 else None)
    source_wrong = {"Conv_2", "Conv_4"}
    source_markdown = params_markdown(rng, source_wrong)
    add("p_source", "independent", source_wrong, source_markdown)
    add("p_markdown_copy", "markdown:p_source", source_wrong, source_markdown)
    write(template_only(PARAMS_TEMPLATE), root, "p_template_only", "alexnet_params.ipynb")
    kinds["p_template_only"] = "template"
    return kinds, values
