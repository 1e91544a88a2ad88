"""Evaluate a per-case expression for one case, in plain Python.

Missing values follow three-valued logic: a comparison with a blank is *unknown*;
`and`, `or` and `not` follow Kleene's rules; a condition that ends unknown does not hold.
Used by the lints (to try every combination of enum values) and by the reference
evaluator; the NumPy engine implements the same rules over whole columns.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, assert_never

from critc.compiler.model import framework as m

COMPARE = {"=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
           ">": operator.gt, ">=": operator.ge}
ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def ordinal(value: Any, type_: m.Type, rating_levels: Callable[[str], tuple[str, ...]]) -> Any:
    """Enum values order as declared; rating levels are declared best first, so a better
    level orders higher."""
    if value is None:
        return None
    if type_.kind == "enum" and value in type_.values:
        return type_.values.index(value)
    if type_.kind == "rating":
        levels = rating_levels(type_.scale_id)
        return -levels.index(value) if value in levels else None
    return value


def kleene(op: m.LogicOp, values: list[object]) -> bool | None:
    """`and` / `or` over true, false and unknown (None): one decisive value decides
    (false for `and`, true for `or`); otherwise any unknown leaves the result unknown."""
    decisive = op == "or"
    if any(v is decisive for v in values):
        return decisive
    return None if any(v is None for v in values) else not decisive


def evaluate(expr: m.Expr, lookup: Callable[[m.Expr], object],
             rating_levels: Callable[[str], tuple[str, ...]] = lambda s: ()) -> Any:
    """The value of `expr`, with `lookup` giving the value of each FieldRef/AnswerRef."""
    match expr:
        case m.Const(value=v):
            return v
        case m.FieldRef() | m.AnswerRef():
            return lookup(expr)
        case m.Compare(op=op, left=left, right=right):
            a = evaluate(left, lookup, rating_levels)
            b = evaluate(right, lookup, rating_levels)
            if a is None or b is None:
                return None
            if op in ("=", "!="):
                return COMPARE[op](a, b)
            return COMPARE[op](ordinal(a, left.type, rating_levels),
                               ordinal(b, right.type, rating_levels))
        case m.InSet(operand=operand, values=values, negated=negated):
            a = evaluate(operand, lookup, rating_levels)
            if a is None:
                return None
            return (a in values) != negated
        case m.Logic(op=op, operands=ops):
            return kleene(op, [evaluate(o, lookup, rating_levels) for o in ops])
        case m.Not(operand=operand):
            value = evaluate(operand, lookup, rating_levels)
            return None if value is None else not value
        case m.Arith(op=op, left=left, right=right):
            a = evaluate(left, lookup, rating_levels)
            b = evaluate(right, lookup, rating_levels)
            if a is None or b is None:
                return None
            if op == "/":
                return None if b == 0 else a / b
            return ARITH[op](a, b)
        case m.Negate(operand=operand):
            value = evaluate(operand, lookup, rating_levels)
            return None if value is None else -value
        case m.FigureRef() | m.Reduce() | m.Pooled() | m.WeightedMean() | m.Points() \
                | m.BandOf() | m.FirstOf() | m.IfElse() | m.Across():
            raise TypeError(f"not a per-case expression: {type(expr).__name__}")
        case _:
            assert_never(expr)
