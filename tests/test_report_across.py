"""`critc report` on a framework with figures `across inspections`: a section "Across all N
inspections" first, with each figure's value, band, kind and coverage, a chart, and a
drill-down giving every inspection's value linked to that inspection's figure; the
per-inspection drill-downs and the comparison tables link back. Golden files for a small
synthetic framework (the whole page, charts aside) and for rules/iaow-2014 (its contents
and its section across inspections)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run
from critc.compiler.check.passes import check_file
from critc.compiler.report.site import framework_pages
from test_across import HAND
from test_report_html import REPO, report, without_charts

GOLDEN = REPO / "tests" / "golden" / "report"
CASES = "insp,1a,1b\nA,yes,no\nA,yes,yes\nB,no,\nB,no,no\nB,yes,yes\nC,,na\n"
INPUTS = "insp,grade\nA,70\nB,\nC,50\n"  # B has no grade: judged-mean skips it
IAOW = ["rules/iaow-2014/iaow-2014.crit", "rules/iaow-2014/cases.csv"]
ARTICLE = re.compile(r'<article class="across".*?</article>', re.DOTALL)
NAV = re.compile(r'<nav class="contents".*?</nav>', re.DOTALL)


@pytest.fixture
def hand(tmp_path: Path, monkeypatch) -> list[str]:
    """The synthetic framework of test_across.py, with three inspections (C has no value of
    criterion 1) and an inspection input, written in the working directory."""
    monkeypatch.chdir(tmp_path)
    Path("hand.crit").write_text(HAND, encoding="utf-8")
    Path("cases.csv").write_text(CASES, encoding="utf-8")
    Path("inputs.csv").write_text(INPUTS, encoding="utf-8")
    return ["hand.crit", "cases.csv", "--inputs", "inputs.csv"]


def _check_golden(name: str, text: str, update: bool) -> None:
    golden = GOLDEN / name
    if update:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{name} differs; run pytest --update"


def test_synthetic_across_report_matches_golden_file(hand, tmp_path: Path, capsys,
                                                     update: bool):
    html = report(hand, tmp_path / "r.html", capsys)
    _check_golden("across.html", without_charts(html), update)


def test_iaow_across_section_matches_golden_file(in_repo: Path, tmp_path: Path, capsys,
                                                 update: bool):
    html = report(IAOW, tmp_path / "r.html", capsys)
    found = NAV.search(html), ARTICLE.search(html)
    assert all(found)
    _check_golden("iaow-2014-across.html",
                  without_charts("\n".join(m.group(0) for m in found if m)) + "\n", update)
    assert html.count('<article class="across"') == 1


def _across(html: str) -> str:
    match = ARTICLE.search(html)
    assert match is not None
    return match.group(0)


def test_the_section_shows_what_score_computes(hand, tmp_path: Path, capsys):
    code, out, _ = run(capsys, "score", *hand, "--format", "json")
    assert code == 0
    figures = json.loads(out)["across_inspections"]["figures"]
    html = report(hand, tmp_path / "r.html", capsys)
    section = _across(html)
    assert html.index('<article class="across"') < html.index('<article class="inspection"')
    assert '<li><a href="#x1">Across all 3 inspections</a>' in html  # in the contents
    for node, figure in figures.items():  # every figure, with the value score gives
        drill = section[section.index(f'<section class="drill" id="x1-{node}">'):]
        drill = drill[:drill.index("</section>")]
        assert f'<span class="figure">{figure["shown"]}</span>' in drill, node
    assert "<td>mean of, skipping undefined</td>" in section  # the kind, in the table
    assert "<td>pooled over</td>" in section and "<td>formula</td>" in section
    assert '<td class="num">2 of 3</td>' in section and "<td>insp = C</td>" in section
    assert "n/a: criterion 1 has no value in insp = C" in section  # the strict mean
    assert "<td>insp = B</td>" in section  # judged-mean: the input is missing in B
    assert "Low</span>" in section  # the band on criterion 1-pooled
    assert "criterion 1 over the cases of every inspection together (5 cases) = 55%" in section
    assert "mean of criterion 1 over 3 inspections (undefined if any inspection&#39;s is) " \
           "= n/a" in section
    assert 'href="#i3-1">insp = C</a></th><td class="num">n/a <span class="na">(no value)' \
        in section
    assert '<figure class="chart" id="x1-chart-score">' in section


def test_every_link_lands_on_a_figure(hand, tmp_path: Path, capsys):
    html = report(hand, tmp_path / "r.html", capsys)
    ids = set(re.findall(r' id="([^"]+)"', html))
    targets = set(re.findall(r' href="#([^"]+)"', html))
    assert targets <= ids, targets - ids
    section = _across(html)
    assert {"i1-1", "i2-1", "i3-1", "i1-judged", "x1-1-low"} <= \
        set(re.findall(r' href="#([^"]+)"', section))
    criterion = html[html.index('<section class="drill" id="i2-1">'):]
    criterion = criterion[:criterion.index("</section>")]
    assert 'Combined across inspections in: <a href="#x1-1-mean">criterion 1-mean</a>' \
        in criterion  # an inspection's figure links to what combines it
    comparison = html[html.index('id="compare-1"'):]
    assert '<tbody class="across">' in comparison[:comparison.index("</table>")]


ESCAPED = HAND.replace('"Mean of the inspections"', '"Mean <script>alert(1)</script> & co"') \
    .replace('criterion 1-kept =', 'criterion 1-kept "K" = ') \
    .replace("    rounding half up to 1 decimal place",
             '    rounding half up to 1 decimal place\n    description "<img src=x> \\"d\\""')


def test_user_text_is_escaped(hand, tmp_path: Path, capsys):
    Path("hand.crit").write_text(ESCAPED, encoding="utf-8")
    Path("cases.csv").write_text(CASES.replace("C,", "<b>C</b>,"), encoding="utf-8")
    html = report(hand, tmp_path / "r.html", capsys)
    section = _across(html)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "Mean &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in section
    assert "&lt;img src=x&gt; &#34;d&#34;" in section
    assert "insp = &lt;b&gt;C&lt;/b&gt;" in section


def test_without_figures_across_inspections_there_is_no_section(hand, tmp_path: Path,
                                                                 capsys):
    Path("hand.crit").write_text(HAND.split("\nacross inspections")[0] + "\n",
                                 encoding="utf-8")
    html = report(hand, tmp_path / "r.html", capsys)
    assert 'class="across' not in html and 'href="#x1' not in html


def test_same_input_gives_same_bytes(hand, tmp_path: Path):
    outputs = set()
    for seed in ("0", "4242"):
        target = tmp_path / f"r{seed}.html"
        subprocess.run([sys.executable, "-m", "critc.compiler", "report", *hand, "-o",
                        str(target)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(target.read_bytes())
    assert len(outputs) == 1


def test_the_doc_site_lists_them_apart(hand):
    pages = framework_pages(check_file("hand.crit"))
    index = pages["index.html"].decode()
    apart = index[index.index('<h2 id="across-inspections">'):]
    assert 'href="figure-1-pooled.html"' in apart and 'href="figure-1.html"' not in apart
    assert 'href="figure-1-pooled.html"' not in index[:index.index('id="across-inspections"')]
    page = pages["figure-1-pooled.html"].decode()
    assert "Across inspections: computed once over every inspection" in page
    assert "Across inspections:" not in pages["figure-1.html"].decode()


def test_a_versions_directory_gets_one_section_per_version(tmp_path: Path, capsys):
    folder = tmp_path / "versions"
    folder.mkdir()
    for name in ("common.crit", "v1.crit", "v2.crit", "v3.crit", "cases.csv"):
        text = (REPO / "examples" / "versions" / name).read_text(encoding="utf-8")
        if name in ("v1.crit", "v2.crit"):  # v3 declares none
            text += "\nacross inspections\n  section 1-mean \"Mean\" = " \
                    "mean of section 1 across inspections\n"
        (folder / name).write_text(text, encoding="utf-8")
    html = report([folder, folder / "cases.csv"], tmp_path / "r.html", capsys)
    assert html.count('<article class="across"') == 2
    first, second = ARTICLE.findall(html)
    assert 'id="x1"' in first and "Across all 2 inspections" in first  # v1: Ashford, Brampton
    assert 'href="#i1-1">area = Ashford' in first and 'href="#i2-1">area = Brampton' in first
    assert 'id="x2"' in second and 'href="#i3-1">area = Castleton' in second
    assert "Dunmore" in second and "Eastleigh" not in second  # v3's inspection
    ids = set(re.findall(r' id="([^"]+)"', html))
    assert set(re.findall(r' href="#([^"]+)"', html)) <= ids
