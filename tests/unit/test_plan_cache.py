"""The students' plan cache (grader/plan_cache.py): plans read back equal the plans computed,
only public function plans are kept (never a hidden case's), and a damaged cache is recomputed."""

import json

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
    computed = plan_assignment(conv, 7, public=True)
    plan_cache.save(tmp_path, "k", computed)
    loaded = plan_cache.load(tmp_path, "k", conv)
    assert len(loaded) == len(computed) == 4
    for a, b in zip(computed, loaded):
        _same(a, b)


def test_only_the_students_function_plans_are_kept(students):
    staff = load_all(references="solutions")
    assert not plan_cache.cacheable(staff["conv_numpy"])
    assert plan_cache.cacheable(students["conv_numpy"])
    assert not plan_cache.cacheable(students["alexnet_model"])
    assert plan_cache.key(students["conv_numpy"]) != plan_cache.key(staff["conv_numpy"])


def test_a_hidden_case_is_never_kept(tmp_path, students):
    hidden = plan_assignment(students["conv_numpy"], 7, public=False)
    assert len(hidden) == 20 and not any(p.public for p in hidden)
    with pytest.raises(ValueError, match="never kept"):
        plan_cache.save(tmp_path, "k", hidden)
    assert list(tmp_path.iterdir()) == []


def test_grading_keeps_only_public_cases_on_disk(tmp_path, monkeypatch, students):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    grade._PUBLIC.clear()
    conv = students["conv_numpy"]
    plans = grade.plans_for(conv, 11)
    assert [p.check_id for p in plans] == [p.check_id for p in plan_assignment(conv, 11)]
    (kept,) = plan_cache.cache_dir().glob("*.json")
    ids = [d["check_id"] for d in json.loads(kept.read_text())]
    assert ids == [p.check_id for p in plans if p.public] and len(ids) == 4


def test_a_second_process_reads_the_plans_and_a_damaged_cache_is_recomputed(tmp_path, monkeypatch, students):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    conv = students["conv_numpy"]
    grade._PUBLIC.clear()
    first = grade.plans_for(conv, 11)
    grade._PUBLIC.clear()  # as in a new process
    computed = []
    monkeypatch.setattr(grade, "plan_assignment", lambda a, s, public: computed.append(public) or plan_assignment(a, s, public))
    for a, b in zip(first, grade.plans_for(conv, 11)):
        _same(a, b)
    assert computed == [False]  # the hidden cases only: the public ones come from the cache
    grade._PUBLIC.clear()
    (plan_cache.cache_dir() / f"{plan_cache.key(conv)}.npz").write_bytes(b"not an npz")
    grade.plans_for(conv, 11)
    assert computed == [False, True, False]
