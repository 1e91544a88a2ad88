"""One figure of one inspection as a small typed record, and the tidy table of them all."""

from __future__ import annotations

import attrs
import pyarrow as pa
from critc.compiler.engine.evaluate import Results
from critc.compiler.report import across
from critc.compiler.report import results as report


@attrs.frozen(kw_only=True)
class Figure:
    """A figure (question, criterion, section, thread, score, rating, ...) in one
    inspection. `value` is unrounded (a score as a fraction, a rating as its points);
    `rounded` and `shown` are as the framework declares it is reported."""

    id: str
    inspection: str
    kind: str  # question, criterion, section, thread, score, number, rating, label, ...
    type: str  # score, number, rating or label
    title: str | None
    value: float | None  # None when undefined
    rounded: float | None
    shown: str  # "72%", "Good", "n/a"
    rating: str | None = None  # a rating's label
    points: float | None = None  # a rating's points (None if its scale declares none)
    label: str | None = None  # a label figure's text
    bands: dict[str, str | None] = attrs.field(factory=dict)  # band id → label
    numerator: int | None = None  # questions: answers above the line
    denominator: int | None = None  # questions: applicable, answered cases
    missing: int | None = None  # questions: applicable but blank
    cases: int | None = None  # cases the figure counted


def figure_record(results: Results, node: str, g: int) -> Figure:
    fw = results.plan.framework
    entry = report.figure_json(results, node, g)
    title = fw.questions[node].text if node in fw.questions else fw.aggregates[node].title
    return Figure(id=node, inspection=results.grouping.keys[g], kind=entry["kind"],
                  type=entry["type"], title=title, value=entry["value"],
                  rounded=entry["rounded"], shown=entry["shown"],
                  rating=entry.get("rating"), points=entry.get("points"),
                  label=entry.get("label"), bands=entry.get("bands", {}),
                  numerator=entry.get("numerator"), denominator=entry.get("denominator"),
                  missing=entry.get("missing"), cases=entry.get("cases"))


def across_record(results: Results, node: str) -> Figure:
    """A figure declared `across inspections`: one value for every inspection together,
    its inspection `all inspections` (as in `critc score --format csv`)."""
    entry = across.figure_json(results, node, report.rounded)
    return Figure(id=node, inspection=across.ALL, kind=entry["kind"], type=entry["type"],
                  title=results.plan.framework.across[node].title, value=entry["value"],
                  rounded=entry["rounded"], shown=entry["shown"],
                  rating=entry.get("rating"), points=entry.get("points"),
                  label=entry.get("label"), bands=entry.get("bands", {}),
                  cases=entry.get("cases"))


def figure_ids(results: Results) -> list[str]:
    """Every reported figure, in the framework's order (bands are reported beside theirs)."""
    fw = results.plan.framework
    return [node for node in results.plan.figures if node not in fw.applications]


TIDY = pa.schema([
    ("inspection", pa.string()), ("figure", pa.string()), ("kind", pa.string()),
    ("type", pa.string()), ("value", pa.float64()), ("rounded", pa.float64()),
    ("shown", pa.string()), ("band", pa.string()), ("rating", pa.string()),
    ("points", pa.float64()), ("numerator", pa.int64()), ("denominator", pa.int64()),
    ("cases", pa.int64()),
])


def band_text(figure: Figure) -> str | None:
    """A label figure's text, or the labels of the bands applied to a figure (`; `)."""
    if figure.type == "label":
        return figure.label
    labels = [label for label in figure.bands.values() if label is not None]
    return "; ".join(labels) if labels else None


def tidy_table(results: Results) -> pa.Table:
    """One row per inspection and figure (the columns of TIDY), then one per figure across
    inspections, whose inspection is `all inspections`."""
    records = [figure_record(results, node, g) for g in range(len(results.grouping.keys))
               for node in figure_ids(results)]
    records += [across_record(results, node) for node in across.across_figures(results)]
    columns: dict[str, list] = {name: [] for name in TIDY.names}
    for f in records:
        row = {"inspection": f.inspection, "figure": f.id, "kind": f.kind,
               "type": f.type, "value": f.value, "rounded": f.rounded, "shown": f.shown,
               "band": band_text(f), "rating": f.rating, "points": f.points,
               "numerator": f.numerator, "denominator": f.denominator, "cases": f.cases}
        for name, value in row.items():
            columns[name].append(value)
    return pa.table(columns, schema=TIDY)
