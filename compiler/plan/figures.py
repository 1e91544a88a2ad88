"""Figure formulas lowered to operations per inspection (`steps.Op`)."""

from __future__ import annotations

from collections.abc import Mapping

from critc.compiler.model import framework as m
from critc.compiler.plan import steps as s
from critc.compiler.plan.conditions import constant

_SWAPPED: dict[m.ReduceFunction, m.ReduceFunction] = {"min": "max", "max": "min"}
Above = Mapping[str, tuple[int, ...]]  # question → code indices above the line in a formula
SCALES: Above = {}  # every question counted as its scale says


def counting_above(fw: m.Framework, agg: m.Aggregate) -> Above:
    """An aggregate's `counting` clauses as code indices per question."""
    out = {}
    for rule in agg.counting:
        codes = fw.scales[fw.questions[rule.question].scale].codes
        out[rule.question] = tuple(i for i, c in enumerate(codes) if c in rule.codes)
    return out


def lower_formula(fw: m.Framework, expr: m.Expr, above: Above = SCALES) -> s.Op:
    """`expr`, an inspection-level expression, as an operation; one operation per
    expression, so the two can be walked together. `above`: the formula's own
    above-the-line codes for some questions (its aggregate's `counting` clauses)."""
    def lower(sub: m.Expr) -> s.Op:
        return lower_formula(fw, sub, above)

    match expr:
        case m.Const(value=value, type=m.Type(kind="enum" | "rating" | "date")):
            return s.Number(value=_code(fw, value, expr.type))
        case m.Const():
            return s.Number(value=expr.number)
        case m.FigureRef(node=node):
            return s.FigureValue(node=node, question=node in fw.questions,
                                 above=above.get(node))
        case m.FieldRef(field=name):
            return s.InputNumber(field=name, rating=fw.fields[name].type.kind == "rating")
        case m.Arith(op=op, left=left, right=right):
            return s.Arith(op=op, left=lower(left), right=lower(right))
        case m.Negate(operand=o):
            return s.Negate(operand=lower(o))
        case m.Reduce(function=fn, items=items):
            if expr.type.kind == "rating":  # levels are indexed best first
                fn = _SWAPPED[fn]
            when = tuple(_applies(fw, i) for i in items)
            return s.Reduce(function=fn, items=tuple(lower(i) for i in items),
                            strict=expr.strict, when=when if any(when) else ())
        case m.Pooled(questions=qids):
            own = tuple(above.get(q) for q in qids)
            return s.Pooled(questions=qids, above=own if any(a is not None for a in own)
                            else ())
        case m.WeightedMean(items=items, weights=weights, renormalise=renormalise):
            return s.WeightedMean(items=tuple(lower(i) for i in items), weights=weights,
                                  renormalise=renormalise)
        case m.Points(operand=o):
            scale = fw.rating_scales[o.type.scale_id]
            return s.Points(operand=lower(o), scale=scale.id,
                            points=tuple(scale.points[lv] for lv in scale.levels))
        case m.BandOf(band=band, operand=o):
            return s.Band(band=band, operand=lower(o))
        case m.FirstOf(items=items):
            return s.FirstOf(items=tuple(lower(i) for i in items))
        case m.Across(function=fn, figure=figure):
            if expr.type.kind == "rating" and fn in ("min", "max"):  # levels best first
                fn = "max" if fn == "min" else "min"
            return s.AcrossOf(function=fn, node=figure.node, strict=expr.strict)
        case m.IfElse(condition=c, then=a, otherwise=b):
            return s.Choose(condition=lower(c), then=lower(a), otherwise=lower(b))
    return lower_test(fw, expr, above)


def _applies(fw: m.Framework, item: m.Expr) -> s.Op | None:
    """Where an item of a total applies: the condition of the aggregate it names (directly,
    or through points or a band), lowered; None when it always applies."""
    match item:
        case m.Points(operand=inner) | m.BandOf(operand=inner):
            return _applies(fw, inner)
        case m.FigureRef(node=node) if node in fw.aggregates:
            condition = fw.aggregates[node].applies
            return None if condition is None else lower_formula(fw, condition)
    return None


def lower_test(fw: m.Framework, expr: m.Expr, above: Above = SCALES) -> s.Op:
    """A yes/no test over inspection inputs and figures, as a truth value."""
    def lower(sub: m.Expr) -> s.Op:
        return lower_formula(fw, sub, above)

    match expr:
        case m.Compare(op=op, left=left, right=right):
            return s.FigureCompare(op=op, left=lower(left), right=lower(right),
                                   descending=op not in ("=", "!=")
                                   and left.type.kind == "rating")
        case m.InSet(operand=operand, values=values, negated=negated):
            codes = tuple(_code(fw, v, operand.type) for v in values)
            return s.FigureMember(operand=lower(operand), codes=codes,
                                  negated=negated)
        case m.Logic(op=op, operands=ops):
            return s.FigureLogic(op=op, operands=tuple(lower(o) for o in ops))
        case m.Not(operand=o):
            return s.FigureNot(operand=lower(o))
    raise TypeError(f"not a figure expression: {type(expr).__name__}")


def _code(fw: m.Framework, value: m.Value, type_: m.Type) -> float:
    """An enum value, rating level or date as the inspection inputs code it (text is not
    tested in formulas: the checker refuses it)."""
    code = constant(fw, value, type_, m.Const(value=value, type=type_))
    if not isinstance(code, s.Code):
        raise TypeError(f"text {value!r} in a formula")
    return float(code.value)
