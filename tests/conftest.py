"""Shared pytest fixtures: load reference solutions (solutions/ is not a package) by file path."""
import functools
import importlib.util
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def load_solution(relative_path):
    """Import REPO_ROOT/relative_path as a module, once; e.g. 'solutions/conv_numpy/reference_numpy.py'."""
    path = REPO_ROOT / relative_path
    name = 'solution_' + '_'.join(Path(relative_path).with_suffix('').parts)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope='session')
def solution_loader():
    """The load_solution function: relative path from the repository root -> module."""
    return load_solution
