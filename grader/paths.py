"""Where the grader finds assignments and reference solutions: a checkout's layout, or the
assignments bundled into the students' wheel (grader/bundled/, written by student_dist.py)."""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("CNN_GRADER_ROOT", PACKAGE.parent))
BUNDLED_DIR = PACKAGE / "bundled"
"""Only in the students' wheel: the assignments without their examples, with public references."""
ASSIGNMENTS_DIR = ROOT / "assignments" if (ROOT / "assignments").is_dir() or not BUNDLED_DIR.is_dir() \
    else BUNDLED_DIR / "assignments"
SOLUTIONS_DIR = ROOT / "solutions"
KERNEL_HARNESS = PACKAGE / "kernel_side" / "harness.py"
MODEL_HARNESS = PACKAGE / "kernel_side" / "model_harness.py"
ZYGOTE = PACKAGE / "kernel_side" / "zygote.py"
RECORDER = PACKAGE / "kernel_side" / "recorder.py"
KERAS_HARNESS = PACKAGE / "kernel_side" / "keras_harness.py"
SUMMARY_HARNESS = PACKAGE / "kernel_side" / "summary_harness.py"
HIDDEN_MODULE = PACKAGE / "kernel_side" / "hidden.py"
