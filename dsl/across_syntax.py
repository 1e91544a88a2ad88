"""The surface syntax of figures across inspections: its two AST nodes (re-exported by
`dsl/ast.py`, where the rest of the tree is) and their canonical text (used by
`dsl/printer.py`).

    across inspections
      outcome 1-mean "Assisting sentencing, mean of the Trusts"
        = mean of outcome 1 across inspections
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import attrs
from critc.dsl.span import NO_SPAN, Span

if TYPE_CHECKING:
    from critc.dsl.ast import Aggregate, FunctionName, ItemRef, Name

def _span() -> Span:
    return attrs.field(default=NO_SPAN, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Across:
    """`mean of outcome 1 across inspections`: one figure of every inspection combined into
    one value (`pooled over X across inspections`: X over all their cases together)."""

    function: FunctionName  # any the grammar allows; the checker refuses `points`
    operand: Name | ItemRef
    skipping: bool = False  # `skipping undefined`: a sum or mean of the defined values only
    span: Span = _span()


@attrs.frozen(kw_only=True)
class AcrossInspections:
    """An `across inspections` block: figures computed once over every inspection scored
    together (an aggregate report), not once per inspection."""

    aggregates: tuple[Aggregate, ...] = ()
    span: Span = _span()


def across_text(expr: Across, operand_text: Callable[[Name | ItemRef], str]) -> str:
    """`mean of outcome 1 across inspections` (`pooled over ...` for pooled)."""
    word = "over" if expr.function == "pooled" else "of"
    return f"{expr.function} {word} {operand_text(expr.operand)} across inspections" \
        + (" skipping undefined" if expr.skipping else "")


class _Printer(Protocol):
    def emit(self, depth: int, text: str, origin: int | None = None,
             last: int | None = None) -> None: ...

    def aggregate(self, a: Aggregate, depth: int) -> None: ...


def print_block(printer: _Printer, block: AcrossInspections, depth: int) -> None:
    """The block's header line, then its aggregates one level in."""
    printer.emit(depth, "across inspections", block.span.line)
    for aggregate in block.aggregates:
        printer.aggregate(aggregate, depth + 1)
