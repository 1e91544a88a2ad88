"""Case records in: CSV, JSON Lines, Excel and Parquet → a validated `CaseTable`.

Every problem is reported together, each with file, row and column: an answer the
question's scale does not declare, a missing column, a value outside a field's type,
duplicate case ids, an answer where the question does not apply, an applicable question
left blank, and files that are empty, truncated, binary or not UTF-8. Nothing is coerced
silently: `Yes ` is not `yes` unless the scale declares it as an alias.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from pathlib import Path

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from critc.compiler.check.declare import did_you_mean
from critc.compiler.engine.cases import CaseTable, blank_column
from critc.compiler.model import framework as m
from critc.compiler.model.cells import number_text, read_cell
from critc.dsl.diagnostics import Diagnostic, error, warning
from critc.dsl.source import decode_text, read_file
from critc.dsl.span import Span

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
           ".xlsx": "xlsx", ".parquet": "parquet", ".pq": "parquet"}
MAX_ROWS_PER_PROBLEM = 5  # rows listed in one diagnostic before "and N more"
CELL_LIMIT = 1 << 16  # bytes in one cell
SHOWN_LIMIT = 80  # characters of a cell quoted in a message
MAX_COLUMNS = 16384  # as many as an Excel sheet holds; a framework has a few hundred


class RecordsError(Exception):
    """The file cannot be read at all; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def where(path: str, row: int | None = None, column: int | None = None) -> Span:
    return Span(path, row or 0, column or 0, row or 0, (column or 0) + 1)


# Where each record is in its file (its CSV line or sheet row, its JSON Lines line), kept in
# the table's metadata when it is not simply "header on row 1, one record per row after it".
ROWS_KEY = b"critc.rows"
# Warnings about how the file was read (formula cells), kept with the table so that every
# caller of `load_cases` or `load_inputs` reports them.
NOTES_KEY = b"critc.notes"


def _with_rows(table: pa.Table, rows: list[int], notes: tuple[Diagnostic, ...] = ()
               ) -> pa.Table:
    meta = dict(table.schema.metadata or {})
    if rows != list(range(2, len(rows) + 2)):
        meta[ROWS_KEY] = json.dumps(rows).encode()
    if notes:
        meta[NOTES_KEY] = json.dumps([[d.code, d.message, d.span.path, d.span.line,
                                       d.span.col, d.hint] for d in notes
                                      if d.span is not None]).encode()
    return table.replace_schema_metadata(meta) if meta else table


def read_notes(table: pa.Table) -> list[Diagnostic]:
    """The warnings `read_table` gave about how it read the table's file."""
    meta = table.schema.metadata or {}
    return [warning(code, message, Span(path, line, col, line, col + 1), hint=hint)
            for code, message, path, line, col, hint in json.loads(meta.get(NOTES_KEY, b"[]"))]


def file_rows(table: pa.Table) -> np.ndarray:
    """The file row (line) of each record in a table from `read_table`."""
    meta = table.schema.metadata or {}
    if ROWS_KEY in meta:
        return np.asarray(json.loads(meta[ROWS_KEY]), dtype=np.int64)
    return np.arange(2, table.num_rows + 2, dtype=np.int64)


# ----------------------------------------------------------------------------- reading
def _no_progress(_fraction: float) -> None:
    pass


def read_table(path: str | Path, progress=_no_progress) -> pa.Table:
    """Any supported file as a table of string columns (null = blank)."""
    path = Path(path)
    shown = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise RecordsError(error("unknown-format", f"cannot read `{shown}`: unknown file type "
                                 f"`{path.suffix}`", where(shown, 1, 1),
                                 hint="use .csv, .jsonl, .xlsx or .parquet"))
    data, problem = read_file(path, shown)
    if data is None:
        raise RecordsError(problem)
    if not data.strip():
        raise RecordsError(error("empty-records", f"`{shown}` is empty", where(shown, 1, 1)))
    if fmt == "xlsx":
        return _read_xlsx(data, shown, progress)
    if fmt == "parquet":
        return _read_parquet(data, shown)
    text = _decode(data, shown)
    if fmt == "csv":
        return _read_csv(text, data, shown, progress)
    if fmt == "json":
        return _read_json(text, shown)
    return _read_jsonl(text, shown, progress)


