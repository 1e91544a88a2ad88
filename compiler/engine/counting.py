"""Counting answers per inspection and question: the part of scoring whose cost grows with
the archive, so it is written for speed (about a nanosecond per answer cell or less).

Cases are taken in inspection order, in blocks of whole chunks (a chunk: at most 255 rows
of one inspection). Per block:

- each case's combination of condition truths is a small integer k, and a table row
  `flags[k]` holds 0x80 for every question that does not apply to such a case, 0 where it
  does (`Combinations`);
- answers, viewed as uint8 (a blank -1 is 255) and put in the usual order of a scale where
  they are not (above the line 0, below 1, other codes 2, blank 255), are OR-ed with the
  gathered row, giving a code `c` that is 0 above the line, 1 below it, and 2 or more
  where the answer does not count: "counted" is `c < 2` and "above" `c == 0`, one uint8
  comparison each, with no per-column AND;
- the boolean masks are summed over each chunk 8 counters at a time (viewed as uint64
  words, with `np.add.reduceat`: below 256 rows no carry crosses a byte), then per
  inspection in int64 at the end.

With `detail`, the same blocks give the cases behind each aggregate (`aggregate_cases`),
which every report shows. The blanks where a question applies and the answers where it
does not are counted only when something asks for them (`AnswerChecks`: explain, JSON
reports), by a second pass over the same blocks: the answers where a question applies
(`c < 0x80`: the blanks where it applies are the cases it applies to, from a histogram of
k, less these), and the same plus answers in a counting code where it does not apply
(`c < 0x82`: the difference is those stray answers).
"""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.engine.aggregate_cases import AggregateCases
from critc.compiler.engine.cases import CaseTable, Grouping
from critc.compiler.engine.conditions import Conditions
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import Plan

BLOCK_ROWS = 2048  # rows per block (fastest of 512..32,768 on a 2-core machine)
CHUNK_ROWS = 255  # a uint8 sum of booleans over at most 255 rows cannot overflow
FULL_TABLE = 8  # up to this many conditions, one table row for every combination
CONDITION_ROWS = 1 << 16  # rows per evaluation of the conditions
HISTOGRAM_CELLS = 1 << 22  # above this many (inspection, k) pairs, count the present ones
NOT_APPLICABLE = 0x80
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
    counter = _Counter(cases, ("num", "den"), detail)
    counter.run()
    every, nq = counter.totals["num"], cases.nq
    num, den, recounted = every[:, :nq], counter.totals["den"][:, :nq], every[:, nq:]
    if counter.aggregates is None:
        return Counts(num, den, recounted, None, {})
    return Counts(num, den, recounted, AnswerChecks(cases), counter.aggregates.cases())


class _Cases:
    """The archive in inspection order, cut into chunks, with each case's combination."""

    def __init__(self, plan: Plan, table: CaseTable, grouping: Grouping,
                 inputs: dict[str, np.ndarray]):
        self.plan, self.table, self.size = plan, table, grouping.size
        self.order = _inspection_order(grouping.group)
        self.group = grouping.group if self.order is None else grouping.group[self.order]
        self.starts = chunk_starts(self.group, CHUNK_ROWS)
        self.nq = len(plan.questions)
        self.sources = recount_sources(plan)
        self.columns = self.nq + len(self.sources)  # the questions', then the recounts'
        self.width = padded_width(self.columns)
        self.recoded = _recoding(plan)
        self.k, self.applies, self.flags = Combinations(plan, self.width).of_cases(
            table, inputs, self.order, self.group)


class AnswerChecks:
    """Per inspection and question, blanks where the question applies (`missing`) and
    answers in a counting code where it does not (`stray`): a second pass over the
    blocks, made the first time either is asked for (`critc score` writes neither)."""

    def __init__(self, cases: _Cases):
        self._cases: _Cases | None = cases
        self._missing = self._stray = np.zeros((0, 0), dtype=np.int64)

    def _count(self) -> None:
        if self._cases is None:
            return
        counter = _Counter(self._cases, ("answered", "upto"), False)
        counter.run()
        nq = self._cases.nq
        answered, upto = counter.totals["answered"][:, :nq], counter.totals["upto"][:, :nq]
        self._missing = counter.applicable() - answered
        self._stray = upto - answered
        self._cases = None  # the archive's blocks are no longer needed

    @property
    def missing(self) -> np.ndarray:
        self._count()
        return self._missing

    @property
    def stray(self) -> np.ndarray:
        self._count()
        return self._stray


