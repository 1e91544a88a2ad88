"""Hardening regressions (issue 15, items 4 to 15): inputs found by fuzzing that crashed
critc or were scored silently are now diagnostics, each with a location."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from cli_run import run
from critc.compiler.check.passes import check_file
from critc.dsl import parse
from critc.dsl.parser import MAX_NESTING
from critc.dsl.printer import format_module

ROOT = Path(__file__).resolve().parents[1]
BASE = (ROOT / "tests" / "golden" / "checker_base.crit").read_text("utf-8")
SPARE = 'band spare\n  70% and above: "Good"\n  otherwise: "Poor"\n'

SMALL = '''framework "Deep" version "1"

scale yesno "Yes or no"
  yes "Yes" above the line
  no "No"

case fields
  case_ref "Case": text, case id
  area "Area": text, inspection
  n "N": number

section 1 "Work" = mean of its criteria
'''
CASES = "case_ref,area,n,1.1a\nc1,A,1,yes\nc2,A,2,no\nc3,B,0,yes\n"


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


# ----------------------------------------------------------------------------- 4: line endings
@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_an_allow_comment_works_with_any_line_ending(ending):
    text = BASE + "\n# critc: allow unused-band (kept)\n\n" + SPARE
    result = check_file("base.crit", text.replace("\n", ending))
    assert codes(result.diagnostics) == [] and codes(result.allowed) == ["unused-band"]


def test_a_trailing_allow_comment_with_cr_line_endings():
    text = BASE + "\n" + SPARE.replace("band spare\n", "band spare  # critc: allow unused-band\n")
    result = check_file("base.crit", text.replace("\n", "\r"))
    assert codes(result.diagnostics) == [] and codes(result.allowed) == ["unused-band"]


def test_fmt_keeps_comments_and_blank_lines_whatever_the_line_endings():
    text = BASE + "\n\n# a comment on its own\n" + SPARE.replace("band spare\n",
                                                                 "band spare  # why\n")
    expected = format_module(parse(text).module, parse(text).comments, text)
    cr = text.replace("\n", "\r")
    assert format_module(parse(cr).module, parse(cr).comments, cr) == expected


# ----------------------------------------------------------------------------- 5: nesting
def _nested(kind: str, depth: int) -> str:
    """A framework whose one expression nests `depth` levels deep (as the parser counts)."""
    question = '  criterion 1.1 "C" = mean(questions)\n    question 1.1a "Q"\n'
    condition = {
        "not": "not " * (depth - 1) + "n > 0",
        "negate": "- " * (depth - 1) + "1 < n",
        "sum": " + ".join(["n"] * depth) + " > 0",
    }
    if kind in condition:
        return SMALL + question + "      applies when " + condition[kind] + "\n"
    formula = {
        "mean": "mean(" * depth + "questions" + ")" * depth,
        "min": "min(" * depth + "questions" + ")" * depth,
        # a weighted mean and each of its weights are a level each
        "weighted": "weighted mean(" * (depth // 2) + "questions" + ": 1)" * (depth // 2),
    }[kind]
    return SMALL + f'  criterion 1.1 "C" = {formula}\n    question 1.1a "Q"\n'


KINDS = ["not", "negate", "sum", "mean", "min", "weighted"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_expression_nested_too_deep_is_a_located_error(kind, capsys, tmp_path):
    framework = tmp_path / "deep.crit"
    framework.write_text(_nested(kind, 500))
    code, out, err = run(capsys, "check", "--format", "json", framework)
    found = json.loads(out)
    assert code == 1 and [d["code"] for d in found] == ["expression-too-deep"]
    assert found[0]["span"]["line"] > 1
    assert run(capsys, "fmt", framework)[0] == 1


@pytest.mark.parametrize("kind", KINDS)
def test_an_expression_at_the_nesting_limit_goes_through_every_command(kind, capsys, tmp_path):
    framework, cases = tmp_path / "deep.crit", tmp_path / "cases.csv"
    framework.write_text(_nested(kind, MAX_NESTING))
    cases.write_text(CASES)
    assert run(capsys, "check", framework)[0] == 0
    code, formatted, _ = run(capsys, "fmt", framework)
    assert code == 0 and parse(formatted).module == parse(framework.read_text()).module
    assert run(capsys, "graph", framework)[0] == 0
    assert run(capsys, "score", framework, cases, "--format", "json")[0] == 0
    assert run(capsys, "explain", framework, cases, "--node", "1.1")[0] == 0
    module_path = tmp_path / "deep_module.py"
    assert run(capsys, "compile", framework, "-o", module_path)[0] == 0
    spec = importlib.util.spec_from_file_location("deep_module", module_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scores = module.score({"case_ref": ["c1", "c2"], "area": ["A", "A"], "n": [1, 2],
                           "1.1a": ["yes", "no"]})
    assert set(scores) == {"A"}
    assert "1.1" in module.score_case({"case_ref": "c1", "area": "A", "n": 1, "1.1a": "yes"})


# ----------------------------------------------------------------------------- 6: numbers
@pytest.mark.parametrize("row", [
    "1" + "0" * 400 + " and above",  # infinity as a float
    "0." + "0" * 400 + "1 and above",  # zero as a float
    "1" + "0" * 400 + "% and above",
])
def test_a_threshold_outside_the_range_of_numbers_is_a_located_error(row):
    text = BASE + "\n" + SPARE.replace("70% and above", row)
    found = [d for d in check_file("base.crit", text).diagnostics if d.is_error]
    assert codes(found) == ["number-out-of-range"]
    assert found[0].span.line == BASE.count("\n") + 3 and found[0].span.col == 3
    assert len(found[0].message) < 200


@pytest.mark.parametrize("formula", [
    "weighted mean(questions: 1" + "0" * 30 + ")",
    "mean(questions) * 1" + "0" * 400,
])
def test_weights_and_constants_outside_the_range_are_errors(formula):
    text = SMALL + f'  criterion 1.1 "C" = {formula}\n    question 1.1a "Q"\n'
    assert "number-out-of-range" in codes(check_file("n.crit", text).diagnostics)


def test_rounding_to_too_many_places_is_an_error():
    text = BASE + "\n" + SPARE.replace("band spare\n", "band spare rounding half up to 400 "
                                       "decimal places\n")
    assert "number-out-of-range" in codes(check_file("base.crit", text).diagnostics)


def test_fifteen_digit_numbers_are_still_numbers():
    text = BASE + "\n" + SPARE.replace("70% and above", "999999999999999.123456789012345 "
                                       "and above")
    assert "number-out-of-range" not in codes(check_file("base.crit", text).diagnostics)


# ----------------------------------------------------------------------------- 9, 10: cells
CELLS = '''framework "Cells" version "1"

scale answer
  sufficient above the line
  insufficient

case fields
  ref: text, case id
  insp: text, inspection
  size: number
  visits: integer
  seen: date
  flag: boolean

section 1 "S" = mean of its questions
  question 1a "A"
    applies when size > 0 and visits > 0 and seen > 2000-01-01 and flag
'''
GOOD = {"size": "2.5", "visits": "7", "seen": "2023-06-01", "flag": "true", "1a": "sufficient"}
BAD_CELLS = [
    ("size", v) for v in ["1_000", "１２", "٣", " 6", "6 ", "6\u00a0", "\u00a06", "6\t", "+6",
                          "1e3", ".5e1", "6.", "1e-400", ".5", "-", "1" + "0" * 400, "inf",
                          "nan", "0x10"]
] + [
    ("visits", v) for v in ["1e1", "1_0", "7e0", "7.", "7.5", "9007199254740993", "1e308",
                           "1" + "0" * 5000, " 7", "٣"]
] + [
    ("seen", v) for v in ["20230601", "2023-W22-4", "2023-06-01 ", "2023-6-01", "２０２３-06-01",
                          "2023-02-30", "2023-06-01T00:00"]
] + [
    ("flag", v) for v in [" true", "true ", "true\r", "tru", "ｔrue"]
] + [
    ("1a", v) for v in ["insufficient\r", "insufficient ", "\u00a0insufficient"]
]


def _cells_framework():
    from critc.compiler.check.passes import check_file as check

    result = check("cells.crit", CELLS)
    assert result.ok, result.diagnostics
    return result


def _csv_with(tmp_path, column: str, value: str) -> Path:
    import csv

    row = {"ref": "c1", "insp": "A", **GOOD, column: value}
    path = tmp_path / "cases.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row), lineterminator="\n",
                                quoting=csv.QUOTE_ALL)  # a CR stays in its cell
        writer.writeheader()
        writer.writerow(row)
    return path


@pytest.mark.parametrize(("column", "value"), BAD_CELLS)
def test_a_cell_outside_the_documented_forms_is_a_located_error(column, value, tmp_path):
    from critc.compiler.io.records import load_cases

    framework = _cells_framework().framework
    path = _csv_with(tmp_path, column, value)
    _table, problems = load_cases(path, framework)
    invalid = [d for d in problems if d.code == "invalid-value"]
    assert len(invalid) == 1 and invalid[0].is_error
    col = ["ref", "insp", *GOOD].index(column) + 1
    assert (invalid[0].span.line, invalid[0].span.col) == (2, col)
    assert len(invalid[0].message) < 300


@pytest.mark.parametrize(("column", "value"), BAD_CELLS)
def test_a_generated_module_refuses_the_same_cells(column, value, tmp_path):
    from critc.compiler.codegen.generate import generate
    from critc.compiler.plan.lower import plan_for

    module_path = tmp_path / "cells_module.py"
    module_path.write_text(generate(plan_for(_cells_framework()), "cells.crit", CELLS))
    spec = importlib.util.spec_from_file_location("cells_module", module_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    case = {"ref": "c1", "insp": "A", **GOOD}
    assert module.score_case(case)["1a"] == 1.0
    with pytest.raises(module.ScoringError, match=column):
        module.score({k: [v] for k, v in {**case, column: value}.items()})
    with pytest.raises(module.ScoringError, match=column):
        module.score_case({**case, column: value})


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("size", "-0.25", -0.25), ("size", "12", 12.0), ("visits", "7.0", 7.0),
    ("visits", "9007199254740992", 9007199254740992.0), ("visits", "-3", -3.0),
    ("flag", "YES", 1), ("flag", "0", 0),
])
def test_the_documented_forms_are_read_exactly(column, value, expected, tmp_path):
    from critc.compiler.io.records import load_cases

    table, problems = load_cases(_csv_with(tmp_path, column, value),
                                 _cells_framework().framework)
    assert problems == [] and table.fields[column][0] == expected


@pytest.mark.parametrize("value", [1e-05, 2.5e-7, 1e22, 0.1, 3.0, -1.5])
def test_typed_numbers_are_read_as_the_number_they_hold(value):
    from critc.compiler.model.cells import number_text, read_number

    assert read_number(number_text(value)) == value


HEADER = "ref,insp,size,visits,seen,flag,1a"


@pytest.mark.parametrize(("body", "line"), [
    (HEADER + "\nc1,A,1,2,2023-06-01,true,insufficient\r\n", 2),
    (HEADER + "\nc1,A,1,2,2023-06-01,true,insufficient\r", 2),
    (HEADER + "\r\nc1,A,1,2,2023-06-01,true\r,insufficient\r\n", 2),
    (HEADER + "\r\nc0,A,1,2,2023-06-01,true,sufficient\r\n"
     "c1,A,1,2,2023-06-01,true,insufficient\n", 3),
])
def test_a_stray_carriage_return_in_a_csv_is_not_a_line_ending(body, line, tmp_path):
    """`insufficient` then CR, in a file whose lines end in LF, is refused as `insufficient `
    is; it was read as `insufficient`."""
    from critc.compiler.io.records import load_cases

    path = tmp_path / "cases.csv"
    path.write_bytes(body.encode())
    _table, problems = load_cases(path, _cells_framework().framework)
    assert [(d.code, d.span.line) for d in problems] == [("malformed-records", line)]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_any_one_line_ending_reads_the_same(ending, tmp_path):
    from critc.compiler.io.records import load_cases

    lines = [HEADER, "c1,A,1,2,2023-06-01,true,insufficient",
             'c2,A,1,2,2023-06-01,true,"in\r\nsufficient"']
    path = tmp_path / "cases.csv"
    path.write_bytes(ending.join(lines).encode() + ending.encode())
    _table, problems = load_cases(path, _cells_framework().framework)
    assert [(d.code, d.span.line) for d in problems] == [("invalid-value", 3)]


# ----------------------------------------------------------------------------- 7: Parquet
@pytest.mark.parametrize("column", [
    pa.array([[1, 2]], type=pa.list_(pa.int64())),
    pa.array([{"a": 1}], type=pa.struct([("a", pa.int64())])),
    pa.array([[("k", 1)]], type=pa.map_(pa.string(), pa.int64())),
    pa.array([b"\xff"], type=pa.binary()),
])
def test_a_parquet_column_that_cannot_hold_a_cell_is_a_located_error(column, tmp_path):
    import pyarrow.parquet as pq
    from critc.compiler.io.records import load_cases

    path = tmp_path / "cases.parquet"
    table = pa.table({"ref": ["c1"], "insp": ["A"], "size": column})
    pq.write_table(table, path)
    _table, problems = load_cases(path, _cells_framework().framework)
    assert [(d.code, d.span.line, d.span.col) for d in problems] == [
        ("unsupported-column-type", 1, 3)]
    kind = str(column.type).split("<")[0]  # list, struct, map, binary
    assert "`size`" in problems[0].message and f"type `{kind}" in problems[0].message


def test_parquet_numbers_and_dates_are_read_as_cells(tmp_path):
    import datetime

    import pyarrow.parquet as pq
    from critc.compiler.io.records import load_cases

    path = tmp_path / "cases.parquet"
    pq.write_table(pa.table({
        "ref": ["c1", "c2"], "insp": ["A", "A"], "size": [123456789012.5, 1e-05],
        "visits": pa.array([7, 8], type=pa.int32()),
        "seen": [datetime.date(2023, 6, 1), datetime.date(2023, 6, 2)],
        "flag": [True, False], "1a": pa.array(["sufficient", "insufficient"]).dictionary_encode(),
    }), path)
    table, problems = load_cases(path, _cells_framework().framework)
    assert problems == [] and table.fields["size"].tolist() == [123456789012.5, 1e-05]


# ----------------------------------------------------------------------------- 8: columns
def test_a_csv_with_a_million_columns_is_refused_early(tmp_path):
    import time

    from critc.compiler.io.records import load_cases

    path = tmp_path / "wide.csv"
    names = [f"c{i}" for i in range(1_000_000)]
    path.write_text(",".join(names) + "\n" + ",".join("x" for _ in names) + "\n")
    start = time.perf_counter()
    _table, problems = load_cases(path, _cells_framework().framework)
    assert time.perf_counter() - start < 20
    assert [(d.code, d.span.line) for d in problems] == [("too-many-columns", 1)]
    assert "1,000,000 columns" in problems[0].message


def test_unknown_columns_are_one_warning(tmp_path):
    from critc.compiler.io.records import load_cases

    row = {"ref": "c1", "insp": "A", **GOOD, **{f"extra{i}": "x" for i in range(200)}}
    path = tmp_path / "cases.csv"
    path.write_text(",".join(row) + "\n" + ",".join(row.values()) + "\n")
    _table, problems = load_cases(path, _cells_framework().framework)
    assert [(d.code, d.span.col) for d in problems] == [("unknown-column", 8)]
    assert "200 columns" in problems[0].message and "and 195 more" in problems[0].message


# ----------------------------------------------------------------------------- 11: JSON keys
@pytest.mark.parametrize(("name", "text", "at"), [
    ("cases.jsonl", '{"ref": "c0", "insp": "A"}\n{"ref": "c1", "insp": "A", "insp": "B"}\n',
     (2, 28)),
    ("cases.json", '[\n  {"ref": "c1",\n   "insp": "A",\n   "insp": "B"}\n]\n', (4, 4)),
])
def test_a_duplicate_json_key_is_a_located_error(name, text, at, tmp_path):
    from critc.compiler.io.records import load_cases

    path = tmp_path / name
    path.write_text(text)
    _table, problems = load_cases(path, _cells_framework().framework)
    assert [(d.code, (d.span.line, d.span.col)) for d in problems] == [("duplicate-key", at)]
    assert "`insp`" in problems[0].message


@pytest.mark.parametrize("text", ['{"ref": ' + "1" * 5000 + "}\n", "[" * 100_000 + "]" * 100_000])
def test_json_that_python_cannot_parse_is_malformed_not_a_crash(text, tmp_path):
    from critc.compiler.io.records import load_cases

    path = tmp_path / "cases.jsonl"
    path.write_text(text)
    _table, problems = load_cases(path, _cells_framework().framework)
    assert [(d.code, d.span.line) for d in problems] == [("malformed-records", 1)]


# ----------------------------------------------------------------------------- 12: formulas
def _workbook(tmp_path, formula_value: object) -> Path:
    """A workbook whose `insp` cell in row 3 is a formula, saved with `formula_value` as its
    cached value (None: no value, as a program that writes formulas leaves it)."""
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    header = ["ref", "insp", *GOOD]
    sheet.append(header)
    sheet.append(["c1", "A", 2.5, 7, "2023-06-01", "true", "sufficient"])
    sheet.append(["c2", '=B2', 2.5, 7, "2023-06-01", "true", "sufficient"])
    path = tmp_path / "cases.xlsx"
    book.save(path)
    if formula_value is not None:  # openpyxl writes no cached values; add one as Excel does
        with zipfile.ZipFile(path) as old:
            parts = {n: old.read(n) for n in old.namelist()}
        name = "xl/worksheets/sheet1.xml"
        parts[name] = parts[name].replace(b"<f>B2</f><v />", b"<f>B2</f>"
                                          b"<v>" + formula_value.encode() + b"</v>")
        parts[name] = parts[name].replace(b'<c r="B3"', b'<c r="B3" t="str"')
        assert f"<v>{formula_value}</v>".encode() in parts[name]
        with zipfile.ZipFile(path, "w") as new:
            for n, data in parts.items():
                new.writestr(n, data)
    return path


def test_a_formula_cell_without_a_saved_value_is_a_located_error(tmp_path):
    from critc.compiler.io.records import load_cases

    path = _workbook(tmp_path, None)
    _table, problems = load_cases(path, _cells_framework().framework)
    assert [(d.code, d.span.line, d.span.col) for d in problems] == [
        ("formula-without-value", 3, 2)]
    assert "`insp`" in problems[0].message


def test_a_formula_cell_with_a_saved_value_is_read_with_a_warning(tmp_path):
    from critc.compiler.io.records import load_cases

    path = _workbook(tmp_path, "A")
    table, problems = load_cases(path, _cells_framework().framework)
    assert [(d.code, d.span.line, d.span.col, d.is_error) for d in problems] == [
        ("formula-cell", 3, 2, False)]
    assert table is not None and table.n == 2


# ----------------------------------------------------------------------------- 13: inputs
def test_a_second_row_of_inputs_for_one_inspection_is_an_error(tmp_path):
    from critc.compiler.io.records import load_inputs

    framework = check_file("i.crit", CELLS + "\ninspection inputs\n  staff: number\n")
    assert framework.ok, framework.diagnostics
    path = tmp_path / "inputs.csv"
    path.write_text("insp,staff\nA,3\nB,4\nA,5\n")
    _inputs, problems = load_inputs(path, framework.framework, ("A", "B"))
    assert [(d.code, d.span.line, d.span.col) for d in problems] == [
        ("duplicate-inspection", 4, 1)]
    assert "2 and 4" in problems[0].message


# ----------------------------------------------------------------------------- 14: messages
@pytest.mark.parametrize("name", ["cases.txt", "missing.csv"])
def test_unreadable_case_files_are_located(name, tmp_path, capsys):
    framework = tmp_path / "cells.crit"
    framework.write_text(CELLS)
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x")
    code, _out, err = run(capsys, "score", framework, tmp_path / name)
    assert code == 1 and f"--> {tmp_path / name}:1:1" in err


def test_long_cells_are_clipped_in_every_message(tmp_path):
    from critc.compiler.io.records import load_cases, load_inputs

    long = "x" * 10_000
    path = tmp_path / "cases.csv"
    path.write_text(f"ref,insp,size,visits,seen,flag,1a,{long},{long}y\n"
                    f"{long},A,1,2,2023-06-01,true,sufficient,x,x\n"
                    f"{long},A,{long},2,2023-06-01,true,{long},x,x\n")
    _table, problems = load_cases(path, _cells_framework().framework)
    assert problems and all(len(d.message) + len(d.hint or "") < 1000 for d in problems)
    framework = check_file("i.crit", CELLS + "\ninspection inputs\n  staff: number\n")
    inputs = tmp_path / "inputs.csv"
    inputs.write_text(f"insp,staff\n{long},3\n{long},4\n")
    _inputs, problems = load_inputs(inputs, framework.framework, ("A",))
    assert problems and all(len(d.message) + len(d.hint or "") < 1000 for d in problems)


# ----------------------------------------------------------------------------- 15: writes
INTERRUPTED_WRITE = """
import os, sys, time
from pathlib import Path
from critc.compiler.io import files

