"""The vectorised engine: an evaluation plan over a whole case archive at once.

Cases are read in blocks of rows. For each block, every applicability condition is computed
once over its columns (three-valued: a blank makes a test unknown, and an unknown condition
does not hold); answers become "counted" and "above the line" masks through lookup tables,
summed per inspection; then figures, one plan step at a time, NaN meaning "undefined".
"""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.engine import applicability, runtime
from critc.compiler.engine.across import REDUCE, AcrossResults, Combine, evaluate_across, no_op
from critc.compiler.engine.banding import band_rounded
from critc.compiler.engine.cases import CaseTable, Grouping, with_blank_inputs
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import BandTable, Plan

BLOCK_CELLS = 1 << 21  # answer cells per block: bounds the memory of the masks

ARITH = {"+": np.add, "-": np.subtract, "*": np.multiply}


@attrs.define
class Results:
    plan: Plan
    grouping: Grouping
    values: dict[str, np.ndarray]  # figure → per inspection (see `display`)
    numerators: np.ndarray  # (inspections, questions) above-the-line answers
    denominators: np.ndarray  # (inspections, questions) applicable, answered cases
    cases: dict[str, np.ndarray]  # figure → cases it counted, per inspection
    case_totals: np.ndarray  # cases per inspection
    missing: np.ndarray  # (inspections, questions) applicable but blank
    not_applicable_answered: np.ndarray  # (inspections, questions) answered where not applicable
    across: AcrossResults  # figures across inspections (engine/across.py)


# ----------------------------------------------------------------------------- conditions
class Conditions:
    """Evaluates lowered applicability tests (`plan.steps.Test`) over one block of rows."""

    def __init__(self, plan: Plan, table: CaseTable, inputs: dict[str, np.ndarray],
                 rows: np.ndarray | slice, group: np.ndarray):
        self.plan = plan
        self.table = table
        self.inputs = inputs
        self.rows = rows
        self.group = group
        self.memo: dict = {}

    def holds(self, test: s.Test) -> np.ndarray:
        """Where the condition is known to be true."""
        if test not in self.memo:
            self.memo[test] = self.truth(test)[0]
        return self.memo[test]

    def truth(self, test: s.Test) -> tuple[np.ndarray, np.ndarray]:
        """(known true, known false) masks."""
        match test:
            case s.AllOf(tests=tests):
                return runtime.all_of(*[self.truth(t) for t in tests])
            case s.AnyOf(tests=tests):
                return runtime.any_of(*[self.truth(t) for t in tests])
            case s.NotOf(test=t):
                return runtime.negation(self.truth(t))
            case s.Compare(op=op, left=left, right=right):
                a, a_missing = self.value(left)
                b, b_missing = self.value(right)
                if test.text:
                    b = self._one_vocabulary(left, right, b)
                if test.descending:
                    a, b = -a, -b  # levels are listed best first
                return runtime.compare(op, a, a_missing, b, b_missing)
            case s.Member(operand=operand, codes=codes, negated=negated):
                a, a_missing = self.value(operand)
                return runtime.member(a, a_missing, [self.code(c) for c in codes], negated)
            case s.Truthy(operand=operand):
                return runtime.truthy(*self.value(operand))
        raise TypeError(f"not a test: {type(test).__name__}")

    def _one_vocabulary(self, left: s.CaseValue, right: s.CaseValue, b):
        """Text is coded in each field's own vocabulary: a second text field is recoded in
        the vocabulary of the field it is compared with."""
        if isinstance(left, s.FieldValue) and isinstance(right, s.FieldValue) \
                and left.field != right.field:
            index = {w: i for i, w in enumerate(self.table.vocab.get(left.field, ()))}
            words = self.table.vocab.get(right.field, ())
            recode = np.asarray([index.get(w, -3) for w in words] + [-1], dtype=np.int64)
            return recode[np.where(b < 0, len(words), b)]
        return b

    def value(self, value: s.CaseValue) -> tuple[np.ndarray, np.ndarray]:
        """(values, missing) for a per-case value, encoded as in `cases`."""
        match value:
            case s.FieldValue(field=name, per_inspection=per_inspection):
                if per_inspection:
                    column = self.inputs[name][self.group]
                else:
                    column = self.table.fields[name][self.rows]
                return column, runtime.missing(column)
            case s.AnswerCode(index=index):
                column = self.table.answers[self.rows, index]
                return column, column < 0
            case s.Code() | s.TextCode():
                return np.asarray(self.code(value)), np.asarray(False)
            case s.CaseArith(op=op, left=left, right=right):
                a, am = self.value(left)
                b, bm = self.value(right)
                out = runtime.divide(a, b) if op == "/" else ARITH[op](a.astype(float), b)
                missing = am | bm | np.isnan(out)
                return out, missing
            case s.CaseNegate(operand=o):
                a, missing = self.value(o)
                return -a.astype(float), missing
        raise TypeError(f"not a per-case value: {type(value).__name__}")

    def code(self, constant: s.Code | s.TextCode):
        """A constant's code; text in the vocabulary of the field it is compared with."""
        if isinstance(constant, s.Code):
            return constant.value
        vocab = self.table.vocab.get(constant.field, ()) if constant.field else ()
        return vocab.index(constant.text) if constant.text in vocab else -2


