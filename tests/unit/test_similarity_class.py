"""Generated classes through the similarity stage (benchmarks/similarity_corpus.py): copies
cluster, independent solutions and template-only notebooks do not.

The alexnet_params verdicts are the grader's own messages for the values each notebook assigns
(what grading it reads back); tests/e2e/test_similarity_batch.py grades such a class for real.
"""
import json
import sys
from pathlib import Path

import pytest

from grader import rubric
from grader.discover import discover
from grader.messages import say
from grader.results import CheckResult, SubmissionResult
from grader.similarity.compare import THRESHOLD
from grader.similarity.run import base_documents, compare_all, template_files

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import similarity_corpus as corpus  # noqa: E402  (a sibling file of the benchmark)


@pytest.fixture(scope="module")
def assignments():
    return rubric.load_all()


def run(root, assignments, results=(), **options):
    submissions, _ = discover([str(root)], assignments)
    (comparison,) = compare_all(submissions, list(results), assignments, **options)
    return comparison


def clusters(c):
    return sorted(sorted(c.notebooks[i].student for i in group) for group in c.clusters)


def pair_scores(c):
    return {frozenset((c.notebooks[p.a].student, c.notebooks[p.b].student)): p for p in c.pairs}


@pytest.mark.parametrize("independents, seed", [(12, 0), (30, 1)])
def test_conv_copies_cluster_and_independent_solutions_do_not(tmp_path, assignments, independents, seed):
    kinds = corpus.conv_class(tmp_path, independents, seed)
    c = run(tmp_path, assignments)
    assert clusters(c) == [["copy_exact", "copy_renamed", "s000"], ["copy_reordered", "s002"]]
    scores = pair_scores(c)
    for copy, source in (("copy_exact", "s000"), ("copy_renamed", "s000"), ("copy_reordered", "s002")):
        assert scores[frozenset((copy, source))].similarity >= 0.95
        assert scores[frozenset((copy, source))].longest_run >= 20
    independent = [p.similarity for k, p in scores.items() if all(kinds[s] == "independent" for s in k)
                   and not k & {"s000", "s002"}]
    assert max(independent) < THRESHOLD
    assert not any("template_only" in k for k in scores)


def test_the_exact_copy_names_the_matching_cells(tmp_path, assignments):
    corpus.conv_class(tmp_path, 6)
    c = run(tmp_path, assignments)
    exact = pair_scores(c)[frozenset(("copy_exact", "s000"))]
    functions = [cell.index for cell in c.prints[0].doc.cells if "def conv_" in cell.source or "def max_pool" in cell.source]
    assert [a for a, b in exact.cells if a == b] == functions


def params_results(root, values, assignments):
    """Each notebook's variable verdicts as grading gives them (messages of grader/checks/variable.py)."""
    submissions, _ = discover([str(root)], assignments)
    results = []
    for s in submissions:
        checks = []
        for name, value in values.get(s.student, {}).items():
            right = value == corpus.params_value(name)
            checks.append(CheckResult(name, "pass" if right else "fail", float(right), 1.0,
                                      say("variable_pass" if right else "variable_wrong", name=name, value=value)))
        results.append(SubmissionResult(s.student, s.assignment, s.path, "graded", sum(c.score for c in checks),
                                        11.0, tuple(checks), sha256=s.sha256))
    return results


@pytest.mark.parametrize("independents, seed", [(10, 0), (30, 3)])
def test_params_a_markdown_copy_with_the_same_wrong_values_clusters(tmp_path, assignments, independents, seed):
    kinds, values = corpus.params_class(tmp_path, independents, seed)
    c = run(tmp_path, assignments, params_results(tmp_path, values, assignments))
    assert clusters(c) == [["p_markdown_copy", "p_source"]]
    top = c.pairs[0]
    assert {c.notebooks[top.a].student, c.notebooks[top.b].student} == {"p_markdown_copy", "p_source"}
    assert {e.kind for e in top.clues} == {"markdown", "wrong_answer"}
    assert "Conv_4" in {e.what for e in top.clues if e.kind == "wrong_answer"}


def test_params_without_verdicts_still_ranks_the_copy_first(tmp_path, assignments):
    """The failure the issue reports: standard formulas ranked above the real copies. Here the copy
    is the first pair even with no verdicts at all (markdown alone)."""
    corpus.params_class(tmp_path, 10)
    c = run(tmp_path, assignments)
    top = c.pairs[0]
    assert {c.notebooks[top.a].student, c.notebooks[top.b].student} == {"p_markdown_copy", "p_source"}
    assert all(p.similarity < THRESHOLD for p in c.pairs[1:])


