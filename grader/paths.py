"""Where the grader finds assignments and reference solutions (a checkout's layout)."""

import os
from pathlib import Path

ROOT = Path(os.environ.get("CNN_GRADER_ROOT", Path(__file__).resolve().parent.parent))
ASSIGNMENTS_DIR = ROOT / "assignments"
SOLUTIONS_DIR = ROOT / "solutions"
KERNEL_HARNESS = Path(__file__).resolve().parent / "kernel_side" / "harness.py"
MODEL_HARNESS = Path(__file__).resolve().parent / "kernel_side" / "model_harness.py"
ZYGOTE = Path(__file__).resolve().parent / "kernel_side" / "zygote.py"