def _inspection_order(group: np.ndarray) -> np.ndarray | None:
    """None if cases are already in inspection order, else the stable order that sorts them."""
    if len(group) == 0 or bool(np.all(group[1:] >= group[:-1])):
        return None
    return np.argsort(group, kind="stable")


def chunk_starts(group: np.ndarray, chunk: int) -> np.ndarray:
    """Row starts of chunks of at most `chunk` rows that never cross an inspection
    (`group` in inspection order)."""
    if len(group) == 0:
        return np.zeros(0, dtype=np.int64)
    bounds = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[bounds[1:], len(group)]
    per = -(-(ends - bounds) // chunk)
    first = np.repeat(bounds, per)
    offset = np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
    return first + offset * chunk


def _blocks(starts: np.ndarray, rows: int, block_rows: int):
    """(first chunk, end chunk, first row, end row) of blocks of whole chunks."""
    if rows == 0:
        return
    first = np.unique(np.r_[np.searchsorted(starts, np.arange(0, rows, block_rows)),
                            len(starts)])
    for a, b in zip(first[:-1].tolist(), first[1:].tolist(), strict=True):
        yield a, b, int(starts[a]), int(starts[b]) if b < len(starts) else rows


def padded_width(questions: int) -> int:
    """Questions rounded up to whole uint64 words, with at least one spare column."""
    return (questions // 8 + 1) * 8


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


class Combinations:
    """Each case's combination of condition truths as a small integer k, and per k which
    questions apply (`applies`, bool) and the flags OR-ed into the answers (`flags`)."""

    def __init__(self, plan: Plan, width: int):
        self.plan, self.width = plan, width
        self.condition_of = np.full(len(plan.questions), len(plan.conditions), np.int64)
        for i, condition in enumerate(plan.conditions):
            self.condition_of[list(condition.questions)] = i
        # a recount's column applies where its question does
        self.condition_of = np.r_[self.condition_of, self.condition_of[recount_sources(plan)]]
        self.full = None
        if len(plan.conditions) <= FULL_TABLE:
            k = np.arange(1 << len(plan.conditions))
            bits = (k[:, None] >> np.arange(len(plan.conditions))) & 1
            self.full = self.tables(bits.astype(bool))

    def tables(self, truths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(applies (K, questions) bool, flags (K, width / 8) uint64) from the truth of each
        condition (K, conditions)."""
        applies = np.c_[truths, np.ones(len(truths), dtype=bool)][:, self.condition_of]
        flags = np.full((len(truths), self.width), NOT_APPLICABLE, dtype=np.uint8)
        flags[:, : applies.shape[1]] = np.where(applies, 0, NOT_APPLICABLE)
        return applies, flags.view(np.uint64)

    def of_cases(self, table: CaseTable, inputs: dict[str, np.ndarray],
                 order: np.ndarray | None, group: np.ndarray):
        """(k per case in inspection order, applies, flags); the conditions are computed
        over large pieces of rows (their cost is per call more than per row)."""
        n = len(group)
        holds = np.zeros((n, len(self.plan.conditions)), dtype=bool)
        k = np.zeros(n, dtype=np.intp)
        for lo in range(0, n, CONDITION_ROWS):
            hi = min(lo + CONDITION_ROWS, n)
            rows = slice(lo, hi) if order is None else order[lo:hi]
            conditions = Conditions(self.plan, table, inputs, rows, group[lo:hi])
            for i, c in enumerate(self.plan.conditions):
                holds[lo:hi, i] = conditions.holds(c.test)
                if self.full is not None:
                    k[lo:hi] |= holds[lo:hi, i].astype(np.intp) << i
        if self.full is not None:
            return (k, *self.full)
        keys, k = np.unique(np.packbits(holds, axis=1), axis=0, return_inverse=True)
        truths = np.unpackbits(keys, axis=1, count=holds.shape[1]).astype(bool)
        return (k.reshape(-1).astype(np.intp), *self.tables(truths))


MASKS = {  # counter → the code's test (see the module's docstring)
    "den": (np.less, 2),  # applicable and counted
    "num": (np.equal, 0),  # and above the line
    # answered where the question applies (a blank is 255 whether it applies or not)
    "answered": (np.less, NOT_APPLICABLE),
    # and answered in a counting code where it does not (0x80 or 0x81)
    "upto": (np.less, NOT_APPLICABLE + 2),
}


class _Counter:
    """Counters per chunk (uint8 lanes in uint64 words), filled block by block."""

    def __init__(self, cases: _Cases, names: tuple[str, ...], aggregates: bool):
        self.cases = cases
        self.names = names
        self.chunks = {name: np.zeros((len(cases.starts), cases.width // 8), dtype=np.uint64)
                       for name in names}
        self.aggregates = AggregateCases(cases.plan, cases.width, cases.size) \
            if aggregates else None
        self.code = np.empty((0, cases.width), dtype=np.uint8)
        self.mask = np.zeros((0, cases.width), dtype=bool)
        self.totals: dict[str, np.ndarray] = {}

    def run(self) -> None:
        """Count every block, then sum the chunks per inspection (`totals`)."""
        c = self.cases
        for a, b, lo, hi in _blocks(c.starts, c.table.n, BLOCK_ROWS):
            self.count_block(a, b, lo, hi)
        chunk_group = c.group[c.starts]
        self.totals = {name: _per_inspection(chunks, chunk_group, c.size, c.columns)
                       for name, chunks in self.chunks.items()}

    def count_block(self, a: int, b: int, lo: int, hi: int) -> None:
        """Fill the counters of chunks a..b-1 (rows lo..hi-1 in inspection order)."""
        c, n = self.cases, hi - lo
        rows = slice(lo, hi) if c.order is None else c.order[lo:hi]
        answers = self._answers(rows)
        code, mask = self._buffers(n)
        np.take(c.flags, c.k[lo:hi], axis=0, out=code.view(np.uint64))
        np.bitwise_or(answers, code[:, : c.columns], out=code[:, : c.columns])  # 0 above
        local = c.starts[a:b] - lo
        for name in self.names:
            test, value = MASKS[name]
            test(code, value, out=mask)
            np.add.reduceat(mask.view(np.uint64), local, axis=0, out=self.chunks[name][a:b])
            if name == "den" and self.aggregates is not None:
                self.aggregates.add(self.mask[: -(-n // 8) * 8], n, c.group[lo:hi])

    def _answers(self, rows: np.ndarray | slice) -> np.ndarray:
        """The block's answer codes as uint8, in the usual order of a scale; each recount's
        column a copy of its question's."""
        recoded, sources = self.cases.recoded, self.cases.sources
        answers = self.cases.table.answers[rows].view(np.uint8)
        if len(sources):
            answers = np.concatenate([answers, answers[:, sources]], axis=1)
        elif recoded and isinstance(rows, slice):
            answers = answers.copy()
        for columns, lookup in recoded:
            answers[:, columns] = lookup[answers[:, columns]]
        return answers

    def _buffers(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The code and mask matrices for a block of n rows (the mask's rows past n, up to
        a multiple of 8, cleared for `AggregateCases`)."""
        rows = -(-n // 8) * 8
        if len(self.code) < rows:
            self.code = np.empty((rows, self.cases.width), dtype=np.uint8)
            self.mask = np.zeros((rows, self.cases.width), dtype=bool)
        self.mask[n:rows] = False
        return self.code[:n], self.mask[:n]

    def applicable(self) -> np.ndarray:
        """Cases to which each question applies, per inspection: a histogram of k per
        inspection times the table of which questions apply for each k."""
        c = self.cases
        combos = len(c.applies)
        keys = c.group.astype(np.int64) * combos + c.k
        applies = c.applies[:, : c.nq].astype(np.int64)
        if c.size * combos <= HISTOGRAM_CELLS:
            histogram = np.bincount(keys, minlength=c.size * combos)
            return histogram.reshape(c.size, combos) @ applies
        present, counts = np.unique(keys, return_counts=True)
        out = np.zeros((c.size, c.nq), dtype=np.int64)
        np.add.at(out, present // combos, counts[:, None] * applies[present % combos])
        return out


def recount_sources(plan: Plan) -> np.ndarray:
    """The answer column each recount of the plan counts."""
    return np.asarray([r.source for r in plan.recounts], dtype=np.int64)


def _per_inspection(chunks: np.ndarray, chunk_group: np.ndarray, size: int, nq: int
                    ) -> np.ndarray:
    """int64 (inspections, questions) from the uint8 counters of each chunk."""
    out = np.zeros((size, nq), dtype=np.int64)
    if len(chunks) == 0 or nq == 0:
        return out
    counters = chunks.view(np.uint8)[:, :nq]
    first = np.flatnonzero(np.r_[True, chunk_group[1:] != chunk_group[:-1]])
    out[chunk_group[first]] = np.add.reduceat(counters, first, axis=0, dtype=np.int64)
    return out
