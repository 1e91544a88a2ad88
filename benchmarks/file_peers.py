"""Score a case file on disk with DuckDB or Polars, as critc score does, in a process of its own.

    python benchmarks/file_peers.py duckdb|polars CASES.csv|.parquet SPEC.json OUT.npz

Every cell is checked as critc checks it: answers must be a scale code spelt exactly or
blank, rosh one of its values, custody a boolean spelling (true/false/yes/no/1/0 in any
case), the inspection an integer. Any other cell makes the process print the column and
the number of bad cells and exit 1, before anything is scored. The counts, checks and
conditions are one pass over the file (one query, one lazy plan); the figures then come
from `spec.figures_from_counts`, as for every peer, and are saved to OUT.npz.

Run by benchmarks/end_to_end.py, which measures the whole process (wall time and peak
RSS) and checks the figures against critc's.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import spec as specs

TRUE, FALSE = ("true", "yes", "1"), ("false", "no", "0")


def _quoted(values) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


# ----------------------------------------------------------------------------- DuckDB
def duckdb_sql(spec: dict, path: str) -> str:
    """One query: per inspection, counts per question and bad cells per column."""
    source = (f"read_parquet('{path}')" if path.endswith(".parquet")
              else f"read_csv('{path}', all_varchar = true, header = true)")
    high = _quoted(spec["rosh"][2:])
    custody = "lower(custody)"
    applies = {0: "TRUE", 1: f"rosh IN ({_quoted(spec['rosh'][1:])})",
               2: f"{custody} IN ({_quoted(FALSE)})",
               3: f"(rosh IN ({high}) OR {custody} IN ({_quoted(TRUE)}))"}
    code = spec["codes"]
    parts = [f"count_if(rosh IS NOT NULL AND rosh NOT IN ({_quoted(spec['rosh'])})) AS bad_rosh",
             f"count_if(custody IS NOT NULL AND {custody} NOT IN "
             f"({_quoted(TRUE + FALSE)})) AS bad_custody",
             "count_if(inspection IS NOT NULL AND TRY_CAST(inspection AS BIGINT) IS NULL) "
             "AS bad_inspection"]
    for i, (q, c) in enumerate(zip(spec["questions"], spec["condition"], strict=True)):
        parts.append(f'count_if("{q}" IS NOT NULL AND "{q}" NOT IN ({_quoted(code)})) '
                     f'AS "bad_{q}"')
        parts.append(f"count_if(\"{q}\" IN ({_quoted(code[:2])}) AND {applies[c]}) AS d{i}")
        parts.append(f"count_if(\"{q}\" = '{code[0]}' AND {applies[c]}) AS n{i}")
    return (f"SELECT TRY_CAST(inspection AS BIGINT) AS key, {', '.join(parts)} "
            f"FROM {source} GROUP BY key ORDER BY key")


def with_duckdb(spec: dict, path: str) -> dict:
    import duckdb  # optional: the bench extra

    return duckdb.sql(duckdb_sql(spec, path)).fetchnumpy()


# ----------------------------------------------------------------------------- Polars
def polars_plan(spec: dict, path: str):
    """A lazy plan: per inspection, counts per question and bad cells per column."""
    import polars as pl  # optional: the bench extra

    frame = (pl.scan_parquet(path) if path.endswith(".parquet")
             else pl.scan_csv(path, infer_schema=False))
    rosh, custody = pl.col("rosh"), pl.col("custody").str.to_lowercase()
    applies = {0: pl.lit(True), 1: rosh.is_in(spec["rosh"][1:]), 2: custody.is_in(FALSE),
               3: rosh.is_in(spec["rosh"][2:]) | custody.is_in(TRUE)}
    key = pl.col("inspection").cast(pl.Int64, strict=False)
    code = spec["codes"]
    exprs = [(rosh.is_not_null() & ~rosh.is_in(spec["rosh"])).sum().alias("bad_rosh"),
             (custody.is_not_null() & ~custody.is_in(TRUE + FALSE)).sum()
             .alias("bad_custody"),
             (pl.col("inspection").is_not_null() & key.is_null()).sum()
             .alias("bad_inspection")]
    for i, (q, c) in enumerate(zip(spec["questions"], spec["condition"], strict=True)):
        cell = pl.col(q)
        exprs.append((cell.is_not_null() & ~cell.is_in(code)).sum().alias(f"bad_{q}"))
        exprs.append((cell.is_in(code[:2]) & applies[c]).sum().alias(f"d{i}"))
        exprs.append(((cell == code[0]) & applies[c]).sum().alias(f"n{i}"))
    return frame.group_by(key.alias("key")).agg(exprs).sort("key")


def with_polars(spec: dict, path: str) -> dict:
    out = polars_plan(spec, path).collect()
    return {name: out[name].to_numpy() for name in out.columns}


# ----------------------------------------------------------------------------- main
def bad_columns(out: dict) -> list[str]:
    return [name[4:] for name in out if name.startswith("bad_") and out[name].sum() > 0]


def figures(spec: dict, out: dict) -> dict:
    keys = out["key"].astype(np.int64)
    size = int(keys.max()) + 1
    arrays = {}
    for prefix in "nd":
        counts = np.zeros((size, len(spec["questions"])), dtype=np.int64)
        counts[keys] = np.stack([np.asarray(out[f"{prefix}{i}"], dtype=np.int64)
                                 for i in range(len(spec["questions"]))], axis=1)
        arrays[prefix] = counts
    values = specs.figures_from_counts(spec, arrays["n"], arrays["d"])
    return {"num": arrays["n"], "den": arrays["d"], **{f"v:{k}": v for k, v in values.items()}}


def main(argv: list[str]) -> int:
    engine, path, spec_path, out_path = argv
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    out = {"duckdb": with_duckdb, "polars": with_polars}[engine](spec, path)
    bad = bad_columns(out)
    for name in bad:
        print(f"{path}: column {name}: {int(out['bad_' + name].sum())} invalid cells",
              file=sys.stderr)
    if np.ma.is_masked(out["key"]) or np.any(np.isnan(out["key"].astype(float))):
        print(f"{path}: blank inspections (this peer does not group them)", file=sys.stderr)
        return 1
    if bad:
        return 1
    np.savez(out_path, **figures(spec, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