TUTORIAL = '''
def im2col_indices(x, field_height, field_width, padding=1, stride=1):
    """From a public tutorial: the column indices of every receptive field."""
    N, C, H, W = x.shape
    out_height = (H + 2 * padding - field_height) // stride + 1
    out_width = (W + 2 * padding - field_width) // stride + 1
    i0 = np.repeat(np.arange(field_height), field_width)
    i0 = np.tile(i0, C)
    i1 = stride * np.repeat(np.arange(out_height), out_width)
    j0 = np.tile(np.arange(field_width), field_height * C)
    j1 = stride * np.tile(np.arange(out_width), out_height)
    i = i0.reshape(-1, 1) + i1.reshape(1, -1)
    j = j0.reshape(-1, 1) + j1.reshape(1, -1)
    k = np.repeat(np.arange(C), field_height * field_width).reshape(-1, 1)
    x_padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), mode='constant')
    cols = x_padded[:, k, i, j]
    cols = cols.transpose(1, 2, 0).reshape(field_height * field_width * C, -1)
    return cols, (k, i, j)


def col2im_indices(cols, x_shape, field_height=3, field_width=3, padding=1, stride=1):
    """From a public tutorial: the inverse of im2col_indices, summing overlaps."""
    N, C, H, W = x_shape
    x_padded = np.zeros((N, C, H + 2 * padding, W + 2 * padding), dtype=cols.dtype)
    k, i, j = im2col_indices(np.zeros(x_shape), field_height, field_width, padding, stride)[1]
    cols_reshaped = cols.reshape(C * field_height * field_width, -1, N)
    cols_reshaped = cols_reshaped.transpose(2, 0, 1)
    np.add.at(x_padded, (slice(None), k, i, j), cols_reshaped)
    if padding == 0:
        return x_padded
    return x_padded[:, :, padding:-padding, padding:-padding]
'''


def tutorial_class(root, count=8):
    """Independent students; the first two also pasted the tutorial's helpers into a cell."""
    import random

    rng = random.Random(7)
    for k in range(count):
        nb = corpus.conv_notebook(corpus.conv_solution(rng))
        if k < 2:
            nb["cells"].insert(2, {"cell_type": "code", "metadata": {}, "source": TUTORIAL})
        corpus.write(nb, root / "class", f"t{k}", "conv_numpy.ipynb")
    (root / "tutorial.py").write_text("import numpy as np\n" + TUTORIAL)


def test_independent_solutions_sharing_only_a_base_tutorial_do_not_cluster(tmp_path, assignments):
    tutorial_class(tmp_path)
    alone = run(tmp_path / "class", assignments)
    first = alone.pairs[0]  # without --base the pasted tutorial makes them the most similar pair
    assert {alone.notebooks[first.a].student, alone.notebooks[first.b].student} == {"t0", "t1"}
    based = run(tmp_path / "class", assignments, bases=base_documents([str(tmp_path / "tutorial.py")]))
    assert clusters(based) == []
    pair = pair_scores(based).get(frozenset(("t0", "t1")))
    assert pair is None or pair.similarity < first.similarity - 0.15
    t0 = [n.student for n in based.notebooks].index("t0")
    assert based.base_marks[t0].sum() > 200  # the pasted helpers are marked as base text


def test_a_template_given_with_template_is_left_out(tmp_path, assignments):
    """The class received a template with a helper cell of its own: given with --template, that
    cell is no evidence; without it, every notebook shares it."""
    import random

    rng = random.Random(11)
    received = json.loads(corpus.CONV_TEMPLATE.read_text())
    received["cells"].insert(2, {"cell_type": "code", "metadata": {}, "source": TUTORIAL})
    (tmp_path / "received.ipynb").write_text(json.dumps(received))
    for k in range(3):
        nb = corpus.conv_notebook(corpus.conv_solution(rng))
        nb["cells"].insert(2, {"cell_type": "code", "metadata": {}, "source": TUTORIAL.replace("    ", "  ")})
        corpus.write(nb, tmp_path / "class", f"r{k}", "conv_numpy.ipynb")
    without = pair_scores(run(tmp_path / "class", assignments))
    given = run(tmp_path / "class", assignments, templates=template_files([str(tmp_path / "received.ipynb")]))
    assert clusters(given) == []
    assert len(without) == 3
    after = {pair: found.similarity for pair, found in pair_scores(given).items()}
    for pair, before in without.items():
        assert after.get(pair, 0.0) < before.similarity - 0.15
