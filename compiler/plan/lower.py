"""The evaluation plan: the checked model lowered, once, into what a back end executes.

The same plan drives the NumPy engine, the generated scoring module, explain, coverage
and `critc diff`: questions with their answer-code status tables and lowered
applicability conditions, each distinct condition once as a named boolean step, every
figure as one step of operations (`plan/steps.py`) in dependency order, and each band as
a table of thresholds. Back ends translate the operations; none re-reads the model's
expressions (the reference oracle, deliberately, does).
"""

from __future__ import annotations

import math

import attrs
import networkx as nx
from critc.compiler.check import graph as graphs
from critc.compiler.model import framework as m
from critc.compiler.plan import steps as s
from critc.compiler.plan.conditions import lower_condition
from critc.compiler.plan.figures import counting_above, lower_formula
from critc.dsl.span import Span


@attrs.frozen(kw_only=True)
class QuestionPlan:
    id: str
    index: int  # column in the answer matrix
    scale: str
    codes: tuple[str, ...]
    status: tuple[int, ...]  # per code index: NOT_COUNTED, BELOW or ABOVE (steps.py)
    above: tuple[int, ...]  # code indices that count as above the line
    not_applicable: tuple[int, ...]
    condition: s.Test | None  # lowered applicability condition
    applies: m.Expr | None  # the condition as written (for showing it)
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
    level_codes: tuple[float, ...]  # per row, a band giving ratings: its level index
    rounding: m.Rounding
    percent: bool  # the band reads scores: compare value × 100
    gives: str | None
    span: Span


@attrs.frozen(kw_only=True)
class Step:
    """One figure computed per inspection: an aggregate's formula, or a band label."""

    node: str
    kind: str
    op: s.Op  # the lowered formula
    source: m.Expr  # the formula as written (for showing it)
    type: m.Type
    span: Span
    # an aggregate with `applies when`: where this test is not true (1) the figure is not
    # applicable (undefined where the test is unknown)
    applies: s.Op | None = None

    def ops(self) -> tuple[s.Op, ...]:
        """The formula and the applicability test: everything the step reads."""
        return (self.op,) if self.applies is None else (self.op, self.applies)


@attrs.frozen(kw_only=True)
class Plan:
    framework: m.Framework
    questions: tuple[QuestionPlan, ...]
    scales: dict[str, tuple[int, ...]]  # every scale: the status of each code
    conditions: tuple[s.Applicability, ...]  # each distinct condition once
    steps: tuple[Step, ...]
    bands: dict[str, BandTable]
    questions_of: dict[str, tuple[str, ...]]  # figure → every question it is built from
    figures: tuple[str, ...]  # questions, aggregates and band labels in report order
    by_id: dict[str, QuestionPlan] = attrs.field(eq=False, repr=False)
    # steps computed once over every inspection scored together (`across inspections`)
    across: tuple[Step, ...] = ()
    across_figures: tuple[str, ...] = ()  # their figures in report order
    # questions counted with another above-the-line set by some figure (`counting`)
    recounts: tuple[s.Recount, ...] = ()

    def pooled(self) -> tuple[str, ...]:
        """The per-inspection figures a step across inspections pools over the counts of
        every inspection added up, in evaluation order."""
        wanted = {op.node for step in self.across for op in s.walk_ops(step.op)
                  if isinstance(op, s.AcrossOf) and op.function == "pooled"}
        return tuple(n for n in [q.id for q in self.questions] + [st.node for st in self.steps]
                     if n in wanted)

    def question(self, qid: str) -> QuestionPlan:
        return self.by_id[qid]

    def column(self, qid: str, above: tuple[int, ...] | None) -> int:
        """Where a question's numerators are counted: its own column, or (counted with
        `above` in some figure) its recount's, after the questions'."""
        if above is None:
            return self.by_id[qid].index
        return next(r.column for r in self.recounts if r.question == qid and r.above == above)


def status_of(scale: m.Scale) -> tuple[int, ...]:
    """Per code of `scale`: how a case answered with it counts."""
    return tuple(s.NOT_COUNTED if c in scale.not_applicable else
                 s.ABOVE if c in scale.above else s.BELOW for c in scale.codes)


def question_plans(fw: m.Framework) -> list[QuestionPlan]:
    index = {qid: i for i, qid in enumerate(fw.questions)}
    out = []
    for i, q in enumerate(fw.questions.values()):
        scale = fw.scales[q.scale]
        status = status_of(scale)
        out.append(QuestionPlan(
            id=q.id, index=i, scale=scale.id, codes=scale.codes, status=status,
            above=s.above_codes(status),
            not_applicable=tuple(i for i, c in enumerate(scale.codes)
                                 if c in scale.not_applicable),
            condition=lower_condition(fw, index, q.applies) if q.applies else None,
            applies=q.applies, span=q.span))
    return out


def applicability(questions: list[QuestionPlan]) -> tuple[s.Applicability, ...]:
    """Each distinct lowered condition once, named after the first question it governs."""
    governed: dict[s.Test, list[QuestionPlan]] = {}
    for q in questions:
        if q.condition is not None:
            governed.setdefault(q.condition, []).append(q)
    return tuple(s.Applicability(name=f"applies_{qs[0].id}", test=test,
                                 questions=tuple(q.index for q in qs))
                 for test, qs in governed.items())


