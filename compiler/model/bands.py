"""The checked model's bands: rows of thresholds that turn a figure into a label or a
rating level, and a band attached to a figure with `on`."""

from __future__ import annotations

import attrs
from critc.compiler.model.declarations import Rounding
from critc.compiler.model.types import Type
from critc.compiler.model.types import span_field as _span
from critc.dsl.span import Span


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

