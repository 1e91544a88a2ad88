"""Issue 16, item 7: one blank rule in every format and in the compiled module, and a
compiled module's `source_sha256` that covers the files its framework includes."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cli_run import run
from critc.compiler.check.passes import check_file
from critc.compiler.codegen.generate import generate
from critc.compiler.io.records import load_cases, load_inputs
from critc.compiler.model.cells import is_blank
from critc.compiler.plan.lower import plan_for

FRAMEWORK = """\
framework "Blanks" version "1"

scale answer
  yes "Yes" above the line
  no "No"

case fields
  ref "Case": text, case id
  insp "Inspection": text, inspection
  team: text
  risk: one of {low, high}
  flag: boolean
  age: number
  seen: date

inspection inputs
  lead: one of {good, poor}
  staff: number

section 1 "S" = mean of its questions
  question 1a "A"
  question 1b "B"
    applies when risk = high or flag
"""

COLUMNS = ["ref", "insp", "team", "risk", "flag", "age", "seen", "1a", "1b"]
# Every row but the first leaves one or more cells blank; BLANK marks them.
BLANK = object()
ROWS = [
    ["c1", "A", "north", "low", "true", "12", "2024-01-05", "yes", "no"],
    ["c2", "A", BLANK, "high", BLANK, BLANK, BLANK, BLANK, "yes"],
    ["c3", "A", "south", BLANK, "false", "3.5", "2024-02-29", "no", BLANK],
    ["c4", "B", BLANK, BLANK, BLANK, BLANK, BLANK, BLANK, BLANK],
]
INPUT_COLUMNS = ["insp", "lead", "staff"]
INPUT_ROWS = [["A", BLANK, "3"], ["B", "good", BLANK]]


def cells(rows, blank):
    return [[blank if v is BLANK else v for v in row] for row in rows]


def write_csv(path: Path, columns, rows, quoted: bool) -> Path:
    """A blank as an empty cell, or (`quoted`) as a quoted empty cell `""`."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        handle.write(",".join(columns) + "\n")
        for row in rows:
            handle.write(",".join(('""' if quoted else "") if v is BLANK else v
                                  for v in row) + "\n")
    return path


def write_jsonl(path: Path, columns, rows, blank) -> Path:
    """A blank as "" or null, or (blank is BLANK) as a key left out."""
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            obj = {c: (blank if v is BLANK else v) for c, v in zip(columns, row, strict=True)
                   if not (v is BLANK and blank is BLANK)}
            handle.write(json.dumps(obj) + "\n")
    return path


def write_json(path: Path, columns, rows, blank) -> Path:
    path.write_text(json.dumps([dict(zip(columns, row, strict=True))
                                for row in cells(rows, blank)]), encoding="utf-8")
    return path


def write_xlsx(path: Path, columns, rows, blank) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(columns)
    for row in cells(rows, blank):
        sheet.append(row)
    book.save(path)
    return path


def write_parquet(path: Path, columns, rows, blank) -> Path:
    data = cells(rows, blank)
    pq.write_table(pa.table({c: pa.array([r[i] for r in data], type=pa.string())
                             for i, c in enumerate(columns)}), path)
    return path


WRITERS = {
    "csv empty cell": lambda p, c, r: write_csv(p.with_suffix(".csv"), c, r, quoted=False),
    "csv quoted empty cell": lambda p, c, r: write_csv(p.with_suffix(".csv"), c, r, quoted=True),
    "jsonl empty string": lambda p, c, r: write_jsonl(p.with_suffix(".jsonl"), c, r, ""),
    "jsonl null": lambda p, c, r: write_jsonl(p.with_suffix(".jsonl"), c, r, None),
    "jsonl key left out": lambda p, c, r: write_jsonl(p.with_suffix(".jsonl"), c, r, BLANK),
    "json empty string": lambda p, c, r: write_json(p.with_suffix(".json"), c, r, ""),
    "json null": lambda p, c, r: write_json(p.with_suffix(".json"), c, r, None),
    "xlsx empty cell": lambda p, c, r: write_xlsx(p.with_suffix(".xlsx"), c, r, None),
    "xlsx empty string": lambda p, c, r: write_xlsx(p.with_suffix(".xlsx"), c, r, ""),
    "parquet empty string": lambda p, c, r: write_parquet(p.with_suffix(".parquet"), c, r, ""),
    "parquet null": lambda p, c, r: write_parquet(p.with_suffix(".parquet"), c, r, None),
}


