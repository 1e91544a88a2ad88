"""Figures as the framework declares they are shown: the text every output writes.

Scores as percentages and numbers rounded with the declared mode and places, ratings and
band labels by name, `n/a` when undefined. Tables, JSON, CSV, test files and `critc diff`
all show a figure this way; nothing here prints.
"""

from __future__ import annotations

import math

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
