"""Figures across inspections in `critc score`'s outputs.

They follow the per-inspection figures: a table headed "across all N inspections" in
text, an `across_inspections` object in JSON (`{"inspections": N, "figures": {...}}`, each
figure as a per-inspection one is shown), and rows whose inspection is `all inspections`
in CSV. A framework without them writes exactly what it wrote before.
"""

from __future__ import annotations

from critc.compiler.engine.evaluate import Results
from critc.compiler.io.values import NA, defined, labels_for, number_of, rating_of, shown
from critc.compiler.model import framework as m
from critc.compiler.report.wording import plural
from rich.console import Console
from rich.table import Table
from rich.text import Text

ALL = "all inspections"  # the inspection column of their CSV rows


def across_figures(results: Results) -> list[str]:
    """The figures across inspections outputs show, in report order (bands beside them)."""
    fw = results.plan.framework
    return [node for node in results.plan.across_figures if node in fw.across]


def labels(results: Results, node: str) -> list[tuple[str, str]]:
    """[(band id, label)] attached with `on` to a figure across inspections."""
    return labels_for(results, node, 0)


def title(fw: m.Framework, node: str) -> str:
    agg = fw.across[node]
    return f"{agg.kind} {node}" + (f"  {agg.title}" if agg.title else "")


def print_table(console: Console, results: Results, name: str, width: int) -> None:
    """The figures across inspections as one more table after the inspections' tables."""
    figures = across_figures(results)
    if not figures:
        return
    fw = results.plan.framework
    count = plural(results.across.inspections, "inspection")
    table = Table(title=Text(f"{name}: across all {count}", style="bold"),
                  title_justify="left", caption=plural(int(results.case_totals.sum()), "case"),
                  caption_justify="left")
    table.add_column("Figure", no_wrap=True, overflow="ellipsis", max_width=width)
    table.add_column("Score", justify="right", no_wrap=True, min_width=5)
    table.add_column("Band / rating", overflow="fold")
    table.add_column("Cases", justify="right", no_wrap=True, min_width=5)
    for node in figures:
        value = results.across.values[node]
        kind = fw.figure_type(node).kind
        score = shown(fw, node, value) if kind not in ("rating", "label") else ""
        band = "; ".join(label for _, label in labels(results, node))
        if kind in ("rating", "label"):
            band = shown(fw, node, value)
        cases = results.across.cases.get(node)
        table.add_row(Text(title(fw, node), style="bold"), score, band,
                      "" if cases is None else str(cases))
    console.print(table)
    console.print()


def figure_json(results: Results, node: str, rounded) -> dict:
    """One figure across inspections as JSON shows it (`rounded` is results.rounded)."""
    fw = results.plan.framework
    value = results.across.values[node]
    type_ = fw.figure_type(node).kind
    entry: dict = {"kind": fw.across[node].kind, "type": type_,
                   "value": number_of(fw, node, value), "rounded": rounded(fw, node, value),
                   "shown": shown(fw, node, value)}
    if type_ == "rating":
        entry["rating"], entry["points"] = rating_of(fw, node, value)
        entry["rounded"] = entry["points"]
    if type_ == "label":
        entry["label"] = None if not defined(value) else entry["shown"]
    if node in results.across.cases:
        entry["cases"] = results.across.cases[node]
    bands = labels(results, node)
    if bands:
        entry["bands"] = {band: (None if label == NA else label) for band, label in bands}
    return entry


def as_json(results: Results, rounded) -> dict | None:
    """The `across_inspections` object of the JSON output; None without such figures."""
    figures = across_figures(results)
    if not figures:
        return None
    return {"inspections": results.across.inspections,
            "figures": {node: figure_json(results, node, rounded) for node in figures}}


def csv_rows(results: Results):
    """CSV rows (as `results.CSV_HEADER`) of the figures across inspections."""
    fw = results.plan.framework
    for node in across_figures(results):
        value = results.across.values[node]
        number = number_of(fw, node, value)
        bands = "; ".join(f"{b}: {label}" for b, label in labels(results, node))
        yield [ALL, node, fw.across[node].kind, "" if number is None else repr(number),
               shown(fw, node, value), bands, results.across.cases.get(node, ""), "", ""]
