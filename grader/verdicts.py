"""Report stage, summary: one verdict per graded name (its points, how many cases pass, each
diagnosis once with the cases it holds for), as the page, the terminal summary of `grade` and
`check()` all open with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from grader.diagnose.result import NONE_IDS
from grader.messages import has, say
from grader.results import CheckResult


@dataclass(frozen=True)
class Cause:
    """What several failing cases of one graded name have in common."""

    key: str
    """A diagnosis id (`conv_forward.no_bias`, `none`, ...), else `status:<status>` for problems
    without one (an error, a timeout, a failure the diagnose stage had nothing to say about)."""
    cases: tuple[str, ...]
    """The case names it holds for (the graded name itself for a check without cases)."""
    first: CheckResult
    """The first of those checks: its hint (or message) is what the student reads once."""

    @property
    def diagnosis(self) -> str | None:
        return None if self.key.startswith("status:") else self.key


@dataclass(frozen=True)
class NameVerdict:
    """Every check of one graded name, summed up."""

    name: str
    checks: tuple[CheckResult, ...]
    causes: tuple[Cause, ...]

    @property
    def counted(self) -> tuple[CheckResult, ...]:
        """The checks scored here (those left to the course staff are not)."""
        return tuple(c for c in self.checks if c.status != "staff")

    @property
    def staff(self) -> bool:
        return not self.counted

    @property
    def passed(self) -> int:
        return sum(c.status == "pass" for c in self.counted)

    @property
    def score(self) -> float:
        return sum(c.score for c in self.counted)

    @property
    def max_score(self) -> float:
        return sum(c.max_score for c in self.counted)


def graded_name(check: CheckResult) -> str:
    return check.id.split("/")[0]


def case_name(check: CheckResult) -> str:
    return check.id.partition("/")[2] or check.id


def _cause_key(check: CheckResult) -> str:
    found = (check.details or {}).get("diagnosis") if isinstance(check.details, dict) else None
    return found if isinstance(found, str) and check.hint else f"status:{check.status}"


def name_verdicts(checks: Iterable[CheckResult]) -> list[NameVerdict]:
    """The graded names in the order their checks come, each with its causes in order."""
    by_name: dict[str, list[CheckResult]] = {}
    for check in checks:
        by_name.setdefault(graded_name(check), []).append(check)
    verdicts = []
    for name, group in by_name.items():
        causes: dict[str, list[CheckResult]] = {}
        for check in group:
            if check.is_problem:
                causes.setdefault(_cause_key(check), []).append(check)
        verdicts.append(NameVerdict(name, tuple(group), tuple(
            Cause(key, tuple(case_name(c) for c in found), found[0]) for key, found in causes.items())))
    return verdicts


def cause_label(cause: Cause, lang: str) -> str:
    """"Likely mistake: Bias left out", "No known mistake", or the status ("Error")."""
    d = cause.diagnosis
    if d is None:
        return say(f"status.{cause.first.status}", lang).capitalize() if has(f"status.{cause.first.status}") \
            else cause.first.status
    title = say(f"title.{d}", lang) if has(f"title.{d}") else d
    if d in NONE_IDS:
        return say("report.no_match", lang) + (f": {title}" if d != "none" else "")
    return say("report.likely", lang) + ": " + title


def cause_scope(cause: Cause, verdict: NameVerdict, lang: str) -> str:
    """"all 7 cases", "the only case", or "2 of 7 cases: pad0, stride2"."""
    total = len(verdict.counted)
    if total <= 1:
        return say("verdict.only_case", lang)
    if len(cause.cases) == total:
        return say("verdict.all_cases", lang, count=total)
    return say("verdict.some_cases", lang, count=len(cause.cases), total=total, cases=", ".join(cause.cases))


def cause_text(cause: Cause) -> str:
    """What the student reads once for the cause: the diagnosis's hint, else the message."""
    return cause.first.hint or cause.first.message


def _name_head(verdict: NameVerdict, lang: str, width: int) -> str:
    if verdict.staff:
        return f"  {verdict.name:<{width}} {say('cli.staff_judged', lang)}"
    passes = say("cli.passes", lang, passed=verdict.passed, count=len(verdict.counted))
    return f"  {verdict.name:<{width}} {verdict.score:5.2f} / {verdict.max_score:<5g} {passes}"


def verdict_lines(verdicts: Sequence[NameVerdict], lang: str) -> list[str]:
    """Per graded name: points and passes, then each cause once (label, the cases it holds
    for, its text)."""
    width = max([26] + [len(v.name) for v in verdicts])
    lines = []
    for verdict in verdicts:
        lines.append(_name_head(verdict, lang, width))
        for cause in verdict.causes:
            lines.append(f"    {cause_label(cause, lang)} — {cause_scope(cause, verdict, lang)}")
            lines.append(f"      {cause_text(cause)}")
    return lines
