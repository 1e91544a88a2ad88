"""Case-record readers and validation: every format gives the same CaseTable, and every
problem in a file is reported at once, with its row and column, never as an exception."""

from __future__ import annotations

import csv
import datetime
import json
import tempfile
from pathlib import Path

import numpy as np
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from critc.compiler.engine.cases import group_cases
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.io.records import load_cases, load_inputs, read_table
from critc.compiler.io.validate import check_answers
from engine_strategies import compile_text, scenarios, write_cases_csv
from hypothesis import given
from hypothesis import strategies as st

FRAMEWORK = """\
framework "Validation" version "1"

scale answer
  yes "Yes" above the line aliases "Y"
  no "No"
  na "N/A" not applicable aliases "n/a"

case fields
  ref "Case": text, case id
  insp "Inspection": text, inspection
  risk: one of {low, high}
  flag: boolean
  age: number
  seen: date

section 1 "S" = mean of its questions
  question 1a "A"
  question 1b "B"
    applies when risk = high
"""

COLUMNS = ["ref", "insp", "risk", "flag", "age", "seen", "1a", "1b"]
# Typed values, as a spreadsheet or a Parquet file holds them (None = blank).
ROWS = [
    ["c1", "Ashford", "low", True, 12, datetime.date(2024, 1, 5), "yes", None],
    ["c2", "Ashford", "high", False, 3.5, datetime.date(2024, 2, 29), "no", "Y"],
    ["c3", "Brämpton", None, None, None, None, "n/a", None],
    ["c4", "Brämpton", "high", True, 0, datetime.date(2023, 12, 31), None, "yes"],
    ["c5", "Dun,more", "low", False, 7, datetime.date(2024, 3, 1), "Y", "na"],
]


def fw():
    return compile_text(FRAMEWORK, "validation.crit")[0].framework


def plan():
    return compile_text(FRAMEWORK, "validation.crit")[1]


def text_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, rows=ROWS, columns=COLUMNS, bom=False) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n" if bom else "\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([text_value(v) for v in row])
    return path


