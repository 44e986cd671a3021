"""Every exception the grader raises, each carrying the message a user reads.

    GraderError                     base: `message` is what the user reads
    ├── UsageError                  the command line cannot be carried out (exit status 2)
    │   ├── PathNotFound            a PATH given to `grade` does not exist
    │   ├── UnknownAssignment       `--assignment NAME` names no assignment
    │   ├── SchedulerUnreachable    `--scheduler ADDRESS` answers not, or has no workers
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
"""


class GraderError(Exception):
    """Base of the grader's exceptions; `message` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(GraderError):
    """The command line asks for something that cannot be done."""


class PathNotFound(UsageError):
    """A path given on the command line does not exist."""

    def __init__(self, path: str) -> None:
        super().__init__(f"no such file or folder: {path}")


class UnknownAssignment(UsageError):
    """An assignment name that no folder under assignments/ defines."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"unknown assignment {name!r}; known: {', '.join(sorted(known))}")


class SchedulerUnreachable(UsageError):
    """The Dask scheduler given with `--scheduler` cannot be reached or has no workers."""

    def __init__(self, address: str, why: str) -> None:
        super().__init__(f"the Dask scheduler {address} cannot be used: {why}")


class CheckRequestError(UsageError):
    """`check()` was asked for a name, assignment or language it cannot check; the message is
    already in the student's language."""


class RubricError(GraderError):
    """An assignment's rubric, template or reference is broken: the course staff must fix it."""


class ClusterMismatch(GraderError):
    """A Dask worker would not grade as this machine does: results would differ from a local run."""

    def __init__(self, worker: str, what: str) -> None:
        super().__init__(f"the Dask worker {worker} {what}; install the same cnn-grader checkout "
                         "on every machine of the cluster")


class WorkerRefused(GraderError):
    """A Dask worker cannot isolate kernels as the coordinator asks; its message names the worker.
    The submissions it was sent are not graded (and never kept as a grade); the batch goes on."""


class LeakError(GraderError):
    """The students' wheel holds something of the course staff's: it is not kept."""


class StaleReview(GraderError):
    """A TA's write would overwrite a newer decision (grade review); `newest` is that decision."""

    def __init__(self, newest) -> None:
        by = newest.override.by if newest.override else "another TA"
        super().__init__(f"{by} changed this since you opened it (now version {newest.version}); "
                         "your change was not saved, the page shows theirs")
        self.newest = newest


class SubmissionError(GraderError):
    """One submission cannot be graded; it is reported with status "error" and this message."""


class UnreadableNotebook(SubmissionError):
    """The submitted file is not a notebook the grader can run."""


class UndeterminedAssignment(SubmissionError):
    """Nothing tells which assignment a notebook belongs to."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"unknown assignment: {path} has no grader metadata and its file name names no "
            "assignment; pass --assignment NAME"
        )


class KernelFailure(SubmissionError):
    """The grading kernel could not be started, or died too often to go on."""


class InfrastructureFailure(GraderError):
    """The grading machine failed, not the notebook: the submission is graded again (now, then
    on the next run); the message is already in the reader's language."""
