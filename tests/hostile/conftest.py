"""Hostile notebooks, graded for real with small limits: each attack costs only its own points."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
