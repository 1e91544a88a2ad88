"""The checked model's expressions: typed, referring to declarations by id.

An `Expr` is a condition decided per case (fields, answers, logic) or a formula computed
per inspection (figures, reductions, weighted means, bands); `children`, `walk` and
`references` read any of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import assert_never

import attrs
from critc.compiler.model.types import (
    BOOLEAN,
    NUMBER,
    SCORE,
    AcrossFunction,
    LogicOp,
    ReduceFunction,
    Type,
    Value,
)
from critc.compiler.model.types import span_field as _span
from critc.dsl.ast import ArithOp, CompareOp
from critc.dsl.span import Span


@attrs.frozen(kw_only=True)
class Const:
    value: Value
    type: Type
    span: Span = _span()

    @property
    def number(self) -> float:
        """The value of a numeric constant (a score, a number or a boolean)."""
        if isinstance(self.value, str | datetime.date):
            raise TypeError(f"{self.value!r} is not a number")
        return float(self.value)


@attrs.frozen(kw_only=True)
class FieldRef:
    """A case field (per case) or an inspection input (per inspection)."""

    field: str
    type: Type
    span: Span = _span()


@attrs.frozen(kw_only=True)
class AnswerRef:
    """A question's answer code in one case (only in applicability conditions)."""

    question: str
    type: Type
    span: Span = _span()


@attrs.frozen(kw_only=True)
class FigureRef:
    """The value of a question (its proportion) or aggregate for an inspection."""

    node: str
    type: Type
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Arith:
    op: ArithOp
    left: Expr
    right: Expr
    type: Type
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Negate:
    operand: Expr
    type: Type
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Compare:
    op: CompareOp
    left: Expr
    right: Expr
    type: Type = BOOLEAN
    span: Span = _span()


@attrs.frozen(kw_only=True)
class InSet:
    operand: Expr
    values: tuple[Value, ...]
    negated: bool
    type: Type = BOOLEAN
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Logic:
    op: LogicOp
    operands: tuple[Expr, ...]
    type: Type = BOOLEAN
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Not:
    operand: Expr
    type: Type = BOOLEAN
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Reduce:
    """mean, min, max, sum or count over figures. min, max and count skip undefined inputs;
    a sum or mean is undefined when any input is, unless `skipping` (`skipping undefined`,
    or a set entry of a weighted mean, which is the mean of its defined members)."""

    function: ReduceFunction
    items: tuple[Expr, ...]
    type: Type
    skipping: bool = False
    span: Span = _span()

    @property
    def strict(self) -> bool:
        """Undefined when any input is undefined."""
        return self.function in ("sum", "mean") and not self.skipping


@attrs.frozen(kw_only=True)
class Pooled:
    """Above-the-line answers over all (case, question) pairs of these questions."""

    questions: tuple[str, ...]
    type: Type = SCORE
    span: Span = _span()


@attrs.frozen(kw_only=True)
class WeightedMean:
    items: tuple[Expr, ...]
    weights: tuple[float, ...]
    renormalise: bool
    type: Type
    span: Span = _span()


@attrs.frozen(kw_only=True)
class FirstOf:
    """The first of its items that is defined (all of one type)."""

    items: tuple[Expr, ...]
    type: Type
    span: Span = _span()


@attrs.frozen(kw_only=True)
class IfElse:
    """`if condition then A else B` per inspection; undefined when the condition is (its
    condition is a test over inspection inputs and figures)."""

    condition: Expr
    then: Expr
    otherwise: Expr
    type: Type
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Points:
    operand: Expr
    type: Type = NUMBER
    span: Span = _span()


@attrs.frozen(kw_only=True)
class BandOf:
    band: str
    operand: Expr
    type: Type
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Across:
    """One figure of every inspection combined into one value: the mean, min, max, sum or
    count of its per-inspection values (min, max and count skip undefined ones; a sum or
    mean is undefined when any is, unless `skipping`), or, `pooled`, the figure computed
    over the cases of every inspection together. Only in figures `across inspections`."""

    function: AcrossFunction
    figure: FigureRef
    type: Type
    skipping: bool = False
    span: Span = _span()

    @property
    def strict(self) -> bool:
        """Undefined when the figure is undefined in any inspection."""
        return self.function in ("sum", "mean") and not self.skipping


Expr = (Const | FieldRef | AnswerRef | FigureRef | Arith | Negate | Compare | InSet | Logic | Not
        | Reduce | Pooled | WeightedMean | FirstOf | IfElse | Points | BandOf | Across)


def children(expr: Expr) -> tuple[Expr, ...]:
    """The direct sub-expressions of `expr`."""
    match expr:
        case Arith(left=a, right=b) | Compare(left=a, right=b):
            return (a, b)
        case Negate(operand=a) | Not(operand=a) | Points(operand=a) | BandOf(operand=a) \
                | InSet(operand=a) | Across(figure=a):
            return (a,)
        case Logic(operands=items) | Reduce(items=items) | WeightedMean(items=items) \
                | FirstOf(items=items):
            return tuple(items)
        case IfElse(condition=c, then=a, otherwise=b):
            return (c, a, b)
        case Const() | FieldRef() | AnswerRef() | FigureRef() | Pooled():
            return ()
        case _:
            assert_never(expr)


def walk(expr: Expr) -> Iterator[Expr]:
    yield expr
    for child in children(expr):
        yield from walk(child)


def references(expr: Expr) -> list[tuple[str, Span]]:
    """Every declaration `expr` refers to, with the span of the reference, in order."""
    out: list[tuple[str, Span]] = []
    for sub in walk(expr):
        match sub:
            case FieldRef(field=name) | AnswerRef(question=name) | FigureRef(node=name):
                out.append((name, sub.span))
            case Pooled(questions=qs):
                out.extend((q, sub.span) for q in qs)
            case BandOf(band=band):
                out.append((band, sub.span))
    return out
