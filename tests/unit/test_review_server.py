"""Unit tests of grader/review (server, auth, handlers, views) over a real tornado server in this
process and a gradebook made here: the token is needed for everything, a change needs the login
cookie and the `_xsrf` field, student text is escaped, bounds and filters hold."""
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tornado.testing import AsyncHTTPTestCase

from grader.discover import Skipped
from grader.results import CheckResult, Override, SubmissionResult
from grader.review.server import make_app
from grader.review.views import Filters, row_of
from grader.store import GRADEBOOK_FILE, Gradebook, Review, keep_current, reviews, save_review

TOKEN = 'test-token-0123456789'
PAYLOAD = '<script>document.title="pwned"</script>'
RESULTS = [
    SubmissionResult('alice', 'conv_numpy', 'alice/conv_numpy.ipynb', 'graded', 0.5, 1.0,
                     (CheckResult('conv_forward_naive/pad0', 'fail', 0.0, 0.5, PAYLOAD, hint='bias'),
                      CheckResult('conv_forward_naive/pad1', 'pass', 0.5, 0.5, 'ok')), sha256='aa'),
    SubmissionResult('bob', 'alexnet_model', 'bob/alexnet_model.ipynb', 'graded', 8.0, 8.0,
                     (CheckResult('param_count', 'pass', 8.0, 8.0, 'ok'),), sha256='bb'),
]
BOB_MODEL = 'class AlexNet(nn.Module):\n    """The paper net."""\n    # conv1 -> pool\n    x = 1  # why\n'
BOB_NOTE = 'the 1 code cell(s) defining the model hold 2 comment line(s) and 1 docstring line(s)'


