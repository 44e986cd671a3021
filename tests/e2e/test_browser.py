"""Reports and the dashboard in a real browser: Debian's headless Chromium, driven by Playwright.

Each kind of page (a passing, a failing with error maps, a failing with a layer table, a
crashing submission whose errors carry HTML and script, the class dashboard, a Korean page)
is opened from file://; it must render without console errors, run no student-supplied
script, and show what it promises. Screenshots are saved in the test's temporary folder.
"""

import shutil
from pathlib import Path

import pytest
from playwright import sync_api as playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = {
    "passing": "conv_numpy/vectorised_correct.ipynb",
    "failing_error_maps": "conv_numpy/conv_forward_no_bias.ipynb",
    "failing_layer_table": "alexnet_model/conv2_no_padding.ipynb",
    "crashing": "conv_numpy/crash_with_script_payload.ipynb",
}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium with a fresh profile; no browser is ever downloaded."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it) "
                    "or apt-get install chromium")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 900})
        yield context
        context.close()


def open_page(browser, path: Path, screenshot: Path):
    """Load `path`, wait for it, save a full-page screenshot; return (page, console errors)."""
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.screenshot(path=str(screenshot), full_page=True)
    return page, errors


def no_student_script_ran(page):
    assert page.title() != "pwned"
    assert page.evaluate("document.body.getAttribute('data-pwned')") is None
    assert page.evaluate("document.querySelectorAll('script').length") == 0


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_report_renders_cleanly(browser, fixture_run, tmp_path, kind):
    out, results = fixture_run
    page, errors = open_page(browser, out / results[PAGES[kind]]["report"], tmp_path / f"{kind}.png")
    assert errors == []
    no_student_script_ran(page)
    assert page.locator("table.checks > tbody > tr").count() == len(results[PAGES[kind]]["checks"])
    images = page.locator(".maps img")
    broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
    assert broken == 0
    if kind == "failing_error_maps":
        assert images.count() == 7  # one map per failed forward case
        # one verdict per graded name first, the diagnosis said once; the cases folded below
        assert page.locator("table.verdicts tbody tr").count() == 4
        assert page.locator(".hint.known strong").first.inner_text() == "Likely mistake: Bias left out — all 7 cases"
        assert page.locator("table.verdicts .hint").count() == 1
        assert page.locator("details.name[open]").count() == 0 and not images.first.is_visible()
        page.locator("details#name-conv_forward_naive > summary").click()
        assert images.first.is_visible()
        # the function's source beside its verdict, the line lacking `+ b` marked
        assert page.locator("table.verdicts details.source[open] .line.mark").count() == 1
        assert "out[" in page.locator(".line.mark").inner_text()
    if kind == "failing_layer_table":
        assert page.locator("table.layers tr.differs").count() == 1
        assert "conv2 has padding 0 instead of 2" in page.locator(".hint").nth(1).inner_text()
    if kind == "crashing":
        text = page.inner_text("body")
        assert "<script>document.title='pwned'</script>" in text  # shown as text, never run
        assert page.locator("details summary").count() > 0
    if kind == "passing":
        assert images.count() == 0 and page.locator(".hint").count() == 0
    page.close()


def test_dashboard_lists_common_mistakes_with_links(browser, fixture_run, tmp_path):
    out, results = fixture_run
    page, errors = open_page(browser, out / "index.html", tmp_path / "dashboard.png")
    assert errors == []
    no_student_script_ran(page)
    rows = page.locator("table.mistakes tbody tr")
    assert rows.count() >= 15
    counts = [int(rows.nth(i).locator("td.num").first.inner_text()) for i in range(rows.count())]
    assert counts == sorted(counts, reverse=True)
    links = page.locator("table.mistakes a")
    for i in range(links.count()):
        assert (out / links.nth(i).get_attribute("href")).is_file()
    no_bias = page.locator("table.mistakes tr", has_text="conv_forward.no_bias")
    assert "conv_forward_no_bias" in no_bias.inner_text()
    page.close()


def test_korean_pages_render_cleanly(browser, korean_run, tmp_path):
    out, results = korean_run
    for name, path in (("korean_report", out / results["conv_numpy/conv_forward_no_bias.ipynb"]["report"]),
                       ("korean_model", out / results["alexnet_model/extra_batchnorm96.ipynb"]["report"]),
                       ("korean_dashboard", out / "index.html")):
        page, errors = open_page(browser, path, tmp_path / f"{name}.png")
        assert errors == []
        assert page.evaluate("document.documentElement.lang") == "ko"
        page.close()
