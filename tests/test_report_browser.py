"""The results report in a real browser: Debian's headless Chromium, driven by Playwright
(never `playwright install`: the browser is /usr/bin/chromium). Each report from rules/
and the demo opens from file:// with no console errors and no request leaving the file,
shows its headings, figures and band labels, its drill-down links land on their figure,
it is not blank, and one prints to PDF through Chromium.

Needs chromium (bash tests/services/install.sh); skips without it, fails under CI=true.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import run
from critc.compiler.check.passes import check_file
from services import require
from test_doc_browser import ARGS, CHROMIUM, REPO, _colours, sync_playwright

RULES = sorted(p.parent.name for p in REPO.glob("rules/*/cases.csv"))
DEMO = ["examples/demo/framework.crit", "examples/demo/cases.csv",
        "--inputs", "examples/demo/inputs.csv"]


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
    requests: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("request", lambda r: requests.append(r.url))
    tab.console_errors = errors
    tab.requests = requests
    yield tab
    context.close()


def _report(capsys, target: Path, *args) -> Path:
    code, _, err = run(capsys, "report", *args, "-o", target)
    assert code == 0, err
    return target


def _rules_args(name: str) -> list[str]:
    folder = REPO / "rules" / name
    args = [str(folder / f"{name}.crit"), str(folder / "cases.csv")]
    if (folder / "inputs.csv").exists():
        args += ["--inputs", str(folder / "inputs.csv")]
    return args


@pytest.mark.parametrize("name", RULES)
def test_every_rules_report_opens_cleanly(name: str, page, tmp_path: Path, capsys):
    report = _report(capsys, tmp_path / "report.html", *_rules_args(name))
    page.goto(report.as_uri())
    assert page.console_errors == []
    assert page.requests == [report.as_uri()]  # self-contained: nothing else is fetched
    fw = check_file(REPO / "rules" / name / f"{name}.crit").framework
    assert fw.header.name in page.locator("h1").inner_text()
    articles = page.locator("article.inspection")
    assert articles.count() >= 1
    text = page.locator("main").inner_text()
    assert "Headline figures and ratings" in text
    for node in fw.aggregates:
        if fw.aggregates[node].parent is None:
            assert f"{fw.aggregates[node].kind} {node}" in text
    assert page.locator("figure.chart svg").count() >= 1
    assert page.locator('figure.chart [role="img"][aria-label]').count() == \
        page.locator("figure.chart svg").count()  # every chart has its words


def test_demo_drill_downs_band_labels_and_screenshot(page, tmp_path: Path, capsys,
                                                    in_repo: Path):
    report = _report(capsys, tmp_path / "demo.html", *DEMO)
    page.goto(report.as_uri())
    assert page.locator("h2", has_text="area = Ashford").count() == 1
    ashford = page.locator("#i1")
    text = ashford.inner_text()
    assert "Performance against this criterion was good." in text
    assert "MODERATE improvement required" in text and "Well met" in text
    ashford.locator('tbody a[href="#i1-1.2b"]').click()  # a table row → its drill-down
    assert page.url.endswith("#i1-1.2b")
    drill = page.locator('[id="i1-1.2b"]')
    assert drill.is_visible() and "Counted above the line: 32 cases" in drill.inner_text()
    box = drill.bounding_box()
    assert box is not None and 0 <= box["y"] < 300  # scrolled to it
    page.locator('[id="i1-1.2"] a[href="#i1-1.2a"]').click()  # a criterion → its question
    assert page.url.endswith("#i1-1.2a")
    page.locator('[id="i1-1.2"]').scroll_into_view_if_needed()
    page.goto(report.as_uri() + "#i1-section-1")
    assert _colours(page, page.screenshot()) > 10  # not blank: bars, bands, text
    page.locator("nav.contents a", has_text="Inspections compared").click()
    assert page.url.endswith("#comparison")
    assert page.locator("#comparison figure.chart").count() >= 5
    assert page.console_errors == []


def test_report_prints_to_pdf(page, tmp_path: Path, capsys, in_repo: Path):
    report = _report(capsys, tmp_path / "demo.html", *DEMO)
    page.goto(report.as_uri())
    page.emulate_media(media="print")
    assert page.locator("nav.contents").evaluate(
        "e => getComputedStyle(e).breakAfter") == "page"
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 50_000
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 6  # one per inspection
    (tmp_path / "demo.pdf").write_bytes(pdf)


def test_across_inspections_section_and_its_drill_down_open(page, tmp_path: Path, capsys,
                                                            in_repo: Path):
    report = _report(capsys, tmp_path / "iaow.html", *_rules_args("iaow-2014"))
    page.goto(report.as_uri())
    page.locator("nav.contents a", has_text="Across all 6 inspections").click()
    assert page.url.endswith("#x1")
    section = page.locator("#x1")
    assert section.is_visible() and section.locator("h2").inner_text() == \
        "Across all 6 inspections"
    text = section.inner_text()
    assert "outcome 1-all" in text and "pooled over" in text and "6 of 6" in text
    assert section.locator("figure.chart svg").count() == 1
    drill = page.locator('[id="x1-2-trusts"]')
    section.locator('tbody a[href="#x1-2-trusts"]').click()  # the table → its drill-down
    assert page.url.endswith("#x1-2-trusts") and drill.is_visible()
    values = drill.locator("details.across-values")
    assert values.evaluate("e => e.open") is False
    assert not values.locator("table").is_visible()
    values.locator("summary").click()  # the drill-down opens: every Trust's value
    assert values.evaluate("e => e.open") is True
    table = values.locator("table")
    assert table.is_visible() and table.locator("tbody tr").count() == 6
    assert "trust = kent" in table.inner_text()
    table.locator("a", has_text="trust = kent").click()  # → that inspection's outcome 2
    assert page.url.endswith("#i2-2")
    landed = page.locator('[id="i2-2"]')
    assert landed.is_visible() and "Combined across inspections in" in landed.inner_text()
    landed.locator('a[href="#x1-2-all"]').click()  # and back to a figure across them
    assert page.url.endswith("#x1-2-all")
    assert page.console_errors == []
