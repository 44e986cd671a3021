"""Unit tests of grader/cluster.py without a cluster: workers grade against their own checkout's
references only when those hash equal to the coordinator's, and run the same versions."""
import dataclasses

import pytest

from grader import __version__
from grader.cluster import check_workers, fingerprint, localize, reference_hashes
from grader.errors import ClusterMismatch, SchedulerUnreachable
from grader.paths import SOLUTIONS_DIR
from grader.rubric import load_all

ASSIGNMENTS = load_all()


class FakeClient:
    """`client.run(fn, *args)` answers for two workers, the second one altered by `change`."""

    def __init__(self, change=lambda answer: answer):
        self.change = change

    def run(self, fn, *args, on_error='raise'):
        return {'tcp://10.0.0.1:1': fn(*args), 'tcp://10.0.0.2:1': self.change(fn(*args))}


def test_reference_hashes_are_relative_to_solutions():
    refs = reference_hashes(ASSIGNMENTS)
    assert refs['conv_numpy'][0] == 'conv_numpy/reference_numpy.py'
    assert len(refs['conv_numpy'][1]) == 64


def test_localize_moves_references_into_this_checkout(tmp_path):
    refs = reference_hashes(ASSIGNMENTS)
    moved = {n: dataclasses.replace(a, reference=tmp_path / 'elsewhere.py') for n, a in ASSIGNMENTS.items()}
    local = localize(moved, refs)
    assert local['conv_numpy'].reference == SOLUTIONS_DIR / 'conv_numpy/reference_numpy.py'


def test_localize_moves_the_known_mistakes_too(tmp_path):
    refs = reference_hashes(ASSIGNMENTS)
    assert refs['conv_numpy:mistakes'][0] == 'conv_numpy/mistakes.py'
    moved = {n: dataclasses.replace(a, mistakes=tmp_path / 'elsewhere.py') for n, a in ASSIGNMENTS.items()}
    local = localize(moved, refs)
    assert local['conv_numpy'].mistakes == SOLUTIONS_DIR / 'conv_numpy/mistakes.py'
    assert local['alexnet_model'].mistakes == SOLUTIONS_DIR / 'alexnet/mistakes.py'
    bad = refs | {'conv_numpy:mistakes': ('conv_numpy/mistakes.py', '0' * 64)}
    with pytest.raises(ClusterMismatch, match='another solutions/conv_numpy/mistakes.py'):
        localize(ASSIGNMENTS, bad)


def test_localize_refuses_a_reference_that_differs():
    refs = reference_hashes(ASSIGNMENTS) | {'conv_numpy': ('conv_numpy/reference_numpy.py', '0' * 64)}
    with pytest.raises(ClusterMismatch, match='another solutions/conv_numpy/reference_numpy.py'):
        localize(ASSIGNMENTS, refs)


def test_equal_workers_pass_the_check():
    check_workers(FakeClient(), reference_hashes(ASSIGNMENTS))


def test_a_worker_with_another_grader_version_is_refused():
    client = FakeClient(lambda answer: answer | {'grader': '0.0.1'})
    with pytest.raises(ClusterMismatch, match=f'tcp://10.0.0.2:1 runs grader 0.0.1, this machine {__version__}'):
        check_workers(client, reference_hashes(ASSIGNMENTS))


def test_a_worker_with_other_references_is_refused():
    def change(answer):
        return answer | {'references': {rel: 'x' for rel in answer['references']}}

    with pytest.raises(ClusterMismatch, match='another solutions/'):
        check_workers(FakeClient(change), reference_hashes(ASSIGNMENTS))


def test_fingerprint_names_versions_and_references():
    answer = fingerprint(reference_hashes(ASSIGNMENTS))
    assert answer['grader'] == __version__ and set(answer) == {'grader', 'numpy', 'torch', 'references'}


