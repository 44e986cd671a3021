"""Unit tests of grader/report.py: pages escape every student string, run no script, load
nothing from the network; results.json keeps DESIGN.md's contract; page paths stay inside
the output folder and never collide."""
import json
import re
from html.parser import HTMLParser

import pytest

from grader.discover import Skipped
from grader.report import assign_pages, render_index, render_submission, write_reports
from grader.results import CellSummary, CheckResult, SubmissionResult

SCRIPT = '<script>alert(1)</script>'
IMG = '<img src=x onerror=alert(1)>'
PAYLOAD = f'{SCRIPT}{IMG}"\' &amp; </td></table>'


class Page(HTMLParser):
    """Every start tag with its attributes, and all text with character references resolved."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    @property
    def all_text(self):
        return ''.join(self.text)

    def attribute_values(self):
        return [v or '' for _, attrs in self.tags for v in attrs.values()]


def hostile_result(student=f'eve{PAYLOAD}', assignment='conv_numpy'):
    check = CheckResult(
        id='conv_forward_naive/pad0', status='fail', score=0.0, max_score=0.5,
        message=f'`out` differs {PAYLOAD}', hint=f'hint {PAYLOAD}',
        traceback=f'Traceback (most recent call last):\n  {PAYLOAD}\nValueError: {PAYLOAD}')
    passed = CheckResult(id='conv_forward_naive/public', status='pass', score=0.5, max_score=0.5,
                         message='matches the reference', public=True)
    return SubmissionResult(
        student=student, assignment=assignment, path=f'subs/{PAYLOAD}/conv_numpy.ipynb',
        status='graded', score=0.5, max_score=10.0, checks=(check, passed),
        message=f'note {PAYLOAD}', sha256='ab' * 32,
        cells=(CellSummary(index=2, status='error', ename=f'Err{PAYLOAD}', evalue=f'bad {PAYLOAD}'),))


def plain_result(student, assignment='conv_numpy', score=10.0, status='graded'):
    check = CheckResult(id='conv_forward_naive/pad0', status='pass', score=score,
                        max_score=10.0, message='matches the reference')
    return SubmissionResult(student=student, assignment=assignment, path=f'subs/{student}.ipynb',
                            status=status, score=score, max_score=10.0, checks=(check,))


def assert_safe_html(html):
    """No script, no event handler, no foreign resource; CSP forbids scripts."""
    page = Page(html)
    tags = [tag for tag, _ in page.tags]
    assert re.search(r'<\s*script', html, re.IGNORECASE) is None
    assert 'script' not in tags and 'iframe' not in tags
    for tag, attrs in page.tags:  # the only images are the grader's inline PNG error maps
        assert tag != 'img' or attrs.get('src', '').startswith('data:image/png;base64,'), attrs
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.lower().startswith('on')], (tag, attrs)
    assert re.search(r'<[^>]*\bonerror\s*=', html, re.IGNORECASE) is None
    for value in page.attribute_values():
        assert not re.search(r'(https?:|^//|javascript:|^data:(?!image/png;base64,))', value.strip(),
                             re.IGNORECASE), value
    csp = [attrs.get('content', '') for tag, attrs in page.tags
           if tag == 'meta' and (attrs.get('http-equiv') or '').lower() == 'content-security-policy']
    assert len(csp) == 1
    directives = {d.split()[0]: d.split()[1:] for d in csp[0].split(';') if d.strip()}
    assert directives['default-src'] == ["'none'"]
    assert 'script-src' not in directives or directives['script-src'] == ["'none'"]
    return page


# ---- escaping and isolation ----

def test_submission_page_escapes_every_student_string():
    result = hostile_result()
    html = render_submission(result)
    page = assert_safe_html(html)
    text = page.all_text
    for shown in (result.student, result.path, result.message, result.checks[0].message,
                  result.checks[0].hint, result.checks[0].traceback, result.cells[0].evalue):
        assert shown in text, shown
    assert '&lt;script&gt;' in html


def test_index_escapes_every_student_string():
    results = [hostile_result(), plain_result('bob')]
    skipped = [Skipped(f'subs/{PAYLOAD}.txt', 'not a notebook')]
    html = render_index(assign_pages(results), skipped)
    page = assert_safe_html(html)
    assert results[0].student in page.all_text
    assert results[0].message in page.all_text
    assert f'subs/{PAYLOAD}.txt' in page.all_text


def test_pages_have_no_network_references_at_all():
    for html in (render_submission(plain_result('alice')),
                 render_index(assign_pages([plain_result('alice')]), [])):
        assert assert_safe_html(html)
        assert re.search(r'https?://', html) is None
        assert '@import' not in html and 'url(' not in html


def test_a_student_url_is_only_text():
    result = plain_result('https://evil.example/x.js')
    html = render_submission(result)
    page = assert_safe_html(html)
    assert 'https://evil.example/x.js' in page.all_text


def test_submission_page_shows_score_and_checks_but_no_seed():
    page = Page(render_submission(hostile_result()))
    assert 'conv_forward_naive/pad0' in page.all_text
    assert '0.50' in page.all_text
    assert 'seed' not in page.all_text.lower()


# ---- results.json and index.html ----

def test_write_reports_results_json_contract(tmp_path):
    results = [hostile_result(), plain_result('bob', score=0.0)]
    skipped = [Skipped('subs/readme.md', 'not a notebook')]
    entries = write_reports(tmp_path, results, skipped)
    document = json.loads((tmp_path / 'results.json').read_text(encoding='utf-8'))
    assert len(document['submissions']) == 2
    for written, result in zip(document['submissions'], results):
        for key in ('student', 'assignment', 'path', 'status', 'score', 'max_score'):
            assert written[key] == getattr(result, key), key
        assert written['status'] in ('graded', 'error')
        assert len(written['checks']) == len(result.checks)
        for check, expected in zip(written['checks'], result.checks):
            for key in ('id', 'status', 'score', 'max_score', 'message', 'hint'):
                assert check[key] == getattr(expected, key), key
            assert check['status'] in ('pass', 'fail', 'error', 'timeout')
    assert [e.href for e in entries] == [s['report'] for s in document['submissions']]
    assert document['skipped'] == [{'path': 'subs/readme.md', 'reason': 'not a notebook'}]
    assert document['submissions'][1]['checks'][0]['hint'] is None
    assert set(document) == {'grader_version', 'submissions', 'skipped'}  # no seed, no secret


def test_write_reports_error_submission(tmp_path):
    error = SubmissionResult(student='carol', assignment=None, path='subs/carol.ipynb',
                             status='error', score=0.0, max_score=0.0,
                             message='unknown assignment: subs/carol.ipynb has no grader metadata')
    (entry,) = write_reports(tmp_path, [error], [])
    (written,) = json.loads((tmp_path / 'results.json').read_text())['submissions']
    assert written['status'] == 'error' and written['checks'] == [] and written['assignment'] is None
    page = Page((tmp_path / entry.href).read_text())
    assert 'unknown assignment: subs/carol.ipynb' in page.all_text


def test_write_reports_writes_index_linking_every_page(tmp_path):
    results = [plain_result('alice'), plain_result('bob')]
    entries = write_reports(tmp_path, results, [])
    index = Page((tmp_path / 'index.html').read_text())
    links = [attrs['href'] for tag, attrs in index.tags if tag == 'a']
    assert {link for link in links if link.endswith('.html')} == {e.href for e in entries}
    assert all((tmp_path / link).is_file() for link in links)  # grades.csv and results.json too
    for entry in entries:
        assert (tmp_path / entry.href).is_file()
        assert entry.result.student in Page((tmp_path / entry.href).read_text()).all_text
    assert not list(tmp_path.rglob('*.partial'))


def test_two_submissions_of_the_same_student_and_assignment_get_distinct_pages(tmp_path):
    first = plain_result('alice', score=2.0)
    second = plain_result('alice', score=8.0)
    third = plain_result('alice', score=5.0)
    entries = write_reports(tmp_path, [first, second, third], [])
    hrefs = [e.href for e in entries]
    assert len(set(hrefs)) == 3
    for entry in entries:
        shown = Page((tmp_path / entry.href).read_text()).all_text
        assert f'{entry.result.score:.2f}' in shown


def test_names_that_clean_to_the_same_path_get_distinct_pages():
    results = [plain_result('a/b'), plain_result('a b'), plain_result('a_b'),
               plain_result('x', assignment='conv_numpy'), plain_result('x', assignment='conv_numpy-2'),
               plain_result('x', assignment='conv_numpy')]
    hrefs = [e.href for e in assign_pages(results)]
    assert len(set(hrefs)) == len(hrefs)


@pytest.mark.parametrize('student', ['../../escape', '..', '.', '/etc/passwd', 'a/../../b',
                                     '..\\..\\win', '', '\x00nul', '~root', 'a' * 500, '\u6f22\u5b57'])
def test_student_names_cannot_escape_the_output_folder(tmp_path, student):
    out = tmp_path / 'out'
    entries = write_reports(out, [plain_result(student), plain_result(student, assignment='../x')], [])
    for entry in entries:
        assert not entry.href.startswith(('/', '.'))
        assert '..' not in entry.href.split('/')
        page = (out / entry.href).resolve()
        assert page.is_file()
        assert page.is_relative_to(out.resolve())
        assert len(entry.href.split('/')) == 2
    written = {p for p in tmp_path.rglob('*') if p.is_file()}
    assert all(p.resolve().is_relative_to(out.resolve()) for p in written)


# ---- diagnoses, error maps, languages ----

PNG = 'data:image/png;base64,iVBORw0KGgo='


def diagnosed_result(student='dan', mistake='conv_forward.no_bias', maps=(('out', PNG),)):
    check = CheckResult(id='conv_forward_naive/pad1', status='fail', score=0.0, max_score=0.5,
                        message='`out` differs', hint='`out` matches the reference without the bias.',
                        details={'diagnosis': mistake, 'diagnoses': {'out': mistake},
                                 'error_maps': [{'output': o, 'src': src} for o, src in maps]})
    return SubmissionResult(student=student, assignment='conv_numpy', path=f'subs/{student}.ipynb',
                            status='graded', score=0.0, max_score=10.0, checks=(check,))


def test_a_diagnosed_check_shows_its_mistake_and_error_map():
    page = assert_safe_html(render_submission(diagnosed_result()))
    assert 'Likely mistake: Bias left out' in page.all_text
    assert [a['src'] for t, a in page.tags if t == 'img'] == [PNG]


def test_only_inline_png_error_maps_become_images():
    hostile = diagnosed_result(maps=(('out', 'javascript:alert(1)'), ('dx', 'data:text/html,<script>')))
    page = assert_safe_html(render_submission(hostile))
    assert not [t for t, _ in page.tags if t == 'img']


def test_no_known_mistake_is_said_as_such():
    page = Page(render_submission(diagnosed_result(mistake='none.border', maps=())))
    assert 'No known mistake: Errors only at the border (padding)' in page.all_text


@pytest.mark.parametrize('lang, words', [('en', ('Checks', 'Likely mistake')),
                                         ('ko', ('검사 항목', '예상되는 실수'))])
def test_pages_speak_the_chosen_language(lang, words):
    html = render_submission(diagnosed_result(), lang)
    assert f'<html lang="{lang}">' in html
    assert all(w in Page(html).all_text for w in words)
    index = render_index(assign_pages([diagnosed_result()]), [], lang)
    assert f'<html lang="{lang}">' in index


def test_index_lists_common_mistakes_with_links_to_students():
    results = [diagnosed_result('ann'), diagnosed_result('ben'), plain_result('cat'),
               diagnosed_result('dee', mistake='none')]
    entries = assign_pages(results)
    page = assert_safe_html(render_index(entries, []))
    assert 'Most common mistakes' in page.all_text and 'Bias left out' in page.all_text
    html = render_index(entries, [])
    section = html[html.index('<section class="mistakes">'):]
    section = section[:section.index('</section>')]
    assert 'href="ann/conv_numpy.html"' in section and 'href="ben/conv_numpy.html"' in section
    assert 'href="cat/conv_numpy.html"' not in section  # cat has no failed check


@pytest.mark.parametrize('student', ['gradebook.sqlite', 'index.html', 'GRADES.CSV', 'results.json', 'secret.key',
                                     'similarity.html', 'gradescope', 'submissions.csv', 'gradebook.sqlite-wal'])
def test_a_student_named_like_a_file_of_the_output_folder_gets_a_folder_of_their_own(tmp_path, student):
    # a student folder `gradebook.sqlite/` (or `index.html/`) crashed the batch after grading
    # everyone (FileExistsError), or turned the dashboard's path into a folder: no report at all
    out = tmp_path / 'out'
    out.mkdir()
    (out / 'gradebook.sqlite').write_bytes(b'kept')
    (out / 'secret.key').write_bytes(b'kept')
    entries = write_reports(out, [plain_result(student), plain_result('kim')], [], gradescope=True)
    assert (out / 'index.html').is_file() and (out / 'grades.csv').is_file() and (out / 'results.json').is_file()
    assert (out / 'gradebook.sqlite').read_bytes() == b'kept' and (out / 'secret.key').read_bytes() == b'kept'
    folder = entries[0].href.split('/')[0]
    assert folder.lower() != student.lower() and folder.startswith(student.split('.')[0])
    assert (out / entries[0].href).is_file()


@pytest.mark.parametrize('student', ['\U00020000' * 70, '가' * 200, 'é' * 200])
def test_a_long_name_of_wide_characters_stays_within_a_file_name_s_255_bytes(tmp_path, student):
    # 80 characters of a 4-byte ideograph (from a zip member's name, which may be any length) made
    # a 320-byte folder name: ENAMETOOLONG, and no report was written for anyone
    entries = write_reports(tmp_path / 'out', [plain_result(student, assignment=student)], [])
    folder, page = entries[0].href.split('/')
    assert len(folder.encode()) <= 255 and len(page.encode()) <= 255 and folder[:10] == student[:10]
    assert (tmp_path / 'out' / entries[0].href).is_file()


def test_two_runs_writing_the_same_output_folder_at_once_both_finish(tmp_path):
    # two TAs grading into one --out: both wrote `index.html.partial`, and the second to rename it
    # found it gone (FileNotFoundError) and lost its whole run's reports
    import subprocess
    import sys
    code = ("import sys; from pathlib import Path; from grader.report import _write; from grader.classbook import write\n"
            "from grader.classbook import Classbook\n"
            "for i in range(300):\n"
            "    _write(Path(sys.argv[1]) / 'index.html', 'x' * 20000)\n"
            "    write(Path(sys.argv[1]), Classbook((), (), None, ()))\n")
    runs = [subprocess.Popen([sys.executable, '-c', code, str(tmp_path)], stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert (tmp_path / 'index.html').read_text() == 'x' * 20000 and not list(tmp_path.glob('*.partial'))

@pytest.mark.parametrize('lang, status, sentence', [
    ('en', 'output limit', "printed more than the cell's output limit"),
    ('ko', '출력 한도 초과', '셀의 출력 한도보다 많이 출력했습니다'),
])
def test_the_graders_words_on_a_cell_are_in_the_pages_language(lang, status, sentence):
    from grader.messages import say
    result = plain_result('ann')
    cells = (CellSummary(index=0, status='output_limit', ename='OutputLimit', evalue=say('cell.output_limit.cell')),
             CellSummary(index=1, status='died', ename='MemoryLimit', evalue=say('cell.memory_limit', limit=1024)),
             CellSummary(index=2, status='error', ename='ValueError', evalue='the student\'s own words'))
    text = Page(render_submission(SubmissionResult(**{**result.__dict__, 'cells': cells}), lang=lang)).all_text
    assert status in text and sentence in text
    assert ('1024 MiB' in text) and ("the student's own words" in text)
    assert lang == 'en' or 'used more than' not in text
