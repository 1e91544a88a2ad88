"""The evaluation plan: the checked model flattened, once, into what a back end executes.

The same plan drives the NumPy engine, the generated scoring module and `critc diff`:
questions with their answer-code tables and applicability conditions, every figure as one
step in dependency order, and each band as a table of thresholds.
"""

from __future__ import annotations

import math

import attrs
import networkx as nx
from critc.compiler.check import graph as graphs
from critc.compiler.model import framework as m
from critc.dsl.span import Span


@attrs.frozen(kw_only=True)
class QuestionPlan:
    id: str
    index: int  # column in the answer matrix
    scale: str
    codes: tuple[str, ...]
    above: tuple[int, ...]  # code indices that count as above the line
    not_applicable: tuple[int, ...]
    condition: m.Expr | None
    span: Span


@attrs.frozen(kw_only=True)
class BandTable:
    id: str
    lows: tuple[float, ...]  # display units; -inf for an open end
    low_inclusive: tuple[bool, ...]
    highs: tuple[float, ...]  # +inf for an open end
    high_inclusive: tuple[bool, ...]
    otherwise: int  # index of the `otherwise` row, or -1
    outputs: tuple[str, ...]  # per row: a label, or a rating level id
    rounding: m.Rounding
    percent: bool  # the band reads scores: compare value × 100
    gives: str | None
    span: Span


@attrs.frozen(kw_only=True)
class Step:
    """One figure computed per inspection: an aggregate's formula, or a band label."""

    node: str
    kind: str
    expr: m.Expr
    type: m.Type
    span: Span


@attrs.frozen(kw_only=True)
class Plan:
    framework: m.Framework
    questions: tuple[QuestionPlan, ...]
    steps: tuple[Step, ...]
    bands: dict[str, BandTable]
    questions_of: dict[str, tuple[str, ...]]  # figure → every question it is built from
    figures: tuple[str, ...]  # questions, aggregates and band labels in report order
    by_id: dict[str, QuestionPlan] = attrs.field(eq=False, repr=False)

    def question(self, qid: str) -> QuestionPlan:
        return self.by_id[qid]


def build_plan(fw: m.Framework, graph: nx.DiGraph, order: tuple[str, ...]) -> Plan:
    questions = []
    for index, q in enumerate(fw.questions.values()):
        scale = fw.scales[q.scale]
        questions.append(QuestionPlan(
            id=q.id, index=index, scale=scale.id, codes=scale.codes,
            above=tuple(i for i, c in enumerate(scale.codes) if c in scale.above),
            not_applicable=tuple(i for i, c in enumerate(scale.codes)
                                 if c in scale.not_applicable),
            condition=q.applies, span=q.span))
    steps = []
    for node in order:
        if node in fw.aggregates:
            agg = fw.aggregates[node]
            steps.append(Step(node=node, kind=agg.kind, expr=agg.formula, type=agg.type,
                              span=agg.span))
        elif node in fw.applications:
            app = fw.applications[node]
            band = fw.bands[app.band]
            target = m.FigureRef(node=app.target, type=fw.figure_type(app.target),
                                 span=app.span)
            steps.append(Step(node=node, kind="band label",
                              expr=m.BandOf(band=app.band, operand=target,
                                            type=band.output_type, span=app.span),
                              type=band.output_type, span=app.span))
    bands = {b.id: band_table(b) for b in fw.bands.values()}
    questions_of = {}
    for node in list(fw.aggregates) + list(fw.applications):
        ancestors = nx.ancestors(graph, node)
        questions_of[node] = tuple(q for q in fw.questions if q in ancestors)
    figures = tuple(n for n in order if n in fw.questions or n in fw.aggregates
                    or n in fw.applications)
    report_order = sorted(figures, key=lambda n: graph.nodes[n]["order"])
    return Plan(framework=fw, questions=tuple(questions), steps=tuple(steps), bands=bands,
                questions_of=questions_of, figures=tuple(report_order),
                by_id={q.id: q for q in questions})


def band_table(band: m.Band) -> BandTable:
    rows = [r for r in band.rows if not r.otherwise]
    others = [i for i, r in enumerate(band.rows) if r.otherwise]
    ordered = rows + [band.rows[others[0]]] if others else rows
    return BandTable(
        id=band.id,
        lows=tuple(r.low if r.low is not None else -math.inf for r in rows),
        low_inclusive=tuple(r.low_inclusive for r in rows),
        highs=tuple(r.high if r.high is not None else math.inf for r in rows),
        high_inclusive=tuple(r.high_inclusive for r in rows),
        otherwise=len(rows) if others else -1,
        outputs=tuple(r.output for r in ordered),
        rounding=band.rounding, percent=band.input_type.kind == "score", gives=band.gives,
        span=band.span)


def plan_for(result) -> Plan:
    """The plan of a clean `CheckResult`."""
    return build_plan(result.framework, result.graph, result.order)


__all__ = ["Plan", "QuestionPlan", "Step", "BandTable", "build_plan", "plan_for", "graphs"]
