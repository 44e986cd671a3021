"""Batch stage: grade many submissions in parallel worker processes, one kernel each.

Workers receive a submission and return its result; only the coordinator writes anything.
A fault of the grader on one submission is reported loudly and recorded as that submission's
error; the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from grader.discover import Submission
from grader.errors import RubricError
from grader.grade import grade_submission
from grader.results import SubmissionResult
from grader.rubric import Assignment


def _internal_error(submission: Submission, exc: BaseException) -> SubmissionResult:
    print(f"grader fault on {submission.path}:", file=sys.stderr)
    traceback.print_exception(exc, file=sys.stderr)
    return SubmissionResult(student=submission.student, assignment=submission.assignment,
                            path=submission.path, status="error", score=0.0, max_score=0.0,
                            message=f"internal grader error ({type(exc).__name__}: {exc}); "
                                    "please report it", sha256=submission.sha256)


def _collect(future: Future, submission: Submission) -> SubmissionResult:
    try:
        return future.result()
    except RubricError:
        raise
    except BrokenProcessPool as exc:
        return _internal_error(submission, exc)
    except Exception as exc:  # a grader bug on one notebook must not cost the others
        return _internal_error(submission, exc)


def grade_all(submissions: Sequence[Submission], assignments: dict[str, Assignment], seed: int,
              workers: int, on_result: Callable[[SubmissionResult], None] = lambda r: None,
              lang: str = "en") -> list[SubmissionResult]:
    """Results in the order of `submissions`, messages in `lang`; `on_result` sees each one as
    it finishes."""
    if workers <= 1 or len(submissions) <= 1:
        results = []
        for s in submissions:
            try:
                results.append(grade_submission(s, assignments, seed, lang))
            except RubricError:
                raise
            except Exception as exc:  # same rule as in the pool
                results.append(_internal_error(s, exc))
            on_result(results[-1])
        return results
    by_index: dict[int, SubmissionResult] = {}
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(grade_submission, s, assignments, seed, lang): i for i, s in enumerate(submissions)}
        for future in as_completed(futures):
            index = futures[future]
            by_index[index] = _collect(future, submissions[index])
            on_result(by_index[index])
    return [by_index[i] for i in range(len(submissions))]
