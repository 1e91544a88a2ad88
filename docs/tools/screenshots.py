"""Screenshots for docs/reports.md, taken from sites and reports critc builds today, so
the pictures stay current.

    python docs/tools/screenshots.py     # rewrite docs/images/explorer*.png, report*.png,
                                         # change-report*.png

It builds the framework explorer of the bundled demo (`critc doc
examples/demo/framework.crit`), its results report (`critc report ...`) and the change
report of the example versions (`critc diff ... --format html`, the arguments of the golden
file tests/golden/change/v1-v2.html) in a temporary folder and photographs them with
Debian's headless Chromium (/usr/bin/chromium; `bash tests/services/install.sh` installs
it) driven by Playwright.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from critc.compiler.check.passes import check_file
from critc.compiler.cli.main import main as critc
from critc.compiler.report.site import framework_pages, write_site
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# (image, page of the demo's site, what to scroll to first or None)
SHOTS = [
    ("explorer.png", "figure-1.html", '[id="1.2"]'),
    ("explorer-bands.png", "bands.html", None),
    ("explorer-graph.png", "graph.html", None),
]
# (image, what to scroll to first in the demo's results report)
REPORT_SHOTS = [
    ("report.png", "#i1-headlines"),
    ("report-drill-down.png", '[id="i1-1.2"]'),
    ("report-compared.png", "#comparison"),
]
DEMO = ["examples/demo/framework.crit", "examples/demo/cases.csv",
        "--inputs", "examples/demo/inputs.csv"]
# the figures across inspections of rules/iaow-2014's report: (image, what to scroll to)
ACROSS = ["rules/iaow-2014/iaow-2014.crit", "rules/iaow-2014/cases.csv"]
ACROSS_SHOTS = [("report-across.png", "#x1")]
CHANGE = ["examples/versions/v1.crit", "examples/versions/v2.crit",
          "examples/versions/cases.csv"]
CHANGE_SHOTS = [("change-report.png", None), ("change-report-impact.png", "#impact")]


def build_demo(folder: Path) -> Path:
    result = check_file(ROOT / "examples" / "demo" / "framework.crit")
    if not result.ok:
        sys.exit("the demo framework does not check cleanly")
    write_site(framework_pages(result), folder)
    return folder


def build_report(target: Path, args: list[str] = DEMO) -> Path:
    os.chdir(ROOT)  # the report names its files as given: relative to the repository
    if critc(["report", *args, "-o", str(target)]) != 0:
        sys.exit(f"critc report failed on {args[0]}")
    return target


def build_change_report(target: Path) -> Path:
    os.chdir(ROOT)  # the report names its files as given: relative to the repository
    if critc(["diff", *CHANGE, "--format", "html", "-o", str(target)]) != 0:
        sys.exit("critc diff failed on the example versions")
    return target


EDITOR_SNIPPET = ("examples/demo/framework.crit", "1-44")  # docs/images/editor.png's lines


def build_highlighted(target: Path) -> Path:
    """The demo's first lines coloured by the VS Code extension's TextMate grammar (needs
    `npm ci` in editors/vscode)."""
    source, lines = EDITOR_SNIPPET
    script = ROOT / "editors" / "vscode" / "scripts" / "highlight.mjs"
    subprocess.run(["node", str(script), str(ROOT / source), str(target), lines], check=True)
    return target


def photograph(page, url: str, anchor: str | None, image: str) -> None:
    page.goto(url)
    if anchor:
        page.locator(anchor).evaluate("e => e.scrollIntoView({block: 'start'})")
        page.evaluate("window.scrollBy(0, -12)")
    page.screenshot(path=str(IMAGES / image))
    print(f"wrote {(IMAGES / image).relative_to(ROOT)}")


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = build_demo(Path(tmp) / "site")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 820},
                                device_scale_factor=1)
        for image, path, anchor in SHOTS:
            photograph(page, (site / path).as_uri(), anchor, image)
        report = build_report(Path(tmp) / "demo-report.html")
        for image, anchor in REPORT_SHOTS:
            photograph(page, report.as_uri(), anchor, image)
        aggregate = build_report(Path(tmp) / "iaow-report.html", ACROSS)
        for image, anchor in ACROSS_SHOTS:
            photograph(page, aggregate.as_uri(), anchor, image)
        change = build_change_report(Path(tmp) / "change.html")
        for image, anchor in CHANGE_SHOTS:
            photograph(page, change.as_uri(), anchor, image)
        editor = browser.new_page(viewport={"width": 1000, "height": 990},
                                  device_scale_factor=1)
        photograph(editor, build_highlighted(Path(tmp) / "editor.html").as_uri(), None,
                   "editor.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
