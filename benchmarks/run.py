"""critc against the peers a user would pick, side by side in one run, figures checked equal.

    .venv/bin/python benchmarks/run.py --sizes 10000,100000,1000000 --end-to-end 200000

In memory, per archive size (benchmarks/archive.py: 200 questions, 500 inspections): critc's
engine (`detail=False`, and `detail=True` as `critc score` runs it), careful NumPy
(careful_numpy.py), Polars and DuckDB over an Arrow table and pandas over a DataFrame
(dataframes.py), and the compiled module's `score_case` loop on a sample, extrapolated
(per_case.py). End to end, from a CSV and a Parquet file (end_to_end.py): `critc score`,
DuckDB and Polars, each a process of its own with its peak RSS. Every peer's figures must
equal critc's (counts and bands exactly, fractions to 1e-12) or the run stops.

Times are measured, never asserted; record them in docs/performance.md. Peers whose
package is missing are skipped (`pip install -e .[bench]` installs them).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib.util
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import archive  # noqa: E402
import careful_numpy  # noqa: E402
import case_files  # noqa: E402
import dataframes  # noqa: E402
import end_to_end  # noqa: E402
import memory  # noqa: E402
import per_case  # noqa: E402
import spec as specs  # noqa: E402
from critc.compiler.engine.evaluate import evaluate  # noqa: E402

CRITC = "critc engine, detail=False"


def best_of(fn, repeat: int):
    """(best wall seconds, best CPU seconds of this process's threads, last result) of
    `repeat` calls. On a shared machine CPU time says more than wall time: it is not
    inflated by waiting for a core (it counts every thread's work, so a peer that uses
    two threads is charged for both)."""
    best, best_cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        out = None
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best, best_cpu, out


def installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def critc_peer(plan, table, grouping, detail: bool):
    def run():
        r = evaluate(plan, table, grouping, detail=detail)
        return r.numerators, r.denominators, r.values
    return run


def in_memory_peers(spec: dict, plan, table, grouping) -> list[tuple[str, object, str]]:
    """(name, function returning (num, den, figures), package needed or '')."""
    fields, size = table.fields, grouping.size
    # careful NumPy reads a row of the matrix at a time: it is given a case-major copy (made
    # here, not timed), critc the question-major matrix its readers make
    case_major = np.ascontiguousarray(table.answers)
    peers = [(CRITC, critc_peer(plan, table, grouping, False), ""),
             ("critc engine, detail=True (as critc score)",
              critc_peer(plan, table, grouping, True), ""),
             ("careful NumPy", lambda: careful_numpy.score(
                 spec, case_major, fields["rosh"], fields["custody"], grouping.group,
                 size), ""),
             ("careful NumPy, 2 threads", lambda: careful_numpy.score(
                 spec, case_major, fields["rosh"], fields["custody"], grouping.group,
                 size, threads=2), "")]
    arrow = dataframes.arrow_table(spec, table, grouping.group)
    for name, counter, package in [("Polars, lazy group_by/agg on Arrow",
                                     dataframes.polars_counts, "polars"),
                                    ("DuckDB SQL on Arrow", dataframes.duckdb_counts,
                                     "duckdb")]:
        peer = dataframes.with_figures(counter)
        peers.append((name, lambda peer=peer: peer(spec, arrow, size), package))
    if installed("pandas"):
        frame = dataframes.pandas_frame(arrow)
        peer = dataframes.with_figures(dataframes.pandas_counts)
        peers.append(("pandas groupby", lambda: peer(spec, frame, size), "pandas"))
    else:
        peers.append(("pandas groupby", None, "pandas"))
    return peers


def measure_in_memory(spec: dict, plan, table, grouping, repeat: int) -> list[dict]:
    reference = evaluate(plan, table, grouping, detail=False)
    rows = []
    for name, run, package in in_memory_peers(spec, plan, table, grouping):
        if run is None or (package and not installed(package)):
            rows.append({"implementation": name, "size": table.n, "seconds": None,
                         "check": f"skipped: {package} is not installed"})
            continue
        seconds, cpu, (num, den, values) = best_of(run, repeat)
        worst = specs.check_equal(name, reference, num, den, values)
        del num, den, values
        rows.append({"implementation": name, "size": table.n, "seconds": seconds,
                     "cpu_seconds": cpu,
                     "extra_rss_mib": memory.peak_growth_mib(run),
                     "check": f"equal (max |diff| {worst:.1e})"})
    return rows


def measure_per_case(spec: dict, plan, table, module, sample: int) -> dict:
    sample = min(sample, table.n)
    rows = per_case.case_rows(spec, table, sample)
    seconds, scored = min((per_case.loop(module, rows) for _ in range(3)),
                          key=lambda run: run[0])
    alone = per_case.each_case_alone(plan, table, sample)
    worst = per_case.check_cases(spec, plan.bands["conclusion"].outputs, scored, alone)
    return {"implementation": f"compiled score_case loop (extrapolated from {sample:,} cases)",
            "size": table.n, "seconds": seconds * table.n / sample,
            "check": f"equal per case (max |diff| {worst:.1e})"}


def with_ratios(rows: list[dict], baseline: str) -> list[dict]:
    """Each row's time over the baseline's time at the same size (and format), by wall
    time and by CPU time."""
    for key, ratio in (("seconds", "ratio_to_critc"), ("cpu_seconds", "cpu_ratio_to_critc")):
        base = {(r["size"], r.get("format")): r.get(key) for r in rows
                if r["implementation"].startswith(baseline)}
        for r in rows:
            b = base.get((r["size"], r.get("format")))
            r[ratio] = r[key] / b if r.get(key) and b else None
    return rows


def describe(ratio: float | None) -> str:
    if ratio is None:
        return ""
    if ratio < 1:
        return f"{1 / ratio:.1f}x faster than critc"
    return f"{ratio:.1f}x slower than critc" if ratio > 1.005 else "same as critc"


def print_table(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"{'implementation':62} {'cases':>9} {'seconds':>9} {'x critc':>8} {'CPU s':>9} "
          f"{'x critc':>8} {'peak RSS':>9}  vs critc (wall); check")
    for r in rows:
        seconds = f"{r['seconds']:9.3f}" if r["seconds"] is not None else f"{'-':>9}"
        cpu = f"{r['cpu_seconds']:9.3f}" if r.get("cpu_seconds") is not None else f"{'-':>9}"
        cpu_ratio = f"{r['cpu_ratio_to_critc']:8.2f}" if r.get("cpu_ratio_to_critc") \
            else f"{'-':>8}"
        ratio = f"{r['ratio_to_critc']:8.2f}" if r.get("ratio_to_critc") else f"{'-':>8}"
        if r.get("peak_rss_mib"):
            rss = f"{r['peak_rss_mib']:6,.0f} MiB"
        elif r.get("extra_rss_mib") is not None:
            rss = f"+{r['extra_rss_mib']:5,.0f} MiB"
        else:
            rss = f"{'-':>9}"
        print(f"{r['implementation']:62} {r['size']:9,} {seconds} {ratio} {cpu} {cpu_ratio} {rss}  "
              f"{describe(r.get('ratio_to_critc'))}; {r['check']}")


def run_end_to_end(cases: int, inspections: int, folder: Path,
                   critc_csv_limit: int) -> list[dict]:
    plan, table, grouping = archive.build(cases, inspections=inspections)
    spec = archive.spec_of(plan)
    reference = evaluate(plan, table, grouping, detail=False)
    framework = folder / "benchmark.crit"
    framework.write_text(archive.framework_text(), encoding="utf-8")
    csv_path, parquet_path = case_files.write(spec, table, folder)
    del table, grouping
    files = {"CSV": csv_path, "Parquet": parquet_path}
    engines = tuple(e for e in ("duckdb", "polars") if installed(e))
    skip = {}
    if cases > critc_csv_limit:
        skip["CSV"] = f"above --critc-csv-limit {critc_csv_limit:,} cases"
    rows = end_to_end.run(spec, framework, files, reference, folder, engines, skip)
    sizes = {fmt: path.stat().st_size / 2**20 for fmt, path in files.items()}
    for r in rows:
        r["size"] = cases
        r["format"] = next(fmt for fmt in files if f"from {fmt}" in r["implementation"])
        r["file_mib"] = sizes[r["format"]]
    return rows


def environment() -> dict:
    versions = {"python": platform.python_version(), "numpy": np.__version__}
    for package in ("pyarrow", "polars", "duckdb", "pandas"):
        if installed(package):
            versions[package] = __import__(package).__version__
    return {"date": datetime.date.today().isoformat(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores (nproc)",
            "load_average_at_start": os.getloadavg(), "versions": versions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="archive sizes (cases) for the in-memory comparison")
    parser.add_argument("--end-to-end", default="200000", metavar="CASES",
                        help="cases in the CSV/Parquet files, comma-separated (0 to skip)")
    parser.add_argument("--critc-csv-limit", type=int, default=2_000_000,
                        help="above this many cases, do not run critc score on the CSV")
    parser.add_argument("--inspections", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--sample", type=int, default=2_000,
                        help="cases the compiled score_case loop scores (then extrapolated)")
    parser.add_argument("--json", type=Path, default=Path(__file__).with_name("results.json"))
    args = parser.parse_args()

    env = environment()
    print(f"{env['date']}; {env['machine']}; load average {env['load_average_at_start']}; "
          + ", ".join(f"{k} {v}" for k, v in env["versions"].items()))
    in_memory = []
    with tempfile.TemporaryDirectory() as tmp:
        module = per_case.compile_module(_framework_file(Path(tmp)), Path(tmp))
        for size in [int(s) for s in args.sizes.split(",") if s]:
            plan, table, grouping = archive.build(size, inspections=args.inspections)
            spec = archive.spec_of(plan)
            in_memory += measure_in_memory(spec, plan, table, grouping, args.repeat)
            in_memory.append(measure_per_case(spec, plan, table, module, args.sample))
            del plan, table, grouping
            gc.collect()
    in_memory = with_ratios(in_memory, CRITC)
    print_table(f"In memory: {args.inspections} inspections x 200 questions; best of "
                f"{args.repeat}; peak RSS: what one call added to this process's RSS at its "
                "peak (benchmarks/memory.py)", in_memory)
    files = []
    for cases in [int(s) for s in args.end_to_end.split(",") if int(s)]:
        with tempfile.TemporaryDirectory() as tmp:
            files += run_end_to_end(cases, args.inspections, Path(tmp), args.critc_csv_limit)
    if files:
        print_table("End to end from files, each a process of its own (wall time, CPU time "
                    "(user + system), peak RSS)",
                    with_ratios(files, "critc score"))
    env["load_average_at_end"] = os.getloadavg()
    print(f"\nload average at the end: {env['load_average_at_end']}")
    args.json.write_text(json.dumps({"environment": env, "in_memory": in_memory,
                                     "end_to_end": files}, indent=1) + "\n",
                         encoding="utf-8")
    print(f"results written to {args.json}")


def _framework_file(folder: Path) -> Path:
    path = folder / "benchmark.crit"
    path.write_text(archive.framework_text(), encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
