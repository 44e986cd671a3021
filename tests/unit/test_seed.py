"""Unit tests of grader/seed.py: the grading seed is given, reused from seed.json, or drawn."""
import json

import pytest

from grader.errors import UsageError
from grader.seed import SEED_FILE, resolve_seed


def recorded(out):
    return json.loads((out / SEED_FILE).read_text())['seed']


def test_given_seed_is_used_and_recorded(tmp_path):
    out = tmp_path / 'reports'
    assert resolve_seed(out, 1234) == 1234
    assert recorded(out) == 1234


def test_given_seed_replaces_a_recorded_one(tmp_path):
    resolve_seed(tmp_path, 1)
    assert resolve_seed(tmp_path, 2) == 2
    assert recorded(tmp_path) == 2


def test_zero_is_a_valid_seed(tmp_path):
    assert resolve_seed(tmp_path, 0) == 0
    assert resolve_seed(tmp_path, None) == 0


def test_recorded_seed_is_reused(tmp_path):
    (tmp_path / SEED_FILE).write_text(json.dumps({'seed': 987654321}))
    assert resolve_seed(tmp_path, None) == 987654321
    assert resolve_seed(tmp_path, None) == 987654321
    assert recorded(tmp_path) == 987654321


def test_fresh_seed_is_recorded_then_reused(tmp_path):
    out = tmp_path / 'new' / 'folder'
    seed = resolve_seed(out, None)
    assert isinstance(seed, int) and seed >= 0
    assert recorded(out) == seed
    assert resolve_seed(out, None) == seed


def test_fresh_seeds_differ_between_new_folders(tmp_path):
    # Seeds are drawn from 2**63 values: a repeat among three draws is practically impossible.
    seeds = [resolve_seed(tmp_path / f'out{n}', None) for n in range(3)]
    assert len(set(seeds)) == 3
    assert [recorded(tmp_path / f'out{n}') for n in range(3)] == seeds


def test_negative_seed_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match='0 or more, not -1'):
        resolve_seed(tmp_path, -1)
    assert not (tmp_path / SEED_FILE).exists()


@pytest.mark.parametrize('content', [
    '', 'garbage', '{"seed": 12', 'null', '[1]', '{"seed": "abc"}', '{"x": 1}', '{"seed": NaN}',
    '{"seed": null}', '{"seed": -3}',
    '{"seed": 1e999}',
    '[' * 100000,
], ids=lambda c: c[:20] or 'empty')
def test_damaged_seed_file_is_a_usage_error(tmp_path, content):
    (tmp_path / SEED_FILE).write_text(content)
    with pytest.raises(UsageError) as info:
        resolve_seed(tmp_path, None)
    assert info.value.message


def test_damaged_seed_file_message_names_the_file(tmp_path):
    (tmp_path / SEED_FILE).write_text('{"seed": ')
    with pytest.raises(UsageError) as info:
        resolve_seed(tmp_path, None)
    assert str(tmp_path / SEED_FILE) in info.value.message
    assert 'damaged' in info.value.message and '--seed' in info.value.message


def test_non_utf8_seed_file_is_a_usage_error(tmp_path):
    (tmp_path / SEED_FILE).write_bytes(b'\xff\xfe{"seed": 1}')
    with pytest.raises(UsageError):
        resolve_seed(tmp_path, None)


def test_damaged_seed_file_is_ignored_when_a_seed_is_given(tmp_path):
    (tmp_path / SEED_FILE).write_text('garbage')
    assert resolve_seed(tmp_path, 5) == 5
    assert recorded(tmp_path) == 5
