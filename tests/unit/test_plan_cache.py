"""The students' plan cache (grader/plan_cache.py): plans read back equal the plans computed,
only public function plans are kept, and a damaged cache is recomputed."""

import numpy as np
import pytest

from grader import grade, plan_cache, student_dist
from grader.checks import plan_assignment
from grader.rubric import load_all


@pytest.fixture(scope="module")
def students(tmp_path_factory):
    """The assignments as the students' wheel loads them (public references and locks)."""
    root = tmp_path_factory.mktemp("student")
    student_dist.stage(root)
    return load_all(root / "grader" / "bundled" / "assignments", "public")


def _same(a, b):
    assert (a.check_id, a.graded, a.points, a.public, a.outputs, a.judged_by) == \
           (b.check_id, b.graded, b.points, b.public, b.outputs, b.judged_by)
    assert dict(a.request) == dict(b.request)
    assert a.inputs.keys() == b.inputs.keys() and a.expected.keys() == b.expected.keys()
    for name, value in a.inputs.items():
        if isinstance(value, np.ndarray):
            assert value.dtype == b.inputs[name].dtype and np.array_equal(value, b.inputs[name])
        else:
            assert value == b.inputs[name]
    for name, value in a.expected.items():
        assert np.array_equal(np.asarray(value), b.expected[name])


def test_plans_read_back_are_the_plans_computed(tmp_path, students):
    conv = students["conv_numpy"]
    computed = plan_assignment(conv, 7)
    plan_cache.save(tmp_path, "k", computed)
    loaded = plan_cache.load(tmp_path, "k", conv)
    assert len(loaded) == len(computed) == 24
    for a, b in zip(computed, loaded):
        _same(a, b)


def test_only_the_students_function_plans_are_kept(students):
    staff = load_all(references="solutions")
    assert not plan_cache.cacheable(staff["conv_numpy"])
    assert plan_cache.cacheable(students["conv_numpy"])
    assert not plan_cache.cacheable(students["alexnet_model"])
    assert plan_cache.key(students["conv_numpy"], 1) != plan_cache.key(students["conv_numpy"], 2)


def test_a_second_process_reads_the_plans_and_a_damaged_cache_is_recomputed(tmp_path, monkeypatch, students):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    conv = students["conv_numpy"]
    first = grade.plans_for(conv, 11)
    grade._PLANS.clear()  # as in a new process
    computed = []
    monkeypatch.setattr(grade, "plan_assignment", lambda a, s: computed.append(s) or plan_assignment(a, s))
    for a, b in zip(first, grade.plans_for(conv, 11)):
        _same(a, b)
    assert computed == []
    grade._PLANS.clear()
    (plan_cache.cache_dir() / f"{plan_cache.key(conv, 11)}.npz").write_bytes(b"not an npz")
    grade.plans_for(conv, 11)
    assert computed == [11]
