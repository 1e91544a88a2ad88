"""Score a large synthetic archive four ways and print them side by side.

    python benchmarks/run.py                  # 1,000,000 cases x 200 questions, 500 inspections
    python benchmarks/run.py --cases 100000        # smaller

The four: critc's engine; a hand-written NumPy version of the same computation; a pandas
groupby version; and the per-case reference evaluator on a sample, scaled up linearly.
All must agree; the figures compared are every question, criterion, section and thread.
Results are measured, never asserted: record them in docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import archive  # noqa: E402
from critc.compiler.engine.evaluate import evaluate  # noqa: E402
from critc.compiler.oracle.reference import Reference  # noqa: E402
from critc.compiler.report.explain import expression_text  # noqa: E402


def timed(fn, repeat: int = 3):
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


# ----------------------------------------------------------------------------- hand-written
def condition_masks(table):
    """The archive's three applicability conditions, keyed as critc prints them."""
    rosh, custody = table.fields["rosh"], table.fields["custody"]
    return {
        "rosh in {medium, high, very_high}": rosh >= 1,
        "not (custody)": custody == 0,
        "rosh >= high or custody": (rosh >= 2) | (custody == 1),
    }


def handwritten(plan, table, grouping):
    """What an analyst would write for this one framework with NumPy, column by column."""
    answers = table.answers
    group = grouping.group
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    masks = condition_masks(table)

    nq = answers.shape[1]
    num = np.empty((len(starts), nq), dtype=np.int64)
    den = np.empty((len(starts), nq), dtype=np.int64)
    for q in plan.questions:
        column = answers[:, q.index]
        counted = (column == 0) | (column == 1)
        if q.condition is not None:
            counted &= masks[expression_text(q.condition)]
        den[:, q.index] = np.add.reduceat(counted, starts, dtype=np.int64)
        num[:, q.index] = np.add.reduceat(counted & (column == 0), starts, dtype=np.int64)
    return derived(plan, num, den)


def handwritten_matrix(plan, table, grouping):
    """The same, written over the whole answer matrix at once (more memory, fewer loops)."""
    answers = table.answers
    group = grouping.group
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    masks = condition_masks(table)

    counted = (answers == 0) | (answers == 1)
    for q in plan.questions:
        if q.condition is not None:
            counted[:, q.index] &= masks[expression_text(q.condition)]
    above = counted & (answers == 0)
    den = np.add.reduceat(counted, starts, axis=0, dtype=np.int64)
    num = np.add.reduceat(above, starts, axis=0, dtype=np.int64)
    return derived(plan, num, den)


def derived(plan, num, den):
    """Criteria (80/20), sections (mean of criteria) and threads (pooled) from counts."""
    with np.errstate(invalid="ignore", divide="ignore"):
        p = num / np.where(den > 0, den, np.nan)
    fw = plan.framework
    out = {q.id: p[:, q.index] for q in plan.questions}
    index = {q.id: q.index for q in plan.questions}
    for agg in fw.aggregates.values():
        if agg.kind != "criterion":
            continue
        kids = list(agg.children)
        individual = np.array([index[k] for k in kids if fw.questions[k].role == "individual"])
        summary = index[next(k for k in kids if fw.questions[k].role == "summary")]
        sub = p[:, individual]
        count = (~np.isnan(sub)).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(count > 0, np.nansum(sub, axis=1) / count, np.nan)
            parts = np.stack([mean, p[:, summary]])
            w = np.array([[0.8], [0.2]])
            ok = ~np.isnan(parts)
            out[agg.id] = (np.where(ok, parts, 0) * w).sum(0) / (w * ok).sum(0)
    for agg in fw.aggregates.values():
        if agg.kind == "section":
            rows = np.stack([out[c] for c in agg.children])
            count = (~np.isnan(rows)).sum(axis=0)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[agg.id] = np.where(count > 0, np.nansum(rows, axis=0) / count, np.nan)
        elif agg.kind == "thread":
            cols = [index[q] for q in fw.questions if agg.id in fw.questions[q].tags]
            with np.errstate(invalid="ignore", divide="ignore"):
                total = den[:, cols].sum(1)
                out[agg.id] = np.where(total > 0, num[:, cols].sum(1) / total, np.nan)
    return out


