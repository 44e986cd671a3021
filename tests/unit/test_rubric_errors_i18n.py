"""Unit tests of the staff errors of the check planners (grader/checks, cases, rubric,
student_dist) in English and Korean: each is provoked with a real broken rubric or reference,
through `grade validate`'s steps (grader/validate.py) where one reaches it."""
import dataclasses

import pytest

from grader import student_dist
from grader.checks import formula, locked, plan_assignment
from grader.errors import RubricError
from grader.paths import SOLUTIONS_DIR
from grader.rubric import Graded, load_all, load_assignment
from grader.validate import check_plans, validate

HEAD = '[assignment]\nname = "toy"\ntemplate = "toy.ipynb"\nreference = "{reference}"\n\n'
ARITHMETIC = "cnn_arithmetic/reference.py"
CONV = "conv_numpy/reference_numpy.py"


def toy(tmp_path, body, reference=ARITHMETIC):
    folder = tmp_path / "toy"
    folder.mkdir()
    (folder / "rubric.toml").write_text(HEAD.format(reference=reference) + body)
    return load_assignment(folder, "solutions")


def references_step(assignment, lang):
    """The `references` step of `grade validate` in `lang`: it fails, with one finding."""
    (finding,) = check_plans(assignment, lang)
    assert not finding.ok
    return finding


def both(assignment):
    """The failing references step's detail in English and in Korean."""
    return references_step(assignment, "en").detail, references_step(assignment, "ko").detail


# ---- grader/checks/__init__.py ----

def test_an_unknown_check_kind_is_named_in_both_languages(tmp_path):
    assignment = toy(tmp_path, '[[graded]]\nname = "n"\nkind = "nonsense"\npoints = 1.0\n')
    en, ko = both(assignment)
    assert en == ("unknown check kind 'nonsense'; known: function, variable, model, formula, markdown, "
                  "keras, summary")
    assert ko == ("알 수 없는 검사 종류 'nonsense'입니다. 알려진 종류: function, variable, model, formula, "
                  "markdown, keras, summary")
    assert references_step(assignment, "en").step == "references"
    assert references_step(assignment, "ko").step == "참조 구현"


# ---- grader/cases.py ----

def test_an_unknown_array_kind_is_named_in_both_languages(tmp_path):
    body = ('[[graded]]\nname = "conv_forward_naive"\nargs = ["x", "w", "b", "conv_param"]\n'
            'returns = ["out", "cache"]\ncompare = ["out"]\npoints = 1.0\n\n'
            '[[cases.conv_forward_naive]]\nname = "one"\npublic = true\n'
            'x = { array = "uniformish", shape = [1, 1, 3, 3], seed = 1 }\n'
            'w = { array = "normal", shape = [1, 1, 2, 2], seed = 2 }\n'
            'b = { array = "normal", shape = [1], seed = 3 }\nconv_param = { stride = 1, pad = 0 }\n')
    en, ko = both(toy(tmp_path, body, CONV))
    assert en == "unknown array kind 'uniformish' (normal, distinct, linspace or integers)"
    assert ko == "알 수 없는 배열 종류 'uniformish'입니다 (normal, distinct, linspace 또는 integers)"


# ---- grader/checks/function.py ----

def test_a_forward_that_is_no_graded_name_is_named_in_both_languages(tmp_path):
    body = ('[[graded]]\nname = "conv_backward_naive"\nargs = ["dout", "cache"]\nreturns = ["dx", "dw", "db"]\n'
            'forward = "conv_forward"\npoints = 1.0\n\n'
            '[[cases.conv_backward_naive]]\nname = "one"\n')
    en, ko = both(toy(tmp_path, body, CONV))
    assert en == "conv_backward_naive: forward 'conv_forward' is not a graded name"
    assert ko == "conv_backward_naive: forward 'conv_forward'은(는) 채점 대상 이름이 아닙니다"


def test_an_input_shaped_like_an_unknown_output_is_named_in_both_languages(tmp_path):
    body = ('[[graded]]\nname = "max_pool_forward_naive"\nargs = ["x", "pool_param"]\nreturns = ["out", "cache"]\n'
            'compare = ["out"]\npoints = 1.0\n\n'
            '[[cases.max_pool_forward_naive]]\nname = "one"\nx = { array = "normal", like = "out" }\n'
            'pool_param = { pool_height = 2, pool_width = 2, stride = 2 }\n')
    en, ko = both(toy(tmp_path, body, CONV))
    assert en == "max_pool_forward_naive/one: an input is shaped like 'out', which is unknown"
    assert ko == "max_pool_forward_naive/one: 입력의 모양을 'out'에서 가져오라고 하지만, 그런 이름은 없습니다"


# ---- grader/checks/formula.py ----

