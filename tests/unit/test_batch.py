"""Unit tests of grader/batch.py with a fake backend (no kernels): what the gradebook holds is
not graded again, every new result is kept as it arrives, grader faults are retried next time,
and results come back in discovery order whatever the order of completion."""
import hashlib
import sqlite3

import pytest

from grader.batch import internal_error, process_pool, run_batch
from grader.discover import Submission
from grader.errors import RubricError
from grader.results import SubmissionResult
from grader.rubric import load_all
from grader.seed import given_secret
from grader.store import GRADEBOOK_FILE, Gradebook, key_of

ASSIGNMENTS = load_all()


def submission(student, data=b'{}'):
    return Submission(student, f'subs/{student}/conv_numpy.ipynb', data, hashlib.sha256(data).hexdigest(), 'conv_numpy')


def graded(s, score=5.0):
    return SubmissionResult(student=s.student, assignment=s.assignment, path=s.path, status='graded',
                            score=score, max_score=10.0, sha256=s.sha256, seconds=1.0)


class FakeBackend:
    """Grades instantly, in reverse order; remembers what it was given."""

    def __init__(self, fail=()):
        self.given, self.fail = [], set(fail)

    def __call__(self, submissions, assignments, seeds):
        self.given.append([s.student for s in submissions])
        self.seeds = list(seeds)
        for index in reversed(range(len(submissions))):
            s = submissions[index]
            if s.student in self.fail:
                yield index, internal_error(s, RuntimeError('boom'))
            else:
                yield index, graded(s, score=len(s.student))


@pytest.fixture
def book(tmp_path):
    with Gradebook(tmp_path / GRADEBOOK_FILE) as gradebook:
        yield gradebook


SUBS = [submission(n) for n in ('ann', 'bo', 'cyrus')]
S1, S2 = given_secret(1), given_secret(2)


def test_results_are_in_discovery_order(book):
    outcome = run_batch(SUBS, ASSIGNMENTS, S1, book, FakeBackend())
    assert [r.student for r in outcome.results] == ['ann', 'bo', 'cyrus']
    assert outcome.reused == 0


def test_each_result_is_kept_as_it_arrives(book):
    seen = []

    def on_result(result, reused):
        seen.append((result.student, reused, book.count()))

    run_batch(SUBS, ASSIGNMENTS, S1, book, FakeBackend(), on_result=on_result)
    assert seen == [('cyrus', False, 1), ('bo', False, 2), ('ann', False, 3)]


def test_a_second_run_grades_nothing_and_gives_the_same_results(book):
    first = run_batch(SUBS, ASSIGNMENTS, S1, book, FakeBackend())
    backend = FakeBackend()
    second = run_batch(SUBS, ASSIGNMENTS, S1, book, backend)
    assert backend.given == [[]]
    assert second.reused == 3
    assert [r.to_json() for r in second.results] == [r.to_json() for r in first.results]


def test_only_changed_or_new_notebooks_are_graded_again(book):
    run_batch(SUBS, ASSIGNMENTS, S1, book, FakeBackend())
    changed = [SUBS[0], submission('bo', b'{"changed": 1}'), SUBS[2], submission('dana')]
    backend = FakeBackend()
    outcome = run_batch(changed, ASSIGNMENTS, S1, book, backend)
    assert backend.given == [['bo', 'dana']]
    assert outcome.reused == 2


def test_each_submission_is_sent_its_own_seed(book):
    backend = FakeBackend()
    twins = [submission('ann'), submission('bo')]  # the same notebook, two students
    run_batch(twins, ASSIGNMENTS, S1, book, backend)
    assert backend.seeds == [S1.seed_for(s, ASSIGNMENTS) for s in twins] and len(set(backend.seeds)) == 2
    with sqlite3.connect(book.path) as db:
        kept = {row[0] for row in db.execute('SELECT seed FROM graded')}
    assert kept == {S1.digest('ann'), S1.digest('bo')} and not kept & set(backend.seeds)


def test_another_secret_grades_everything_again(book):
    run_batch(SUBS, ASSIGNMENTS, S1, book, FakeBackend())
    backend = FakeBackend()
    run_batch(SUBS, ASSIGNMENTS, S2, book, backend)
    assert backend.given == [['ann', 'bo', 'cyrus']]


