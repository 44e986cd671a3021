"""`grade review` in a real browser: Debian's headless Chromium driven by Playwright, against the
real server over a folder graded by the real `grade` command.

A TA logs in with the printed token, overrides a check with a comment and scores a manual item
with the keyboard; the folder is regraded from the command line; the decisions are still there
and in grades.csv, results.json and the student's page. Requests without the token are refused;
two browser contexts editing the same check do not overwrite each other.
"""

import csv
import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright import sync_api as playwright

from helpers import FIXTURES, REPO, SEED, run_grade
from test_browser import CHROMIUM, CHROMIUM_ARGS

SUBMISSIONS = {"alice/conv_numpy.ipynb": FIXTURES / "conv_numpy" / "conv_forward_no_bias.ipynb",
               "bob/alexnet_model.ipynb": REPO / "assignments/alexnet_model/examples/correct/alexnet_model.ipynb",
               "mallory/conv_numpy.ipynb": FIXTURES / "conv_numpy" / "crash_with_script_payload.ipynb"}


def grade(subs: Path, out: Path, *extra: str) -> dict:
    done = run_grade(str(subs), "--out", str(out), "--seed", str(SEED), "--workers", "2",
                     "--allow-weak-isolation", "--lang", "en", *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    return {s["student"]: s for s in json.loads((out / "results.json").read_text())["submissions"]}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Three submissions graded into an output folder: (submissions, out)."""
    subs, out = tmp_path_factory.mktemp("subs"), tmp_path_factory.mktemp("review_out")
    for name, source in SUBMISSIONS.items():
        (subs / name).parent.mkdir(parents=True)
        shutil.copy(source, subs / name)
    grade(subs, out)
    return subs, out


@pytest.fixture(scope="module")
def server(folder):
    """`grade review OUT` running; yields the URL it printed (token included)."""
    process = subprocess.Popen([sys.executable, "-m", "grader", "review", str(folder[1]), "--lang", "en"],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [process.stdout.readline() for _ in range(2)]
    found = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", "".join(lines))
    assert found, "".join(lines) + process.stderr.read()
    yield found.group(0)
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install chromium")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def status_of(url: str, method: str = "GET", data: bytes | None = None, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())  # keeps the login cookie
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_requests_without_the_token_are_refused(server):
    base, token = server.split("/?token=")
    port = base.rsplit(":", 1)[1]
    assert status_of(base + "/") == 403
    assert status_of(base + "/s/0") == 403
    assert status_of(base + "/static/review.js") == 403
    assert status_of(base + "/?token=" + "x" * len(token)) == 403
    form = b"path=alice%2Fconv_numpy.ipynb&assignment=conv_numpy&kind=submission&item=&version=0&score=5"
    assert status_of(f"{base}/s/0/decide?token={token}", "POST", form) == 403  # the token in a query changes nothing
    assert status_of(server, headers={"Host": f"attacker.example:{port}"}) == 403  # DNS rebinding
    assert status_of(server) == 200


def open_review(context, url):
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    assert "token" not in page.url  # dropped from the address once the cookie is set
    return page, errors


def go_to(page, student):
    """From the class list to `student`'s submission with the keyboard only."""
    page.goto(page.url.split("/s/")[0].split("?")[0])
    for _ in SUBMISSIONS:
        before = page.url
        page.keyboard.press("j")
        page.wait_for_url(lambda url: url != before)
        if page.locator("h1 .who").inner_text() == student:
            return
    pytest.fail(f"{student} was not reached with the `j` key")


def test_override_and_manual_score_survive_a_regrade(server, folder, browser, tmp_path):
    subs, out = folder
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page, errors = open_review(context, server)
    assert page.locator("table.class tbody tr").count() == 3
    assert page.locator("tr.needs").count() == 1  # bob's manual item is not scored yet
    page.fill("nav.top input[name=ta]", "Alice TA")
    page.click("nav.top button")
    go_to(page, "alice")
    check = page.locator(".check.fail").first
    check_id = check.locator("code").first.inner_text()
    page.keyboard.press("s")  # the first failing check's points field
    page.keyboard.type("0.25")
    check.locator("textarea").fill("<b>bias</b> idea is right, partial credit")
    check.locator("textarea").press("Control+Enter")
    assert "saved" in page.locator("#flash").inner_text()
    go_to(page, "bob")
    manual = page.locator(".manual")
    assert "needs review" in manual.inner_text()
    # the example's AlexNet cell: 3 comments on the layers and 2 banner lines, no docstring
    assert "model hold 5 comment line(s) and 0 docstring line(s)" in manual.inner_text()
    manual.locator("input.points").fill("1")
    manual.locator("textarea").fill("clear comments on every layer")
    manual.locator("button.save").click()

    regraded = grade(subs, out, "--regrade")
    page.reload()
    assert page.locator(".manual input.points").input_value() == "1"
    assert "Alice TA" in page.locator(".manual .decided").inner_text()
    go_to(page, "alice")
    overridden = page.locator(".check.overridden")
    assert overridden.locator("code").first.inner_text() == check_id
    assert overridden.locator("input.points").input_value() == "0.25"
    assert overridden.locator("textarea").input_value() == "<b>bias</b> idea is right, partial credit"
    assert "re-check" not in overridden.inner_text()  # same notebook, same verdict
    assert errors == []

    alice, bob = regraded["alice"], regraded["bob"]
    decided = next(c for c in alice["checks"] if c["id"] == check_id)
    assert decided["status"] == "fail" and decided["score"] == 0.25
    assert decided["override"]["by"] == "Alice TA" and decided["override"]["auto_score"] == 0.0
    assert alice["score"] == pytest.approx(alice["auto_score"] + 0.25)
    # 8 model points, 1 for the summary, 1 for the manual item
    assert bob["manual"][0]["review"]["score"] == 1.0 and bob["score"] == bob["max_score"] == 10.0
    assert bob["manual"][0]["note"] == {"model_cells": 1, "comment_lines": 5, "docstring_lines": 0}
    grades = {row["student"]: row for row in csv.DictReader((out / "grades.csv").open())}
    assert float(grades["alice"]["conv_numpy"]) == pytest.approx(alice["score"])
    assert float(grades["bob"]["alexnet_model"]) == 10.0

    student_page = context.new_page()
    student_page.goto((out / alice["report"]).resolve().as_uri())
    assert "<b>bias</b> idea is right" in student_page.locator(".ta").first.inner_text()  # text, not markup
    assert student_page.locator(".ta b").count() == 0

    # alice hands in a corrected notebook: the override stays, flagged for a second look
    shutil.copy(FIXTURES / "conv_numpy" / "vectorised_correct.ipynb", subs / "alice/conv_numpy.ipynb")
    decided = next(c for c in grade(subs, out)["alice"]["checks"] if c["id"] == check_id)
    assert decided["status"] == "pass" and decided["score"] == 0.25 and decided["override"]["recheck"]
    page.reload()
    assert "auto verdict changed, re-check" in page.locator(".check.overridden").inner_text()
    context.close()


def test_two_tas_do_not_overwrite_each_other(server, browser):
    first, second = browser.new_context(), browser.new_context()
    pages = []
    for context, name in ((first, "Ana"), (second, "Ben")):
        page, _ = open_review(context, server)
        page.fill("nav.top input[name=ta]", name)
        page.click("nav.top button")
        go_to(page, "mallory")
        pages.append(page)
    ana, ben = pages
    ana_check, ben_check = (p.locator(".check").nth(1) for p in pages)
    ana_check.locator("input.points").fill("0.1")
    ana_check.locator("button.save").click()
    assert "saved" in ana.locator("#flash").inner_text()
    ben_check.locator("input.points").fill("0.3")  # Ben's page still shows the older version
    ben_check.locator("button.save").click()
    assert "not saved: Ana saved this item" in ben.locator("#flash").inner_text()
    ben_check = ben.locator(".check").nth(1)
    assert ben_check.locator("input.points").input_value() == "0.1"  # the newer value, reloaded
    ben_check.locator("input.points").fill("0.3")  # now Ben decides knowing Ana's value
    ben_check.locator("button.save").click()
    assert "saved" in ben.locator("#flash").inner_text()
    ana.reload()
    assert ana.locator(".check").nth(1).locator("input.points").input_value() == "0.3"
    assert "Ben" in ana.locator(".check").nth(1).locator(".decided").inner_text()
    first.close()
    second.close()
