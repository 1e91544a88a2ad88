"""Run the SQL target's query over a folder of Parquet files in DuckDB or in local Spark, as a
process of its own (benchmarks/scale.py times it), writing the rows as `critc score
--format csv` writes them.

    python benchmarks/scale_runners.py duckdb QUERY.sql 'folder/*.parquet' OUT.csv
    python benchmarks/scale_runners.py spark QUERY.sql folder OUT.csv
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["inspection", "figure", "kind", "value", "shown", "bands", "cases", "numerator",
          "denominator"]


def as_cell(value) -> str:
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def write_rows(rows, out: Path) -> None:
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([as_cell(v) for v in row] for row in rows)


def run_duckdb(sql: str, pattern: str, out: Path, memory_limit: str = "4GB") -> None:
    """`cases` a view over the Parquet files; two threads; spills to a temporary folder."""
    import duckdb  # lazy: a peer, installed with the bench extra

    with tempfile.TemporaryDirectory() as spill:
        con = duckdb.connect()
        con.execute("SET threads = 2")
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"SET temp_directory = '{spill}'")
        con.execute(f"CREATE VIEW cases AS SELECT * FROM read_parquet('{pattern}')")
        write_rows(con.execute(sql).fetchall(), out)
        con.close()


def spark_session(warehouse: str, driver_memory: str = "4g"):
    """Local Spark on two threads, few shuffle partitions, no UI, quiet logs."""
    from pyspark.sql import SparkSession  # lazy: a JVM, installed with the spark extra

    spark = (SparkSession.builder.master("local[2]").appName("critc-scale")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "2")
             .config("spark.driver.memory", driver_memory)
             # inferring filters from constraints costs seconds on a wide query and finds
             # nothing to infer in this one (docs/scale.md)
             .config("spark.sql.constraintPropagation.enabled", "false")
             .config("spark.sql.warehouse.dir", warehouse)
             .config("spark.local.dir", warehouse)
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def jvm_cpu_seconds(spark) -> float:
    """The CPU time (user and system) the session's JVM has used so far (Linux /proc)."""
    pid = spark._jvm.java.lang.ProcessHandle.current().pid()
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_spark(sql: str, folder: str, out: Path) -> None:
    """`cases` a temporary view over the folder of Parquet files. Prints to stderr, as
    `spark KEY: SECONDS`, where the time went: starting the session, analysing and
    planning the query (before any case is read), and running it; and the JVM's CPU time."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as warehouse:
        spark = spark_session(warehouse)
        report("session", start)
        spark.read.parquet(folder).createOrReplaceTempView("cases")
        start = time.perf_counter()
        frame = spark.sql(sql.rstrip().rstrip(";"))
        frame._jdf.queryExecution().executedPlan()  # analysis, optimisation, physical plan
        report("planning", start)
        start = time.perf_counter()
        rows = frame.collect()
        report("running", start)
        print(f"spark jvm cpu: {jvm_cpu_seconds(spark):.1f} s", file=sys.stderr, flush=True)
        write_rows(rows, out)
        spark.stop()


def report(what: str, start: float) -> None:
    print(f"spark {what}: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)


def main() -> None:
    engine, query, source, out = sys.argv[1:5]
    sql = Path(query).read_text(encoding="utf-8")
    if engine == "duckdb":
        run_duckdb(sql, source, Path(out), os.environ.get("SCALE_DUCKDB_MEMORY", "4GB"))
    elif engine == "spark":
        run_spark(sql, source, Path(out))
    else:
        raise SystemExit(f"unknown engine {engine!r}")


if __name__ == "__main__":
    main()