def _decode(data: bytes, shown: str) -> str:
    if b"\x00" in data[:65536]:
        raise RecordsError(error("not-text", f"`{shown}` is a binary file, not text",
                                 where(shown, 1, 1),
                                 hint="save case records as UTF-8 CSV or JSON Lines, or use "
                                 ".xlsx/.parquet"))
    text, problem = decode_text(data, shown,
                                hint="re-save the file as UTF-8 (in Excel: 'CSV UTF-8')")
    if text is None:
        raise RecordsError(problem)
    return text


CSV_BLOCK = 1 << 24  # bytes of CSV that Arrow parses at a time


def _read_csv(text: str, data: bytes, shown: str, progress=_no_progress) -> pa.Table:
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        raise RecordsError(error("empty-records", f"`{shown}` has no header row",
                                 where(shown, 1, 1))) from None
    _check_header(header, shown)
    _check_line_endings(text, shown)
    try:
        import pyarrow.csv as pacsv

        # A header with no newline after it is still a header: Arrow needs the newline.
        body = (text if text.endswith(("\n", "\r")) else text + "\n").encode("utf-8")
        reader = pacsv.open_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(use_threads=True, block_size=CSV_BLOCK),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header}, null_values=[""],
                strings_can_be_null=True, quoted_strings_can_be_null=False),
            parse_options=pacsv.ParseOptions(newlines_in_values=False))
        batches = []
        for batch in reader:  # one block of the file at a time, to report progress
            batches.append(batch)
            progress(min(1.0, len(batches) * CSV_BLOCK / max(len(body), 1)))
        table = pa.Table.from_batches(batches, schema=reader.schema)
    except (pa.ArrowInvalid, ValueError):
        table = None
    if table is None or table.num_columns != len(header):
        _locate_csv_problem(text, header, shown)
        raise RecordsError(error("malformed-records", f"`{shown}` is not well-formed CSV",
                                 where(shown, 1, 1)))
    if table.num_rows == 0:
        raise RecordsError(error("empty-records", f"`{shown}` has a header but no cases",
                                 where(shown, 2, 1)))
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines != table.num_rows + 1:  # blank lines, or values spanning lines
        starts = _record_lines(text)
        if len(starts) == table.num_rows:
            table = _with_rows(table, starts)
    return table


ENDINGS = {"\n": "LF", "\r\n": "CR LF", "\r": "CR"}
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _check_line_endings(text: str, shown: str) -> None:
    """Every line of a CSV file ends as its first line does (LF, CR LF or CR alone), so a
    stray CR is never taken for a line ending: `insufficient` then CR in a file of LF lines
    is refused, as `insufficient ` is, rather than read as `insufficient`. Inside quotes,
    CR and LF are part of the cell."""
    first = LINE_BREAK.search(text)
    if first is None:
        return
    ending, breaks = first.group(), text.count("\r\n")
    if breaks == text.count("\r") == text.count("\n") if ending == "\r\n" else \
            ("\r" if ending == "\n" else "\n") not in text:
        return  # the common case, found without a scan
    quotes, previous = 0, 0
    for found in LINE_BREAK.finditer(text):
        quotes, previous = quotes + text.count('"', previous, found.start()), found.start()
        if quotes % 2 == 0 and found.group() != ending:
            line = text.count(ending, 0, found.start()) + 1
            raise RecordsError(error(
                "malformed-records", f"line {line} ends in {ENDINGS[found.group()]} but the "
                f"file's lines end in {ENDINGS[ending]}", where(shown, line, 1),
                hint="save the file again so that every line ends the same way (a value "
                "that holds a line break must be in double quotes)"))


