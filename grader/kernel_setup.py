"""Execute stage, before the student's first cell: the hidden cell that prepares each kernel.

It imports the rubric's `import_first` modules (alexnet_model: torch and torchvision, which crash
when imported after TensorFlow) without binding any name the student could rely on, and, for
assignments with Keras or summary checks, records the Keras models and the text the student's
cells show (grader/kernel_side/recorder.py). Cold and warm kernels, and `check()`, all get it.
"""

from __future__ import annotations

from grader.paths import RECORDER
from grader.rubric import Assignment

RECORDING_KINDS = ("keras", "summary")


def setup_source(assignment: Assignment) -> str | None:
    """The setup cell for `assignment`'s kernels, or None when it needs none."""
    record = any(g.kind in RECORDING_KINDS for g in assignment.graded)
    if not assignment.import_first and not record:
        return None
    code = RECORDER.read_text(encoding="utf-8")
    return (
        "__cnn_grader = {'__name__': '__cnn_grader_setup__'}\n"
        f"exec(compile({code!r}, '<cnn-grader setup>', 'exec'), __cnn_grader)\n"
        f"__cnn_grader['install']({list(assignment.import_first)!r}, {record!r})\n"
        "del __cnn_grader\n"
    )
