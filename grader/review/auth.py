"""Review application, access: every request needs the token `grade review` printed.

The token arrives once in the URL (`/?token=...`, as Jupyter does); the server answers with a
signed, HttpOnly, SameSite=Strict cookie and a redirect that drops the token from the address.
A state-changing request (POST) is accepted only with that cookie and tornado's `_xsrf` form
field matching its `_xsrf` cookie: a token in the query alone changes nothing, and another site
can neither send the cookies nor read the `_xsrf` value. Requests whose Host header is not this
server's own address are refused (DNS rebinding). Pages forbid framing, inline scripts and
requests to other origins by Content-Security-Policy.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlencode

import tornado.web

from grader.messages import say

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; connect-src 'self'")
PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
"""A student's page shown as students get it: no script at all, a sandboxed origin."""


def cookie_settings() -> dict:
    """Cookie attributes for the auth and `_xsrf` cookies."""
    return {"httponly": True, "samesite": "Strict"}


class Guarded(tornado.web.RequestHandler):
    """Base of every handler: host check, token or cookie, security headers, plain errors."""

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Frame-Options", "DENY")

    def prepare(self) -> None:
        if self.request.host not in self.settings["allowed_hosts"]:
            raise tornado.web.HTTPError(403, reason="wrong host")
        if self._has_cookie():
            return
        given = self.get_query_argument("token", "")
        if self.request.method in ("GET", "HEAD") and given and _same(given, self.settings["token"]):
            self.set_signed_cookie(self.settings["auth_cookie"], self.settings["token"], expires_days=None, **cookie_settings())
            rest = [(k, v) for k, values in self.request.query_arguments.items() if k != "token"
                    for v in values]
            self.redirect(self.request.path + ("?" + urlencode([(k, v.decode()) for k, v in rest]) if rest else ""))
            return
        raise tornado.web.HTTPError(403, reason="no token")

    def _has_cookie(self) -> bool:
        value = self.get_signed_cookie(self.settings["auth_cookie"])
        return value is not None and _same(value.decode(), self.settings["token"])

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        key = {403: "review.forbidden", 404: "review.not_found"}.get(status_code, "review.failed")
        self.finish(say(key, self.settings["lang"], status=status_code))


def _same(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode(), token.encode())
