"""Bands: build their rows, and check that the rows are ordered, do not overlap and leave
no gap among the values that can occur after the band's declared rounding."""

from __future__ import annotations

import math

import attrs
from critc.compiler.check.declare import did_you_mean
from critc.compiler.model import framework as m
from critc.dsl import ast
from critc.dsl.diagnostics import Diagnostic, Label, error, warning


def build_band(band: ast.Band, input_type: m.Type, rounding: m.Rounding, rating_scales: dict,
               diagnostics: list[Diagnostic]) -> m.Band:
    rows = _cascade(tuple(_row(row, input_type, band, rating_scales, diagnostics)
                          for row in band.rows))
    built = m.Band(id=band.id, title=band.title, rows=rows, rounding=rounding,
                   input_type=input_type, gives=band.gives, description=band.description,
                   source=band.source, span=band.span)
    if not rows:
        diagnostics.append(error("empty-band", f"band `{band.id}` has no rows", band.span,
                                 hint='add rows such as `70% and above: "Good"`'))
    else:
        diagnostics.extend(check_rows(built))
    return built


def _as_percent(threshold: ast.Threshold) -> str:
    """How to write a plain threshold as a percentage: a fraction such as 0.7 is 70%, a
    whole number such as 70 is 70%."""
    text = threshold.text
    if "." in text and 0 < threshold.value <= 1:
        whole, fraction = text.split(".", 1)
        digits = (whole.lstrip("0") + fraction.ljust(2, "0")[:2]).lstrip("0") or "0"
        rest = fraction[2:].rstrip("0")
        return f"{digits}.{rest}%" if rest else f"{digits}%"
    return f"{text}%"


def _row(row: ast.BandRow, input_type: m.Type, band: ast.Band, rating_scales: dict,
         diagnostics: list[Diagnostic]) -> m.BandRow:
    for threshold in (row.low, row.high):
        if threshold is None:
            continue
        if input_type.kind == "score" and not threshold.percent:
            diagnostics.append(error(
                "threshold-not-percent", f"band `{band.id}` bands scores, so its thresholds "
                f"are percentages", threshold.span, hint=f"write {_as_percent(threshold)}"))
        elif input_type.kind == "number" and threshold.percent:
            diagnostics.append(error(
                "threshold-is-percent", f"band `{band.id}` bands plain numbers, not scores",
                threshold.span, hint=f"write {threshold.text[:-1]} without the %"))
    output = row.label if row.label is not None else row.level
    if band.gives:
        scale = rating_scales.get(band.gives)
        if row.label is not None:
            diagnostics.append(error(
                "label-in-rating-band", f"band `{band.id}` gives ratings on `{band.gives}`, "
                "so each row names a level, not a text", row.span,
                hint="write the level's id without quotes"))
        elif scale is not None and row.level is not None \
                and row.level not in [lv.id for lv in scale.levels]:
            diagnostics.append(error(
                "unknown-value", f"`{row.level}` is not a level of `{band.gives}`", row.span,
                hint=did_you_mean(row.level, [lv.id for lv in scale.levels])))
    elif row.level is not None:
        diagnostics.append(error(
            "unquoted-label", f"`{row.level}` is not quoted", row.span,
            hint=f'quote a text label ("{row.level}"), or add `gives SCALE` to the band to '
            "give rating levels"))
    low = row.low.value if row.low else None
    high = row.high.value if row.high else None
    tests = {
        "at_least": (True, False), "above": (False, False), "between": (True, True),
        "at_most": (False, True), "below": (False, False), "otherwise": (False, False),
    }
    low_incl, high_incl = tests[row.test]
    return m.BandRow(low=low, low_inclusive=low_incl, high=high, high_inclusive=high_incl,
                     output=output or "", otherwise=row.test == "otherwise", span=row.span)


def _cascade(rows: tuple[m.BandRow, ...]) -> tuple[m.BandRow, ...]:
    """Read rows as a user does: in `70% and above`, then `60% and above`, the second row
    ends where the first begins. An open end is closed by the row before it."""
    explicit = [r for r in rows if not r.otherwise]
    keys = [r.low if r.low is not None else -math.inf for r in explicit]
    out = list(explicit)
    if all(a >= b for a, b in zip(keys, keys[1:], strict=False)):
        for i in range(1, len(out)):
            prev, row = out[i - 1], out[i]
            if row.high is None and prev.low is not None:
                out[i] = attrs.evolve(row, high=prev.low, high_inclusive=not prev.low_inclusive)
    elif all(a <= b for a, b in zip(keys, keys[1:], strict=False)):
        for i in range(1, len(out)):
            prev, row = out[i - 1], out[i]
            if row.low is None and prev.high is not None:
                out[i] = attrs.evolve(row, low=prev.high, low_inclusive=not prev.high_inclusive)
    mapping = dict(zip(map(id, explicit), out, strict=True))
    return tuple(mapping.get(id(r), r) for r in rows)


def _first_value(row: m.BandRow, step: float) -> float:
    """The smallest value the row holds among multiples of `step` (−inf if unbounded)."""
    if row.low is None:
        return -math.inf
    units = row.low / step
    first = math.ceil(units - 1e-9)
    if not row.low_inclusive and abs(first - units) < 1e-9:
        first += 1
    return first * step


def _last_value(row: m.BandRow, step: float) -> float:
    if row.high is None:
        return math.inf
    units = row.high / step
    last = math.floor(units + 1e-9)
    if not row.high_inclusive and abs(last - units) < 1e-9:
        last -= 1
    return last * step