class ReviewServer(AsyncHTTPTestCase):
    def get_app(self):
        import tempfile
        from pathlib import Path

        self.out = Path(tempfile.mkdtemp())
        self.book = Gradebook(self.out / GRADEBOOK_FILE)
        keep_current(self.book, RESULTS, 'en', [Skipped('notes.txt', 'not a notebook')],
                     {'aa': [PAYLOAD], 'bb': [BOB_MODEL]})
        return make_app(self.out, self.book, TOKEN, self.get_http_port(), ta='Ana', lang='en')

    def tearDown(self):
        super().tearDown()
        self.book.close()

    def login(self) -> dict:
        answer = self.fetch(f'/?token={TOKEN}', follow_redirects=False)
        assert answer.code == 302 and answer.headers['Location'] == '/'
        cookie = answer.headers['Set-Cookie']
        assert 'HttpOnly' in cookie and 'SameSite=Strict' in cookie
        jar = SimpleCookie(cookie)
        name = f'grade-review-{self.get_http_port()}'
        page = self.fetch('/s/0', headers={'Cookie': f'{name}={jar[name].value}'})
        for header in page.headers.get_list('Set-Cookie'):
            jar.load(header)
        assert f'_xsrf-{self.get_http_port()}' in jar
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.body.decode()).group(1)
        return {'cookie': '; '.join(f'{k}={v.value}' for k, v in jar.items()), 'xsrf': xsrf}

    def decide(self, session, path='/s/0/decide', with_xsrf=True, cookie=True, **fields):
        form = {'path': 'alice/conv_numpy.ipynb', 'assignment': 'conv_numpy', 'kind': 'check',
                'item': 'conv_forward_naive/pad0', 'version': '0', 'score': '0.25', 'comment': 'ok'} | fields
        if with_xsrf:
            form['_xsrf'] = session['xsrf']
        headers = {'Cookie': session['cookie']} if cookie else {}
        return self.fetch(path, method='POST', body=urlencode(form), headers=headers, follow_redirects=False)

    def test_every_page_without_the_token_is_refused(self):
        for path in ('/', '/s/0', '/s/0/page', '/static/review.js', f'/?token={"x" * len(TOKEN)}'):
            answer = self.fetch(path, follow_redirects=False)
            assert answer.code == 403, path
            assert b'alice' not in answer.body

    def test_a_foreign_host_is_refused_even_with_the_token(self):
        answer = self.fetch(f'/?token={TOKEN}', headers={'Host': 'rebound.example'}, follow_redirects=False)
        assert answer.code == 403

    def test_pages_escape_student_text_and_forbid_inline_script(self):
        session = self.login()
        for path in ('/', '/s/0', '/s/0/page'):
            answer = self.fetch(path, headers={'Cookie': session['cookie']})
            assert answer.code == 200, path
            assert PAYLOAD.encode() not in answer.body
            assert "script-src 'self'" in answer.headers['Content-Security-Policy'] or path.endswith('/page')
        assert b'&lt;script&gt;' in self.fetch('/s/0', headers={'Cookie': session['cookie']}).body
        assert 'sandbox' in self.fetch('/s/0/page', headers={'Cookie': session['cookie']}).headers['Content-Security-Policy']

    def test_a_change_needs_the_cookie_and_the_xsrf_field(self):
        session = self.login()
        assert self.decide(session, with_xsrf=False).code == 403
        assert self.decide(session, path=f'/s/0/decide?token={TOKEN}', cookie=False).code == 403
        assert reviews(self.book) == []
        answer = self.decide(session)
        assert answer.code == 303 and answer.headers['Location'] == '/s/0#c0'
        (kept,) = reviews(self.book)
        assert (kept.override.score, kept.override.by, kept.override.auto_status) == (0.25, 'Ana', 'fail')

    def test_a_decision_also_rewrites_the_reports(self):
        self.decide(self.login())
        assert (self.out / 'grades.csv').read_text().splitlines()[1].startswith('alice,,0.75')
        assert 'Ana' in (self.out / 'alice' / 'conv_numpy.html').read_text()

    def test_the_manual_item_shows_the_comment_note_in_review_and_on_the_students_page(self):
        session = self.login()
        assert BOB_NOTE in self.fetch('/s/1', headers={'Cookie': session['cookie']}).body.decode()
        self.decide(session)  # rewrites every report
        assert BOB_NOTE in (self.out / 'bob' / 'alexnet_model.html').read_text()

    def test_points_out_of_bounds_are_not_kept(self):
        session = self.login()
        for score in ('0.6', '-1', 'nan', 'lots'):
            assert self.decide(session, score=score).code == 303
        assert reviews(self.book) == []

    def test_a_stale_version_is_refused(self):
        session = self.login()
        self.decide(session)
        self.decide(session, score='0.5')  # still version 0
        assert reviews(self.book)[0].override.score == 0.25

    def test_a_decision_for_a_vanished_check_stays_listed(self):
        save_review(self.book, Review('alice/conv_numpy.ipynb', 'conv_numpy', 'check', 'renamed/case',
                                      Override(0.1, 'kept <i>anyway</i>', 'Ana', 'now', 'fail', 0.0), 0))
        session = self.login()
        body = self.fetch('/s/0', headers={'Cookie': session['cookie']}).body.decode()
        assert 'renamed/case' in body and 'kept &lt;i&gt;anyway&lt;/i&gt;' in body


def test_filters_by_assignment_check_status_and_needs_review():
    rows = [row_of(i, r) for i, r in enumerate(RESULTS)]
    assert [r.position for r in Filters(assignment='alexnet_model').apply(rows)] == [1]
    assert [r.position for r in Filters(check='conv_forward_naive', status='fail').apply(rows)] == [0]
    assert [r.position for r in Filters(status='pass').apply(rows)] == [0, 1]
    assert Filters(needs=True).apply(rows) == []
    assert [r.position for r in Filters(sort='score').apply(rows)] == [0, 1]
    assert [r.position for r in Filters(sort='student', descending=True).apply(rows)] == [1, 0]
    assert Filters.from_query({'sort': 'evil', 'needs': '1'}) == Filters(needs=True)