def _record_lines(text: str) -> list[int]:
    """The line each record after the header starts on (blank lines hold no record)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    out, end = [], 0
    try:
        for index, row in enumerate(reader):
            start, end = end + 1, reader.line_num
            if index and row:
                out.append(start)
    except csv.Error:
        return []
    return out


def _locate_csv_problem(text: str, header: list[str], shown: str) -> None:
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    try:
        for row in reader:
            if len(row) != len(header) and row:
                line = reader.line_num
                if line == text.count("\n") + (0 if text.endswith("\n") else 1):
                    message = f"the last row has {len(row)} values, not {len(header)}: the " \
                        "file looks truncated"
                else:
                    message = f"row has {len(row)} values but the header has {len(header)}"
                raise RecordsError(error("malformed-records", message, where(shown, line, 1),
                                         hint="every row needs one value per column (leave a "
                                         "value empty for a blank)"))
    except csv.Error as exc:
        raise RecordsError(error("malformed-records", f"cannot read the CSV: {clip(str(exc))}",
                                 where(shown, reader.line_num, 1))) from None


def _check_columns(count: int, shown: str, line: int = 1) -> None:
    """Refuse a file with far more columns than any case file has, before building tables."""
    if count > MAX_COLUMNS:
        raise RecordsError(error(
            "too-many-columns", f"`{shown}` has {count:,} columns, over the limit of "
            f"{MAX_COLUMNS:,}", where(shown, line, 1),
            hint="a case file has a column per case field and question; is this the right "
            "file, and does it use commas between values?"))


def _check_header(header: list[str], shown: str) -> None:
    _check_columns(len(header), shown)
    seen = set()
    for i, name in enumerate(header, start=1):
        if name in seen:
            raise RecordsError(error("duplicate-column", f"column `{clip(name)}` appears twice",
                                     where(shown, 1, i)))
        seen.add(name)


def _json_text(value, shown: str, row: int, column: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.date):  # a date written unquoted in YAML
        return value.isoformat()
    raise RecordsError(error("malformed-records", f"column `{clip(column)}` holds a nested value",
                             where(shown, row, 1), hint="each value must be text, a number, "
                             "true/false or null"))


def _from_objects(objects: list[tuple[int, dict]], shown: str, lines: bool = False
                  ) -> pa.Table:
    columns: dict[str, list] = {}
    for index, (line, obj) in enumerate(objects):
        for key, value in obj.items():
            column = columns.setdefault(key, [None] * index)
            column.append(_json_text(value, shown, line, key))
        _check_columns(len(columns), shown, line if lines else 1)
        for column in columns.values():
            if len(column) < index + 1:
                column.append(None)
    if not objects:
        raise RecordsError(error("empty-records", f"`{shown}` holds no cases",
                                 where(shown, 1, 1)))
    table = pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()})
    return _with_rows(table, [line for line, _ in objects]) if lines else table


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _object(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object, refusing a key given twice (json would keep the last silently)."""
    out = dict(pairs)
    if len(out) < len(pairs):
        keys = [k for k, _ in pairs]
        raise _DuplicateKey(next(k for i, k in enumerate(keys) if k in keys[:i]))
    return out


def _parse_json(text: str, shown: str, line: int = 1, what: str = "not JSON",
                hint: str | None = None):
    """JSON text parsed with duplicate keys refused; problems raised as RecordsError, with
    `line` the line the text starts on."""
    try:
        return json.loads(text, object_pairs_hook=_object)
    except _DuplicateKey as exc:
        quoted = json.dumps(exc.key, ensure_ascii=False)
        second = text.find(quoted, text.find(quoted) + 1)
        at = (line + text.count("\n", 0, second), second - text.rfind("\n", 0, second)) \
            if second >= 0 else (line, 1)
        raise RecordsError(error("duplicate-key", f"key `{clip(exc.key)}` appears twice in "
                                 "one object", where(shown, *at), hint="each column of a "
                                 "record is given once; remove one of them")) from None
    except json.JSONDecodeError as exc:
        raise RecordsError(error("malformed-records", f"{what}: {exc.msg}",
                                 where(shown, line + exc.lineno - 1, exc.colno),
                                 hint=hint)) from None
    except (ValueError, RecursionError) as exc:  # a number of over 4,300 digits; deep nesting
        raise RecordsError(error("malformed-records", f"{what}: {clip(str(exc))}",
                                 where(shown, line, 1))) from None


def _read_jsonl(text: str, shown: str, progress=_no_progress) -> pa.Table:
    objects = []
    lines = text.splitlines()
    for line_no, line in enumerate(lines, start=1):
        if line_no % 10000 == 0:
            progress(line_no / len(lines))
        if not line.strip():
            continue
        obj = _parse_json(line, shown, line_no, f"line {line_no} is not JSON",
                          hint="JSON Lines holds one JSON object per line")
        if not isinstance(obj, dict):
            raise RecordsError(error("malformed-records", f"line {line_no} is not a JSON object",
                                     where(shown, line_no, 1)))
        objects.append((line_no, obj))
    return _from_objects(objects, shown, lines=True)


