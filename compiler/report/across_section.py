"""The results report's section "Across inspections": each figure declared `across
inspections` with its value, band or rating, how it combines the inspections (mean of,
pooled over, min, max, count, sum; strict or skipping undefined), how many inspections it
covered and which had no value, and a drill-down giving every inspection's value with a
link to that inspection's figure.

Plain data (`critc report` renders it with `templates/report.html`); the values come from
`across_values.py`, which `critc explain` prints too.
"""

from __future__ import annotations

import attrs
import networkx as nx
from critc.compiler.engine.evaluate import Results
from critc.compiler.model import framework as m
from critc.compiler.model.text import expression_text
from critc.compiler.report.across_values import (
    Combination,
    Pooled,
    across_leaves,
    combinations,
    pooled_figures,
)
from critc.compiler.report.figure_rows import FigureRow, figure_row
from critc.compiler.report.plain_english import formula_text
from critc.compiler.report.site import slug
from critc.compiler.report.wording import plural

KIND_WORDS = {"mean": "mean of", "sum": "sum of", "min": "min of", "max": "max of",
              "count": "count of", "pooled": "pooled over"}


@attrs.frozen(kw_only=True)
class InspectionLink:
    heading: str  # `area = Ashford`
    href: str  # `#i1-1.1`: the figure's drill-down in that inspection
    shown: str
    defined: bool


@attrs.frozen(kw_only=True)
class Combined:
    """One `... across inspections` of a figure's formula, for the drill-down."""

    words: str  # `mean of criterion 1.1 over 6 inspections (undefined if any inspection's is)`
    figure: str
    name: str  # `criterion 1.1`
    function: str
    result: str
    cases: int | None
    inspections: tuple[InspectionLink, ...]


@attrs.frozen(kw_only=True)
class AcrossFigure:
    row: FigureRow
    anchor: str
    kind: str  # `mean of`, `pooled over`, ... (`, skipping undefined`); `formula` otherwise
    formula_words: str | None
    formula_notation: str | None
    where: str  # `rules/x.crit:12`
    description: str | None
    covered: int  # inspections in which every figure it combines has a value
    total: int
    undefined: tuple[str, ...]  # the headings of the other inspections
    combined: tuple[Combined, ...]
    inputs: tuple[tuple[str, str], ...]  # other figures across inspections it uses: (href, name)

    @property
    def coverage(self) -> str:
        return f"{self.covered} of {plural(self.total, 'inspection')}"

    @property
    def na_reason(self) -> str | None:
        """Why the figure is n/a, when a figure it combines has no value somewhere."""
        if self.row.value is not None or not self.undefined:
            return None
        names = ", ".join(dict.fromkeys(c.name for c in self.combined))
        return f"{names} has no value in {', '.join(self.undefined)}"


def kind_of(fw: m.Framework, node: str) -> str:
    """How the figure combines the inspections, when its formula is one `... across
    inspections` (`mean of, skipping undefined`); else `formula`."""
    formula = fw.across[node].formula
    if not isinstance(formula, m.Across):
        return "formula"
    words = KIND_WORDS[formula.function]
    return words + (", skipping undefined" if formula.skipping else "")


def _combined(c: Combination, headings: list[str], anchors: list[str]) -> Combined:
    if c.pooled:
        cases = f" ({plural(c.cases, 'case')})" if c.cases is not None else ""
        words = f"{c.name} over the cases of every inspection together{cases}"
    else:
        words = f"{c.function} of {c.name} over {plural(len(c.inspections), 'inspection')} " \
            f"({c.rule})"
    links = tuple(InspectionLink(heading=headings[i.g], href=f"#{anchors[i.g]}-{slug(c.figure)}",
                                 shown=i.shown, defined=i.defined) for i in c.inspections)
    return Combined(words=words, figure=c.figure, name=c.name, function=c.function, result=c.result,
                    cases=c.cases, inspections=links)


def across_figure(results: Results, node: str, graph: nx.DiGraph, pooled: Pooled,
                  headings: list[str], anchors: list[str], prefix: str) -> AcrossFigure:
    """Figure `node` across the inspections of `results` (named `headings`, whose sections
    are anchored at `anchors`); its own anchor is `prefix-ID`."""
    fw = results.plan.framework
    agg = fw.across[node]
    made = combinations(results, node, pooled)
    missing = {i.g for c in made for i in c.inspections if not i.defined}
    uses = [n for n in graph.predecessors(node) if n in fw.across]
    return AcrossFigure(
        row=figure_row(results, node, 0), anchor=f"{prefix}-{slug(node)}",
        kind=kind_of(fw, node),
        formula_words=formula_text(agg.formula, fw) if agg.formula is not None else None,
        formula_notation=expression_text(agg.formula, fw) if agg.formula is not None
        else None,
        where=f"{agg.span.path}:{agg.span.line}", description=agg.description,
        covered=len(headings) - len(missing), total=len(headings),
        undefined=tuple(headings[g] for g in sorted(missing)),
        combined=tuple(_combined(c, headings, anchors) for c in made),
        inputs=tuple((f"#{prefix}-{slug(n)}", f"{fw.kind_of(n)} {n}") for n in uses))


def across_figures(results: Results, graph: nx.DiGraph, headings: list[str],
                   anchors: list[str], prefix: str) -> tuple[AcrossFigure, ...]:
    """Every figure across inspections of `results`, in the framework's order."""
    fw = results.plan.framework
    nodes = [n for n in results.plan.across_figures if n in fw.across]
    if not nodes:
        return ()
    pooled = pooled_figures(results) if any(
        leaf.function == "pooled" for n in nodes for leaf in across_leaves(fw, n)) else {}
    return tuple(across_figure(results, n, graph, pooled, headings, anchors, prefix)
                 for n in nodes)


def combined_in(fw: m.Framework, graph: nx.DiGraph, node: str) -> list[str]:
    """The figures across inspections that combine per-inspection figure `node`."""
    return [n for n in graph.successors(node) if n in fw.across]
