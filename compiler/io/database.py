"""Case records and inspection inputs in a database, read through ADBC (Arrow Database
Connectivity): a table, or the result of a query, as Arrow record batches of the text of
each cell, as the file readers give them (numbers written as number cells are, true/false,
dates as YYYY-MM-DD, NULL = blank).

A URL names the database: `sqlite:///relative/path.db`, `sqlite:////absolute/path.db`,
`postgresql://user@host:port/database` (a libpq URI), or another scheme with an ADBC driver
(`DRIVERS`); a program may give an ADBC DB-API connection instead. The drivers are an extra
(`pip install 'critc[db]'`), imported when a database is read.

A table is read in the order of its primary key (read from the catalog); where the key is
one whole-number column, its values locate each record in diagnostics (where a file gives
the line). Otherwise records are numbered from 1 in the order read. Every problem is a
diagnostic: a URL that cannot be used, a server that cannot be reached, a table that does
not exist, a query the database refuses (its message), a column of a type that cannot hold
one value per cell, a result of no rows.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import attrs
import numpy as np
import pyarrow as pa
from critc.compiler.check.declare import did_you_mean
from critc.compiler.io.parquet_reader import cell_text, check_type
from critc.compiler.io.tables import Records, RecordsError, check_header, clip, empty, where
from critc.dsl.diagnostics import error

# URL scheme → the ADBC driver's Python module; the URL is passed to it as its `uri`
DRIVERS = {"sqlite": "adbc_driver_sqlite", "postgresql": "adbc_driver_postgresql",
           "postgres": "adbc_driver_postgresql", "snowflake": "adbc_driver_snowflake",
           "grpc": "adbc_driver_flightsql", "grpc+tls": "adbc_driver_flightsql"}
MESSAGE_LIMIT = 400  # characters of a database's message quoted in a diagnostic


@attrs.frozen
class Database:
    """Records in a database: `table`, or the result of `query` (exactly one of the two),
    in the database at `url` or on an open ADBC DB-API `connection`."""

    url: str | None = None
    table: str | None = None
    query: str | None = None
    connection: Any = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if (self.table is None) == (self.query is None):
            raise ValueError("give a table or a query (one of the two)")
        if (self.url is None) == (self.connection is None):
            raise ValueError("give a database URL or an ADBC connection (one of the two)")

    @property
    def shown(self) -> str:
        """The records' name in diagnostics: the URL without its password, then `#` and the
        table, or `#query`."""
        where_ = safe_url(self.url) if self.url is not None else "<connection>"
        return f"{where_}#{self.table if self.table is not None else 'query'}"


def safe_url(url: str) -> str:
    """`url` without a password, and without anything after `?` (where one may be given)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<database>"
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    return f"{parts.scheme}://{netloc}{parts.path}" if parts.scheme else "<database>"


def _problem(code: str, message: str, shown: str, hint: str | None = None) -> RecordsError:
    return RecordsError(error(code, message, where(shown), hint=hint))


def _said(exc: Exception) -> str:
    """What the database (or driver) said, on one line, without the driver's status."""
    text = " ".join(str(exc).split())
    for prefix in ("INVALID_ARGUMENT: ", "NOT_FOUND: ", "IO: ", "INVALID_STATE: ",
                   "UNKNOWN: ", "INTERNAL: "):
        text = text.removeprefix(prefix)
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT - 1] + "…"


