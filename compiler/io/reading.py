"""Any supported case-record file: its reader by the file's extension."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from critc.compiler.io.csv_reader import read_csv
from critc.compiler.io.json_reader import read_json, read_jsonl
from critc.compiler.io.parquet_reader import read_parquet
from critc.compiler.io.sources import date_format_of, sheet_of
from critc.compiler.io.tables import (
    FORMATS,
    Progress,
    Records,
    RecordsError,
    collect,
    no_progress,
    where,
)
from critc.compiler.io.xlsx_reader import read_xlsx
from critc.dsl.diagnostics import error


def use_lean_memory_pool() -> None:
    """Make Arrow allocate with jemalloc (else the C library's malloc) rather than its
    default, mimalloc, for the rest of the process. Reading a file of many columns makes
    and frees many buffers; on this project's machines mimalloc returned its pages to the
    system and took them back over and over (reading a 200,000-case Parquet file: 1.5-1.9
    s of system time and 450 MiB peak with mimalloc, 0.15 s and 320 MiB with jemalloc).
    Figures do not depend on the allocator."""
    if pa.default_memory_pool().backend_name != "mimalloc":
        return
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:  # an Arrow built without jemalloc
        pool = pa.system_memory_pool()
    pa.set_memory_pool(pool)


def open_records(path: str | Path, progress: Progress = no_progress) -> Records:
    """A file's records, to be read batch by batch (`progress` is told how far a reader
    that reads the whole file first has got); the sheet and date format of a
    `RecordsPath` are used."""
    use_lean_memory_pool()
    records = _open(path, progress)
    records.date_format = date_format_of(path)
    return records


def _open(path: str | Path, progress: Progress) -> Records:
    sheet = sheet_of(path)
    path = Path(path)
    shown = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise RecordsError(error("unknown-format", f"cannot read `{shown}`: unknown file type "
                                 f"`{path.suffix}`", where(shown, 1, 1),
                                 hint="use .csv, .jsonl, .xlsx or .parquet"))
    if fmt == "csv":
        return read_csv(path, shown)
    if fmt == "parquet":
        return read_parquet(path, shown)
    if fmt == "xlsx":
        return read_xlsx(path, shown, progress, sheet)
    if fmt == "json":
        return read_json(path, shown)
    return read_jsonl(path, shown, progress)


def read_table(path: str | Path, progress: Progress = no_progress) -> pa.Table:
    """Any supported file as a table of string columns (null = blank)."""
    return collect(open_records(path), progress)
