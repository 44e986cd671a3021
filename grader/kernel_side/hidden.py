"""Stands, read-only, in place of a library that an assignment forbids (as its __init__.py): the
grading kernel of that assignment has no such library on its file system (grader/sandbox.py
hides it), so no trick inside the kernel can reach it.

`import torch` (and `import torch.nn.functional as F`, `from torch import nn`) still work, so a
cell that imports it for a test of its own still defines its functions; but *using* anything
taken from it raises ModuleNotFoundError naming the library, and the refusal is noted for the
probe harness, which then reports the graded function as using a forbidden library. Code that
only mentions the library, in a branch it never takes, costs nothing.
"""

import builtins
import importlib.abc
import importlib.util
import sys

_REFUSED = builtins.__dict__.setdefault("__cnn_grader_refused__", set())
_HIDDEN = builtins.__dict__.setdefault("__cnn_grader_hidden__", set())
_HIDDEN.add(__name__)


def _refuse(name):
    top = next((h for h in _HIDDEN if name == h or name.startswith(h + ".")), name)
    _REFUSED.add(top)
    return ModuleNotFoundError(f"{top} is not available in this assignment's grading kernel: the assignment "
                               f"forbids it (see the template)", name=top)


class _Refused:
    """Any name taken from a forbidden library: using it in any way raises."""

    def __init__(self, name):
        object.__setattr__(self, "_name", name)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return _Refused(f"{self._name}.{attr}")

    def __call__(self, *args, **kwargs):
        raise _refuse(self._name)

    def __mro_entries__(self, bases):
        raise _refuse(self._name)

    def __instancecheck__(self, instance):
        raise _refuse(self._name)

    def __subclasscheck__(self, subclass):
        raise _refuse(self._name)

    def __iter__(self):
        raise _refuse(self._name)

    def __bool__(self):
        raise _refuse(self._name)

    def __repr__(self):
        return f"<{self._name}: not available in this grading kernel>"


def _module_getattr(prefix):
    """A module's __getattr__: every public name of a hidden module is refused on use."""
    def getattr_(attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return _Refused(f"{prefix}.{attr}")
    return getattr_


__getattr__ = _module_getattr(__name__)


class _Stubs(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Submodules of a hidden library are stubs too (`import torch.nn.functional`)."""

    def find_spec(self, fullname, path=None, target=None):
        if any(fullname.startswith(h + ".") for h in _HIDDEN):
            return importlib.util.spec_from_loader(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__path__ = []
        module.__getattr__ = _module_getattr(module.__name__)


if not any(isinstance(finder, _Stubs) or type(finder).__name__ == "_Stubs" for finder in sys.meta_path):
    sys.meta_path.insert(0, _Stubs())
__path__ = []
