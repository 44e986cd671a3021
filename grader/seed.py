"""The grading seed: drawn once per output folder, recorded there, fixed by `--seed`."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from grader.errors import UsageError

SEED_FILE = "seed.json"


def _recorded(path: Path) -> int:
    try:
        seed = json.loads(path.read_text())["seed"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise UsageError(f"{path} is damaged ({type(exc).__name__}); delete it or pass --seed") from None
    if type(seed) is not int or seed < 0:
        raise UsageError(f"{path} holds {seed!r}, not a seed (an integer, 0 or more); delete it or pass --seed")
    return seed


def resolve_seed(out: Path, given: int | None) -> int:
    """`given` if set, else the seed recorded in `out`, else a fresh one; recorded in `out`."""
    path = out / SEED_FILE
    if given is not None:
        seed = given
    elif path.exists():
        seed = _recorded(path)
    else:
        seed = secrets.randbelow(2**63)
    if seed < 0:
        raise UsageError(f"--seed must be 0 or more, not {seed}")
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"seed": seed}) + "\n")
    return seed