def _read_json(text: str, shown: str) -> pa.Table:
    data = _parse_json(text, shown)
    if isinstance(data, dict):  # {"inspection key": {...}, ...}
        data = [dict(v, **{"": k}) if isinstance(v, dict) else v for k, v in data.items()]
    if not isinstance(data, list) or not all(isinstance(o, dict) for o in data):
        raise RecordsError(error("malformed-records", "expected a list of objects",
                                 where(shown, 1, 1)))
    return _from_objects([(i + 1, o) for i, o in enumerate(data)], shown)


def _read_xlsx(data: bytes, shown: str, progress=_no_progress) -> pa.Table:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise RecordsError(error("malformed-records", f"`{shown}` is not a readable Excel "
                                 f"workbook ({type(exc).__name__})", where(shown, 1, 1))) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        raise RecordsError(error("empty-records", f"`{shown}` has no header row",
                                 where(shown, 1, 1)))
    header = [str(h) if h is not None else "" for h in header_row]
    while header and header[-1] == "":
        header.pop()
    _check_header(header, shown)
    columns: list[list] = [[] for _ in header]
    sheet_rows = []
    total_rows = sheet.max_row or 0
    for number, row in enumerate(rows, start=2):
        if number % 2000 == 0 and total_rows:
            progress(min(1.0, number / total_rows))
        if row is None or all(v is None for v in row):
            continue
        sheet_rows.append(number)
        for i in range(len(header)):
            value = row[i] if i < len(row) else None
            columns[i].append(_cell_text(value))
    book.close()
    if not columns or not columns[0]:
        raise RecordsError(error("empty-records", f"`{shown}` has a header but no cases",
                                 where(shown, 2, 1)))
    notes = _check_formulas(data, shown, header, columns, sheet_rows)
    table = pa.table({h: pa.array(c, type=pa.string()) for h, c in zip(header, columns,
                                                                        strict=True)})
    return _with_rows(table, sheet_rows, notes)


FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ />]")


def _formula_cells(data: bytes, width: int) -> list[tuple[int, int]]:
    """(sheet row, column number) of each formula cell in the first `width` columns of the
    first sheet; a workbook with no formula anywhere is not read again."""
    import zipfile

    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(FORMULA_TAG.search(archive.read(name)) for name in archive.namelist()
                   if name.startswith("xl/worksheets/")):
            return []
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    found = [(cell.row, cell.column) for row in book.worksheets[0].iter_rows(max_col=width)
             for cell in row if getattr(cell, "data_type", None) == "f"]
    book.close()
    return found


def _check_formulas(data: bytes, shown: str, header: list[str], columns: list[list],
                    sheet_rows: list[int]) -> tuple[Diagnostic, ...]:
    """A formula cell is read by the value Excel saved with it (a warning says so); one
    with no saved value (the file was written by a program, not saved by Excel) is an
    error, not a blank."""
    index = {row: i for i, row in enumerate(sheet_rows)}
    cells = [(row, col) for row, col in _formula_cells(data, len(header)) if row in index]
    if not cells:
        return ()
    empty = [(row, col) for row, col in cells if columns[col - 1][index[row]] is None]
    if empty:
        row, col = empty[0]
        more = f" ({len(empty) - 1:,} more formulas have none)" if len(empty) > 1 else ""
        raise RecordsError(error(
            "formula-without-value", f"column `{clip(header[col - 1])}`: the cell in row "
            f"{row} holds a formula with no saved value{more}", where(shown, row, col),
            hint="open the workbook in Excel and save it, so that each formula's value is "
            "stored, or paste the values in place of the formulas"))
    row, col = cells[0]
    return (warning("formula-cell", f"{len(cells):,} cell{'s' * (len(cells) > 1)} hold "
                    f"formulas (the first in column `{clip(header[col - 1])}`, row {row}); "
                    "the values Excel saved with them are read", where(shown, row, col),
                    hint="a formula's saved value is only as current as the last time Excel "
                    "calculated it; paste values to make the file plain data"),)


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return number_text(value)
    text = str(value)
    return text if text != "" else None


def _read_parquet(data: bytes, shown: str) -> pa.Table:
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(io.BytesIO(data))
        _check_columns(len(schema.names), shown)
        _check_header(schema.names, shown)
        for col_no, field in enumerate(schema, start=1):
            _check_parquet_type(field, col_no, shown)
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError) as exc:
        raise RecordsError(error("malformed-records", f"`{shown}` is not a readable Parquet "
                                 f"file ({clip(str(exc))})", where(shown, 1, 1))) from None
    if table.num_rows == 0:
        raise RecordsError(error("empty-records", f"`{shown}` holds no cases",
                                 where(shown, 1, 1)))
    return text_columns(table, shown)


