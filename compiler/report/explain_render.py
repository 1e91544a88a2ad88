"""`critc explain` on the terminal: an explanation's lines (`explain_lines.Line`) as rich
trees, each part styled by what it is."""

from __future__ import annotations

from critc.compiler.report.explain_lines import Line, Role
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

STYLES: dict[Role, str] = {"": "", "heading": "bold underline", "name": "bold",
                           "value": "bold cyan", "note": "dim", "warning": "yellow",
                           "band": "magenta", "formula": ""}


def text(line: Line) -> Text:
    out = Text()
    for part in line.parts:
        out.append(part.text, style=STYLES[part.role])
    return out


def tree(line: Line) -> Tree:
    out = Tree(text(line))
    _add(out, line)
    return out


def _add(branch: Tree, line: Line) -> None:
    for child in line.children:
        _add(branch.add(text(child)), child)


def print_lines(console: Console, lines: list[Line]) -> None:
    """Each top-level line: a line with nothing under it as text, else as a tree."""
    for line in lines:
        console.print(tree(line) if line.children else text(line))
