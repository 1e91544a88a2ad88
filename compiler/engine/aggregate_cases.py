"""The cases behind each aggregate: a case counts towards an aggregate (a criterion, a
section, a thread...) if any of the aggregate's questions counts for it.

Per block, the "counted" mask is packed 8 cases to a byte, a line of bits per question,
so "any of these questions" is an OR of a few lines, 64 cases per word: first over each
distinct run of consecutive question columns (one `np.bitwise_or.reduceat`), then over
each aggregate's runs; the set bits are counted per inspection from their running totals
(`np.bitwise_count`).
"""

from __future__ import annotations

import numpy as np
from critc.compiler.plan.lower import Plan

SPAN_BYTES = 8192  # bytes per line of packed cases counted at once (65,536 cases)


def pack_rows(mask: np.ndarray) -> np.ndarray:
    """(rows / 8, width) uint8 from a (rows, width) bool matrix (rows a multiple of 8,
    width of 8): bit j of [i, q] is mask[8i + j, q]. The bytes are shifted as uint64 words,
    8 columns at a time; a shift below 8 never crosses a byte."""
    words = mask.view(np.uint64).reshape(len(mask) // 8, 8, -1)
    out = words[:, 0].copy()
    shifted = np.empty_like(out)
    for j in range(1, 8):
        np.left_shift(words[:, j], j, out=shifted)
        out |= shifted
    return out.view(np.uint8)


def runs(columns: list[int]) -> list[tuple[int, int]]:
    """Sorted columns as half-open runs: [0, 1, 2, 5] → [(0, 3), (5, 6)]."""
    out: list[tuple[int, int]] = []
    for column in sorted(columns):
        if out and column == out[-1][1]:
            out[-1] = (out[-1][0], column + 1)
        else:
            out.append((column, column + 1))
    return out


def set_bits_before(words: np.ndarray, bits: np.ndarray) -> np.ndarray:
    """(lines, len(bits)): how many bits are set in each line of uint64 `words` before each
    bit position in `bits` (bit b is bit b % 64 of word b // 64)."""
    whole = np.zeros((len(words), words.shape[1] + 1), dtype=np.int64)
    np.cumsum(np.bitwise_count(words), axis=1, out=whole[:, 1:])
    tail = np.c_[words, np.zeros(len(words), dtype=np.uint64)]
    word = bits >> 6
    part = (np.uint64(1) << (bits & 63).astype(np.uint64)) - np.uint64(1)
    return whole[:, word] + np.bitwise_count(tail[:, word] & part)


class AggregateCases:
    """Counts, per inspection, the cases behind each aggregate built from questions (a
    judged figure, from inspection inputs only, has none to count).

    Blocks are packed into `lines` (a line of bits per question column, each block starting
    on a byte) and the ORs and counts done once per span of about 65,536 cases, so that
    each NumPy call has long rows to work on."""

    def __init__(self, plan: Plan, width: int, size: int):
        columns = {node: [plan.question(q).index for q in qs]
                   for node, qs in plan.questions_of.items() if qs}
        self.nodes = list(columns)
        node_runs = {node: runs(cols) for node, cols in columns.items()}
        self.runs = sorted({run for rs in node_runs.values() for run in rs})
        number = {run: i for i, run in enumerate(self.runs)}
        self.runs_of = [[number[run] for run in node_runs[node]] for node in self.nodes]
        self.totals = np.zeros((len(self.nodes), size), dtype=np.int64)
        self.lines = np.zeros((width, SPAN_BYTES), dtype=np.uint8)
        self.used = 0  # bytes of each line holding blocks not yet counted
        self.segments: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def add(self, counted: np.ndarray, n: int, group: np.ndarray) -> None:
        """Add a block: `counted` (rows padded with False to a multiple of 8, padded
        question columns), its first `n` rows cases in inspection order (`group`)."""
        if not self.nodes or n == 0:
            return
        size = len(counted) // 8
        if self.used + size > self.lines.shape[1]:
            self.flush()
            if size > self.lines.shape[1]:
                self.lines = np.zeros((len(self.lines), size), dtype=np.uint8)
        self.lines[:, self.used:self.used + size] = pack_rows(counted).T
        starts = np.flatnonzero(group[1:] != group[:-1]) + 1
        starts = np.concatenate(([0], starts))
        ends = np.append(starts[1:], n)
        self.segments.append((starts + 8 * self.used, ends + 8 * self.used, group[starts]))
        self.used += size

    def flush(self) -> None:
        """Count the cases behind each aggregate in the blocks added since the last flush."""
        if not self.segments:
            return
        used = -(-self.used // 8) * 8
        words = self.lines[:, :used].view(np.uint64)
        per_node = self.any_counted(words)
        starts, ends, inspections = (np.concatenate(x) for x in zip(*self.segments,
                                                                    strict=True))
        before = set_bits_before(per_node, np.concatenate((starts, ends)))
        counts = before[:, len(starts):] - before[:, : len(starts)]
        np.add.at(self.totals.T, inspections, counts.T)  # an inspection may recur
        self.lines[:, :used] = 0
        self.used, self.segments = 0, []

    def any_counted(self, words: np.ndarray) -> np.ndarray:
        """(aggregates, words): the OR of each aggregate's question lines. (A loop of
        reductions over contiguous lines: `np.bitwise_or.reduceat` along the lines was ten
        times slower.)"""
        per_run = np.empty((len(self.runs), words.shape[1]), dtype=np.uint64)
        for i, (lo, hi) in enumerate(self.runs):
            np.bitwise_or.reduce(words[lo:hi], axis=0, out=per_run[i])
        per_node = np.empty((len(self.nodes), words.shape[1]), dtype=np.uint64)
        for i, runs_of in enumerate(self.runs_of):
            np.bitwise_or.reduce(per_run[runs_of], axis=0, out=per_node[i])
        return per_node

    def cases(self) -> dict[str, np.ndarray]:
        self.flush()
        return {node: self.totals[i] for i, node in enumerate(self.nodes)}
