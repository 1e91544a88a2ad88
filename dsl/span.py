"""Source positions: every AST node, diagnostic and graph edge carries a `Span`."""

from __future__ import annotations

import attrs


@attrs.frozen
class Span:
    """A range in a source file; lines and columns count from 1, `end_col` is exclusive."""

    path: str
    line: int
    col: int
    end_line: int
    end_col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def cover(self, other: Span) -> Span:
        """The smallest span holding both `self` and `other` (same file)."""
        start = min((self.line, self.col), (other.line, other.col))
        end = max((self.end_line, self.end_col), (other.end_line, other.end_col))
        return Span(self.path, start[0], start[1], end[0], end[1])


NO_SPAN = Span("<builtin>", 0, 0, 0, 0)
