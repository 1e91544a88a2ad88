"""The checked model's declarations: rounding, answer and rating scales, fields,
questions and aggregates (bands are in `model/bands.py`)."""

from __future__ import annotations

import attrs
from critc.compiler.model.expressions import Expr
from critc.compiler.model.types import CellKind, Type
from critc.compiler.model.types import span_field as _span
from critc.dsl.ast import AggregateKind, FieldOrigin, FieldRole, QuestionRole
from critc.dsl.ast import RoundingMode as RoundingMode
from critc.dsl.span import Span


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

