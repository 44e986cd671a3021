"""Unit tests of discovery on real-world input (issue 12): names that are not UTF-8, links,
a class's zip, and archives that would inflate past the limits."""
import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

from grader import archive
from grader.discover import discover
from grader.rubric import load_all
from grader.store import Gradebook, key_of
from grader.results import SubmissionResult

ASSIGNMENTS = load_all()
KIM_CP949 = '김철수'.encode('cp949')
assert KIM_CP949 == bytes.fromhex('b1e8c3b6bcf6')


def notebook(assignment=None, code='x = 1'):
    metadata = {'grader': {'assignment': assignment}} if assignment else {}
    return json.dumps({'nbformat': 4, 'nbformat_minor': 5, 'metadata': metadata,
                       'cells': [{'cell_type': 'code', 'metadata': {}, 'source': code, 'outputs': [],
                                  'execution_count': None}]}).encode()


def make_zip(path, members):
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def found(*paths):
    return discover([str(p) for p in paths], ASSIGNMENTS)


# ---- names that are not UTF-8 (finding 3) ----

def test_a_cp949_folder_name_is_decoded_and_the_gradebook_keeps_it(tmp_path):
    root = tmp_path / 'subs'
    folder = os.path.join(os.fsencode(root), KIM_CP949)
    os.makedirs(folder)
    Path(os.fsdecode(folder), 'conv_numpy.ipynb').write_bytes(notebook())
    (sub,), skipped = found(root)
    assert skipped == []
    assert sub.student == '김철수'
    assert sub.path == f'{root}/김철수/conv_numpy.ipynb'
    assert sub.data == notebook()
    # main crashed here: UnicodeEncodeError (surrogates not allowed) in the gradebook lookup
    with Gradebook(tmp_path / 'gradebook.sqlite') as book:
        key = key_of(sub, ASSIGNMENTS, 1)
        assert book.lookup(key) is None
        result = SubmissionResult(sub.student, sub.assignment, sub.path, 'error', 0.0, 10.0, message='x')
        book.record(key, result)
        assert book.lookup(key).path == sub.path
    json.dumps(result.to_json(), ensure_ascii=False).encode('utf-8')


def _rename_members(path, placeholder, raw):
    """Rewrite member names to raw bytes without the UTF-8 flag, as a Korean Windows zip does."""
    data = path.read_bytes()
    assert len(placeholder) == len(raw)
    path.write_bytes(data.replace(placeholder, raw))


def test_a_zip_member_name_without_the_utf8_flag_is_read_as_cp949(tmp_path):
    archive_path = make_zip(tmp_path / 'export.zip', {'XXXXXX/conv_numpy.ipynb': notebook()})
    _rename_members(archive_path, b'XXXXXX', KIM_CP949)
    with zipfile.ZipFile(archive_path) as zf:
        assert zf.infolist()[0].flag_bits & 0x800 == 0  # zipfile itself reads it as CP437 mojibake
        assert zf.infolist()[0].filename != '김철수/conv_numpy.ipynb'
    (sub,), _ = found(archive_path)
    assert (sub.student, sub.path) == ('김철수', f'{archive_path}/김철수/conv_numpy.ipynb')
    assert sub.data == notebook()


def test_a_name_no_encoding_reads_is_shown_with_escapes_and_still_graded(tmp_path):
    root = tmp_path / 'subs'
    folder = os.path.join(os.fsencode(root), b'bad\xff\xfename')
    os.makedirs(folder)
    Path(os.fsdecode(folder), 'conv_numpy.ipynb').write_bytes(notebook())
    write_ok = root / 'alice' / 'conv_numpy.ipynb'
    write_ok.parent.mkdir()
    write_ok.write_bytes(notebook())
    subs, _ = found(root)
    assert [s.student for s in subs] == ['alice', 'bad\\xff\\xfename']
    assert all(s.problem is None for s in subs)
    subs[1].path.encode('utf-8')


# ---- links are never followed (finding 4) ----

