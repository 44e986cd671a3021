"""Class-wide tally of the diagnose stage: the most common likely mistakes, with who made them.

Feeds the dashboard (index.html): each mistake id with the students whose failed checks were
diagnosed with it, a student counting once per mistake however many checks show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from grader.messages import has, say


@dataclass(frozen=True)
class StudentLink:
    """One student's submission that shows a mistake."""

    student: str
    href: str
    """Their report page, relative to the output folder."""
    checks: tuple[str, ...]
    """The check ids diagnosed with the mistake, in report order."""


@dataclass(frozen=True)
class MistakeCount:
    """One diagnosis id across the class."""

    id: str
    title: str
    """The short name of the mistake in the report's language."""
    students: tuple[StudentLink, ...]

    @property
    def count(self) -> int:
        return len(self.students)

    @property
    def checks(self) -> int:
        return sum(len(s.checks) for s in self.students)


def check_diagnoses(check) -> list[str]:
    """The distinct diagnosis ids of one check result (a CheckResult), in order."""
    details = check.details if isinstance(check.details, dict) else {}
    found = details.get("diagnoses")
    ids = list(found.values()) if isinstance(found, dict) else [details.get("diagnosis")]
    return [i for i in dict.fromkeys(ids) if isinstance(i, str)]


def common_mistakes(entries: Sequence, lang: str = "en") -> list[MistakeCount]:
    """Every diagnosis id in `entries` (ReportEntry: result and href), most students first."""
    by_id: dict[str, dict[int, tuple]] = {}
    for number, entry in enumerate(entries):
        for check in entry.result.checks:
            for mistake in check_diagnoses(check):
                student = by_id.setdefault(mistake, {}).setdefault(number, (entry, []))
                student[1].append(check.id)
    counts = [MistakeCount(mistake, say(f"title.{mistake}", lang) if has(f"title.{mistake}") else mistake,
                           tuple(StudentLink(e.result.student, e.href, tuple(ids)) for e, ids in students.values()))
              for mistake, students in by_id.items()]
    return sorted(counts, key=lambda m: (-m.count, -m.checks, m.id))
