"""Case files are streamed: read a block at a time straight into the encoded arrays, with
every diagnostic where reading the whole file at once put it; progress on terminals only."""

from __future__ import annotations

import io
import random

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from critc.compiler.cli import main as cli
from critc.compiler.cli import progress
from critc.compiler.io import csv_reader, parquet_reader, tables
from critc.compiler.io.records import load_cases
from engine_strategies import compile_text
from rich.console import Console

FRAMEWORK = """\
framework "Streaming" version "1"
scale answer
  yes "Yes" above the line aliases "Y"
  no "No"
  na "N/A" not applicable
case fields
  ref "Case": text, case id
  insp "Inspection": text, inspection
  age: number
section 1 "S" = mean of its questions
  question 1a "A"
  question 1b "B"
"""


def fw():
    return compile_text(FRAMEWORK, "streaming.crit")[0].framework


def rows(count: int, seed: int = 1) -> list[list[str]]:
    pick = random.Random(seed)
    return [[f"c{i}", f"i{i % 7}", str(pick.randint(0, 90)), pick.choice(["yes", "no", "Y", ""]),
             pick.choice(["yes", "na", ""])] for i in range(count)]


def csv_bytes(records: list[list[str]], ending: str = "\n") -> bytes:
    lines = ["ref,insp,age,1a,1b", *(",".join(r) for r in records)]
    return (ending.join(lines) + ending).encode()


def small_blocks(monkeypatch):
    monkeypatch.setattr(csv_reader, "CSV_BLOCK", 1 << 10)
    monkeypatch.setattr(csv_reader, "PIECE", 1 << 9)
    monkeypatch.setattr(csv_reader, "HEAD", 1 << 8)
    monkeypatch.setattr(tables, "BATCH_ROWS", 50)
    monkeypatch.setattr(parquet_reader, "BATCH_ROWS", 50)


def read(path):
    table, problems = load_cases(path, fw())
    return table, [(d.code, d.message, d.span.line, d.span.col) for d in problems]


def same_in_blocks(path, monkeypatch):
    whole = read(path)
    small_blocks(monkeypatch)
    streamed = read(path)
    assert streamed[1] == whole[1]
    if whole[0] is not None:
        assert np.array_equal(streamed[0].answers, whole[0].answers)
        assert np.array_equal(streamed[0].rows, whole[0].rows)
        assert streamed[0].vocab == whole[0].vocab
    return streamed


def test_a_csv_is_not_read_whole_into_memory(tmp_path, monkeypatch):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes(rows(300)))
    def whole(*_args, **_kwargs):
        raise AssertionError("the case file was read whole into memory")

    for module in ("critc.dsl.source", "critc.compiler.io.records",
                   "critc.compiler.io.csv_reader"):
        monkeypatch.setattr(f"{module}.read_file", whole, raising=False)
    table, problems = read(path)
    assert table is not None and table.n == 300 and problems == []


def test_invalid_values_late_in_a_file_keep_their_rows(tmp_path, monkeypatch):
    records = rows(2000)
    for i in (3, 1500, 1777, 1801, 1802, 1803, 1999):
        records[i][3] = "Yes "
    records[1900][2] = "1e3"
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes(records))
    _, problems = same_in_blocks(path, monkeypatch)
    assert ("invalid-value", "column `1a`: `Yes ` is not an answer on scale `answer` (rows "
            "5, 1502, 1779, 1803, 1804 and 2 more)", 5, 4) in problems
    assert any(p[0] == "invalid-value" and p[2] == 1902 for p in problems)


def test_blank_lines_and_crlf_late_in_a_file_keep_their_rows(tmp_path, monkeypatch):
    records = rows(1200)
    records[1100][4] = "maybe"
    data = csv_bytes(records, "\r\n").replace(b"\r\nc700,", b"\r\n\r\nc700,")
    path = tmp_path / "cases.csv"
    path.write_bytes(data)
    table, problems = same_in_blocks(path, monkeypatch)
    assert problems[-1][2] == 1103  # one blank line above it


@pytest.mark.parametrize("bad, code, line", [
    (b"c1500,i1,3,yes\r,no\n", "malformed-records", 1502),
    (b"c1500,i1,3,y\xe9s,no\n", "not-utf8", 1502),
    (b"c1500,i1,3,yes\n", "malformed-records", 1502),
])
def test_lexical_problems_late_in_a_file_are_found_at_their_line(tmp_path, monkeypatch, bad,
                                                                    code, line):
    data = csv_bytes(rows(3000))
    at = data.index(b"\nc1500,") + 1
    path = tmp_path / "cases.csv"
    path.write_bytes(data[:at] + bad + data[data.index(b"\n", at) + 1:])
    _, problems = same_in_blocks(path, monkeypatch)
    assert [(p[0], p[2]) for p in problems] == [(code, line)]


def test_a_parquet_file_is_read_in_batches(tmp_path, monkeypatch):
    records = rows(1000)
    records[900][3] = "nope"
    columns = list(zip(*records, strict=True))
    table = pa.table({"ref": columns[0], "insp": columns[1],
                      "age": [float(a) for a in columns[2]],
                      "1a": [v or None for v in columns[3]], "1b": [v or None for v in columns[4]]})
    path = tmp_path / "cases.parquet"
    pq.write_table(table, path, row_group_size=128)
    _, problems = same_in_blocks(path, monkeypatch)
    assert [(p[0], p[2]) for p in problems] == [("invalid-value", 901)]


def test_piped_output_shows_no_progress(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    crit = tmp_path / "streaming.crit"
    crit.write_text(FRAMEWORK, encoding="utf-8")
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes(rows(3000)))
    assert cli.main(["score", str(crit), str(path), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert "reading" not in err and "scoring" not in err and "\x1b[" not in out + err


def test_a_terminal_is_shown_each_phase():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with progress.Phases(active=True, delay=0.0, console=console) as phases:
        update = phases.reading("cases.csv")
        for fraction in (0.1, 0.5, 0.85, 1.0):
            update(fraction)
            phases.progress.refresh()
        phases.phase("writing out.csv")
        phases.progress.refresh()
    shown = screen.getvalue()
    assert "reading cases.csv" in shown and "checking cases.csv" in shown
    assert "scoring" in shown and "writing out.csv" in shown
