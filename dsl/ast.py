"""The typed surface AST of a framework file, in grammar order.

Every node is frozen and carries its `Span`; spans are left out of equality, so a tree
built by hand compares equal to a parsed one, and a formatted file re-parses to an equal tree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Literal

import attrs
from critc.dsl.across_syntax import Across as Across
from critc.dsl.across_syntax import AcrossInspections as AcrossInspections
from critc.dsl.counting_syntax import Counting as Counting
from critc.dsl.span import NO_SPAN, Span

# ----------------------------------------------------------------------------- vocabulary
# The keywords of the grammar (grammar.lark) that the tree keeps as strings.
AggregateKind = Literal["section", "criterion", "domain", "standard", "outcome", "thread",
                        "headline", "score", "rating", "phase"]
ItemKind = AggregateKind | Literal["question"]
Plural = Literal["questions", "sections", "criteria", "domains", "standards", "outcomes",
                 "threads", "headlines", "scores", "ratings", "phases"]
QuestionRole = Literal["individual", "summary", "key"]
ScopeWord = Literal["its", "all"]
FunctionName = Literal["mean", "pooled", "min", "max", "sum", "count", "points"]
ArithOp = Literal["+", "-", "*", "/"]
CompareOp = Literal["=", "!=", "<", "<=", ">", ">="]
RoundingMode = Literal["half up", "half even", "half down", "up", "down"]
TypeName = Literal["boolean", "integer", "number", "date", "text", "enum", "rating"]
FieldRole = Literal["case id", "inspection", "inspection date", "optional"]
FieldOrigin = Literal["case", "inspection"]
ThresholdTest = Literal["at_least", "above", "between", "at_most", "below", "otherwise"]


def _span() -> Span:
    return attrs.field(default=NO_SPAN, eq=False, repr=False)


# ----------------------------------------------------------------------------- expressions
@attrs.frozen(kw_only=True)
class Number:
    value: float
    text: str = attrs.field(eq=False)
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Percent:
    """`70%`: its value is the fraction 0.7; `text` keeps the digits as written."""

    value: float
    text: str = attrs.field(eq=False)
    span: Span = _span()


@attrs.frozen(kw_only=True)
class String:
    value: str
    span: Span = _span()


@attrs.frozen(kw_only=True)
class DateLiteral:
    value: datetime.date
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Boolean:
    value: bool
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Name:
    """A bare name: a case field, inspection input, enum value or identifier-like item id."""

    name: str
    span: Span = _span()


@attrs.frozen(kw_only=True)
class ItemRef:
    """`criterion 1.2`, `question 1.2a`: a reference that names the kind of item."""

    kind: ItemKind
    id: str
    span: Span = _span()


@attrs.frozen(kw_only=True)
class SetLiteral:
    items: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Binary:
    op: ArithOp
    left: Expr
    right: Expr
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Negate:
    operand: Expr
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Compare:
    op: CompareOp
    left: Expr
    right: Expr
    span: Span = _span()


@attrs.frozen(kw_only=True)
class InSet:
    operand: Expr
    items: SetLiteral
    negated: bool
    span: Span = _span()


@attrs.frozen(kw_only=True)
class And:
    operands: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Or:
    operands: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Not:
    operand: Expr
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Call:
    """`mean(...)`, `pooled over ...`, `min(...)`, `points(...)`."""

    function: FunctionName
    args: tuple[Expr, ...]
    skipping: bool = False  # `skipping undefined`: a sum or mean of the defined inputs only
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Weight:
    expr: Expr
    weight: Number | Percent
    span: Span = _span()


@attrs.frozen(kw_only=True)
class WeightedMean:
    weights: tuple[Weight, ...]
    renormalise: bool = True
    span: Span = _span()


@attrs.frozen(kw_only=True)
class FirstOf:
    """`first of (a, b, ...)`: the first operand that is defined."""

    operands: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen(kw_only=True)
class IfThen:
    """`if CONDITION then A else B`; an undefined condition gives an undefined result."""

    condition: Expr
    then: Expr
    otherwise: Expr
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Apply:
    """`conclusion(x)`: a band applied to a figure."""

    band: str
    arg: Expr
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Selector:
    """A set of questions or aggregates: `all individual questions tagged roh in sections 1, 2`
    (`... except 2.3` takes out an item and everything inside it).

    `plural` is the noun as written (`questions`, `criteria`, ...); `single` is true for the
    singular `summary question`, which must select exactly one question.
    """

    scope_word: ScopeWord | None
    role: QuestionRole | None
    plural: Plural
    single: bool = False
    tags: tuple[str, ...] = ()
    scope_kind: AggregateKind | Plural | None = None
    scope_ids: tuple[str, ...] = ()
    excepted: tuple[str, ...] = ()  # `except 2.3, 1.2a`: ids taken out, with what they hold
    span: Span = _span()


Expr = (Number | Percent | String | DateLiteral | Boolean | Name | ItemRef | SetLiteral | Binary
        | Negate | Compare | InSet | And | Or | Not | Call | WeightedMean | FirstOf | IfThen | Apply
        | Selector | Across)


# ----------------------------------------------------------------------------- items
@attrs.frozen(kw_only=True)
class Rounding:
    mode: RoundingMode
    places: int
    whole: Literal["percent", "numbers"] = attrs.field(default="percent", eq=False)  # as written
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Framework:
    name: str
    version: str | None = None
    effective_from: datetime.date | None = None
    effective_to: datetime.date | None = None
    default_scale: str | None = None
    rounding: Rounding | None = None
    description: str | None = None
    source: str | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Include:
    path: str
    span: Span = _span()


@attrs.frozen(kw_only=True)
class ScaleCode:
    id: str
    label: str | None = None
    above: bool = False
    not_applicable: bool = False
    aliases: tuple[str, ...] = ()
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Scale:
    id: str
    title: str | None = None
    codes: tuple[ScaleCode, ...] = ()
    description: str | None = None
    source: str | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class RatingLevel:
    id: str
    label: str | None = None
    points: Number | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class RatingScale:
    id: str
    title: str | None = None
    levels: tuple[RatingLevel, ...] = ()
    description: str | None = None
    source: str | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class TypeRef:
    kind: TypeName
    values: tuple[str, ...] = ()
    scale: str | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Field:
    id: str
    title: str | None = None
    type: TypeRef | None  # None only in a tree built by hand
    roles: tuple[FieldRole, ...] = ()
    description: str | None = None
    source: str | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class FieldBlock:
    kind: FieldOrigin
    fields: tuple[Field, ...] = ()
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Question:
    id: str
    text: str | None = None
    role: QuestionRole = "individual"
    scale: str | None = None
    applies: Expr | None = None
    tags: tuple[str, ...] = ()
    description: str | None = None
    source: str | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Aggregate:
    kind: AggregateKind
    id: str
    title: str | None = None
    formula: Expr | None = None
    applies: Expr | None = None  # per inspection: the aggregate is not applicable otherwise
    tags: tuple[str, ...] = ()
    rated: str | None = None
    rounding: Rounding | None = None
    # `counting {...} above the line for question ...`: this formula's own above-the-line
    # set for some of the questions it uses
    counting: tuple[Counting, ...] = ()
    description: str | None = None
    source: str | None = None
    children: tuple[Question | Aggregate, ...] = ()
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Threshold:
    value: float  # in display units: 70% is 70.0 with percent=True
    percent: bool
    text: str = attrs.field(eq=False)
    span: Span = _span()


@attrs.frozen(kw_only=True)
class BandRow:
    test: ThresholdTest
    low: Threshold | None = None
    high: Threshold | None = None
    label: str | None = None  # a text label ...
    level: str | None = None  # ... or a rating level
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Band:
    id: str
    title: str | None = None
    targets: tuple[Expr, ...] = ()
    gives: str | None = None
    rounding: Rounding | None = None
    rows: tuple[BandRow, ...] = ()
    description: str | None = None
    source: str | None = None
    span: Span = _span()


Item = (Framework | Include | Scale | RatingScale | FieldBlock | Question | Aggregate | Band
        | AcrossInspections)


@attrs.frozen(kw_only=True)
class Module:
    """One parsed file."""

    path: str
    items: tuple[Item, ...] = ()
    span: Span = _span()


def walk_nodes(items: Iterable[Item | Question | Aggregate]) -> Iterator[Question | Aggregate]:
    """Yield every question and aggregate, depth first, parents before children."""
    for item in items:
        if isinstance(item, (Question, Aggregate)):
            yield item
            if isinstance(item, Aggregate):
                yield from walk_nodes(item.children)
