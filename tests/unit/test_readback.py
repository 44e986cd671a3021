"""Unit tests of grader/readback.py: only plain numeric .npy and small JSON come back, and
nothing the kernel wrote is ever unpickled."""
import io
import json
import os
import pickle

import numpy as np
import pytest

from grader.errors import GraderError
from grader.readback import UnsafeOutput, read_array, read_json


class OpensMarker:
    """Unpickling an instance calls open(marker, 'w'), which creates the marker file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, 'w'))


def npy_bytes(shape, descr='<f8', data=b'', version=(1, 0)):
    """A .npy file's bytes with a hand-written header (whatever it declares) followed by data."""
    buffer = io.BytesIO()
    header = {'descr': descr, 'fortran_order': False, 'shape': shape}
    if version == (1, 0):
        np.lib.format.write_array_header_1_0(buffer, header)
    else:
        np.lib.format.write_array_header_2_0(buffer, header)
    return buffer.getvalue() + data


def saved(path, array, **kwargs):
    np.save(path, array, **kwargs)
    return path


def assert_unsafe(path, *words, **kwargs):
    """read_array(path) raises UnsafeOutput whose message names the file and every word."""
    with pytest.raises(UnsafeOutput) as info:
        read_array(path, **kwargs)
    assert path.name in info.value.message
    for word in words:
        assert word in info.value.message
    return info.value.message


# ---- plain arrays load ----

@pytest.mark.parametrize('dtype', [np.float64, np.float32, np.float16, np.int64, np.int8,
                                   np.uint16, np.bool_, np.complex128])
def test_plain_numeric_array_loads_equal_with_its_dtype(tmp_path, dtype):
    array = (np.arange(24).reshape(2, 3, 4) % 5).astype(dtype)
    loaded = read_array(saved(tmp_path / 'out.npy', array, allow_pickle=False))
    assert type(loaded) is np.ndarray
    assert loaded.dtype == array.dtype and loaded.shape == (2, 3, 4)
    np.testing.assert_array_equal(loaded, array)


def test_fortran_order_zero_size_and_scalar_arrays_load(tmp_path):
    fortran = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    np.testing.assert_array_equal(read_array(saved(tmp_path / 'f.npy', fortran)), fortran)
    assert read_array(saved(tmp_path / 'e.npy', np.zeros((0, 3)))).shape == (0, 3)
    assert read_array(saved(tmp_path / 's.npy', np.float64(2.5))) == 2.5


def test_version_2_header_loads(tmp_path):
    path = tmp_path / 'v2.npy'
    path.write_bytes(npy_bytes((3,), data=np.arange(3.0).tobytes(), version=(2, 0)))
    np.testing.assert_array_equal(read_array(path), [0.0, 1.0, 2.0])


def test_unsafe_output_is_a_grader_error_with_a_message():
    assert issubclass(UnsafeOutput, GraderError)
    assert UnsafeOutput('why').message == 'why'


# ---- nothing is ever unpickled ----

def test_object_array_that_would_create_a_file_is_refused_without_unpickling(tmp_path):
    # Control: the crafted file really does create the marker when numpy unpickles it.
    control_marker = tmp_path / 'control_marker'
    control = saved(tmp_path / 'control.npy', np.array([OpensMarker(control_marker)], dtype=object),
                    allow_pickle=True)
    assert not control_marker.exists()
    np.load(control, allow_pickle=True)
    assert control_marker.exists()

    marker = tmp_path / 'marker'
    path = saved(tmp_path / 'out.npy', np.array([OpensMarker(marker)], dtype=object),
                 allow_pickle=True)
    assert path.read_bytes().startswith(b'\x93NUMPY')
    assert_unsafe(path, 'object')
    assert not marker.exists()


def test_pickle_file_renamed_npy_is_refused_without_unpickling(tmp_path):
    marker = tmp_path / 'marker'
    path = tmp_path / 'out.npy'
    path.write_bytes(pickle.dumps(np.array([OpensMarker(marker)], dtype=object)))
    assert_unsafe(path, 'not a valid .npy')
    assert not marker.exists()