def write_jsonl(path: Path, rows=ROWS, columns=COLUMNS) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            obj = {c: (v.isoformat() if isinstance(v, datetime.date) else v)
                   for c, v in zip(columns, row, strict=True)}
            handle.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def write_xlsx(path: Path, rows=ROWS, columns=COLUMNS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(columns)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_parquet(path: Path, rows=ROWS, columns=COLUMNS, types=None) -> Path:
    data = {c: [row[i] for row in rows] for i, c in enumerate(columns)}
    types = types if types is not None else \
        {"flag": pa.bool_(), "age": pa.float64(), "seen": pa.date32()}
    table = pa.table({c: pa.array(v, type=types.get(c, pa.string())) for c, v in data.items()})
    pq.write_table(table, path)
    return path


WRITERS = {
    "csv": lambda d: write_csv(d / "cases.csv"),
    "csv with BOM": lambda d: write_csv(d / "cases.csv", bom=True),
    "jsonl": lambda d: write_jsonl(d / "cases.jsonl"),
    "xlsx": lambda d: write_xlsx(d / "cases.xlsx"),
    "parquet": lambda d: write_parquet(d / "cases.parquet"),
}


def assert_same_table(a, b) -> None:
    assert a.n == b.n
    assert a.fields.keys() == b.fields.keys()
    for name in a.fields:
        assert a.fields[name].dtype == b.fields[name].dtype, name
        assert np.array_equal(a.fields[name], b.fields[name], equal_nan=True), name
    assert a.vocab == b.vocab
    assert np.array_equal(a.answers, b.answers)
    assert a.question_ids == b.question_ids
    assert list(a.case_ids) == list(b.case_ids)
    for t in (a, b):  # rows are file rows: lines from 1 in JSON Lines, from 2 after a
        # header; Parquet has no header row, so its records count from 1
        first = 1 if t.source.endswith((".jsonl", ".parquet")) else 2
        assert t.rows.tolist() == list(range(first, first + t.n)), t.source


def load(path):
    table, problems = load_cases(path, fw())
    return table, problems


# ----------------------------------------------------------------------------- readers
@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_reader_gives_the_same_case_table(fmt, tmp_path):
    expected, problems = load(write_csv(tmp_path / "expected.csv"))
    assert problems == []
    table, problems = load(WRITERS[fmt](tmp_path))
    assert problems == [], [d.message for d in problems]
    assert_same_table(table, expected)
    # The encodings themselves: blanks are -1 / NaN, aliases map to their codes.
    assert table.fields["risk"].tolist() == [0, 1, -1, 1, 0]
    assert table.fields["flag"].tolist() == [1, 0, -1, 1, 0]
    assert np.array_equal(table.fields["age"], [12, 3.5, np.nan, 0, 7], equal_nan=True)
    assert table.fields["seen"][0] == (datetime.date(2024, 1, 5) - datetime.date(1970, 1, 1)).days
    assert table.answers[:, 0].tolist() == [0, 1, 2, -1, 0]
    assert table.answers[:, 1].tolist() == [-1, 0, -1, 0, 2]
    assert table.vocab["insp"] == ("Ashford", "Brämpton", "Dun,more")


@given(scenarios(max_cases=5))
def test_readers_agree_on_generated_archives(scenario):
    """CSV (with and without BOM), JSON Lines, Excel and Parquet of the same random
    archive give identical tables, and identical scores."""
    result, plan_ = compile_text(scenario.text)
    framework = result.framework
    spec = scenario.spec
    columns = spec.case_fields + [q.id for q in spec.questions]
    rows = [[s[c] or None for c in columns] for s in scenario.spellings]
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        base, problems = load_cases(write_cases_csv(d / "a.csv", scenario), framework)
        assert not [p for p in problems if p.is_error]
        paths = [write_csv(d / "b.csv", rows, columns, bom=True),
                 write_jsonl(d / "c.jsonl", rows, columns),
                 write_xlsx(d / "d.xlsx", rows, columns),
                 write_parquet(d / "e.parquet", _typed(rows, columns, spec), columns,
                               {c: pa.bool_() for c in spec.bools + (spec.guard,)})]
        for path in paths:
            table, problems = load_cases(path, framework)
            assert not [p for p in problems if p.is_error], (path.suffix, problems)
            assert_same_table(table, base)
    grouping = group_cases(base, None, None)
    evaluate(plan_, base, grouping, {})


def _typed(rows, columns, spec):
    """Booleans as real booleans (for Parquet's bool type)."""
    out = []
    for row in rows:
        typed = []
        for c, v in zip(columns, row, strict=True):
            if c in spec.bools or c == spec.guard:
                typed.append(None if v is None else v.lower() in ("true", "yes", "1"))
            else:
                typed.append(v)
        out.append(typed)
    return out


def test_json_array_and_inputs_keyed_by_inspection(tmp_path):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([{c: text_value(v) or None for c, v in zip(COLUMNS, row,
                                                                          strict=True)}
                                for row in ROWS]), encoding="utf-8")
    table, problems = load(path)
    assert problems == []
    expected, _ = load(write_csv(tmp_path / "expected.csv"))
    assert_same_table(table, expected)


def test_inputs_file_missing_and_unknown_inspections(tmp_path):
    text = FRAMEWORK.replace("section 1", "inspection inputs\n  staff: number\n\nsection 1")
    framework = compile_text(text, "inputs.crit")[0].framework
    path = tmp_path / "inputs.csv"
    path.write_text("insp,staff\nAshford,3\nNowhere,2\nBrämpton,x\n", encoding="utf-8")
    inputs, problems = load_inputs(path, framework, ("Ashford", "Brämpton", "Dun,more"))
    codes = {(d.code, d.severity.value, d.span.line, d.span.col) for d in problems}
    assert ("invalid-value", "error", 4, 2) in codes
    assert ("unknown-inspection", "warning", 3, 1) in codes
    assert any(d.code == "missing-inputs" and "Dun,more" in d.message for d in problems)
    assert inputs["staff"][0] == 3 and np.isnan(inputs["staff"][2])


# ----------------------------------------------------------------------------- validation
def diagnostics_by_code(problems):
    out: dict[str, list] = {}
    for d in problems:
        out.setdefault(d.code, []).append(d)
    return out


