"""Session fixtures of the end-to-end tests (graded once, asserted by many tests)."""

from pathlib import Path

import pytest

from helpers import FIXTURES, REPO, grade_folder

ASSIGNMENTS = ("conv_numpy", "alexnet_params", "alexnet_model", "cnn_arithmetic")
KOREAN_FIXTURES = ("conv_numpy/conv_forward_no_bias.ipynb", "conv_numpy/max_pool_backward_spread_ties.ipynb",
                   "conv_numpy/conv_forward_edge_padding.ipynb", "alexnet_params/fc3_ten_classes.ipynb",
                    "alexnet_model/extra_batchnorm96.ipynb", "alexnet_model/no_relu_after_conv4.ipynb")


def _by_key(results: dict) -> dict[str, dict]:
    return {"/".join(s["path"].split("/")[-2:]): s for s in results["submissions"]}


@pytest.fixture(scope="session")
def fixture_run(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    """Every fixture notebook graded in one batch (in English): the output folder, and the
    results keyed `<assignment folder>/<file>`."""
    out = tmp_path_factory.mktemp("fixtures")
    results = grade_folder([str(FIXTURES / a) for a in ASSIGNMENTS], out, "--lang", "en")
    return out, _by_key(results)


@pytest.fixture(scope="session")
def fixture_results(fixture_run) -> dict[str, dict]:
    return fixture_run[1]


@pytest.fixture(scope="session")
def korean_run(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    """A few fixtures graded with `--lang ko`: the output folder and the results by key."""
    out = tmp_path_factory.mktemp("korean")
    results = grade_folder([str(FIXTURES / k) for k in KOREAN_FIXTURES], out, "--lang", "ko")
    return out, _by_key(results)


@pytest.fixture(scope="session")
def bundled_results(tmp_path_factory) -> dict[str, dict]:
    """The reference notebooks and example submissions, keyed by path relative to the repo."""
    out = tmp_path_factory.mktemp("bundled")
    paths = [str(p.relative_to(REPO)) for p in sorted(REPO.glob("solutions/*/*_reference.ipynb"))]
    paths += [str(p.relative_to(REPO)) for p in sorted(REPO.glob("assignments/*/examples"))]
    results = grade_folder(paths, out)
    return {s["path"]: s for s in results["submissions"]}
