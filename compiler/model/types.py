"""The types of the checked model's expressions and figures.

`Type` says what a value is (a score, a number, a rating on a scale, a band's label, ...);
the constants name the plain ones. Shared by the expressions and the declarations.
"""

from __future__ import annotations

import datetime
from typing import Literal

import attrs
from critc.dsl.span import NO_SPAN, Span

TypeKind = Literal["score", "number", "boolean", "date", "text", "enum", "rating", "label",
                   "unknown"]
CellKind = TypeKind | Literal["integer"]  # how a field's cell is read
ReduceFunction = Literal["mean", "min", "max", "sum", "count"]
AcrossFunction = Literal["mean", "min", "max", "sum", "count", "pooled"]
LogicOp = Literal["and", "or"]
Value = float | str | bool | datetime.date  # a constant, or a value in a set


def span_field() -> Span:
    """An attrs field for a model object's span: not compared, not shown in its repr."""
    return attrs.field(default=NO_SPAN, eq=False, repr=False)


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
