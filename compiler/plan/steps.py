"""The operations of a lowered plan: what every back end executes.

Lowering (`plan/lower.py`) turns the checked model's expressions into these, once, so the
NumPy engine, the generated module (`score` and `score_case`), explain, coverage and
impact translate operations instead of re-reading model expressions. Every decision that
depends on the model is taken here: constants are coded as the case arrays code them, a
comparison of rating levels knows the levels are listed best first, a min or max of
ratings is already swapped, rating points and band outputs are tables.

Three families:
    per-case values and tests  applicability conditions, three-valued (a blank is unknown)
    figure operations          per inspection: counts, ratios, means, points, bands
    counting status            per answer code: not counted, below or above the line

Lowering is structural: every operation stands for exactly one model expression, so a
reader that shows formulas (explain) can walk an operation and its expression together.
"""

from __future__ import annotations

from typing import Literal

import attrs
from critc.dsl.ast import ArithOp, CompareOp

# ----------------------------------------------------------------------------- status
# How one case counts towards a question's proportion: the status of each answer code.
Status = Literal[0, 1, 2]
NOT_COUNTED: Status = 0  # a blank, a not-applicable code, or a question that does not apply
BELOW: Status = 1  # counted, below the line (+1 denominator)
ABOVE: Status = 2  # counted, above the line (+1 numerator, +1 denominator)
STATUS_TEXT: dict[int, str] = {NOT_COUNTED: "not counted", BELOW: "below the line",
                               ABOVE: "above the line"}


def counted_codes(status: tuple[int, ...]) -> tuple[int, ...]:
    """The code indices that count (answered, not with a not-applicable code)."""
    return tuple(i for i, s in enumerate(status) if s != NOT_COUNTED)


def above_codes(status: tuple[int, ...]) -> tuple[int, ...]:
    """The code indices above the line."""
    return tuple(i for i, s in enumerate(status) if s == ABOVE)


# ----------------------------------------------------------------------------- per case
@attrs.frozen(kw_only=True)
class FieldValue:
    """A case field's cell, or an inspection input spread over its cases."""

    field: str
    per_inspection: bool
    text: bool = False  # coded in a vocabulary of texts


@attrs.frozen(kw_only=True)
class AnswerCode:
    """A question's answer code in one case (-1 blank)."""

    question: str
    index: int  # column in the answer matrix


@attrs.frozen(kw_only=True)
class Code:
    """A constant as case arrays code it: a number, a date as days since 1970, a boolean as
    1/0, an enum value or rating level by index (-2 if undeclared: it equals nothing)."""

    value: int | float


@attrs.frozen(kw_only=True)
class TextCode:
    """A text constant, coded in the vocabulary of `field` (None: equals no text)."""

    text: str
    field: str | None


@attrs.frozen(kw_only=True)
class CaseArith:
    op: ArithOp
    left: CaseValue
    right: CaseValue


@attrs.frozen(kw_only=True)
class CaseNegate:
    operand: CaseValue


CaseValue = FieldValue | AnswerCode | Code | TextCode | CaseArith | CaseNegate


@attrs.frozen(kw_only=True)
class Compare:
    """A comparison; `descending` when it orders rating levels (listed best first, so a
    level index compares the other way round)."""

    op: CompareOp
    left: CaseValue
    right: CaseValue
    descending: bool = False
    text: bool = False  # either side is text (coded per vocabulary)


@attrs.frozen(kw_only=True)
class Member:
    operand: CaseValue
    codes: tuple[Code | TextCode, ...]
    negated: bool


@attrs.frozen(kw_only=True)
class Truthy:
    """A boolean value used as a test."""

    operand: CaseValue


@attrs.frozen(kw_only=True)
class AllOf:
    tests: tuple[Test, ...]


@attrs.frozen(kw_only=True)
class AnyOf:
    tests: tuple[Test, ...]


@attrs.frozen(kw_only=True)
class NotOf:
    test: Test


Test = Compare | Member | Truthy | AllOf | AnyOf | NotOf


@attrs.frozen(kw_only=True)
class Applicability:
    """A named boolean step: one distinct condition, with the questions it governs."""

    name: str
    test: Test
    questions: tuple[int, ...]  # answer-matrix columns


# ----------------------------------------------------------------------------- figures
ReduceFunction = Literal["mean", "min", "max", "sum", "count"]


@attrs.frozen(kw_only=True)
class Number:
    value: float


@attrs.frozen(kw_only=True)
class FigureValue:
    """A figure computed before: a question's proportion or an earlier step. `above`: a
    question counted with these code indices above the line instead of its scale's (an
    aggregate's `counting` clause; the plan's `recounts` count it so)."""

    node: str
    question: bool
    above: tuple[int, ...] | None = None


@attrs.frozen(kw_only=True)
class InputNumber:
    """An inspection input as a number (a rating by its level index)."""

    field: str
    rating: bool


@attrs.frozen(kw_only=True)
class Arith:
    op: ArithOp
    left: Op
    right: Op


@attrs.frozen(kw_only=True)
class Negate:
    operand: Op


@attrs.frozen(kw_only=True)
class Reduce:
    """Over figures, skipping undefined ones, or, `strict`, undefined if any is (a sum or
    mean not written `skipping undefined`); on rating level indices min and max are
    already swapped (levels are listed best first)."""

    function: ReduceFunction
    items: tuple[Op, ...]
    strict: bool = False
    # per item (or empty when no item can be): the test where an item that is an aggregate
    # with `applies when` applies; where it is false the item is left out, and a strict
    # sum or mean is not made undefined by it (not applicable is not undefined)
    when: tuple[Op | None, ...] = ()


