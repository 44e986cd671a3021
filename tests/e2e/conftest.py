"""Session fixtures of the end-to-end tests (graded once, asserted by many tests)."""

import pytest

from helpers import FIXTURES, REPO, grade_folder

ASSIGNMENTS = ("conv_numpy", "alexnet_params", "alexnet_model")


@pytest.fixture(scope="session")
def fixture_results(tmp_path_factory) -> dict[str, dict]:
    """Every fixture notebook graded in one batch, keyed `<assignment folder>/<file>`."""
    out = tmp_path_factory.mktemp("fixtures")
    results = grade_folder([str(FIXTURES / a) for a in ASSIGNMENTS], out)
    return {"/".join(s["path"].split("/")[-2:]): s for s in results["submissions"]}


@pytest.fixture(scope="session")
def bundled_results(tmp_path_factory) -> dict[str, dict]:
    """The reference notebooks and example submissions, keyed by path relative to the repo."""
    out = tmp_path_factory.mktemp("bundled")
    paths = [str(p.relative_to(REPO)) for p in sorted(REPO.glob("solutions/*/*_reference.ipynb"))]
    paths += [str(p.relative_to(REPO)) for p in sorted(REPO.glob("assignments/*/examples"))]
    results = grade_folder(paths, out)
    return {s["path"]: s for s in results["submissions"]}
