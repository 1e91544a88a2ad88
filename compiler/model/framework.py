"""The checked model: names resolved, selectors expanded, every expression typed.

The surface AST says what the user wrote; the model says what it means. Expressions here
refer to declarations by id and carry their type and source span. Nothing in the model is
mutated after the checker builds it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Literal, assert_never

import attrs
from critc.dsl.ast import AggregateKind, ArithOp, CompareOp, FieldOrigin, FieldRole, QuestionRole
from critc.dsl.ast import RoundingMode as RoundingMode
from critc.dsl.span import NO_SPAN, Span

TypeKind = Literal["score", "number", "boolean", "date", "text", "enum", "rating", "label",
                   "unknown"]
CellKind = TypeKind | Literal["integer"]  # how a field's cell is read
ReduceFunction = Literal["mean", "min", "max", "sum", "count"]
AcrossFunction = Literal["mean", "min", "max", "sum", "count", "pooled"]
LogicOp = Literal["and", "or"]
Value = float | str | bool | datetime.date  # a constant, or a value in a set


def _span() -> Span:
    return attrs.field(default=NO_SPAN, eq=False, repr=False)


# ----------------------------------------------------------------------------- types
@attrs.frozen(kw_only=True)
class Type:
    """`score` (a proportion shown as a percentage), `number`, `boolean`, `date`, `text`,
    `enum` (with its values), `rating` (with its scale), `label` (with its band), `unknown`."""

    kind: TypeKind
    values: tuple[str, ...] = ()
    scale: str | None = None  # the rating scale of a rating, the band of a label

    def __str__(self) -> str:
        if self.kind == "enum":
            return "one of {" + ", ".join(self.values) + "}"
        if self.kind == "rating":
            return f"rating ({self.scale})"
        if self.kind == "label":
            return f"band label ({self.scale})"
        return self.kind

    @property
    def numeric(self) -> bool:
        return self.kind in ("score", "number")

    @property
    def scale_id(self) -> str:
        """The rating scale (kind `rating`) or band (kind `label`) this type refers to."""
        if self.scale is None:
            raise ValueError(f"a {self.kind} type names no scale")
        return self.scale


SCORE = Type(kind="score")
NUMBER = Type(kind="number")
BOOLEAN = Type(kind="boolean")
DATE = Type(kind="date")
TEXT = Type(kind="text")
UNKNOWN = Type(kind="unknown")


# ----------------------------------------------------------------------------- expressions
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


# ----------------------------------------------------------------------------- declarations
@attrs.frozen(kw_only=True)
class Rounding:
    mode: RoundingMode = "half up"
    places: int = 0
    span: Span = _span()

    def describe(self, percent: bool = False) -> str:
        if self.places == 0:
            return f"{self.mode} to whole {'percent' if percent else 'numbers'}"
        return f"{self.mode} to {self.places} decimal place{'s' * (self.places != 1)}"


@attrs.frozen(kw_only=True)
class Scale:
    id: str
    title: str | None
    codes: tuple[str, ...]
    labels: dict[str, str]
    above: frozenset[str]
    not_applicable: frozenset[str]
    aliases: dict[str, str]  # spelling in the case file → code
    description: str | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class RatingScale:
    id: str
    title: str | None
    levels: tuple[str, ...]  # best first
    labels: dict[str, str]
    points: dict[str, float | None]
    description: str | None = None
    span: Span = _span()

    def spellings(self) -> dict[str, int]:
        """How an inputs file may write each level → its index: its id, or its label
        (`Requires improvement`) where no other level's id or label is spelled the same."""
        out = {level: i for i, level in enumerate(self.levels)}
        labels = [self.labels.get(level) for level in self.levels]
        for i, label in enumerate(labels):
            if label is not None and label not in out and labels.count(label) == 1:
                out[label] = i
        return out


@attrs.frozen(kw_only=True)
class Field:
    id: str
    title: str | None
    type: Type
    origin: FieldOrigin
    roles: tuple[FieldRole, ...] = ()
    description: str | None = None
    source: str | None = None
    whole: bool = False  # declared `integer`: a number with no fractional part
    span: Span = _span()

    @property
    def cell_kind(self) -> CellKind:
        """How a cell of this field is read: its type's kind, or "integer"."""
        return "integer" if self.whole else self.type.kind


@attrs.frozen(kw_only=True)
class Question:
    id: str
    text: str | None
    role: QuestionRole
    scale: str
    applies: Expr | None
    tags: tuple[str, ...]  # its own tags and those of its enclosing aggregates
    parent: str | None
    description: str | None = None
    source: str | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Counting:
    """`counting {sufficient, partly} above the line for question 1.2d`, one per question:
    the codes (in scale order) counted above the line for `question` in one aggregate's
    formula only, instead of its scale's."""

    question: str
    codes: tuple[str, ...]
    span: Span = _span()  # the clause


