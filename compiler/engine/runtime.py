"""NumPy helpers shared by the engine and the generated scoring modules.

This module imports only NumPy, so `critc compile` can copy it verbatim into a
standalone module. An undefined figure is NaN throughout.

>>> import numpy as np
>>> round_half_up(np.array([72.5, 72.49, 59.5, np.nan]), 0).tolist()[:3]
[73.0, 72.0, 60.0]
"""

import operator

import numpy as np

# Values within this distance of a rounding boundary count as on it: binary floating point
# cannot hold 72.5% = 0.725 exactly, and 0.725 * 100 is 72.49999999999999.
EPSILON = 1e-9


def round_half_up(x, places):
    """Round halves up (away from zero for negative values)."""
    scale = 10.0 ** places
    y = np.asarray(x, dtype=float) * scale
    return np.where(y >= 0, np.floor(y + 0.5 + EPSILON), -np.floor(-y + 0.5 + EPSILON)) / scale


def round_half_down(x, places):
    scale = 10.0 ** places
    y = np.asarray(x, dtype=float) * scale
    # + 0.0 turns the -0.0 that ceil gives for 0 (and 0.25) into 0.0, which prints as "0".
    return np.where(y >= 0, np.ceil(y - 0.5 - EPSILON), -np.ceil(-y - 0.5 - EPSILON)) / scale + 0.0


def round_half_even(x, places):
    scale = 10.0 ** places
    y = np.asarray(x, dtype=float) * scale
    floor = np.floor(y + EPSILON)
    frac = y - floor
    half = np.abs(frac - 0.5) < EPSILON
    nearest = np.floor(y + 0.5)
    even = floor + (np.mod(floor, 2) != 0)
    return np.where(half, even, nearest) / scale


def round_up(x, places):
    scale = 10.0 ** places
    return np.ceil(np.asarray(x, dtype=float) * scale - EPSILON) / scale + 0.0  # no -0.0


def round_down(x, places):
    scale = 10.0 ** places
    return np.floor(np.asarray(x, dtype=float) * scale + EPSILON) / scale


ROUNDING = {
    "half up": round_half_up,
    "half down": round_half_down,
    "half even": round_half_even,
    "up": round_up,
    "down": round_down,
}


def proportion(numerator, denominator):
    """numerator / denominator, NaN where the denominator is 0 (undefined, never 0)."""
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def mean(rows):
    """Mean over the first axis, skipping NaN; NaN where every input is NaN."""
    rows = np.asarray(rows, dtype=float)
    defined = ~np.isnan(rows)
    count = defined.sum(axis=0)
    total = np.where(defined, rows, 0.0).sum(axis=0)
    return proportion(total, count)


def total(rows):
    rows = np.asarray(rows, dtype=float)
    defined = ~np.isnan(rows)
    out = np.where(defined, rows, 0.0).sum(axis=0)
    return np.where(defined.any(axis=0), out, np.nan)


def count(rows):
    return (~np.isnan(np.asarray(rows, dtype=float))).sum(axis=0).astype(float)


def minimum(rows):
    rows = np.asarray(rows, dtype=float)
    return np.fmin.reduce(rows, axis=0) if len(rows) else np.nan


def maximum(rows):
    rows = np.asarray(rows, dtype=float)
    return np.fmax.reduce(rows, axis=0) if len(rows) else np.nan


def weighted_mean(rows, weights, renormalise):
    """Σ w·x / Σ w over the defined inputs, or (not renormalising) NaN if any is undefined."""
    rows = np.asarray(rows, dtype=float)
    w = np.asarray(weights, dtype=float)[:, None]
    defined = ~np.isnan(rows)
    weighted = np.where(defined, rows, 0.0) * w
    if not renormalise:
        return np.where(defined.all(axis=0), weighted.sum(axis=0), np.nan)
    return proportion(weighted.sum(axis=0), (w * defined).sum(axis=0))


