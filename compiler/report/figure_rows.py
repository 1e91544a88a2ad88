"""Figures as the results report's tables show them (`critc report`, and the summary sheets
of `critc score --format xlsx`): the rounded figure as published beside the unrounded
value, counts, each band's label with its rank and colour, and why a figure is n/a.

Plain data: no HTML, no workbook. User text (titles, labels) is left as it is; the
template escapes it for HTML and `io.spreadsheet.cell_text` for spreadsheets.
"""

from __future__ import annotations

import math

import attrs
import networkx as nx
import numpy as np
from critc.compiler.engine.evaluate import Results
from critc.compiler.io.values import NA, defined, shown, value_of
from critc.compiler.model import framework as m
from critc.compiler.report.charts import NO_BAND, level_colour
from critc.compiler.report.plain_english import condition_text, join_words
from critc.compiler.report.results import number_of, rounded


@attrs.frozen(kw_only=True)
class BandMark:
    """One band's label beside a figure."""

    band: str
    title: str | None
    label: str | None  # None when the figure is undefined
    rank: int | None  # 0 = the best of the band's rows
    colour: str


@attrs.frozen(kw_only=True)
class FigureRow:
    id: str
    kind: str  # question, criterion, section, thread, score, rating, ...
    type: str  # score, number, rating or label
    title: str | None
    depth: int  # under the figure its table starts from
    shown: str  # as published: `72%`, `Good`, `n/a`
    unrounded: str | None  # `71.67%`; None when undefined or not a number
    value: float | None  # a score as a fraction, a number, a rating's points
    rounded: float | None  # as published, as a number (a score as a fraction)
    places: int  # decimal places it is published with
    bands: tuple[BandMark, ...]
    colour: str  # its first band's colour, a rating's level colour, or NO_BAND
    numerator: int | None = None
    denominator: int | None = None
    missing: int | None = None
    cases: int | None = None
    na_reason: str | None = None

    @property
    def band_text(self) -> str:
        return "; ".join(b.label for b in self.bands if b.label is not None)

    @property
    def name(self) -> str:
        """`criterion 1.1 Preparing for sentence`."""
        return f"{self.kind} {self.id}" + (f" {self.title}" if self.title else "")


def band_ranks(band: m.Band) -> list[int]:
    """Each row's rank (in `ordered_rows` order; 0 = best): by lower bound, highest first,
    `otherwise` last."""
    rows = band.ordered_rows
    lows = [-math.inf if r.otherwise or r.low is None else r.low for r in rows]
    order = sorted(range(len(rows)), key=lambda i: (-lows[i], i))
    return [order.index(i) for i in range(len(rows))]


def band_marks(results: Results, node: str, g: int) -> tuple[BandMark, ...]:
    fw = results.plan.framework
    marks = []
    for app in fw.applied_to(node):
        band = fw.bands[app.band]
        value = value_of(results, app.id, g)
        if not defined(value):
            marks.append(BandMark(band=band.id, title=band.title, label=None, rank=None,
                                  colour=NO_BAND))
            continue
        rank = band_ranks(band)[int(value)]
        marks.append(BandMark(band=band.id, title=band.title,
                              label=shown(fw, app.id, value), rank=rank,
                              colour=level_colour(rank, len(band.rows))))
    return tuple(marks)


def figure_colour(fw: m.Framework, node: str, value, marks: tuple[BandMark, ...]) -> str:
    if marks:
        return marks[0].colour
    type_ = fw.figure_type(node)
    if type_.kind == "rating" and defined(value):
        levels = fw.rating_scales[type_.scale_id].levels
        return level_colour(int(value), len(levels))
    return NO_BAND


def unrounded_text(kind: str, value) -> str | None:
    if not defined(value) or kind not in ("score", "number"):
        return None
    if kind == "score":
        return f"{value * 100:.2f}%"
    return f"{value:.4f}".rstrip("0").rstrip(".")


