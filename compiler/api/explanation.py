"""How one figure was formed in one inspection, as data and as `critc explain` prints it."""

from __future__ import annotations

from critc.compiler.api.figures import Figure
from critc.compiler.report import render
from critc.compiler.report.explain import Explainer
from rich.console import Console


class Explanation:
    """A figure in one inspection (`figure`), the figures it is computed from directly
    (`inputs`), and with `case`, that case's part in it. `print()` it, or `str()` it, to
    read it as `critc explain` shows it."""

    def __init__(self, *, figure: Figure, inputs: tuple[Figure, ...], case: str | None,
                 _explainer: Explainer, _group: int, _row: int | None):
        self.figure = figure
        self.inputs = inputs
        self.case = case
        self._explainer = _explainer
        self._group = _group
        self._row = _row

    def __repr__(self) -> str:
        return (f"<critc.Explanation of {self.figure.id} in {self.figure.inspection}: "
                f"{self.figure.shown}>")

    def print(self, console: Console | None = None) -> None:
        """Print it as `critc explain` does."""
        self._explainer.render(console or Console(highlight=False), self.figure.id,
                               self._group, self._row)

    def __str__(self) -> str:
        console = render.plain_console()
        self.print(console)
        return console.export_text()