def divide(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    out = np.full(np.broadcast(a, b).shape, np.nan)
    np.divide(a, b, out=out, where=(b != 0) & ~np.isnan(b))
    return out


def band_index(display_values, lows, low_inclusive, highs, high_inclusive, otherwise):
    """The index of the first band row holding each value (rows are checked in order, an
    `otherwise` row last); NaN where the value is undefined or no row holds it.

    `lows`/`highs` use -inf/+inf for open ends; `otherwise` is the row index or -1.
    """
    x = np.asarray(display_values, dtype=float)
    out = np.full(x.shape, np.nan)
    todo = ~np.isnan(x)
    for i in range(len(lows)):
        above_low = (x >= lows[i]) if low_inclusive[i] else (x > lows[i])
        below_high = (x <= highs[i]) if high_inclusive[i] else (x < highs[i])
        hit = todo & above_low & below_high
        out[hit] = i
        todo &= ~hit
    if otherwise >= 0:
        out[todo] = otherwise
    return out


def lookup(indices, table):
    """table[i] for each index; NaN stays NaN."""
    idx = np.asarray(indices, dtype=float)
    table = np.asarray(table, dtype=float)
    out = np.full(idx.shape, np.nan)
    ok = ~np.isnan(idx)
    out[ok] = table[idx[ok].astype(np.int64)]
    return out


# ----------------------------------------------------------------------------- conditions
# A per-case test is a pair of masks (known true, known false): a blank makes it unknown
# (neither), and a condition that is unknown does not hold.
_COMPARE = {"=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
            ">": operator.gt, ">=": operator.ge}


def missing(values):
    """Blanks: NaN in float columns, negative codes in integer ones."""
    values = np.asarray(values)
    return np.isnan(values) if values.dtype.kind == "f" else values < 0


def compare(op, a, a_missing, b, b_missing):
    known = ~(np.asarray(a_missing) | np.asarray(b_missing))
    result = _COMPARE[op](a, b)
    return known & result, known & ~result


def member(a, a_missing, codes, negated):
    hit = np.isin(a, codes)
    if negated:
        hit = ~hit
    known = ~np.asarray(a_missing)
    return known & hit, known & ~hit


def truthy(a, a_missing):
    known = ~np.asarray(a_missing)
    value = np.asarray(a) != 0
    return known & value, known & ~value


def all_of(*tests):
    return (np.logical_and.reduce([t for t, _ in tests]),
            np.logical_or.reduce([f for _, f in tests]))


def any_of(*tests):
    return (np.logical_or.reduce([t for t, _ in tests]),
            np.logical_and.reduce([f for _, f in tests]))


def negation(test):
    true, false = test
    return false, true


# ----------------------------------------------------------------------------- counting
def status_lookup(status):
    """A table from answer code (viewed as uint8, so a blank -1 is 255) to how an answer
    with that code counts, as the plan's status per code gives it: 0 not counted, 1 below
    the line, 2 above (`plan.steps`)."""
    lookup = np.zeros(256, dtype=np.int8)  # not counted: blanks and codes past the scale
    lookup[: len(status)] = status
    return lookup


# ----------------------------------------------------------------------------- inspections
def natural_key(text):
    """A sort key for inspection keys: "2" before "10" (runs of digits compare as numbers),
    and text alphabetically."""
    chunks, current = [], ""
    for ch in text:
        if current and ch.isdecimal() != current[-1].isdecimal():
            chunks.append(current)
            current = ""
        current += ch
    chunks += [current] if current else []
    return [(0, int(c), "") if c.isdecimal() else (1, 0, c) for c in chunks]


def blank_key(keys):
    """The key of the inspection of cases whose field is blank: "(blank)", bracketed again
    for as long as a real key already has that name."""
    name = "(blank)"
    while name in keys:
        name = f"({name})"
    return name


def group_index(values, label, dtype):
    """Group cases by a field's encoded values: (inspection index per case, as `dtype`;
    keys). Keys are `label(value)` for each distinct value, in natural order, then the
    blank key if any case is blank (the last inspection)."""
    blank = missing(values)
    uniques = np.unique(values[~blank])
    labels = [label(u) for u in uniques.tolist()]
    order = sorted(range(len(labels)), key=lambda i: natural_key(labels[i]))
    keys = [labels[i] for i in order]
    remap = np.empty(len(uniques), dtype=dtype)
    remap[np.asarray(order, dtype=np.int64)] = np.arange(len(order), dtype=dtype)
    group = np.full(len(values), len(keys), dtype=dtype)
    group[~blank] = remap[np.searchsorted(uniques, values[~blank])]
    if blank.any():
        keys.append(blank_key(keys))
    return group, keys