def figure_steps(fw: m.Framework, order: tuple[str, ...], across: bool = False) -> list[Step]:
    """The steps per inspection, or (`across`) those computed once over every inspection:
    figures declared `across inspections` and the band labels of those."""
    steps = []
    for node in order:
        if fw.is_across(node) != across:
            continue
        agg = fw.aggregates.get(node) or fw.across.get(node)
        if agg is not None:
            if agg.formula is None:
                raise ValueError(f"aggregate {node} has no formula: the model is not clean")
            applies = lower_formula(fw, agg.applies) if agg.applies is not None else None
            op = lower_formula(fw, agg.formula, counting_above(fw, agg))
            steps.append(Step(node=node, kind=agg.kind, op=op,
                              source=agg.formula, type=agg.type, span=agg.span,
                              applies=applies))
        elif node in fw.applications:
            app = fw.applications[node]
            band = fw.bands[app.band]
            target = m.FigureRef(node=app.target, type=fw.figure_type(app.target),
                                 span=app.span)
            source = m.BandOf(band=app.band, operand=target, type=band.output_type,
                              span=app.span)
            steps.append(Step(node=node, kind="band label", op=lower_formula(fw, source),
                              source=source, type=band.output_type, span=app.span))
    return steps


def build_plan(fw: m.Framework, graph: nx.DiGraph, order: tuple[str, ...]) -> Plan:
    questions = question_plans(fw)
    bands = {b.id: band_table(b, fw) for b in fw.bands.values()}
    questions_of = {}
    for node in list(fw.aggregates) + [a for a in fw.applications if not fw.is_across(a)]:
        ancestors = nx.ancestors(graph, node)
        questions_of[node] = tuple(q for q in fw.questions if q in ancestors)
    figures = tuple(n for n in order if n in fw.questions or n in fw.aggregates
                    or (n in fw.applications and not fw.is_across(n)))
    report_order = sorted(figures, key=lambda n: graph.nodes[n]["order"])
    steps = tuple(figure_steps(fw, order))
    across = tuple(figure_steps(fw, order, across=True))
    across_order = sorted((st.node for st in across), key=lambda n: graph.nodes[n]["order"])
    return Plan(framework=fw, questions=tuple(questions),
                scales={sc.id: status_of(sc) for sc in fw.scales.values()},
                conditions=applicability(questions), steps=steps,
                bands=bands, questions_of=questions_of, figures=tuple(report_order),
                by_id={q.id: q for q in questions}, across=across,
                across_figures=tuple(across_order), recounts=recounts(questions, steps))


def recounts(questions: list[QuestionPlan], steps: tuple[Step, ...]) -> tuple[s.Recount, ...]:
    """Each (question, above-the-line set) some step counts other than its scale does, once,
    in the order the steps first use them."""
    wanted: dict[tuple[str, tuple[int, ...]], None] = {}
    for step in steps:
        for op in s.walk_ops(step.op):
            uses = [(op.node, op.above)] if isinstance(op, s.FigureValue) else \
                [(q, op.above_of(i)) for i, q in enumerate(op.questions)] \
                if isinstance(op, s.Pooled) else []
            for qid, above in uses:
                if above is not None:
                    wanted[qid, above] = None
    by_id = {q.id: q for q in questions}
    return tuple(s.Recount(question=qid, source=by_id[qid].index, above=above,
                           status=_restatus(by_id[qid].status, above),
                           column=len(questions) + i)
                 for i, (qid, above) in enumerate(wanted))


def _restatus(status: tuple[int, ...], above: tuple[int, ...]) -> tuple[int, ...]:
    """A question's status with `above` the codes above the line (the others that count,
    below it)."""
    return tuple(s.NOT_COUNTED if st == s.NOT_COUNTED else s.ABOVE if i in above else s.BELOW
                 for i, st in enumerate(status))


def band_table(band: m.Band, fw: m.Framework) -> BandTable:
    rows = [r for r in band.rows if not r.otherwise]
    others = [i for i, r in enumerate(band.rows) if r.otherwise]
    ordered = rows + [band.rows[others[0]]] if others else rows
    levels = fw.rating_scales[band.gives].levels if band.gives else ()
    return BandTable(
        id=band.id,
        lows=tuple(r.low if r.low is not None else -math.inf for r in rows),
        low_inclusive=tuple(r.low_inclusive for r in rows),
        highs=tuple(r.high if r.high is not None else math.inf for r in rows),
        high_inclusive=tuple(r.high_inclusive for r in rows),
        otherwise=len(rows) if others else -1,
        outputs=tuple(r.output for r in ordered),
        level_codes=tuple(float(levels.index(r.output)) if r.output in levels else math.nan
                          for r in ordered) if band.gives else (),
        rounding=band.rounding, percent=band.input_type.kind == "score", gives=band.gives,
        span=band.span)


def plan_for(result) -> Plan:
    """The plan of a clean `CheckResult`."""
    return build_plan(result.framework, result.graph, result.order)


__all__ = ["Plan", "QuestionPlan", "Step", "BandTable", "build_plan", "plan_for", "graphs"]
