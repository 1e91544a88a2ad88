"""What every case-record reader shares: the error a file that cannot be read raises,
where a problem is, the limits on a file's shape, and a file's records as a stream of
record batches of text (null = blank) with the file row of each record.

A reader gives a `Records`: its column names, an iterator of `pyarrow.RecordBatch` (every
column a string column), and once the batches are read, the row (line) of each record in
the file. A batch may lack a column a later one has (JSON Lines): the column is blank there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import BinaryIO

import attrs
import numpy as np
import pyarrow as pa
from critc.dsl.diagnostics import Diagnostic, error, warning
from critc.dsl.span import Span

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
           ".xlsx": "xlsx", ".parquet": "parquet", ".pq": "parquet"}
MAX_ROWS_PER_PROBLEM = 5  # rows listed in one diagnostic before "and N more"
CELL_LIMIT = 1 << 16  # bytes in one cell
SHOWN_LIMIT = 80  # characters of a cell quoted in a message
MAX_COLUMNS = 16384  # as many as an Excel sheet holds; a framework has a few hundred
BATCH_ROWS = 1 << 16  # records in one batch where the reader chooses

# Where each record is in its file (its CSV line or sheet row, its JSON Lines line), kept in
# the table's metadata when it is not simply "header on row 1, one record per row after it".
ROWS_KEY = b"critc.rows"
# Warnings about how the file was read (formula cells), kept with the table so that every
# caller of `load_cases` or `load_inputs` reports them.
NOTES_KEY = b"critc.notes"
# A database's records: the column that locates them (its primary key) and the line naming
# the columns (0: none), kept with the table when they are not a file's (None, 1).
SOURCE_KEY = b"critc.source"
# How the file writes its dates when not YYYY-MM-DD (`--date-format`), kept with the table
# so that the cells of a table read first and encoded later are read as the file's.
DATE_FORMAT_KEY = b"critc.date_format"

Progress = Callable[[float], None]


class RecordsError(Exception):
    """The file cannot be read at all; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic | None):
        assert diagnostic is not None, "a file that cannot be read says why"
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def where(path: str, row: int | None = None, column: int | None = None) -> Span:
    return Span(path, row or 0, column or 0, row or 0, (column or 0) + 1)


def clip(text: str) -> str:
    """A cell's text for a message: at most SHOWN_LIMIT characters."""
    if len(text) <= SHOWN_LIMIT:
        return text
    return f"{text[:SHOWN_LIMIT - 1]}… ({len(text):,} characters)"


def no_progress(_fraction: float) -> None:
    pass


def header_rows(count: int) -> np.ndarray:
    """File rows of `count` records after a header row: 2, 3, ..."""
    return np.arange(2, count + 2, dtype=np.int64)


@attrs.define
class Records:
    """A file's records as they are read: `names` (final once every batch is read), the
    batches, and `rows(count)`, the file row of each of the `count` records read."""

    names: list[str]
    batches: Iterator[pa.RecordBatch]
    rows: Callable[[int], np.ndarray] = header_rows
    notes: tuple[Diagnostic, ...] = ()
    most: int = 0  # at most this many records (to size the encoded arrays before reading)
    key: str | None = None  # a column that locates records (a database table's primary key)
    header: int = 1  # the line naming the columns (0: a database's result has no such line)
    date_format: str | None = None  # how the file writes dates, if not YYYY-MM-DD


def table_records(table: pa.Table) -> Records:
    """A table already read (with `file_rows`, `read_notes` and a database's key and
    header line from its metadata)."""
    key, header = json.loads((table.schema.metadata or {}).get(SOURCE_KEY, b"[null, 1]"))
    return Records(list(table.column_names), iter(table.to_batches()),
                   lambda _count: file_rows(table), tuple(read_notes(table)), table.num_rows,
                   key, header, date_format_of_table(table))


def collect(records: Records, progress: Progress = no_progress) -> pa.Table:
    """Every batch of `records` in one table of its columns (blank where a batch lacks one),
    its file rows and notes in the metadata as `read_table` keeps them."""
    batches, count = [], 0
    for batch in records.batches:
        batches.append(batch)
        count += batch.num_rows
        progress(min(1.0, count / max(records.most, 1)))
    names = records.names
    columns = {name: pa.chunked_array([as_strings(b.column(name)) if name in b.schema.names
                                       else pa.nulls(b.num_rows, pa.string()) for b in batches],
                                      type=pa.string()) for name in names}
    table = pa.table(columns) if names else pa.table({})
    table = with_rows(table, records.rows(count).tolist(), records.notes, records.date_format)
    if records.key is None and records.header == 1:
        return table
    return table.replace_schema_metadata({**(table.schema.metadata or {}), SOURCE_KEY:
                                          json.dumps([records.key, records.header]).encode()})


def as_strings(column: pa.Array) -> pa.Array:
    """A column of text as plain strings (a reader may give it dictionary-encoded)."""
    if pa.types.is_dictionary(column.type):
        return column.cast(column.type.value_type)
    return column


def with_rows(table: pa.Table, rows: list[int], notes: tuple[Diagnostic, ...] = (),
              date_format: str | None = None) -> pa.Table:
    meta = dict(table.schema.metadata or {})
    if date_format is not None:
        meta[DATE_FORMAT_KEY] = date_format.encode("utf-8")
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


def date_format_of_table(table: pa.Table) -> str | None:
    """How the file a table was read from writes its dates (None: YYYY-MM-DD)."""
    found = (table.schema.metadata or {}).get(DATE_FORMAT_KEY)
    return None if found is None else found.decode("utf-8")


def file_rows(table: pa.Table) -> np.ndarray:
    """The file row (line) of each record in a table from `read_table`."""
    meta = table.schema.metadata or {}
    if ROWS_KEY in meta:
        return np.asarray(json.loads(meta[ROWS_KEY]), dtype=np.int64)
    return header_rows(table.num_rows)


def check_columns(count: int, shown: str, line: int = 1) -> None:
    """Refuse a file with far more columns than any case file has, before building tables."""
    if count > MAX_COLUMNS:
        raise RecordsError(error(
            "too-many-columns", f"`{shown}` has {count:,} columns, over the limit of "
            f"{MAX_COLUMNS:,}", where(shown, line, 1),
            hint="a case file has a column per case field and question; is this the right "
            "file, and does it use commas between values?"))


def check_header(header: list[str], shown: str) -> None:
    check_columns(len(header), shown)
    seen = set()
    for i, name in enumerate(header, start=1):
        if name in seen:
            raise RecordsError(error("duplicate-column", f"column `{clip(name)}` appears twice",
                                     where(shown, 1, i)))
        seen.add(name)


def empty(shown: str, row: int = 1, what: str = "is empty") -> RecordsError:
    return RecordsError(error("empty-records", f"`{shown}` {what}", where(shown, row, 1)))


def check_not_blank(handle: BinaryIO, shown: str) -> bytes:
    """Refuse a file of nothing but white space; the file's first bytes (up to 64 KiB)."""
    head = handle.read(1 << 16)
    block = head
    while block and block.isspace():
        block = handle.read(1 << 24)
    if not block or block.isspace():
        raise empty(shown)
    return head
