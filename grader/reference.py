"""Reference stage: load the course's reference solution and compute expected outputs.

Runs in the grader's own process; the kernel never sees these modules or their results.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Sequence

from grader.errors import RubricError


@functools.lru_cache(maxsize=None)
def load_module(path: Path) -> ModuleType:
    """Import a reference module by file path (solutions/ is not a package); cached per process."""
    if not path.is_file():
        raise RubricError.of("rubric.no_reference", path=path)
    spec = importlib.util.spec_from_file_location(f"_reference_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def function(module: ModuleType, name: str) -> Callable[..., Any]:
    try:
        return getattr(module, name)
    except AttributeError:
        raise RubricError.of("rubric.reference_lacks", path=module.__file__, name=name) from None


def as_named(value: Any, names: Sequence[str], who: str) -> dict[str, Any]:
    """Name the values a reference function returned, following the rubric's `returns`."""
    values = (value,) if len(names) == 1 else tuple(value)
    if len(values) != len(names):
        raise RubricError.of("rubric.reference_returns", who=who, got=len(values), expected=len(names))
    return dict(zip(names, values))


def fresh(value: Any) -> Any:
    """A copy, so a reference that writes into its inputs cannot change a case."""
    return copy.deepcopy(value)
