"""What the diagnose stage hands on: the likely mistake of a failed check, and its evidence."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Sequence

from grader.diagnose.where import Where

NONE_IDS = ("none", "none.border")
"""Diagnoses that name no known mistake: none matched (at the border only, for none.border)."""


@dataclass(frozen=True)
class Finding:
    """The diagnosis of one failed output of a check (or of the whole check)."""

    output: str
    """The returned array it is about (`dx`), or the check's graded name."""
    diagnosis: str
    """A mistake id such as "conv_backward.db_averaged", or one of NONE_IDS."""
    hint: str
    """What the student reads, in the grading language."""
    where: Where | None = None
    error_map: str | None = None
    """data:image/png URI of the per-channel error, for arrays of the expected shape."""


@dataclass(frozen=True)
class Diagnosis:
    """The likely mistake(s) behind one failed check."""

    id: str
    """The first named mistake among the findings, else the first finding's none-id."""
    hint: str
    details: Mapping[str, Any] = field(default_factory=dict)
    """For CheckResult.details: diagnosis, diagnoses (output -> id), where, error_maps."""

    @classmethod
    def from_findings(cls, findings: Sequence[Finding]) -> "Diagnosis":
        named = [f for f in findings if f.diagnosis not in NONE_IDS]
        primary = (named or list(findings))[0].diagnosis
        hints = list(dict.fromkeys(f.hint for f in findings))
        details = {
            "diagnosis": primary,
            "diagnoses": {f.output: f.diagnosis for f in findings},
            "where": {f.output: f.where.to_json() for f in findings if f.where is not None},
            "error_maps": [{"output": f.output, "src": f.error_map} for f in findings if f.error_map],
        }
        return cls(primary, " ".join(hints), details)


@contextlib.contextmanager
def skip_failures() -> Iterator[None]:
    """Run one known-mistake variant; if it raises, it simply does not apply to this case.

    Variants are course code run on inputs they may not support (a non-square kernel, a
    feature map that vanishes); such a variant cannot explain the student's output, so its
    exception is dropped on purpose and the next variant is tried.
    """
    try:
        yield
    except Exception:  # noqa: BLE001  (see the docstring: a variant that raises is skipped)
        pass
