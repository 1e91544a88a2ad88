"""Explaining what is not a figure's formula: an inspection input (its value for the
inspection and the figures that use it), a band (its rounding, its rows, and the row each
use matched), a rating scale (its points rule and the figures rated on it), and the lines
a figure gets for its rating's points and the figures that use it.

Everything is read from the lowered plan, as `explain.py` reads it; the lines are data
(`explain_lines.Line`).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import numpy as np
from critc.compiler.engine.banding import band_rounded
from critc.compiler.io.values import band_output, defined
from critc.compiler.model import framework as m
from critc.compiler.model.cells import EPOCH
from critc.compiler.model.text import reference_text
from critc.compiler.plan import steps as s
from critc.compiler.report.explain_lines import Line
from critc.compiler.report.plain_english import band_row_text, join_words

if TYPE_CHECKING:
    from critc.compiler.report.explain import Explainer


# ----------------------------------------------------------------------------- inputs
def input_text(ex: Explainer, name: str, g: int) -> str:
    """Inspection input `name` for inspection `g` as the inputs file gives it."""
    code = ex.inputs[name][g]
    type_ = ex.fw.fields[name].type
    if np.issubdtype(type(code), np.floating) or isinstance(code, float):
        if np.isnan(code):
            return "(blank)"
        if type_.kind == "date":
            return (EPOCH + datetime.timedelta(days=int(code))).isoformat()
        return f"{float(code) * 100:g}%" if type_.kind == "score" else f"{float(code):g}"
    code = int(code)
    if code < 0:
        return "(blank)"
    if type_.kind == "enum":
        return type_.values[code]
    if type_.kind == "rating":
        scale = ex.fw.rating_scales[type_.scale_id]
        return scale.labels[scale.levels[code]]
    if type_.kind == "boolean":
        return "yes" if code else "no"
    words = ex.table.vocab.get(name)
    return words[code] if words is not None and code < len(words) else str(code)


def input_lines(ex: Explainer, name: str, g: int) -> Line:
    field = ex.fw.fields[name]
    tree = Line.of(f"inspection input {name}", "name")
    if field.title:
        tree.append(f' "{field.title}"')
    value = input_text(ex, name, g)
    tree.append(f"  {value}", "value")
    if value == "(blank)":
        tree.add("not given for this inspection: the figures that use it may be n/a",
                 "warning")
    else:
        tree.add("given for this inspection in the inputs file")
    code = ex.inputs[name][g]
    if field.type.kind == "rating" and int(code) >= 0:
        tree.add(points_line(ex, field.type.scale_id, int(code)))
    used_by_line(ex, tree, name)
    return tree


# ----------------------------------------------------------------------------- users
def users(ex: Explainer, node: str) -> tuple[list[str], list[str]]:
    """(the figures that add `node`'s points, the others that read `node` directly):
    questions whose condition reads it, and figures whose formula does."""
    points_in: list[str] = []
    used_in: list[str] = []
    for q in ex.plan.questions:
        if q.condition is not None and any(_reads(value, node)
                                           for value in s.case_values(q.condition)):
            used_in.append(q.id)
    for step in ex.plan.steps:
        if step.kind == "band label":
            continue  # shown beside the figure it labels
        ops = list(s.walk_ops(step.op))
        if any(isinstance(op, s.Points) and any(_names(o, node) for o in s.walk_ops(op))
               for op in ops):
            points_in.append(step.node)
        elif any(_names(op, node) for op in ops):
            used_in.append(step.node)
    return points_in, used_in


def _reads(value, node: str) -> bool:
    return (isinstance(value, s.FieldValue) and value.field == node) or \
        (isinstance(value, s.AnswerCode) and value.question == node)


def _names(op: s.Op, node: str) -> bool:
    return (isinstance(op, s.FigureValue) and op.node == node) or \
        (isinstance(op, s.InputNumber) and op.field == node) or \
        (isinstance(op, s.Pooled) and node in op.questions)


def used_by_line(ex: Explainer, tree: Line, node: str) -> None:
    points_in, used_in = users(ex, node)
    if points_in:
        tree.add("its points are added in: " + _names_text(ex, points_in))
    if used_in:
        tree.add("used by: " + _names_text(ex, used_in))


def _names_text(ex: Explainer, nodes: list[str]) -> str:
    return join_words([reference_text(ex.fw, n) for n in nodes])


# ----------------------------------------------------------------------------- ratings
def points_rule(ex: Explainer, scale_id: str) -> str:
    """`Outstanding 3, Good 2, Requires improvement 1, Inadequate 0`."""
    scale = ex.fw.rating_scales[scale_id]
    rule = [f"{scale.labels[level]} {points:g}" for level in scale.levels
            if (points := scale.points.get(level)) is not None]
    return ", ".join(rule) if rule else "no points declared"


def points_line(ex: Explainer, scale_id: str, level: float) -> Line:
    """`Good is 2 points (standard_rating: Outstanding 3, Good 2, ...)`."""
    scale = ex.fw.rating_scales[scale_id]
    level_id = scale.levels[int(level)]
    points = scale.points.get(level_id)
    label = scale.labels[level_id]
    worth = "has no points" if points is None else \
        f"is {points:g} point{'s' * (points != 1)}"
    return Line.of(f"{label} {worth} on the {scale_id} scale ({points_rule(ex, scale_id)})")


def scale_lines(ex: Explainer, scale_id: str, g: int) -> Line:
    scale = ex.fw.rating_scales[scale_id]
    tree = Line.of(f"rating scale {scale_id}", "name")
    if scale.title:
        tree.append(f' "{scale.title}"')
    tree.add(f"levels, best first, with their points: {points_rule(ex, scale_id)}")
    rated = tree.add("rated on it in this inspection:")
    for node in ex.plan.figures:
        type_ = ex.fw.figure_type(node)
        if type_.kind == "rating" and type_.scale == scale_id:
            rated.add(f"{reference_text(ex.fw, node)}: "
                      f"{_level_text(ex, scale, ex.results.values[node][g])}")
    for field in ex.fw.inputs:
        if field.type.kind == "rating" and field.type.scale == scale_id:
            code = float(ex.inputs[field.id][g])
            rated.add(f"inspection input {field.id}: "
                      f"{_level_text(ex, scale, code if code >= 0 else np.nan)}")
    adders = [step.node for step in ex.plan.steps
              if any(isinstance(op, s.Points) and op.scale == scale_id
                     for op in s.walk_ops(step.op))]
    if adders:
        tree.add("points on this scale are added in: " + _names_text(ex, adders))
    return tree


def _level_text(ex: Explainer, scale: m.RatingScale, value: float) -> str:
    if not defined(value):
        return "n/a"
    level = scale.levels[int(value)]
    points = scale.points.get(level)
    return scale.labels[level] + ("" if points is None else
                                  f", {points:g} point{'s' * (points != 1)}")


# ----------------------------------------------------------------------------- bands
def band_step(ex: Explainer, band_id: str, value: float) -> str:
    """`79.50% rounds half up to 80%, which is 80% and above: Outstanding`: the value
    rounded as the band declares (the engine's rounding), its row and what it gives."""
    table, band = ex.plan.bands[band_id], ex.fw.bands[band_id]
    if not defined(value):
        return "the figure is undefined, so the band gives n/a"
    unit = "%" if table.percent else ""
    rounded = float(band_rounded(table, np.asarray([value], dtype=float))[0])
    exact = value * 100 if table.percent else value
    mode, places = table.rounding.mode, table.rounding.places
    text = f"{exact:.{places + 2}f}{unit}" if table.percent else f"{exact:g}"
    if abs(exact - rounded) > 1e-12:
        text += f" rounds {mode} to {rounded:.{places}f}{unit}"
    row = ex.figures.band_row(band_id, np.asarray([value], dtype=float))[0]
    if not defined(row):
        return text + ", which no row of the band holds: n/a"
    row_ = band.ordered_rows[int(row)]
    where = "which falls to `otherwise`" if row_.otherwise else \
        f"which is {band_row_text(row_, table.percent)}"
    return f"{text}, {where}: {band_output_text(ex, band_id, int(row))}"


def band_output_text(ex: Explainer, band_id: str, row: int) -> str:
    """What row `row` of a band gives: its label, or its rating's label."""
    band = ex.fw.bands[band_id]
    output = band_output(band, row)
    if band.gives is None:
        return output
    return ex.fw.rating_scales[band.gives].labels[output]


def band_lines(ex: Explainer, band_id: str, g: int) -> Line:
    band, table = ex.fw.bands[band_id], ex.plan.bands[band_id]
    tree = Line.of(f"band {band_id}", "name")
    if band.title:
        tree.append(f' "{band.title}"')
    rounding = table.rounding
    unit = "percent" if table.percent else "number"
    whole = f"whole {unit}s" if unit == "number" else f"whole {unit}"
    places = whole if rounding.places == 0 else \
        f"{rounding.places} decimal place{'s' * (rounding.places != 1)}"
    tree.add(f"a value is rounded {rounding.mode} to {places}, then the first row that "
             "holds it gives the output")
    rows = tree.add("rows:")
    for i, row in enumerate(band.ordered_rows):
        rows.add(f"{band_row_text(row, table.percent)}: {band_output_text(ex, band_id, i)}")
    uses = tree.add("used in this inspection:")
    for node, value in _band_uses(ex, band_id, g):
        uses.add(f"{reference_text(ex.fw, node)}: {band_step(ex, band_id, value)}", "band")
    if not uses.children:
        uses.add("nowhere")
    return tree


def _band_uses(ex: Explainer, band_id: str, g: int) -> list[tuple[str, float]]:
    """(the figure the band labels or whose formula applies it, the value it bands)."""
    out: list[tuple[str, float]] = []
    for step in ex.plan.steps:
        for op in s.walk_ops(step.op):
            if isinstance(op, s.Band) and op.band == band_id:
                node = ex.fw.applications[step.node].target \
                    if step.node in ex.fw.applications else step.node
                out.append((node, ex.figure_value(g, op.operand)))
    return out
