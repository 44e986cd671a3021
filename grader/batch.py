"""Batch stage: grade many submissions, skipping what the gradebook already holds.

The work goes to a backend: local worker processes (one kernel each) by default, or a Dask
cluster (grader/cluster.py). Workers receive a submission and return its result; only the
coordinator, this module's caller, writes the gradebook and the reports. A fault of the grader
on one submission is reported loudly and recorded as that submission's error; the batch goes on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from grader.discover import Submission
from grader.errors import RubricError
from grader.grade import grade_submission
from grader.messages import say
from grader.results import SubmissionResult
from grader.rubric import Assignment
from grader.sandbox import Sandbox, choose
from grader.seed import Secret
from grader.store import Gradebook, key_of
from grader.warm import WarmKernels, for_this_process

Backend = Callable[[Sequence[Submission], dict[str, Assignment], Sequence[int]], Iterator[tuple[int, SubmissionResult]]]
"""(submissions, assignments, seeds) -> (index into submissions, result), in order of completion;
`seeds[i]` is the seed of submission i's hidden cases (grader/seed.py)."""


@dataclass(frozen=True)
class BatchOutcome:
    """What a batch produced: every submission's result, in the order they were discovered."""

    results: tuple[SubmissionResult, ...]
    reused: int
    """How many came from the gradebook instead of being graded again."""


def internal_error(submission: Submission, exc: BaseException, lang: str = "en") -> SubmissionResult:
    """The result of a submission the grader itself failed on; printed loudly, never kept."""
    print(f"grader fault on {submission.path}:", file=sys.stderr)
    traceback.print_exception(exc, file=sys.stderr)
    return SubmissionResult(student=submission.student, assignment=submission.assignment,
                            path=submission.path, status="error", score=0.0, max_score=0.0,
                            message=say("infra.internal", lang, what=f"{type(exc).__name__}: {exc}"),
                            sha256=submission.sha256, retry=True)


def worker_lost(submission: Submission, lang: str = "en") -> SubmissionResult:
    """The result of a submission whose worker process died (killed by the machine, say):
    not graded, not kept, graded on the next run."""
    return SubmissionResult(student=submission.student, assignment=submission.assignment,
                            path=submission.path, status="error", score=0.0, max_score=0.0,
                            message=say("infra.not_graded", lang, reason=say("infra.worker", lang)),
                            sha256=submission.sha256, retry=True)


def _collect(future: Future, submission: Submission, lang: str = "en") -> SubmissionResult:
    try:
        return future.result()
    except RubricError:
        raise
    except BrokenProcessPool:
        return worker_lost(submission, lang)
    except Exception as exc:  # a grader bug on one notebook must not cost the others
        return internal_error(submission, exc, lang)


def grade_in_process(submissions, assignments, seeds, box: Sandbox | None = None,
                     lang: str = "en") -> Iterator[tuple[int, SubmissionResult]]:
    """The backend of `--workers 1`: one submission after another in this process, kernels
    forked from warm ones when there is more than one."""
    warm = WarmKernels(box or choose()) if len(submissions) > 1 else None
    try:
        for index, (s, seed) in enumerate(zip(submissions, seeds)):
            try:
                result = grade_submission(s, assignments, seed, box, lang, warm)
            except RubricError:
                raise
            except Exception as exc:  # same rule as in the pool
                result = internal_error(s, exc, lang)
            yield index, result
    finally:
        if warm is not None:
            warm.remove()


def _grade_warm(submission, assignments, seed, box, lang) -> SubmissionResult:
    """A pool worker's task: grade with this worker's warm kernels."""
    box = box or choose()
    return grade_submission(submission, assignments, seed, box, lang, for_this_process(box))


def process_pool(workers: int, box: Sandbox | None = None, lang: str = "en") -> Backend:
    """A backend grading on `workers` spawned processes of this machine, kernels in `box`,
    messages in `lang`."""
    def backend(submissions, assignments, seeds) -> Iterator[tuple[int, SubmissionResult]]:
        if workers <= 1 or len(submissions) <= 1:
            yield from grade_in_process(submissions, assignments, seeds, box, lang)
            return
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=min(workers, len(submissions)), mp_context=context,
                                   initializer=_leave_interrupts_to_the_coordinator)
        finished = False
        try:
            futures = {pool.submit(_in_worker, _grade_warm, s, assignments, seed, box, lang): i
                       for i, (s, seed) in enumerate(zip(submissions, seeds))}
            for future in as_completed(futures):
                index = futures[future]
                yield index, _collect(future, submissions[index], lang)
            finished = True
        finally:
            if finished:
                pool.shutdown(wait=True)
            else:  # Ctrl-C or a rubric error: stop now, what was graded is in the gradebook
                with _signals_held():
                    _stop(pool)
    return backend


