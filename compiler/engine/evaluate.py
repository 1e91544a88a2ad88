"""The vectorised engine: an evaluation plan over a whole case archive at once.

Answers are counted per inspection and question (`counting`: applicability conditions
from `conditions`, the cases behind each aggregate from `aggregate_cases`); then figures,
one plan step at a time, NaN meaning "undefined".
"""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.engine import applicability, runtime
from critc.compiler.engine.across import REDUCE, AcrossResults, Combine, evaluate_across, no_op
from critc.compiler.engine.banding import band_rounded
from critc.compiler.engine.cases import CaseTable, Grouping, with_blank_inputs
from critc.compiler.engine.conditions import ARITH
from critc.compiler.engine.conditions import Conditions as Conditions  # read here by report/
from critc.compiler.engine.counting import AnswerChecks, count_answers
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import BandTable, Plan


@attrs.define
class Results:
    plan: Plan
    grouping: Grouping
    values: dict[str, np.ndarray]  # figure → per inspection (see `display`)
    numerators: np.ndarray  # (inspections, questions) above-the-line answers
    denominators: np.ndarray  # (inspections, questions) applicable, answered cases
    cases: dict[str, np.ndarray]  # figure → cases it counted, per inspection
    case_totals: np.ndarray  # cases per inspection
    checks: AnswerChecks | None  # blanks and stray answers, counted when first asked
    across: AcrossResults  # figures across inspections (engine/across.py)
    recounted: np.ndarray | None = None  # (inspections, recounts) numerators of plan.recounts

    def columns(self) -> tuple[np.ndarray, np.ndarray]:
        """Numerators and denominators of the questions, then of the plan's recounts."""
        return counted_columns(self.plan, self.numerators, self.denominators, self.recounted)

    @property
    def missing(self) -> np.ndarray:
        """(inspections, questions) applicable but blank (zeros without detail)."""
        return np.zeros_like(self.numerators) if self.checks is None else self.checks.missing

    @property
    def not_applicable_answered(self) -> np.ndarray:
        """(inspections, questions) answered where not applicable (zeros without detail)."""
        return np.zeros_like(self.numerators) if self.checks is None else self.checks.stray


