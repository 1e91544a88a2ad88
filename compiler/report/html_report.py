"""The results report (`critc report`): one self-contained HTML file of every inspection's
figures, for people to read, print and forward.

Per inspection: the headline figures and ratings first, then each top-level section with a
bar chart of its criteria (or standards) coloured by band, its table (rounded as published
and unrounded, counts, n/a explained), and a drill-down for every figure; then, when there
are several inspections, one chart per headline figure comparing them. A framework with
figures `across inspections` gets a section for them first (`across_section.py`): their
values, a chart, and a drill-down giving every inspection's value; each inspection's
drill-down of a figure they combine links to them.

The HTML comes from the Jinja2 templates in `templates/` with autoescaping on; the charts
are matplotlib's SVG (`charts.py`), the one markup inserted as it is. No scripts, no
network, no timestamps: the same input gives the same bytes.
"""

from __future__ import annotations

from importlib import resources

import attrs
import jinja2
import networkx as nx
import numpy as np
from critc.compiler.engine.evaluate import Results
from critc.compiler.model import framework as m
from critc.compiler.report import charts
from critc.compiler.report.across_section import AcrossFigure, across_figures, combined_in
from critc.compiler.report.drill_down import DrillDown, drill_down
from critc.compiler.report.explain import Explainer
from critc.compiler.report.figure_rows import FigureRow, depth_rows, figure_row
from critc.compiler.report.site import slug
from critc.compiler.report.wording import plural
from markupsafe import Markup

PLURALS = {"criterion": "criteria", "summary": "summaries"}


@attrs.frozen(kw_only=True)
class Part:
    """Inspections scored by one framework: their results, an explainer when the case
    records are at hand, and a note per inspection (the version that scored it)."""

    results: Results
    graph: nx.DiGraph
    explainer: Explainer | None = None
    inputs: dict[str, np.ndarray] = attrs.field(factory=dict)
    notes: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class Chart:
    svg: Markup
    caption: str
    alt: str  # the chart in words
    rows: tuple[FigureRow, ...]  # the table behind it
    anchor: str


@attrs.frozen(kw_only=True)
class Section:
    row: FigureRow
    charts: tuple[Chart, ...]
    rows: tuple[FigureRow, ...]


@attrs.frozen(kw_only=True)
class Inspection:
    key: str
    heading: str  # `area = Ashford`
    anchor: str
    cases: int
    note: str | None
    framework: str
    headlines: tuple[FigureRow, ...]
    sections: tuple[Section, ...]
    drills: dict[str, DrillDown]
    # the figures across inspections combining a figure: {figure: ((href, name), ...)}
    across_uses: dict[str, tuple[tuple[str, str], ...]] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class AcrossSection:
    """The figures across the inspections of one framework (of one version)."""

    anchor: str  # `x1`
    heading: str  # `Across all 6 inspections`
    framework: str
    cases: int
    figures: tuple[AcrossFigure, ...]
    charts: tuple[Chart, ...]


@attrs.frozen(kw_only=True)
class Comparison:
    title: str
    chart: Chart
    inspections: tuple[tuple[Inspection, FigureRow], ...]
    across: tuple[AcrossFigure, ...] = ()  # figures across inspections of this one alone


def framework_name(fw: m.Framework) -> str:
    name = fw.header.name or "framework"
    return name + (f", version {fw.header.version}" if fw.header.version else "")


def top_level(fw: m.Framework, results: Results) -> list[str]:
    """Figures with no parent, in the framework's order."""
    out = []
    for node in results.plan.figures:
        if node in fw.applications:
            continue
        parent = fw.questions[node].parent if node in fw.questions else \
            fw.aggregates[node].parent
        if parent is None:
            out.append(node)
    return out


def charted_parents(fw: m.Framework, node: str) -> list[str]:
    """`node`, then every aggregate under it with aggregates among its children: each gets
    a chart of its children."""
    out = [node]
    for child in fw.aggregates[node].children:
        if child in fw.aggregates and any(c in fw.aggregates
                                          for c in fw.aggregates[child].children):
            out.extend(charted_parents(fw, child))
    return out


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("critc.compiler.report", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True)


