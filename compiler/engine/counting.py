"""Counting answers per inspection and question: the part of scoring whose cost grows with
the archive, so it is written for speed (well under a nanosecond per answer cell).

The answer matrix is read question-major (`bit_lines`), in inspection order, a span of
cases at a time and, within a span, a block of cases at a time. Per block the answer
codes, put in the usual order of a scale where they are not (above the line 0, below 1,
other codes 2, blank 255), are packed into lines of bits, a line per question and a bit
per case: "not above the line" is the code itself (`np.packbits` sets a bit for every
nonzero code), "counted" is `code < 2`. Per span:

- where a question does not apply its bits are cleared: each applicability condition is
  a line of bits of its own (computed once, `condition_lines`), ANDed into the lines of
  its questions;
- above-the-line answers and counted answers are the set bits of each line between the
  starts of the runs of one inspection (`bit_lines.set_bits_between`);
- with `detail`, the cases behind each aggregate are the set bits of the OR of its
  questions' "counted" lines (`aggregate_cases`).

The blanks where a question applies and the answers where it does not are counted only
when something asks for them (`AnswerChecks`: explain, JSON reports), by a second pass
over the same spans.
"""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.engine.aggregate_cases import AggregateCases
from critc.compiler.engine.bit_lines import add_per_run, pack_into, packed_width, set_bits_between
from critc.compiler.engine.cases import CaseTable, Grouping
from critc.compiler.engine.conditions import Conditions
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import Plan

BLOCK_ROWS = 4096  # cases packed at a time (a multiple of 8; fastest of 1,024..16,384)
SPAN_ROWS = 1 << 15  # cases counted at a time (a multiple of 64 and of BLOCK_ROWS)
CONDITION_ROWS = 1 << 16  # cases per evaluation of the conditions (a multiple of 8)
RUN_ROWS = 256  # with runs of one inspection this long on average, cases are not sorted
BLANK = 0x80  # codes from here up (as uint8) are blanks
CANONICAL = (s.ABOVE, s.BELOW)  # codes 0 and 1 of a scale in the usual order


@attrs.define
class Counts:
    numerators: np.ndarray  # (inspections, questions)
    denominators: np.ndarray
    recounted: np.ndarray  # (inspections, recounts): numerators of the plan's recounts
    checks: AnswerChecks | None  # blanks and stray answers, counted when asked (with detail)
    cases: dict[str, np.ndarray]  # figure → cases it counted (with detail)


def count_answers(plan: Plan, table: CaseTable, grouping: Grouping,
                  inputs: dict[str, np.ndarray], detail: bool = True) -> Counts:
    """Above-the-line answers and applicable answers per inspection and question.

    With `detail`, also for every aggregate the number of cases that count towards it,
    and (counted when first asked) blanks where a question applies and answers where it
    does not."""
    cases = _Cases(plan, table, grouping, inputs)
    aggregates = AggregateCases(plan, grouping.size) if detail else None
    num = np.zeros((grouping.size, cases.columns), dtype=np.int64)
    den = np.zeros((grouping.size, cases.nq), dtype=np.int64)
    for lo in range(0, cases.n, SPAN_ROWS):
        hi = min(lo + SPAN_ROWS, cases.n)
        above, counted = cases.pack(lo, hi, ("above", "counted"))
        np.invert(above, out=above)
        cases.restrict(above, lo)
        cases.restrict(counted, lo)
        bounds, inspections = cases.runs(lo, hi)
        add_per_run(num, inspections, set_bits_between(above.view(np.uint64), bounds))
        add_per_run(den, inspections, set_bits_between(counted.view(np.uint64), bounds))
        if aggregates is not None:
            aggregates.add(counted.view(np.uint64), bounds, inspections)
    nq = cases.nq
    if aggregates is None:
        return Counts(num[:, :nq], den, num[:, nq:], None, {})
    return Counts(num[:, :nq], den, num[:, nq:], AnswerChecks(cases), aggregates.cases())


