"""Case records and inspection inputs as the Python API accepts them: a path, a pandas or
Polars DataFrame, an Arrow table, or a list of dicts, each turned into what the file
readers give (a path, or an Arrow table of strings, null = blank) and a name for
diagnostics. pandas and Polars are never imported here: a DataFrame is recognised by the
module its type comes from, and converted by its own methods (or pyarrow's)."""

from __future__ import annotations

import os
from typing import Any

import pyarrow as pa
from critc.compiler.api.errors import CasesError
from critc.compiler.io.records import Database, RecordsError, records_table, text_columns

# str | os.PathLike | pandas.DataFrame | polars.DataFrame | pa.Table | list[dict] | Database
Records = Any


def from_db(database: Any, table: str | None = None, *, query: str | None = None
            ) -> Database:
    """Case records (or inspection inputs) in a database, to give to `Framework.score`:
    `table`, or the rows of `query`, in the database at a URL (`sqlite:///cases.db`,
    `postgresql://user@host:5432/db`) or on an open ADBC DB-API connection. Nothing is
    read until the records are scored. Raises ValueError unless exactly one of `table`
    and `query` is given."""
    if isinstance(database, (str, os.PathLike)):
        return Database(url=os.fspath(database), table=table, query=query)
    return Database(connection=database, table=table, query=query)


def _library(data: object) -> str:
    return type(data).__module__.split(".")[0]


def _arrow(data: Records, shown: str) -> pa.Table:
    """`data` as a typed Arrow table."""
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if _library(data) == "pandas" and hasattr(data, "columns"):
        return pa.Table.from_pandas(data, preserve_index=False)
    if _library(data) == "polars" and hasattr(data, "to_arrow"):
        return data.to_arrow()
    raise TypeError(f"{shown}: expected a path, a pandas or Polars DataFrame, an Arrow table, "
                    f"a list of dicts or critc.from_db(...), not {type(data).__name__}")


def as_records(data: Records, what: str) -> tuple[str | pa.Table | Database, str]:
    """(a path, a table of strings or a database, its name in diagnostics). `what` names
    data that is not a file: `cases` or `inputs`. Bad data raises CasesError with the
    diagnostic."""
    if isinstance(data, (str, os.PathLike)):
        return os.fspath(data), str(os.fspath(data))
    if isinstance(data, Database):
        return data, data.shown
    shown = f"<{what}>"
    try:
        if isinstance(data, list):
            if not all(isinstance(row, dict) for row in data):
                raise TypeError(f"{shown}: a list of records must hold dicts")
            return records_table(data, shown), shown
        return text_columns(_arrow(data, shown), shown), shown
    except RecordsError as exc:
        raise CasesError(f"cannot read {shown}", [exc.diagnostic]) from None
