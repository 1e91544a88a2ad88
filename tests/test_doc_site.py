"""The framework explorer (`critc doc`): every framework's site builds, the demo's pages
match their golden files byte for byte, user text is escaped, and the bytes do not depend
on the run.

    pytest tests/test_doc_site.py --update    rewrite tests/golden/doc/ from the current output
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.cli.main import main
from critc.compiler.regress.versions import load_versions
from critc.compiler.report.plain_english import band_row_text, condition_text
from critc.compiler.report.site import framework_pages, versions_pages, write_site

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "doc" / "demo"
FRAMEWORKS = sorted(p.relative_to(REPO).as_posix() for p in REPO.glob("rules/*/*.crit")
                    if "shared" not in p.parts) + ["examples/demo/framework.crit"]
GRAPH = re.compile(r'<div class="graph-scroll">.*?</div>', re.DOTALL)
HAS_DOT = shutil.which("dot") is not None

ADVERSARIAL = '''framework "Evil <script>alert('fw')</script> & \\"co\\"" version "1<i>"
  description "desc <img src=x onerror=alert(1)>"
  source "src </p><script>x()</script>"

scale yn "Y<script>"
  yes "Yes <b>&amp;" above the line
  no "No \\"quoted\\""

case fields
  id "Case <script>": text, case id
  insp "Inspection & co": text, inspection
  flag "Flag <script>alert(2)</script>": boolean

section 1 "Section <script>alert(3)</script>" = mean of its questions
  description "<script>alert(4)</script>"
  question 1a "Question <script>alert(5)</script> & 'x' \\"y\\"" tags t
    applies when flag
  question 1b "Plain"

thread t "Thread </title><script>" = pooled over all questions tagged t

band b "Band <script>"
  on all sections
  50% and above: "Label <script>alert(6)</script>"
  otherwise: "Low & \\"bad\\""
'''


def pages_of(path: str) -> dict[str, bytes]:
    result = check_file(path)
    assert result.ok, [d.message for d in result.diagnostics]
    return framework_pages(result)


@pytest.mark.parametrize("path", FRAMEWORKS)
def test_every_framework_builds(path: str, in_repo: Path, tmp_path: Path):
    pages = pages_of(path)
    fw = check_file(path).framework
    assert {"index.html", "bands.html", "reference.html", "graph.html", "search.html",
            "search-index.js"} <= set(pages)
    text = b"".join(pages.values()).decode()
    for q in fw.questions.values():  # every question's wording, escaped, somewhere
        assert q.id in text and (q.text is None or _escaped(q.text) in text)
    for band in fw.bands.values():  # every band row's label or rating
        labels = fw.rating_scales[band.gives].labels if band.gives else {}
        for row in band.rows:
            assert _escaped(labels.get(row.output, row.output)) in pages["bands.html"].decode()
    written = write_site(pages, tmp_path / "site")
    assert (tmp_path / "site" / "static" / "site.css").exists()
    assert len(written) == len(pages) + 2


def test_versions_directory_builds(in_repo: Path):
    versions, diagnostics = load_versions("examples/versions")
    assert versions is not None
    pages = versions_pages(versions)
    assert "index.html" in pages and "v1/index.html" in pages and "v3/index.html" in pages
    assert "v1/changes.html" not in pages  # the first version has no previous one
    changes = pages["v2/changes.html"].decode()
    assert "Changes since v1.crit" in changes
    assert "criterion 1.1" in changes and "weights" in changes
    assert "0.7" in changes and "0.3" in changes  # the reweighting, before and after
    assert "examples/versions/v2.crit, line 12" in changes
    assert 'href="../static/site.css"' in pages["v2/index.html"].decode()


def _escaped(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def _comparable(path: str, data: bytes) -> bytes:
    """The graph's SVG depends on the Graphviz version: it is compared elsewhere."""
    if path == "graph.html":
        return GRAPH.sub('<div class="graph-scroll">(graph)</div>', data.decode()).encode()
    return data


def test_demo_site_matches_golden_files(in_repo: Path, update: bool):
    pages = pages_of("examples/demo/framework.crit")
    if update:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        GOLDEN.mkdir(parents=True)
        for path, data in pages.items():
            (GOLDEN / path).write_bytes(_comparable(path, data))
    expected = sorted(p.name for p in GOLDEN.iterdir())
    assert sorted(pages) == expected, "pages differ; run pytest --update"
    for path, data in sorted(pages.items()):
        assert _comparable(path, data) == (GOLDEN / path).read_bytes(), path


def test_graph_page_draws_every_figure_with_links(in_repo: Path):
    if not HAS_DOT:
        pytest.skip("Graphviz's dot is not installed (bash tests/services/install.sh)")
    graph = pages_of("examples/demo/framework.crit")["graph.html"].decode()
    assert "<svg" in graph and "<?xml" not in graph and "<!--" not in graph
    assert 'href="figure-1.html#1.2a"' in graph  # each node links to its description
    assert ">criterion 1.2<" in graph and ">rosh<" in graph


