"""The Python API (`import critc`, docs/api.md): every example in the page runs, every
accepted kind of case records gives the same figures, and errors are data."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import critc
import pandas
import polars
import pyarrow as pa
import pytest
from cli_run import run

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo"
CASES, INPUTS = DEMO / "cases.csv", DEMO / "inputs.csv"


@pytest.fixture(scope="module")
def framework() -> critc.Framework:
    return critc.load(DEMO / "framework.crit")


@pytest.fixture(scope="module")
def scores(framework) -> critc.Scores:
    return framework.score(CASES, inputs=INPUTS)


def test_the_documented_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    failed, attempted = doctest.testfile(
        str(ROOT / "docs" / "api.md"), module_relative=False, report=True,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted > 20 and failed == 0


def test_public_names():
    assert sorted(critc.__all__) == sorted(n for n in critc.__all__ if hasattr(critc, n))
    assert {"load", "Framework", "Scores", "Figure", "FrameworkError", "CasesError"} <= set(
        critc.__all__)
    assert (Path(critc.__file__).parent / "py.typed").exists()
    assert critc.__version__


def _records(kind: str):
    frame = pandas.read_csv(CASES, dtype=str, keep_default_na=False).replace("", None)
    if kind == "pandas":
        return frame
    if kind == "polars":
        return polars.from_pandas(frame)
    if kind == "arrow":
        return pa.Table.from_pandas(frame, preserve_index=False)
    return frame.to_dict("records")


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow", "list"])
def test_every_kind_of_records_scores_like_the_file(framework, scores, kind):
    other = framework.score(_records(kind), inputs=INPUTS)
    assert other.to_arrow().equals(scores.to_arrow())


def test_inputs_as_a_data_frame(framework, scores):
    inputs = pandas.read_csv(INPUTS, dtype=str)
    assert framework.score(CASES, inputs=inputs).to_json() == scores.to_json()


def test_typed_columns_are_read_as_the_parquet_reader_reads_them(framework, scores):
    frame = pandas.read_csv(CASES, dtype=str, keep_default_na=False).replace("", None)
    frame["child_protection"] = frame["child_protection"].map({"true": True, "false": False})
    assert framework.score(frame, inputs=INPUTS).to_arrow().equals(scores.to_arrow())


def test_the_json_is_what_the_cli_writes(capsys, scores):
    code, out, _ = run(capsys, "score", DEMO / "framework.crit", CASES, "--inputs", INPUTS,
                       "--format", "json")
    assert code == 0 and out == scores.to_json()
    code, out, _ = run(capsys, "score", DEMO / "framework.crit", CASES, "--inputs", INPUTS,
                       "--format", "csv")
    assert out == scores.to_csv()


def _text(printed: str) -> str:
    """Printed text without the tree's lines and the wrapping (widths differ)."""
    return "".join(c for c in printed if c not in "│├└─ \n")


def test_the_explanation_prints_as_the_cli_does(capsys, scores):
    code, out, _ = run(capsys, "explain", DEMO / "framework.crit", CASES, "--inputs", INPUTS,
                       "--node", "1.2", "--inspection", "Brampton")
    assert code == 0
    assert _text(str(scores.explain("1.2", inspection="Brampton"))) == _text(out)


def test_explaining_a_case_finds_its_inspection(scores):
    explanation = scores.explain("1.1", case="ASH-001")
    assert explanation.figure.inspection == "Ashford" and explanation.case == "ASH-001"
    assert "ASH-001" in str(explanation)


def test_lookups_say_what_is_wrong(scores):
    with pytest.raises(KeyError, match="no figure `1.9`"):
        scores.figure("1.9", inspection="Ashford")
    with pytest.raises(ValueError, match="6 inspections"):
        scores.figure("1.1")
    with pytest.raises(KeyError, match="Ashfordd"):
        scores.figure("1.1", inspection="Ashfordd")


def test_bad_records_are_located_diagnostics(framework):
    rows = _records("list")
    rows[2] = dict(rows[2], **{"1.2a": "perhaps"})
    with pytest.raises(critc.CasesError) as raised:
        framework.score(rows, inputs=INPUTS)
    (problem,) = [d for d in raised.value.diagnostics if d.is_error]
    assert problem.code == "invalid-value" and problem.span.path == "<cases>"
    assert problem.span.line == 3 and "perhaps" in str(raised.value)


def test_nested_values_and_wrong_types_are_refused(framework):
    with pytest.raises(critc.CasesError) as raised:
        framework.score([{"area": {"nested": 1}}])
    assert raised.value.diagnostics[0].code == "malformed-records"
    with pytest.raises(TypeError, match="not int"):
        framework.score(42)
    with pytest.raises(ValueError, match="not a case field"):
        framework.score(CASES, inputs=INPUTS, by="no_such_field")


def test_grouping_by_another_field_and_as_one_group(framework, scores):
    by_type = framework.score(CASES, inputs=INPUTS, by="case_type")
    assert set(by_type.inspections) == {"community", "custody", "licence"}
    assert by_type.grouped_by == "case_type"
    whole = framework.score(CASES, whole=True)
    assert len(whole.inspections) == 1 and whole.grouped_by is None
    assert whole.case_count == scores.case_count


def test_a_broken_framework_raises_with_every_diagnostic(tmp_path):
    path = tmp_path / "broken.crit"
    path.write_text('framework "Broken"\nquestion 1a "Was it done?"\n  applies when nope\n',
                    encoding="utf-8")
    with pytest.raises(critc.FrameworkError) as raised:
        critc.load(path)
    assert raised.value.diagnostics and all(d.span for d in raised.value.diagnostics)
    assert str(path) in str(raised.value)


def test_html_escapes_every_user_string(tmp_path):
    path = tmp_path / "evil.crit"
    path.write_text(
        'framework "<script>alert(1)</script>"\n'
        'scale yes_no "Yes or no"\n  yes "Yes" above the line\n  no "No"\n'
        'case fields\n  team "Team": text, inspection\n'
        'criterion 1 "<b>bold</b> & co" = mean of its questions\n'
        '  question 1a "Was <i>it</i> done?"\n', encoding="utf-8")
    framework = critc.load(path)
    html = framework.score([{"team": "<img src=x>", "1a": "yes"}])._repr_html_()
    assert "<script>" not in html and "<img" not in html and "<i>it" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x&gt;" in html


def test_diff_is_data():
    old = critc.load(ROOT / "examples" / "versions" / "v1.crit")
    new = critc.load(ROOT / "examples" / "versions" / "v2.crit")
    diff = old.diff(new, ROOT / "examples" / "versions" / "cases.csv")
    assert diff.edits and all(c.because for c in diff.moved)
    assert json.dumps([c.figure for c in diff.moved])
