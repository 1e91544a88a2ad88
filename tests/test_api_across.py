"""Figures across inspections in the Python API and `critc explain`: in the tidy tables,
as records, explained as data (the lines `critc explain` prints), and an id `explain`
does not take refused before it asks which inspection (issue 16, items 4 and 10)."""

from __future__ import annotations

import critc
import pytest
from critc.compiler.cli import main as cli
from test_across import _hand_files


@pytest.fixture
def scores(tmp_path):
    framework, cases = _hand_files(tmp_path)
    return critc.load(framework).score(cases)


def test_the_tidy_table_ends_with_the_figures_across_inspections(scores):
    table = scores.to_pandas()
    across = table[table.inspection == "all inspections"]
    assert list(across.figure) == ["1-mean", "1-kept", "1-pooled", "1-low", "1-range",
                                   "1-count", "judged-mean"]
    pooled = across[across.figure == "1-pooled"].iloc[0]
    assert (pooled.kind, pooled.shown, pooled.band, pooled.cases) == (
        "criterion", "55.0%", "Low", 5)
    assert len(table) == len(scores.inspections) * len(scores.figures) + len(across)
    assert scores.to_polars().shape == table.shape


def test_a_figure_across_inspections_is_a_record_without_an_inspection(scores):
    figure = scores.figure("1-kept")
    assert (figure.inspection, figure.kind, figure.shown) == ("all inspections", "criterion",
                                                              "58%")
    assert scores.figure("1-kept", inspection="all inspections") == figure
    with pytest.raises(KeyError, match="figure across inspections"):
        scores.figure("1-kept", inspection="A")


def test_it_is_explained_as_data_as_critc_explain_prints_it(scores, tmp_path, capsys):
    explanation = scores.explain("1-range")
    assert explanation.inspection == "all inspections"
    assert explanation.figure is not None and explanation.figure.shown == "33%"
    [line] = explanation.lines
    assert [child.text for child in line.children[-1].children] == ["A: 75%", "B: 42%"]
    framework, cases = _hand_files(tmp_path)
    assert cli.main(["explain", str(framework), str(cases), "1-range"]) == 0
    printed = capsys.readouterr().out
    for text in ("score 1-range  33%  across 2 inspections", "max of criterion 1 over 2 "
                 "inspections", "├── A: 75%", "└── B: 42%"):
        assert text in printed and text in str(explanation)
    assert cli.main(["explain", str(framework), str(cases), "1-range", "--format",
                     "json"]) == 0
    assert '"inspection": "all inspections"' in capsys.readouterr().out


def test_an_unknown_id_is_refused_before_asking_for_an_inspection(tmp_path, capsys):
    framework, cases = _hand_files(tmp_path)
    assert cli.main(["explain", str(framework), str(cases), "criterion 1-low"]) == 2
    assert "no figure, inspection input, band or rating scale `criterion 1-low`; did you " \
        "mean `1-low`? (write the id without its kind, `criterion`)" in capsys.readouterr().err
    assert cli.main(["explain", str(framework), str(cases), "1-rnage"]) == 2
    err = capsys.readouterr().err
    assert "did you mean `1-range`" in err and "--inspection" not in err


def test_the_notebook_table_shows_them_after_the_inspections(scores):
    html = scores._repr_html_()
    tail = html[html.index("across all 2 inspections"):]
    assert "<b>criterion 1-pooled  All cases</b>" in tail and ">55.0%<" in tail \
        and ">Low<" in tail
    assert html.index("(2 cases)") < html.index("across all")


def test_the_notebook_caption_says_1_case(tmp_path):
    framework, _ = _hand_files(tmp_path)
    html = critc.load(framework).score([{"insp": "A", "1a": "yes", "1b": "no"}])._repr_html_()
    assert "<b>insp = A (1 case)</b>" in html and "1 cases" not in html
