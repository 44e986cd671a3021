"""`grade validate --lang ko` on broken assignments: every line in Korean, each failing step's
detail the error's own Korean sentence; `--lang en` keeps the English lines."""

import os

from helpers import REPO, run_grade

RUBRIC = '[assignment]\nname = "toy"\ntemplate = "toy.ipynb"\nreference = "cnn_arithmetic/reference.py"\n\n'


def broken(tmp_path, body):
    folder = tmp_path / "assignments/toy"
    folder.mkdir(parents=True)
    (folder / "rubric.toml").write_text(RUBRIC + body)
    return folder


def test_validate_says_every_step_of_a_broken_assignment_in_korean(tmp_path):
    folder = broken(tmp_path, '[[graded]]\nname = "n"\nkind = "nonsense"\npoints = 1.0\n')
    checked = run_grade("validate", str(folder), "--lang", "ko")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    assert checked.stdout.splitlines() == [
        "통과  채점 기준: toy: 채점 대상 이름 1개, 1점",
        "실패  참조 구현: 알 수 없는 검사 종류 'nonsense'입니다. 알려진 종류: function, variable, model, formula, "
        "markdown, keras, summary",
        f"실패  참조 노트북: {REPO / 'solutions/toy/toy_reference.ipynb'}이(가) 없습니다",
        f"실패  템플릿: {folder / 'toy.ipynb'}이(가) 없습니다",
        "과제가 올바르지 않습니다",
    ]


def test_validate_says_a_rubric_that_cannot_load_in_the_language_asked_for(tmp_path):
    folder = broken(tmp_path, '[[graded]]\nname = "f"\nargs = ["x"]\nreturns = ["out"]\npoints = 2.0\n')
    path = folder / "rubric.toml"
    korean = run_grade("validate", str(folder), "--lang", "ko")
    assert korean.returncode == 1, korean.stderr
    assert korean.stdout.splitlines() == [f"실패  채점 기준: {path}: 채점 대상 이름 'f'에 테스트 케이스가 없습니다",
                                          "과제가 올바르지 않습니다"]
    english = run_grade("validate", str(folder), "--lang", "en")
    assert english.stdout.splitlines() == [f"FAIL  rubric: {path}: graded name 'f' has no cases",
                                           "the assignment is NOT valid"]
    by_locale = run_grade("validate", str(folder), env=os.environ | {"LC_ALL": "ko_KR.UTF-8"})
    assert by_locale.stdout == korean.stdout