def test_adversarial_text_is_escaped_everywhere(tmp_path: Path):
    folder = tmp_path / "dir <b>\"&'x"
    folder.mkdir()
    (folder / "evil.crit").write_text(ADVERSARIAL, encoding="utf-8")
    pages = pages_of(str(folder / "evil.crit"))
    for path, data in pages.items():
        text = data.decode()
        scripts = re.findall(r"<script[^>]*>", text)
        assert scripts == ([] if path != "search.html" else
                           ['<script src="search-index.js">',
                            '<script src="static/search.js">']), path
        assert "<img" not in text and "<b>" not in text and "<i>" not in text, path
        assert "</title><" not in text and "</p><script" not in text, path
    index = pages["index.html"].decode()
    assert "Evil &lt;script&gt;alert(&#39;fw&#39;)&lt;/script&gt; &amp; &#34;co&#34;" in index
    assert "dir &lt;b&gt;&#34;&amp;&#39;x/evil.crit" in index  # the file path, escaped
    assert "Label &lt;script&gt;alert(6)&lt;/script&gt;" in pages["bands.html"].decode()
    assert not re.search(rb"[<>&]", pages["search-index.js"].split(b"=", 1)[1])


def test_same_input_gives_same_bytes_across_runs_and_hash_seeds(in_repo: Path, tmp_path):
    first = pages_of("examples/demo/framework.crit")
    assert pages_of("examples/demo/framework.crit") == first
    digests = set()
    for seed in ("0", "1", "12345"):
        out = tmp_path / f"site{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "critc.compiler", "doc", "examples/versions",
                        "-o", str(out)], cwd=REPO, env=env, check=True, capture_output=True)
        digests.add(tuple(sorted((p.relative_to(out).as_posix(), p.read_bytes())
                                 for p in out.rglob("*") if p.is_file())))
    assert len(digests) == 1


def test_cli_writes_the_site_and_refuses_a_file_as_output(in_repo: Path, tmp_path, capsys):
    assert main(["doc", "examples/demo/framework.crit", "-o", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "index.html").exists()
    assert (tmp_path / "site" / "static" / "search.js").exists()
    target = tmp_path / "file.html"
    target.write_text("x")
    assert main(["doc", "examples/demo/framework.crit", "-o", str(target)]) == 2
    assert "needs a folder" in capsys.readouterr().err
    bad = tmp_path / "bad.crit"
    bad.write_text("section 1 \"S\" = mean(nothing)\n")
    assert main(["doc", str(bad), "-o", str(tmp_path / "bad")]) == 1


# ----------------------------------------------------------------------------- plain English
def test_applicability_in_plain_english(in_repo: Path):
    fw = check_file("examples/demo/framework.crit").framework
    words = {q: condition_text(fw.questions[q].applies, fw)
             for q in ("1.1a", "1.2b", "1.2c", "2.2c", "3c")}
    assert words["1.2b"] == ("the case's Risk of serious harm at the start is medium, high "
                             "or very high")
    assert words["1.2c"] == words["1.2b"]  # `rosh >= medium` names the values it admits
    assert words["1.1a"] == "the case's A pre-sentence report was prepared is yes"
    assert words["2.2c"] == ("the case's Risk of serious harm at the start is high or very "
                             "high, or the case's Child protection concerns is yes")
    assert words["3c"] == "the case's Type of sentence is not custody"


def test_band_rows_in_plain_english(in_repo: Path):
    band = check_file("examples/demo/framework.crit").framework.bands["conclusion"]
    assert [band_row_text(r, True) for r in band.rows] == [
        "70% and above", "60% to under 70%", "otherwise (any other value)"]


COUNTING = '''framework "Counting" version "1"

scale quality "Quality"
  sufficient "Sufficient" above the line
  partly "Partly <script>alert(7)</script>"
  insufficient "Insufficient"
  na_q "Not applicable" not applicable

case fields
  case_ref: text, case id
  area: text, inspection

section 1 "Assessment" = mean of its questions
  question 1.2a "Was a RoH screening completed?" tags roh
  question 1.2d "Was the full RoH analysis of sufficient quality?" tags roh
  question 2.2a "Was the risk management plan of sufficient quality?" tags roh

thread roh "RoH Thread" = pooled over all questions tagged roh
  counting {sufficient, partly} above the line for questions 1.2d, 2.2a

score alone "1.2d alone" = question 1.2d
  counting {partly} above the line for question 1.2d
'''


def test_counting_clause_is_shown_with_the_formula_escaped(tmp_path: Path):
    path = tmp_path / "counting.crit"
    path.write_text(COUNTING, encoding="utf-8")
    pages = pages_of(str(path))
    thread = pages["figure-roh.html"].decode()
    assert ("<code>= pooled(question 1.2a, question 1.2d, question 2.2a)</code><br>"
            "<code>counting {sufficient, partly} above the line for questions 1.2d, 2.2a"
            "</code>: for questions 1.2d, 2.2a, this figure counts Sufficient, Partly "
            "&lt;script&gt;alert(7)&lt;/script&gt; above the line (the scale counts "
            "Sufficient; the questions&#39; own figures and other figures keep that)</dd>"
            ) in thread
    one = pages["figure-alone.html"].decode()
    assert "<code>counting {partly} above the line for question 1.2d</code>: for question " \
           "1.2d, this figure counts Partly &lt;script&gt;" in one
    assert "<script>alert" not in b"".join(pages.values()).decode()
    section = pages["figure-1.html"].decode()
    assert "above the line for" not in section  # the clause is the thread's only
