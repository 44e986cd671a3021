"""What a TA sees while a batch runs: one line per submission and a progress bar under them.

On a terminal the bar is redrawn in place; in a log (not a terminal) each submission's line
carries the same counts instead, so nothing is overwritten.
"""

from __future__ import annotations

import time
import unicodedata
from typing import Callable, TextIO

from grader.messages import say
from grader.results import SubmissionResult

BAR_WIDTH = 24


def printable(text: str) -> str:
    """`text` safe to show on a terminal: control and format characters (escape sequences,
    carriage returns, bidirectional overrides), which a student's exception message or file
    name may hold, are shown as escapes instead of acting on the TA's screen."""
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


def result_line(result: SubmissionResult, lang: str = "en") -> str:
    """`alice  conv_numpy  7.50 / 10  first problem: ...`, or the reason it was not graded."""
    head = f"{result.student:<20} {result.assignment or 'unknown':<16} "
    if result.status != "graded":
        return printable(head + say("progress.error", lang, message=result.message))
    first = next((c for c in result.checks if c.is_problem), None)
    tail = say("progress.first_problem", lang, id=first.id, message=first.message[:160]) if first else ""
    return printable(head + f"{result.score:6.2f} / {result.max_score:g}{tail}")


def clock(seconds: float) -> str:
    """`0:42`, `12:05`, `1:02:03`."""
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Counts of a batch of `total` submissions, of which `reused` come from the gradebook."""

    def __init__(self, total: int, stream: TextIO, now: Callable[[], float] = time.monotonic,
                 lang: str = "en") -> None:
        self.total, self.stream, self.now, self.lang = total, stream, now, lang
        self.done = self.errors = self.reused = 0
        self.started = now()
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def eta(self) -> float | None:
        """Seconds left, from the pace of the submissions graded (not reused) so far."""
        graded = self.done - self.reused
        if graded <= 0:
            return None
        return (self.now() - self.started) / graded * (self.total - self.done)

    def status(self, bar: bool = True) -> str:
        """`[#####.....] 12/40, 1 error, 2:13 left` (without the bar: `12/40, 1 error, 2:13 left`)."""
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        eta = self.eta()
        lang = self.lang
        left = (say("progress.all_done", lang) if self.done == self.total else
                say("progress.eta_unknown", lang) if eta is None else say("progress.eta", lang, clock=clock(eta)))
        errors = say("progress.errors_one" if self.errors == 1 else "progress.errors_many", lang, count=self.errors)
        counts = f"{self.done}/{self.total}, {errors}, {left}"
        return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {counts}" if bar else counts

    def update(self, result: SubmissionResult, reused: bool) -> None:
        """Count one finished submission and show it."""
        self.done += 1
        self.errors += result.status != "graded"
        self.reused += reused
        line = result_line(result, self.lang) + (say("progress.from_gradebook", self.lang) if reused else "")
        if self.tty:
            self.stream.write(f"\r\x1b[K{line}\n{self.status()}")
        else:
            self.stream.write(f"[{self.status(bar=False)}] {line}\n")
        self.stream.flush()

    def start(self) -> None:
        if self.tty:
            self.stream.write(self.status())
            self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
