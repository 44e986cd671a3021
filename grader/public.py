"""Configuration stage, students' distribution: which references an assignment is judged with.

The course staff's checkout judges with the references under solutions/ ("solutions"). The
students' wheel has no solutions/ and judges with what reveals no answer ("public"): a public
reference module in the assignment folder (PyTorch's own ops for conv_numpy; rubric key
`public_reference`) for function checks, and the assignment's lock file (grader/lock.py) for
variable and model checks. Checks neither can judge are left to the course staff.

The mode is "public" when solutions/ is absent, or when CNN_GRADER_REFERENCES=public.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Mapping

from grader import lock
from grader.errors import RubricError, UsageError
from grader.paths import SOLUTIONS_DIR

MODES = ("solutions", "public")
ENV = "CNN_GRADER_REFERENCES"
LOCK_FILE = "lock.json"


def mode() -> str:
    """"solutions" in the staff's checkout, "public" in the students' distribution."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen and chosen not in MODES:
        raise UsageError.of("error.public_mode", env=ENV, chosen=repr(chosen), modes=", ".join(MODES))
    return chosen or ("solutions" if SOLUTIONS_DIR.is_dir() else "public")


def public_fields(folder: Path, head: Mapping[str, Any], graded: tuple, raw: bytes) -> dict[str, Any]:
    """The Assignment fields of the public mode: the public reference (or None), no mistakes,
    the lock, the graded names left to the staff, and a rubric hash covering the lock."""
    public = head.get("public_reference")
    reference = folder / public if public else None
    if reference is not None and not reference.is_file():
        raise RubricError.of("rubric.no_public_reference", path=reference)
    functions = [g.name for g in graded if g.kind in ("function", "formula")]
    if functions and reference is None:
        raise RubricError.of("rubric.needs_public_reference", names=", ".join(functions))
    path = folder / LOCK_FILE
    found = lock.read(path)
    if found.assignment != head["name"]:
        raise RubricError.of("rubric.other_lock", path=path, found=repr(found.assignment), name=repr(head["name"]))
    judged_here = ("function", "formula", "summary")  # by a public reference, or by nothing secret
    staff = tuple(g.name for g in graded if g.kind not in judged_here and g.name not in found.locked)
    digest = hashlib.sha256(raw + path.read_bytes() + (reference.read_bytes() if reference else b""))
    return {"reference": reference, "mistakes": None, "lock": path, "staff_judged": staff,
            "references": "public", "rubric_sha256": digest.hexdigest()}
