"""The change report of `critc diff` (issue 12, item 3): the Markdown and HTML reports of
examples/versions v1 → v2 match their golden files byte for byte; a reweighting shows its
weights in words and unrounded values; counts take the right plural; user text is escaped;
the same version on both sides is warned about; diff JSON gives a rating as points and label.

    pytest tests/test_change_report.py --update    rewrite tests/golden/change/
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from critc.compiler.cli.main import main
from critc.compiler.report.change_report import code, md
from critc.compiler.report.wording import plural

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "change"
VERSIONS = "examples/versions"
V1, V2, CASES = f"{VERSIONS}/v1.crit", f"{VERSIONS}/v2.crit", f"{VERSIONS}/cases.csv"


@pytest.mark.parametrize("fmt, name", [("md", "v1-v2.md"), ("html", "v1-v2.html")])
def test_change_report_matches_golden_file(in_repo, update, tmp_path, fmt, name):
    out = tmp_path / name
    assert main(["diff", V1, V2, CASES, "--format", fmt, "-o", str(out)]) == 0
    golden = GOLDEN / name
    if update:
        golden.write_bytes(out.read_bytes())
    assert out.read_bytes() == golden.read_bytes(), "run pytest --update and review"


def test_a_reweighting_is_told_in_words_with_unrounded_values(in_repo, capsys):
    assert main(["diff", V1, V2, CASES]) == 0
    out = capsys.readouterr().out
    assert "individual questions 0.8 → 0.7, summary question 0.2 → 0.3" in out
    assert "= weighted mean(individual questions: 0.8, summary question: 0.2)" in out
    # Ashford's section 1 is 73% → 72% as published; unrounded it is 72.67% → 71.92%
    assert "73% → 72%  72.67% → 71.92%" in out
    assert "≥" not in out and "≤" not in out and "(s)" not in out


def test_the_text_report_fits_80_columns_where_it_tabulates(in_repo, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["diff", V1, V2, CASES]) == 0
    out = capsys.readouterr().out
    matrix = out.split("Band migrations")[1].split("Cases whose")[0]
    assert all(len(line) <= 80 for line in matrix.split("\n")), matrix
    # each label once, numbered; never a label wrapped across matrix rows
    assert "  1  Performance against this criterion was good." in matrix


def test_plural_forms():
    assert plural(1, "inspection") == "1 inspection"
    assert plural(2, "inspection") == "2 inspections"
    assert plural(0, "case") == "0 cases"
    assert plural(1, "case") == "1 case"


def test_counts_in_the_report_take_their_plural(in_repo, capsys):
    assert main(["diff", V1, V2, CASES]) == 0
    out = capsys.readouterr().out
    assert "30 cases in 5 inspections from" in out
    assert "1 inspection changed band or rating" in out
    assert "7 figures moved in 4 of 5 inspections" in out


def test_the_same_version_on_both_sides_is_warned_about(in_repo, tmp_path, capsys):
    same = tmp_path / "v2.crit"
    same.write_text((REPO / V2).read_text(encoding="utf-8").replace('version "2"', 'version "1"')
                    .replace('include "common.crit"', f'include "{REPO / VERSIONS}/common.crit"'),
                    encoding="utf-8")
    assert main(["diff", V1, str(same), CASES, "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "**Warning:** Both files say version 1" in out
    assert main(["diff", V1, V2, CASES]) == 0
    assert "Warning" not in capsys.readouterr().out


def test_user_text_is_literal_in_markdown_and_escaped_in_html(in_repo, tmp_path, capsys):
    assert md("a | b *c* <d>") == "a \\| b \\*c\\* \\<d\\>"
    assert code("x`y") == "``x`y``"
    edited = tmp_path / "v2.crit"
    edited.write_text((REPO / V2).read_text(encoding="utf-8")
                      .replace('include "common.crit"', f'include "{REPO / VERSIONS}/common.crit"')
                      .replace("Performance against this criterion was good.",
                               "<b>good</b> | *very*"), encoding="utf-8")
    assert main(["diff", V1, str(edited), CASES, "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert "<b>good</b>" not in page and "&lt;b&gt;good&lt;/b&gt;" in page
    assert main(["diff", V1, str(edited), CASES, "--format", "md"]) == 0
    assert "\\<b\\>good\\</b\\> \\| \\*very\\*" in capsys.readouterr().out


def test_diff_json_gives_a_rating_as_points_and_label(in_repo, tmp_path, capsys):
    old = REPO / "examples" / "demo" / "framework.crit"
    text = old.read_text(encoding="utf-8")
    assert "  80% and above: well_met" in text
    new = tmp_path / "framework.crit"
    new.write_text(text.replace("  80% and above: well_met", "  70% and above: well_met"),
                   encoding="utf-8")
    assert main(["diff", str(old), str(new), "examples/demo/cases.csv", "--inputs",
                 "examples/demo/inputs.csv", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ratings = [c for c in data["changes"] if c["kind"] == "rating"]
    assert ratings, "the edit should move the overall rating somewhere"
    for change in ratings:
        for side in (change["old"], change["new"]):
            assert side["rating"] == side["shown"]
            assert side["value"] == side["points"]