def text_columns(table: pa.Table, shown: str) -> pa.Table:
    """A typed Arrow table (read from Parquet, or given by a program through the Python
    API) as the text of its cells, as every reader gives them; records numbered from 1."""
    _check_header(table.column_names, shown)
    for col_no, field in enumerate(table.schema, start=1):
        _check_parquet_type(field, col_no, shown)
    columns = {name: _parquet_text(table.column(name)) for name in table.column_names}
    # a Parquet file or a table has no header row: its records are numbered from 1
    return _with_rows(pa.table(columns), list(range(1, table.num_rows + 1)))


def _check_parquet_type(field: pa.Field, col_no: int, shown: str) -> None:
    """Refuse a column whose type cannot hold one cell value: lists, structs, maps, ..."""
    kind = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
    if any(test(kind) for test in (pa.types.is_string, pa.types.is_large_string,
                                   pa.types.is_boolean, pa.types.is_integer,
                                   pa.types.is_floating, pa.types.is_decimal,
                                   pa.types.is_date, pa.types.is_timestamp, pa.types.is_null)):
        return
    raise RecordsError(error(
        "unsupported-column-type", f"column `{clip(field.name)}` is of type `{field.type}`, "
        "which cannot hold one value per cell", where(shown, 1, col_no),
        hint="each column must hold text, numbers, true/false or dates; write lists or "
        "records as separate columns"))


def _parquet_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A Parquet column as the text of its cells, numbers written as number cells are."""
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if pa.types.is_boolean(column.type):
        return pc.if_else(column, "true", "false")
    if pa.types.is_floating(column.type):  # Arrow would write 1e+22; see number_text
        return pa.chunked_array([pa.array([None if v is None else number_text(v)
                                           for v in column.to_pylist()], type=pa.string())])
    if pa.types.is_string(column.type):
        return column
    return pc.cast(column, pa.string())


# ----------------------------------------------------------------------------- encoding
@attrs.define
class Encoder:
    """Maps one column's distinct spellings to codes; collects the rows it cannot map."""

    path: str
    diagnostics: list[Diagnostic]
    rows: np.ndarray | None = None  # the file row of each record (default: header, then 2...)

    def row(self, index) -> int:
        return int(self.rows[index]) if self.rows is not None else int(index) + 2

    def encode(self, table: pa.Table, name: str, kind: str, spellings: dict[str, object],
               describe: str, fill, dtype, hint_values=()) -> np.ndarray:
        column = table.column(name).combine_chunks()
        encoded = pc.dictionary_encode(column)
        dictionary = encoded.dictionary.to_pylist()
        # A blank is null; fill it before leaving Arrow, or NumPy turns the indices to floats.
        indices = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        mapping = np.empty(len(dictionary) + 1, dtype=dtype)
        mapping[-1] = fill
        bad = []
        for i, text in enumerate(dictionary):
            value = spellings.get(text, _convert(kind, text))
            if value is _INVALID:
                bad.append(i)
                mapping[i] = fill
            else:
                mapping[i] = value
        out = mapping[np.where(indices < 0, len(dictionary), indices)]
        col_no = table.column_names.index(name) + 1
        for i in bad:
            rows = np.flatnonzero(indices == i)
            self.report_value(name, col_no, dictionary[i], rows, describe, hint_values)
        return out

    def report_value(self, name, col_no, text, rows, describe, hint_values):
        shown = ", ".join(str(self.row(r)) for r in rows[:MAX_ROWS_PER_PROBLEM])
        more = f" and {len(rows) - MAX_ROWS_PER_PROBLEM} more" \
            if len(rows) > MAX_ROWS_PER_PROBLEM else ""
        hint = None
        if hint_values:
            stripped = text.strip()
            same = [v for v in hint_values if v.casefold() == stripped.casefold()]
            if stripped != text and stripped in hint_values:
                hint = f"`{stripped}` has spaces around it; remove them, or declare the " \
                       "spelling as an alias of the code"
            elif same:
                hint = f"`{clip(text)}` is not `{same[0]}`: spellings must match exactly, in " \
                       "case and spaces; correct it, or declare the spelling as an alias"
            else:
                hint = did_you_mean(text, hint_values) or \
                    "expected one of " + ", ".join(f"`{v}`" for v in hint_values)
        plural = "s" * (len(rows) > 1)
        self.diagnostics.append(error(
            "invalid-value", f"column `{name}`: `{clip(text)}` is not {describe} (row{plural} "
            f"{shown}{more})", where(self.path, self.row(rows[0]), col_no),
            hint=hint))


