"""How one figure was formed in one inspection, as data and as `critc explain` prints it."""

from __future__ import annotations

import json

from critc.compiler.api.figures import Figure
from critc.compiler.report import render
from critc.compiler.report.explain_lines import Line
from critc.compiler.report.explain_render import print_lines
from rich.console import Console


class Explanation:
    """A figure in one inspection (`figure`), the figures it is computed from directly
    (`inputs`), and with `case`, that case's part in it. `lines` are what `critc explain`
    shows, as data (each `Line` has `text` and the `children` under it); `to_dict()` is
    what `critc explain --format json` writes; `version` is the file of a version
    directory that scored it (`critc explain DIR`). `print()` it, or `str()` it, to read it as
    `critc explain` shows it."""

    def __init__(self, *, figure: Figure | None, inputs: tuple[Figure, ...], case: str | None,
                 id: str, inspection: str, lines: list[Line], version: str | None = None):
        self.id = id
        self.inspection = inspection
        self.figure = figure
        self.inputs = inputs
        self.case = case
        self.lines = lines
        self.version = version

    def __repr__(self) -> str:
        shown = f": {self.figure.shown}" if self.figure is not None else ""
        return f"<critc.Explanation of {self.id} in {self.inspection}{shown}>"

    def to_dict(self) -> dict:
        """The explanation as `critc explain --format json` writes it."""
        out: dict = {"id": self.id, "inspection": self.inspection}
        if self.version is not None:
            out["version"] = self.version
        if self.case is not None:
            out["case"] = self.case
        if self.figure is not None:
            out["shown"] = self.figure.shown
            out["value"] = self.figure.value
        out["lines"] = [line.to_dict() for line in self.lines]
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def print(self, console: Console | None = None) -> None:
        """Print it as `critc explain` does."""
        print_lines(console or Console(highlight=False), self.lines)

    def __str__(self) -> str:
        console = render.plain_console()
        self.print(console)
        return console.export_text()