def test_an_unreachable_scheduler_is_a_usage_error(monkeypatch):
    from grader.cluster import dask_cluster

    monkeypatch.setattr('grader.cluster.CONNECT_TIMEOUT', 1)
    backend = dask_cluster('tcp://127.0.0.1:9')  # the discard port: nothing listens there
    with pytest.raises(SchedulerUnreachable, match='tcp://127.0.0.1:9 cannot be used'):
        list(backend([object()], ASSIGNMENTS, 1))


# ---- the coordinator's isolation travels with the work ----

from grader import sandbox  # noqa: E402
from grader.cluster import Isolation, accepting_workers, refusal, worker_sandbox  # noqa: E402
from grader.errors import WorkerRefused  # noqa: E402

LIMITS = sandbox.Limits(memory_bytes=3 * sandbox.GIB, processes=64)


def test_a_worker_grades_with_the_coordinators_level_and_limits():
    best = sandbox.strongest_level()
    box = worker_sandbox(Isolation(best, LIMITS, best != 'bubblewrap'), 'tcp://10.0.0.1:1')
    assert (box.level, box.limits) == (best, LIMITS)
    assert 'RLIMIT_DATA=3221225472' in box.rlimit_spec()


def test_a_worker_below_the_level_asked_refuses_naming_itself(monkeypatch):
    monkeypatch.setattr(sandbox, 'strongest_level', lambda: 'limits')
    with pytest.raises(WorkerRefused, match="the Dask worker tcp://10.0.0.2:1 cannot grade .*'bubblewrap' is not available"):
        worker_sandbox(Isolation('bubblewrap', LIMITS, False), 'tcp://10.0.0.2:1')


def test_a_weak_worker_refuses_without_the_tas_consent(monkeypatch):
    monkeypatch.setattr(sandbox, 'strongest_level', lambda: 'unshare')
    with pytest.raises(WorkerRefused, match="tcp://10.0.0.2:1 .*strongest isolation is 'unshare'.*--allow-weak-isolation"):
        worker_sandbox(Isolation(None, LIMITS, False), 'tcp://10.0.0.2:1')
    assert worker_sandbox(Isolation(None, LIMITS, True), 'tcp://10.0.0.2:1').level == 'unshare'
    assert refusal(Isolation(None, LIMITS, False), 'ko').startswith('Dask 워커 ')  # outside a worker: the host name


def test_refusing_workers_are_left_out_and_named(monkeypatch, capsys):
    monkeypatch.setattr(sandbox, 'strongest_level', lambda: 'unshare')

    class Client:
        def run(self, fn, *args, on_error='raise'):
            return {'tcp://10.0.0.1:1': None, 'tcp://10.0.0.2:1': fn(*args)}

    workers, refusals = accepting_workers(Client(), Isolation(None, LIMITS, False), 'en')
    assert workers == ['tcp://10.0.0.1:1'] and len(refusals) == 1
    assert 'grade: the Dask worker' in capsys.readouterr().err


def test_a_worker_that_left_while_asked_is_left_out_and_a_failing_one_is_not(monkeypatch):
    """Client.run(on_error="return") gives a closed connection as an OSError (distributed's
    CommClosedError): that worker gets no work; an error inside the function still stops."""
    from distributed.comm.core import CommClosedError
    monkeypatch.setattr(sandbox, 'strongest_level', lambda: 'bubblewrap')

    class Client:
        def __init__(self, answer):
            self.answer = answer

        def run(self, fn, *args, on_error='raise'):
            assert on_error == 'return'
            return {'tcp://10.0.0.1:1': fn(*args), 'tcp://10.0.0.2:1': self.answer}

    gone = Client(CommClosedError('in <TCP (closed) Scheduler Broadcast>: Stream is closed'))
    check_workers(gone, reference_hashes(ASSIGNMENTS))
    assert accepting_workers(gone, Isolation(None, LIMITS, False), 'en') == (['tcp://10.0.0.1:1'], [])
    with pytest.raises(ZeroDivisionError):
        accepting_workers(Client(ZeroDivisionError('a bug')), Isolation(None, LIMITS, False), 'en')
