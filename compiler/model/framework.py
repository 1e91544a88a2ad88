"""The checked model: names resolved, selectors expanded, every expression typed.

The surface AST says what the user wrote; the model says what it means. Expressions here
refer to declarations by id and carry their type and source span. Nothing in the model is
mutated after the checker builds it.
"""

from __future__ import annotations

import datetime

import attrs
from critc.compiler.model.bands import Band, BandApplication, BandRow
from critc.compiler.model.declarations import (
    Aggregate,
    Counting,
    Field,
    Question,
    RatingScale,
    Rounding,
    RoundingMode,
    Scale,
)
from critc.compiler.model.expressions import (
    Across,
    AnswerRef,
    Arith,
    BandOf,
    Compare,
    Const,
    Expr,
    FieldRef,
    FigureRef,
    FirstOf,
    IfElse,
    InSet,
    Logic,
    Negate,
    Not,
    Points,
    Pooled,
    Reduce,
    WeightedMean,
    children,
    references,
    walk,
)
from critc.compiler.model.types import (
    BOOLEAN,
    DATE,
    NUMBER,
    SCORE,
    TEXT,
    UNKNOWN,
    AcrossFunction,
    CellKind,
    LogicOp,
    ReduceFunction,
    Type,
    TypeKind,
    Value,
)
from critc.compiler.model.types import span_field as _span
from critc.dsl.span import Span


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


# `framework as m` reads the whole model: the types, expressions, declarations and bands
# are defined in their own modules and named here.
__all__ = [
    "BOOLEAN", "DATE", "NUMBER", "SCORE", "TEXT", "UNKNOWN", "AcrossFunction", "CellKind",
    "LogicOp", "ReduceFunction", "Type", "TypeKind", "Value",
    "Across", "AnswerRef", "Arith", "BandOf", "Compare", "Const", "Expr", "FieldRef",
    "FigureRef", "FirstOf", "IfElse", "InSet", "Logic", "Negate", "Not", "Points", "Pooled",
    "Reduce", "WeightedMean", "children", "references", "walk",
    "Aggregate", "Counting", "Field", "Question", "RatingScale", "Rounding", "RoundingMode",
    "Scale",
    "Band", "BandApplication", "BandRow", "Header", "Framework",
]
