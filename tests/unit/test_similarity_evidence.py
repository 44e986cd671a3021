"""Unit tests of grader/similarity/evidence.py: what counts as shared evidence and how much."""
from collections import Counter

import pytest

from grader.results import CheckResult, SubmissionResult
from grader.similarity.evidence import WEIGHTS, Clue, combine, shared_clues
from grader.similarity.tokens import Cell, Document, Token


def doc(name, markdown=None):
    if markdown is None:
        return Document(name, (), ())
    cell = Cell(3, "markdown", markdown)
    return Document(name, (cell,), (Token("m:x", 3, 0, 1),))


def graded(student, *checks):
    return SubmissionResult(student, "conv_numpy", f"{student}.ipynb", "graded", 0.0, 1.0, tuple(checks))


def failed(cid, message, diagnosis=None, status="fail"):
    return CheckResult(cid, status, 0.0, 1.0, message, details={"diagnosis": diagnosis} if diagnosis else None)


def kinds(found, i, j):
    return sorted((c.kind, c.what) for c in found.get((i, j), []))


def test_the_same_wrong_answer_counts_and_a_different_one_does_not():
    results = [graded("a", failed("Conv_1", "`Conv_1` = 34,848 is wrong")),
               graded("b", failed("Conv_1", "`Conv_1` = 34,848 is wrong")),
               graded("c", failed("Conv_1", "`Conv_1` = 1 is wrong"))]
    found = shared_clues(["a", "b", "c"], [doc(s) for s in "abc"], results)
    assert kinds(found, 0, 1) == [("wrong_answer", "Conv_1")]
    assert (0, 2) not in found and (1, 2) not in found


def test_errors_are_no_wrong_answers_and_a_template_only_pair_shares_nothing():
    missing = failed("Conv_1", "`Conv_1` is not defined in the notebook", status="error")
    found = shared_clues(["a", "b"], [doc("a"), doc("b")], [graded("a", missing), graded("b", missing)])
    assert found == {}


def test_a_shared_named_mistake_counts_once_per_graded_name_and_not_beside_the_same_wrong_answer():
    a = graded("a", failed("conv_forward_naive/pad0", "x 1", "conv_forward.no_bias"),
               failed("conv_forward_naive/pad1", "y 1", "conv_forward.no_bias"))
    b = graded("b", failed("conv_forward_naive/pad0", "x 2", "conv_forward.no_bias"),
               failed("conv_forward_naive/pad1", "y 2", "conv_forward.no_bias"))
    found = shared_clues(["a", "b"], [doc("a"), doc("b")], [a, b])
    assert kinds(found, 0, 1) == [("mistake", "conv_forward_naive")]
    same = graded("c", failed("conv_forward_naive/pad0", "x 1", "conv_forward.no_bias"))
    found = shared_clues(["a", "c"], [doc("a"), doc("c")], [a, same])
    assert kinds(found, 0, 1) == [("wrong_answer", "conv_forward_naive/pad0")]


def test_no_known_mistake_is_no_evidence():
    a = graded("a", failed("f/x", "m1", "none"))
    b = graded("b", failed("f/x", "m2", "none"))
    assert shared_clues(["a", "b"], [doc("a"), doc("b")], [a, b]) == {}


def test_markdown_answers_of_their_own_and_not_one_word_ones():
    remark = "I forgot the biases of the three FC layers: 37,748,736"
    found = shared_clues(["a", "b", "c"], [doc("a", remark), doc("b", remark.upper()), doc("c", "Yes")],
                         [None, None, None])
    assert kinds(found, 0, 1) == [("markdown", "i forgot the biases of the three fc …")]
    found = shared_clues(["a", "b"], [doc("a", "Yes"), doc("b", "Yes")], [None, None])
    assert found == {}


def test_the_same_student_twice_is_no_pair():
    wrong = failed("Conv_1", "`Conv_1` = 3 is wrong")
    assert shared_clues(["a", "a"], [doc("a"), doc("a")], [graded("a", wrong), graded("a", wrong)]) == {}


def test_weights_fall_with_the_number_of_students_sharing():
    assert Clue("wrong_answer", "x", "m", 2).weight == WEIGHTS["wrong_answer"]
    assert Clue("wrong_answer", "x", "m", 3).weight == pytest.approx(WEIGHTS["wrong_answer"] / 4)
    assert Clue("markdown", "x", "two words", 2, 2).weight == pytest.approx(0.1)
    assert combine([0.5, 0.5]) == pytest.approx(0.75) and combine([]) == 0.0


def test_what_half_a_large_class_shares_is_not_listed():
    wrong = failed("Conv_1", "`Conv_1` = 3 is wrong")
    students = [f"s{i}" for i in range(40)]
    results = [graded(s, wrong) for s in students]
    assert shared_clues(students, [doc(s) for s in students], results) == {}


def test_a_filled_in_template_answer_counts_only_the_students_words():
    template = [Counter("answer the number of parameters of fc1 here".split()), Counter("unrelated words".split())]
    cell = "Answer the number of parameters of FC1 here: 37748736 no bias"
    found = shared_clues(["a", "b"], [doc("a", cell), doc("b", cell)], [None, None], template)
    (clue,) = found[(0, 1)]
    assert clue.words == 3 and clue.weight == pytest.approx(0.15)
    only_template = "Answer the number of parameters of FC1 here: 37748736"
    assert shared_clues(["a", "b"], [doc("a", only_template), doc("b", only_template)], [None, None], template) == {}
