"""Figure formulas lowered to operations per inspection (`steps.Op`)."""

from __future__ import annotations

from critc.compiler.model import framework as m
from critc.compiler.plan import steps as s

_SWAPPED = {"min": "max", "max": "min"}


def lower_formula(fw: m.Framework, expr: m.Expr) -> s.Op:
    """`expr`, an inspection-level expression, as an operation; one operation per
    expression, so the two can be walked together."""
    match expr:
        case m.Const():
            return s.Number(value=expr.number)
        case m.FigureRef(node=node):
            return s.FigureValue(node=node, question=node in fw.questions)
        case m.FieldRef(field=name):
            return s.InputNumber(field=name, rating=fw.fields[name].type.kind == "rating")
        case m.Arith(op=op, left=left, right=right):
            return s.Arith(op=op, left=lower_formula(fw, left), right=lower_formula(fw, right))
        case m.Negate(operand=o):
            return s.Negate(operand=lower_formula(fw, o))
        case m.Reduce(function=fn, items=items):
            if expr.type.kind == "rating":  # levels are indexed best first
                fn = _SWAPPED[fn]
            return s.Reduce(function=fn, items=tuple(lower_formula(fw, i) for i in items))
        case m.Pooled(questions=qids):
            return s.Pooled(questions=qids)
        case m.WeightedMean(items=items, weights=weights, renormalise=renormalise):
            return s.WeightedMean(items=tuple(lower_formula(fw, i) for i in items), weights=weights,
                                  renormalise=renormalise)
        case m.Points(operand=o):
            scale = fw.rating_scales[o.type.scale_id]
            return s.Points(operand=lower_formula(fw, o), scale=scale.id,
                            points=tuple(scale.points[lv] for lv in scale.levels))
        case m.BandOf(band=band, operand=o):
            return s.Band(band=band, operand=lower_formula(fw, o))
    raise TypeError(f"not a figure expression: {type(expr).__name__}")