def test_every_problem_is_reported_in_one_run_with_row_and_column(tmp_path):
    header = ["ref", "insp", "risk", "flag", "age", "seen", "1a", "extra"]  # no 1b column
    rows = [
        ["c1", "X", "low", "true", "12", "2024-01-05", "yes", ""],
        ["c2", "X", "medium", "maybe", "twelve", "2024-13-01", "Yes ", ""],  # row 3
        ["c1", "X", "high", "TRUE", "1e3", "2024-02-29", "YES", ""],  # row 4: duplicate id
        ["c4", "X", "high", " true", "", "", "yes ", ""],  # row 5
    ]
    path = tmp_path / "bad.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    table, problems = load(path)
    found = diagnostics_by_code(problems)

    missing = found["missing-column"]
    assert [d.message for d in missing] == ["no column for question `1b`"]
    assert (missing[0].span.line, missing[0].span.col) == (1, 1)
    assert [(d.span.line, d.span.col) for d in found["unknown-column"]] == [(1, 8)]
    assert not found["unknown-column"][0].is_error

    invalid = {(d.span.line, d.span.col): d for d in found["invalid-value"]}
    # 1e3 (row 4) is not a number as case records write one (docs/case-records.md)
    assert set(invalid) == {(3, 3), (3, 4), (5, 4), (3, 5), (4, 5), (3, 6), (3, 7), (4, 7),
                            (5, 7)}
    assert "`medium`" in invalid[3, 3].message and "`low`" in invalid[3, 3].hint
    assert "`maybe`" in invalid[3, 4].message
    assert "` true`" in invalid[5, 4].message  # booleans are not trimmed either
    assert "`twelve`" in invalid[3, 5].message
    assert "`2024-13-01`" in invalid[3, 6].message
    # `Yes ` is not `yes` (nor the declared alias `Y`); the hint says why.
    assert "`Yes `" in invalid[3, 7].message
    assert "`yes`" in invalid[3, 7].hint and "alias" in invalid[3, 7].hint
    assert "`YES`" in invalid[4, 7].message and "`yes`" in invalid[4, 7].hint
    assert "spaces around it" in invalid[5, 7].hint
    assert all(d.is_error for d in invalid.values())

    dupes = found["duplicate-case-id"]
    assert len(dupes) == 1 and "rows 2, 4" in dupes[0].message
    assert (dupes[0].span.line, dupes[0].span.col) == (4, 1)
    assert table is not None and table.fields["age"][0] == 12.0


def test_a_declared_alias_is_accepted(tmp_path):
    path = write_csv(tmp_path / "cases.csv", [["c1", "X", "high", "yes", "1", "2024-01-01",
                                               "Y", "n/a"]])
    table, problems = load(path)
    assert problems == []
    assert table.answers.tolist() == [[0, 2]]


def test_answers_where_a_question_does_not_apply_and_blanks_where_it_does(tmp_path):
    rows = [
        ["c1", "X", "low", True, 1, None, "yes", "no"],  # 1b answered, does not apply
        ["c2", "X", "high", True, 1, None, None, None],  # 1a, 1b blank where they apply
        ["c3", "X", None, True, 1, None, "no", "yes"],  # risk blank: 1b does not apply
        ["c4", "X", "low", True, 1, None, "yes", "na"],  # N/A where it does not apply: fine
    ]
    table, problems = load(write_csv(tmp_path / "cases.csv", rows))
    assert problems == []
    p = plan()
    grouping = group_cases(table, "insp", lambda f, c: table.vocab[f][int(c)])
    for strict in (False, True):
        found = diagnostics_by_code(check_answers(p, table, grouping, {}, strict))
        stray = found["answer-where-not-applicable"]
        assert len(stray) == 1 and stray[0].is_error is strict
        assert "`1b`" in stray[0].message and "2 cases where" in stray[0].message
        assert "row 2 case c1" in stray[0].message and "row 4 case c3" in stray[0].message
        assert (stray[0].span.line, stray[0].span.col) == (2, 8)
        assert "risk = high" in stray[0].hint
        blank = found["applicable-left-blank"]
        assert sorted((d.message.split("`")[1], d.span.line, d.span.col) for d in blank) == \
            [("1a", 3, 7), ("1b", 3, 8)]
        assert all(not d.is_error for d in blank)
        assert "missing" in blank[0].hint
    results = evaluate(p, table, grouping, {})
    index = p.question("1a").index
    assert results.missing[0, index] == 1 and results.denominators[0, index] == 3
    # The stray answers are not counted.
    assert results.denominators[0, p.question("1b").index] == 0
    assert np.isnan(results.values["1b"][0])