_stopping = False
"""Set in a worker by SIGTERM: it grades nothing more."""


def _leave_interrupts_to_the_coordinator() -> None:
    """In a worker: Ctrl-C is the coordinator's to handle; SIGTERM (from `_stop`) ends the
    submission being graded through its cleanup (kernel shut down, scratch folder removed)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_terminate)


def _exit_on_terminate(signum, frame) -> None:
    global _stopping
    _stopping = True
    raise SystemExit(f"stopped by signal {signum}")


def _in_worker(fn, *args):
    """Run one task in a worker, unless the worker was told to stop: then it leaves at once
    (the executor would otherwise hand it the next queued submission)."""
    if _stopping:
        os._exit(0)
    return fn(*args)


def _stop(pool: ProcessPoolExecutor, grace: float = 10.0) -> None:
    """Drop the queued submissions and terminate the workers, killing those that linger.

    Workers are looked up again while stopping: the executor may still be starting one."""
    def workers() -> list:
        return list((pool._processes or {}).values())  # the executor has no public terminate

    seen = {p.pid: p for p in workers()}
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + grace
    while True:
        seen |= {p.pid: p for p in workers()}
        alive = [p for p in seen.values() if p.is_alive()]
        if not alive:
            return
        for process in alive:
            if time.monotonic() < deadline:
                process.terminate()
            else:
                process.kill()
            process.join(0.2)
        if time.monotonic() > deadline + 5:
            return


@contextlib.contextmanager
def _stopped_as_by_ctrl_c() -> Iterator[None]:
    """While grading, SIGTERM and SIGHUP (a job scheduler, `timeout`, `kill PID`, a closed
    terminal) stop the batch as Ctrl-C does: workers and their kernels are stopped, what was
    graded is kept. Left to their default, they ended the coordinator alone and its workers and
    kernels ran on, orphaned."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # stopping: a second signal waits
            signal.signal(s, signal.SIG_IGN)
        raise KeyboardInterrupt(f"signal {signum}")

    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    for s in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, interrupt)
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """While the workers are being stopped (bounded by `_stop`'s grace), a second Ctrl-C or
    SIGTERM must not cut the stopping short: the workers and their kernels would stay behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def run_batch(submissions: Sequence[Submission], assignments: dict[str, Assignment], secret: Secret,
              gradebook: Gradebook, backend: Backend, regrade: bool = False,
              on_result: Callable[[SubmissionResult, bool], None] = lambda r, reused: None,
              lang: str = "en", environment: str = "") -> BatchOutcome:
    """Grade what the gradebook lacks (everything with `regrade`), each submission's hidden cases
    drawn from `secret`, keeping each result as it arrives; `on_result(result, reused)` sees
    every submission once. Results kept in another language, under another secret, or under
    other kernel limits and isolation (`environment`, see store.environment_of) are graded again."""
    keys = [key_of(s, assignments, secret.digest(s.student), lang, environment) for s in submissions]
    results: dict[int, SubmissionResult] = {}
    for index, (s, key) in enumerate(zip(submissions, keys)):
        kept = None if regrade else gradebook.lookup(key)
        if kept is not None:
            results[index] = dataclasses.replace(kept, student=s.student)
            on_result(results[index], True)
    reused = len(results)
    pending = [i for i in range(len(submissions)) if i not in results]
    seeds = [secret.seed_for(submissions[i], assignments) for i in pending]
    with _stopped_as_by_ctrl_c():
        graded = backend([submissions[i] for i in pending], assignments, seeds)
        try:
            for local, result in graded:
                index = pending[local]
                if not result.retry:
                    gradebook.record(keys[index], result)
                results[index] = result
                on_result(result, False)
        finally:
            with _signals_held():
                graded.close()  # an interrupted backend stops its workers here
    return BatchOutcome(tuple(results[i] for i in range(len(submissions))), reused)