# ----------------------------------------------------------------------------- counting
def _runs(codes) -> list[tuple[int, int]]:
    """Code indices as runs of consecutive values: {0, 1, 2, 5} → [(0, 2), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for code in sorted(codes):
        if runs and code == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _code_mask(block: np.ndarray, runs: list[tuple[int, int]]) -> np.ndarray:
    """Where `block` (answer codes viewed as uint8, a blank = 255) holds one of the codes.
    Comparisons are far cheaper than a lookup-table gather; scales declared in the usual
    order (above the line first, not applicable last) need one comparison."""
    if not runs:
        return np.zeros(block.shape, dtype=bool)
    (low, high), *more = runs
    mask = _in_run(block, low, high)
    for low, high in more:
        mask = mask | _in_run(block, low, high)
    return mask


def _in_run(block: np.ndarray, low: int, high: int) -> np.ndarray:
    """Where `block` holds a code from `low` to `high`."""
    return block <= high if low == 0 else (block >= low) & (block <= high)


@attrs.frozen
class _ScaleGroup:
    columns: np.ndarray | slice  # the answer-matrix columns on this scale
    valid: list  # runs of codes that count (answered, not N/A)
    above: list  # runs of codes above the line
    answered: list  # runs of every declared code


def _scale_groups(plan: Plan) -> list[_ScaleGroup]:
    groups: dict[str, list[int]] = {}
    for q in plan.questions:
        groups.setdefault(q.scale, []).append(q.index)
    out = []
    for scale_id, columns in groups.items():
        status = plan.scales[scale_id]
        cols = slice(None) if len(groups) == 1 else np.asarray(columns)
        out.append(_ScaleGroup(columns=cols, valid=_runs(s.counted_codes(status)),
                               above=_runs(s.above_codes(status)),
                               answered=_runs(range(len(status)))))
    return out


def _blocks(group: np.ndarray, rows_per_block: int):
    """Yield row selections in inspection order, each with its segment bounds."""
    n = len(group)
    ordered = n == 0 or bool(np.all(group[1:] >= group[:-1]))
    order = None if ordered else np.argsort(group, kind="stable")
    for start in range(0, n, rows_per_block):
        stop = min(start + rows_per_block, n)
        rows = slice(start, stop) if order is None else order[start:stop]
        g = group[rows]
        starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
        yield rows, g, starts


def _segment_sums(mask: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Column sums of a boolean matrix over each run of rows [starts[i], starts[i+1])."""
    if len(starts) > 64:
        return np.add.reduceat(mask.view(np.int8), starts, axis=0, dtype=np.int64)
    ends = list(starts[1:]) + [len(mask)]
    return np.stack([mask[a:b].view(np.int8).sum(axis=0, dtype=np.int64)
                     for a, b in zip(starts, ends, strict=True)])


@attrs.define
class Counts:
    numerators: np.ndarray  # (inspections, questions)
    denominators: np.ndarray
    missing: np.ndarray | None  # applicable but blank (with detail)
    stray: np.ndarray | None  # answered where not applicable (with detail)
    cases: dict[str, np.ndarray]  # figure → cases it counted (with detail)


