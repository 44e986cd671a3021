"""Where in the student's code (grader/diagnose/source.py), no kernels: a failing function's
source as the grader ran it, the line a diagnosis points at marked, shown escaped on the page."""
from pathlib import Path

from grader.checks import plan_assignment
from grader.diagnose.source import attach_sources, function_source, mark_crop, mark_no_bias
from grader.notebook import code_sources
from grader.report import render_submission
from grader.results import CheckResult, SubmissionResult
from grader.rubric import load_all

FIXTURES = Path(__file__).resolve().parents[1] / 'e2e' / 'fixtures' / 'conv_numpy'
CONV = load_all(references='solutions')['conv_numpy']


def sources(name):
    return code_sources((FIXTURES / name).read_bytes())


def marked_line(name, function, finder):
    cells = sources(name)
    source, node = function_source(cells, function)
    line = finder(node)
    return source, cells[source.cell].splitlines()[line - 1].strip()


def test_the_output_assignment_without_the_bias_is_marked():
    source, line = marked_line('conv_forward_no_bias.ipynb', 'conv_forward_naive', mark_no_bias)
    assert source.lines[0].startswith('def conv_forward_naive(')
    assert line.startswith('out[') and 'b[' not in line


def test_the_pad_minus_pad_crop_is_marked():
    _, line = marked_line('conv_backward_no_pad_crop.ipynb', 'conv_backward_naive', mark_crop)
    assert 'pad:-pad' in line.replace(' ', '')


def test_a_correct_function_marks_nothing():
    cells = sources('vectorised_correct.ipynb')
    assert mark_no_bias(function_source(cells, 'conv_forward_naive')[1]) is None
    assert mark_crop(function_source(cells, 'conv_backward_naive')[1]) is None


def test_the_last_definition_counts_and_unparsable_cells_are_skipped():
    cells = ['def f(x):\n    return 1\n', '%timeit f(1)\n', '@staticmethod\ndef f(x):\n    return 2\n', 'def g(: pass']
    source, _ = function_source(cells, 'f')
    assert (source.cell, source.first_line, source.lines) == (2, 1, ('@staticmethod', 'def f(x):', '    return 2'))
    assert function_source(cells, 'missing') is None


def test_the_source_goes_once_to_the_first_failing_check_and_onto_the_page():
    plans = [p for p in plan_assignment(CONV, 1) if p.graded.name == 'conv_forward_naive']
    diag = {'diagnosis': 'conv_forward.no_bias'}
    checks = [CheckResult(p.check_id, 'fail', 0.0, p.points, '`out` differs <b>', hint='Bias left out.', details=diag)
              for p in plans]
    attached = attach_sources(checks, plans, sources('conv_forward_no_bias.ipynb'))
    assert 'source' in attached[0].details and all('source' not in c.details for c in attached[1:])
    src = attached[0].details['source']
    assert src['mark'] is not None and src['first_line'] <= src['mark'] < src['first_line'] + len(src['lines'])
    result = SubmissionResult('ann', 'conv_numpy', 'a.ipynb', 'graded', 0.0, 10.0, checks=attached)
    html = render_submission(result)
    assert '<details class="source" open>' in html and html.count('class="line mark"') == 1
    assert '<b>' not in html  # every student string escaped


def test_hostile_source_is_escaped():
    plans = [p for p in plan_assignment(CONV, 1) if p.graded.name == 'conv_forward_naive'][:1]
    cells = ['def conv_forward_naive(x, w, b, conv_param):\n    s = "</pre><script>alert(1)</script>"\n    return s, None\n']
    attached = attach_sources([CheckResult(plans[0].check_id, 'fail', 0.0, 1.0, 'differs')], plans, cells)
    html = render_submission(SubmissionResult('ann', 'conv_numpy', 'a.ipynb', 'graded', 0.0, 10.0, checks=attached))
    assert '<script>' not in html and '&lt;/pre&gt;&lt;script&gt;' in html