def test_linked_files_and_folders_are_skipped_with_the_reason(tmp_path):
    root = tmp_path / 'subs'
    (root / 'alice').mkdir(parents=True)
    (root / 'alice' / 'conv_numpy.ipynb').write_bytes(notebook())
    (root / 'mallory').mkdir()
    os.symlink('../alice/conv_numpy.ipynb', root / 'mallory' / 'conv_numpy.ipynb')
    secret = tmp_path / 'solutions'
    secret.mkdir()
    (secret / 'conv_numpy_reference.ipynb').write_bytes(notebook())
    os.symlink(secret, root / 'trent')
    os.mkfifo(root / 'mallory' / 'pipe.ipynb')  # reading it would block the batch
    subs, skipped = found(root)
    assert [s.student for s in subs] == ['alice']
    reasons = {Path(s.path).relative_to(root).as_posix(): s.reason for s in skipped}
    assert reasons == {
        'mallory/conv_numpy.ipynb': 'a symbolic link (to ../alice/conv_numpy.ipynb): links are not followed',
        'mallory/pipe.ipynb': 'not a regular file',
        'trent': f'a symbolic link (to {secret}): links are not followed'}


def test_a_link_stored_in_a_zip_is_skipped(tmp_path):
    path = tmp_path / 'export.zip'
    with zipfile.ZipFile(path, 'w') as zf:
        zf.writestr('alice/conv_numpy.ipynb', notebook())
        link = zipfile.ZipInfo('mallory/conv_numpy.ipynb')
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        zf.writestr(link, '../alice/conv_numpy.ipynb')
    subs, skipped = found(path)
    assert [s.student for s in subs] == ['alice']
    assert [(s.path, s.reason) for s in skipped] == [
        (f'{path}/mallory/conv_numpy.ipynb', 'a symbolic link stored in the archive: links are not followed')]


# ---- a class's zip is a class (finding 8) ----

def test_a_zip_of_student_folders_in_a_root_is_one_student_per_folder(tmp_path):
    make_zip(tmp_path / 'subs' / 'class.zip', {f'{name}/conv_numpy.ipynb': notebook(code=name)
                                               for name in ('amy', 'ben', 'cho')})
    subs, _ = found(tmp_path / 'subs')
    assert [s.student for s in subs] == ['amy', 'ben', 'cho']


def test_a_zip_of_notebooks_named_after_students_is_one_student_per_file(tmp_path):
    make_zip(tmp_path / 'subs' / 'class.zip', {f'{name}.ipynb': notebook('conv_numpy', code=name)
                                               for name in ('amy', 'ben')})
    subs, _ = found(tmp_path / 'subs')
    assert [s.student for s in subs] == ['amy', 'ben']


@pytest.mark.parametrize('members', [
    {'conv_numpy.ipynb': notebook(), 'alexnet_params.ipynb': notebook()},
    {'dave/conv_numpy.ipynb': notebook(), 'dave/alexnet_params.ipynb': notebook()},
    {'hw/conv_numpy.ipynb': notebook(), 'readme.txt': b'hi', '__MACOSX/x/._y.ipynb': b'\0'},
    {'notes.ipynb': notebook('conv_numpy'), 'draft.ipynb': notebook()},
], ids=['assignments_at_top', 'under_one_folder', 'one_folder_and_files', 'one_assignment_twice_unknown'])
def test_a_zip_that_is_one_students_upload_stays_theirs(tmp_path, members):
    make_zip(tmp_path / 'subs' / 'dave.zip', members)
    subs, _ = found(tmp_path / 'subs')
    assert {s.student for s in subs} == {'dave'}


# ---- archives within limits (finding 5) ----

def _declare_size(path, size):
    """Make the first member's central-directory entry declare `size` inflated bytes."""
    data = bytearray(path.read_bytes())
    central = data.find(b'PK\x01\x02')
    data[central + 24:central + 28] = struct.pack('<I', size)
    path.write_bytes(bytes(data))


