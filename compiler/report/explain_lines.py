"""An explanation as data: a tree of lines, each made of parts that say what they are.

`critc explain` renders these lines with rich (`report/explain_render.py`), `--format json`
writes `Line.to_dict()`, and the Python API's `Explanation.lines` returns them; all three
show the same lines. Nothing here prints.
"""

from __future__ import annotations

from typing import Literal

import attrs
from critc.dsl.source import source_lines

# What a part of a line is; the terminal renderer gives each its own style.
Role = Literal["", "heading", "name", "value", "note", "warning", "band", "formula"]


@attrs.frozen
class Part:
    text: str
    role: Role = ""


@attrs.define
class Line:
    """One line of an explanation (its parts) and the lines under it."""

    parts: list[Part] = attrs.field(factory=list)
    children: list[Line] = attrs.field(factory=list)

    @classmethod
    def of(cls, text: str, role: Role = "") -> Line:
        return cls([Part(text, role)])

    def append(self, text: str, role: Role = "") -> Line:
        """Add `text` to the end of this line; this line."""
        self.parts.append(Part(text, role))
        return self

    def add(self, line: Line | str, role: Role = "") -> Line:
        """Add a line under this one (text becomes a line of one part); the line added."""
        child = line if isinstance(line, Line) else Line.of(line, role)
        self.children.append(child)
        return child

    @property
    def text(self) -> str:
        return "".join(part.text for part in self.parts)

    def to_dict(self) -> dict:
        """`{"text": ..., "lines": [...]}` (`lines` only when there are lines under it)."""
        out: dict = {"text": self.text}
        if self.children:
            out["lines"] = [child.to_dict() for child in self.children]
        return out


def source_line(sources: dict[str, str], span) -> str:
    """The text of the source line `span` starts on, stripped ("" if not known)."""
    text = sources.get(span.path)
    if text is None or span.line < 1:
        return ""
    lines = source_lines(text)  # numbered as the parser numbers them
    return lines[span.line - 1].strip() if span.line <= len(lines) else ""
