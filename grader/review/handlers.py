"""Review application, pages and actions: the class list, one submission, a student's page as it
will be written, and the POSTs that keep a TA's decision or name (then rewrite the reports)."""

from __future__ import annotations

import functools
import time
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import jinja2
import tornado.web

from grader.discover import Skipped
from grader.errors import StaleReview
from grader.messages import has, say
from grader.report import diagnosis_of, render_submission, write_reports
from grader.results import Override
from grader.review.apply import apply_all, current_reviewed, decisions_by_submission
from grader.review.auth import PAGE_CSP, Guarded, cookie_settings
from grader.review.views import STATUSES, BadDecision, Filters, comment, neighbours, points, row_of
from grader.store import Review, current, notebook_cells, save_review

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("grader.review", "templates"), autoescape=True,
                          undefined=jinja2.StrictUndefined)
COLUMNS = (("position", "review.col_number"), ("student", "review.col_student"),
           ("assignment", "review.col_assignment"), ("score", "review.col_score"), ("status", "review.col_status"))
NAME_COOKIE, FLASH_COOKIE = "grade-review-ta", "grade-review-flash"


class Page(Guarded):
    """What every page shares: the folder's submissions, the TA's name, the message to show."""

    def load(self):
        """(results with decisions applied, automatic results, the run's settings)."""
        auto, run = current(self.settings["book"])
        return apply_all(self.settings["book"], auto, self.settings["assignments"]), auto, run

    def ta(self) -> str:
        cookie = self.get_signed_cookie(NAME_COOKIE)
        return cookie.decode() if cookie else self.settings["ta"]

    def filters(self) -> Filters:
        return Filters.from_query({k: self.get_query_argument(k) for k in self.request.query_arguments})

    def show(self, template: str, **values) -> None:
        lang = self.settings["lang"]
        flash = self.get_signed_cookie(FLASH_COOKIE, max_age_days=1)
        self.clear_cookie(FLASH_COOKIE)
        kind, _, text = (flash.decode() if flash else "").partition(":")
        query = self.filters().query()
        self.finish(_ENV.get_template(template).render(
            lang=lang, t=functools.partial(say, lang=lang), ta=self.ta(), xsrf=self.xsrf_form_html(),
            flash=text, flash_kind=kind, here=self.request.uri, back_query="?" + urlencode(query) if query else "",
            **values))

    def flash(self, kind: str, text: str) -> None:
        self.set_signed_cookie(FLASH_COOKIE, f"{kind}:{text}", expires_days=None, **cookie_settings())

    def back(self, path: str) -> None:
        """Redirect to `path` with the filters a form carried back (re-encoded, never echoed)."""
        query = urlencode(parse_qsl(self.get_body_argument("back", "").lstrip("?"))[:10])
        self.redirect(path + ("?" + query if query else ""), status=303)


class ClassList(Page):
    def get(self) -> None:
        reviewed, _, _ = self.load()
        rows = [row_of(i, r) for i, r in enumerate(reviewed)]
        filters = self.filters()
        checks = sorted({c.id.split("/")[0] for r in reviewed for c in r.checks})
        self.show("class.html.j2", rows=filters.apply(rows), count=len(rows), filters=filters,
                  assignments=sorted({r.assignment for r in reviewed if r.assignment}), checks=checks,
                  statuses=STATUSES, columns=COLUMNS,
                  sort_query=lambda key: urlencode(filters.query(
                      sort=key, desc="1" if filters.sort == key and not filters.descending else "")))


class OneSubmission(Page):
    def get(self, position: str) -> None:
        reviewed, auto, _ = self.load()
        n = int(position)
        if n >= len(reviewed):
            raise tornado.web.HTTPError(404)
        r = reviewed[n]
        rows = self.filters().apply([row_of(i, x) for i, x in enumerate(reviewed)])
        before, after = neighbours(rows, n)
        kept = decisions_by_submission(self.settings["book"]).get((r.path, r.assignment or ""), {})
        place = next((i + 1 for i, row in enumerate(rows) if row.position == n), 0)
        present = {("check", c.id) for c in r.checks} | {("manual", m.name) for m in r.manual} | {("submission", "")}
        orphans = [k for key, k in sorted(kept.items()) if key not in present and k.override is not None]
        self.show("submission.html.j2", r=r, auto=auto[n], position=n, prev=before, next=after, versions=kept,
                  cells=notebook_cells(self.settings["book"], r.sha256), place=place, count=len(rows),
                  diagnosis_of=diagnosis_of, title=_title(self.settings["lang"]),
                  statuses_all=(*STATUSES, "staff"), orphans=orphans)


