"""Batch backend on a Dask distributed cluster (`grade --scheduler tcp://HOST:PORT`).

Each worker receives a submission (its notebook bytes) and the assignments (the rubrics as
read by the coordinator), grades it in a kernel on its own machine, and returns the result; only
the coordinator writes. Workers must run the same grader version, and the reference solutions of
their checkout must hash equal to the coordinator's, so results equal a local run's. The
coordinator's isolation (level, limits, consent to weak isolation) travels with the work: a
worker that cannot give it refuses, naming itself, and those submissions are not graded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import socket
import sys
from dataclasses import dataclass
from time import monotonic, sleep
from typing import Iterator

from grader import __version__
from grader.batch import Backend, internal_error, worker_lost
from grader.discover import Submission
from grader.errors import ClusterMismatch, GraderError, SchedulerUnreachable, UsageError, WorkerRefused
from grader.grade import grade_submission
from grader.messages import say
from grader.paths import SOLUTIONS_DIR
from grader.results import SubmissionResult
from grader.rubric import Assignment
from grader.sandbox import Limits, Sandbox, choose
from grader.warm import for_this_process

CONNECT_TIMEOUT = 10
WORKER_WAIT = 60
WATCH_SECONDS = 5
"""How often a batch checks that a worker allowed to grade is still there."""
POLL_SECONDS = 0.2
REJOIN_WAIT = 30
"""When every such worker has left, how long a batch waits for any worker to be there."""
References = dict[str, tuple[str, str]]
"""Assignment name (and `NAME:mistakes` for its known-mistakes module) -> (path relative to
solutions/, sha256 of its bytes)."""


def _sha256(path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _within_solutions(path) -> tuple[str, str]:
    relative = path.relative_to(SOLUTIONS_DIR) if path.is_relative_to(SOLUTIONS_DIR) else path
    return relative.as_posix(), _sha256(path)


def reference_hashes(assignments: dict[str, Assignment]) -> References:
    """Where each assignment's reference (and known-mistakes module) lies within solutions/,
    and its hash."""
    found = {}
    for name, a in assignments.items():
        if a.references != "solutions":
            raise UsageError.of("error.dask_needs_solutions")
        found[name] = _within_solutions(a.reference)
        if a.mistakes is not None:
            found[f"{name}:mistakes"] = _within_solutions(a.mistakes)
    return found


def fingerprint(references: References) -> dict:
    """What must agree between the coordinator and a worker (run on each worker)."""
    return {"grader": __version__, "numpy": _installed("numpy"), "torch": _installed("torch"),
            "references": {rel: _sha256(SOLUTIONS_DIR / rel) for rel, _ in references.values()}}


def _installed(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _ask(client, function, *args) -> dict:
    """`function(*args)` on every worker, by address; a worker that left while asked (its
    connection closed) is left out, as it will get no work. Other errors are raised."""
    answers = client.run(function, *args, on_error="return")
    for answer in answers.values():
        if isinstance(answer, Exception) and not isinstance(answer, OSError):
            raise answer
    return {worker: answer for worker, answer in answers.items() if not isinstance(answer, OSError)}


def check_workers(client, references: References) -> None:
    """Raise ClusterMismatch naming the first worker that would grade differently."""
    ours = fingerprint(references) | {"references": {rel: h for rel, h in references.values()}}
    for worker, theirs in sorted(_ask(client, fingerprint, references).items()):
        for field in ("grader", "numpy", "torch"):
            if theirs[field] != ours[field]:
                raise ClusterMismatch(worker, GraderError.of("error.mismatch_version", field=field, theirs=theirs[field],
                                                              ours=ours[field]))
        for rel, digest in ours["references"].items():
            if theirs["references"].get(rel) != digest:
                raise ClusterMismatch(worker, _other_reference(rel, "error.mismatch_this_machine"))


def _other_reference(path: str, other: str) -> GraderError:
    """"has another solutions/PATH than OTHER", as a part of ClusterMismatch's message, in words."""
    return GraderError.of("error.mismatch_reference", path=path, other=GraderError.of(other))


def _local(entry: tuple[str, str]):
    relative, digest = entry
    path = SOLUTIONS_DIR / relative
    if _sha256(path) != digest:
        raise ClusterMismatch(socket.gethostname(), _other_reference(relative, "error.mismatch_coordinator"))
    return path


def localize(assignments: dict[str, Assignment], references: References) -> dict[str, Assignment]:
    """The assignments with their references and known-mistakes modules in this worker's
    checkout, checked by hash (so the diagnoses are a local run's too)."""
    local = {}
    for name, a in assignments.items():
        mistakes = references.get(f"{name}:mistakes")
        local[name] = dataclasses.replace(a, reference=_local(references[name]),
                                          mistakes=_local(mistakes) if mistakes else None)
    return local


@dataclass(frozen=True)
class Isolation:
    """What the coordinator asks of every worker's kernels."""

    level: str | None
    """`--isolation`; None: the worker's strongest."""
    limits: Limits
    """`--memory` and the other resource limits."""
    allow_weak: bool
    """The TA's consent to a level below bubblewrap (`--allow-weak-isolation`, or one notebook)."""


def _here() -> str:
    """This worker's address (the host name outside a worker)."""
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return socket.gethostname()