@attrs.frozen(kw_only=True)
class Pooled:
    """Above-the-line answers / counted answers over all (case, question) pairs. `above`,
    when not empty, is per question the code indices counted above the line instead of its
    scale's (None: its scale's), from an aggregate's `counting` clause."""

    questions: tuple[str, ...]
    above: tuple[tuple[int, ...] | None, ...] = ()

    def above_of(self, i: int) -> tuple[int, ...] | None:
        """The i-th question's own above-the-line code indices here, or None."""
        return self.above[i] if self.above else None


@attrs.frozen(kw_only=True)
class Recount:
    """A question counted with another set of codes above the line, for the figures whose
    `counting` clause says so: its numerators are counted as a column of their own (number
    `column`, after the questions'), its denominators are the question's (a not-applicable
    code is never above the line, so the counted cases are the same)."""

    question: str
    source: int  # the question's column in the answer matrix
    above: tuple[int, ...]  # code indices above the line
    status: tuple[int, ...]  # per code index, as a question's status
    column: int  # questions + its position among the recounts


@attrs.frozen(kw_only=True)
class WeightedMean:
    """Σ w·x / Σ w; renormalising over the defined items, or strict (undefined if any is)."""

    items: tuple[Op, ...]
    weights: tuple[float, ...]
    renormalise: bool


@attrs.frozen(kw_only=True)
class Points:
    """A rating's points: `points[level index]` (None: the level has none)."""

    operand: Op
    scale: str
    points: tuple[float | None, ...]


@attrs.frozen(kw_only=True)
class Band:
    """The band's output for a value: round as the band declares, find the row."""

    band: str
    operand: Op


@attrs.frozen(kw_only=True)
class FirstOf:
    """The first item that is defined (NaN if none is)."""

    items: tuple[Op, ...]


@attrs.frozen(kw_only=True)
class Choose:
    """`if condition then A else B`: `condition` is a truth value (1, 0, NaN unknown); an
    unknown condition gives an undefined result."""

    condition: Op
    then: Op
    otherwise: Op


@attrs.frozen(kw_only=True)
class AcrossOf:
    """A figure of every inspection combined, in a step across inspections: `mean`, `min`,
    `max`, `sum` or `count` of its per-inspection values (skipping undefined ones, or,
    `strict`, undefined if any is; for ratings min and max are already swapped), or
    `pooled`: the figure's step computed once over the counts of every inspection added
    up."""

    function: Literal["mean", "min", "max", "sum", "count", "pooled"]
    node: str
    strict: bool = False


# Tests in formulas, per inspection: each gives a truth value, 1.0, 0.0 or NaN (unknown),
# three-valued as applicability conditions are.
@attrs.frozen(kw_only=True)
class FigureCompare:
    """`descending` when it orders rating levels (compared the other way round)."""

    op: CompareOp
    left: Op
    right: Op
    descending: bool = False


@attrs.frozen(kw_only=True)
class FigureMember:
    operand: Op
    codes: tuple[float, ...]
    negated: bool


@attrs.frozen(kw_only=True)
class FigureLogic:
    """`and`: false if any is false, true if all are true, else unknown; `or` the dual."""

    op: Literal["and", "or"]
    operands: tuple[Op, ...]


@attrs.frozen(kw_only=True)
class FigureNot:
    operand: Op


Op = Number | FigureValue | InputNumber | Arith | Negate | Reduce | Pooled | WeightedMean \
    | Points | Band | FirstOf | Choose | FigureCompare | FigureMember | FigureLogic | FigureNot \
    | AcrossOf


def op_children(op: Op) -> tuple[Op, ...]:
    """The direct operands of `op`, in the order of the expression it lowers."""
    match op:
        case Arith(left=a, right=b) | FigureCompare(left=a, right=b):
            return (a, b)
        case Negate(operand=a) | Points(operand=a) | Band(operand=a) | FigureMember(operand=a) \
                | FigureNot(operand=a):
            return (a,)
        case Reduce(items=items) | WeightedMean(items=items) | FirstOf(items=items) \
                | FigureLogic(operands=items):
            return items
        case Choose(condition=c, then=a, otherwise=b):
            return (c, a, b)
        case Number() | FigureValue() | InputNumber() | Pooled() | AcrossOf():
            return ()
    raise TypeError(type(op).__name__)


def walk_ops(op: Op):
    """`op` and every operation under it, the tests of a total's `when` included."""
    yield op
    for child in op_children(op):
        yield from walk_ops(child)
    if isinstance(op, Reduce):
        for test in op.when:
            if test is not None:
                yield from walk_ops(test)


def case_values(test: Test):
    """Every per-case value `test` reads, operands of arithmetic included."""
    match test:
        case AllOf(tests=tests) | AnyOf(tests=tests):
            for sub in tests:
                yield from case_values(sub)
        case NotOf(test=sub):
            yield from case_values(sub)
        case Compare(left=a, right=b):
            yield from _values(a)
            yield from _values(b)
        case Member(operand=a, codes=codes):
            yield from _values(a)
            yield from codes
        case Truthy(operand=a):
            yield from _values(a)


def _values(value: CaseValue):
    yield value
    if isinstance(value, CaseArith):
        yield from _values(value.left)
        yield from _values(value.right)
    elif isinstance(value, CaseNegate):
        yield from _values(value.operand)