@pytest.fixture(scope="module")
def checked():
    result = check_file("blanks.crit", FRAMEWORK)
    assert not [d for d in result.diagnostics if d.is_error]
    return result


def encoded(path: Path, inputs: Path, fw):
    table, problems = load_cases(path, fw)
    assert problems == [], [d.message for d in problems]
    given, problems = load_inputs(inputs, fw, ("A", "B"), dict(table.vocab))
    assert problems == [], [d.message for d in problems]
    return table, given


def test_is_blank_is_a_null_or_empty_text():
    assert is_blank(None) and is_blank("")
    assert not any(is_blank(t) for t in (" ", "\t", "0", "n/a", "null"))


@pytest.mark.parametrize("how", sorted(WRITERS))
def test_the_same_blank_in_every_format_reads_the_same(how, checked, tmp_path):
    fw = checked.model
    expected, expected_inputs = encoded(
        write_csv(tmp_path / "expected.csv", COLUMNS, ROWS, quoted=False),
        write_csv(tmp_path / "expected-inputs.csv", INPUT_COLUMNS, INPUT_ROWS, quoted=False),
        fw)
    table, inputs = encoded(WRITERS[how](tmp_path / "cases", COLUMNS, ROWS),
                            WRITERS[how](tmp_path / "inputs", INPUT_COLUMNS, INPUT_ROWS), fw)
    for name in expected.fields:
        assert np.array_equal(table.fields[name], expected.fields[name], equal_nan=True), name
    assert table.vocab == expected.vocab
    assert table.vocab["team"] == ("north", "south")  # no empty text among the words
    assert np.array_equal(table.answers, expected.answers)
    assert table.answers[:, 0].tolist() == [0, -1, 1, -1]
    assert table.fields["risk"].tolist() == [0, 1, -1, -1]
    for name in expected_inputs:
        assert np.array_equal(inputs[name], expected_inputs[name], equal_nan=True), name
    assert inputs["lead"].tolist() == [-1, 0]


def test_an_empty_case_id_or_inspection_key_is_blank(checked, tmp_path):
    rows = [["c1", "A", "x", "low", "true", "1", "2024-01-01", "yes", "no"],
            ["", "A", "x", "low", "true", "1", "2024-01-01", "yes", "no"]]
    path = write_jsonl(tmp_path / "ids.jsonl", COLUMNS, rows, "")
    _, problems = load_cases(path, checked.model)
    assert [(d.code, d.message) for d in problems] == \
        [("blank-case-id", "1 case has no `ref`")]
    inputs = write_jsonl(tmp_path / "in.jsonl", INPUT_COLUMNS,
                         [["A", "good", "1"], ["", "poor", "2"]], "")
    _, problems = load_inputs(inputs, checked.model, ("A",))
    assert problems == []  # the row with no inspection is for no inspection


