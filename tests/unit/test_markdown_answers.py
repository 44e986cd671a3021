"""alexnet_params' markdown answers without kernels: sections and fields found in the layouts
students use, values read in every written form, each field judged with its reason, partial
credit, `???` scoring nothing, ungraded fields shown."""

from pathlib import Path

import pytest

from grader.checks import judge, plan_assignment
from grader.checks.markdown import markdown_sources, written_outcome
from grader.checks.markdown_parse import fields, integer_of, sections, shape_of, units_of
from grader.checks.markdown_fields import aliases
from grader.paths import ASSIGNMENTS_DIR
from grader.rubric import load_assignment
from grader.score import score_check

ASSIGNMENT = load_assignment(ASSIGNMENTS_DIR / "alexnet_params", "solutions")
PLANS = {p.check_id: p for p in plan_assignment(ASSIGNMENT, 3) if p.graded.kind == "markdown"}


def verdict(layer: str, *cells: str):
    return judge(PLANS[f"markdown/{layer}"], written_outcome(list(cells)), 10)


@pytest.mark.parametrize("text, shape", [
    ("227 x 227 x 3", (227, 227, 3)), ("227*227*3", (227, 227, 3)), ("227x227x3", (227, 227, 3)),
    ("(227, 227, 3)", (227, 227, 3)), ("55 X 55 X 96", (55, 55, 96)), ("55×55×96 입니다", (55, 55, 96)),
    ("(227-11)/4+1 = 55 → 55 x 55 x 96", (55, 55, 96)), ("55x55x96 ((227-11)/4+1 = 55)", (55, 55, 96)),
    ("224 x 224 x 3 -> 227 x 227 x 3", (227, 227, 3)), ("(27+2*2-5)/1+1 = 27 x 27 x 256", (27, 27, 256)),
    ("Output Size  27 x 27 x 256(# of filters)", (27, 27, 256)), ("???", None),
])
def test_shapes_in_every_written_form(text, shape):
    assert shape_of(text, 3) == shape


def test_numbers_and_units():
    assert integer_of("96개") == 96 and integer_of("6*6*256 = 9216") == 9216 and integer_of("6*6*256") == 9216
    assert integer_of("(27+4-5)/1 + 1 = 27") == 27 and integer_of("Number of labels") is None
    assert units_of("(N,flatten) x (flatten,4096)") == 4096 and units_of("(N, 1000)") == 1000
    assert units_of("(N,4096) x (4096,Num_classes)") == "num_classes"


def test_sections_by_layer_number_in_both_layouts():
    cells = ["# AlexNet\n## AlexNet layers for a 227x227x3 input", "### Layer 1 is a Convolution Layer_1\n- **Stride** 4",
             "### Layer 2 / 2층: `Max_pool_1`\n- **Stride** 2\n### Layer 3 is a a Convolution Layer_2\nx"]
    found = sections(cells)
    assert sorted(found) == [1, 2, 3] and "**Stride** 4" in found[1] and "**Stride** 2" in found[2]


def test_fields_with_html_backticks_and_the_value_inside_the_label():
    section = ("- **Input Image size**     `227 x 227 x 3`<br>(참고)\n- **Stride**     `4`\n"
               "- **Layer 3 Output** \n- **output의 width, height의 크기 : (27+4-5)/1 + 1 = 27**\n"
               "- **Layer 3 Output Size  27 x 27 x 256(# of filters) **\n- **Pooling size**(overlapping) 3 x 3")
    found = fields(section, aliases("conv") | aliases("pool"))
    assert found["input"][0].text.startswith("227 x 227 x 3")
    assert found["stride"][0].text == "4"
    assert [w.text for w in found["output"]] == ["", "27 x 27 x 256(# of filters)"]
    assert shape_of(found["pool_size"][0].text, 2) == (3, 3)


def test_the_issue_example_and_partial_credit():
    v = verdict("Max_pool_2", "### Layer 4\n- **Input** 27x27x256\n- **Max pooling** yes\n"
                              "- **Pooling size** 3x3\n- **Stride** 2\n- **Output** 9x9x256")
    assert v.status == "fail" and v.credit == pytest.approx(3 / 4)
    assert "Output of Max_pool_2: 13x13x256, you wrote 9x9x256: stride 3 instead of 2" in v.message
    assert "Max pooling: yes" in v.message  # shown to the TA, not graded
    assert score_check(PLANS["markdown/Max_pool_2"], v).score == pytest.approx(0.5 * 3 / 4)


def test_224_is_explained_and_question_marks_score_nothing():
    v = verdict("Conv_1", "### Layer 1\n- **Input** 224x224x3\n- **Number of filters** ???\n- **Filter size** 11x11\n"
                          "- **Stride** 4\n- **Output** 55x55x96")
    assert v.credit == pytest.approx(3 / 5)
    assert "the paper's 224 cannot give 55x55" in v.message and "54.25" in v.message
    assert "Number of filters of Conv_1 is still `???`: it scores nothing" in v.message


def test_two_gpu_filters_are_accepted_with_a_note_and_channels_first_counts():
    v = verdict("Conv_2", "### Layer 3\n- **Input** (96, 27, 27)\n- **Number of filters** 256\n"
                          "- **Filter size** 5x5x48\n- **Stride** 1\n- **padding** same\n- **Output** 27x27x256")
    assert v.status == "pass" and "two-GPU" in v.message


def test_a_missing_section_and_an_absent_field():
    assert verdict("Conv_4", "### Layer 1\n- **Stride** 4").message.startswith("no section for Conv_4")
    v = verdict("FC2", "### Layer 10 is a Fully_Connected layer_2\n- **output size** (N, 4096)")
    assert v.credit == pytest.approx(1 / 2) and "Input of FC2 is not written" in v.message


def test_fc_fields_in_the_original_layout():
    v = verdict("FC1", "### Layer 9 is a Fully_Connected layer_1\n- **input** 6 x 6 x 256\n- **flatten** 9216\n"
                       "- **output size** (N,flatten) x (flatten,4096)\n- **N** Number of input data")
    assert v.status == "pass" and "N: Number of input data" in v.message
    v = verdict("FC3", "### Layer 11\n- **input** (N,4096)\n- **output size** (N,4096) x (4096,Num_classes)\n"
                       "- **Num_classes** 1000")
    assert v.status == "pass"


def test_the_template_scores_nothing_and_the_reference_everything():
    root = Path(__file__).resolve().parents[2]
    for path, want in ((ASSIGNMENTS_DIR / "alexnet_params" / "alexnet_params.ipynb", 0.0),
                       (root / "solutions" / "alexnet_params" / "alexnet_params_reference.ipynb", 5.5)):
        markdown = markdown_sources(path.read_bytes())
        got = sum(score_check(p, judge(p, written_outcome(markdown), 10)).score for p in PLANS.values())
        assert got == pytest.approx(want), path


def test_korean():
    v = judge(PLANS["markdown/Max_pool_2"], written_outcome(["### Layer 4\n- **Output** 9x9x256"]), 10, "ko")
    assert "스트라이드 2 대신 3" in v.message


def test_the_students_distribution_leaves_them_to_the_staff(monkeypatch):
    import dataclasses
    from grader.checks import markdown
    graded = next(g for g in ASSIGNMENT.graded if g.name == "markdown")
    public = dataclasses.replace(ASSIGNMENT, references="public")
    plans = markdown.plan(public, graded, 0)
    assert [p.check_id for p in plans] == list(PLANS) and {p.judged_by for p in plans} == {"staff"}
    assert judge(plans[0], written_outcome([]), 10).status == "staff"
