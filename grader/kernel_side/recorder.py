"""Kernel setup, run INSIDE the kernel before the student's first cell (grader/setup.py sends it).

`install(first, record)` imports the modules in `first` (torch and torchvision before any
student code: `import tensorflow` then `import torchvision` crashes the process), binding no
name in the student's namespace; with `record`, it keeps, in the module
`__cnn_grader_record__`:
- `models`: every Keras model a cell leaves in the notebook's globals, in the order first seen,
  with the name it had, so a later `model = AlexNet(...)` does not lose it;
- `text`: what the student's cells print or display (as plain text), for the summary check.
Nothing here judges; the probe reads these after the student's cells have run.
"""

import importlib
import sys
import types

MAX_TEXT_CHARS = 2_000_000
MAX_MODELS = 50


def _keras_model_class():
    keras = sys.modules.get("keras")
    return getattr(keras, "Model", None) if keras is not None else None


def _note_models(rec, namespace):
    model_class = _keras_model_class()
    if model_class is None:
        return
    for name, value in list(namespace.items()):
        if name.startswith("_") or not isinstance(value, model_class) or id(value) in rec.seen:
            continue
        if len(rec.models) < MAX_MODELS:
            rec.seen.add(id(value))
            rec.models.append((name, value))


def _keep(rec, text):
    if isinstance(text, str) and rec.size < MAX_TEXT_CHARS:
        rec.text.append(text[: MAX_TEXT_CHARS - rec.size])
        rec.size += len(rec.text[-1])


def _tee_stdout(rec):
    """Wrap sys.stdout's write for the cell about to run (IPython puts back its own write after
    every cell, so this runs before each one); a wrapper already in place is kept."""
    stream = sys.stdout
    write = stream.write
    if getattr(write, "_cnn_grader_tee", False):
        return

    def tee(text, *args, **kwargs):
        _keep(rec, text)
        return write(text, *args, **kwargs)

    tee._cnn_grader_tee = True
    try:
        stream.write = tee
    except (AttributeError, TypeError):
        pass


def _tee_display(rec, shell):
    publisher = getattr(shell, "display_pub", None)
    publish = getattr(publisher, "publish", None)
    if publish is None:
        return

    def tee(data, *args, **kwargs):
        if isinstance(data, dict):
            _keep(rec, str(data.get("text/plain", "")) + "\n")
        return publish(data, *args, **kwargs)

    publisher.publish = tee


def _after_cell(rec, shell):
    def after(result):
        _note_models(rec, shell.user_ns)
        value = getattr(result, "result", None)
        if value is not None:
            try:
                _keep(rec, repr(value) + "\n")
            except Exception:  # a student's object whose repr raises shows nothing
                pass

    return after


def install(first, record):
    for name in first:
        importlib.import_module(name)
    if not record or "__cnn_grader_record__" in sys.modules:
        return
    rec = types.ModuleType("__cnn_grader_record__")
    rec.models, rec.seen, rec.text, rec.size = [], set(), [], 0
    sys.modules[rec.__name__] = rec
    shell = sys.modules["IPython"].get_ipython()
    _tee_display(rec, shell)
    shell.events.register("pre_run_cell", lambda info: _tee_stdout(rec))
    shell.events.register("post_run_cell", _after_cell(rec, shell))