def module_of(plan, name: str, folder: Path, text: str = FRAMEWORK):
    path = folder / f"{name}.py"
    path.write_text(generate(plan, "blanks.crit", text), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def module_inputs(blank) -> dict:
    return {row[0]: dict(zip(INPUT_COLUMNS[1:], row[1:], strict=True))
            for row in cells(INPUT_ROWS, blank)}


@pytest.mark.parametrize("blank", ["", None, math.nan], ids=["empty", "none", "nan"])
def test_the_compiled_module_reads_blanks_by_the_same_rule(blank, checked, tmp_path):
    module = module_of(plan_for(checked), "blanks_module", tmp_path)
    records = [dict(zip(COLUMNS, row, strict=True)) for row in cells(ROWS, blank)]
    nones = [dict(zip(COLUMNS, row, strict=True)) for row in cells(ROWS, None)]
    expected = module.score(nones, inputs=module_inputs(None))
    assert module.score(records, inputs=module_inputs(blank)) == expected
    assert expected["A"]["1a"] == 0.5  # c1 yes, c3 no; c2's blank is not counted
    assert module.score_case(records[1], module_inputs(blank)["A"]) == \
        module.score_case(nones[1], module_inputs(None)["A"])


# ----------------------------------------------------------------------------- source_sha256
ROOT = """framework "Inc" version "1"

include "shared/bands.crit"

scale answer
  yes "Yes" above the line
  no "No"

section 1 "S" = mean of its questions
  question 1a "A"
"""
SHARED = """band grade "Grade" on section 1
  70% and above: "Good"
  otherwise: "Poor"
"""


def compiled_metadata(root: Path, capsys) -> dict:
    out = root.parent / "module.py"
    code, _, err = run(capsys, "compile", root, "-o", out)
    assert code == 0, err
    spec = importlib.util.spec_from_file_location("module_inc", out)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.METADATA


def test_source_sha256_covers_included_files(tmp_path, capsys):
    (tmp_path / "shared").mkdir()
    root = tmp_path / "root.crit"
    root.write_text(ROOT, encoding="utf-8")
    (tmp_path / "shared" / "bands.crit").write_text(SHARED, encoding="utf-8")
    first = compiled_metadata(root, capsys)["source_sha256"]
    # `sha256sum root.crit shared/bands.crit | sha256sum`, from the framework's folder
    listing = "".join(f"{hashlib.sha256(text.encode()).hexdigest()}  {name}\n"
                      for name, text in [("root.crit", ROOT), ("shared/bands.crit", SHARED)])
    assert first == hashlib.sha256(listing.encode()).hexdigest()
    (tmp_path / "shared" / "bands.crit").write_text(SHARED.replace("70%", "75%"),
                                                    encoding="utf-8")
    changed = compiled_metadata(root, capsys)["source_sha256"]
    assert changed != first
    (tmp_path / "shared" / "bands.crit").write_text(SHARED, encoding="utf-8")
    assert compiled_metadata(root, capsys)["source_sha256"] == first  # same files, same hash


def test_source_sha256_of_a_single_file_is_its_own_hash(tmp_path, capsys):
    text = ROOT.replace('include "shared/bands.crit"\n', "")
    root = tmp_path / "single.crit"
    root.write_text(text, encoding="utf-8")
    assert compiled_metadata(root, capsys)["source_sha256"] == \
        hashlib.sha256(text.encode()).hexdigest()  # `sha256sum single.crit`


# ----------------------------------------------------------------------------- item 8
DATED = [["c1", "A", "north", "low", "true", "12", "12/06/2024", "yes", "no"],
         ["c2", "A", "south", "high", "false", "3", "01/02/2024", "no", "yes"]]


def test_dates_in_another_order_get_a_hint(tmp_path, capsys):
    (tmp_path / "blanks.crit").write_text(FRAMEWORK, encoding="utf-8")
    cases = write_csv(tmp_path / "cases.csv", COLUMNS, DATED, quoted=False)
    code, _, err = run(capsys, "score", tmp_path / "blanks.crit", cases)
    assert code == 1
    assert "error[invalid-value]: column `seen`: `12/06/2024` is not a date (YYYY-MM-DD) " \
        "(row 2)" in err
    assert "help: write dates as YYYY-MM-DD: `12/06/2024` is 2024-06-12 if the day comes " \
        "first, 2024-12-06 if the month does; or give the file's format: --date-format " \
        "%d/%m/%Y (day first) or --date-format %m/%d/%Y (month first)" in err


def test_date_format_reads_every_date_strictly(tmp_path, capsys, checked):
    (tmp_path / "blanks.crit").write_text(FRAMEWORK, encoding="utf-8")
    cases = write_csv(tmp_path / "cases.csv", COLUMNS, DATED, quoted=False)
    iso = write_csv(tmp_path / "iso.csv", COLUMNS,
                    [[*r[:6], "2024-06-12" if r[0] == "c1" else "2024-02-01", *r[7:]]
                     for r in DATED], quoted=False)
    code, out, err = run(capsys, "score", tmp_path / "blanks.crit", cases, "--date-format",
                         "%d/%m/%Y", "--format", "json")
    assert code == 0, err
    assert out == run(capsys, "score", tmp_path / "blanks.crit", iso, "--format", "json")[1]
    # strict: a date written otherwise (even YYYY-MM-DD) is not read
    mixed = write_csv(tmp_path / "mixed.csv", COLUMNS, [DATED[0], [*DATED[1][:6], "2024-02-01",
                                                                  *DATED[1][7:]]], quoted=False)
    code, _, err = run(capsys, "score", tmp_path / "blanks.crit", mixed, "--date-format",
                       "%d/%m/%Y")
    assert code == 1
    assert "column `seen`: `2024-02-01` is not a date (%d/%m/%Y) (row 3)" in err
    assert "every date in this file is written as %d/%m/%Y (12 June 2024 is `12/06/2024`)" in err


def test_date_format_reaches_the_inputs_and_tables_read_first(tmp_path, checked):
    from critc.compiler.io.reading import read_table
    from critc.compiler.io.sources import RecordsPath

    framework = FRAMEWORK.replace("  staff: number\n", "  staff: number\n  visit: date\n")
    fw = check_file("dated.crit", framework).model
    path = tmp_path / "inputs.csv"
    path.write_text("insp,lead,staff,visit\nA,good,3,12/06/2024\n", encoding="utf-8")
    given, problems = load_inputs(RecordsPath(path, date_format="%d/%m/%Y"), fw, ("A",))
    assert problems == [] and given["visit"].tolist() == [19886.0]  # 2024-06-12
    table = read_table(RecordsPath(path, date_format="%d/%m/%Y"))
    assert load_inputs(table, fw, ("A",))[0]["visit"].tolist() == [19886.0]
    _, problems = load_inputs(path, fw, ("A",))
    assert [d.code for d in problems] == ["invalid-value"]


@pytest.mark.parametrize("option", ["%d/%m/%y", "%Y-%m", "%d/%m/%Y %H:%M"])
def test_an_unusable_date_format_is_a_usage_error(option, tmp_path, capsys):
    (tmp_path / "blanks.crit").write_text(FRAMEWORK, encoding="utf-8")
    cases = write_csv(tmp_path / "cases.csv", COLUMNS, DATED, quoted=False)
    code, _, err = run(capsys, "score", tmp_path / "blanks.crit", cases, "--date-format", option)
    assert code == 2 and f"--date-format `{option}`" in err


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_sheet_names_the_sheet_of_cases_and_of_inputs(tmp_path, capsys):
    (tmp_path / "blanks.crit").write_text(FRAMEWORK, encoding="utf-8")
    rows = [COLUMNS, *cells(ROWS, None)]
    inputs = [INPUT_COLUMNS, *cells(INPUT_ROWS, None)]
    book = workbook(tmp_path / "book.xlsx", {"Notes": [], "Cases": rows, "Inputs": inputs})
    code, out, err = run(capsys, "score", tmp_path / "blanks.crit", book, "--sheet", "Cases",
                         "--inputs", book, "--inputs-sheet", "Inputs", "--format", "json")
    assert code == 0, err
    csv_cases = write_csv(tmp_path / "cases.csv", COLUMNS, ROWS, quoted=False)
    csv_inputs = write_csv(tmp_path / "inputs.csv", INPUT_COLUMNS, INPUT_ROWS, quoted=False)
    assert out == run(capsys, "score", tmp_path / "blanks.crit", csv_cases, "--inputs",
                      csv_inputs, "--format", "json")[1]


def test_an_empty_first_sheet_or_a_missing_one_names_the_sheets(tmp_path, capsys):
    (tmp_path / "blanks.crit").write_text(FRAMEWORK, encoding="utf-8")
    book = workbook(tmp_path / "book.xlsx", {"Notes": [], "Cases": [COLUMNS, *cells(ROWS, None)],
                                             "Inputs": [INPUT_COLUMNS]})
    code, _, err = run(capsys, "score", tmp_path / "blanks.crit", book)
    assert code == 1
    assert f"error[empty-records]: `{book}`: its first sheet, `Notes`, is empty" in err
    assert "help: the workbook's other sheets are `Cases`, `Inputs`; read one with --sheet " \
        "NAME (--inputs-sheet NAME for the inspection inputs)" in err
    code, _, err = run(capsys, "score", tmp_path / "blanks.crit", book, "--sheet", "cases")
    assert code == 1
    assert f"error[unknown-sheet]: `{book}` has no sheet `cases`; its sheets are `Notes`, " \
        "`Cases`, `Inputs`" in err and "did you mean `Cases`?" in err
    code, _, err = run(capsys, "score", tmp_path / "blanks.crit", book, "--sheet", "Inputs")
    assert f"`{book}`: sheet `Inputs` has a header but no cases" in err
    code, _, err = run(capsys, "score", tmp_path / "blanks.crit", tmp_path / "blanks.crit",
                       "--sheet", "Cases")
    assert code == 2 and "--sheet names a sheet of an .xlsx file" in err


def test_a_semicolon_separated_csv_says_so(tmp_path, capsys):
    (tmp_path / "blanks.crit").write_text(FRAMEWORK, encoding="utf-8")
    cases = tmp_path / "cases.csv"
    cases.write_text(";".join(COLUMNS) + "\n" + ";".join(DATED[0]) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "score", tmp_path / "blanks.crit", cases)
    assert code == 1
    assert err.count("error[") == 1  # not one missing column per field and question
    assert f"error[wrong-delimiter]: `{cases}` separates its values with semicolons (`;`), " \
        f"not commas: its header is one column, `{';'.join(COLUMNS)}`" in err
    assert f"so that the header is `{','.join(COLUMNS)}`" in err


def test_counts_in_messages_are_plural(checked, tmp_path):
    from critc.compiler.io.session import open_session

    rows = [["c1", "A", "x", "low", "false", "1", "2024-01-01", "yes", "no"],
            ["c2", "A", "x", "low", "false", "1", "2024-01-01", "yes", "yes"],
            ["c3", "A", "x", "high", "false", "1", "2024-01-01", "yes", ""]]
    path = write_csv(tmp_path / "c.csv", COLUMNS, rows, quoted=False)
    _, problems = open_session(checked, str(path))
    messages = sorted(d.message for d in problems)
    assert messages == ["question `1b` applies but is blank in 1 case (row 4 case c3)",
                        "question `1b` is answered in 2 cases where it does not apply (row 2 "
                        "case c1, row 3 case c2)"]


@pytest.mark.parametrize(("written", "path"), [
    ("..\\shared\\probation-cases.crit", "../shared/probation-cases.crit"),
    ("..\\new\\cases.crit", "../new/cases.crit"),  # `\n` here is a folder, not a line break
])
def test_backslashes_in_an_include_are_reported_and_followed_as_slashes(written, path):
    from critc.dsl import parse

    result = parse(f'framework "B" version "1"\n\ninclude "{written}"\n', "b.crit")
    assert [d.code for d in result.diagnostics] == ["backslash-in-include"]
    assert result.diagnostics[0].hint == f'write include "{path}" (it works on Windows too)'
    assert result.module.items[1].path == path


def test_escaped_backslashes_and_quotes_in_an_include_are_a_file_name():
    from critc.dsl import parse

    result = parse('include "a\\\\b \\"c\\".crit"\n', "b.crit")
    assert result.diagnostics == () and result.module.items[0].path == 'a\\b "c".crit'


def test_the_api_reads_a_records_path_with_its_sheet_and_date_format(tmp_path):
    import critc
    from critc.compiler.io.sources import RecordsPath

    (tmp_path / "blanks.crit").write_text(FRAMEWORK, encoding="utf-8")
    framework = critc.load(tmp_path / "blanks.crit")
    book = workbook(tmp_path / "book.xlsx", {"Notes": [], "Cases": [COLUMNS, *DATED]})
    iso = write_csv(tmp_path / "iso.csv", COLUMNS,
                    [[*r[:6], "2024-06-12" if r[0] == "c1" else "2024-02-01", *r[7:]]
                     for r in DATED], quoted=False)
    scores = framework.score(RecordsPath(book, sheet="Cases", date_format="%d/%m/%Y"))
    assert scores.to_pandas().equals(framework.score(iso).to_pandas())


def test_date_format_dates_the_inspections_of_a_version_directory(tmp_path, capsys):
    versions = Path(__file__).resolve().parent.parent / "examples" / "versions"
    lines = versions.joinpath("cases.csv").read_text(encoding="utf-8").splitlines()
    dated = [lines[0]] + [",".join(f"{v[8:10]}/{v[5:7]}/{v[:4]}" if i == 2 else v
                                   for i, v in enumerate(line.split(",")))
                          for line in lines[1:]]
    cases = tmp_path / "cases.csv"
    cases.write_text("\n".join(dated) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "score", versions, cases, "--date-format", "%d/%m/%Y",
                         "--format", "json")
    assert code == 0, err
    expected = run(capsys, "score", versions, versions / "cases.csv", "--format", "json")[1]
    assert json.loads(out)["inspections"] == json.loads(expected)["inspections"]