BAD_FILES = {
    "empty.csv": b"",
    "blank-lines.csv": b"\n\n  \n",
    "header-only.csv": b"ref,insp,risk,flag,age,seen,1a,1b\n",
    "header-only-no-newline.csv": b"ref,insp,risk,flag,age,seen,1a,1b",
    "truncated.csv": b"ref,insp,risk,flag,age,seen,1a,1b\nc1,X,low,true,1,2024-01-01,yes,\n"
                     b"c2,X,hi",
    "ragged.csv": b"ref,insp,risk,flag,age,seen,1a,1b\nc1,X,low\nc2,X,low,true,1,,yes,\n",
    "duplicate-header.csv": b"ref,ref,insp\nc1,c2,X\n",
    "unclosed-quote.csv": b'ref,insp,risk,flag,age,seen,1a,1b\n"c1,X,low,true,1,,yes,\n',
    "binary.csv": bytes(range(256)) * 4,
    "cp1252.csv": "ref,insp,risk,flag,age,seen,1a,1b\nc1,Caf\u00e9,low,true,1,,yes,\n"
                  .encode("cp1252"),
    "empty.jsonl": b"",
    "not-json.jsonl": b'{"ref": "c1"}\n{"ref": \n',
    "not-objects.jsonl": b"[1, 2]\n",
    "nested.jsonl": b'{"ref": {"a": 1}}\n',
    "binary.jsonl": b"\x00\x01\x02{}",
    "not-a-list.json": b'"text"',
    "garbage.xlsx": b"PK\x03\x04 this is not a workbook",
    "text.xlsx": b"ref,insp\nc1,X\n",
    "garbage.parquet": b"PAR1 not really parquet",
    "unknown.txt": b"ref\nc1\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_unreadable_files_give_one_diagnostic_never_an_exception(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    table, problems = load(path)
    assert table is None
    assert len(problems) == 1 and problems[0].is_error
    d = problems[0]
    if name.endswith(".txt"):
        assert d.code == "unknown-format"
        return
    assert d.span is not None and d.span.line >= 1 and d.span.col >= 1
    expected = {
        "empty.csv": "empty-records", "blank-lines.csv": "empty-records",
        "header-only.csv": "empty-records", "header-only-no-newline.csv": "empty-records",
        "truncated.csv": "malformed-records", "ragged.csv": "malformed-records",
        "duplicate-header.csv": "duplicate-column", "binary.csv": "not-text",
        "cp1252.csv": "not-utf8", "empty.jsonl": "empty-records",
    }
    if name in expected:
        assert d.code == expected[name], (d.code, d.message)
    if name == "truncated.csv":
        assert "truncated" in d.message and d.span.line == 3
    if name == "ragged.csv":
        assert d.span.line == 2
    if name == "cp1252.csv":
        assert d.span.line == 2 and "0xe9" in d.message
    if name == "duplicate-header.csv":
        assert d.span.col == 2


def test_missing_file_and_a_directory(tmp_path):
    table, problems = load(tmp_path / "nowhere.csv")
    assert table is None and [d.code for d in problems] == ["file-not-found"]
    (tmp_path / "dir.csv").mkdir()
    table, problems = load(tmp_path / "dir.csv")
    assert table is None and len(problems) == 1 and problems[0].is_error


def test_header_only_excel_and_parquet(tmp_path):
    table, problems = load(write_xlsx(tmp_path / "h.xlsx", rows=[]))
    assert table is None and problems[0].code == "empty-records"
    table, problems = load(write_parquet(tmp_path / "h.parquet", rows=[]))
    assert table is None and problems[0].code == "empty-records"


SUFFIXES = st.sampled_from([".csv", ".jsonl", ".json", ".xlsx", ".parquet"])


@given(st.one_of(st.binary(max_size=300),
                 st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                 st.lists(st.lists(st.sampled_from(["c1", "X", "low", "yes", "", "true", '"',
                                                    ",", "\n", "é", "1b"]), max_size=9),
                          max_size=5)
                 .map(lambda rows: "\n".join(",".join(r) for r in
                                             [COLUMNS] + rows).encode("utf-8"))),
       SUFFIXES)
def test_arbitrary_bytes_never_raise(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"cases{suffix}"
        path.write_bytes(data)
        table, problems = load_cases(path, fw())
        assert table is not None or any(p.is_error for p in problems)
        for p in problems:
            assert p.span is None or p.span.line >= 0


def test_read_table_gives_string_columns(tmp_path):
    table = read_table(write_parquet(tmp_path / "t.parquet"))
    assert all(pa.types.is_string(t) for t in table.schema.types)
    assert table.column("flag").to_pylist() == ["true", "false", None, "true", "false"]
    assert table.column("age").to_pylist()[:2] == ["12", "3.5"]


BAD_ANSWER_ROW = ["c2", "X", "high", True, 1, None, "maybe", "yes"]


def _bad_row(problems) -> int:
    (d,) = [d for d in problems if d.code == "invalid-value"]
    assert "`maybe`" in d.message
    return d.span.line


def test_rows_are_file_rows_despite_blank_lines_and_values_spanning_lines(tmp_path):
    good = ["c1", "X", "low", True, 1, None, "yes", None]
    path = tmp_path / "blank-lines.csv"
    path.write_text("ref,insp,risk,flag,age,seen,1a,1b\n"
                    "c1,X,low,true,1,,yes,\n\n\n"
                    "c2,X,high,true,1,,maybe,yes\n", encoding="utf-8")
    table, problems = load(path)
    assert _bad_row(problems) == 5 and table.rows.tolist() == [2, 5]
    path = tmp_path / "multi-line.csv"
    path.write_text('ref,insp,risk,flag,age,seen,1a,1b\n'
                    'c1,"X\nsecond line",low,true,1,,yes,\n'
                    "c2,X,high,true,1,,maybe,yes\n", encoding="utf-8")
    table, problems = load(path)
    assert _bad_row(problems) == 4 and table.vocab["insp"][0] == "X\nsecond line"
    # JSON Lines: the line of each object (no header line).
    path = write_jsonl(tmp_path / "cases.jsonl", [good, BAD_ANSWER_ROW])
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n\n", 1),
                    encoding="utf-8")
    table, problems = load(path)
    assert _bad_row(problems) == 3 and table.rows.tolist() == [1, 3]
    # Excel: the sheet row, past an empty row.
    path = write_xlsx(tmp_path / "cases.xlsx", [good, [None] * 8, BAD_ANSWER_ROW])
    table, problems = load(path)
    assert _bad_row(problems) == 4 and table.rows.tolist() == [2, 4]


def test_duplicate_ids_and_stray_answers_name_file_rows(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("ref,insp,risk,flag,age,seen,1a,1b\n\n"
                    "c1,X,low,true,1,,yes,yes\n\n"
                    "c1,X,low,true,1,,yes,\n", encoding="utf-8")
    table, problems = load(path)
    (dupe,) = [d for d in problems if d.code == "duplicate-case-id"]
    assert "rows 3, 5" in dupe.message and dupe.span.line == 5
    grouping = group_cases(table, None, None)
    (stray,) = check_answers(plan(), table, grouping, {}, strict=False)
    assert stray.span.line == 3 and "row 3 case c1" in stray.message


@given(st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=8))
def test_inspection_keys_sort_naturally_whatever_their_characters(keys):
    from critc.compiler.engine.runtime import natural_key

    ordered = sorted(keys + ["Area²", "٣", "10", "2"], key=natural_key)
    assert ordered.index("2") < ordered.index("10")


def test_integer_fields_refuse_a_fractional_part(tmp_path):
    text = FRAMEWORK.replace("  age: number\n", "  age: integer\n")
    framework = compile_text(text, "integer.crit")[0].framework
    rows = [list(r) for r in ROWS]
    rows[0][4], rows[1][4], rows[3][4] = "12", "3.5", "7.0"
    table, problems = load_cases(write_csv(tmp_path / "cases.csv", rows), framework)
    [problem] = [p for p in problems if p.is_error]
    assert problem.code == "invalid-value"
    assert "`3.5` is not a whole number (row 3)" in problem.message
    rows[1][4] = "-4"
    table, problems = load_cases(write_csv(tmp_path / "cases.csv", rows), framework)
    assert not [p for p in problems if p.is_error]
    assert table.fields["age"][[0, 1, 3]].tolist() == [12.0, -4.0, 7.0]


def test_an_optional_input_may_have_no_column(tmp_path):
    text = FRAMEWORK.replace("section 1", "inspection inputs\n  staff: number\n"
                             "  visits: number, optional\n\nsection 1")
    framework = compile_text(text, "optional.crit")[0].framework
    path = tmp_path / "inputs.csv"
    path.write_text("insp,staff\nAshford,3\n", encoding="utf-8")
    inputs, problems = load_inputs(path, framework, ("Ashford",))
    assert problems == []
    assert "visits" not in inputs  # blank: the session fills it in as for any input not given
    path.write_text("insp,visits\nAshford,3\n", encoding="utf-8")
    _, problems = load_inputs(path, framework, ("Ashford",))
    assert [(d.code, d.is_error) for d in problems] == [("missing-column", True)]