# ----------------------------------------------------------------------------- pandas
def with_pandas(plan, table, grouping):
    import pandas as pd

    answers = table.answers
    masks = condition_masks(table)

    frame = pd.DataFrame(answers, columns=[q.id for q in plan.questions])
    counted = frame.isin([0, 1])
    for q in plan.questions:
        if q.condition is not None:
            counted[q.id] &= masks[expression_text(q.condition)]
    above = counted & (frame == 0)
    key = pd.Series(grouping.group, name="inspection")
    den = counted.groupby(key).sum()
    num = above.groupby(key).sum()
    p = num / den.where(den > 0)
    fw = plan.framework
    out = {q: p[q].to_numpy() for q in p.columns}
    for agg in fw.aggregates.values():
        if agg.kind == "criterion":
            kids = list(agg.children)
            ind = [k for k in kids if fw.questions[k].role == "individual"]
            summ = [k for k in kids if fw.questions[k].role == "summary"][0]
            parts = pd.DataFrame({"i": p[ind].mean(axis=1), "s": p[summ]})
            w = pd.Series({"i": 0.8, "s": 0.2})
            out[agg.id] = ((parts * w).sum(axis=1, min_count=1)
                           / parts.notna().mul(w).sum(axis=1)).to_numpy()
    for agg in fw.aggregates.values():
        if agg.kind == "section":
            out[agg.id] = pd.DataFrame({c: out[c] for c in agg.children}).mean(axis=1).to_numpy()
        elif agg.kind == "thread":
            cols = [q for q in fw.questions if agg.id in fw.questions[q].tags]
            out[agg.id] = (num[cols].sum(axis=1) / den[cols].sum(axis=1).where(
                lambda s: s > 0)).to_numpy()
    return out


# ----------------------------------------------------------------------------- per case
def per_case(plan, table, grouping, sample: int):
    fw = plan.framework
    codes = fw.scales["sufficiency"].codes
    rosh_values = fw.fields["rosh"].type.values
    cases = []
    for i in range(sample):
        case = {"rosh": rosh_values[table.fields["rosh"][i]],
                "custody": bool(table.fields["custody"][i])}
        for q in plan.questions:
            code = int(table.answers[i, q.index])
            case[q.id] = codes[code] if code >= 0 else None
        cases.append(case)
    start = time.perf_counter()
    ref = Reference(fw, cases)
    for node in list(fw.questions) + list(fw.aggregates):
        ref.value(node)
    return time.perf_counter() - start


def compare(a: dict, b: dict, nodes) -> float:
    worst = 0.0
    for node in nodes:
        x, y = np.asarray(a[node], dtype=float), np.asarray(b[node], dtype=float)
        if not np.array_equal(np.isnan(x), np.isnan(y)):
            return float("inf")
        worst = max(worst, float(np.nanmax(np.abs(x - y), initial=0.0)))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--inspections", type=int, default=500)
    parser.add_argument("--sample", type=int, default=2_000,
                        help="cases the per-case reference scores (then scaled)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-pandas", action="store_true")
    args = parser.parse_args()

    plan, table, grouping = archive.build(args.cases, inspections=args.inspections)
    nq = len(plan.questions)
    matrix_mb = table.answers.nbytes / 2**20
    print(f"archive: {args.cases:,} cases x {nq} questions in {args.inspections} inspections;"
          f" int8 answer matrix {matrix_mb:.0f} MiB")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, NumPy {np.__version__}")

    t_critc, results = timed(lambda: evaluate(plan, table, grouping, detail=False),
                             args.repeat)
    t_full, _ = timed(lambda: evaluate(plan, table, grouping), 1)
    tracemalloc.start()
    evaluate(plan, table, grouping, detail=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    t_numpy, by_hand = timed(lambda: handwritten(plan, table, grouping), args.repeat)
    nodes = [n for n in by_hand]
    agree_numpy = compare(results.values, by_hand, nodes)

    t_matrix, by_matrix = timed(lambda: handwritten_matrix(plan, table, grouping), args.repeat)
    tracemalloc.start()
    handwritten_matrix(plan, table, grouping)
    _, peak_matrix = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows = [("critc engine", t_critc, ""),
            ("hand-written NumPy, column by column", t_numpy,
             f"max |diff| {agree_numpy:.1e}"),
            ("hand-written NumPy, whole matrix", t_matrix,
             f"max |diff| {compare(results.values, by_matrix, nodes):.1e}; "
             f"peak {peak_matrix / 2**20:.0f} MiB")]
    if not args.skip_pandas:
        t_pandas, pandas_out = timed(lambda: with_pandas(plan, table, grouping), 1)
        rows.append(("pandas groupby", t_pandas,
                     f"max |diff| {compare(results.values, pandas_out, nodes):.1e}"))
    t_sample = per_case(plan, table, grouping, min(args.sample, args.cases))
    t_ref = t_sample * args.cases / min(args.sample, args.cases)
    rows.append((f"per-case reference (scaled from {min(args.sample, args.cases):,} cases)",
                 t_ref, ""))

    print()
    print(f"{'':52} {'seconds':>9} {'vs critc':>9}")
    for name, seconds, note in rows:
        print(f"{name:52} {seconds:9.3f} {seconds / t_critc:8.1f}x  {note}")
    print(f"{'critc engine with per-figure case counts':52} {t_full:9.3f} "
          f"{t_full / t_critc:8.1f}x")
    print()
    print(f"critc peak memory while scoring (tracemalloc, beyond the inputs): "
          f"{peak / 2**20:.0f} MiB = {peak / table.answers.nbytes:.2f}x the answer matrix")
    print(f"throughput: {args.cases / t_critc:,.0f} cases/s, "
          f"{args.cases * nq / t_critc / 1e6:,.0f} M answers/s")



if __name__ == "__main__":
    main()