def test_object_dtype_header_is_refused_even_with_pickle_data_behind_it(tmp_path):
    marker = tmp_path / 'marker'
    payload = pickle.dumps(OpensMarker(marker))
    path = tmp_path / 'out.npy'
    path.write_bytes(npy_bytes((1,), descr='|O', data=payload))
    assert_unsafe(path, 'dtype object')
    assert not marker.exists()


# ---- dtypes that are not plain numbers ----

@pytest.mark.parametrize('array', [
    np.zeros(3, dtype=[('a', '<f8'), ('b', '<i4')]),
    np.zeros(3, dtype=[('a', '<f8', (2,))]),
    np.array(['ab', 'cd']),
    np.array([b'ab', b'cd']),
    np.array(['2024-01-01'], dtype='datetime64[D]'),
    np.array([1], dtype='timedelta64[s]'),
    np.zeros(2, dtype='V8'),
], ids=['structured', 'structured_subarray', 'unicode', 'bytes', 'datetime', 'timedelta', 'void'])
def test_non_numeric_dtypes_are_refused(tmp_path, array):
    message = assert_unsafe(saved(tmp_path / 'out.npy', array), 'holds dtype')
    assert 'not plain numbers' in message


# ---- files that are not regular, or too large ----

def test_symlink_is_refused_even_to_a_valid_array(tmp_path):
    target = saved(tmp_path / 'real.npy', np.arange(3.0))
    link = tmp_path / 'out.npy'
    link.symlink_to(target)
    assert_unsafe(link, 'cannot be opened safely')


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / 'out.npy'
    os.mkfifo(fifo)
    assert_unsafe(fifo, 'not a regular file')
    with pytest.raises(UnsafeOutput, match='not a regular file'):
        read_json(fifo)


def test_directory_is_refused(tmp_path):
    folder = tmp_path / 'out.npy'
    folder.mkdir()
    assert_unsafe(folder, 'not a regular file')


def test_missing_file_says_it_was_not_written(tmp_path):
    assert_unsafe(tmp_path / 'dx.npy', 'was not written')


def test_oversize_file_is_refused_before_reading(tmp_path):
    path = saved(tmp_path / 'out.npy', np.zeros(1000))
    size = path.stat().st_size
    message = assert_unsafe(path, f'{size} bytes', f'more than {size - 1}', max_bytes=size - 1)
    assert message == f'out.npy is {size} bytes, more than {size - 1}'
    assert read_array(path, max_bytes=size).shape == (1000,)


def test_header_declaring_a_huge_shape_is_refused_before_allocating(tmp_path):
    path = tmp_path / 'out.npy'
    path.write_bytes(npy_bytes((10**6, 10**6), data=b'\0' * 64))
    assert_unsafe(path, 'declares shape (1000000, 1000000)', 'far more than expected')


def test_header_declaring_more_than_max_bytes_is_refused(tmp_path):
    # 1000 float64 = 8000 bytes declared, 8 present: the file is under the limit, the shape not.
    path = tmp_path / 'out.npy'
    path.write_bytes(npy_bytes((1000,), data=b'\0' * 8))
    assert path.stat().st_size < 1000
    assert_unsafe(path, 'declares shape (1000,)', 'far more than expected', max_bytes=1000)


def test_header_with_a_dimension_beyond_int64_is_unsafe_not_a_crash(tmp_path):
    path = tmp_path / 'out.npy'
    path.write_bytes(npy_bytes((2**64,), data=b'\0' * 16))
    assert_unsafe(path)


def test_header_whose_size_overflows_int64_is_still_refused(tmp_path):
    path = tmp_path / 'out.npy'
    path.write_bytes(npy_bytes((2**62, 4), data=b'\0' * 16))
    assert_unsafe(path)


# ---- truncated or garbage files ----

def test_truncated_data_is_refused(tmp_path):
    whole = saved(tmp_path / 'whole.npy', np.arange(100.0)).read_bytes()
    path = tmp_path / 'out.npy'
    path.write_bytes(whole[:-8])
    assert_unsafe(path, 'could not be read')