def clip(text: str) -> str:
    """A cell's text for a message: at most SHOWN_LIMIT characters."""
    if len(text) <= SHOWN_LIMIT:
        return text
    return f"{text[:SHOWN_LIMIT - 1]}… ({len(text):,} characters)"


class _Invalid:
    pass


_INVALID = _Invalid()


def _convert(kind: str, text: str):
    """A cell's value by the documented lexical forms (model/cells.py), or _INVALID."""
    value = read_cell(kind, text)
    return _INVALID if value is None else value


def encode_field(enc: Encoder, table: pa.Table, field: m.Field, rating_scales) -> tuple:
    """(codes, vocabulary or None) for one case field or inspection input column."""
    kind = field.type.kind
    if kind == "enum":
        values = field.type.values
        return enc.encode(table, field.id, "enum", {v: i for i, v in enumerate(values)},
                          f"a value of `{field.id}`", -1, np.int32, values), None
    if kind == "rating":
        levels = rating_scales[field.type.scale].levels
        return enc.encode(table, field.id, "enum", {v: i for i, v in enumerate(levels)},
                          f"a level of `{field.type.scale}`", -1, np.int32, levels), None
    if kind == "boolean":
        return enc.encode(table, field.id, "boolean", {}, "true or false", -1, np.int8), None
    if kind in ("number", "date"):
        what = {"number": "a number", "integer": "a whole number",
                "date": "a date (YYYY-MM-DD)"}[field.cell_kind]
        return enc.encode(table, field.id, field.cell_kind, {}, what, np.nan,
                          np.float64), None
    column = table.column(field.id).combine_chunks()
    encoded = pc.dictionary_encode(column)
    vocab = tuple(encoded.dictionary.to_pylist())
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
    return codes, vocab


def encode_answers(enc: Encoder, table: pa.Table, fw: m.Framework) -> np.ndarray:
    answers = np.full((table.num_rows, len(fw.questions)), -1, dtype=np.int8)
    for index, q in enumerate(fw.questions.values()):
        if q.id not in table.column_names:
            continue
        scale = fw.scales[q.scale]
        spellings = {c: i for i, c in enumerate(scale.codes)}
        for alias, code in scale.aliases.items():
            spellings[alias] = scale.codes.index(code)
        answers[:, index] = enc.encode(
            table, q.id, "answer", spellings, f"an answer on scale `{scale.id}`", -1, np.int8,
            tuple(scale.codes) + tuple(scale.aliases))
    return answers


def _table_of(source: str | Path | pa.Table, shown: str | None, unnamed: str,
              diagnostics: list[Diagnostic], progress=_no_progress) -> tuple[pa.Table, str]:
    """(the table, its name in diagnostics) of a file, or of a table already read; warnings
    about how the file was read are added to `diagnostics`."""
    if isinstance(source, pa.Table):
        table, name = source, shown or unnamed
    else:
        table, name = read_table(source, progress), shown or str(source)
    _check_columns(table.num_columns, name)
    _check_cell_sizes(table, name)
    diagnostics.extend(read_notes(table))
    return table, name


def _check_cell_sizes(table: pa.Table, shown: str) -> None:
    """Refuse a cell longer than CELL_LIMIT bytes: no answer, field or id is that long, and
    such a cell is a sign of a broken file (an unclosed quote swallowing the rest)."""
    for col_no, name in enumerate(table.column_names, start=1):
        column = table.column(name)
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            continue
        lengths = pc.binary_length(column)
        longest = pc.max(lengths).as_py()
        if longest is None or longest <= CELL_LIMIT:
            continue
        index = pc.index(lengths, longest).as_py()
        row = int(file_rows(table)[index])
        raise RecordsError(error(
            "cell-too-long", f"column `{clip(name)}`: a cell of {longest:,} bytes (row {row}), "
            f"over the limit of {CELL_LIMIT:,}", where(shown, row, col_no),
            hint="is a quote left open, so that one cell runs on over many lines?"))


def records_table(objects: list[dict], shown: str) -> pa.Table:
    """Case records given as a list of mappings (e.g. inline in a test file) as a table;
    row numbers count from 1, one per record."""
    return _from_objects([(i, o) for i, o in enumerate(objects, start=1)], shown, lines=True)


