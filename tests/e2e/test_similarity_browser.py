"""similarity.html in Debian's headless Chromium (Playwright, as tests/e2e/test_browser.py): it
renders without console errors or scripts, shows clusters, the caution and the side-by-side view
with marked matches, and its pair list sorts with no script (radio buttons and CSS `order`)."""

from __future__ import annotations

import json
import sys

import pytest

from helpers import REPO, run_grade
from test_browser import browser, no_student_script_ran, open_page  # noqa: F401  (browser is a fixture)

sys.path.insert(0, str(REPO / "benchmarks"))
import similarity_corpus as corpus  # noqa: E402

PAYLOAD = "<script>document.title='pwned'</script>"


@pytest.fixture(scope="module")
def similarity_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("similar")
    corpus.conv_class(root / "class", 6)
    for student in ("copy_exact", "s000"):
        path = root / "class" / student / "conv_numpy.ipynb"
        nb = json.loads(path.read_text())
        nb["cells"].append({"cell_type": "markdown", "metadata": {},
                            "source": f"I padded first and then looped over every window {PAYLOAD}"})
        path.write_text(json.dumps(nb))
    for lang in ("en", "ko"):
        done = run_grade("similar", str(root / "class"), "--out", str(root / lang), "--lang", lang)
        assert done.returncode == 0, done.stdout + done.stderr
    return root


def row_order(page) -> list[str]:
    """The pair rows' student pairs as laid out on screen, top to bottom."""
    rows = page.locator("ol.pairs > li.pair")
    found = []
    for i in range(rows.count()):
        row = rows.nth(i)
        names = row.locator("span")
        found.append((row.bounding_box()["y"], f"{names.nth(0).inner_text()}|{names.nth(1).inner_text()}",
                      int(names.nth(4).inner_text())))
    return [(name, run) for _, name, run in sorted(found)]


def test_similarity_page_renders_sorts_and_marks(browser, similarity_run, tmp_path):  # noqa: F811
    page, errors = open_page(browser, similarity_run / "en" / "similarity.html", tmp_path / "similarity.png")
    assert errors == []
    no_student_script_ran(page)
    text = page.inner_text("body")
    assert "evidence to look at, not a verdict" in text
    assert PAYLOAD in text  # the student's markdown shown as text
    assert page.locator("ol.clusters > li").count() == 2
    view = page.locator("details.view").first
    assert view.get_attribute("open") is not None
    assert view.locator("mark.match").count() > 10 and view.locator("mark.template").count() > 0
    by_similarity = row_order(page)
    page.click("label[for$='-run']")
    by_run = row_order(page)
    assert sorted(by_run) == sorted(by_similarity) and by_run != by_similarity
    runs = [run for _, run in by_run]
    assert runs == sorted(runs, reverse=True)
    page.screenshot(path=str(tmp_path / "similarity_by_run.png"), full_page=True)
    page.click("a[href^='#v']")
    assert page.url.endswith("#v1-1")
    page.close()


def test_korean_similarity_page(browser, similarity_run, tmp_path):  # noqa: F811
    page, errors = open_page(browser, similarity_run / "ko" / "similarity.html", tmp_path / "similarity_ko.png")
    assert errors == []
    assert page.evaluate("document.documentElement.lang") == "ko"
    assert "판정이 아닙니다" in page.inner_text("body")
    page.close()
