"""`grade --lang ko`: the same verdicts and diagnoses as in English, told in Korean."""

import re

from conftest import KOREAN_FIXTURES
from grader.messages import say

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def checks_of(results, key):
    return {c["id"]: c for c in results[key]["checks"]}


def test_korean_run_has_the_english_verdicts_and_diagnoses(korean_run, fixture_results):
    _, korean = korean_run
    assert sorted(korean) == sorted(KOREAN_FIXTURES)
    for key in KOREAN_FIXTURES:
        assert korean[key]["score"] == fixture_results[key]["score"]
        english = checks_of(fixture_results, key)
        for check in korean[key]["checks"]:
            other = english[check["id"]]
            assert check["status"] == other["status"]
            assert (check["details"] or {}).get("diagnosis") == (other["details"] or {}).get("diagnosis")
            if check["status"] == "fail":
                assert HANGUL.search(check["message"]), check["message"]
                assert HANGUL.search(check["hint"]), check["hint"]


def test_korean_hints_are_the_catalogue_sentences(korean_run):
    _, korean = korean_run
    no_bias = checks_of(korean, "conv_numpy/conv_forward_no_bias.ipynb")["conv_forward_naive/pad1"]
    assert no_bias["hint"] == say("diag.conv_forward.no_bias", "ko", out="out")
    assert "편향" in no_bias["hint"]
    ties = checks_of(korean, "conv_numpy/max_pool_backward_spread_ties.ipynb")["max_pool_backward_naive/ties"]
    assert ties["status"] == "pass" and say("ties.note", "ko", how=say("ties.all", "ko")) in ties["message"]
    bn = checks_of(korean, "alexnet_model/extra_batchnorm96.ipynb")["layers"]
    assert bn["hint"].startswith("매개변수 +192개 = conv1 뒤의 BatchNorm2d(96) (weight와 bias)"), bn["hint"]
    relu = checks_of(korean, "alexnet_model/no_relu_after_conv4.ipynb")["forward"]
    assert relu["details"]["diagnosis"] == "model.missing_activation" and "conv4 뒤의 ReLU가 빠졌습니다" in relu["hint"]
    fc3 = checks_of(korean, "alexnet_params/fc3_ten_classes.ipynb")["FC3"]
    assert fc3["hint"].startswith("`FC3` = 40,970은(는) 클래스가 10개일 때의 개수입니다")
    border = checks_of(korean, "conv_numpy/conv_forward_edge_padding.ipynb")["conv_forward_naive/pad1"]
    assert "패딩 문제" in border["hint"]


def test_korean_pages(korean_run):
    out, korean = korean_run
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in index and "가장 흔한 실수" in index and "편향 누락" in index
    page = (out / korean["conv_numpy/conv_forward_no_bias.ipynb"]["report"]).read_text(encoding="utf-8")
    assert '<html lang="ko">' in page and "검사 항목" in page and "예상되는 실수: 편향 누락" in page