# ----------------------------------------------------------------------------- charts
def bar(row: FigureRow) -> charts.Bar | None:
    """A figure as a bar: a score in percent, a number, a rating by its points."""
    if row.type not in ("score", "number", "rating"):
        return None
    value = None if row.value is None else row.value * (100 if row.type == "score" else 1)
    parts = [row.shown if row.type != "rating" or row.value is None
             else f"{row.shown} ({row.value:g} point{'' if row.value == 1 else 's'})"]
    if row.cases is not None:
        parts.append(f"n={row.cases}")
    if row.band_text:
        parts.append(row.band_text)
    return charts.Bar(label=f"{row.id} {row.title or ''}".strip(), value=value,
                      text=" · ".join(parts), colour=row.colour)


def thresholds(fw: m.Framework, rows: list[FigureRow]) -> list[charts.Threshold]:
    """The lower bounds of the first band of the charted figures."""
    bands = [b.band for r in rows for b in r.bands]
    if not bands:
        return []
    band = fw.bands[bands[0]]
    unit = "%" if band.input_type.kind == "score" else ""
    return [charts.Threshold(row.low, f"{row.low:g}{unit}") for row in band.rows
            if not row.otherwise and row.low is not None]


def alt_text(caption: str, rows: list[FigureRow]) -> str:
    items = []
    for row in rows:
        text = f"{row.name}: {row.shown}"
        if row.band_text:
            text += f" ({row.band_text})"
        if row.cases is not None:
            text += f", {plural(row.cases, 'case')}"
        items.append(text)
    return f"{caption}. " + "; ".join(items) + "."


def most_points(fw: m.Framework, nodes: list[str]) -> float | None:
    """The most points a rating among `nodes` can have (None: not all ratings)."""
    types = [fw.figure_type(n) for n in nodes]
    if not types or any(t.kind != "rating" for t in types):
        return None
    points = [p for t in types for p in fw.rating_scales[t.scale_id].points.values()
              if p is not None]
    return max(points, default=None)


def chart(fw: m.Framework, rows: list[FigureRow], caption: str, anchor: str,
          nodes: list[str] | None = None) -> Chart | None:
    """A chart of `rows` (figures `nodes`, when rows stand for inspections)."""
    bars = [(r, b) for r in rows if (b := bar(r)) is not None]
    if not bars:
        return None
    kept = [r for r, _ in bars]
    unit = "%" if all(r.type == "score" for r in kept) else ""
    svg = charts.bar_chart([b for _, b in bars], thresholds(fw, kept) if unit == "%" else [],
                           unit, salt=anchor,
                           limit=most_points(fw, nodes or [r.id for r in kept]))
    return Chart(svg=Markup(svg), caption=caption, alt=alt_text(caption, kept),
                 rows=tuple(kept), anchor=anchor)


# ----------------------------------------------------------------------------- inspections
def section(part: Part, node: str, g: int, anchor: str, key: str) -> Section:
    fw = part.results.plan.framework
    results = part.results
    made = []
    for parent in charted_parents(fw, node):
        rows = [figure_row(results, c, g, 1, part.graph, part.inputs)
                for c in fw.aggregates[parent].children if c in results.values]
        kinds = sorted({PLURALS.get(r.kind, r.kind + "s") for r in rows})
        caption = f"{' and '.join(kinds).capitalize()} of {fw.kind_of(parent)} {parent}" \
                  f" in {key}"
        made.append(chart(fw, rows, caption, f"{anchor}-chart-{slug(parent)}"))
    return Section(row=figure_row(results, node, g, 0, part.graph, part.inputs),
                   charts=tuple(c for c in made if c is not None),
                   rows=tuple(depth_rows(results, node, g, part.graph, part.inputs)))


