"""Coverage reports: a table of what a set of inspections exercised, and JSON."""

from __future__ import annotations

import json

from critc.compiler.regress.coverage import BandUse, Coverage
from rich.console import Console
from rich.table import Table
from rich.text import Text


def render(cover: Coverage, console: Console, title: str | None = None) -> None:
    """The coverage table (one row per figure), then the summary."""
    table = Table(title=Text(title or f"Coverage of {cover.name} over {cover.inspections} "
                             f"inspection{'s' * (cover.inspections != 1)}", style="bold"),
                  title_justify="left")
    table.add_column("Figure", overflow="fold")
    table.add_column("Ever applicable / defined", no_wrap=True)
    table.add_column("Ever n/a", no_wrap=True)
    table.add_column("Band rows reached", overflow="fold")
    uses_at: dict[str, list[BandUse]] = {}
    for use in cover.uses:
        uses_at.setdefault(use.where.split(" ", 1)[1], []).append(use)
    fw = cover.plan.framework
    for node in cover.plan.figures:
        if node in fw.applications:
            continue
        title_, got, undefined = _figure_row(cover, node)
        table.add_row(title_, _yes(got), "yes" if undefined else "never",
                      _reached(cover, uses_at.get(node, [])))
    console.print(table)
    for line in cover.summary():
        console.print(line, highlight=False, soft_wrap=True)


def _figure_row(cover: Coverage, node: str) -> tuple[str, bool, bool]:
    """(title, ever applicable or defined, ever undefined) of a question or aggregate."""
    fw = cover.plan.framework
    if node in fw.questions:
        index = cover.plan.question(node).index
        return (f"question {node}", bool(cover.applicable[index]),
                bool(cover.question_undefined[index]))
    return f"{fw.aggregates[node].kind} {node}", cover.defined[node], cover.undefined[node]


def _reached(cover: Coverage, uses: list[BandUse]) -> Text:
    """`band: n of m` per band used on the figure, highlighted where a row was missed."""
    reached = Text()
    for use in uses:
        count = len(cover.plan.bands[use.band].outputs)
        if reached:
            reached.append("; ")
        style = "" if len(use.reached) == count else "bold yellow"
        reached.append(f"{use.band}: {len(use.reached)} of {count}", style=style)
    return reached


def _yes(flag: bool) -> Text:
    return Text("yes") if flag else Text("never", style="bold red")


def as_json(cover: Coverage) -> str:
    return json.dumps(cover.as_dict(), indent=2, ensure_ascii=False) + "\n"