def connect(url: str, shown: str):
    """An ADBC DB-API connection to the database at `url`."""
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed [ in an IPv6 host
        parts = urlsplit("")
    scheme = parts.scheme.lower() if "://" in url else ""
    module = DRIVERS.get(scheme) if parts.scheme else None
    if module is None:
        raise _problem("bad-database-url", f"cannot read from `{clip(safe_url(url))}`: "
                       + (f"no ADBC driver is known for `{scheme}://`" if parts.scheme
                          else "not a database URL"), shown,
                       hint="use sqlite:///path/to/file.db or postgresql://user@host:port/db "
                       "(in Python, an ADBC connection can be given instead)")
    try:
        dbapi = importlib.import_module(f"{module}.dbapi")  # lazy: a driver per database
    except ImportError:
        raise _problem("missing-database-driver", f"the ADBC driver for `{scheme}://` "
                       f"({module.replace('_', '-')}) is not installed", shown,
                       hint="pip install 'critc[db]' installs the SQLite and PostgreSQL "
                       f"drivers; pip install {module.replace('_', '-')}") from None
    uri = url
    if scheme == "sqlite":
        uri = parts.path[1:] if url.lower().startswith("sqlite:///") else ""
        if not uri:
            raise _problem("bad-database-url", f"`{clip(url)}` names no SQLite file", shown,
                           hint="sqlite:///cases.db (relative) or sqlite:////srv/cases.db")
        if not os.path.isfile(uri):  # (the driver would say "failed to allocate memory")
            raise _problem("database-unreachable", f"there is no SQLite database file "
                           f"`{clip(uri)}`", shown)
        uri = f"file:{uri}?mode=ro"  # never create a database, never write to one
    try:
        return dbapi.connect(uri)
    except Exception as exc:  # noqa: BLE001 (each driver raises its own errors)
        raise _problem("database-unreachable", f"cannot connect to `{safe_url(url)}`: "
                       f"{_said(exc)}", shown) from None


def quote(name: str) -> str:
    """An SQL identifier in double quotes (standard SQL: SQLite, PostgreSQL and most)."""
    return '"' + name.replace('"', '""') + '"'


@attrs.frozen
class Found:
    """A table as the catalog describes it."""

    schema: str | None
    name: str
    key: tuple[str, ...]  # the primary key's columns, in order


def _tables(conn, like: str | None = None, depth: str = "all"
            ) -> list[tuple[str | None, str, tuple[str, ...]]]:
    """(schema, table, primary key) of the tables and views in the catalog whose names are
    LIKE `like` (all with None; no keys at depth `tables`), outside the system schemas."""
    out = []
    objects = conn.adbc_get_objects(depth=depth, table_name_filter=like).read_all()
    for catalog in objects.to_pylist():
        for schema in catalog["catalog_db_schemas"] or []:
            if schema["db_schema_name"] in SYSTEM_SCHEMAS:
                continue
            for table in schema["db_schema_tables"] or []:
                key: tuple[str, ...] = ()
                for constraint in table.get("table_constraints") or []:
                    if constraint["constraint_type"] == "PRIMARY KEY":
                        key = tuple(constraint["constraint_column_names"])
                out.append((schema["db_schema_name"] or None, table["table_name"], key))
    return out


SYSTEM_SCHEMAS = ("information_schema", "pg_catalog", "pg_toast")
DEFAULT_SCHEMAS = (None, "public", "main")
INTERNAL_PREFIX = "sqlite_"  # SQLite's own tables and indexes (sqlite_autoindex_cases_1)


def _catalog(conn, shown: str, like: str | None = None, depth: str = "all") -> list:
    try:
        return _tables(conn, like, depth)
    except Exception as exc:  # noqa: BLE001 (each driver raises its own errors)
        raise _problem("query-failed", f"cannot read the database's catalog: {_said(exc)}",
                       shown) from None


def find_table(conn, name: str, shown: str) -> Found:
    """The table `name` (or `schema.name`): in the default schema (`public`, `main`), or
    the one schema holding it; else refused with the tables there are. (A LIKE pattern
    asks the catalog for the tables of that name only: `_` and `%` match more, never
    fewer.)"""
    prefix, _, rest = name.rpartition(".")
    tables = _catalog(conn, shown, name) + (_catalog(conn, shown, rest) if prefix else [])
    matches = [t for t in tables if t[1] == name] or \
        [t for t in tables if prefix and t[0] == prefix and t[1] == rest]
    default = [t for t in matches if t[0] in DEFAULT_SCHEMAS]
    if len(matches) > 1 and not default:
        schemas = ", ".join(sorted(f"`{t[0]}`" for t in matches))
        raise _problem("missing-table", f"`{clip(name)}` is a table in several schemas "
                       f"({schemas})", shown, hint="name one: --table schema.table")
    if not matches:
        names = sorted({t[1] for t in _catalog(conn, shown, depth="tables")
                        if not t[1].startswith(INTERNAL_PREFIX)})
        raise _problem("missing-table", f"there is no table `{clip(name)}` in the database",
                       shown, hint=did_you_mean(name, names) or (
                           "its tables are " + ", ".join(f"`{clip(n)}`" for n in names[:20])
                           if names else "the database has no tables"))
    schema, table, key = (default or matches)[0]
    return Found(schema, table, key)


def _select(found: Found) -> str:
    name = quote(found.name) if found.schema is None else \
        f"{quote(found.schema)}.{quote(found.name)}"
    order = f" ORDER BY {', '.join(quote(c) for c in found.key)}" if found.key else ""
    return f"SELECT * FROM {name}{order}"


def _plain(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """An extension column (PostgreSQL's numeric, as text) as its storage."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return column.storage if isinstance(column, pa.ExtensionArray) else column


def _plain_field(field: pa.Field) -> pa.Field:
    kind = field.type
    return field.with_type(kind.storage_type) if isinstance(kind, pa.ExtensionType) else field


def open_database(source: Database) -> Records:
    """The records of `source`, to be read batch by batch (see `tables.Records`)."""
    shown = source.shown
    conn = source.connection if source.connection is not None else \
        connect(source.url or "", shown)
    owned = source.connection is None
    try:
        query: str = source.query or ""
        key: str | None = None
        if source.table is not None:
            found = find_table(conn, source.table, shown)
            query = _select(found)
            key = found.key[0] if len(found.key) == 1 else None
        if _vendor(conn) == "SQLite":
            _check_sqlite_types(conn, query, shown)
        cursor = conn.cursor()
        try:
            cursor.execute(query)
            reader = cursor.fetch_record_batch()
        except Exception as exc:  # noqa: BLE001 (each driver raises its own errors)
            raise _problem("query-failed", f"the database refused the query: {_said(exc)}",
                           shown, hint=None if source.query is None else
                           "run the query in the database's own client to see it work"
                           ) from None
        names = list(reader.schema.names)
        _check_columns(reader.schema, shown)
        if key is not None and not pa.types.is_integer(reader.schema.field(key).type):
            key = None
    except BaseException:
        if owned:
            conn.close()
        raise
    keys: list[np.ndarray] = []
    batches = _batches(reader, cursor, conn if owned else None, shown, key, keys)
    return Records(names, batches, lambda count: _rows(count, keys, shown), key=key,
                   header=0)


def _vendor(conn) -> str | None:
    try:
        return conn.adbc_get_info().get("vendor_name")
    except Exception:  # noqa: BLE001 (a driver that cannot say)
        return None


def _check_sqlite_types(conn, query: str, shown: str) -> None:
    """Refuse a SQLite column holding both numbers with a fraction and text: SQLite keeps
    each value's own type, and its driver, reading such a column as text, would write the
    numbers with 7 digits (0.123456789 as 1.234568e-01)."""
    query = query.rstrip().removesuffix(";")
    cursor = conn.cursor()
    try:
        cursor.execute(f"SELECT * FROM ({query}) LIMIT 0")
        names = cursor.fetch_arrow_table().column_names
        tests = ", ".join(f"max(typeof({quote(n)}) = 'real') AND "
                          f"max(typeof({quote(n)}) IN ('text', 'blob'))" for n in names)
        cursor.execute(f"SELECT {tests} FROM ({query})")
        mixed = [n for n, both in zip(names, cursor.fetchone(), strict=True) if both]
    except Exception:  # noqa: BLE001 (the query itself says what is wrong with it)
        return
    finally:
        cursor.close()
    if mixed:
        raise _problem("mixed-column-types", f"column `{clip(mixed[0])}` holds both numbers "
                       "and text, which SQLite keeps apart; its numbers cannot be read "
                       "exactly as text", shown, hint=f"store one type in the column, or read "
                       f"it with --query and CAST({quote(mixed[0])} AS TEXT)")


def _check_columns(schema: pa.Schema, shown: str) -> None:
    """Refuse a result with a column named twice or of a type that cannot hold one value
    per cell, located at the source (a result has no header line)."""
    try:
        check_header(list(schema.names), shown)
        for col_no, field in enumerate(schema, start=1):
            check_type(_plain_field(field), col_no, shown)
    except RecordsError as exc:
        raise RecordsError(attrs.evolve(exc.diagnostic, span=where(shown))) from None


def _batches(reader: pa.RecordBatchReader, cursor, conn, shown: str, key: str | None,
             keys: list[np.ndarray]) -> Iterator[pa.RecordBatch]:
    """The result's batches as text, the key's values of each kept in `keys`; the cursor
    (and a connection opened here) closed at the end."""
    try:
        for batch in reader:
            if key is not None:
                keys.append(batch.column(key).to_numpy(zero_copy_only=False))
            yield pa.RecordBatch.from_arrays([cell_text(_plain(c)) for c in batch.columns],
                                             names=batch.schema.names)
    except (pa.ArrowException, OSError) as exc:
        raise _problem("query-failed", f"the database could not give the rows: {_said(exc)}",
                       shown, hint="a SQLite column may hold values of more than one type: "
                       "store one type in it, or read it with a query that casts it (CAST(x "
                       "AS TEXT))") from None
    finally:
        cursor.close()
        if conn is not None:
            conn.close()


def _rows(count: int, keys: list[np.ndarray], shown: str) -> np.ndarray:
    """Where each record is: the primary key's value, or its place in the result."""
    if count == 0:
        raise empty(shown, 1, "holds no rows")
    if keys:
        return np.concatenate(keys).astype(np.int64)
    return np.arange(1, count + 1, dtype=np.int64)
