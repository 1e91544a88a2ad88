"""`critc score --format xlsx`: a real workbook, read back with openpyxl: a summary sheet per
inspection (figures as published with percent formats, unrounded values, band labels
filled with their colour), a long sheet for pivoting, no cell from user text that a
spreadsheet reads as a formula, the same bytes every time; an output file named for
another format is refused."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from cli_run import run
from critc.compiler.io.spreadsheet import PLAIN_NUMBER, cell_text
from critc.compiler.report.charts import level_colour
from critc.compiler.report.xlsx import SUMMARY_HEADER, fill

DEMO = ["examples/demo/framework.crit", "examples/demo/cases.csv",
        "--inputs", "examples/demo/inputs.csv"]
INJECTION = '''framework "=cmd|' /C calc'!A0" version "1"

scale yn "Yes or no"
  yes "Yes" above the line
  no "No"

case fields
  id "Case": text, case id
  insp "Inspection": text, inspection

section 1 "+SUM(A1:A9)" = mean of its questions
  question 1a "@SUM(1+1)"
  question 1b "-2+3 is five"

band b "Band"
  on all sections
  50% and above: "=HYPERLINK(\\"http://x\\",\\"click\\")"
  otherwise: "\\tLow"
'''
INJECTION_CASES = '''id,insp,1a,1b
=1+1,"=HYPERLINK(""http://evil"")x",yes,yes
c2,@attack,no,yes
c3,-2,yes,no
'''


def workbook(capsys, tmp_path: Path, *args) -> tuple[Path, openpyxl.Workbook]:
    target = tmp_path / "results.xlsx"
    code, out, err = run(capsys, "score", *args, "--format", "xlsx", "-o", target)
    assert code == 0, err
    assert out == ""
    return target, openpyxl.load_workbook(target)


def summary(ws) -> dict[str, tuple]:
    """Each figure's row (by the Figure column), with its cells."""
    return {row[0].value: row for row in ws.iter_rows(min_row=5)}


def test_demo_workbook_values_formats_and_fills(in_repo: Path, tmp_path: Path, capsys):
    _, wb = workbook(capsys, tmp_path, *DEMO)
    assert wb.sheetnames == ["Ashford", "Brampton", "Castleton", "Dunmore", "Eastleigh",
                             "Fairhaven", "All figures"]
    ws = wb["Ashford"]
    assert ws["A1"].value == "Demonstration offender management inspection, version 1"
    assert ws["A2"].value == "area = Ashford" and ws["B2"].value == "60 cases"
    assert [c.value for c in ws[4]] == SUMMARY_HEADER
    rows = summary(ws)
    published, unrounded, band = (rows["criterion 1.1"][i] for i in (2, 3, 4))
    assert published.value == 0.83 and published.number_format == "0%"
    assert unrounded.value == pytest.approx(0.826667, abs=1e-6)
    assert unrounded.number_format == "0.00%"
    assert band.value == "Performance against this criterion was good."
    assert band.fill.start_color.rgb[-6:] == fill(level_colour(0, 3)).start_color.rgb[-6:]
    question = rows["question 1.2b"]
    assert [c.value for c in question[5:9]] == [32, 46, 0, 46]  # above, answered, blank, n
    overall = rows["rating overall"]
    assert overall[2].value == "Well met" and overall[3].value == 3  # label, points
    long = wb["All figures"]
    header = [c.value for c in long[1]]
    assert header[:8] == ["inspection", "figure", "kind", "type", "title", "value",
                          "rounded", "shown"]
    figures = len(rows)
    assert long.max_row == 1 + 6 * figures


def test_workbook_bytes_repeat(in_repo: Path, tmp_path: Path, capsys):
    first, wb = workbook(capsys, tmp_path, *DEMO)
    assert wb.properties.created.year == 2000 and wb.properties.modified.year == 2000
    data = first.read_bytes()
    second, _ = workbook(capsys, tmp_path, *DEMO)
    assert second.read_bytes() == data


def test_cells_from_user_text_are_not_formulas(tmp_path: Path, capsys):
    (tmp_path / "evil.crit").write_text(INJECTION, encoding="utf-8")
    (tmp_path / "cases.csv").write_text(INJECTION_CASES, encoding="utf-8")
    _, wb = workbook(capsys, tmp_path, tmp_path / "evil.crit", tmp_path / "cases.csv")
    texts = [cell.value for ws in wb for row in ws.iter_rows() for cell in row
             if isinstance(cell.value, str)]
    assert texts, "no text read back"
    formulas = [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))
                and not PLAIN_NUMBER.fullmatch(t)]  # `-2` is a number as text, not a formula
    assert formulas == []
    assert all(cell.data_type != "f" for ws in wb for row in ws.iter_rows() for cell in row)
    assert cell_text('=HYPERLINK("http://evil")x') in texts
    assert "'@attack" in texts and "'+SUM(A1:A9)" in texts and "'@SUM(1+1)" in texts
    assert "'-2+3 is five" in texts and "'=cmd|' /C calc'!A0, version 1" in texts
    assert "'=HYPERLINK(\"http://x\",\"click\")" in texts  # a band label
    inspections = {ws.title for ws in wb} - {"All figures"}
    assert len(inspections) == 3  # sheet titles are not cells: valid and unique instead
    ws = wb["All figures"]
    keys = {row[0].value for row in ws.iter_rows(min_row=2)}
    assert keys == {"'=HYPERLINK(\"http://evil\")x", "'@attack", "-2"}  # -2 is a number


@pytest.mark.parametrize(("fmt", "name"), [
    ("table", "results.xlsx"), ("csv", "results.json"), ("json", "results.csv"),
    ("xlsx", "results.csv"), ("xlsx", "results"), ("table", "results.html")])
def test_output_named_for_another_format_is_refused(fmt: str, name: str, in_repo: Path,
                                                    tmp_path: Path, capsys):
    code, out, err = run(capsys, "score", *DEMO, "--format", fmt, "-o", tmp_path / name)
    assert code == 2 and out == ""
    assert "critc score: " in err and ("--format" in err or "name it" in err)
    assert not (tmp_path / name).exists()


def test_xlsx_needs_an_output_file(in_repo: Path, capsys):
    code, out, err = run(capsys, "score", *DEMO, "--format", "xlsx")
    assert code == 2 and out == "" and "-o FILE.xlsx" in err


def test_matching_names_are_written(in_repo: Path, tmp_path: Path, capsys):
    for fmt, name in (("csv", "r.csv"), ("json", "r.json"), ("table", "r.txt")):
        code, _, err = run(capsys, "score", *DEMO, "--format", fmt, "-o", tmp_path / name)
        assert code == 0, err
        assert (tmp_path / name).stat().st_size > 0


def test_versions_directory_workbook(in_repo: Path, tmp_path: Path, capsys):
    _, wb = workbook(capsys, tmp_path, "examples/versions", "examples/versions/cases.csv")
    assert "All figures" in wb.sheetnames and len(wb.sheetnames) > 2
