"""A graded batch writes similarity.json and similarity.html: an alexnet_params class graded in
real kernels, where a student copied only another's markdown answers (same wrong values, their
own formulas). The grader's own verdicts are the evidence that clusters them; the dashboard links
the page, no student's page does."""

from __future__ import annotations

import json
import sys

from helpers import REPO, grade_folder

sys.path.insert(0, str(REPO / "benchmarks"))
import similarity_corpus as corpus  # noqa: E402


def test_a_batch_clusters_the_markdown_copy_from_its_own_verdicts(tmp_path):
    kinds, _ = corpus.params_class(tmp_path / "class", 4, seed=5)
    out = tmp_path / "out"
    results = grade_folder([str(tmp_path / "class")], out)
    assert {s["status"] for s in results["submissions"]} == {"graded"}
    document = json.loads((out / "similarity.json").read_text())
    entry = document["alexnet_params"]
    assert entry["clusters"] == [["p_markdown_copy", "p_source"]]
    pair = entry["pairs"][0]
    assert {pair["a"], pair["b"]} == {"p_markdown_copy", "p_source"} and pair["similarity"] >= 0.75
    wrong = {e["what"]: e["detail"] for e in pair["evidence"] if e["kind"] == "wrong_answer"}
    assert set(wrong) == {"Conv_2", "Conv_4"}
    assert "614,400" in wrong["Conv_2"]  # the grader's message, with the value both gave
    assert all(p["similarity"] < 0.75 for p in entry["pairs"][1:])
    assert not any("p_template_only" in (p["a"], p["b"]) for p in entry["pairs"])
    index = (out / "index.html").read_text()
    assert 'href="similarity.html#alexnet_params"' in index
    for page in out.glob("*/alexnet_params.html"):
        assert "similarity" not in page.read_text()
    assert "not a verdict" in (out / "similarity.html").read_text()