def load_cases(path: str | Path | pa.Table, fw: m.Framework, progress=_no_progress, *,
               shown: str | None = None, missing_questions: str = "error"
               ) -> tuple[CaseTable | None, list[Diagnostic]]:
    """Read, validate and encode case records against a framework: a file, or a table
    already read (`shown` names it in diagnostics). `progress(fraction)` is told how far it
    has got: reading is the first 80%, checking the columns the rest.

    `missing_questions="blank"` treats a question with no column as never answered (with a
    warning) instead of an error: `critc diff` scores an archive gathered under one version
    against another that may add questions."""
    diagnostics: list[Diagnostic] = []
    try:
        table, shown = _table_of(path, shown, "<records>", diagnostics,
                                 lambda done: progress(0.8 * done))
    except RecordsError as exc:
        return None, [*diagnostics, exc.diagnostic]
    columns = set(table.column_names)
    for field in fw.case_fields:
        if field.id not in columns and "optional" not in field.roles:
            diagnostics.append(error(
                "missing-column", f"no column for case field `{field.id}`", where(shown, 1, 1),
                hint=did_you_mean(field.id, columns - set(fw.fields) - set(fw.questions))
                or "add the column (leave cells empty for blanks)"))
    for qid in fw.questions:
        if qid not in columns:
            hint = did_you_mean(qid, columns - set(fw.fields) - set(fw.questions))
            if missing_questions == "blank":
                diagnostics.append(warning(
                    "missing-column", f"no column for question `{qid}`; read as never "
                    "answered", where(shown, 1, 1), hint=hint))
                continue
            diagnostics.append(error(
                "missing-column", f"no column for question `{qid}`", where(shown, 1, 1),
                hint=hint or "add the column (leave cells empty for questions not answered)"))
    diagnostics.extend(_unknown_columns(table.column_names, fw, shown))
    rows = file_rows(table)
    enc = Encoder(shown, diagnostics, rows)
    fields, vocab = {}, {}
    for field in fw.case_fields:
        if field.id in columns:
            fields[field.id], words = encode_field(enc, table, field, fw.rating_scales)
            if words is not None:
                vocab[field.id] = words
        else:
            fields[field.id] = blank_column(field, table.num_rows)
    progress(0.85)
    answers = encode_answers(enc, table, fw)
    progress(1.0)
    case_ids = None
    if fw.case_id and fw.case_id in columns:
        case_ids = np.asarray(table.column(fw.case_id).to_pylist(), dtype=object)
        _check_case_ids(case_ids, shown, fw.case_id, table.column_names.index(fw.case_id) + 1,
                        diagnostics, rows)
    return CaseTable(n=table.num_rows, fields=fields, vocab=vocab, answers=answers,
                     question_ids=tuple(fw.questions), case_ids=case_ids, rows=rows,
                     source=shown, columns={name: i for i, name in
                                            enumerate(table.column_names, start=1)}), diagnostics


def _unknown_columns(names: list[str], fw: m.Framework, shown: str) -> list[Diagnostic]:
    """One warning for every column that is neither a case field nor a question."""
    known = set(fw.questions) | {f.id for f in fw.case_fields}
    unknown = [(i, name) for i, name in enumerate(names, start=1) if name not in known]
    if not unknown:
        return []
    missing = known - set(names)
    col, first = unknown[0]
    if len(unknown) == 1:
        return [warning("unknown-column", f"column `{clip(first)}` is not a case field or "
                        "question; it is ignored", where(shown, 1, col),
                        hint=did_you_mean(first, missing))]
    listed = ", ".join(f"`{clip(name)}`" for _, name in unknown[:MAX_ROWS_PER_PROBLEM])
    more = f" and {len(unknown) - MAX_ROWS_PER_PROBLEM:,} more" \
        if len(unknown) > MAX_ROWS_PER_PROBLEM else ""
    hints = [f"`{clip(name)}`: {hint}" for _, name in unknown[:MAX_ROWS_PER_PROBLEM]
             if (hint := did_you_mean(name, missing))]
    return [warning("unknown-column", f"{len(unknown):,} columns are not case fields or "
                    f"questions; they are ignored: {listed}{more}", where(shown, 1, col),
                    hint="; ".join(hints) or None)]


