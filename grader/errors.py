"""Every exception the grader raises, each carrying the message a user reads.

    GraderError                     base: `message` is what the user reads
    ├── UsageError                  the command line cannot be carried out (exit status 2)
    │   ├── PathNotFound            a PATH given to `grade` does not exist
    │   ├── UnknownAssignment       `--assignment NAME` names no assignment
    │   ├── SchedulerUnreachable    `--scheduler ADDRESS` answers not, or has no workers
    │   ├── ArgumentProblem         argparse refused the command line (grader/usage.py)
    │   └── CheckRequestError       `check(...)` in a notebook names nothing it can check
    ├── RubricError                 an assignment folder or its reference is broken (staff fault)
    ├── ClusterMismatch             a Dask worker runs another grader version or other references
    ├── WorkerRefused               a Dask worker cannot isolate kernels as the coordinator asks
    ├── LeakError                   the students' wheel would hold a file or line of solutions/
    ├── StaleReview                 grade review: another TA saved the item since it was read
    ├── InfrastructureFailure       the machine, not the notebook, failed (kernel start, warm
    │                               process lost, OOM killer): retried, never kept as a grade
    └── SubmissionError             one submission cannot be graded at all: it becomes a result
        │                           with status "error" and this message, the batch goes on
        ├── UnreadableNotebook      not JSON, not a notebook, or an unsupported nbformat
        ├── UndeterminedAssignment  no metadata, file name or --assignment says which one
        └── KernelFailure           the kernel could not be started or kept alive

Faults in a student's code are not exceptions: they become failed checks with a message.
An error made with `of(key, ...)` (or a leaf that sets its own) carries a catalogue key too,
so `text(lang)` says it in English or Korean (grader/messages); `message` is the English one.
"""

import re

from grader.messages import has, say, say_again


class GraderError(Exception):
    """Base of the grader's exceptions; `message` is shown to the user as it is."""

    def __init__(self, message: str, key: str | None = None, **values) -> None:
        super().__init__(message)
        self.message = message
        self.key, self.values = key, values

    @classmethod
    def of(cls, key: str, **values):
        """The error whose message is the catalogue's sentence `key` (in English until `text`)."""
        return cls(say(key, "en", **values), key, **values)

    def text(self, lang: str) -> str:
        """The message in `lang`: the catalogue's sentence when the error has one, else `message`
        (a value that is itself a GraderError, e.g. a rubric error inside "{path}: {message}", in `lang` too)."""
        if not (self.key and has(self.key)):
            return self.message
        values = {k: v.text(lang) if isinstance(v, GraderError) else v for k, v in self.values.items()}
        return say(self.key, lang, **values)


class UsageError(GraderError):
    """The command line asks for something that cannot be done."""


class PathNotFound(UsageError):
    """A path given on the command line does not exist."""

    def __init__(self, path: str) -> None:
        super().__init__(say("error.path_not_found", "en", path=path), "error.path_not_found", path=path)


class UnknownAssignment(UsageError):
    """An assignment name that no folder under assignments/ defines."""

    def __init__(self, name: str, known: list[str]) -> None:
        values = {"name": repr(name), "known": ", ".join(sorted(known))}
        super().__init__(say("error.unknown_assignment", "en", **values), "error.unknown_assignment", **values)


class SchedulerUnreachable(UsageError):
    """The Dask scheduler given with `--scheduler` cannot be reached or has no workers."""

    def __init__(self, address: str, why: str) -> None:
        values = {"address": address, "why": why}
        super().__init__(say("error.scheduler", "en", **values), "error.scheduler", **values)


ARGPARSE_KEYS = ("argparse.invalid_value", "argparse.invalid_choice", "argparse.expected_one",
                 "argparse.expected_at_most_one", "argparse.expected_at_least_one", "argparse.required",
                 "argparse.one_required", "argparse.unrecognized", "argparse.not_allowed", "argparse.ignored",
                 "argparse.ambiguous")
"""The catalogue keys whose English is argparse's own sentences (Python 3.11)."""


class ArgumentProblem(UsageError):
    """argparse refused the command line: `message` is argparse's English sentence, `text` says it
    in `lang` where the catalogue knows it (an unknown one as it is)."""

    def text(self, lang: str) -> str:
        found = re.fullmatch(r"argument (.+?): (.+)", self.message, flags=re.S)
        if found:
            return say("argparse.argument", lang, name=found[1], problem=say_again(found[2], ARGPARSE_KEYS, lang))
        return say_again(self.message, ARGPARSE_KEYS, lang)


class CheckRequestError(UsageError):
    """`check()` was asked for a name, assignment or language it cannot check; the message is
    already in the student's language."""


class RubricError(GraderError):
    """An assignment's rubric, template or reference is broken: the course staff must fix it."""


class ClusterMismatch(GraderError):
    """A Dask worker would not grade as this machine does: results would differ from a local run."""

    def __init__(self, worker: str, what: str) -> None:
        values = {"worker": worker, "what": what}
        super().__init__(say("error.cluster_mismatch", "en", **values), "error.cluster_mismatch", **values)


class WorkerRefused(GraderError):
    """A Dask worker cannot isolate kernels as the coordinator asks; its message names the worker.
    The submissions it was sent are not graded (and never kept as a grade); the batch goes on."""


class LeakError(GraderError):
    """The students' wheel holds something of the course staff's: it is not kept."""


class StaleReview(GraderError):
    """A TA's write would overwrite a newer decision (grade review); `newest` is that decision."""

    def __init__(self, newest) -> None:
        key, values = "error.stale_review", {"version": newest.version}
        if newest.override:
            values["by"] = newest.override.by
        else:
            key = "error.stale_review_withdrawn"
        super().__init__(say(key, "en", **values), key, **values)
        self.newest = newest


class SubmissionError(GraderError):
    """One submission cannot be graded; it is reported with status "error" and this message."""


class UnreadableNotebook(SubmissionError):
    """The submitted file is not a notebook the grader can run."""


class UndeterminedAssignment(SubmissionError):
    """Nothing tells which assignment a notebook belongs to."""

    def __init__(self, path: str) -> None:
        super().__init__(say("error.undetermined", "en", path=path), "error.undetermined", path=path)


class KernelFailure(SubmissionError):
    """The grading kernel could not be started, or died too often to go on."""


class InfrastructureFailure(GraderError):
    """The grading machine failed, not the notebook: the submission is graded again (now, then
    on the next run); the message is already in the reader's language."""
