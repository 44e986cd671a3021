"""Batch backend on a Dask distributed cluster (`grade --scheduler tcp://HOST:PORT`).

Each worker receives a submission (its notebook bytes) and the assignments (the rubrics as
read by the coordinator), grades it in a kernel on its own machine, and returns the result; only
the coordinator writes. Workers must run the same grader version, and the reference solutions of
their checkout must hash equal to the coordinator's, so results equal a local run's.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import socket
from typing import Iterator

from grader import __version__
from grader.batch import Backend, internal_error
from grader.discover import Submission
from grader.errors import ClusterMismatch, GraderError, SchedulerUnreachable, UsageError
from grader.grade import grade_submission
from grader.paths import SOLUTIONS_DIR
from grader.results import SubmissionResult
from grader.rubric import Assignment
from grader.sandbox import choose
from grader.warm import for_this_process

CONNECT_TIMEOUT = 10
WORKER_WAIT = 60
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
            raise UsageError("grading on a Dask cluster needs the course staff's checkout (with solutions/)")
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


def check_workers(client, references: References) -> None:
    """Raise ClusterMismatch naming the first worker that would grade differently."""
    ours = fingerprint(references) | {"references": {rel: h for rel, h in references.values()}}
    for worker, theirs in sorted(client.run(fingerprint, references).items()):
        for field in ("grader", "numpy", "torch"):
            if theirs[field] != ours[field]:
                raise ClusterMismatch(worker, f"runs {field} {theirs[field]}, this machine {ours[field]}")
        for rel, digest in ours["references"].items():
            if theirs["references"].get(rel) != digest:
                raise ClusterMismatch(worker, f"has another solutions/{rel} than this machine")


def _local(entry: tuple[str, str]):
    relative, digest = entry
    path = SOLUTIONS_DIR / relative
    if _sha256(path) != digest:
        raise ClusterMismatch(socket.gethostname(), f"has another solutions/{relative} than the coordinator")
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


def grade_remote(submission: Submission, assignments: dict[str, Assignment], seed: int,
                 references: References, lang: str = "en") -> SubmissionResult:
    """A worker's task: grade one submission against this machine's copy of the references,
    its kernel in the strongest isolation this worker offers, forked from this worker
    process's warm kernels where it can (grader/warm.py)."""
    sandbox = choose()
    return grade_submission(submission, localize(assignments, references), seed, sandbox, lang,
                            for_this_process(sandbox))


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
        raise SchedulerUnreachable(address, f"no worker joined it within {WORKER_WAIT} s") from None
    return client


def dask_cluster(address: str, lang: str = "en") -> Backend:
    """A backend sending each submission to the Dask scheduler at `address`."""
    def backend(submissions, assignments, seed) -> Iterator[tuple[int, SubmissionResult]]:
        if not submissions:
            return
        from distributed import as_completed

        client = _connect(address)
        futures = {}
        try:
            references = reference_hashes(assignments)
            check_workers(client, references)
            futures = {client.submit(grade_remote, s.loaded(), assignments, seed, references, lang, pure=False): i
                       for i, s in enumerate(submissions)}
            for future in as_completed(futures, loop=client.loop):
                index = futures[future]
                try:
                    result = future.result()
                except GraderError:  # a rubric or cluster fault: the whole batch stops
                    raise
                except Exception as exc:  # a grader bug or a lost worker costs one notebook
                    result = internal_error(submissions[index], exc)
                yield index, result
        finally:
            client.cancel(list(futures))
            client.close()
    return backend