@pytest.mark.parametrize('environment', ['limits[memory_bytes=2147483648]', 'bubblewrap[memory_bytes=4294967296]'])
def test_other_kernel_limits_or_isolation_grade_everything_again(book, environment):
    run_batch(SUBS, ASSIGNMENTS, S1, book, FakeBackend(), environment='bubblewrap[memory_bytes=2147483648]')
    backend = FakeBackend()
    run_batch(SUBS, ASSIGNMENTS, S1, book, backend, environment=environment)
    assert backend.given == [['ann', 'bo', 'cyrus']]


def test_regrade_grades_everything_again(book):
    run_batch(SUBS, ASSIGNMENTS, S1, book, FakeBackend())
    backend = FakeBackend()
    outcome = run_batch(SUBS, ASSIGNMENTS, S1, book, backend, regrade=True)
    assert backend.given == [['ann', 'bo', 'cyrus']] and outcome.reused == 0


def test_grader_faults_are_reported_but_not_kept(book, capsys):
    outcome = run_batch(SUBS, ASSIGNMENTS, S1, book, FakeBackend(fail={'bo'}))
    assert outcome.results[1].status == 'error' and 'internal grader error' in outcome.results[1].message
    assert 'grader fault on subs/bo/conv_numpy.ipynb' in capsys.readouterr().err
    assert book.lookup(key_of(SUBS[1], ASSIGNMENTS, S1.digest('bo'))) is None
    backend = FakeBackend()
    run_batch(SUBS, ASSIGNMENTS, S1, book, backend)
    assert backend.given == [['bo']]


def test_a_reused_result_takes_the_student_of_this_run(book):
    run_batch(SUBS, ASSIGNMENTS, S1, book, FakeBackend())
    renamed = [Submission('someone_else', s.path, s.data, s.sha256, s.assignment) for s in SUBS]
    outcome = run_batch(renamed, ASSIGNMENTS, S1, book, FakeBackend())
    assert {r.student for r in outcome.results} == {'someone_else'}


def test_a_rubric_error_stops_the_batch(book):
    def broken(submissions, assignments, seeds):
        raise RubricError('the reference is broken')
        yield

    with pytest.raises(RubricError):
        run_batch(SUBS, ASSIGNMENTS, S1, book, broken)


def test_the_process_pool_runs_a_single_submission_in_process(monkeypatch):
    monkeypatch.setattr('grader.batch.grade_submission', lambda s, a, seed, *rest: graded(s, score=seed))
    assert list(process_pool(4)(SUBS[:1], ASSIGNMENTS, [3])) == [(0, graded(SUBS[0], score=3))]


def test_in_process_grading_turns_a_grader_bug_into_an_error_result(monkeypatch, capsys):
    def bug(s, a, seed, *rest):
        raise KeyError('oops')

    monkeypatch.setattr('grader.batch.grade_submission', bug)
    ((index, result),) = list(process_pool(1)(SUBS[:1], ASSIGNMENTS, [3]))
    assert index == 0 and result.retry and result.status == 'error'


def test_stop_ends_busy_workers_at_once():
    import multiprocessing
    import time
    from concurrent.futures import ProcessPoolExecutor

    from grader.batch import _in_worker, _leave_interrupts_to_the_coordinator, _stop

    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context('spawn'),
                               initializer=_leave_interrupts_to_the_coordinator)
    futures = [pool.submit(_in_worker, time.sleep, 120) for _ in range(6)]
    time.sleep(3)  # the spawned workers are up and sleeping
    processes = list(pool._processes.values())
    started = time.monotonic()
    _stop(pool)
    assert time.monotonic() - started < 10
    for p in processes:  # the OS may take a moment to reap a killed process
        p.join(5)
    assert len(processes) == 2 and not any(p.is_alive() for p in processes)
    assert futures[-1].cancelled()


def test_a_worker_killed_by_the_machine_costs_nothing_and_is_graded_next_run(book):
    """A pool worker SIGKILLed mid-notebook (as the OOM killer would): not graded, not kept."""
    import os
    import signal
    import time

    from grader.batch import _collect
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as pool:
        assert pool.submit(abs, -1).result() == 1  # the worker is up
        (worker,) = pool._processes.values()
        busy = pool.submit(time.sleep, 30)
        os.kill(worker.pid, signal.SIGKILL)
        result = _collect(busy, SUBS[0])
    assert result.retry and result.status == 'error'
    assert result.message == 'not graded: a grading worker process died; it will be graded again on the next run'