class StudentPage(Page):
    """The student's page as `grade` writes it, decisions applied; served with no script at all."""

    def get(self, position: str) -> None:
        reviewed, _, run = self.load()
        n = int(position)
        if n >= len(reviewed):
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Security-Policy", PAGE_CSP)
        self.finish(render_submission(reviewed[n], self.settings["lang"]))


class Decide(Page):
    """POST /s/<n>/decide: keep one decision if nobody saved a newer one, then rewrite the reports."""

    def post(self, position: str) -> None:
        arg = self.get_body_argument
        path, assignment, kind, item = arg("path"), arg("assignment"), arg("kind"), arg("item", "")
        reviewed, auto, run = self.load()
        found = [i for i, r in enumerate(auto) if (r.path, r.assignment or "") == (path, assignment)]
        if not found:
            self.flash("error", say("review.gone", self.settings["lang"]))
            return self.back("/")
        n = found[0]
        anchor = ""
        try:
            override, anchor = self._decision(auto[n], kind, item, arg)
            version = arg("version", "0")
            if not version.isdigit():
                raise BadDecision("review.gone")
            review = Review(path, assignment, kind, item, override, int(version))
            save_review(self.settings["book"], review)
            self.flash("ok", say("review.saved", self.settings["lang"], item=item or kind))
            publish(self.settings, run)
        except BadDecision as exc:
            self.flash("error", say(exc.key, self.settings["lang"], **exc.values))
        except StaleReview as exc:
            newest = exc.newest.override
            self.flash("error", say("review.stale", self.settings["lang"], by=newest.by if newest else "?",
                                    version=exc.newest.version))
        self.back(f"/s/{n}" + anchor)

    def _decision(self, auto, kind: str, item: str, arg) -> tuple[Override | None, str]:
        """The Override the form asks for (None: withdraw), checked against the item's bounds."""
        if kind == "check":
            index = next((i for i, c in enumerate(auto.checks) if c.id == item), None)
            if index is None:
                raise BadDecision("review.gone")
            check = auto.checks[index]
            high, status, score, anchor = check.max_score, check.status, check.score, f"#c{index}"
        elif kind == "manual":
            manual = self.settings["assignments"].get(auto.assignment or "")
            items = {m.name: (i, m) for i, m in enumerate(manual.manual if manual else ())}
            if item not in items:
                raise BadDecision("review.gone")
            high, status, score, anchor = items[item][1].points, None, None, f"#m{items[item][0]}"
        elif kind == "submission":
            high, status, score, anchor = auto.max_score, auto.status, auto.score, "#submission"
        else:
            raise BadDecision("review.gone")
        if arg("action", "save") == "withdraw":
            return None, anchor
        who = self.ta().strip()
        if not who:
            raise BadDecision("review.need_name")
        low = -high if kind == "submission" else 0.0
        override = Override(points(arg("score", ""), low, high), comment(arg("comment", "")), who,
                            time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), status, score)
        if override.score is None and not override.comment and kind != "manual":
            raise BadDecision("review.empty")
        return override, anchor


class Name(Page):
    """POST /name: who this browser's decisions are kept under."""

    def post(self) -> None:
        name = " ".join(self.get_body_argument("ta", "").split())[:80]
        if name:
            self.set_signed_cookie(NAME_COOKIE, name, expires_days=None, **cookie_settings())
        target = self.get_body_argument("back", "/")
        local = target.startswith("/") and target[1:2] not in ("/", "\\")
        self.redirect(target if local else "/", status=303)


class Static(Guarded):
    """The application's own script and style sheet (nothing else is served from disk)."""

    TYPES = {"review.js": "text/javascript", "review.css": "text/css"}

    def get(self, name: str) -> None:
        if name not in self.TYPES:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", self.TYPES[name] + "; charset=utf-8")
        self.finish(resources.files("grader.review").joinpath("static", name).read_bytes())


def publish(settings: dict, run: dict) -> None:
    """Rewrite results.json, grades.csv, the pages and the dashboard (and an existing Gradescope
    export) of the folder with every decision applied, as `grade` would."""
    reviewed, _ = current_reviewed(settings["book"], settings["assignments"])
    out: Path = settings["out"]
    skipped = [Skipped(path, reason) for path, reason in run.get("skipped", [])]
    write_reports(out, reviewed, skipped, run.get("lang", settings["lang"]),
                  gradescope=(out / "gradescope").is_dir())


def _title(lang: str):
    return lambda mistake: say(f"title.{mistake}", lang) if has(f"title.{mistake}") else mistake
