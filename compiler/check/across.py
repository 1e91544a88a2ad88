"""Figures across inspections: the `across inspections` block and the values it combines.

An aggregate report (a year's inspections, or one report over several providers) needs
figures computed once over every inspection scored together. Each is declared in an
`across inspections` block, and its formula combines per-inspection figures with
`FUNCTION of FIGURE across inspections`: the mean, min, max, sum or count of the figure's
values in the inspections, or `pooled over FIGURE across inspections`, the figure computed
over the cases of every inspection together. The rest of its formula (arithmetic,
constants, bands, other figures across inspections) is as in any formula.

The checker keeps the two kinds apart: a per-inspection figure cannot read a figure across
inspections, and a figure across inspections cannot read a per-inspection figure except
through one of these functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from critc.compiler.check.declare import Symbols
from critc.compiler.model import framework as m
from critc.compiler.model.text import reference_text
from critc.dsl import ast
from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.printer import expr_text

if TYPE_CHECKING:
    from critc.compiler.check.resolve import Resolver

FUNCTIONS = ("mean", "min", "max", "sum", "count", "pooled")


def combine(resolver: Resolver, expr: ast.Across, context: str | None) -> m.Expr | None:
    """`mean of outcome 1 across inspections` in the formula of `context`."""
    symbols = resolver.symbols
    fn = expr.function
    if context not in symbols.across:
        resolver.error("across-outside-block", f"`{expr_text(expr)}` has one value for all "
                       "inspections together; a figure computed per inspection cannot use it",
                       expr.span, hint="declare the figure that uses it in an `across "
                       "inspections` block")
        return None
    if fn == "points":
        resolver.error("wrong-arguments", "points(...) gives a rating's points; it cannot "
                       "combine inspections", expr.span,
                       hint="combine with " + ", ".join(FUNCTIONS[:-1]) + " or pooled")
        return None
    if expr.skipping and fn not in ("sum", "mean"):
        resolver.error("misplaced-skipping", f"`skipping undefined` applies to sum and mean, "
                       f"not {fn}", expr.span,
                       hint="min, max and count always skip undefined values; pooled counts "
                       "answers")
        return None
    figure = resolver.formula(expr.operand, None)
    if figure is None:
        return None
    if not isinstance(figure, m.FigureRef):
        what = "an inspection input" if isinstance(figure, m.FieldRef) else "not a figure"
        resolver.error("across-needs-figure", f"`{expr_text(expr.operand)}` is {what}; "
                       "only questions and aggregates are combined across inspections",
                       expr.operand.span, hint="combine a figure that reads it instead")
        return None
    if figure.node in symbols.across:
        resolver.error("across-of-across", f"`{figure.node}` is already a figure across "
                       "inspections", expr.operand.span,
                       hint=f"use it directly: `{expr_text(expr.operand)}`")
        return None
    result = _result_type(resolver, fn, figure)
    if result is None:
        return None
    return m.Across(function=fn, figure=figure, type=result, skipping=expr.skipping,
                    span=expr.span)


def _result_type(resolver: Resolver, fn: str, figure: m.FigureRef) -> m.Type | None:
    kind = figure.type.kind
    if fn == "pooled" or (fn in ("min", "max") and kind == "rating"):
        return figure.type
    if fn == "count":
        return m.NUMBER
    if not resolver._numeric(figure):
        return None
    return m.SCORE if kind == "score" and fn != "sum" else m.NUMBER


def finish(fw: m.Framework, symbols: Symbols, resolver: Resolver,
           diagnostics: list[Diagnostic]) -> m.Framework:
    """The model with its figures across inspections apart from the per-inspection ones,
    and the uses that mix the two reported."""
    across = {node: agg for node, agg in fw.aggregates.items() if node in symbols.across}
    if not across:
        return fw
    per_inspection = {n: a for n, a in fw.aggregates.items() if n not in across}
    fw = attrs.evolve(fw, aggregates=per_inspection, across=across)
    for agg in per_inspection.values():
        for sub in m.walk(agg.formula) if agg.formula is not None else ():
            if isinstance(sub, m.FigureRef) and sub.node in across:
                diagnostics.append(error(
                    "across-figure-per-inspection", f"`{sub.node}` is a figure across "
                    f"inspections, with one value for all of them; {agg.kind} `{agg.id}` is "
                    "computed per inspection and cannot use it", sub.span,
                    hint=f"declare `{agg.id}` in the `across inspections` block too, or use "
                    "a figure per inspection"))
    for agg in across.values():
        if agg.formula is not None:
            diagnostics.extend(_per_inspection_uses(fw, agg.formula))
            diagnostics.extend(_pooled_inputs(fw, resolver, agg.formula))
    return fw


def _per_inspection_uses(fw: m.Framework, expr: m.Expr) -> list[Diagnostic]:
    """Per-inspection values read outside `... across inspections`."""
    match expr:
        case m.Across():
            return []
        case m.FigureRef(node=node) if node not in fw.across:
            text = reference_text(fw, node)
            return [error("per-inspection-in-across", f"`{text}` has a value per inspection; "
                          "a figure across inspections must say how to combine them",
                          expr.span, hint=f"write `mean of {text} across inspections` (or "
                          "min, max, sum, count, or pooled over)")]
        case m.FieldRef(field=name):
            return [error("per-inspection-in-across", f"`{name}` is an inspection input, with "
                          "a value per inspection; a figure across inspections cannot read it",
                          expr.span, hint="combine a figure that uses it: `mean of FIGURE "
                          "across inspections`")]
    return [d for child in m.children(expr) for d in _per_inspection_uses(fw, child)]


def _pooled_inputs(fw: m.Framework, resolver: Resolver, expr: m.Expr) -> list[Diagnostic]:
    """A pooled figure is computed over every case as if one inspection: it cannot depend
    on an inspection input, which has no value for all inspections together."""
    out = []
    for sub in m.walk(expr):
        if isinstance(sub, m.Across) and sub.function == "pooled":
            found = _input_behind(fw, resolver, sub.figure.node, set())
            if found is not None:
                text = reference_text(fw, sub.figure.node)
                out.append(error(
                    "pooled-needs-cases", f"`{text}` depends on the inspection input "
                    f"`{found}`, which has a value per inspection, not one for all their "
                    "cases together", sub.span,
                    hint=f"combine the inspections' values instead: `mean of {text} across "
                    "inspections`"))
    return out


def _input_behind(fw: m.Framework, resolver: Resolver, node: str, seen: set[str]) -> str | None:
    """The first inspection input `node`'s figure is computed from, if any."""
    if node in seen:
        return None
    seen.add(node)
    formula = resolver.formulas.get(node)
    for sub in m.walk(formula) if formula is not None else ():
        if isinstance(sub, m.FieldRef) and sub.field in fw.fields \
                and fw.fields[sub.field].origin == "inspection":
            return sub.field
        if isinstance(sub, m.FigureRef):
            found = _input_behind(fw, resolver, sub.node, seen)
            if found is not None:
                return found
    return None
