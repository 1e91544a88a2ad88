"""Peers a user would pick instead of critc: Polars, DuckDB and pandas, in memory.

Each counts, per inspection and question, the applicable answered cases and those above
the line, from the same encoded table critc scores (one int8 column per question: 0
sufficient, 1 insufficient, 2 na, -1 blank; rosh 0..3; custody 0/1; the inspection's
index), given as an Arrow table (pandas: a DataFrame made from it, outside the timing).
The three conditions are hand-coded, as an analyst would write them for this framework.
The aggregates then come from `spec.figures_from_counts`, as for every peer.

polars, duckdb and pandas are optional (`pip install -e .[bench]`); each is imported
lazily in the function that uses it, so a missing one skips only its peer.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import spec as specs


def arrow_table(spec: dict, table, group: np.ndarray) -> pa.Table:
    """The encoded archive as an Arrow table: inspection, rosh, custody, then questions."""
    columns = {
        "inspection": pa.array(group.astype(np.int32)),
        "rosh": pa.array(table.fields["rosh"].astype(np.int8)),
        "custody": pa.array(table.fields["custody"].astype(np.int8)),
    }
    answers = np.asfortranarray(table.answers)  # one contiguous column per question
    for i, q in enumerate(spec["questions"]):
        columns[q] = pa.array(answers[:, i])
    return pa.table(columns)


def _stack(spec: dict, keys, columns, inspections: int, prefix: str) -> np.ndarray:
    out = np.zeros((inspections, len(spec["questions"])), dtype=np.int64)
    out[np.asarray(keys)] = np.stack(
        [np.asarray(columns[f"{prefix}{i}"]) for i in range(len(spec["questions"]))], axis=1)
    return out


# ----------------------------------------------------------------------------- Polars
def polars_counts(spec: dict, arrow: pa.Table, inspections: int):
    """(num, den) with a lazy Polars group_by/agg over the Arrow table."""
    import polars as pl  # optional: the bench extra

    rosh, custody = pl.col("rosh"), pl.col("custody")
    applies = {0: pl.lit(True), 1: rosh >= 1, 2: custody == 0,
               3: (rosh >= 2) | (custody == 1)}
    exprs = []
    for i, (q, c) in enumerate(zip(spec["questions"], spec["condition"], strict=True)):
        code = pl.col(q)
        exprs.append(((code >= 0) & (code <= 1) & applies[c]).sum().alias(f"d{i}"))
        exprs.append(((code == 0) & applies[c]).sum().alias(f"n{i}"))
    out = (pl.from_arrow(arrow).lazy().group_by("inspection").agg(exprs)
           .sort("inspection").collect())
    keys = out["inspection"].to_numpy()
    return (_stack(spec, keys, out, inspections, "n"),
            _stack(spec, keys, out, inspections, "d"))


# ----------------------------------------------------------------------------- DuckDB
CONDITION_SQL = {0: "TRUE", 1: "rosh >= 1", 2: "custody = 0",
                 3: "(rosh >= 2 OR custody = 1)"}


def counts_sql(spec: dict, source: str) -> str:
    """SELECT inspection, d0, n0, ... GROUP BY inspection, over the encoded columns."""
    parts = []
    for i, (q, c) in enumerate(zip(spec["questions"], spec["condition"], strict=True)):
        cond = CONDITION_SQL[c]
        parts.append(f'count_if("{q}" BETWEEN 0 AND 1 AND {cond}) AS d{i}')
        parts.append(f'count_if("{q}" = 0 AND {cond}) AS n{i}')
    return (f"SELECT inspection, {', '.join(parts)} FROM {source} "
            "GROUP BY inspection ORDER BY inspection")


def duckdb_counts(spec: dict, arrow: pa.Table, inspections: int):
    """(num, den) with one DuckDB SQL query over the Arrow table."""
    import duckdb  # optional: the bench extra

    con = duckdb.connect()
    con.register("cases", arrow)
    out = con.execute(counts_sql(spec, "cases")).fetchnumpy()
    con.close()
    keys = out["inspection"]
    return (_stack(spec, keys, out, inspections, "n"),
            _stack(spec, keys, out, inspections, "d"))


# ----------------------------------------------------------------------------- pandas
def pandas_frame(arrow: pa.Table):
    return arrow.to_pandas()


def pandas_counts(spec: dict, frame, inspections: int):
    """(num, den) with boolean frames grouped by inspection and summed."""
    questions = spec["questions"]
    rosh, custody = frame["rosh"], frame["custody"]
    applies = {1: rosh >= 1, 2: custody == 0, 3: (rosh >= 2) | (custody == 1)}
    answers = frame[questions]
    counted = (answers >= 0) & (answers <= 1)
    above = answers == 0
    for q, c in zip(questions, spec["condition"], strict=True):
        if c:
            counted[q] &= applies[c]
            above[q] &= applies[c]
    key = frame["inspection"]
    den = counted.groupby(key).sum()
    num = above.groupby(key).sum()
    out_num = np.zeros((inspections, len(questions)), dtype=np.int64)
    out_den = np.zeros_like(out_num)
    out_num[num.index.to_numpy()] = num.to_numpy()
    out_den[den.index.to_numpy()] = den.to_numpy()
    return out_num, out_den


def with_figures(counter):
    """A peer that also computes every figure from its counts: (num, den, figures)."""
    def peer(spec: dict, data, inspections: int):
        num, den = counter(spec, data, inspections)
        return num, den, specs.figures_from_counts(spec, num, den)
    return peer