def test_an_archive_inflating_past_the_total_is_one_result_and_nothing_is_inflated(tmp_path):
    # the member's data is a few bytes: inflating it would fail as corrupt, not as too large
    path = make_zip(tmp_path / 'subs' / 'bomb.zip', {'eve/conv_numpy.ipynb': notebook(),
                                                     'eve/other.ipynb': notebook()})
    _declare_size(path, 0xF000_0000)
    make_zip(tmp_path / 'subs' / 'amy.zip', {'conv_numpy.ipynb': notebook()})
    subs, skipped = found(tmp_path / 'subs')
    assert [(s.student, s.path) for s in subs] == [('amy', f'{tmp_path}/subs/amy.zip/conv_numpy.ipynb'),
                                                   ('bomb', f'{tmp_path}/subs/bomb.zip')]
    assert subs[1].problem == (f"the archive's notebooks inflate to {0xF000_0000 + len(notebook())} bytes, "
                               f"more than {archive.MAX_INFLATED_BYTES}; it is not unpacked")


def test_an_archive_with_too_many_members_is_one_result(tmp_path):
    path = tmp_path / 'many.zip'
    with zipfile.ZipFile(path, 'w') as zf:
        for i in range(archive.MAX_MEMBERS + 1):
            zf.writestr(f'x/{i}.txt', b'')
    (sub,), skipped = found(path)
    assert skipped == []
    assert sub.problem == f'the archive holds {archive.MAX_MEMBERS + 1} members, more than {archive.MAX_MEMBERS}; it is not unpacked'


def test_a_member_declaring_more_than_the_cap_is_not_inflated(tmp_path):
    path = make_zip(tmp_path / 'export.zip', {'eve/conv_numpy.ipynb': notebook()})
    _declare_size(path, archive.MAX_NOTEBOOK_BYTES + 1)
    (sub,), _ = found(path)
    assert sub.problem == f'the notebook is {archive.MAX_NOTEBOOK_BYTES + 1} bytes, more than {archive.MAX_NOTEBOOK_BYTES}'


def test_notebooks_are_not_held_in_memory_and_are_read_when_asked(tmp_path):
    (tmp_path / 'alice.ipynb').write_bytes(notebook(code='a'))
    make_zip(tmp_path / 'bob.zip', {'conv_numpy.ipynb': notebook(code='b')})
    subs, _ = found(tmp_path)
    assert [s.content for s in subs] == [None, None]
    assert [s.data for s in subs] == [notebook(code='a'), notebook(code='b')]
    (tmp_path / 'alice.ipynb').write_bytes(notebook(code='changed'))
    from grader.errors import UnreadableNotebook
    with pytest.raises(UnreadableNotebook, match='changed after the batch found it'):
        subs[0].read()
    assert subs[0].data == b''  # for the stages after grading, which take what they can
    assert subs[1].loaded().content == notebook(code='b')


def test_korean_names_from_macos_nfd_are_the_same_student_as_nfc(tmp_path):
    # macOS (Finder, its zip) writes Korean names decomposed (NFD): '김철수' as 7 jamo. The same
    # student was two students (one upload under each form) and never matched the roster's NFC id
    import unicodedata
    nfc, nfd = '김철수', unicodedata.normalize('NFD', '김철수')
    assert nfc != nfd
    (tmp_path / 'subs' / nfd).mkdir(parents=True)
    (tmp_path / 'subs' / nfd / 'conv_numpy.ipynb').write_bytes(notebook('conv_numpy'))
    make_zip(tmp_path / 'subs' / 'class.zip', {f'{nfd}/alexnet_params.ipynb': notebook('alexnet_params'),
                                               'lee/alexnet_params.ipynb': notebook('alexnet_params')})
    subs, _ = discover([str(tmp_path / 'subs')], ASSIGNMENTS)
    assert sorted((s.student, s.assignment) for s in subs) == [
        ('lee', 'alexnet_params'), (nfc, 'alexnet_params'), (nfc, 'conv_numpy')]
    assert all(unicodedata.is_normalized('NFC', s.path) for s in subs)
    assert all(s.read() for s in subs)  # the OS path (NFD) is still the one read


