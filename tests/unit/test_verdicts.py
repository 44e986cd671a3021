"""Unit tests of grader/verdicts.py and the page that opens with it: one verdict per graded name,
each diagnosis said once with the cases it holds for, the cases folded below (no scripts);
the terminal summary and check() give the same shape."""
import re

import pytest

from grader.check_cli import verdict_text
from grader.cli import check_summary
from grader.report import render_submission
from grader.results import CheckResult, SubmissionResult
from grader.verdicts import name_verdicts, verdict_lines

HINT = '`out` is the convolution without the bias b: add b[f] to every output of filter f.'
CASES = ('public', 'pad0', 'pad1', 'pad2_stride2', 'stride2', 'h_ne_w', 'kernel3x1')


def no_bias(case, public=False):
    return CheckResult(f'conv_forward_naive/{case}', 'fail', 0.0, 2.5 / 7, f'`out` differs in {case}', hint=HINT,
                       public=public, details={'diagnosis': 'conv_forward.no_bias', 'diagnoses': {'out': 'conv_forward.no_bias'}})


def passing(check_id):
    return CheckResult(check_id, 'pass', 0.5, 0.5, 'matches')


def result(*checks):
    return SubmissionResult('ann', 'conv_numpy', 'ann.ipynb', 'graded', sum(c.score for c in checks),
                            10.0, checks=tuple(checks))


def mixed():
    """No bias in every forward case; a backward with one padding mistake on two of four cases
    and an error on another; a max-pool name that passes."""
    crop = dict(hint='dx is not cropped.', details={'diagnosis': 'conv_backward.pad_not_cropped'})
    back = [CheckResult('conv_backward_naive/pad1', 'fail', 0, 1, 'dx differs', **crop),
            CheckResult('conv_backward_naive/pad0', 'pass', 1, 1, 'ok'),
            CheckResult('conv_backward_naive/h_ne_w', 'fail', 0, 1, 'dx differs again', **crop),
            CheckResult('conv_backward_naive/stride2', 'error', 0, 1, '`conv_backward_naive` raised KeyError')]
    return result(*[no_bias(c, c == 'public') for c in CASES], *back, passing('max_pool_forward_naive/pool2x2'))


def test_a_diagnosis_is_grouped_once_with_the_cases_it_holds_for():
    forward, backward, pool = name_verdicts(mixed().checks)
    assert (forward.name, forward.passed, len(forward.counted)) == ('conv_forward_naive', 0, 7)
    assert [(c.key, c.cases) for c in forward.causes] == [('conv_forward.no_bias', CASES)]
    assert [(c.key, c.cases) for c in backward.causes] == [
        ('conv_backward.pad_not_cropped', ('pad1', 'h_ne_w')), ('status:error', ('stride2',))]
    assert backward.passed == 1 and backward.score == 1
    assert pool.causes == () and pool.passed == 1


@pytest.mark.parametrize('lang, all_seven, some', [
    ('en', 'Likely mistake: Bias left out — all 7 cases', '2 of 4 cases (pad1, h_ne_w)'),
    ('ko', '예상되는 실수: 편향(bias)을 더하지 않음 — 케이스 7개 모두', '케이스 4개 중 2개 (pad1, h_ne_w)')])
def test_terminal_lines_say_each_diagnosis_once(lang, all_seven, some):
    text = '\n'.join(verdict_lines(name_verdicts(mixed().checks), lang))
    if lang == 'ko':
        from grader.messages import say
        all_seven = say('report.likely', 'ko') + ': ' + say('title.conv_forward.no_bias', 'ko') + ' — 케이스 7개 모두'
    assert text.count(all_seven) == 1
    assert text.count(HINT) == 1
    assert some in text


def test_the_page_opens_with_one_verdict_per_name_and_folds_the_cases():
    html = render_submission(mixed())
    assert '<script' not in html
    verdicts = html[html.index('<table class="verdicts">'):html.index('</table>')]
    assert verdicts.count('<tr class=') == 3
    assert verdicts.count('Likely mistake: Bias left out — all 7 cases') == 1
    assert html.count(HINT.replace('`', '`')) == 1  # the hint once, not once per case
    folded = re.findall(r'<details class="name" id="name-(\w+)">', html)
    assert folded == ['conv_forward_naive', 'conv_backward_naive', 'max_pool_forward_naive']
    assert html.index('<table class="verdicts">') < html.index('<details class="name"')
    assert 'open' not in re.findall(r'<details class="name"[^>]*>', html)[0]


def test_grade_summary_and_check_have_the_same_shape():
    r = mixed()
    summary = check_summary(r, 'reports/ann/conv_numpy.html').splitlines()
    checked = verdict_text(r, ['conv_forward_naive', 'conv_backward_naive'], 'en').splitlines()
    label = 'Likely mistake: Bias left out — all 7 cases'
    assert any(line.strip() == label for line in summary) and any(line.strip() == label for line in checked)
    assert sum(HINT in line for line in summary) == 1 and sum(HINT in line for line in checked) == 1
    assert any(line.strip().startswith('conv_forward_naive') and '0/7' in line for line in summary)
    assert checked[0].startswith('conv_forward_naive: ')
    assert '  FAIL  conv_backward_naive/pad1: dx differs' in checked  # check() lists the cases below, as the page
    assert checked.index('  Likely mistake: Bias left out — all 7 cases') < checked.index(
        '  FAIL  conv_forward_naive/public: `out` differs in public')


def test_a_name_without_problems_says_so_on_the_page():
    html = render_submission(result(passing('max_pool_forward_naive/pool2x2')), 'ko')
    assert '모든 케이스 통과' in html


def test_check_points_at_the_marked_line():
    source = {'name': 'conv_forward_naive', 'cell': 1, 'first_line': 3, 'mark': 5,
              'lines': ['def conv_forward_naive(x, w, b, conv_param):', '    out = np.zeros(1)', '    out[0] = x.sum()']}
    first = no_bias('public', True)
    first = CheckResult(first.id, first.status, first.score, first.max_score, first.message, first.hint,
                        public=True, details=dict(first.details) | {'source': source})
    text = verdict_text(result(first), ['conv_forward_naive'], 'en')
    assert '    the likely mistake is at line 5 of In [2]: out[0] = x.sum()' in text.splitlines()
