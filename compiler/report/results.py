"""Results → what people and tools read: rich tables, JSON and CSV.

Values stay unrounded in JSON and CSV (`value`), beside the figure as the framework
declares it should be shown (`shown`); tables show only the declared form. A rating's value
is its points, with its label beside it, never its position in the scale.
"""

from __future__ import annotations

import json
from itertools import repeat

from critc.compiler.engine import runtime
from critc.compiler.engine.evaluate import Results
from critc.compiler.io.spreadsheet import Escaper, csv_text, escaped_csv
from critc.compiler.io.values import (
    NA,
    defined,
    labels_column,
    labels_for,
    number_column,
    number_of,
    rating_of,
    shown,
    shown_column,
)
from critc.compiler.io.values import band_output as band_output  # report.explain uses it here
from critc.compiler.model import framework as m
from critc.compiler.report import across
from critc.compiler.report.wording import plural
from rich.console import Console
from rich.table import Table
from rich.text import Text


def depth_of(fw: m.Framework, node: str) -> int:
    depth = 0
    parent = fw.questions[node].parent if node in fw.questions else \
        fw.aggregates[node].parent if node in fw.aggregates else None
    while parent is not None:
        depth += 1
        parent = fw.aggregates[parent].parent
    return depth


FIGURE_WIDTH = 30  # the score table's figure column at least, in characters
OTHER_COLUMNS = 20  # its score and cases columns and its rules


def title_of(fw: m.Framework, node: str) -> str:
    """`criterion 1.1  Preparing for sentence`; a question compactly, as its id and wording
    (`1.1a  Was the report of the appropriate type?`)."""
    if node in fw.questions:
        q = fw.questions[node]
        return node + (f"  {q.text}" if q.text else "")
    agg = fw.aggregates[node]
    return f"{agg.kind} {node}" + (f"  {agg.title}" if agg.title else "")


def output_figures(results: Results, questions: bool = True) -> list[str]:
    """The figures outputs show, in plan order: never applications; questions only if
    `questions` (`--hide-questions` leaves them out)."""
    fw = results.plan.framework
    return [node for node in results.plan.figures
            if node not in fw.applications and (questions or node not in fw.questions)]


def rows(results: Results, g: int, questions: bool = True):
    for node in output_figures(results, questions):
        value = results.values[node][g]
        cases = int(results.cases[node][g]) if node in results.cases else None
        yield node, value, cases


