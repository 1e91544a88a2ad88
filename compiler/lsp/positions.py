"""Positions: critc counts lines and columns from 1 in characters of the normalised text
(CRLF and CR read as one newline); LSP counts from 0 in UTF-16 code units.

Each conversion takes the line's text, so a character outside the Basic Multilingual Plane
(two UTF-16 units) and everything after it on the line land where the editor shows them.
"""

from __future__ import annotations

from critc.dsl.source import source_lines
from critc.dsl.span import Span
from lsprotocol import types as lsp


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Lines:
    """A document's lines as the parser numbers them, for position conversions."""

    def __init__(self, text: str):
        self.lines = source_lines(text)

    def line(self, number: int) -> str:
        """Line `number` (1-based); an empty string past the end."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def position(self, line: int, col: int) -> lsp.Position:
        """The LSP position of critc's (line, col)."""
        if line < 1:
            return lsp.Position(line=0, character=0)
        return lsp.Position(line=line - 1, character=utf16_length(self.line(line)[: col - 1]))

    def range(self, span: Span) -> lsp.Range:
        if span.line < 1:  # a diagnostic about the whole file
            return lsp.Range(start=lsp.Position(line=0, character=0),
                             end=lsp.Position(line=0, character=0))
        return lsp.Range(start=self.position(span.line, span.col),
                         end=self.position(span.end_line, span.end_col))

    def column(self, position: lsp.Position) -> tuple[int, int]:
        """critc's (line, col) of an LSP position (a position inside a surrogate pair
        rounds down to the character)."""
        text = self.line(position.line + 1)
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return position.line + 1, index + 1
            units += 2 if ord(char) > 0xFFFF else 1
        return position.line + 1, len(text) + 1

    def end(self) -> lsp.Position:
        """The position just after the last character of the text."""
        last = len(self.lines)
        return lsp.Position(line=last - 1, character=utf16_length(self.lines[-1]))
