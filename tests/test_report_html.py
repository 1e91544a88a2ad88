"""`critc report`: the self-contained HTML results report. The demo's report is compared
with a golden file (charts aside: their SVG is matplotlib's, checked for repeatability
here); every framework in rules/ gets a report naming every figure and band label; user
text is escaped everywhere, charts included; the same input gives the same bytes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from cli_run import run
from critc.compiler.check.passes import check_file
from critc.compiler.cli import main as cli
from critc.compiler.report.charts import level_colour
from critc.compiler.report.drill_down import MAX_CASES_LISTED
from critc.compiler.report.figure_rows import band_ranks

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "report" / "demo.html"
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
DEMO = ["examples/demo/framework.crit", "examples/demo/cases.csv",
        "--inputs", "examples/demo/inputs.csv"]
RULES = sorted(p.parent.name for p in REPO.glob("rules/*/cases.csv"))

ADVERSARIAL = '''framework "Evil <script>alert('fw')</script> & \\"co\\"" version "1<i>"
  description "desc <img src=x onerror=alert(1)>"

scale yn "Y<script>"
  yes "Yes <b>&amp;" above the line
  no "No \\"quoted\\""

case fields
  id "Case <script>": text, case id
  insp "Inspection & co": text, inspection
  flag "Flag <script>alert(2)</script>": boolean

section 1 "Section <script>alert(3)</script> --> $x$" = mean of its questions
  question 1a "Question <script>alert(5)</script> & 'x' \\"y\\" -->" tags t
    applies when flag
  question 1b "Plain"

thread t "Thread </title><script>" = pooled over all questions tagged t

band b "Band <script>"
  on all sections
  50% and above: "Label <script>alert(6)</script>"
  otherwise: "Low & \\"bad\\" -->"
'''
ADVERSARIAL_CASES = '''id,insp,flag,1a,1b
"<img src=x onerror=alert(7)>",=HYPERLINK(""http://x"")<b>,true,yes,yes
c2,=HYPERLINK(""http://x"")<b>,false,,no
c3,Plain inspection,false,,yes
'''


def report(args: list[str], target: Path, capsys) -> str:
    code, out, err = run(capsys, "report", *args, "-o", target)
    assert code == 0, err
    return target.read_text(encoding="utf-8")


def without_charts(html: str) -> str:
    return SVG.sub("<svg>(chart)</svg>", html)


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory) -> str:
    """The demo's report, made once (from the repository root, as `in_repo`) for the tests
    that only read it."""
    target = tmp_path_factory.mktemp("demo") / "demo.html"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        assert cli.main(["report", *DEMO, "-o", str(target)]) == 0
    return target.read_text(encoding="utf-8")


def test_demo_report_matches_golden_file(demo_report: str, update: bool):
    html = without_charts(demo_report)
    if update:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8"), "report differs; run pytest --update"


def test_demo_report_reads_as_intended(demo_report: str):
    html = demo_report
    assert "<script" not in html and "<link" not in html  # offline: nothing to fetch
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert html.count('<article class="inspection"') == 6
    assert "Inspections compared" in html and 'id="compare-overall"' in html
    ashford = html[html.index('id="i1"'):html.index('id="i2"')]
    assert "Headline figures and ratings" in ashford and "Well met" in ashford
    assert ashford.count("<svg") == 3  # sections 1 and 2 (criteria), section 3 (questions)
    assert 'role="img" aria-label="Criteria of section 1 in Ashford. criterion 1.1' in ashford
    assert ">82.67%<" in ashford and ">83%<" in ashford  # criterion 1.1 unrounded, published
    assert ">32 / 46<" in ashford  # question 1.2b: above the line / answered
    drill = ashford[ashford.index('id="i1-1.2b"'):]
    drill = drill[:drill.index("</section>")]
    assert "Applies when</strong> the case&#39;s Risk of serious harm at the start is " \
           "medium, high or very high" in drill
    assert "Counted above the line: 32 cases" in drill
    assert "Counted below the line: 14 cases" in drill
    assert "Not counted: 14 cases" in drill and "does not apply: rosh = low" in drill
    assert 'href="#i1-1.2"' not in drill  # a question is computed from no figure
    criterion = ashford[ashford.index('id="i1-1.2"'):]
    criterion = criterion[:criterion.index("</section>")]
    assert "<strong>Formula:</strong> " in criterion
    assert 'href="#i1-1.2b"' in criterion  # the drill-down links to its questions'
    assert "weighted mean" in criterion and "examples/demo/framework.crit:" in criterion


@pytest.mark.parametrize("name", RULES)
def test_every_framework_in_rules_gets_a_report(name: str, in_repo: Path, tmp_path: Path,
                                                capsys):
    folder = Path("rules") / name
    args = [str(folder / f"{name}.crit"), str(folder / "cases.csv")]
    if (folder / "inputs.csv").exists():
        args += ["--inputs", str(folder / "inputs.csv")]
    html = report(args, tmp_path / "r.html", capsys)
    fw = check_file(folder / f"{name}.crit").framework
    for node in list(fw.questions) + list(fw.aggregates):
        assert f'id="i1-{node}"' in html, node  # a drill-down for every figure
    for band in fw.bands.values():  # every band reported beside a figure shows a label
        if any(app.band == band.id for app in fw.applications.values()):
            assert 'class="band"' in html or "card-band" in html
    assert "<svg" in html and "<script" not in html
    undefined = html.count(">n/a<")
    assert html.count('class="na">n/a: ') >= min(undefined, 1)  # n/a figures say why


def test_adversarial_text_is_escaped_everywhere(tmp_path: Path, capsys):
    (tmp_path / "evil.crit").write_text(ADVERSARIAL, encoding="utf-8")
    (tmp_path / "cases.csv").write_text(ADVERSARIAL_CASES, encoding="utf-8")
    html = report([tmp_path / "evil.crit", tmp_path / "cases.csv"], tmp_path / "r.html",
                  capsys)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "<i>" not in html and "</title><" not in html
    assert "Evil &lt;script&gt;alert(&#39;fw&#39;)&lt;/script&gt; &amp; &#34;co&#34;" in html
    assert "Label &lt;script&gt;alert(6)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(7)&gt;" in html  # a case id, in a drill-down
    for svg in SVG.findall(html):  # chart text goes through matplotlib's escaping
        comments = re.findall(r"<!--(.*?)-->", svg, re.DOTALL)
        assert all("<" not in c and "--" not in c for c in comments)
    # in the plain inspection, 1a applies to no case: n/a, and the report says why
    assert "n/a: no case counts: none meets its condition (it applies when the case&#39;s " \
           "Flag &lt;script&gt;alert(2)&lt;/script&gt; is yes)" in html


def test_same_input_gives_same_bytes_across_hash_seeds(in_repo: Path, tmp_path: Path):
    outputs = set()
    for seed in ("0", "4242"):
        target = tmp_path / f"r{seed}.html"
        subprocess.run([sys.executable, "-m", "critc.compiler", "report", *DEMO, "-o",
                        str(target)], cwd=REPO, check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(target.read_bytes())
    assert len(outputs) == 1


def test_versions_directory_report(in_repo: Path, tmp_path: Path, capsys):
    html = report(["examples/versions", "examples/versions/cases.csv"], tmp_path / "v.html",
                  capsys)
    assert "scored with v3.crit" in html and "scored with v1.crit" in html
    assert "Inspections compared" in html


def test_output_must_be_html(in_repo: Path, tmp_path: Path, capsys):
    code, _, err = run(capsys, "report", *DEMO, "-o", tmp_path / "r.xlsx")
    assert code == 2 and "give -o NAME.html" in err
    assert not (tmp_path / "r.xlsx").exists()


def test_case_lists_are_capped(in_repo: Path, tmp_path: Path, capsys):
    html = report(["rules/iaow-2014/iaow-2014.crit", "rules/iaow-2014/cases.csv"],
                  tmp_path / "r.html", capsys)
    for listed in re.findall(r'<ul class="cases">(.*?)</ul>', html, re.DOTALL):
        assert listed.count("<li>") <= MAX_CASES_LISTED


def test_missing_inspection_input_is_named(in_repo: Path, tmp_path: Path, capsys):
    html = report(DEMO[:2], tmp_path / "r.html", capsys)  # no --inputs: leadership missing
    assert html.count("n/a: the inspection input `leadership` is missing") == 12  # 6 x 2


def test_bars_take_their_band_colour_and_thresholds_are_drawn(demo_report: str):
    html = demo_report
    ashford = html[html.index('id="i1"'):html.index('id="i2"')]
    section1 = SVG.search(ashford[ashford.index('id="i1-chart-1"'):]).group(0)
    # criteria 1.1-1.3 are all "good" (the best of conclusion's three rows): green bars
    assert section1.count(f"fill: {level_colour(0, 3).lower()}") == 3
    assert ">60%</text>" in section1 and ">70%</text>" in section1  # the thresholds
    assert "n=40" in section1 and "Performance against this" in section1
    assert "criterion was good." in section1  # long band labels wrap, whole


def test_band_ranks_follow_thresholds_not_the_order_written():
    fw = check_file(REPO / "examples" / "demo" / "framework.crit").framework
    assert band_ranks(fw.bands["improvement"]) == [0, 1, 2, 3]
    ascending = attrs.evolve(fw.bands["improvement"],
                             rows=tuple(reversed(fw.bands["improvement"].rows[:3]))
                             + fw.bands["improvement"].rows[3:])
    assert band_ranks(ascending) == [2, 1, 0, 3]  # otherwise stays the worst