FORMULA = '[[graded]]\nname = "conv_output_size"\nkind = "formula"\nargs = ["N", "F", "P", "S"]\npoints = 1.0\n\n'


def test_integer_bounds_the_wrong_way_round_are_named_in_both_languages(tmp_path):
    body = FORMULA + '[[cases.conv_output_size]]\nname = "drawn"\nN = { integer = [9, 3] }\nF = 3\nP = 0\nS = 1\n'
    en, ko = both(toy(tmp_path, body))
    assert en == "conv_output_size/drawn: `integer` must be [lo, hi] with whole numbers lo <= hi, not [9, 3]"
    assert ko == "conv_output_size/drawn: `integer`는 lo <= hi인 정수 [lo, hi]여야 합니다 ([9, 3]이(가) 아니라)"


def test_a_case_that_can_never_fit_is_named_in_both_languages(tmp_path):
    # a stride of 2 over an even distance always fits: no draw "fails to fit"
    body = FORMULA + ('[[cases.conv_output_size]]\nname = "misfit"\nfits = false\n'
                      'N = { integer = [5, 5] }\nF = 3\nP = 0\nS = 2\n')
    en, ko = both(toy(tmp_path, body))
    assert en == f"conv_output_size/misfit: no arguments drawn in {formula.MAX_DRAWS} tries fail to fit"
    assert ko == f"conv_output_size/misfit: {formula.MAX_DRAWS}번 뽑는 동안 들어맞지 않는 인자가 하나도 나오지 않았습니다"


def test_a_formula_without_cases_is_named_in_both_languages(tmp_path):
    en, ko = both(toy(tmp_path, FORMULA))
    assert en == "conv_output_size: a formula check needs cases"
    assert ko == "conv_output_size: 공식(formula) 검사에는 테스트 케이스가 있어야 합니다"


# ---- grader/checks/variable.py, markdown.py, model.py, keras.py ----

def test_a_variable_check_without_its_expected_function_is_named_in_both_languages(tmp_path):
    en, ko = both(toy(tmp_path, '[[graded]]\nname = "Conv_1"\nkind = "variable"\npoints = 1.0\n', "alexnet/models.py"))
    assert en == "toy: variable checks need `[variable] expected = NAME`"
    assert ko == "toy: 변수 검사에는 `[variable] expected = NAME`이 필요합니다"


def test_a_variable_the_reference_does_not_count_is_named_in_both_languages(tmp_path):
    body = '[variable]\nexpected = "expected_parameter_counts"\n\n[[graded]]\nname = "Conv_9"\nkind = "variable"\npoints = 1.0\n'
    en, ko = both(toy(tmp_path, body, "alexnet/models.py"))
    assert en == "expected_parameter_counts() gives no value for Conv_9"
    assert ko == "expected_parameter_counts()이(가) Conv_9의 값을 주지 않습니다"


def test_markdown_layers_other_than_the_references_are_named_in_both_languages(tmp_path):
    body = ('[[graded]]\nname = "markdown"\nkind = "markdown"\npoints = 1.0\nexpected = "markdown_answers"\n'
            'layers = ["Conv_1", "Conv_2"]\n')
    en, ko = both(toy(tmp_path, body, "alexnet/models.py"))
    assert en.startswith("markdown: `layers` ['Conv_1', 'Conv_2'] are not the reference's ['Conv_1', 'Max_pool_1', ")
    assert ko.startswith("markdown: `layers` ['Conv_1', 'Conv_2']이(가) 참조 구현의 ['Conv_1', 'Max_pool_1', ")
    assert ko.endswith("'FC3']과(와) 다릅니다")


def test_a_model_check_without_its_model_table_is_named_in_both_languages(tmp_path):
    body = '[model]\nclass_name = "AlexNet"\n\n[[graded]]\nname = "param_count"\nkind = "model"\npoints = 1.0\n'
    en, ko = both(toy(tmp_path, body, "alexnet/models.py"))
    assert en == "toy: [model] lacks reference_class, input_shape"
    assert ko == "toy: [model]에 reference_class, input_shape이(가) 없습니다"


def test_an_unknown_model_check_is_named_in_both_languages(tmp_path):
    body = ('[model]\nclass_name = "AlexNet"\nreference_class = "PaperAlexNet"\ninput_shape = [3, 227, 227]\n\n'
            '[[graded]]\nname = "flops"\nkind = "model"\npoints = 1.0\n')
    en, ko = both(toy(tmp_path, body, "alexnet/models.py"))
    assert en == "unknown model check 'flops' (param_count, output_shape, layers, forward)"
    assert ko == "알 수 없는 모델 검사 'flops'입니다 (param_count, output_shape, layers, forward)"


