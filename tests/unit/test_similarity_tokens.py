"""Unit tests of grader/similarity/tokens.py and fingerprint.py: what normalisation keeps and drops,
template cells, and copydetect's winnowing over one character per token."""
import json

from grader.similarity.fingerprint import K, Vocabulary, all_hashes, exclude, fingerprint, overlap
from grader.similarity.tokens import Cell, code_tokens, document, markdown_tokens, read_cells, template_keys


def texts(source):
    return [t.text for t in code_tokens(Cell(0, "code", source))]


def notebook(*cells):
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": kind, "metadata": {}, "source": source} for kind, source in cells]}).encode()


def test_renaming_reformatting_and_comments_change_nothing():
    a = "def f(x, w):\n    out = x * w + 1  # scale\n    return out\n"
    b = "def g(inp,weights) :\n    # a comment\n\n    result=inp*weights+7\n    return result"
    assert texts(a) == texts(b)
    assert texts(a) == ["def", "V", "(", "V", ",", "V", ")", ":", "V", "=", "V", "*", "V", "+", "N",
                        "return", "V"]


def test_literals_become_kinds_and_builtins_and_keywords_stay():
    assert texts("s = 'abc' + f'{x}'; n = 3.5e-2; print(len(s), None)") == [
        "V", "=", "S", "+", "S", ";", "V", "=", "N", ";", "print", "(", "len", "(", "V", ")", ",", "None", ")"]


def test_offsets_point_at_the_token_in_its_cell():
    source = "x = 1\nif x:\n    yy = x\n"
    cell = Cell(3, "code", source)
    found = code_tokens(cell)
    assert [source[t.start:t.end] for t in found] == ["x", "=", "1", "if", "x", ":", "yy", "=", "x"]
    assert {t.cell for t in found} == {3}


def test_a_cell_tokenize_cannot_read_falls_back_to_words_and_symbols():
    source = "%matplotlib inline\nConv_1 = ???\n\"unterminated\nx = 1  # note"
    found = code_tokens(Cell(0, "code", source))
    assert [t.text for t in found][:6] == ["%", "V", "V", "V", "=", "?"]
    assert "note" not in [source[t.start:t.end] for t in found]


def test_markdown_keeps_words_and_numbers_lower_cased():
    found = markdown_tokens(Cell(1, "markdown", "**FC1**: 37,748,736 — 편향 빠짐"))
    assert [t.text for t in found] == ["m:fc1", "m:37", "m:748", "m:736", "m:편향", "m:빠짐"]


def test_template_cells_are_left_out_whole_whitespace_aside():
    template = notebook(("markdown", "# Title\n\nDo it."), ("code", "x = ???\nx"))
    student = notebook(("markdown", "# Title\n\nDo   it."), ("code", "x = ???\nx"), ("code", "x = 3 * 4\nx"),
                       ("markdown", "I did it."))
    doc = document("s", student, template_keys(read_cells(template)))
    assert {t.cell for t in doc.tokens} == {2, 3}
    assert len(doc.cells) == 4


def test_not_a_notebook_has_no_cells():
    assert read_cells(b"{ not json") == ()
    assert read_cells(b"[1, 2]") == ()


BODY = "\n".join(f"out{i} = np.sum(x[n, :, i * s:i * s + {i}] * w[f]) + b[f]" for i in range(12))


def test_a_copy_overlaps_in_full_and_an_excluded_template_in_nothing():
    vocabulary = Vocabulary()
    a = fingerprint(document("a", notebook(("code", BODY))), vocabulary)
    b = fingerprint(document("b", notebook(("code", BODY.replace("out", "res")))), vocabulary)
    found = overlap(a, b)
    assert found.tokens > 0.95 and found.longest_run >= K
    exclude(a, all_hashes(vocabulary.encode(a.doc.tokens)[0]))
    assert not a.fingerprint.hashes and overlap(a, b) is None


def test_cell_order_does_not_matter():
    one, two = BODY[: len(BODY) // 2], BODY[len(BODY) // 2:]
    vocabulary = Vocabulary()
    a = fingerprint(document("a", notebook(("code", one), ("code", two))), vocabulary)
    b = fingerprint(document("b", notebook(("code", two), ("markdown", "hi"), ("code", one))), vocabulary)
    assert overlap(a, b).tokens > 0.95