class _Cases:
    """The archive in inspection order: its answers as lines of bits, span by span."""

    def __init__(self, plan: Plan, table: CaseTable, grouping: Grouping,
                 inputs: dict[str, np.ndarray]):
        self.plan, self.n, self.size = plan, table.n, grouping.size
        self.order = _inspection_order(grouping.group)
        self.group = grouping.group if self.order is None else grouping.group[self.order]
        self.starts = run_starts(self.group)
        self.lines = question_lines(table.answers)
        self.nq = len(plan.questions)
        self.sources = recount_sources(plan)
        self.columns = self.nq + len(self.sources)  # the questions', then the recounts'
        self.recoded = _recoding(plan)
        self.conditions = condition_lines(plan, table, inputs, self.order, self.group)
        self.restricted = _restricted_columns(plan)
        self.buffers: dict = {}

    def pack(self, lo: int, hi: int, tests: tuple[str, ...]) -> list[np.ndarray]:
        """Lines of bits (lines, packed bytes) of cases lo..hi-1 for each test: "above"
        (set where the code is not 0; every column), "counted" (code below 2) and "blank"
        (a blank; these two for the questions only)."""
        width = packed_width(hi - lo)
        out = [self._buffer(name, self.columns if name == "above" else self.nq, width)
               for name in tests]
        for start in range(lo, hi, BLOCK_ROWS):
            end = min(start + BLOCK_ROWS, hi)
            codes = self.codes(start, end)
            mask = self._buffer("mask", self.nq, end - start, bool)
            for name, lines in zip(tests, out, strict=True):
                if name == "above":
                    pack_into(lines, (start - lo) // 8, codes)
                    continue
                test = np.less if name == "counted" else np.greater_equal
                test(codes[:self.nq], 2 if name == "counted" else BLANK, out=mask)
                pack_into(lines, (start - lo) // 8, mask)
        return out

    def codes(self, lo: int, hi: int) -> np.ndarray:
        """(columns, hi - lo) uint8: the answer codes of cases lo..hi-1 (in inspection
        order) in the usual order of a scale, each recount's column a copy of its
        question's."""
        if self.order is None and not self.recoded and not len(self.sources):
            return self.lines[:, lo:hi]
        out = self._buffer("codes", self.columns, hi - lo)
        if self.order is None:
            out[:self.nq] = self.lines[:, lo:hi]
        else:
            out[:self.nq] = np.take(self.lines, self.order[lo:hi], axis=1)
        if len(self.sources):
            out[self.nq:] = out[self.sources]
        for columns, lookup in self.recoded:
            out[columns] = lookup[out[columns]]
        return out

    def restrict(self, lines: np.ndarray, lo: int) -> None:
        """Clear the bits of `lines` (packed from case `lo` on) where a question does not
        apply."""
        span = self.conditions[:, lo // 8:lo // 8 + lines.shape[1]]
        for condition, columns in self.restricted:
            lines[columns[columns < len(lines)]] &= span[condition]

    def runs(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """(bounds, inspections): the runs of one inspection within cases lo..hi-1, as bit
        positions from lo (each run from bounds[i] to bounds[i + 1]), and their inspection."""
        inside = self.starts[np.searchsorted(self.starts, lo, "right"):
                             np.searchsorted(self.starts, hi, "left")]
        bounds = np.r_[lo, inside, hi] - lo
        return bounds, self.group[lo + bounds[:-1]]

    def _buffer(self, name: str, lines: int, width: int, dtype=np.uint8) -> np.ndarray:
        """A scratch array kept between spans (a new one only when its shape changes)."""
        key = (name, lines, width)
        if key not in self.buffers:
            self.buffers = {k: v for k, v in self.buffers.items() if k[0] != name}
            self.buffers[key] = np.empty((lines, width), dtype=dtype)
        return self.buffers[key]


class AnswerChecks:
    """Per inspection and question, blanks where the question applies (`missing`) and
    answers in a counting code where it does not (`stray`): a second pass over the
    spans, made the first time either is asked for (`critc score` writes neither)."""

    def __init__(self, cases: _Cases):
        self._cases: _Cases | None = cases
        self._missing = self._stray = np.zeros((0, 0), dtype=np.int64)

    def _count(self) -> None:
        c = self._cases
        if c is None:
            return
        self._missing = np.zeros((c.size, c.nq), dtype=np.int64)
        self._stray = np.zeros((c.size, c.nq), dtype=np.int64)
        for lo in range(0, c.n, SPAN_ROWS):
            hi = min(lo + SPAN_ROWS, c.n)
            counted, blank = c.pack(lo, hi, ("counted", "blank"))
            c.restrict(blank, lo)
            stray = np.zeros_like(counted)  # counted where the question does not apply
            span = c.conditions[:, lo // 8:lo // 8 + counted.shape[1]]
            for condition, columns in c.restricted:
                columns = columns[columns < c.nq]
                stray[columns] = counted[columns] & ~span[condition]
            bounds, inspections = c.runs(lo, hi)
            for total, lines in ((self._missing, blank), (self._stray, stray)):
                add_per_run(total, inspections, set_bits_between(lines.view(np.uint64),
                                                                 bounds))
        self._cases = None  # the archive's lines are no longer needed

    @property
    def missing(self) -> np.ndarray:
        self._count()
        return self._missing

    @property
    def stray(self) -> np.ndarray:
        self._count()
        return self._stray


def question_lines(answers: np.ndarray) -> np.ndarray:
    """(questions, cases) uint8, each question's answers contiguous: a view of a matrix
    held question-major (as the readers make it), else a copy."""
    lines = answers.T.view(np.uint8)
    return lines if lines.shape[1] < 2 or lines.strides[1] == 1 else np.ascontiguousarray(lines)


def _inspection_order(group: np.ndarray) -> np.ndarray | None:
    """None if cases come in runs of one inspection (in order, or long runs in any order),
    else the stable order that sorts them."""
    if len(group) == 0:
        return None
    runs = 1 + np.count_nonzero(group[1:] != group[:-1])
    if runs * RUN_ROWS <= len(group) or bool(np.all(group[1:] >= group[:-1])):
        return None
    return np.argsort(group, kind="stable")


def run_starts(group: np.ndarray) -> np.ndarray:
    """Where each run of one inspection starts (`group` in the order counted)."""
    return np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(group) else \
        np.zeros(0, dtype=np.int64)


def _recoding(plan: Plan) -> list[tuple[np.ndarray, np.ndarray]]:
    """(columns, lookup) for the questions (and recounts) whose status is not in the usual
    order: the lookup takes a code (as uint8) to 0 above the line, 1 below, 2 another
    declared code, 255 a blank (or a code past the scale, which a validated table does not
    hold)."""
    columns: dict[tuple[int, ...], list[int]] = {}
    statuses = [(q.status, q.index) for q in plan.questions] + \
        [(r.status, r.column) for r in plan.recounts]
    for status, column in statuses:
        if tuple(status[:2]) != CANONICAL or s.BELOW in status[2:] or s.ABOVE in status[2:]:
            columns.setdefault(status, []).append(column)
    out = []
    for status, cols in columns.items():
        lookup = np.full(256, 255, dtype=np.uint8)
        rank: dict[int, int] = {s.ABOVE: 0, s.BELOW: 1, s.NOT_COUNTED: 2}
        lookup[: len(status)] = [rank[code] for code in status]
        out.append((np.asarray(cols, dtype=np.int64), lookup))
    return out


def _restricted_columns(plan: Plan) -> list[tuple[int, np.ndarray]]:
    """(condition, columns) for each applicability condition: the columns of its questions
    and of their recounts."""
    condition_of = np.full(len(plan.questions), -1, dtype=np.int64)
    for i, condition in enumerate(plan.conditions):
        condition_of[list(condition.questions)] = i
    condition_of = np.r_[condition_of, condition_of[recount_sources(plan)]]
    return [(i, np.flatnonzero(condition_of == i)) for i in range(len(plan.conditions))
            if (condition_of == i).any()]


def condition_lines(plan: Plan, table: CaseTable, inputs: dict[str, np.ndarray],
                    order: np.ndarray | None, group: np.ndarray) -> np.ndarray:
    """(conditions, packed bytes) uint8: a bit per case (in the order counted) where each
    applicability condition of the plan holds. Conditions are computed over large pieces
    of cases (their cost is per call more than per case)."""
    n = len(group)
    out = np.zeros((len(plan.conditions), packed_width(n)), dtype=np.uint8)
    for lo in range(0, n if plan.conditions else 0, CONDITION_ROWS):
        hi = min(lo + CONDITION_ROWS, n)
        rows = slice(lo, hi) if order is None else order[lo:hi]
        conditions = Conditions(plan, table, inputs, rows, group[lo:hi])
        holds = [np.broadcast_to(conditions.holds(c.test), (hi - lo,))
                 for c in plan.conditions]
        pack_into(out, lo // 8, np.stack(holds))
    return out


def recount_sources(plan: Plan) -> np.ndarray:
    """The answer column each recount of the plan counts."""
    return np.asarray([r.source for r in plan.recounts], dtype=np.int64)