def test_an_unknown_keras_check_is_named_in_both_languages(tmp_path):
    body = '[[graded]]\nname = "keras_flops"\nkind = "keras"\npoints = 1.0\n'
    en, ko = both(toy(tmp_path, body, "alexnet/models.py"))
    assert en.startswith("unknown Keras check 'keras_flops' (keras_param_count, ")
    assert ko.startswith("알 수 없는 Keras 검사 'keras_flops'입니다 (keras_param_count, ")


# ---- grader/checks/locked.py ----

def test_a_lock_asked_to_judge_a_kind_it_cannot_is_named_in_both_languages():
    assignment = load_all()["alexnet_params"]
    with pytest.raises(RubricError) as info:
        locked.plan(assignment, Graded("n", "formula", 1.0), 0)
    assert info.value.message == "n: a lock cannot judge formula checks"
    assert info.value.text("ko") == "n: 잠금 파일로는 formula 검사를 판정할 수 없습니다"


# ---- grader/rubric.py ----

def test_a_manual_item_with_an_unknown_note_is_named_in_both_languages(tmp_path):
    folder = tmp_path / "toy"
    folder.mkdir()
    (folder / "rubric.toml").write_text(HEAD.format(reference=ARITHMETIC) + FORMULA
                                        + '[[manual]]\nname = "style"\npoints = 1\ndescription = "tidy"\nnote = "pep8"\n')
    findings = []
    assert not validate(folder, None, findings.append, "ko")
    path = folder / "rubric.toml"
    assert [(f.step, f.ok, f.detail) for f in findings] == [
        ("채점 기준", False, f"{path}: [[manual]] 'style': note는 \"model_comments\"여야 합니다 ('pep8'이(가) 아니라)")]
    assert findings[0].line("ko").startswith("실패  채점 기준: ")
    findings.clear()
    assert not validate(folder, None, findings.append, "en")
    assert findings[0].line("en") == f"FAIL  rubric: {path}: [[manual]] 'style': note must be \"model_comments\", not 'pep8'"


# ---- grader/student_dist.py ----

def test_a_public_reference_that_disagrees_is_named_in_both_languages(tmp_path):
    wrong = tmp_path / "reference_wrong.py"
    wrong.write_text((SOLUTIONS_DIR / ARITHMETIC).read_text()
                     + "\n_right = conv_param_count\n\ndef conv_param_count(*args):\n    return _right(*args) + 1\n")
    full = load_all()["cnn_arithmetic"]
    public = dataclasses.replace(full, reference=wrong)
    first = next(p.check_id for p in plan_assignment(full, 0) if p.graded.name == "conv_param_count")
    with pytest.raises(RubricError) as info:
        student_dist.check_public(full, public)
    assert info.value.message == f"the public reference {wrong} disagrees with {full.reference} on {first} (seed 0)"
    assert info.value.text("ko") == f"공개 참조 구현 {wrong}이(가) {first}에서 {full.reference}과(와) 다릅니다 (시드 0)"


# ---- grade validate's passing steps ----

def test_a_sound_assignments_plan_steps_are_said_in_korean():
    assignment = load_all()["cnn_arithmetic"]
    count = len(plan_assignment(assignment, 11))
    findings = check_plans(assignment, "ko")
    assert [f.step for f in findings] == ["참조 구현", "재현성", "새로 뽑히는 숨은 케이스", "고정된 공개 케이스"]
    assert all(f.ok for f in findings)
    assert findings[0].detail == f"검사 {count}개를 계획했습니다"
    assert findings[1].line("ko") == "통과  재현성: 같은 시드는 같은 케이스를 냅니다"
    english = check_plans(assignment, "en")
    assert [f.line("en") for f in english[:2]] == [f"ok    references: {count} checks planned",
                                                    "ok    reproducible: the same seed gives the same cases"]


def test_what_a_students_wheel_must_not_hold_is_said_in_both_languages(tmp_path):
    import zipfile
    secret = "out[n, f] = np.sum(window * w[f]) + b[f]  # the answer"
    wheel = tmp_path / "cnn_grader-1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("grader/bundled/solutions/conv_numpy/x.py", "x = 1\n")
        z.writestr("grader/kernel.py", f"def f():\n    {secret}\n")
    assert student_dist.leaks(wheel, {secret}, "en") == [
        "grader/bundled/solutions/conv_numpy/x.py: a file of the course staff",
        f"grader/kernel.py: holds the line {secret!r} of solutions/ or examples/"]
    assert student_dist.leaks(wheel, {secret}, "ko") == [
        "grader/bundled/solutions/conv_numpy/x.py: 조교용 파일입니다",
        f"grader/kernel.py: solutions/ 또는 examples/의 줄 {secret!r}이(가) 들어 있습니다"]
