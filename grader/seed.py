"""The grading seed: drawn once per output folder, recorded there, fixed by `--seed`."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from grader.errors import UsageError

SEED_FILE = "seed.json"


def resolve_seed(out: Path, given: int | None) -> int:
    """`given` if set, else the seed recorded in `out`, else a fresh one; recorded in `out`."""
    path = out / SEED_FILE
    if given is not None:
        seed = given
    elif path.exists():
        try:
            seed = int(json.loads(path.read_text())["seed"])
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"{path} is damaged ({exc!r}); delete it or pass --seed") from None
    else:
        seed = secrets.randbelow(2**63)
    if seed < 0:
        raise UsageError(f"--seed must be 0 or more, not {seed}")
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"seed": seed}) + "\n")
    return seed
