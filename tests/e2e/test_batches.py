"""Probe batches in real kernels: the cases of a notebook go into its kernel together, yet a
hang or a crash in the middle is charged to its own case, every call keeps its own time limit
and output allowance, and the rest are probed again (in a restarted kernel after a fault)."""

import nbformat
import pytest

from helpers import REPO, by_file, grade_folder

SOLUTION = (REPO / "solutions/conv_numpy/reference_numpy.py").read_text()
CALL_TIMEOUT = 3
CONV_PAD2 = (2, 2, 7, 7)
"""x of conv_forward_naive/pad2_stride2, the fourth of seven conv cases."""
POOL_OVERLAP = (2, 3, 11, 11)
"""x of max_pool_forward_naive/overlap3x3, the third of five pool cases."""


def notebook(*sources: str) -> str:
    nb = nbformat.v4.new_notebook(metadata={"grader": {"assignment": "conv_numpy"}})
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nbformat.writes(nb)


def wrap(name: str, args: str, before: str) -> str:
    """A cell running `before` (which sees the arguments) and then the correct `name`."""
    return (f"_correct_{name} = {name}\n\ndef {name}({args}):\n"
            + "".join(f"    {line}\n" for line in before.splitlines())
            + f"    return _correct_{name}({args})\n")


NOTEBOOKS = {
    "dies_on_one_conv_case.ipynb": wrap("conv_forward_naive", "x, w, b, conv_param",
                                        f"if x.shape == {CONV_PAD2}:\n    import os\n    os._exit(1)"),
    "hangs_on_one_pool_case.ipynb": wrap("max_pool_forward_naive", "x, pool_param",
                                         f"while x.shape == {POOL_OVERLAP}:\n    pass"),
    "slow_pool_backward.ipynb": wrap("max_pool_backward_naive", "dout, cache",
                                     f"import time\ntime.sleep({CALL_TIMEOUT / 2})"),
    "prints_in_every_conv_call.ipynb": wrap("conv_forward_naive", "x, w, b, conv_param",
                                            "print('x' * 400_000)"),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batches")
    for name, cell in NOTEBOOKS.items():
        (folder / name).write_text(notebook(SOLUTION, cell))
    graded = grade_folder([str(folder)], tmp_path_factory.mktemp("batches_out"),
                          "--call-timeout", str(CALL_TIMEOUT))
    return {name: {c["id"]: c for c in r["checks"]} for name, r in by_file(graded).items()}


def statuses(checks: dict, prefix: str) -> dict[str, str]:
    return {i.partition("/")[2]: c["status"] for i, c in checks.items() if i.startswith(prefix)}


def test_a_kernel_death_mid_batch_is_charged_to_its_case_and_the_rest_run_after_a_restart(results):
    checks = results["dies_on_one_conv_case.ipynb"]
    # only the cases whose call dies are charged (the backward's own forward call on that shape
    # dies too); main charged every later case of the function
    every = {"public": "pass", "pad0": "pass", "pad1": "pass", "pad2_stride2": "error",
             "stride2": "pass", "h_ne_w": "pass", "kernel3x1": "pass"}
    assert statuses(checks, "conv_forward_naive/") == every
    assert statuses(checks, "conv_backward_naive/") == every
    assert "kernel died" in checks["conv_forward_naive/pad2_stride2"]["message"]
    assert set(statuses(checks, "max_pool").values()) == {"pass"}  # probed in the restarted kernel


def test_a_hang_mid_batch_times_out_its_own_case(results):
    checks = results["hangs_on_one_pool_case.ipynb"]
    every = {"public": "pass", "pool2x2": "pass", "overlap3x3": "timeout", "pool2x1": "pass", "ties": "pass"}
    assert statuses(checks, "max_pool_forward_naive/") == every
    assert statuses(checks, "max_pool_backward_naive/") == every
    assert f"did not finish within {CALL_TIMEOUT} s" in checks["max_pool_forward_naive/overlap3x3"]["message"]
    assert set(statuses(checks, "conv_").values()) == {"pass"}


def test_each_call_has_its_own_time_limit(results):
    """Five calls of 1.5 s each take longer than one call's 3 s limit, and none is cut short."""
    assert {c["status"] for c in results["slow_pool_backward.ipynb"].values()} == {"pass"}


def test_each_call_has_its_own_output_allowance(results):
    """14 calls (7 forward cases, 7 backward ones through the forward) print 5.6 MB in all, more
    than one cell's 4 MB, each well under it."""
    assert {c["status"] for c in results["prints_in_every_conv_call.ipynb"].values()} == {"pass"}
