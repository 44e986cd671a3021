"""Review application: `grade review OUT_DIR [--port N]` serves an output folder's gradebook to
the course staff on 127.0.0.1, behind a random token printed with the URL (as Jupyter does)."""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path

import tornado.httpserver
import tornado.netutil
import tornado.web

from grader import public, rubric
from grader.errors import UsageError
from grader.messages import LANGS, lang_from_environment, say
from grader.review import handlers
from grader.review.auth import cookie_settings
from grader.store import GRADEBOOK_FILE, Gradebook, current
from grader.usage import Parser, lang_of

HOST = "127.0.0.1"


def make_app(out: Path, book: Gradebook, token: str, port: int, ta: str = "", lang: str = "en") -> tornado.web.Application:
    """The application over `book` (the gradebook of `out`), reachable as 127.0.0.1:`port`."""
    return tornado.web.Application(
        [(r"/", handlers.ClassList), (r"/s/([0-9]{1,6})", handlers.OneSubmission),
         (r"/s/([0-9]{1,6})/page", handlers.StudentPage), (r"/s/([0-9]{1,6})/decide", handlers.Decide),
         (r"/name", handlers.Name), (r"/static/([a-z.]+)", handlers.Static)],
        out=out, book=book, token=token, ta=ta, lang=lang, assignments=rubric.load_all(),
        allowed_hosts={f"{HOST}:{port}", f"localhost:{port}"},
        cookie_secret=secrets.token_bytes(32), xsrf_cookies=True, xsrf_cookie_kwargs=cookie_settings(),
        auth_cookie=f"grade-review-{port}", xsrf_cookie_name=f"_xsrf-{port}")  # cookies ignore ports


def _parser(lang: str = "en") -> Parser:
    p = Parser("grade review", "help.review", lang)
    p.add_argument("out", metavar="OUT_DIR", help=p.help("help.review_out"))
    p.add_argument("--port", type=int, default=0, help=p.help("help.port"))
    p.add_argument("--ta", default="", help=p.help("help.ta"))
    p.add_argument("--lang", choices=LANGS, default=lang_from_environment(), help=p.help("help.review_lang"))
    return p


def review_command(argv: list[str]) -> int:
    """Serve until Ctrl-C; exit 2 when the folder holds no gradebook of a run."""
    args = _parser(lang_of(argv)).parse_args(argv)
    if public.mode() != "solutions":
        raise UsageError.of("error.review_needs_solutions")
    out = Path(args.out)
    if not (out / GRADEBOOK_FILE).is_file():
        raise UsageError(say("review.no_gradebook", args.lang, out=out))
    if not 0 <= args.port <= 65535:
        raise UsageError.of("error.port", port=args.port)
    with Gradebook(out / GRADEBOOK_FILE) as book:
        if not current(book)[0]:
            raise UsageError(say("review.no_run", args.lang, out=out))
        try:
            sockets = tornado.netutil.bind_sockets(args.port, HOST)
        except OSError as exc:
            raise UsageError.of("error.cannot_listen", host=HOST, port=args.port, why=exc.strerror) from None
        port = sockets[0].getsockname()[1]
        token = secrets.token_urlsafe(32)
        app = make_app(out, book, token, port, " ".join(args.ta.split())[:80], args.lang)
        try:
            asyncio.run(_serve(app, sockets, say("review.started", args.lang, url=f"http://{HOST}:{port}/?token={token}")))
        except KeyboardInterrupt:
            print(say("review.stopped", args.lang), flush=True)
    return 0


async def _serve(app: tornado.web.Application, sockets, banner: str) -> None:
    server = tornado.httpserver.HTTPServer(app, xheaders=False)
    server.add_sockets(sockets)
    print(banner, flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        server.stop()
