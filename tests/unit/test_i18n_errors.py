"""Unit tests of the last English-only sentences moved to grader/messages: usage and staff errors
of sandbox, seed, store, rubric, public and cluster in Korean, and the isolation layers on a
Korean report page (results.json keeps them in English)."""
import pytest

from grader import sandbox
from grader.cli import main
from grader.cluster import check_workers
from grader.errors import ClusterMismatch, RubricError, UsageError
from grader.messages import say_again
from grader.report import assign_pages, render_submission, results_document
from grader.results import SubmissionResult
from grader.rubric import load_assignment
from grader.seed import resolve_secret

LEVELS = [pytest.param(level, id=level) for level in sandbox.LEVELS]


# ---- usage errors in Korean ----

def test_a_korean_runs_seed_error_is_korean_on_the_command_line(tmp_path, capsys):
    (tmp_path / 'subs').mkdir()
    assert main([str(tmp_path / 'subs'), '--out', str(tmp_path / 'out'), '--seed', '-1', '--lang', 'ko']) == 2
    assert capsys.readouterr().err.strip() == 'grade: 오류: --seed는 0 이상이어야 합니다 (-1이(가) 아니라)'
    assert main([str(tmp_path / 'subs'), '--out', str(tmp_path / 'out'), '--seed', '-1', '--lang', 'en']) == 2
    assert capsys.readouterr().err.strip() == 'grade: error: --seed must be 0 or more, not -1'


def test_a_damaged_or_open_secret_says_so_in_korean(tmp_path):
    out = tmp_path / 'out'
    out.mkdir()
    (out / 'secret.key').write_text('not hex')
    (out / 'secret.key').chmod(0o600)
    with pytest.raises(UsageError) as info:
        resolve_secret(out, None)
    assert info.value.message.endswith('is damaged; delete it to draw a new secret (and grade with --regrade)')
    assert info.value.text('ko') == (f'{out / "secret.key"}이(가) 손상되었습니다. 지우고 새 비밀값을 만드세요 '
                                     '(그리고 --regrade로 채점하세요)')
    (out / 'secret.key').chmod(0o644)
    with pytest.raises(UsageError) as info:
        resolve_secret(out, None)
    assert '다른 사용자도 읽을 수 있어서(권한 644)' in info.value.text('ko')


def test_an_unavailable_isolation_level_is_a_korean_usage_error(monkeypatch):
    monkeypatch.setattr(sandbox, 'strongest_level', lambda: 'limits')
    with pytest.raises(UsageError) as info:
        sandbox.choose('bubblewrap')
    assert info.value.message == "isolation level 'bubblewrap' is not available here; the strongest is 'limits'"
    assert info.value.text('ko') == ("여기서는 격리 수준 'bubblewrap'을(를) 쓸 수 없습니다. "
                                     "쓸 수 있는 가장 강한 수준은 'limits'입니다")


def test_a_closed_python_folder_is_a_korean_usage_error(monkeypatch, tmp_path):
    monkeypatch.setattr(sandbox, 'strongest_level', lambda: 'bubblewrap')
    monkeypatch.setattr(sandbox, 'unreachable_folders', lambda: [str(tmp_path)])
    monkeypatch.setattr(sandbox.Sandbox, 'drops_uid', property(lambda self: True))
    tmp_path.chmod(0o700)
    with pytest.raises(UsageError) as info:
        sandbox.choose()
    assert info.value.text('ko').startswith(f'커널은 권한 없는 전용 uid로 실행되는데, 이 uid는 {tmp_path}에 들어갈 수 '
                                            f'없습니다 (권한 700): `chmod o+rx {tmp_path}`')


def test_a_weak_level_for_a_dask_batch_is_refused_in_korean(tmp_path, capsys):
    for student in ('alice', 'bob'):
        (tmp_path / student).mkdir()
        (tmp_path / student / 'conv_numpy.ipynb').write_text('{}')
    args = [str(tmp_path), '--scheduler', 'tcp://127.0.0.1:9', '--out', str(tmp_path / 'out'),
            '--isolation', 'limits', '--lang', 'ko']
    assert main(args) == 2
    assert ('--isolation limits은(는) 약한 격리입니다. 이 수준으로 여러 노트북을 채점하려면 '
            '--allow-weak-isolation을 주세요') in capsys.readouterr().err


