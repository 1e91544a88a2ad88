"""The cases behind each aggregate: a case counts towards an aggregate (a criterion, a
section, a thread...) if any of the aggregate's questions counts for it.

The "counted" answers of a span of cases are lines of bits, one per question (see
`counting`), so "any of these questions" is an OR of a few lines, 64 cases per word, and
the set bits are counted per run of one inspection (`bit_lines.set_bits_between`).
"""

from __future__ import annotations

import numpy as np
from critc.compiler.engine.bit_lines import add_per_run, set_bits_between
from critc.compiler.plan.lower import Plan


class AggregateCases:
    """Counts, per inspection, the cases behind each aggregate built from questions (a
    judged figure, from inspection inputs only, has none to count). Aggregates over the
    same questions (a criterion and the band on it) share one OR."""

    def __init__(self, plan: Plan, size: int):
        columns = {node: tuple(sorted(plan.question(q).index for q in qs))
                   for node, qs in plan.questions_of.items() if qs}
        self.nodes = list(columns)
        self.sets = list(dict.fromkeys(columns.values()))  # distinct sets of questions
        number = {cols: i for i, cols in enumerate(self.sets)}
        self.set_of = np.asarray([number[columns[node]] for node in self.nodes], dtype=np.intp)
        self.reads = [_read(cols) for cols in self.sets]
        self.totals = np.zeros((size, len(self.sets)), dtype=np.int64)

    def add(self, counted: np.ndarray, bounds: np.ndarray, inspections: np.ndarray) -> None:
        """Add a span of cases: `counted` (questions, words) uint64, a bit per case where
        the question counts; runs of one inspection from bounds[i] to bounds[i + 1]."""
        if self.sets:
            add_per_run(self.totals, inspections,
                        set_bits_between(self.any_counted(counted), bounds))

    def any_counted(self, words: np.ndarray) -> np.ndarray:
        """(sets of questions, words): the OR of each set's question lines, one reduction
        per set (over a slice where its questions are consecutive)."""
        out = np.empty((len(self.sets), words.shape[1]), dtype=np.uint64)
        for i, read in enumerate(self.reads):
            np.bitwise_or.reduce(words[read], axis=0, out=out[i])
        return out

    def cases(self) -> dict[str, np.ndarray]:
        per_node = self.totals[:, self.set_of]
        return {node: per_node[:, i] for i, node in enumerate(self.nodes)}


def _read(columns: tuple[int, ...]) -> slice | list[int]:
    """How to read these question lines: a slice where they are consecutive."""
    if columns[-1] - columns[0] + 1 == len(columns):
        return slice(columns[0], columns[-1] + 1)
    return list(columns)