def inspection(part: Part, g: int, anchor: str, across: str) -> Inspection:
    """Inspection `g` of `part`, anchored at `anchor`; its figures across inspections are
    anchored under `across`."""
    results = part.results
    fw = results.plan.framework
    key = results.grouping.keys[g]
    tops = top_level(fw, results)
    drills = {}
    for node in results.plan.figures:
        if node in fw.applications:
            continue
        inputs = tuple(n for n in sorted(part.graph.predecessors(node),
                                         key=lambda n: part.graph.nodes[n]["order"])
                       if n in results.values and n not in fw.applications)
        drills[node] = drill_down(fw, node, g, inputs, part.explainer)
    by = results.grouping.by
    return Inspection(
        key=key, heading=f"{by} = {key}" if by else key, anchor=anchor,
        cases=int(results.case_totals[g]), note=part.notes.get(key),
        framework=framework_name(fw),
        headlines=tuple(figure_row(results, n, g, 0, part.graph, part.inputs) for n in tops),
        sections=tuple(section(part, n, g, anchor, key) for n in tops
                       if n in fw.aggregates and fw.aggregates[n].children),
        drills=drills, across_uses=_across_uses(part, across))


def _across_uses(part: Part, prefix: str) -> dict[str, tuple[tuple[str, str], ...]]:
    fw = part.results.plan.framework
    if not fw.across:
        return {}
    out = {}
    for node in part.results.values:
        uses = combined_in(fw, part.graph, node)
        if uses:
            out[node] = tuple((f"#{prefix}-{slug(n)}", f"{fw.kind_of(n)} {n}") for n in uses)
    return out


def across_section(part: Part, inspections: list[Inspection], anchor: str
                   ) -> AcrossSection | None:
    """The figures across `inspections`, those of `part` (None: it declares none)."""
    results = part.results
    figures = across_figures(results, part.graph, [i.heading for i in inspections],
                             [i.anchor for i in inspections], anchor)
    if not figures:
        return None
    fw = results.plan.framework
    heading = f"Across all {len(inspections)} inspections" if len(inspections) != 1 else \
        "Across 1 inspection"
    by_type = [[f.row for f in figures if f.row.type == t] for t in ("score", "number",
                                                                        "rating")]
    groups = [rows for rows in by_type if rows]
    made = []
    for rows in groups:
        what = f" ({PLURALS.get(rows[0].type, rows[0].type + 's')})" if len(groups) > 1 else ""
        made.append(chart(fw, rows, f"Figures across inspections{what}",
                          f"{anchor}-chart-{rows[0].type}"))
    return AcrossSection(anchor=anchor, heading=heading, framework=framework_name(fw),
                         cases=sum(i.cases for i in inspections), figures=figures,
                         charts=tuple(c for c in made if c is not None))


def comparisons(inspections: list[Inspection], fw: m.Framework,
                across: list[AcrossSection]) -> list[Comparison]:
    """One chart per headline figure, the inspections side by side (with the figures
    across inspections that combine it alone)."""
    if len(inspections) < 2:
        return []
    out = []
    for headline in inspections[0].headlines:
        pairs = [(i, r) for i in inspections for r in i.headlines if r.id == headline.id]
        rows = [attrs.evolve(r, id=i.key, kind="inspection", title=None) for i, r in pairs]
        title = f"{headline.kind} {headline.id}" + \
            (f" {headline.title}" if headline.title else "")
        made = chart(fw, rows, f"{title}, by inspection", f"compare-{slug(headline.id)}",
                     [headline.id])
        combining = tuple(f for sec in across for f in sec.figures if f.kind != "formula"
                          and [c.figure for c in f.combined] == [headline.id])
        if made is not None:
            out.append(Comparison(title=title, chart=made, inspections=tuple(pairs),
                                  across=combining))
    return out


# ----------------------------------------------------------------------------- page
def report_html(parts: list[Part], sources: list[str]) -> bytes:
    """The report of every inspection of `parts`, in order; `sources` names the files it
    was made from (for its footer)."""
    inspections: list[Inspection] = []
    across: list[AcrossSection] = []
    for p, part in enumerate(parts, start=1):
        first = len(inspections)
        for g in range(len(part.results.grouping.keys)):
            inspections.append(inspection(part, g, f"i{len(inspections) + 1}", f"x{p}"))
        combined = across_section(part, inspections[first:], f"x{p}")
        if combined is not None:
            across.append(combined)
    fw = parts[0].results.plan.framework
    style = (resources.files("critc.compiler.report") / "templates" / "report.css")
    page = environment().get_template("report.html").render(
        title=framework_name(fw), fw=fw, inspections=inspections, across=across,
        comparisons=comparisons(inspections, fw, across), sources=sources,
        style=Markup(style.read_text(encoding="utf-8")), slug=slug)
    return page.encode()