def counted_columns(plan: Plan, num: np.ndarray, den: np.ndarray,
                    recounted: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(numerators, denominators) with a column per question, then per recount (counted
    with its own above-the-line set, over its question's counted cases)."""
    if not plan.recounts:
        return num, den
    sources = [r.source for r in plan.recounts]
    recounted = np.zeros_like(num[:, sources]) if recounted is None else recounted
    return np.c_[num, recounted], np.c_[den, den[:, sources]]


# ----------------------------------------------------------------------------- figures
class Figures:
    """Computes figure operations (`plan.steps.Op`); every value is a float array, NaN
    undefined."""

    def __init__(self, plan: Plan, values: dict[str, np.ndarray], num, den,
                 inputs: dict[str, np.ndarray], size: int, combine: Combine = no_op):
        self.plan = plan
        self.values = values
        self.num, self.den = num, den
        self.inputs = inputs
        self.size = size
        self.combine = combine  # the AcrossOf leaves of a step across inspections

    def compute(self, op: s.Op) -> np.ndarray:
        match op:
            case s.Number(value=v):
                return np.full(self.size, v)
            case s.FigureValue(node=node, above=above) if above is not None:
                column = self.plan.column(node, above)  # counted as this figure says
                return runtime.proportion(self.num[:, column], self.den[:, column])
            case s.FigureValue(node=node):
                return self.values[node]
            case s.InputNumber(field=name):
                return _as_float(self.inputs[name])
            case s.Arith(op=arith, left=left, right=right):
                a, b = self.compute(left), self.compute(right)
                return runtime.divide(a, b) if arith == "/" else ARITH[arith](a, b)
            case s.Negate(operand=o):
                return -self.compute(o)
            case s.Reduce(function=fn, items=items, strict=strict, when=when):
                rows, kept = applicability.items(self.compute, items, when)
                out = REDUCE[fn](np.where(kept, rows, np.nan))  # not applicable: left out
                return np.where((np.isnan(rows) & kept).any(axis=0), np.nan, out) if strict else out
            case s.Pooled(questions=qids):
                idx = [self.plan.column(q, op.above_of(i)) for i, q in enumerate(qids)]
                return runtime.proportion(self.num[:, idx].sum(axis=1),
                                          self.den[:, idx].sum(axis=1))
            case s.WeightedMean(items=items, weights=weights, renormalise=renormalise):
                rows = np.vstack([self.compute(i) for i in items])
                return runtime.weighted_mean(rows, weights, renormalise)
            case s.Points(operand=o, points=points):
                table = [np.nan if p is None else p for p in points]
                return runtime.lookup(self.compute(o), table)
            case s.Band(band=band, operand=o):
                return self.band(band, self.compute(o))
            case s.FirstOf(items=items):
                return first_defined(np.vstack([self.compute(i) for i in items]))
            case s.Choose(condition=c, then=a, otherwise=b):
                holds = self.compute(c)
                return np.where(np.isnan(holds), np.nan,
                                np.where(holds == 1.0, self.compute(a), self.compute(b)))
            case s.FigureCompare() | s.FigureMember() | s.FigureLogic() | s.FigureNot():
                true, false = self.truth(op)  # as 1.0, 0.0 or NaN (unknown)
                return np.where(true, 1.0, np.where(false, 0.0, np.nan))
        return self.combine(op)  # an AcrossOf step across inspections, or not an op

    def truth(self, op: s.Op) -> tuple[np.ndarray, np.ndarray]:
        """(known true, known false) masks of a test in a formula."""
        match op:
            case s.FigureCompare(op=compare, left=left, right=right, descending=descending):
                a, b = self.compute(left), self.compute(right)
                if descending:
                    a, b = -a, -b  # levels are listed best first
                return runtime.compare(compare, a, np.isnan(a), b, np.isnan(b))
            case s.FigureMember(operand=o, codes=codes, negated=negated):
                a = self.compute(o)
                return runtime.member(a, np.isnan(a), list(codes), negated)
            case s.FigureLogic(op=logic, operands=ops):
                combine = runtime.all_of if logic == "and" else runtime.any_of
                return combine(*[self.truth(o) for o in ops])
            case s.FigureNot(operand=o):
                return runtime.negation(self.truth(o))
        value = self.compute(op)  # a yes/no input or figure: 1, 0 or NaN
        return runtime.truthy(value, np.isnan(value))

    def band_row(self, band_id: str, value: np.ndarray) -> np.ndarray:
        """The row of the band each value falls in, after the band's rounding (NaN where
        the value is undefined or no row holds it)."""
        return band_row(self.plan.bands[band_id], value)

    def band(self, band_id: str, value: np.ndarray) -> np.ndarray:
        """The band's output for each value: its row, or the rating level it gives."""
        table = self.plan.bands[band_id]
        row = band_row(table, value)
        return row if table.gives is None else runtime.lookup(row, table.level_codes)


def band_row(table: BandTable, value: np.ndarray) -> np.ndarray:
    """The row of `table` each value falls in, after the band's declared rounding."""
    rounded = band_rounded(table, value)
    return runtime.band_index(rounded, table.lows, table.low_inclusive, table.highs,
                              table.high_inclusive, table.otherwise)


def first_defined(rows: np.ndarray) -> np.ndarray:
    """Per column, the first row's value that is not NaN (NaN where none is)."""
    defined = ~np.isnan(rows)
    first = defined.argmax(axis=0)
    out = rows[first, np.arange(rows.shape[1])]
    return np.where(defined.any(axis=0), out, np.nan)


def _as_float(column: np.ndarray) -> np.ndarray:
    if column.dtype.kind == "f":
        return column
    out = column.astype(float)
    out[column < 0] = np.nan
    return out


def evaluate(plan: Plan, table: CaseTable, grouping: Grouping,
             inputs: dict[str, np.ndarray] | None = None, detail: bool = True) -> Results:
    """Every figure of `plan` for every inspection in `grouping`.

    `detail=False` computes only what the figures need (no counts of blanks, of answers
    where a question does not apply, or of cases per aggregate); with `detail`, the blanks
    and the answers where a question does not apply are counted when first asked for.
    An input not given is blank for every inspection, so the figures that use it are n/a."""
    inputs = with_blank_inputs(plan.framework, inputs, grouping.size)
    counts = count_answers(plan, table, grouping, inputs, detail)
    num, den, cases = counts.numerators, counts.denominators, counts.cases
    proportions = runtime.proportion(num, den)
    values = {q.id: proportions[:, q.index] for q in plan.questions}
    every_num, every_den = counted_columns(plan, num, den, counts.recounted)
    figures = Figures(plan, values, every_num, every_den, inputs, grouping.size)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for step in plan.steps:
            values[step.node] = applicability.step_value(figures.compute, step)
    for q in plan.questions:
        cases[q.id] = den[:, q.index]
    totals = np.bincount(grouping.group, minlength=grouping.size).astype(np.int64)
    across = evaluate_across(plan, values, every_num, every_den, cases, Figures)
    return Results(plan, grouping, values, num, den, cases, totals, counts.checks, across,
                   counts.recounted)