def check_rows(band: m.Band) -> list[Diagnostic]:
    step = 10.0 ** -band.rounding.places
    rows = [r for r in band.rows if not r.otherwise]
    others = [r for r in band.rows if r.otherwise]
    out = _otherwise_rows(band, others)
    rounded = band.rounding.describe(_percent(band))
    for row in rows:
        if _first_value(row, step) > _last_value(row, step):
            out.append(error("empty-band-row", f"no value rounded {rounded} "
                             f"falls in this row ({row.describe()})", row.span))
    if not rows:
        return out
    misordered = _out_of_order(band, rows, step)
    if misordered is not None:
        out.append(misordered)
        return out
    ordered = sorted((r for r in rows if _first_value(r, step) <= _last_value(r, step)),
                     key=lambda r: _first_value(r, step))
    out.extend(_overlaps_and_gaps(band, ordered, step, bool(others)))
    if not others:
        out.extend(_coverage(band, ordered, step))
    return out


def _otherwise_rows(band: m.Band, others: list[m.BandRow]) -> list[Diagnostic]:
    """At most one `otherwise` row, and it comes last."""
    out: list[Diagnostic] = []
    if len(others) > 1:
        out.append(error("repeated-otherwise", "a band has one `otherwise` row", others[1].span,
                         labels=(Label(others[0].span, "the first `otherwise`"),)))
    if others and not band.rows[-1].otherwise:
        out.append(error("otherwise-not-last", "`otherwise` must be the last row",
                         others[0].span))
    return out


def _out_of_order(band: m.Band, rows: list[m.BandRow], step: float) -> Diagnostic | None:
    """Rows listed neither from the highest threshold down nor from the lowest up, or a row
    that an open row listed before it already holds."""
    starts = [_first_value(r, step) for r in rows]
    descending = all(a >= b for a, b in zip(starts, starts[1:], strict=False))
    ascending = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
    if not (descending or ascending):
        bad = next(i for i in range(1, len(rows)) if not (
            (starts[0] >= starts[-1] and starts[i - 1] >= starts[i])
            or (starts[0] < starts[-1] and starts[i - 1] <= starts[i])))
        return error("thresholds-out-of-order", f"band `{band.id}` rows are out of order",
                     rows[bad].span, hint="list rows from the highest threshold down (or "
                     "from the lowest up)")
    if descending == ascending:
        return None
    # In a list read top down (or bottom up), only the first row may be open at the far
    # end: `60% and above` listed before `70% and above` already holds all of the second.
    opens = (lambda r: _first_value(r, step) == -math.inf) if descending else \
        (lambda r: _last_value(r, step) == math.inf)
    for before, row in zip(rows, rows[1:], strict=False):
        if opens(before):
            return error(
                "thresholds-out-of-order", f"band `{band.id}` rows are out of order: this "
                "row can never be reached", row.span,
                labels=(Label(before.span, "this row comes first and already holds every "
                              "value of the rows after it"),),
                hint="list rows from the highest threshold down (or from the lowest up)")
    return None


def _overlaps_and_gaps(band: m.Band, ordered: list[m.BandRow], step: float,
                       has_otherwise: bool) -> list[Diagnostic]:
    """Neighbouring rows (in ascending order) that share a value, or leave values between
    them without a row (unless an `otherwise` row takes them)."""
    out = []
    rounded = band.rounding.describe(_percent(band))
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        end, start = _last_value(lower, step), _first_value(upper, step)
        if start <= end + 1e-9:
            out.append(error(
                "overlapping-thresholds", f"band `{band.id}` rows overlap: {_fmt(start, band)} "
                f"falls in both", upper.span, labels=(Label(lower.span, "the other row"),),
                hint="make each threshold start just above the previous row's end"))
        elif start > end + step + 1e-9 and not has_otherwise:
            missing = _fmt(end + step, band) if start - end < 2 * step + 1e-9 else \
                f"{_fmt(end + step, band)} to {_fmt(start - step, band)}"
            out.append(error(
                "threshold-gap", f"band `{band.id}` leaves a gap: {missing} gets no label",
                upper.span,
                labels=(Label(lower.span, "the row below the gap"),),
                hint=f"values are rounded {rounded} before banding; close the "
                "gap or add an `otherwise` row"))
    return out


def _coverage(band: m.Band, ordered: list[m.BandRow], step: float) -> list[Diagnostic]:
    lowest, highest = _first_value(ordered[0], step), _last_value(ordered[-1], step)
    low_bound, high_bound = (0.0, 100.0) if band.input_type.kind == "score" else (None, None)
    out = []
    if low_bound is not None and lowest > low_bound + 1e-9 or \
            low_bound is None and lowest != -math.inf:
        out.append(warning(
            "threshold-gap", f"band `{band.id}` gives no label to values below "
            f"{_fmt(lowest, band)}", band.span, hint="add an `otherwise` row"))
    if high_bound is not None and highest < high_bound - 1e-9 or \
            high_bound is None and highest != math.inf:
        out.append(warning(
            "threshold-gap", f"band `{band.id}` gives no label to values above "
            f"{_fmt(highest, band)}", band.span, hint="add an `and above` row"))
    return out


def _percent(band: m.Band) -> bool:
    return band.input_type.kind == "score"


def _fmt(value: float, band: m.Band) -> str:
    text = f"{value:.{band.rounding.places}f}"
    return text + "%" if band.input_type.kind == "score" else text


def band_row_for(band: m.Band, display_value: float) -> m.BandRow | None:
    """The row an already-rounded value (in display units) falls in; None for no row."""
    for row in band.rows:
        if not row.otherwise and row.contains(display_value):
            return row
    others = [r for r in band.rows if r.otherwise]
    return others[0] if others else None


__all__ = ["build_band", "check_rows", "band_row_for", "warning"]