def test_a_rubric_error_names_the_file_and_says_the_fault_in_korean(tmp_path):
    folder = tmp_path / 'toy'
    folder.mkdir()
    (folder / 'rubric.toml').write_text('[assignment]\nname = "toy"\ntemplate = "toy.ipynb"\n'
                                        'reference = "toy/reference.py"\n\n'
                                        '[[graded]]\nname = "f"\nargs = ["x"]\nreturns = ["out"]\npoints = 2.0\n')
    with pytest.raises(RubricError) as info:
        load_assignment(folder, 'solutions')
    path = folder / 'rubric.toml'
    assert info.value.message == f"{path}: graded name 'f' has no cases"
    assert info.value.text('ko') == f"{path}: 채점 대상 이름 'f'에 테스트 케이스가 없습니다"


def test_a_workers_other_versions_are_named_in_korean():
    class Client:
        def run(self, function, *args, on_error='raise'):
            return {'tcp://w:1': {'grader': 'x', 'numpy': '0', 'torch': '0', 'references': {}}}
    with pytest.raises(ClusterMismatch) as info:
        check_workers(Client(), {})
    assert info.value.message.startswith('the Dask worker tcp://w:1 runs grader x, this machine ')
    assert info.value.text('ko').startswith('Dask 작업자 tcp://w:1: grader x을(를) 실행합니다 (이 컴퓨터는 ')


# ---- the isolation layers: English in results, the page's language on pages ----

@pytest.mark.parametrize('level', LEVELS)
def test_every_isolation_layer_is_said_in_korean_and_read_back_unchanged_in_english(level):
    layers = sandbox.Sandbox(level, sandbox.Limits()).layers()
    assert sandbox.layers_in(layers, 'en') == list(layers)
    korean = sandbox.layers_in(layers, 'ko')
    assert len(korean) == len(layers) and not set(korean) & set(layers)  # every one translated
    assert f'셀마다 출력 {sandbox.Limits().cell_output_bytes // sandbox.MIB} MiB까지' in korean


def test_a_layer_no_key_made_is_shown_as_it_is():
    assert say_again('seccomp: some syscalls refused', sandbox.LAYER_KEYS, 'ko') == 'seccomp: some syscalls refused'


def test_a_korean_page_shows_the_isolation_layers_in_korean_and_results_json_keeps_english():
    layers = sandbox.Sandbox('unshare', sandbox.Limits(memory_bytes=3 * sandbox.GIB)).layers()
    result = SubmissionResult('ann', 'conv_numpy', 'ann.ipynb', 'graded', 0.0, 1.0, (), isolation=layers)
    page = render_submission(result, 'ko')
    assert '<dd>네트워크 네임스페이스: 네트워크 없음; PID 네임스페이스: 채점이 끝나면 남는 프로세스 없음; ' in page
    assert '; 제한: 메모리 3072 MiB, CPU 3600초, 파일 256 MiB, 열린 파일 512개; 채점기가 실제 경과 시간 제한을 강제함' in page
    assert 'network namespace' not in page
    assert 'network namespace: no network' in render_submission(result, 'en')
    assert layers[0] == 'network namespace: no network'
    assert results_document(assign_pages([result]), [])['submissions'][0]['isolation'] == layers


def test_a_broken_lock_is_a_korean_rubric_error(tmp_path):
    from grader import lock
    (tmp_path / 'lock.json').write_text('{"format": 99}')
    with pytest.raises(RubricError) as info:
        lock.read(tmp_path / 'lock.json')
    assert info.value.message == f'the lock {tmp_path / "lock.json"} has format 99, this grader reads {lock.FORMAT}'
    assert info.value.text('ko') == (f'잠금 파일 {tmp_path / "lock.json"}의 형식은 99인데, '
                                     f'이 채점기는 형식 {lock.FORMAT}을(를) 읽습니다')