def print_tables(console: Console, results: Results, questions: bool = True,
                 notes: list[str] | None = None) -> None:
    """One table per inspection; `notes[g]`, if given, is added to inspection g's caption
    (a version directory names the version that scored it)."""
    fw = results.plan.framework
    header = fw.header
    name = header.name or "framework"
    if header.version:
        name += f" (version {header.version})"
    for g, key in enumerate(results.grouping.keys):
        what = f"{results.grouping.by} = {key}" if results.grouping.by else key
        table = Table(title=Text(f"{name}: {what}", style="bold"), title_justify="left",
                      caption=plural(int(results.case_totals[g]), "case")
                      + (f"; {notes[g]}" if notes else ""), caption_justify="left")
        # one line per figure: a long title or question wording ends in `…`, never wraps
        table.add_column("Figure", no_wrap=True, overflow="ellipsis",
                         max_width=max(FIGURE_WIDTH, (console.width - OTHER_COLUMNS) // 2))
        table.add_column("Score", justify="right", no_wrap=True, min_width=5)
        table.add_column("Band / rating", overflow="fold")
        table.add_column("Cases", justify="right", no_wrap=True, min_width=5)
        for node, value, cases in rows(results, g, questions):
            indent = "  " * depth_of(fw, node)
            title = title_of(fw, node)
            style = "" if node in fw.questions else "bold"
            kind = fw.figure_type(node).kind
            score = shown(fw, node, value) if kind not in ("rating", "label") else ""
            band = "; ".join(label for _, label in labels_for(results, node, g))
            if kind in ("rating", "label"):
                band = shown(fw, node, value)
            table.add_row(Text(indent + title, style=style), score, band,
                          "" if cases is None else str(cases))
        console.print(table)
        console.print()
    across.print_table(console, results, name,
                       max(FIGURE_WIDTH, (console.width - OTHER_COLUMNS) // 2))


SCHEMA_ID = "urn:critc:schema:results-1"  # the JSON Schema the JSON output follows


def rounded(fw: m.Framework, node: str, value) -> float | None:
    """A score or number rounded as the framework declares it is shown (a score stays a
    fraction: 69.57% to whole percent is 0.7); None when undefined or not a number."""
    kind = fw.figure_type(node).kind
    if not defined(value) or kind not in ("score", "number"):
        return None
    rounding = fw.rounding_of(node)
    round_ = runtime.ROUNDING[rounding.mode]
    if kind == "score":
        return float(round_(value * 100, rounding.places)) / 100
    return float(round_(value, rounding.places))


def figure_json(results: Results, node: str, g: int) -> dict:
    """One figure of inspection `g` as JSON output shows it."""
    fw = results.plan.framework
    value = results.values[node][g]
    type_ = fw.figure_type(node).kind
    entry: dict = {"kind": "question" if node in fw.questions else fw.aggregates[node].kind,
                   "type": type_,
                   "value": number_of(fw, node, value),
                   "rounded": rounded(fw, node, value),
                   "shown": shown(fw, node, value)}
    if type_ == "rating":
        entry["rating"], entry["points"] = rating_of(fw, node, value)
        entry["rounded"] = entry["points"]
    if type_ == "label":
        entry["label"] = None if not defined(value) else entry["shown"]
    if node in fw.questions:
        q = results.plan.question(node)
        entry["numerator"] = int(results.numerators[g, q.index])
        entry["denominator"] = int(results.denominators[g, q.index])
        entry["missing"] = int(results.missing[g, q.index])
    if node in results.cases:
        entry["cases"] = int(results.cases[node][g])
    bands = labels_for(results, node, g)
    if bands:
        entry["bands"] = {band: (None if label == NA else label) for band, label in bands}
    return entry


def inspections_json(results: Results, questions: bool = True) -> list[dict]:
    """Each inspection with its case count and figures, as JSON output shows them."""
    inspections = []
    for g, key in enumerate(results.grouping.keys):
        figures = {node: figure_json(results, node, g)
                   for node in output_figures(results, questions)}
        inspections.append({"inspection": key, "cases": int(results.case_totals[g]),
                            "figures": figures})
    return inspections


def framework_json(header: m.Header) -> dict:
    return {"name": header.name, "version": header.version,
            "effective_from": header.effective_from.isoformat() if header.effective_from
            else None,
            "effective_to": header.effective_to.isoformat() if header.effective_to else None}


def as_json(results: Results, questions: bool = True) -> str:
    """The JSON output of `critc score`: it follows the schema `SCHEMA_ID`
    (api/schema/results-1.json, docs/results-schema.md); without `questions`, aggregates
    only. Figures across inspections, if the framework has any, follow the inspections."""
    payload = {
        "schema": SCHEMA_ID,
        "framework": framework_json(results.plan.framework.header),
        "grouped_by": results.grouping.by,
        "inspections": inspections_json(results, questions),
    }
    combined = across.as_json(results, rounded)
    if combined is not None:
        payload["across_inspections"] = combined
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


CSV_HEADER = ["inspection", "figure", "kind", "value", "shown", "bands", "cases", "numerator",
              "denominator"]


def csv_rows(results: Results, questions: bool = True):
    """The long-format rows of `as_csv`, as values (user text not yet escaped). Each
    figure's column is rounded and formatted for every inspection at once."""
    figures = output_figures(results, questions)
    columns = {node: _csv_column(results, node) for node in figures}
    for g, key in enumerate(results.grouping.keys):
        for node in figures:
            kind, numbers, texts, bands, cases, num, den = columns[node]
            number = numbers[g]
            yield [key, node, kind, "" if number is None else repr(number), texts[g],
                   bands[g], cases[g], num[g], den[g]]


def _csv_column(results: Results, node: str) -> tuple:
    """(kind, numbers, shown texts, band texts, cases, numerators, denominators) of a
    figure, each but the kind a list over inspections ("" where a figure has none)."""
    fw = results.plan.framework
    size = results.grouping.size
    kind = "question" if node in fw.questions else fw.aggregates[node].kind
    num: list = [""] * size
    den: list = [""] * size
    if node in fw.questions:
        q = results.plan.question(node)
        num = results.numerators[:, q.index].tolist()
        den = results.denominators[:, q.index].tolist()
    bands = ["; ".join(f"{b}: {label}" for b, label in labels)
             for labels in labels_column(results, node)]
    cases = results.cases[node].tolist() if node in results.cases else [""] * size
    values = results.values[node]
    return (kind, number_column(fw, node, values), shown_column(fw, node, values), bands,
            cases, num, den)


def escaped_rows(results: Results, questions: bool = True) -> list:
    """The rows of `csv_rows`, every text cell escaped (`io.spreadsheet.cell_text`), made a
    figure's column at a time: row g·F + i is inspection g's figure i."""
    figures = output_figures(results, questions)
    escape = Escaper()
    keys = escape.column(list(results.grouping.keys))
    rows: list = [None] * (len(keys) * len(figures))
    for i, node in enumerate(figures):
        kind, numbers, texts, bands, cases, num, den = _csv_column(results, node)
        numbers = escape.column(["" if x is None else repr(x) for x in numbers])
        rows[i::len(figures)] = zip(keys, repeat(escape.text(node)), repeat(escape.text(kind)),
                                    numbers, escape.column(texts), escape.column(bands),
                                    cases, num, den)
    return rows


def as_csv(results: Results, questions: bool = True) -> str:
    """One row per inspection and figure (questions only if `questions`); text cells escaped
    against formula injection."""
    return csv_text([CSV_HEADER]) + escaped_csv(escaped_rows(results, questions)) + \
        csv_text(across.csv_rows(results))
