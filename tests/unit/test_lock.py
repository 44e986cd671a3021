"""Unit tests of grader/lock.py: canonical values, salted hashes, class-count templates, files."""
import json

import pytest

from grader import lock
from grader.errors import RubricError

SALT = bytes(range(16))


def test_canonical_form_ignores_tuple_or_list_and_key_order():
    assert lock.canonical((256, (5, 5))) == lock.canonical([256, [5, 5]]) == '[256,[5,5]]'
    assert lock.canonical({'b': 1, 'a': (2,)}) == lock.canonical({'a': [2], 'b': 1})
    assert lock.canonical(None) == 'null'


def test_a_digest_depends_on_salt_key_and_value():
    base = lock.digest(SALT, 'Conv_1', 41)
    assert base == lock.digest(SALT, 'Conv_1', 41)
    assert base != lock.digest(bytes(16), 'Conv_1', 41)
    assert base != lock.digest(SALT, 'Conv_2', 41)
    assert base != lock.digest(SALT, 'Conv_1', 42)


def test_equal_values_under_different_keys_do_not_hash_alike():
    document = lock.build('a', {'Max_pool_1': 0, 'Max_pool_2': 0}, ['Max_pool_1', 'Max_pool_2'], set(), SALT)
    assert document['entries']['Max_pool_1'] != document['entries']['Max_pool_2']


def test_the_document_holds_hashes_not_values(tmp_path):
    document = lock.build('a', {'x': 987654321, 'y': [3, 1415]}, ['x', 'y'], set(), SALT)
    text = json.dumps(document)
    assert '987654321' not in text and '1415' not in text
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in document['entries'].values())


def test_a_written_lock_matches_only_its_values(tmp_path):
    path = tmp_path / 'lock.json'
    lock.write(path, lock.build('a', {'x': 7, 'shape': [2, 10]}, ['x', 'shape'], set()))
    found = lock.read(path)
    assert found.assignment == 'a' and found.locked == ('shape', 'x')
    assert found.matches('x', 7) and not found.matches('x', 8) and not found.matches('x', '7')
    assert found.matches('shape', (2, 10)) and not found.matches('shape', [10, 2])
    assert not found.matches('unknown', 7)


def test_with_classes_replaces_only_the_class_count():
    assert lock.with_classes([1000], 1000) == ['classes']
    assert lock.with_classes([4096, 10], 10) == [4096, 'classes']
    assert lock.with_classes(1000, 10) == 1000
    assert lock.with_classes('Linear', 10) == 'Linear'


def test_a_templated_entry_matches_for_any_class_count():
    document = lock.build('a', {'row/out_features': lock.with_classes(1000, 1000), 'row/in': 4096},
                          ['row'], {'row/out_features'}, SALT)
    found = lock.Lock('a', SALT, document['iterations'], ('row',), document['entries'], frozenset(document['templated']))
    assert found.matches('row/out_features', 10, classes=10)
    assert found.matches('row/out_features', 1000, classes=1000)
    assert not found.matches('row/out_features', 1000, classes=10)
    assert found.matches('row/in', 4096, classes=4096)  # not templated: the class count plays no part


@pytest.mark.parametrize('content, reason', [
    ('not json', 'cannot read'),
    ('[]', 'cannot read'),
    ('{"format": 99}', 'format 99'),
    ('{"format": 1, "assignment": "a"}', 'cannot read'),
])
def test_a_broken_lock_is_a_rubric_error(tmp_path, content, reason):
    path = tmp_path / 'lock.json'
    path.write_text(content)
    with pytest.raises(RubricError, match=reason):
        lock.read(path)


def test_a_missing_lock_is_a_rubric_error(tmp_path):
    with pytest.raises(RubricError, match='cannot read the lock'):
        lock.read(tmp_path / 'lock.json')
