"""Unit tests of grader/similarity/page.py and the links to it: similarity.json's contract,
similarity.html escaped, scriptless and worded as evidence; the dashboard links it, a student's
page never does; `grade similar` on the command line."""
import json
import sys
from pathlib import Path

import pytest

from grader import cli, rubric
from grader.dashboard import summarize
from grader.discover import discover
from grader.messages import say
from grader.report import render_index, render_submission, assign_pages
from grader.results import SubmissionResult
from grader.similarity.page import render, similarity_document, write_pages
from grader.similarity.run import compare_all

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import similarity_corpus as corpus  # noqa: E402

PAYLOAD = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    """A small conv_numpy class whose copied pair has a hostile markdown cell and student id."""
    root = tmp_path_factory.mktemp("class")
    corpus.conv_class(root, 5)
    hostile = root / f"copy_exact{PAYLOAD.replace('/', '_')}"
    (root / "copy_exact").rename(hostile)
    for folder in (hostile, root / "s000"):
        nb = json.loads((folder / "conv_numpy.ipynb").read_text())
        nb["cells"].append({"cell_type": "markdown", "metadata": {},
                            "source": f"My own remark about padding and strides {PAYLOAD}"})
        (folder / "conv_numpy.ipynb").write_text(json.dumps(nb))
    assignments = rubric.load_all()
    submissions, _ = discover([str(root)], assignments)
    (c,) = compare_all(submissions, [], assignments)
    return c


def test_json_follows_the_contract(comparison):
    document = json.loads(json.dumps(similarity_document([comparison])))
    entry = document["conv_numpy"]
    assert set(entry) >= {"pairs", "clusters"}
    for p in entry["pairs"]:
        assert {"a", "b", "similarity", "longest_run", "cells"} <= set(p)
        assert 0 <= p["similarity"] <= 1 and isinstance(p["longest_run"], int)
        assert all(len(pair) == 2 and all(isinstance(i, int) for i in pair) for pair in p["cells"])
    assert ["copy_renamed", "s000"] in [sorted(c)[-2:] for c in entry["clusters"]]
    assert any(PAYLOAD.replace("/", "_") in s for c in entry["clusters"] for s in c)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_escapes_runs_no_script_and_says_it_is_no_verdict(comparison, lang):
    page = render([comparison], lang)
    assert "<script" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in page
    assert "default-src 'none'" in page and "script-src" not in page
    assert say("similar.not_verdict", lang) in page
    assert say("similar.staff_only", lang) in page
    assert 'class="match"' in page and "<details" in page
    assert "http://" not in page and "https://" not in page


def test_pairs_carry_their_place_in_every_order(comparison):
    page = render([comparison])
    assert page.count("--run:") == len(comparison.pairs)
    assert 'class="by-run"' in page and 'class="by-name"' in page


def test_an_empty_comparison_says_so(tmp_path):
    write_pages(tmp_path, [])
    assert json.loads((tmp_path / "similarity.json").read_text()) == {}
    assert say("similar.nothing", "en") in (tmp_path / "similarity.html").read_text()


def result(student, assignment="conv_numpy"):
    return SubmissionResult(student, assignment, f"{student}/{assignment}.ipynb", "graded", 1.0, 1.0)


def test_the_dashboard_links_the_page_for_two_students_and_a_student_page_never_does():
    assert summarize("conv_numpy", [result("a"), result("b")]).similarity == "similarity.html#conv_numpy"
    assert summarize("conv_numpy", [result("a"), result("a")]).similarity is None
    entries = assign_pages([result("a"), result("b")])
    assert 'href="similarity.html#conv_numpy"' in render_index(entries, [], similarity=True)
    assert "similarity.html" not in render_index(entries, [])  # no page written, no link
    assert "similarity" not in render_submission(entries[0].result)


def test_grade_similar_writes_both_files_and_uses_earlier_verdicts(tmp_path, capsys):
    corpus.conv_class(tmp_path / "class", 3)
    out = tmp_path / "out"
    out.mkdir()
    graded = result("s000").to_json() | {"path": str(tmp_path / "class/s000/conv_numpy.ipynb")}
    (out / "results.json").write_text(json.dumps({"submissions": [graded]}))
    assert cli.main(["similar", str(tmp_path / "class"), "--out", str(out), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "conv_numpy: 7 notebooks compared, 4 pair(s) at or above the threshold, 2 cluster(s)" in printed
    assert "the verdicts of 1 graded notebook(s)" in printed
    assert (out / "similarity.html").is_file()
    assert json.loads((out / "similarity.json").read_text())["conv_numpy"]["clusters"]


@pytest.mark.parametrize("argv, message", [
    (["--similarity-threshold", "0"], "--similarity-threshold must be above 0"),
    (["--template", "missing.ipynb"], "missing.ipynb"),
    (["--base", "no/such/folder"], "no/such/folder"),
])
def test_grade_similar_usage_errors(tmp_path, capsys, argv, message):
    corpus.conv_class(tmp_path / "class", 3)
    assert cli.main(["similar", str(tmp_path / "class"), "--out", str(tmp_path / "out"), *argv]) == 2
    assert message in capsys.readouterr().err


def test_a_batch_checks_its_similarity_options_before_grading(tmp_path, capsys):
    corpus.conv_class(tmp_path / "class", 3)
    out = tmp_path / "out"
    code = cli.main([str(tmp_path / "class"), "--out", str(out), "--template", str(tmp_path / "missing.ipynb")])
    assert code == 2 and "missing.ipynb" in capsys.readouterr().err
    assert not out.exists()  # nothing graded, no gradebook


def test_a_fault_while_comparing_leaves_the_batch_its_reports(tmp_path, capsys, monkeypatch):
    """A grader bug in the similarity stage is printed loudly; an earlier run's page is removed
    rather than left linked with stale pairs."""
    import argparse

    from grader.similarity import command, run as similarity_run

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(similarity_run, "write_similarity", broken)
    (tmp_path / "similarity.html").write_text("old")
    args = argparse.Namespace(similarity_threshold=0.75, template=[], base=[], lang="en")
    command.prepare_batch_similarity(args)(tmp_path, [object(), object()], [], {})
    assert not (tmp_path / "similarity.html").exists()
    assert "grader fault while comparing submissions" in capsys.readouterr().err
