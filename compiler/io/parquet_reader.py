"""Parquet case records, streamed in record batches, and typed Arrow tables: each cell as
the text a CSV cell would hold (numbers written as number cells are, true/false, dates as
YYYY-MM-DD). A column whose type cannot hold one value per cell is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from critc.compiler.io.read_ahead import read_ahead
from critc.compiler.io.tables import (
    BATCH_ROWS,
    Records,
    RecordsError,
    as_strings,
    check_header,
    check_not_blank,
    clip,
    empty,
    where,
    with_rows,
)
from critc.compiler.model.cells import number_text
from critc.dsl.diagnostics import error
from critc.dsl.source import open_regular

UNREADABLE = (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError)


def read_parquet(path: Path, shown: str) -> Records:
    handle, problem = open_regular(path, shown)
    if handle is None:
        raise RecordsError(problem)
    with handle:
        check_not_blank(handle, shown)
    try:
        file = pq.ParquetFile(path)
        text = [f.name for f in file.schema_arrow if pa.types.is_string(f.type)]
        if text:  # text columns as Parquet's own dictionaries: no string per cell
            file = pq.ParquetFile(path, read_dictionary=text)
        names = file.schema_arrow.names
        check_header(names, shown)
        for col_no, field in enumerate(file.schema_arrow, start=1):
            check_type(field, col_no, shown)
    except UNREADABLE as exc:
        raise _unreadable(shown, exc) from None
    if file.metadata.num_rows == 0:
        raise empty(shown, 1, "holds no cases")
    # a Parquet file has no header row: its records are numbered from 1
    return Records(list(names), read_ahead(_batches(file, shown)),
                   lambda count: np.arange(1, count + 1, dtype=np.int64),
                   most=file.metadata.num_rows)


def _batches(file: pq.ParquetFile, shown: str) -> Iterator[pa.RecordBatch]:
    """The file's batches, each column as text. One thread: Arrow's threads decode a
    column each, and for a file of many small columns (a question each) they cost several
    times the CPU time and more wall time than they save (reading 200,000 cases x 200
    questions: 1.9 s of CPU with threads, 0.4 s without); `read_ahead` decodes the next
    batches on a thread of its own while the last is encoded."""
    try:
        for batch in file.iter_batches(batch_size=BATCH_ROWS, use_threads=False):
            yield pa.RecordBatch.from_arrays([cell_text(c) for c in batch.columns],
                                             names=batch.schema.names)
    except UNREADABLE as exc:
        raise _unreadable(shown, exc) from None


def _unreadable(shown: str, exc: Exception) -> RecordsError:
    return RecordsError(error("malformed-records", f"`{shown}` is not a readable Parquet "
                              f"file ({clip(str(exc))})", where(shown, 1, 1)))


def text_columns(table: pa.Table, shown: str) -> pa.Table:
    """A typed Arrow table (read from Parquet, or given by a program through the Python
    API) as the text of its cells, as every reader gives them; records numbered from 1."""
    check_header(table.column_names, shown)
    for col_no, field in enumerate(table.schema, start=1):
        check_type(field, col_no, shown)
    columns = {name: pa.chunked_array([as_strings(cell_text(c))
                                       for c in table.column(name).chunks],
                                      type=pa.string()) for name in table.column_names}
    # a Parquet file or a table has no header row: its records are numbered from 1
    return with_rows(pa.table(columns), list(range(1, table.num_rows + 1)))


def check_type(field: pa.Field, col_no: int, shown: str) -> None:
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


def cell_text(column: pa.Array) -> pa.Array:
    """A typed column as the text of its cells, numbers written as number cells are; a
    dictionary-encoded column stays so, with its dictionary as text."""
    if pa.types.is_dictionary(column.type):
        if pa.types.is_string(column.type.value_type):
            return column
        return pa.DictionaryArray.from_arrays(column.indices, cell_text(column.dictionary))
    if pa.types.is_boolean(column.type):
        return pc.if_else(column, "true", "false")
    if pa.types.is_floating(column.type):  # Arrow would write 1e+22; see number_text
        return pa.array([None if v is None else number_text(v) for v in column.to_pylist()],
                        type=pa.string())
    if pa.types.is_string(column.type):
        return column
    return pc.cast(column, pa.string())
