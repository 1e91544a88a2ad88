"""The benchmark framework as plain data, the figures every peer derives from its counts,
and the check that a peer's figures equal critc's.

Every peer (careful NumPy, Polars, DuckDB, pandas) counts, per inspection and question,
the applicable answered cases (`den`) and those above the line (`num`): that is the part
whose cost grows with the archive. The 92 aggregate figures (criteria, sections, threads,
bands) are then computed from those counts over the inspections, vectorised, by
`figures_from_counts`, the same function for every peer (its cost is per inspection, not
per case). The spec is JSON-able so the end-to-end scripts get it without importing critc.
"""

from __future__ import annotations

import numpy as np

# The archive's applicability conditions (benchmarks/archive.py), numbered 1..3 as the
# peers hand-code them; 0 means the question always applies.
CONDITIONS = {
    "rosh in {medium, high, very_high}": 1,
    "not (custody)": 2,
    "rosh >= high or custody": 3,
}
ROUNDING_EPSILON = 1e-9  # as critc's runtime: a value this close to .5 rounds up


def applies(condition: int, rosh: np.ndarray, custody: np.ndarray) -> np.ndarray:
    """Where a numbered condition holds, from rosh codes (0..3) and custody (0/1)."""
    if condition == 1:
        return rosh >= 1
    if condition == 2:
        return custody == 0
    if condition == 3:
        return (rosh >= 2) | (custody == 1)
    return np.ones(np.shape(rosh), dtype=bool)


# ----------------------------------------------------------------------------- figures
def _ratio(num, den) -> np.ndarray:
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _nanmean(rows: np.ndarray, axis: int) -> np.ndarray:
    defined = ~np.isnan(rows)
    return _ratio(np.where(defined, rows, 0.0).sum(axis=axis), defined.sum(axis=axis))


def figures_from_counts(spec: dict, num: np.ndarray, den: np.ndarray) -> dict:
    """Every figure per inspection from (inspections, questions) counts; NaN = undefined."""
    p = _ratio(num.astype(float), den.astype(float))
    values = {q: p[:, i] for i, q in enumerate(spec["questions"])}
    crit = spec["criteria"]
    individual = _nanmean(p[:, np.array([c["individual"] for c in crit])], axis=2)
    summary = p[:, np.array([c["summary"] for c in crit])]
    weights = np.array([c["weights"] for c in crit])  # (criteria, 2)
    parts = np.stack([individual, summary], axis=2)  # (inspections, criteria, 2)
    defined = ~np.isnan(parts)
    weighted = (np.where(defined, parts, 0.0) * weights).sum(axis=2)
    criteria = _ratio(weighted, (defined * weights).sum(axis=2))
    position = {c["id"]: j for j, c in enumerate(crit)}
    for c in crit:
        values[c["id"]] = criteria[:, position[c["id"]]]
    for s in spec["sections"]:
        kids = criteria[:, [position[k] for k in s["children"]]]
        values[s["id"]] = _nanmean(kids, axis=1)
    for t in spec["threads"]:
        values[t["id"]] = _ratio(num[:, t["questions"]].sum(axis=1),
                                 den[:, t["questions"]].sum(axis=1))
    rows = band_rows(spec["band"], criteria)
    for c in crit:
        values[f'{spec["band"]["id"]}[{c["id"]}]'] = rows[:, position[c["id"]]]
    return values


def band_rows(band: dict, fraction: np.ndarray) -> np.ndarray:
    """The band row of each value as a percentage rounded half up; NaN stays NaN."""
    shown = np.floor(fraction * 100.0 + 0.5 + ROUNDING_EPSILON)
    out = np.full(shown.shape, float(band["otherwise"]))
    for row in reversed(range(len(band["lows"]))):
        out[shown >= band["lows"][row]] = row
    out[np.isnan(fraction)] = np.nan
    return out


# ----------------------------------------------------------------------------- checking
class Mismatch(AssertionError):
    """A peer's figures differ from critc's."""


def check_equal(name: str, results, num: np.ndarray, den: np.ndarray, values: dict,
                tolerance: float = 1e-12) -> float:
    """Raise Mismatch unless the counts equal critc's exactly, bands exactly and every other
    figure to `tolerance` (NaN where critc's is NaN); the largest difference otherwise."""
    if not np.array_equal(num, results.numerators):
        raise Mismatch(f"{name}: counts above the line differ from critc's")
    if not np.array_equal(den, results.denominators):
        raise Mismatch(f"{name}: counts of applicable answered cases differ from critc's")
    missing = set(results.values) ^ set(values)
    if missing:
        raise Mismatch(f"{name}: figures {sorted(missing)[:5]} are not on both sides")
    worst = 0.0
    for node, theirs in results.values.items():
        mine = np.asarray(values[node], dtype=float)
        if not np.array_equal(np.isnan(mine), np.isnan(theirs)):
            raise Mismatch(f"{name}: {node} is undefined in different inspections")
        gap = float(np.nanmax(np.abs(mine - theirs), initial=0.0))
        limit = 0.0 if "[" in node else tolerance
        if gap > limit:
            raise Mismatch(f"{name}: {node} differs by {gap:.3g}")
        worst = max(worst, gap)
    return worst