def figure_row(results: Results, node: str, g: int, depth: int = 0,
               graph: nx.DiGraph | None = None,
               inputs: dict[str, np.ndarray] | None = None) -> FigureRow:
    """Figure `node` of inspection `g`; with the dependency graph (and the inspection
    inputs), an n/a figure says why."""
    fw = results.plan.framework
    value = value_of(results, node, g)  # a figure across inspections: its one value
    type_ = fw.figure_type(node).kind
    marks = band_marks(results, node, g)
    title = fw.questions[node].text if node in fw.questions else \
        (fw.aggregates.get(node) or fw.across[node]).title
    counts: dict[str, int] = {}
    if node in fw.questions:
        q = results.plan.question(node)
        counts = {"numerator": int(results.numerators[g, q.index]),
                  "denominator": int(results.denominators[g, q.index]),
                  "missing": int(results.missing[g, q.index])}
    if node in results.cases:
        counts["cases"] = int(results.cases[node][g])
    if node in results.across.cases:
        counts["cases"] = results.across.cases[node]
    reason = None
    if not defined(value) and graph is not None and not fw.is_across(node):
        reason = na_reason(results, node, g, graph, inputs or {})
    return FigureRow(
        id=node, kind=fw.kind_of(node), type=type_, title=title, depth=depth,
        shown=shown(fw, node, value), unrounded=unrounded_text(type_, value),
        value=number_of(fw, node, value), rounded=rounded(fw, node, value),
        places=fw.rounding_of(node).places, bands=marks,
        colour=figure_colour(fw, node, value, marks), na_reason=reason, **counts)


def input_missing(values: np.ndarray, g: int) -> bool:
    """Whether inspection `g` has no value for an input (NaN; -1 for a coded input)."""
    if np.issubdtype(values.dtype, np.integer):
        return bool(values[g] < 0)
    return not defined(float(values[g]))


def na_reason(results: Results, node: str, g: int, graph: nx.DiGraph,
              inputs: dict[str, np.ndarray]) -> str:
    """Why figure `node` is undefined in inspection `g`, in words."""
    fw = results.plan.framework
    if node in fw.questions:
        return _question_na(results, fw.questions[node], g)
    missing_inputs = [n for n in graph.predecessors(node)
                      if n in fw.fields and fw.fields[n].origin == "inspection"
                      and n in inputs and input_missing(inputs[n], g)]
    undefined = [n for n in graph.predecessors(node) if n in results.values
                 and n not in fw.applications and not defined(results.values[n][g])]
    reasons = []
    if missing_inputs:
        names = join_words([f"`{n}`" for n in missing_inputs])
        reasons.append(f"the inspection input {names} is missing")
    if undefined:
        names = join_words([f"{fw.kind_of(n)} {n}" for n in undefined])
        verb = "is" if len(undefined) == 1 else "are"
        reasons.append(f"{names} {verb} {NA}")
    if not reasons:
        return "none of the figures it is computed from has a value in this inspection"
    return "; ".join(reasons)


def _question_na(results: Results, q: m.Question, g: int) -> str:
    index = results.plan.question(q.id).index
    blank = int(results.missing[g, index])
    if blank:
        return f"no applicable case was answered: {blank} left blank"
    if q.applies is not None:
        return ("no case counts: none meets its condition (it applies when "
                f"{condition_text(q.applies, results.plan.framework)}) with an answer "
                "other than not applicable")
    return "no case counts: every answer was not applicable"


def depth_rows(results: Results, node: str, g: int, graph: nx.DiGraph,
               inputs: dict[str, np.ndarray] | None = None,
               depth: int = 0) -> list[FigureRow]:
    """`node` and everything under it, depth first, in declaration order."""
    fw = results.plan.framework
    out = [figure_row(results, node, g, depth, graph, inputs)]
    if node in fw.aggregates:
        for child in fw.aggregates[node].children:
            if child in results.values:
                out.extend(depth_rows(results, child, g, graph, inputs, depth + 1))
    return out