def _repeated_inspections(keys: list, rows: np.ndarray, shown: str, col: int
                          ) -> list[Diagnostic]:
    """An inspection given inputs on two rows is an error: which row counts is not clear."""
    first: dict[str, int] = {}
    out = []
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            out.append(error("duplicate-inspection", f"inspection `{clip(key)}` has inputs on "
                             f"two rows: {int(rows[first[key]])} and {int(rows[index])}",
                             where(shown, int(rows[index]), col),
                             hint="keep one row per inspection"))
        else:
            first[key] = index
    return out


def _check_case_ids(ids: np.ndarray, shown: str, name: str, col: int,
                    diagnostics: list[Diagnostic], file_row: np.ndarray) -> None:
    blank = np.flatnonzero(np.equal(ids, None))
    if len(blank):
        diagnostics.append(error("blank-case-id", f"{len(blank)} case(s) have no `{name}`",
                                 where(shown, int(file_row[blank[0]]), col)))
    seen: dict[str, int] = {}
    dupes: dict[str, list[int]] = {}
    for row, value in enumerate(ids.tolist()):
        if value is None:
            continue
        if value in seen:
            dupes.setdefault(value, [seen[value]]).append(row)
        else:
            seen[value] = row
    for value, rows in list(dupes.items())[:20]:
        diagnostics.append(error(
            "duplicate-case-id", f"case id `{clip(value)}` appears {len(rows)} times (rows "
            + ", ".join(str(file_row[r]) for r in rows[:MAX_ROWS_PER_PROBLEM]) + ")",
            where(shown, int(file_row[rows[1]]), col), hint="each case is one row with its own "
            "id"))


def load_inputs(path: str | Path | pa.Table, fw: m.Framework, keys: tuple[str, ...],
                vocab: dict[str, tuple[str, ...]] | None = None, *, shown: str | None = None,
                missing_inputs: str = "error"):
    """Inspection inputs from a side file (or a table already read) keyed by the inspection
    field; per-group arrays.

    Text inputs are coded in their own vocabulary, which is added to `vocab` (give the case
    table's, so conditions can compare them with text). `missing_inputs="blank"` reads an
    input with no column as blank for every inspection (a warning), as `critc diff` needs
    when a new version adds an input."""
    diagnostics: list[Diagnostic] = []
    try:
        table, shown = _table_of(path, shown, "<inputs>", diagnostics)
    except RecordsError as exc:
        return {}, [*diagnostics, exc.diagnostic]
    key_column = fw.inspection or "inspection"
    if "" in table.column_names and key_column not in table.column_names:
        table = table.rename_columns([key_column if c == "" else c for c in table.column_names])
    if key_column not in table.column_names:
        diagnostics.append(error("missing-column", f"no column `{key_column}` naming each "
                                 "inspection", where(shown, 1, 1)))
        return {}, diagnostics
    rows = file_rows(table)
    enc = Encoder(shown, diagnostics, rows)
    file_keys = table.column(key_column).to_pylist()
    position = {k: i for i, k in enumerate(file_keys) if k is not None}
    diagnostics.extend(_repeated_inspections(file_keys, rows, shown,
                                             table.column_names.index(key_column) + 1))
    inputs = {}
    for field in fw.inputs:
        if field.id not in table.column_names:
            if "optional" in field.roles:
                continue  # blank for every inspection, as an optional case field is
            if missing_inputs == "blank":
                diagnostics.append(warning("missing-column", f"no column for inspection "
                                           f"input `{field.id}`; read as blank",
                                           where(shown, 1, 1)))
            else:
                diagnostics.append(error("missing-column", f"no column for inspection input "
                                         f"`{field.id}`", where(shown, 1, 1)))
            continue
        codes, words = encode_field(enc, table, field, fw.rating_scales)
        if words is not None and vocab is not None:
            vocab[field.id] = words
        fill = np.nan if codes.dtype.kind == "f" else -1
        out = np.full(len(keys), fill, dtype=codes.dtype)
        for g, key in enumerate(keys):
            if key in position:
                out[g] = codes[position[key]]
        inputs[field.id] = out
    for key in keys:
        if key not in position and fw.inputs:
            diagnostics.append(warning("missing-inputs", f"no inspection inputs for `{clip(key)}`; "
                                       "figures that use them are n/a", where(shown, 1, 1)))
    for key in file_keys:
        if key is not None and key not in keys:
            diagnostics.append(warning(
                "unknown-inspection", f"inputs given for `{clip(key)}`, which has no cases",
                where(shown, int(rows[position[key]]), 1)))
    return inputs, diagnostics