@attrs.frozen(kw_only=True)
class Aggregate:
    id: str
    kind: AggregateKind
    title: str | None
    formula: Expr | None
    type: Type
    parent: str | None
    children: tuple[str, ...]
    tags: tuple[str, ...]
    rounding: Rounding | None = None
    # where the aggregate applies: a test per inspection over inspection inputs, its own
    # `applies when` and those of the aggregates around it; elsewhere it is not applicable
    applies: Expr | None = None
    # the formula's own above-the-line sets for some of its questions (`counting ...`)
    counting: tuple[Counting, ...] = ()
    description: str | None = None
    source: str | None = None
    span: Span = _span()

    def counting_of(self, question: str) -> Counting | None:
        """The formula's own above-the-line set for `question`, if it declares one."""
        return next((c for c in self.counting if c.question == question), None)


@attrs.frozen(kw_only=True)
class BandRow:
    low: float | None  # display units (70% → 70.0)
    low_inclusive: bool
    high: float | None
    high_inclusive: bool
    output: str  # a label text, or a rating level id
    otherwise: bool = False
    span: Span = _span()

    def contains(self, value: float) -> bool:
        if self.low is not None and (value < self.low or (value == self.low
                                                          and not self.low_inclusive)):
            return False
        if self.high is not None and (value > self.high or (value == self.high
                                                            and not self.high_inclusive)):
            return False
        return True

    def describe(self, unit: str = "") -> str:
        """The row's condition, as `≥ 60% and < 70%` (with `unit` "%") or `otherwise`."""
        if self.otherwise:
            return "otherwise"
        parts = []
        if self.low is not None:
            parts.append(f"{'≥' if self.low_inclusive else '>'} {_num(self.low)}{unit}")
        if self.high is not None:
            parts.append(f"{'≤' if self.high_inclusive else '<'} {_num(self.high)}{unit}")
        return " and ".join(parts)


def _num(value: float) -> str:
    return f"{value:g}"


@attrs.frozen(kw_only=True)
class Band:
    id: str
    title: str | None
    rows: tuple[BandRow, ...]
    rounding: Rounding
    input_type: Type  # score or number
    gives: str | None  # rating scale id, or None for text labels
    description: str | None = None
    source: str | None = None
    span: Span = _span()

    @property
    def ordered_rows(self) -> tuple[BandRow, ...]:
        """The rows as the engine numbers them: the explicit ones, then `otherwise`."""
        return tuple(r for r in self.rows if not r.otherwise) + \
            tuple(r for r in self.rows if r.otherwise)

    @property
    def output_type(self) -> Type:
        if self.gives:
            return Type(kind="rating", scale=self.gives)
        return Type(kind="label", scale=self.id)


@attrs.frozen(kw_only=True)
class BandApplication:
    """A band attached to a figure with `on`: its label is reported beside the figure."""

    id: str  # band[target]
    band: str
    target: str
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Header:
    name: str | None = None
    version: str | None = None
    effective_from: datetime.date | None = None
    effective_to: datetime.date | None = None
    description: str | None = None
    source: str | None = None
    span: Span = _span()


@attrs.frozen(kw_only=True)
class Framework:
    header: Header
    rounding: Rounding
    scales: dict[str, Scale]
    rating_scales: dict[str, RatingScale]
    fields: dict[str, Field]  # case fields and inspection inputs, in declaration order
    questions: dict[str, Question]
    aggregates: dict[str, Aggregate]
    bands: dict[str, Band]
    applications: dict[str, BandApplication]
    case_id: str | None
    inspection: str | None
    inspection_date: str | None
    files: tuple[str, ...] = ()
    # figures computed once over every inspection scored together (`across inspections`)
    across: dict[str, Aggregate] = attrs.field(factory=dict)

    @property
    def case_fields(self) -> list[Field]:
        return [f for f in self.fields.values() if f.origin == "case"]

    @property
    def inputs(self) -> list[Field]:
        return [f for f in self.fields.values() if f.origin == "inspection"]

    def kind_of(self, node: str) -> str:
        if node in self.questions:
            return "question"
        if node in self.aggregates:
            return self.aggregates[node].kind
        if node in self.across:
            return self.across[node].kind
        if node in self.fields:
            return "case field" if self.fields[node].origin == "case" else "inspection input"
        if node in self.bands:
            return "band"
        if node in self.applications:
            return "band label"
        return "item"

    def figure_type(self, node: str) -> Type:
        if node in self.questions:
            return SCORE
        if node in self.aggregates:
            return self.aggregates[node].type
        if node in self.across:
            return self.across[node].type
        if node in self.fields:
            return self.fields[node].type
        if node in self.applications:
            return self.bands[self.applications[node].band].output_type
        return UNKNOWN

    def applied_to(self, figure: str) -> list[BandApplication]:
        """The bands attached to `figure` with `on`, reported beside it."""
        return [app for app in self.applications.values() if app.target == figure]

    def rounding_of(self, node: str) -> Rounding:
        agg = self.aggregates.get(node) or self.across.get(node)
        return agg.rounding if agg and agg.rounding else self.rounding

    def is_across(self, node: str) -> bool:
        """A figure computed once over every inspection: declared `across inspections`, or
        a band's label of one."""
        app = self.applications.get(node)
        return node in self.across or (app is not None and app.target in self.across)