@pytest.mark.parametrize('cut', [0, 4, 9, 40])
def test_truncated_header_is_refused(tmp_path, cut):
    whole = saved(tmp_path / 'whole.npy', np.arange(4.0)).read_bytes()
    path = tmp_path / 'out.npy'
    path.write_bytes(whole[:cut])
    assert_unsafe(path, 'not a valid .npy')


@pytest.mark.parametrize('content', [
    b'this is not an array at all',
    b'\x93NUMPY\x01\x00\x10\x00{garbage}      \n',
    b'\x93NUMPY\x09\x00\x10\x00' + b' ' * 16,
    json.dumps([1, 2, 3]).encode(),
], ids=['text', 'bad_header', 'unknown_version', 'json'])
def test_garbage_is_refused(tmp_path, content):
    path = tmp_path / 'out.npy'
    path.write_bytes(content)
    assert_unsafe(path, 'not a valid .npy')


# ---- read_json ----

def test_read_json_valid(tmp_path):
    path = tmp_path / 'response.json'
    document = {'kind': 'ok', 'dtypes': {'dx': 'float64'}, 'n': [1, 2.5, None, True]}
    path.write_text(json.dumps(document))
    assert read_json(path) == document


@pytest.mark.parametrize('content', [b'{"kind": ', b'', b'not json', b'{"a": 1} trailing'],
                         ids=['truncated', 'empty', 'text', 'trailing'])
def test_read_json_invalid(tmp_path, content):
    path = tmp_path / 'response.json'
    path.write_bytes(content)
    with pytest.raises(UnsafeOutput, match=r'response\.json is not valid JSON \(JSONDecodeError\)'):
        read_json(path)


def test_read_json_deeply_nested_is_refused(tmp_path):
    path = tmp_path / 'response.json'
    path.write_text('[' * 100000 + ']' * 100000)
    with pytest.raises(UnsafeOutput, match=r'not valid JSON \(RecursionError\)'):
        read_json(path)


def test_read_json_non_utf8_is_refused(tmp_path):
    path = tmp_path / 'response.json'
    path.write_bytes(b'{"kind": "\xff\xfe"}')
    with pytest.raises(UnsafeOutput, match=r'not valid JSON \(UnicodeDecodeError\)'):
        read_json(path)


def test_read_json_oversize_and_symlink_are_refused(tmp_path):
    path = tmp_path / 'response.json'
    path.write_text(json.dumps({'kind': 'ok', 'pad': 'x' * 100}))
    with pytest.raises(UnsafeOutput, match='more than 50'):
        read_json(path, max_bytes=50)
    link = tmp_path / 'link.json'
    link.symlink_to(path)
    with pytest.raises(UnsafeOutput, match='cannot be opened safely'):
        read_json(link)


def test_reading_through_a_folder_descriptor_refuses_object_arrays(tmp_path):
    from grader.readback import open_folder
    np.save(tmp_path / 'out.npy', np.array([1, None], dtype=object), allow_pickle=True)
    folder = open_folder(tmp_path)
    try:
        with pytest.raises(UnsafeOutput, match='out.npy holds dtype object'):
            read_array('out.npy', dir_fd=folder)
    finally:
        os.close(folder)


def test_a_symlinked_folder_is_refused(tmp_path):
    from grader.readback import open_folder
    (tmp_path / 'real').mkdir()
    (tmp_path / 'link').symlink_to(tmp_path / 'real')
    with pytest.raises(UnsafeOutput, match='cannot be opened safely as a folder'):
        open_folder(tmp_path / 'link')


def test_read_json_charges_what_parsing_may_cost_to_the_budget(tmp_path):
    from grader.readback import JSON_EXPANSION, ReadBudget
    path = tmp_path / "r.json"
    path.write_text('{"kind": "ok"}')
    budget = ReadBudget(left=100 * JSON_EXPANSION)
    assert read_json(path, budget=budget) == {"kind": "ok"}
    assert budget.left == (100 - len('{"kind": "ok"}')) * JSON_EXPANSION
    budget.left = 10 * JSON_EXPANSION  # room for 10 bytes of JSON only
    with pytest.raises(UnsafeOutput, match="more than 10"):
        read_json(path, budget=budget)
