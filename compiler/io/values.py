"""Figures as the framework declares they are shown: the text every output writes.

Scores as percentages and numbers rounded with the declared mode and places, ratings and
band labels by name, `n/a` when undefined. Tables, JSON, CSV, test files and `critc diff`
all show a figure this way; nothing here prints.
"""

from __future__ import annotations

import math

import numpy as np
from critc.compiler.engine import runtime
from critc.compiler.engine.evaluate import Results
from critc.compiler.model import framework as m

NA = "n/a"


def defined(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def shown(fw: m.Framework, node: str, value, rounding: m.Rounding | None = None) -> str:
    """A figure as reports print it: percentages and numbers rounded as declared, ratings
    and band labels by name, `n/a` when undefined."""
    if not defined(value):
        return NA
    type_ = fw.figure_type(node)
    rounding = rounding or fw.rounding_of(node)
    if type_.kind == "score":
        number = float(runtime.ROUNDING[rounding.mode](value * 100, rounding.places))
        return f"{number:.{rounding.places}f}%"
    if type_.kind == "rating":
        scale = fw.rating_scales[type_.scale_id]
        return scale.labels[scale.levels[int(value)]]
    if type_.kind == "label":
        band = fw.bands[type_.scale_id]
        return band_output(band, int(value))
    number = float(runtime.ROUNDING[rounding.mode](value, rounding.places))
    return f"{number:.{rounding.places}f}"


def rating_of(fw: m.Framework, node: str, value) -> tuple[str | None, float | None]:
    """(label, points) of a rating figure; (None, None) when undefined. Points are None
    when the rating scale declares none."""
    if not defined(value):
        return None, None
    scale = fw.rating_scales[fw.figure_type(node).scale_id]
    level = scale.levels[int(value)]
    points = scale.points.get(level)
    return scale.labels[level], (None if points is None else float(points))


def number_of(fw: m.Framework, node: str, value) -> float | None:
    """A figure's value as a number: a score as a fraction, a number as it is, a rating as
    its points (never its position in the scale); None when undefined, and for a label."""
    kind = fw.figure_type(node).kind
    if kind == "rating":
        return rating_of(fw, node, value)[1]
    if kind == "label" or not defined(value):
        return None
    return float(value)


def band_output(band: m.Band, row_index: int) -> str:
    return band.ordered_rows[row_index].output


def value_of(results: Results, node: str, g: int):
    """A figure's value in inspection `g`, or, for a figure across inspections, its one
    value (NaN undefined)."""
    if results.plan.framework.is_across(node):
        return results.across.values.get(node, math.nan)
    return results.values[node][g]


def labels_for(results: Results, node: str, g: int) -> list[tuple[str, str]]:
    """[(band id, label)] attached to `node` with `on`, for inspection `g` (for a figure
    across inspections, its labels across them)."""
    fw = results.plan.framework
    out = []
    for app in fw.applied_to(node):
        out.append((app.band, shown(fw, app.id, value_of(results, app.id, g))))
    return out


def shown_column(fw: m.Framework, node: str, values) -> list[str]:
    """`shown` for every value of a figure at once (one per inspection): the column is
    rounded in one NumPy call, then each value formatted; the same text as `shown` gives."""
    values = np.asarray(values, dtype=float)
    undefined = np.isnan(values).tolist()
    type_ = fw.figure_type(node)
    if type_.kind in ("score", "number"):
        rounding = fw.rounding_of(node)
        scaled = values * 100 if type_.kind == "score" else values
        with np.errstate(invalid="ignore"):
            numbers = runtime.ROUNDING[rounding.mode](scaled, rounding.places).tolist()
        form = f"{{:.{rounding.places}f}}" + ("%" if type_.kind == "score" else "")
        return [NA if blank else form.format(x)
                for x, blank in zip(numbers, undefined, strict=True)]
    if type_.kind == "rating":
        scale = fw.rating_scales[type_.scale_id]
        names = [scale.labels[level] for level in scale.levels]
    else:
        names = [row.output for row in fw.bands[type_.scale_id].ordered_rows]
    index = np.where(np.isnan(values), 0, values).astype(np.int64).tolist()
    return [NA if blank else names[i] for i, blank in zip(index, undefined, strict=True)]


def number_column(fw: m.Framework, node: str, values) -> list[float | None]:
    """`number_of` for every value of a figure at once."""
    values = np.asarray(values, dtype=float)
    kind = fw.figure_type(node).kind
    if kind == "label":
        return [None] * len(values)
    if kind == "rating":
        return [rating_of(fw, node, v)[1] for v in values.tolist()]
    return [None if math.isnan(v) else v for v in values.tolist()]


def labels_column(results: Results, node: str) -> list[list[tuple[str, str]]]:
    """`labels_for` for every inspection at once."""
    fw = results.plan.framework
    columns = [(app.band, shown_column(fw, app.id, results.values[app.id]))
               for app in fw.applied_to(node)]
    return [[(band, texts[g]) for band, texts in columns]
            for g in range(results.grouping.size)]