def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)

files.os.fsync = slow_fsync
files.write_atomic(Path(sys.argv[1]), "new content")
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_write_removes_the_temporary_file(signum, tmp_path):
    target = tmp_path / "scores.json"
    target.write_text("old content")
    child = subprocess.Popen([sys.executable, "-c", INTERRUPTED_WRITE, str(target)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "writing\n"
        assert len(list(tmp_path.iterdir())) == 2  # the output and its temporary file
        child.send_signal(signum)
        child.wait(timeout=20)
    finally:
        child.kill()
    assert child.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.json"]
    assert target.read_text() == "old content"


def test_stale_temporary_files_of_the_same_output_are_removed(tmp_path):
    from critc.compiler.io.files import write_atomic

    stale = tmp_path / ".scores.json.ab12cd_9.tmp"
    kept = [tmp_path / ".scores.json.ab12cd_9.tmp.bak", tmp_path / ".other.json.ab12cd_9.tmp",
            tmp_path / ".scores.json.short.tmp", tmp_path / "scores.json.ab12cd_9.tmp"]
    for path in (stale, *kept):
        path.write_text("half")
        os.utime(path, (1_000_000_000, 1_000_000_000))  # 2001: left by an earlier run
    fresh = tmp_path / ".scores.json.zz99zz_0.tmp"  # another write, under way now
    fresh.write_text("half")
    write_atomic(tmp_path / "scores.json", "new")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["scores.json", fresh.name, *(p.name for p in kept)])
