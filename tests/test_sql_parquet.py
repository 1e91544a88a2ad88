"""The SQL target on DuckDB over a folder of Parquet files (docs/scale.md): `cases` is a view
over `read_parquet('folder/*.parquet')`, as an archive too large for one machine's memory
would be read.

For every framework in rules/ and the demo, the case file split into several Parquet files
(with pyarrow's own column types: booleans, numbers and dates as Parquet types, not text)
gives the same figures as `critc score`. With DuckDB's memory limit set below the size of
the decoded archive and spilling to disk turned off, the query still runs and agrees: it
streams the cases through its aggregation, so its memory grows with the framework, not with
the archive.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.plan.lower import plan_for
from critc.compiler.sql.query import Tables, compile_sql
from sqlglot import exp
from test_sql import ARCHIVES, assert_same_as_engine, engine_rows


def split_to_parquet(csv_path: Path, folder: Path, parts: int, text: bool = False,
                     repeat: int = 1) -> pa.Table:
    """The case file written as `parts` Parquet files under `folder` (its rows `repeat`
    times over); columns as pyarrow infers them, or all text with `text`."""
    convert = pa_csv.ConvertOptions(strings_can_be_null=True)
    if text:
        with open(csv_path, encoding="utf-8") as handle:
            header = pa_csv.read_csv(handle.buffer).column_names
        convert = pa_csv.ConvertOptions(column_types={c: pa.string() for c in header},
                                        strings_can_be_null=False)
    table = pa_csv.read_csv(csv_path, convert_options=convert)
    table = pa.concat_tables([table] * repeat)
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-table.num_rows // parts)
    for part in range(parts):
        pq.write_table(table.slice(part * size, size), folder / f"part-{part:03d}.parquet")
    return table


def connect_over(folder: Path, inputs: Path | None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection where `cases` is a view over the folder's Parquet files (the
    recipe of docs/scale.md) and `inspection_inputs` the inputs file as text."""
    con = duckdb.connect()
    pattern = exp.Literal.string(str(folder / "*.parquet")).sql(dialect="duckdb")
    con.execute(f"CREATE VIEW cases AS SELECT * FROM read_parquet({pattern})")
    if inputs is not None:
        path = exp.Literal.string(str(inputs)).sql(dialect="duckdb")
        con.execute("CREATE VIEW inspection_inputs AS "
                    f"SELECT * FROM read_csv({path}, all_varchar = true)")
    return con


def rows_of(con: duckdb.DuckDBPyConnection, sql: str) -> dict:
    out = {}
    for row in con.execute(sql).fetchall():
        assert (row[0], row[1]) not in out, f"two rows for {row[:2]}"
        out[(row[0], row[1])] = row
    return out


@pytest.mark.parametrize("name", sorted(ARCHIVES))
def test_parquet_folder_view_equals_engine(name, tmp_path):
    framework, cases, inputs, whole = ARCHIVES[name]
    split_to_parquet(cases, tmp_path / "archive", parts=3)
    sql, problems = compile_sql(plan_for(check_file(str(framework))), "duckdb",
                                Tables(whole=whole))
    assert sql is not None, problems
    con = connect_over(tmp_path / "archive", inputs)
    got = rows_of(con, sql)
    con.close()
    assert_same_as_engine(got, engine_rows(framework, cases, inputs, whole), name)


MEMORY_LIMIT = 100 * 2**20  # bytes: above the demo query's own needs on one thread (64 MiB is not)


@pytest.mark.slow
def test_archive_larger_than_duckdb_s_memory_limit_streams(tmp_path):
    """The demo's cases 2,000 times over (720,000 cases, several times the memory limit once
    decoded) in 8 Parquet files: with spilling off, the query runs within the limit."""
    framework, cases, inputs, _ = ARCHIVES["demo"]
    table = split_to_parquet(cases, tmp_path / "archive", parts=8, text=True, repeat=2000)
    assert table.nbytes > 2 * MEMORY_LIMIT, table.nbytes
    sql, problems = compile_sql(plan_for(check_file(str(framework))), "duckdb")
    assert sql is not None, problems
    con = connect_over(tmp_path / "archive", inputs)
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT // 2**20}MiB'")
    con.execute("SET temp_directory = ''")  # nowhere to spill: it must fit
    con.execute("SET threads = 1")  # the query's own memory is per thread
    got = rows_of(con, sql)
    assert con.execute("SELECT count(*) FROM cases").fetchone() == (table.num_rows,)
    con.close()
    want = {key: (*row[:6], *(c * 2000 if c != "" else "" for c in row[6:]))
            for key, row in engine_rows(framework, cases, inputs).items()}
    assert_same_as_engine(got, want, "the demo 2,000 times over")  # counts 2,000 times
