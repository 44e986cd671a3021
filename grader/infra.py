"""Grade stage, failures of the machine: told apart from the student's, so they never cost points.

A kernel that cannot be started (a start timeout under load), a warm-kernel process that dies
under a running kernel, or a kernel the machine's OOM killer took (the kernel's own memory
limit raises MemoryError in the student's code instead) is not the notebook's doing: the
submission is graded again, and if that keeps failing its result says so and is not kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.errors import InfrastructureFailure
from grader.messages import say
from grader.warm import WarmKernels

VMSTAT = "/proc/vmstat"
SIGKILLED = (-9, 128 + 9)
"""Exit codes of a kernel killed by SIGKILL: as Popen reports a signal, and as bubblewrap and
the warm kernels' proxy report their child's (128 + the signal)."""
RETRIES = 2
"""Further attempts after an infrastructure failure, in the same run."""
BACKOFF_SECONDS = (3.0, 10.0)
"""Pause before each further attempt: the machine may be busy for a while."""


def oom_kills(vmstat: str | None = None) -> int | None:
    """How many processes the kernel's OOM killer has killed since boot (Linux 4.13+), or None."""
    try:
        with open(vmstat or VMSTAT, encoding="ascii") as f:
            for line in f:
                name, _, value = line.partition(" ")
                if name == "oom_kill":
                    return int(value)
    except (OSError, ValueError):
        return None
    return None


@dataclass
class Watch:
    """What shows, after a kernel died, that the machine killed it: the OOM killer's count
    rose since grading began, or the warm process the kernel was forked from is gone."""

    warm: WarmKernels | None
    key: tuple
    """The zygote's key in `warm.zygotes`: (preloaded modules, hidden libraries)."""
    lang: str
    oom_at_start: int | None = None
    zygote_pid: int | None = None

    def __post_init__(self) -> None:
        self.oom_at_start = oom_kills()

    def kernel_started(self) -> None:
        """Note the warm process the kernel just started came from (none: it started cold)."""
        zygote = self._zygote()
        self.zygote_pid = zygote.process.pid if zygote is not None and zygote.alive else None

    def _zygote(self):
        if self.warm is None or self.warm.disabled:
            return None
        return self.warm.zygotes.get(self.key)

    def check(self, exit_code: int | None) -> None:
        """Raise InfrastructureFailure when a kernel that just died (with `exit_code`) was the
        machine's doing: SIGKILLed while the OOM killer was at work, or its warm process gone."""
        now = oom_kills()
        killed = exit_code in SIGKILLED
        if killed and now is not None and self.oom_at_start is not None and now > self.oom_at_start:
            raise InfrastructureFailure(say("infra.oom", self.lang))
        zygote = self._zygote()
        if self.zygote_pid is not None and (zygote is None or zygote.process.pid != self.zygote_pid
                                            or not zygote.alive):
            raise InfrastructureFailure(say("infra.zygote", self.lang))


def start_failed(detail: str, lang: str) -> InfrastructureFailure:
    """A kernel that could not be started: the student's code had not run in it yet."""
    return InfrastructureFailure(say("infra.start", lang, detail=detail))