def count_answers(plan: Plan, table: CaseTable, grouping: Grouping,
                  inputs: dict[str, np.ndarray], detail: bool = True) -> Counts:
    """Above-the-line answers and applicable answers per inspection and question.

    With `detail`, also blanks where a question applies, answers where it does not, and
    for every aggregate the number of cases that count towards it."""
    size, nq = grouping.size, len(plan.questions)
    num = np.zeros((size, nq), dtype=np.int64)
    den = np.zeros((size, nq), dtype=np.int64)
    missing = np.zeros((size, nq), dtype=np.int64) if detail else None
    stray = np.zeros((size, nq), dtype=np.int64) if detail else None
    # cases behind each figure built from questions (a judged figure, from inspection
    # inputs only, has none to count)
    figure_sets = {node: np.asarray([plan.question(q).index for q in qs], dtype=np.int64)
                   for node, qs in plan.questions_of.items() if qs} if detail else {}
    cases = {node: np.zeros(size, dtype=np.int64) for node in figure_sets}
    scales = _scale_groups(plan)
    rows_per_block = max(1024, BLOCK_CELLS // max(nq, 1))
    for rows, g, starts in _blocks(grouping.group, rows_per_block):
        segs = g[starts]
        answers = table.answers[rows].view(np.uint8)
        shape = answers.shape
        if len(scales) == 1:  # the usual case: no copies into a shared matrix
            valid = _code_mask(answers, scales[0].valid)  # answered, not with an N/A code
            above = _code_mask(answers, scales[0].above)
        else:
            valid = np.empty(shape, dtype=bool)
            above = np.empty(shape, dtype=bool)
            for scale in scales:
                block = answers[:, scale.columns]
                valid[:, scale.columns] = _code_mask(block, scale.valid)
                above[:, scale.columns] = _code_mask(block, scale.above)
        counted = valid.copy() if detail else valid
        conditions = Conditions(plan, table, inputs, rows, g)
        applicable = {}
        for condition in plan.conditions:  # each distinct condition once
            holds = conditions.holds(condition.test)
            for index in condition.questions:
                applicable[index] = holds
                counted[:, index] &= holds
        above &= counted
        den[segs] += _segment_sums(counted, starts)
        num[segs] += _segment_sums(above, starts)
        if missing is not None and stray is not None:  # with detail
            answered = np.empty(shape, dtype=bool)
            for scale in scales:
                answered[:, scale.columns] = _code_mask(answers[:, scale.columns],
                                                        scale.answered)
            blank = ~answered
            for index, mask in applicable.items():
                blank[:, index] &= mask
            missing[segs] += _segment_sums(blank, starts)
            valid &= ~counted  # answered where the question does not apply
            stray[segs] += _segment_sums(valid, starts)
            for node, columns in figure_sets.items():
                if len(columns):
                    any_counted = counted[:, columns].any(axis=1)
                    cases[node][segs] += np.add.reduceat(any_counted, starts, dtype=np.int64)
    return Counts(num, den, missing, stray, cases)


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
                idx = [self.plan.question(q).index for q in qids]
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
    where a question does not apply, or of cases per aggregate). An input not given is
    blank for every inspection, so the figures that use it are n/a."""
    inputs = with_blank_inputs(plan.framework, inputs, grouping.size)
    counts = count_answers(plan, table, grouping, inputs, detail)
    num, den, cases = counts.numerators, counts.denominators, counts.cases
    missing = np.zeros_like(num) if counts.missing is None else counts.missing
    stray = np.zeros_like(num) if counts.stray is None else counts.stray
    proportions = runtime.proportion(num, den)
    values = {q.id: proportions[:, q.index] for q in plan.questions}
    figures = Figures(plan, values, num, den, inputs, grouping.size)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for step in plan.steps:
            values[step.node] = applicability.step_value(figures.compute, step)
    for q in plan.questions:
        cases[q.id] = den[:, q.index]
    totals = np.bincount(grouping.group, minlength=grouping.size).astype(np.int64)
    across = evaluate_across(plan, values, num, den, cases, Figures)
    return Results(plan, grouping, values, num, den, cases, totals, missing, stray, across)
