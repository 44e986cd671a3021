"""Unit tests of grader/student_dist.py without building a wheel: the lock is built from the
references, a public reference that disagrees is refused, leaks are found by name and by line."""
import shutil
import zipfile
from pathlib import Path

import pytest

from grader import lock, public, student_dist
from grader.errors import RubricError
from grader.paths import SOLUTIONS_DIR
from grader.reference import load_module
from grader.rubric import load_all, load_assignment

FULL = load_all(references='solutions')


@pytest.fixture(scope='module')
def staged(tmp_path_factory):
    root = tmp_path_factory.mktemp('student')
    student_dist.stage(root)
    return root


def test_the_staged_tree_is_the_engine_and_the_bundles(staged):
    assert (staged / 'grader' / 'cli.py').is_file() and not (staged / 'grader' / 'student_dist.py').exists()
    bundles = staged / 'grader' / 'bundled' / 'assignments'
    assert sorted(p.name for p in bundles.iterdir()) == sorted(a.folder.name for a in FULL.values())
    assert not list(bundles.rglob('examples')) and not list(bundles.rglob('*mistakes*'))
    assert 'name = "cnn-grader-student"' in (staged / 'pyproject.toml').read_text()
    assert 'distributed' not in (staged / 'pyproject.toml').read_text()
    assert (staged / 'README.md').read_text().startswith('# cnn-grader-student\n\nStudents check')


def test_the_lock_holds_what_the_references_compute():
    models = load_module(SOLUTIONS_DIR / 'alexnet' / 'models.py')
    document = student_dist.build_lock(FULL['alexnet_params'])
    found = lock.Lock(document['assignment'], bytes.fromhex(document['salt']), document['iterations'],
                      tuple(document['locked']), document['entries'])
    for name, value in models.expected_parameter_counts().items():
        assert found.matches(name, value) and not found.matches(name, value + 1)


def test_each_build_has_its_own_salt():
    first, second = (student_dist.build_lock(FULL['alexnet_params']) for _ in range(2))
    assert first['salt'] != second['salt'] and first['entries'] != second['entries']


def test_model_checks_other_than_forward_are_locked():
    document = student_dist.build_lock(FULL['alexnet_model'])
    assert document['locked'] == ['layers', 'output_shape', 'param_count']
    assert document['templated'] and all('/row/' in k for k in document['templated'])


def test_a_public_reference_that_disagrees_is_refused(staged, tmp_path):
    folder = tmp_path / 'conv_numpy'
    shutil.copytree(staged / 'grader' / 'bundled' / 'assignments' / 'conv_numpy', folder)
    torch_ref = folder / 'reference_torch.py'
    torch_ref.write_text(torch_ref.read_text().replace("return _numpy(dx)", "return _numpy(dx) * 1.001"))
    with pytest.raises(RubricError, match='disagrees with .* on max_pool_backward_naive/public'):
        student_dist.check_public(FULL['conv_numpy'], load_assignment(folder, 'public'))


def test_the_bundled_public_references_agree(staged):
    for name, full in FULL.items():
        folder = staged / 'grader' / 'bundled' / 'assignments' / full.folder.name
        student_dist.check_public(full, load_assignment(folder, 'public'), seeds=(5,))


def test_secret_lines_are_the_references_not_the_engine():
    secret = student_dist.secret_lines()
    assert 'x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))' in secret  # reference_numpy.py
    engine = '\n'.join(p.read_text() for p in Path(public.__file__).parent.rglob('*.py'))
    assert not [line for line in secret if line in engine]


def test_leaks_are_found_by_name_and_by_line(tmp_path):
    wheel = tmp_path / 'w.whl'
    with zipfile.ZipFile(wheel, 'w') as z:
        z.writestr('grader/cli.py', 'print("fine")\n')
        z.writestr('grader/bundled/solutions/x.py', '')
        z.writestr('grader/copied.py', 'a line copied from a solution, long enough\n')
    found = student_dist.leaks(wheel, {'a line copied from a solution, long enough'})
    assert len(found) == 2 and 'solutions/x.py' in found[0] and 'grader/copied.py' in found[1]
