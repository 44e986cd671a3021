"""Unit tests of grader/seed.py: the output folder's secret is drawn once (mode 0600, never
half-written), kept, never shown; each submission's hidden-case seed depends on the secret, the
student, the assignment and the notebook's hash; `--seed N` stands for a secret."""

import hashlib
import os
import threading

import pytest

from grader.discover import Submission
from grader.errors import UsageError
from grader.rubric import load_all
from grader.seed import SECRET_FILE, Secret, given_secret, resolve_secret

ASSIGNMENTS = load_all()


def submission(student, data=b'{"cells": []}', assignment='conv_numpy'):
    return Submission(student, f'subs/{student}/{assignment}.ipynb', data, hashlib.sha256(data).hexdigest(), assignment)


def test_a_new_folder_gets_a_secret_file_of_mode_0600(tmp_path):
    out = tmp_path / 'out'
    secret = resolve_secret(out, None)
    path = out / SECRET_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert bytes.fromhex(path.read_text().strip()) == secret.key and len(secret.key) == 32
    assert [p.name for p in out.iterdir()] == [SECRET_FILE]  # no temporary file is left behind


def test_the_mode_is_0600_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        resolve_secret(tmp_path, None)
    finally:
        os.umask(old)
    assert (tmp_path / SECRET_FILE).stat().st_mode & 0o777 == 0o600


def test_the_kept_secret_is_reused_and_new_folders_differ(tmp_path):
    first = resolve_secret(tmp_path / 'a', None)
    assert resolve_secret(tmp_path / 'a', None) == first
    assert resolve_secret(tmp_path / 'b', None) != first


def test_runs_racing_for_a_new_folder_agree_on_one_secret(tmp_path):
    found, barrier = [], threading.Barrier(8)

    def draw():
        barrier.wait()
        found.append(resolve_secret(tmp_path, None))

    threads = [threading.Thread(target=draw) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(found)) == 1 and [p.name for p in tmp_path.iterdir()] == [SECRET_FILE]


def test_the_secret_never_shows_in_its_repr():
    secret = Secret(bytes(range(32)))
    assert secret.key.hex() not in repr(secret) and secret.key.hex() not in str(secret)


def test_a_given_seed_stands_for_a_secret_and_leaves_the_folder_alone(tmp_path):
    assert resolve_secret(tmp_path, 5) == given_secret(5) != given_secret(6)
    assert given_secret(5).key != (5).to_bytes(32, 'big')
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UsageError, match='--seed must be 0 or more'):
        resolve_secret(tmp_path, -1)


@pytest.mark.parametrize('content', [b'', b'garbage', b'ab' * 31, b'zz' * 32, b'\xff\xfe' * 40])
def test_a_damaged_secret_is_a_usage_error(tmp_path, content):
    path = tmp_path / SECRET_FILE
    path.write_bytes(content)
    path.chmod(0o600)
    with pytest.raises(UsageError, match='damaged; delete it'):
        resolve_secret(tmp_path, None)


def test_a_secret_others_can_read_is_refused(tmp_path):
    resolve_secret(tmp_path, None)
    (tmp_path / SECRET_FILE).chmod(0o644)
    with pytest.raises(UsageError, match='readable by others'):
        resolve_secret(tmp_path, None)


def test_a_planted_link_is_not_followed(tmp_path):
    target = tmp_path / 'elsewhere'
    target.write_text('ab' * 32)
    target.chmod(0o600)
    (tmp_path / 'out').mkdir()
    (tmp_path / 'out' / SECRET_FILE).symlink_to(target)
    with pytest.raises(UsageError, match='cannot be read'):
        resolve_secret(tmp_path / 'out', None)


def test_each_submission_draws_its_own_seed():
    secret = Secret(bytes(32))
    alice, bob = submission('alice'), submission('bob')
    assert secret.seed_for(alice, ASSIGNMENTS) == secret.seed_for(submission('alice'), ASSIGNMENTS)
    assert secret.seed_for(alice, ASSIGNMENTS) != secret.seed_for(bob, ASSIGNMENTS)  # same notebook
    assert secret.seed_for(alice, ASSIGNMENTS) != secret.seed_for(submission('alice', b'{"changed": 1}'), ASSIGNMENTS)
    assert secret.seed_for(alice, ASSIGNMENTS) != Secret(bytes([1]) * 32).seed_for(alice, ASSIGNMENTS)
    assert 0 <= secret.seed_for(alice, ASSIGNMENTS) < 2**63


def test_the_students_wheel_draws_practice_cases_not_the_staffs():
    secret, alice = Secret(bytes(32)), submission('alice')
    students = {n: a.__class__(**{**a.__dict__, 'references': 'public'}) for n, a in ASSIGNMENTS.items()}
    assert secret.seed_for(alice, ASSIGNMENTS) != secret.seed_for(alice, students)


def test_the_gradebook_digest_is_neither_the_secret_nor_a_seed():
    secret, alice = Secret(bytes(32)), submission('alice')
    digest = secret.digest('alice')
    assert digest == Secret(bytes(32)).digest('alice') != secret.digest('bob')
    assert digest != secret.seed_for(alice, ASSIGNMENTS) and digest != Secret(bytes([1]) * 32).digest('alice')
