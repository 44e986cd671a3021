"""Unit tests of grader/cellcode.py: grader imports and check() calls leave a cell's code, the
rest stays; a replayed history also loses shell escapes and session-only magics."""
import ast

import pytest

from grader.cellcode import strip_cells


def runs(source):
    """The statements a cell's code holds, normalised (formatting and comments aside)."""
    return ast.unparse(ast.parse(source)).splitlines() if source.strip() else []


def test_a_notebook_without_the_grader_is_returned_exactly():
    cells = ["%matplotlib inline\nimport numpy as np", "!ls\nx = 1  # a comment"]
    assert strip_cells(cells) == cells


def test_the_import_and_the_calls_leave_and_definitions_stay():
    cells = ["from grader import check\nimport numpy as np",
             "def f(x):\n    return x\n\n\ncheck('f')\n# done",
             "check()"]
    out = strip_cells(cells)
    assert runs(out[0]) == ["import numpy as np"]
    assert out[1] == "def f(x):\n    return x\n\n\n# done\n"
    assert out[2] == ""


def test_a_cell_that_does_not_mention_the_check_is_untouched_even_when_others_do():
    cells = ["from grader import check", "y = 2  # keeps its comment"]
    assert strip_cells(cells)[1] == cells[1]


@pytest.mark.parametrize("imports, call", [
    ("import grader", "grader.check('f')"),
    ("import grader as g", "g.check('f')"),
    ("from grader import check as c", "c('f')"),
    ("from grader import *", "check('f')"),
    ("from grader import selfcheck", "selfcheck.check('f')"),
    ("import grader.selfcheck", "grader.selfcheck.check('f')"),
])
def test_every_way_of_importing_the_check(imports, call):
    assert runs("".join(strip_cells([imports, f"x = 1\n{call}\ny = 2"]))) == ["x = 1", "y = 2"]


def test_a_function_of_the_students_own_called_check_is_theirs():
    cells = ["def check(x):\n    return x", "check(3)"]
    assert strip_cells(cells, replay=True) == cells


def test_a_loop_of_checks_loses_the_calls_and_so_does_a_function_that_would_check_later():
    cells = ["from grader import check",
             "for name in ['a', 'b']:\n    check(name)\nz = 3",
             "def check_all():\n    check('a')\n    return 1"]
    out = strip_cells(cells)
    assert out[1] == "for name in ['a', 'b']:\n    pass\nz = 3\n"
    assert out[2] == "def check_all():\n    pass\n    return 1\n"  # calling it no longer raises NameError


def defined(source):
    """The names a cell's code defines when run (in this process: the test's own code only)."""
    namespace = {}
    exec(compile(source, "<cell>", "exec"), namespace)
    return {k for k in namespace if not k.startswith("__")}


@pytest.mark.parametrize("cell", [
    "if True:\n    def conv_forward_naive(x):\n        return x\n    check('conv_forward_naive')\n",
    "for _ in range(1):\n    def conv_forward_naive(x):\n        return x\n    check('conv_forward_naive')\n",
    "import contextlib\nwith contextlib.nullcontext():\n    def conv_forward_naive(x):\n        return x\n"
    "    check('conv_forward_naive')  # mine\n",
    "try:\n    def conv_forward_naive(x):\n        return x\nexcept ValueError:\n    check()\n"
    "finally:\n    check('conv_forward_naive')\n",
], ids=["if", "for", "with", "try"])
def test_a_block_that_defines_a_graded_function_and_checks_it_keeps_the_function(cell):
    out = strip_cells(["from grader import check", cell])[1]
    assert "check(" not in out
    assert "conv_forward_naive" in defined(out)
    assert len(out.splitlines()) == len(cell.splitlines())  # a traceback's line numbers stay right


def test_an_import_inside_a_block_leaves_too():
    out = strip_cells(["if True:\n    from grader import check\n    x = 1\n    check('f')"])[0]
    assert out == "if True:\n    pass\n    x = 1\n    pass\n"


def test_in_a_function_only_the_import_of_check_leaves():
    cell = ("def f():\n    from grader import check\n    import grader.paths\n    check('f')\n"
            "    return grader.paths\n")
    out = strip_cells([cell])[0]
    assert out == "def f():\n    pass\n    import grader.paths\n    pass\n    return grader.paths\n"


def test_a_check_in_a_one_line_block_is_replaced_by_pass():
    out = strip_cells(["from grader import check", "if True: y = 1; check('f')"])[1]
    assert runs(out) == ["if True:", "    y = 1"]


def test_a_check_in_a_block_header_becomes_none():
    out = strip_cells(["import grader", "if grader.check('f') is None:\n    x = 1"])[1]
    assert runs(out) == ["if None is None:", "    x = 1"]


def test_a_time_cell_magic_keeps_its_body_without_the_check():
    cell = "%%time\ndef conv_forward_naive(x):\n    return x\ncheck('conv_forward_naive')\n"
    out = strip_cells(["from grader import check", cell])[1]
    assert out.startswith("get_ipython().run_cell_magic('time', '', ")
    body = ast.literal_eval(ast.parse(out).body[0].value.args[2])
    assert body == "def conv_forward_naive(x):\n    return x\n"


def test_a_line_magic_timing_a_check_leaves():
    out = strip_cells(["from grader import check", "x = 1\n%time check('f')\n%time y = 2"])[1]
    assert runs(out) == ["x = 1", "get_ipython().run_line_magic('time', 'y = 2')"]


def test_the_current_cell_is_kept_up_to_the_block_running_the_check():
    history = ["from grader import check", "if True:\n    x = 1\n    check('f')\nprint('not yet run')"]
    assert strip_cells(history, replay=True, current=True)[1] == "if True:\n    x = 1\n    pass\n"


def test_statements_sharing_a_line_with_a_check_stay():
    assert runs(strip_cells(["from grader import check", "a = 1; check('f'); b = 2"])[1]) == ["a = 1", "b = 2"]


def test_the_current_cell_is_kept_only_up_to_the_check_it_is_running():
    history = ["from grader import check", "x = 1\ncheck('f')\nprint('not yet run')"]
    assert runs(strip_cells(history, replay=True, current=True)[1]) == ["x = 1"]
    assert runs(strip_cells(history, replay=True)[1]) == ["x = 1", "print('not yet run')"]


def test_a_replay_drops_shell_escapes_and_session_only_magics_and_keeps_the_rest():
    cell = ("!pip install torchsummary\nfiles = !ls\n%pip install torchinfo\n%cd /home/me\n"
            "conv_forward_naive?\n%timeit f(1)\n%matplotlib inline\n%time y = f(2)\nz = 3")
    kept = runs(strip_cells([cell], replay=True)[0])
    assert kept == ["get_ipython().run_line_magic('matplotlib', 'inline')",
                    "get_ipython().run_line_magic('time', 'y = f(2)')", "z = 3"]


def test_a_replay_drops_shell_cell_magics_only():
    out = strip_cells(["%%bash\npip install x", "%%capture\nprint(1)"], replay=True)
    assert out == ["", "%%capture\nprint(1)"]


def test_grading_keeps_shell_escapes_even_next_to_a_check():
    kept = runs(strip_cells(["from grader import check\n!echo hi\ncheck('f')"])[0])
    assert kept == ["get_ipython().system('echo hi')"]


@pytest.mark.parametrize("source", ["def f(:\n    check('f')  # grader", "x = " + "-" * 100000 + "1  # grader"],
                         ids=["syntax_error", "too_deep"])
def test_code_that_cannot_be_read_is_run_as_it_is(source):
    assert strip_cells([source]) == [source]
