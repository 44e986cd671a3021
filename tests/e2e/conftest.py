"""Session fixtures of the end-to-end tests (graded once, asserted by many tests)."""

import pytest

from helpers import FIXTURES, by_file, grade_folder


@pytest.fixture(scope="session")
def conv_fixture_results(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("conv_fixtures")
    return by_file(grade_folder([str(FIXTURES / "conv_numpy")], out))