def worker_sandbox(isolation: Isolation, worker: str, lang: str = "en") -> Sandbox:
    """The sandbox this worker gives its kernels as the coordinator asks; WorkerRefused, naming
    `worker`, when it cannot reach that level or would go below bubblewrap without consent."""
    try:
        box = choose(isolation.level, isolation.limits)
    except UsageError as exc:
        raise WorkerRefused(say("cluster.refused", lang, worker=worker, why=exc.text(lang))) from None
    if box.level != "bubblewrap" and not isolation.allow_weak:
        why = say("cluster.weak_not_allowed", lang, level=box.level)
        raise WorkerRefused(say("cluster.refused", lang, worker=worker, why=why))
    return box


def refusal(isolation: Isolation, lang: str = "en", dask_worker=None) -> str | None:
    """Run on each worker before the work is sent: why it would refuse, or None."""
    try:
        worker_sandbox(isolation, dask_worker.address if dask_worker is not None else _here(), lang)
    except WorkerRefused as exc:
        return exc.message
    return None


def refused(submission: Submission, message: str) -> SubmissionResult:
    """A submission no worker would grade as asked: not graded, and never kept as a grade."""
    return SubmissionResult(student=submission.student, assignment=submission.assignment, path=submission.path,
                            status="error", score=0.0, max_score=0.0, message=message,
                            sha256=submission.sha256, retry=True)


def grade_remote(submission: Submission, assignments: dict[str, Assignment], seed: int,
                 references: References, lang: str, isolation: Isolation) -> SubmissionResult:
    """A worker's task: grade one submission against this machine's copy of the references,
    its kernel isolated as the coordinator asks, forked from this worker process's warm kernels
    where it can (grader/warm.py); refused, naming this worker, when it cannot isolate so."""
    try:
        sandbox = worker_sandbox(isolation, _here(), lang)
    except WorkerRefused as exc:
        return refused(submission, exc.message)
    return grade_submission(submission, localize(assignments, references), seed, sandbox, lang,
                            for_this_process(sandbox))


def accepting_workers(client, isolation: Isolation, lang: str) -> tuple[list[str], list[str]]:
    """The workers that can isolate as asked, and the refusals of the others (printed)."""
    answers = sorted(_ask(client, refusal, isolation, lang).items())
    refusals = [why for _, why in answers if why is not None]
    for why in refusals:
        print(f"grade: {why}", file=sys.stderr, flush=True)
    return [worker for worker, why in answers if why is None], refusals


def _connect(address: str):
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerUnreachable(address, f"{type(exc).__name__}: {exc}") from None
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError:
        client.close()
        raise SchedulerUnreachable(address, GraderError.of("error.no_worker_joined", seconds=WORKER_WAIT)) from None
    return client


def _present(client) -> set[str]:
    """The workers the scheduler knows now (all of them, not its first few)."""
    return set(client.scheduler_info(n_workers=-1)["workers"])


def _outcome(future, submission: Submission, lang: str) -> SubmissionResult:
    from distributed import KilledWorker

    try:
        return future.result()
    except GraderError:  # a rubric or cluster fault: the whole batch stops
        raise
    except KilledWorker:  # each worker it was sent to died under it: not the student's
        return worker_lost(submission, lang)
    except Exception as exc:  # a grader bug costs one notebook (and is graded next run)
        return internal_error(submission, exc, lang)


def _replacements(client, isolation: Isolation, lang: str) -> list[str]:
    """Every worker allowed to grade has left: the workers that accept now, waiting up to
    REJOIN_WAIT seconds for one to be there at all ([] when none comes or none accepts)."""
    try:
        client.wait_for_workers(1, timeout=REJOIN_WAIT)
    except TimeoutError:
        return []
    return accepting_workers(client, isolation, lang)[0]


def dask_cluster(address: str, lang: str = "en", isolation: Isolation | None = None) -> Backend:
    """A backend sending each submission to the Dask scheduler at `address`, to be graded under
    `isolation` (default: each worker's strongest level, bubblewrap required, default limits).
    Work goes only to the workers that accepted the isolation; when all of them have left, it
    goes to those that accept then, and with none it ends as not graded (graded next run)."""
    isolation = isolation or Isolation(None, Limits(), False)

    def backend(submissions, assignments, seeds) -> Iterator[tuple[int, SubmissionResult]]:
        if not submissions:
            return
        client = _connect(address)
        futures = {}
        try:
            references = reference_hashes(assignments)
            check_workers(client, references)
            workers, refusals = accepting_workers(client, isolation, lang)
            if not workers:
                yield from ((i, refused(s, refusals[0])) for i, s in enumerate(submissions))
                return

            def send(indices, to: list[str]) -> dict:
                return {client.submit(grade_remote, submissions[i].loaded(), assignments, seeds[i], references, lang,
                                      isolation, workers=to, allow_other_workers=False, pure=False): i for i in indices}

            futures, watched = send(range(len(submissions)), workers), monotonic()
            while futures:
                finished = [future for future in futures if future.done()]
                for future in finished:
                    index = futures.pop(future)
                    yield index, _outcome(future, submissions[index], lang)
                if finished:
                    continue
                if monotonic() - watched < WATCH_SECONDS:
                    sleep(POLL_SECONDS)
                    continue
                watched = monotonic()
                if set(workers) & _present(client):
                    continue
                client.cancel(list(futures))  # held for workers that are gone: they would wait forever
                workers = _replacements(client, isolation, lang)
                if not workers:
                    yield from ((i, worker_lost(submissions[i], lang)) for i in sorted(futures.values()))
                    futures = {}
                    return
                futures = send(sorted(futures.values()), workers)
        finally:
            client.cancel(list(futures))
            client.close()
    return backend
