"""An nbgrader course folder holding the benchmark's submissions, for `nbgrader autograde`.

Each assignment's source notebook is our template plus autograder test cells; each submission
is the student's notebook, unchanged, plus the same test cells (as nbgrader's release would
have put them there). The tests check what the rubric checks, against the reference solution
inlined in hidden tests, so nbgrader does comparable work to `grade`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
CONV_REF = (REPO / "solutions/conv_numpy/reference_numpy.py").read_text()
MODELS_REF = (REPO / "solutions/alexnet/models.py").read_text()

CONV_CASES = "({'stride': 1, 'pad': 0}, {'stride': 1, 'pad': 1}, {'stride': 2, 'pad': 2}, {'stride': 2, 'pad': 0})"
POOL_CASES = ("({'pool_height': 2, 'pool_width': 2, 'stride': 2}, {'pool_height': 3, 'pool_width': 3, 'stride': 2},"
              " {'pool_height': 2, 'pool_width': 1, 'stride': 1})")
_CONV_HEAD = f"import numpy as _np\n_ref = {{}}\nexec({CONV_REF!r}, _ref)\n_rng = _np.random.default_rng(0)\n"
_CLOSE = "assert all(_np.allclose(a, e, rtol=1e-6, atol=1e-9) for a, e in zip(_got, _want))\n"
CONV_TESTS = {
    "conv_forward_naive": (2.5, _CONV_HEAD + f"for _cp in {CONV_CASES}:\n"
        "    _x, _w, _b = _rng.standard_normal((2, 3, 7, 5)), _rng.standard_normal((4, 3, 3, 3)), _rng.standard_normal(4)\n"
        "    _got = conv_forward_naive(_x, _w, _b, _cp)[:1]\n    _want = _ref['conv_forward_naive'](_x, _w, _b, _cp)[:1]\n"
        "    " + _CLOSE),
    "conv_backward_naive": (3.5, _CONV_HEAD + f"for _cp in {CONV_CASES}:\n"
        "    _x, _w, _b = _rng.standard_normal((2, 3, 7, 5)), _rng.standard_normal((4, 3, 3, 3)), _rng.standard_normal(4)\n"
        "    _out, _cache = conv_forward_naive(_x, _w, _b, _cp)\n    _dout = _rng.standard_normal(_out.shape)\n"
        "    _got = conv_backward_naive(_dout, _cache)\n"
        "    _want = _ref['conv_backward_naive'](_dout, _ref['conv_forward_naive'](_x, _w, _b, _cp)[1])\n"
        "    " + _CLOSE),
    "max_pool_forward_naive": (1.5, _CONV_HEAD + f"for _pp in {POOL_CASES}:\n"
        "    _x = _rng.permutation(2 * 3 * 8 * 7).reshape(2, 3, 8, 7) / 10.0\n"
        "    _got = max_pool_forward_naive(_x, _pp)[:1]\n    _want = _ref['max_pool_forward_naive'](_x, _pp)[:1]\n"
        "    " + _CLOSE),
    "max_pool_backward_naive": (2.5, _CONV_HEAD + f"for _pp in {POOL_CASES}:\n"
        "    _x = _rng.permutation(2 * 3 * 8 * 7).reshape(2, 3, 8, 7) / 10.0\n"
        "    _out, _cache = max_pool_forward_naive(_x, _pp)\n    _dout = _rng.standard_normal(_out.shape)\n"
        "    _got = (max_pool_backward_naive(_dout, _cache),)\n"
        "    _want = (_ref['max_pool_backward_naive'](_dout, _ref['max_pool_forward_naive'](_x, _pp)[1]),)\n"
        "    " + _CLOSE),
}
PARAMS = {"Conv_1": 34944, "Max_pool_1": 0, "Conv_2": 614656, "Max_pool_2": 0, "Conv_3": 885120,
          "Conv_4": 1327488, "Conv_5": 884992, "Max_pool_3": 0, "FC1": 37752832, "FC2": 16781312, "FC3": 4097000}
PARAMS_TESTS = {name: (1.0, f"assert int({name}) == {value}\n") for name, value in PARAMS.items()}
_MODEL_HEAD = "import torch as _torch\n_torch.manual_seed(0)\n_m = AlexNet(1000).eval()\n"
MODEL_TESTS = {
    "param_count": (2.0, _MODEL_HEAD + "assert sum(p.numel() for p in _m.parameters()) == 62378344\n"),
    "output_shape": (2.0, _MODEL_HEAD + "with _torch.no_grad():\n    _y = _m(_torch.randn(2, 3, 227, 227))\n"
                     "assert tuple(_y.shape) == (2, 1000)\n"),
    "layers": (2.0, _MODEL_HEAD + f"_ref = {{}}\nexec({MODELS_REF!r}, _ref)\n_r = _ref['PaperAlexNet'](1000)\n"
               "_kinds = (_torch.nn.Conv2d, _torch.nn.Linear)\n"
               "_row = lambda l: (type(l).__name__, tuple(l.weight.shape), getattr(l, 'stride', None), getattr(l, 'padding', None))\n"
               "assert [_row(l) for l in _m.modules() if isinstance(l, _kinds)] == "
               "[_row(l) for l in _r.modules() if isinstance(l, _kinds)]\n"),
    "forward": (2.0, _MODEL_HEAD + f"_ref = {{}}\nexec({MODELS_REF!r}, _ref)\n_r = _ref['PaperAlexNet'](1000).eval()\n"
                "_mp, _rp = list(_m.parameters()), list(_r.parameters())\n"
                "assert [p.shape for p in _mp] == [p.shape for p in _rp]\n"
                "with _torch.no_grad():\n    for _a, _b in zip(_mp, _rp):\n        _b.copy_(_a)\n"
                "    _x = _torch.randn(2, 3, 227, 227)\n    assert _torch.allclose(_m(_x), _r(_x), atol=1e-4)\n"),
}
TESTS = {"conv_numpy": CONV_TESTS, "alexnet_params": PARAMS_TESTS, "alexnet_model": MODEL_TESTS}
CONFIG = """c = get_config()
c.CourseDirectory.course_id = "cnn-grader-benchmark"
c.CourseDirectory.db_url = "sqlite:///{root}/gradebook.db"
c.Execute.timeout = 600
c.ExecutePreprocessor.timeout = 600
"""


def test_cells(assignment: str) -> list:
    cells = []
    for name, (points, code) in TESTS[assignment].items():
        body = "### BEGIN HIDDEN TESTS\n" + code + "### END HIDDEN TESTS\n"
        cell = nbformat.v4.new_code_cell(body, id=f"test-{name.lower().replace('_', '-')}")
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": f"test_{name}", "locked": True, "points": points,
                                     "schema_version": 3, "solution": False, "task": False}
        cells.append(cell)
    return cells


def with_tests(path: Path, assignment: str) -> str:
    nb = nbformat.read(path, as_version=4)
    nb.cells = list(nb.cells) + test_cells(assignment)
    return nbformat.writes(nb)


def build_course(course: Path, subs: Path, assignments: dict[str, str]) -> Path:
    """`course/` with source/<a>/<file> and submitted/<student>/<a>/<file> for every submission."""
    shutil.rmtree(course, ignore_errors=True)
    course.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(CONFIG.format(root=course))
    for assignment, file_name in assignments.items():
        source = course / "source" / assignment / file_name
        source.parent.mkdir(parents=True)
        source.write_text(with_tests(REPO / "assignments" / assignment / file_name, assignment))
        for submission in sorted((subs / assignment).glob(f"*/{file_name}")):
            target = course / "submitted" / submission.parent.name / assignment / file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(with_tests(submission, assignment))
    return course