def test_a_zip_holding_the_same_name_twice_grades_the_later_member_as_unzip_would(tmp_path):
    # a zip updated by appending (or made by a tool that does so) holds one name twice: both were
    # graded as two submissions with the same path, sharing the TA's decisions kept by that path
    import warnings
    path = tmp_path / 'subs' / 'kim.zip'
    path.parent.mkdir()
    with warnings.catch_warnings(), zipfile.ZipFile(path, 'w') as zf:
        warnings.simplefilter('ignore')  # zipfile warns of the duplicate name
        zf.writestr('conv_numpy.ipynb', notebook('conv_numpy', 'x = "first"'))
        zf.writestr('conv_numpy.ipynb', notebook('conv_numpy', 'x = "second"'))
    subs, skipped = discover([str(tmp_path / 'subs')], ASSIGNMENTS)
    assert [(s.student, b'second' in s.read()) for s in subs] == [('kim', True)]
    assert [(s.path, s.reason) for s in skipped] == [
        (f'{path}/conv_numpy.ipynb', 'an earlier member of the same name: the archive\'s later one is graded')]


def test_a_file_found_under_two_given_paths_is_graded_once_as_first_found(tmp_path):
    # `grade subs subs/kim` (or a shell glob overlapping a folder): kim's notebook was graded twice,
    # once as kim's and once as a student named after the file, "conv_numpy"
    (tmp_path / 'subs' / 'kim').mkdir(parents=True)
    (tmp_path / 'subs' / 'kim' / 'conv_numpy.ipynb').write_bytes(notebook('conv_numpy'))
    make_zip(tmp_path / 'subs' / 'lee.zip', {'conv_numpy.ipynb': notebook('conv_numpy')})
    root = str(tmp_path / 'subs')
    subs, skipped = discover([root, root + '/', f'{root}/kim', f'{root}/kim/conv_numpy.ipynb', f'{root}/lee.zip'],
                             ASSIGNMENTS)
    assert sorted(s.student for s in subs) == ['kim', 'lee']
    assert len(skipped) == 5 and all(s.reason.startswith('found twice: graded as ') for s in skipped)


def test_a_big_class_download_of_incompressible_notebooks_is_not_taken_for_a_bomb(tmp_path, monkeypatch):
    # 200 students' notebooks with their plots (base64 PNGs barely compress) pass 2 GiB in all: the
    # whole class download was refused as one "result", nobody graded; notebooks are read one at a
    # time, each capped, so only an archive inflating far beyond its own size is a bomb
    monkeypatch.setattr(archive, 'MAX_INFLATED_BYTES', 20_000)
    plot = os.urandom(6_000).hex()  # as incompressible as a PNG in base64
    path = make_zip(tmp_path / 'class.zip', {f's{n}/conv_numpy.ipynb': notebook('conv_numpy', f'x = "{plot}"')
                                             for n in range(4)})
    subs, _ = found(path)
    assert [(s.student, s.problem) for s in subs] == [(f's{n}', None) for n in range(4)]


def test_notebooks_and_zips_with_upper_case_extensions_are_found(tmp_path):
    # `Conv_Numpy.IPYNB` (renamed on Windows) and `LEE.ZIP` were skipped as "not a notebook":
    # the students had handed in nothing, 0 as missing with a roster
    (tmp_path / 'subs' / 'kim').mkdir(parents=True)
    (tmp_path / 'subs' / 'kim' / 'Conv_Numpy.IPYNB').write_bytes(notebook('conv_numpy'))
    make_zip(tmp_path / 'subs' / 'LEE.ZIP', {'hw/conv_numpy.Ipynb': notebook('conv_numpy')})
    subs, skipped = found(tmp_path / 'subs')
    assert sorted((s.student, s.assignment) for s in subs) == [('LEE', 'conv_numpy'), ('kim', 'conv_numpy')]
    assert skipped == []
    (only,), _ = found(tmp_path / 'subs' / 'LEE.ZIP')
    assert only.student == 'hw' and only.read() == notebook('conv_numpy')
