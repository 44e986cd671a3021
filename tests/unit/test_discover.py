"""Unit tests of grader/discover.py: whose notebook, which assignment, what is skipped."""
import dataclasses
import hashlib
import json
import zipfile
import zlib
from pathlib import Path

import pytest

from grader import archive as archive_module
from grader.discover import Skipped, Submission, discover, metadata_assignment, name_assignment
from grader.errors import PathNotFound
from grader.rubric import load_all

ASSIGNMENTS = load_all()
CONV = 'conv_numpy'


def notebook(assignment=None, code='x = 1'):
    """The bytes of a small nbformat 4 notebook, with grader metadata when `assignment` is set."""
    metadata = {'grader': {'assignment': assignment}} if assignment else {}
    nb = {'nbformat': 4, 'nbformat_minor': 5, 'metadata': metadata,
          'cells': [{'cell_type': 'code', 'metadata': {}, 'source': code, 'outputs': [],
                     'execution_count': None}]}
    return json.dumps(nb).encode()


def write(path, data=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(notebook() if data is None else data)
    return path


def make_zip(path, members):
    """A zip at `path` holding {inner name: bytes}."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def students(submissions):
    return sorted((s.student, s.path) for s in submissions)


def found(paths, fallback=None, assignments=ASSIGNMENTS):
    return discover([str(p) for p in paths], assignments, fallback)


def test_conv_numpy_is_a_real_assignment():
    assert CONV in ASSIGNMENTS


# ---- student id ----

def test_student_is_the_first_folder_under_the_root(tmp_path):
    root = tmp_path / 'submissions'
    write(root / 'alice' / 'conv_numpy.ipynb')
    write(root / 'bob' / 'deep' / 'er' / 'still' / 'conv_numpy.ipynb')
    subs, skipped = found([root])
    assert students(subs) == [('alice', str(root / 'alice' / 'conv_numpy.ipynb')),
                              ('bob', str(root / 'bob' / 'deep' / 'er' / 'still' / 'conv_numpy.ipynb'))]
    assert skipped == []


def test_student_is_the_file_stem_at_the_top_of_the_root(tmp_path):
    write(tmp_path / 'carol.ipynb')
    subs, _ = found([tmp_path])
    assert [s.student for s in subs] == ['carol']


def test_a_notebook_given_directly_is_named_after_its_stem(tmp_path):
    path = write(tmp_path / 'alice' / 'dave_conv_numpy.ipynb')
    subs, _ = found([path])
    assert [(s.student, s.path) for s in subs] == [('dave_conv_numpy', str(path))]


def test_zip_counts_as_a_folder(tmp_path):
    archive = make_zip(tmp_path / 'export.zip', {'bob/conv_numpy.ipynb': notebook(),
                                                 'carol.ipynb': notebook()})
    subs, skipped = found([archive])
    assert students(subs) == [('bob', f'{archive}/bob/conv_numpy.ipynb'),
                              ('carol', f'{archive}/carol.ipynb')]
    assert skipped == []


def test_zip_nested_folders_any_depth(tmp_path):
    archive = make_zip(tmp_path / 'export.zip', {'erin/a/b/c/conv_numpy.ipynb': notebook()})
    subs, _ = found([archive])
    assert [s.student for s in subs] == ['erin']


def test_zip_member_bytes_and_hash_are_the_member_s(tmp_path):
    data = notebook(CONV, code='y = 2')
    archive = make_zip(tmp_path / 'export.zip', {'bob/conv_numpy.ipynb': data})
    (sub,), _ = found([archive])
    assert sub.data == data
    assert sub.sha256 == hashlib.sha256(data).hexdigest()


def test_zip_inside_a_student_folder_belongs_to_that_student(tmp_path):
    make_zip(tmp_path / 'subs' / 'alice' / 'export.zip', {'conv_numpy.ipynb': notebook()})
    subs, _ = found([tmp_path / 'subs'])
    assert [s.student for s in subs] == ['alice']


def test_zips_under_a_root_are_first_folders(tmp_path):
    make_zip(tmp_path / 'subs' / 'dave.zip', {'conv_numpy.ipynb': notebook()})
    make_zip(tmp_path / 'subs' / 'erin.zip', {'conv_numpy.ipynb': notebook()})
    subs, _ = found([tmp_path / 'subs'])
    assert sorted(s.student for s in subs) == ['dave', 'erin']


def test_zip_member_with_absolute_name_has_a_real_student(tmp_path):
    archive = make_zip(tmp_path / 'export.zip', {'/abs/conv_numpy.ipynb': notebook()})
    subs, _ = found([archive])
    assert [s.student for s in subs] == ['abs']


# ---- what is ignored or skipped ----

@pytest.mark.parametrize('ignored', ['.ipynb_checkpoints', '__MACOSX', '.git', '.hidden'])
def test_ignored_folders_in_a_folder(tmp_path, ignored):
    write(tmp_path / 'alice' / 'conv_numpy.ipynb')
    write(tmp_path / 'alice' / ignored / 'conv_numpy-checkpoint.ipynb')
    write(tmp_path / ignored / 'bob' / 'conv_numpy.ipynb')
    subs, skipped = found([tmp_path])
    assert [s.student for s in subs] == ['alice']
    assert skipped == []


def test_ignored_folders_in_a_zip(tmp_path):
    archive = make_zip(tmp_path / 'export.zip', {
        'bob/conv_numpy.ipynb': notebook(),
        '__MACOSX/bob/._conv_numpy.ipynb': b'\x00\x05\x16\x07',
        'bob/.ipynb_checkpoints/conv_numpy-checkpoint.ipynb': notebook(),
        '.hidden/x.ipynb': notebook(),
    })
    subs, skipped = found([archive])
    assert [s.path for s in subs] == [f'{archive}/bob/conv_numpy.ipynb']
    assert skipped == []


def test_non_notebook_files_are_skipped_with_a_reason(tmp_path):
    write(tmp_path / 'alice' / 'conv_numpy.ipynb')
    (tmp_path / 'alice' / 'notes.txt').write_text('hello')
    (tmp_path / 'alice' / 'layers.py').write_text('x = 1')
    archive = make_zip(tmp_path / 'export.zip', {'bob/conv_numpy.ipynb': notebook(),
                                                 'bob/readme.md': b'# hi'})
    subs, skipped = found([tmp_path / 'alice', archive])
    assert len(subs) == 2
    assert sorted(s.path for s in skipped) == sorted([
        str(tmp_path / 'alice' / 'layers.py'), str(tmp_path / 'alice' / 'notes.txt'),
        f'{archive}/bob/readme.md'])
    assert all(isinstance(s, Skipped) and s.reason for s in skipped)
    assert all('not a notebook' in s.reason for s in skipped)


@pytest.mark.parametrize('content', [b'not a zip at all', b'', b'PK\x03\x04 truncated'],
                         ids=['text', 'empty', 'truncated'])
def test_a_file_named_zip_that_is_not_one_is_a_submission_with_a_problem(tmp_path, content):
    fake = tmp_path / 'subs' / 'export.zip'
    fake.parent.mkdir()
    fake.write_bytes(content)
    write(tmp_path / 'subs' / 'alice' / 'conv_numpy.ipynb')
    for given in (fake, tmp_path / 'subs'):
        subs, skipped = found([given])
        assert skipped == []
        broken = [s for s in subs if s.path == str(fake)]
        assert len(broken) == 1 and 'not a readable zip archive' in broken[0].problem
        assert broken[0].student == 'export'
    assert sorted(s.student for s in subs) == ['alice', 'export']


def _corrupt(path, offsets, value=None, xor=0xFF):
    raw = bytearray(path.read_bytes())
    for offset in offsets:
        raw[offset] = value if value is not None else raw[offset] ^ xor
    path.write_bytes(bytes(raw))


def test_zip_with_corrupted_member_data_is_reported_not_a_crash(tmp_path):
    inner = 'dave/conv_numpy.ipynb'
    archive = make_zip(tmp_path / 'export.zip', {inner: notebook(code='x = 1\n' * 500)})
    _corrupt(archive, range(30 + len(inner), 30 + len(inner) + 20))
    (sub,), _ = found([archive])
    assert sub.problem and "cannot be extracted" in sub.problem


def test_zip_with_encrypted_member_is_reported_not_a_crash(tmp_path):
    archive = make_zip(tmp_path / 'export.zip', {'erin/conv_numpy.ipynb': notebook()})
    central = archive.read_bytes().find(b'PK\x01\x02')
    _corrupt(archive, [6], value=0x01)  # general purpose flag bit 0: encrypted
    _corrupt(archive, [central + 8], value=0x01)
    (sub,), _ = found([archive])
    assert sub.problem and "cannot be extracted" in sub.problem


def test_zip_with_unsupported_compression_is_reported_not_a_crash(tmp_path):
    archive = make_zip(tmp_path / 'export.zip', {'erin/conv_numpy.ipynb': notebook()})
    central = archive.read_bytes().find(b'PK\x01\x02')
    _corrupt(archive, [8, central + 10], value=99)
    (sub,), _ = found([archive])
    assert sub.problem and "cannot be extracted" in sub.problem


def test_oversize_notebook_becomes_a_submission_with_a_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, 'MAX_NOTEBOOK_BYTES', 100)
    big = notebook(code='x = 1\n' * 100)
    assert len(big) > 100
    write(tmp_path / 'alice' / 'conv_numpy.ipynb', big)
    make_zip(tmp_path / 'bob.zip', {'bob/conv_numpy.ipynb': big})
    for given in (tmp_path / 'alice', tmp_path / 'bob.zip'):
        (sub,), _ = found([given])
        assert sub.data == b''
        assert sub.problem == f'the notebook is {len(big)} bytes, more than 100'


def test_a_missing_path_raises_path_not_found(tmp_path):
    missing = tmp_path / 'nowhere'
    with pytest.raises(PathNotFound) as info:
        discover([str(missing)], ASSIGNMENTS)
    assert str(missing) in info.value.message


def test_several_paths_are_all_searched(tmp_path):
    one = write(tmp_path / 'a' / 'alice' / 'conv_numpy.ipynb')
    two = write(tmp_path / 'b.ipynb')
    subs, _ = found([tmp_path / 'a', two])
    assert students(subs) == [('alice', str(one)), ('b', str(two))]


# ---- sha256 and bytes ----

def test_sha256_is_the_hash_of_the_bytes(tmp_path):
    data = notebook(CONV, code='print("é")')
    path = write(tmp_path / 'alice.ipynb', data)
    (sub,), _ = found([path])
    assert isinstance(sub, Submission)
    assert sub.data == data
    assert sub.sha256 == hashlib.sha256(data).hexdigest()
    assert sub.problem is None


def test_different_bytes_give_different_hashes(tmp_path):
    write(tmp_path / 'alice.ipynb', notebook(code='x = 1'))
    write(tmp_path / 'bob.ipynb', notebook(code='x = 2'))
    subs, _ = found([tmp_path])
    assert len({s.sha256 for s in subs}) == 2


# ---- assignment ----

def test_assignment_from_metadata_wins_over_the_file_name(tmp_path):
    path = write(tmp_path / 'homework.ipynb', notebook(CONV))
    (sub,), _ = found([path])
    assert sub.assignment == CONV
    other = dataclasses.replace(ASSIGNMENTS[CONV], name='other_hw', template='other_hw.ipynb')
    assignments = dict(ASSIGNMENTS, other_hw=other)
    path = write(tmp_path / 'other_hw.ipynb', notebook(CONV))
    (sub,), _ = found([path], assignments=assignments)
    assert sub.assignment == CONV


def test_metadata_naming_an_unknown_assignment_falls_back_to_the_file_name(tmp_path):
    path = write(tmp_path / 'alice_conv_numpy.ipynb', notebook('no_such_assignment'))
    (sub,), _ = found([path])
    assert sub.assignment == CONV
    assert metadata_assignment(notebook('no_such_assignment')) == 'no_such_assignment'


@pytest.mark.parametrize('data', [b'not json', b'[1, 2]', b'{"metadata": 3}',
                                  b'{"metadata": {"grader": {"assignment": 5}}}',
                                  b'[' * 100000, b'\xff\xfe\x00'],
                         ids=['text', 'list', 'metadata_int', 'name_int', 'deep', 'binary'])
def test_metadata_assignment_of_unusual_bytes_is_none(data):
    assert metadata_assignment(data) is None


@pytest.mark.parametrize('name', sorted(ASSIGNMENTS))
def test_assignment_from_the_file_name(tmp_path, name):
    assignment = ASSIGNMENTS[name]
    keys = {name, Path(assignment.template).stem, *assignment.aliases}
    for key in keys:
        path = write(tmp_path / f'Alice_{key.upper()}_final.ipynb')
        (sub,), _ = found([path])
        assert sub.assignment == name, key


def test_assignment_from_the_template_stem(tmp_path):
    # The template's stem alone identifies the assignment, even when it differs from the name.
    renamed = dataclasses.replace(ASSIGNMENTS[CONV], name='hw3', template='week7_convolution.ipynb')
    assert name_assignment('bob_week7_convolution.ipynb', {'hw3': renamed}) == 'hw3'
    assert name_assignment('bob_hw3.ipynb', {'hw3': renamed}) == 'hw3'
    assert name_assignment('bob_week8.ipynb', {'hw3': renamed}) is None


def test_longest_name_wins(tmp_path):
    base = ASSIGNMENTS[CONV]
    short = dataclasses.replace(base, name='conv', template='conv.ipynb')
    assignments = {'conv': short, CONV: base}
    assert name_assignment('alice_conv_numpy.ipynb', assignments) == CONV
    assert name_assignment('alice_conv.ipynb', assignments) == 'conv'
    reversed_order = {CONV: base, 'conv': short}
    assert name_assignment('alice_conv_numpy.ipynb', reversed_order) == CONV
    path = write(tmp_path / 'x_conv_numpy.ipynb')
    (sub,), _ = found([path], assignments=assignments)
    assert sub.assignment == CONV


def test_fallback_then_none(tmp_path):
    path = write(tmp_path / 'homework.ipynb')
    (sub,), _ = found([path], fallback=CONV)
    assert sub.assignment == CONV
    (sub,), _ = found([path])
    assert sub.assignment is None


def test_file_name_wins_over_the_fallback(tmp_path):
    other = dataclasses.replace(ASSIGNMENTS[CONV], name='other_hw', template='other_hw.ipynb')
    assignments = dict(ASSIGNMENTS, other_hw=other)
    path = write(tmp_path / 'alice_conv_numpy.ipynb')
    (sub,), _ = found([path], fallback='other_hw', assignments=assignments)
    assert sub.assignment == CONV


def test_assignment_of_a_zip_member_uses_its_own_file_name(tmp_path):
    archive = make_zip(tmp_path / 'export.zip', {'bob/homework.ipynb': notebook(),
                                                 'carol/conv_numpy.ipynb': notebook(),
                                                 'dave/x.ipynb': notebook(CONV)})
    subs, _ = found([archive])
    assert {s.student: s.assignment for s in subs} == {'bob': None, 'carol': CONV, 'dave': CONV}
    subs, _ = found([archive], fallback=CONV)
    assert {s.assignment for s in subs} == {CONV}
