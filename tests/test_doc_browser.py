"""The framework explorer in a real browser: Debian's headless Chromium, driven by
Playwright (never `playwright install`: the browser is /usr/bin/chromium). Each site's
pages open from file:// with no console errors, show their headings, questions and band
labels, link to each other, find a question by a word of its wording, and are not blank.

Needs chromium (bash tests/services/install.sh); skips without it, fails under CI=true.
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.regress.versions import load_versions
from critc.compiler.report.site import framework_pages, versions_pages, write_site
from services import require

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FRAMEWORKS = sorted(p.relative_to(REPO).as_posix() for p in REPO.glob("rules/*/*.crit")
                    if "shared" not in p.parts) + ["examples/demo/framework.crit"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the test extra's playwright is missing: require() says so below
    sync_playwright = None


@pytest.fixture(scope="module")
def browser():
    require(Path(CHROMIUM).exists(), "Chromium (Debian's chromium package)")
    require(sync_playwright is not None, "Playwright for Python",
            "pip install -e '.[test]'")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.console_errors = errors
    yield tab
    context.close()


def _site(path: str, folder: Path) -> Path:
    result = check_file(REPO / path)
    assert result.ok
    write_site(framework_pages(result), folder)
    return folder


COLOURS = """async (url) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  const seen = new Set();
  for (let i = 0; i < data.length && seen.size < 50; i += 4) {
    seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  }
  return seen.size;
}"""


def _colours(page, png: bytes) -> int:
    """How many colours a screenshot holds (up to 50), counted by the browser's canvas."""
    return page.evaluate(COLOURS, "data:image/png;base64," + base64.b64encode(png).decode())


@pytest.mark.parametrize("path", FRAMEWORKS)
def test_every_page_opens_without_console_errors(path: str, page, tmp_path: Path):
    site = _site(path, tmp_path / "site")
    fw = check_file(REPO / path).framework
    for html in sorted(site.glob("*.html")):
        page.goto(html.as_uri())
        assert page.locator("h1").count() >= 1, html.name
    assert page.console_errors == []
    page.goto((site / "index.html").as_uri())
    if fw.header.name:
        assert page.locator("h1").first.inner_text() == fw.header.name
    bands = (site / "bands.html").as_uri()
    page.goto(bands)
    text = page.locator("main").inner_text()
    for band in fw.bands.values():
        labels = fw.rating_scales[band.gives].labels if band.gives else {}
        for row in band.rows:
            assert labels.get(row.output, row.output) in text


def test_demo_questions_links_search_and_screenshot(page, tmp_path: Path):
    site = _site("examples/demo/framework.crit", tmp_path / "site")
    page.goto((site / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "Demonstration offender management inspection"
    page.click("text=Assessment of risk of harm")  # contents → the criterion on its page
    assert page.url.endswith("figure-1.html#1.2")
    question = page.locator('[id="1.2b"]')
    assert "Was a full analysis completed where required?" in question.inner_text()
    assert "medium, high or very high" in question.inner_text()
    page.click('[id="1.2"] >> text=band conclusion: Criterion conclusion')
    assert page.url.endswith("bands.html#band-conclusion")
    assert "This criterion represents a priority for improvement." in \
        page.locator("#band-conclusion table").inner_text()
    page.click("nav >> text=Dependency graph")
    assert page.locator("svg").count() == 1
    page.click("svg >> text=criterion 1.2")  # a node of the drawing links to its figure
    assert page.url.endswith("figure-1.html#1.2")
    page.fill("#q", "screening")
    page.press("#q", "Enter")
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert "question 1.2a: Was the risk of harm screening completed on time?" in \
        results.all_inner_texts()
    results.first.locator("a").click()
    assert page.url.endswith("figure-1.html#1.2a")
    page.goto((site / "index.html").as_uri())
    assert _colours(page, page.screenshot()) > 10  # not blank: text, links, a header bar
    assert _colours(page, page.screenshot(clip={"x": 0, "y": 0, "width": 5, "height": 5})) \
        == 1  # and the count can say "one colour"
    assert page.console_errors == []


def test_versions_site_links_and_changes(page, tmp_path: Path, in_repo: Path):
    versions, _ = load_versions("examples/versions")
    write_site(versions_pages(versions), tmp_path / "site")
    page.goto((tmp_path / "site" / "index.html").as_uri())
    page.click("text=since v1.crit")
    assert page.locator("h1").inner_text() == "Changes since v1.crit"
    assert "0.7" in page.locator("main").inner_text()
    page.click("text=All versions")
    assert page.url.endswith("/site/index.html")
    page.click("text=Small offender management inspection, version 3")
    page.goto(page.url.replace("index.html", "search.html?q=likelihood"))
    page.locator("#search-results li").first.wait_for()
    assert page.locator("#search-results li").count() >= 2
    assert page.console_errors == []
