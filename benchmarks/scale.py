"""critc at scale: the embedded engine, DuckDB and local Spark on one archive, figures checked
equal (docs/scale.md).

    .venv/bin/python benchmarks/scale.py --sizes 1000000,10000000 --folder /tmp/critc-scale

For each size, writes the benchmark archive (benchmarks/archive.py: 200 questions; one
inspection per 2,000 cases) as a folder of Parquet files of `--part` cases each and as one
Parquet file, then times, each as a process of its own:

- `critc score benchmark.crit cases.parquet --format csv` (the NumPy engine; one file);
- DuckDB running `critc compile --target sql --dialect duckdb` with `cases` a view over
  `read_parquet('parts/*.parquet')` (two threads, a 4 GB memory limit, spilling allowed);
- local Spark (local[2], 4 GB driver) running the `--dialect spark` query over the folder.

Every run's rows must equal critc's (counts and text exactly, values to 1e-12). Times are
measured, never asserted; with the load average, date and machine, they are appended to
`--results` (benchmarks/scale-results.json) and go into docs/scale.md by hand.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(__file__))
import archive  # noqa: E402
import case_files  # noqa: E402
from end_to_end import CRITC, TIME, critc_command  # noqa: E402

HERE = Path(__file__).resolve().parent
CASES_PER_INSPECTION = 2000


def write_archive(cases: int, folder: Path, part: int) -> None:
    """The archive as parts/part-NNNN.parquet and as cases.parquet (the same rows), built
    `part` cases at a time so that memory stays bounded; case references and inspection
    numbers run on across parts."""
    done = folder / "written.txt"
    if done.exists() and done.read_text(encoding="utf-8") == str(cases):
        return
    (folder / "parts").mkdir(parents=True, exist_ok=True)
    (folder / "benchmark.crit").write_text(archive.framework_text(), encoding="utf-8")
    writer = None
    for number, first in enumerate(range(0, cases, part)):
        table = archive_part(first, min(part, cases - first), seed=12345 + number)
        pq.write_table(table, folder / "parts" / f"part-{number:04d}.parquet")
        writer = writer or pq.ParquetWriter(folder / "cases.parquet", table.schema)
        writer.write_table(table)
    if writer is not None:
        writer.close()
    done.write_text(str(cases), encoding="utf-8")


def archive_part(first: int, size: int, seed: int) -> pa.Table:
    """Cases first .. first+size-1 of the archive, as case files spell them."""
    inspections = max(1, size // CASES_PER_INSPECTION)
    plan, table, _ = archive.build(size, inspections=inspections, seed=seed)
    fw = plan.framework
    spec = {"questions": [q.id for q in plan.questions],
            "codes": list(fw.scales["sufficiency"].codes),
            "rosh": list(fw.fields["rosh"].type.values)}
    out = case_files.case_table(spec, table)
    refs = pa.array([f"C{i:08d}" for i in range(first, first + size)])
    offset = first // CASES_PER_INSPECTION
    numbers = pc.add(out.column("inspection"), pa.scalar(offset, pa.int64()))
    out = out.set_column(out.schema.get_field_index("case_ref"), "case_ref", refs)
    return out.set_column(out.schema.get_field_index("inspection"), "inspection", numbers)


def measure(command: list[str], folder: Path) -> tuple[float, float, float, int, str]:
    """(wall seconds, CPU seconds, peak RSS MiB, exit status, stderr) of one child process
    and the descendants it waited for (GNU time; Spark's JVM reports its own, below)."""
    stats = folder / f"time.{os.getpid()}.txt"  # runs beside each other do not share it
    start = time.perf_counter()
    done = subprocess.run([TIME, "-f", "%M %U %S", "-o", str(stats), *command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    peak_kib, user, system = stats.read_text(encoding="utf-8").split()[-3:]
    return (seconds, float(user) + float(system), int(peak_kib) / 1024, done.returncode,
            done.stderr.decode("utf-8", "replace"))


def spark_report(stderr: str) -> dict:
    """What the Spark runner printed about itself (scale_runners.py): `key: seconds`."""
    out = {}
    for line in stderr.splitlines():
        if line.startswith("spark ") and ": " in line:
            key, value = line[len("spark "):].split(": ", 1)
            out[key] = float(value.split()[0])
    return out


def compile_query(folder: Path, dialect: str) -> Path:
    out = folder / f"scoring.{dialect}.sql"
    subprocess.run([str(CRITC), "compile", str(folder / "benchmark.crit"), "--target", "sql",
                    "--dialect", dialect, "-o", str(out)], check=True)
    return out


def runner(engine: str, query: Path, source: str, out: Path) -> list[str]:
    return [sys.executable, str(HERE / "scale_runners.py"), engine, str(query), source,
            str(out)]


def read_rows(path: Path) -> dict[tuple[str, str], list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return {(r[0], r[1]): r for r in rows}


def same_figures(got: dict, want: dict) -> str | None:
    """None if `got` has critc's rows (values to 1e-12), else the first difference."""
    if set(got) != set(want):
        return f"{len(set(got) ^ set(want))} rows differ in their keys"
    for key, row in want.items():
        other = got[key]
        for i, (a, b) in enumerate(zip(row, other, strict=True)):
            if i == 3 and a and b and math.isclose(float(a), float(b), abs_tol=1e-12):
                continue
            if a != b:
                return f"{key}: column {i}: critc {a!r}, here {b!r}"
    return None


def time_all(cases: int, folder: Path, engines: list[str], timeout: float) -> list[dict]:
    """One record per engine: wall seconds, peak RSS of the process, agreement."""
    records = []
    critc_out = folder / "critc.csv"
    commands = {
        "critc score (NumPy engine)": critc_command(folder / "benchmark.crit",
                                                    folder / "cases.parquet", critc_out),
        "DuckDB over the Parquet folder": runner(
            "duckdb", compile_query(folder, "duckdb"), str(folder / "parts" / "*.parquet"),
            folder / "duckdb.csv"),
        "Spark local[2] over the Parquet folder": runner(
            "spark", compile_query(folder, "spark"), str(folder / "parts"),
            folder / "spark.csv")}
    for (name, command), engine in zip(commands.items(), ("engine", "duckdb", "spark"),
                                       strict=True):
        if engine not in engines:
            continue
        print(f"{cases:,} cases: {name} ...", flush=True)
        seconds, cpu, peak, status, stderr = measure(
            ["timeout", str(int(timeout)), *command], folder)
        record = {"cases": cases, "engine": name, "seconds": round(seconds, 1),
                  "cpu_seconds": round(cpu, 1), "peak_rss_mib": round(peak), "status": status,
                  "load_after": os.getloadavg()}
        if engine == "spark":
            record["spark"] = spark_report(stderr)
        if status == 0 and engine != "engine" and critc_out.exists():
            record["differs"] = same_figures(read_rows(Path(command[-1])),
                                             read_rows(critc_out))
        elif status != 0:
            record["error"] = stderr[-2000:]
        print(json.dumps(record), flush=True)
        records.append(record)
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/critc-scale"))
    parser.add_argument("--part", type=int, default=250_000, help="cases per Parquet file")
    parser.add_argument("--engines", default="engine,duckdb,spark")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per run")
    parser.add_argument("--results", type=Path, default=HERE / "scale-results.json")
    args = parser.parse_args()
    run = {"date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
           "machine": f"{platform.machine()}, {os.cpu_count()} cores",
           "load_before": os.getloadavg(), "records": []}
    for cases in (int(s) for s in args.sizes.split(",")):
        folder = args.folder / str(cases)
        start = time.perf_counter()
        write_archive(cases, folder, args.part)
        print(f"{cases:,} cases written in {time.perf_counter() - start:.0f} s", flush=True)
        run["records"] += time_all(cases, folder, args.engines.split(","), args.timeout)
    run["load_after"] = os.getloadavg()
    runs = json.loads(args.results.read_text()) if args.results.exists() else []
    args.results.write_text(json.dumps(runs + [run], indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
