"""Figures across inspections in a generated module.

Only a framework that declares some gets this part, so every other module is unchanged.
`score()` then also returns, under the key `None` (which no inspection key can be), the
figures across inspections: each step across inspections is a function `_across_<i>` like
the per-inspection `_figure_<i>`, reading earlier figures across inspections (`a`), a
figure's values in every inspection (`v`) and figures pooled over every inspection's
counts (`p`, the per-inspection steps computed once more on the summed counts).
"""

from __future__ import annotations

from critc.compiler.codegen.python_text import comment, literal, where
from critc.compiler.codegen.table_path import VECTOR_REDUCE, TableWriter
from critc.compiler.codegen.tables import Layout
from critc.compiler.plan import steps as s

# `score()`'s last statement, and what it becomes with figures across inspections
RETURN = '''    return {key: {FIGURES[i][0]: decode(FIGURES, RATINGS, BANDS, i, float(values[i][g]))
                  for i in range(len(FIGURES))}
            for g, key in enumerate(keys)}
'''
RETURN_ACROSS = (
    "    out = {key: {FIGURES[i][0]: decode(FIGURES, RATINGS, BANDS, i, float(values[i][g]))\n"
    "                 for i in range(len(FIGURES))}\n"
    "           for g, key in enumerate(keys)}\n"
    "    out[None] = score_across(values, num, den)  # figures across inspections\n"
    "    return out\n")

RUNTIME = '''def across_of(reduce, column, strict):
    """A figure's values in every inspection combined into one (a one-element array); a
    strict sum or mean is undefined if any inspection's value is."""
    rows = np.asarray(column, dtype=float)[:, np.newaxis]
    if strict and np.isnan(rows).any():
        return np.full(1, np.nan)
    return np.atleast_1d(np.asarray(reduce(rows), dtype=float))


def score_across(values, num, den):
    """{figure id: value} of the figures across inspections, from every inspection's
    figures (`values`) and counts."""
    pooled = [None] * len(FIGURES)
    if POOLED:  # the per-inspection figures once more, over every inspection's counts
        total_num, total_den = num.sum(axis=0, keepdims=True), den.sum(axis=0, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            proportions = proportion(total_num, total_den)
        for i in range(len(QUESTIONS)):
            pooled[i] = proportions[:, i]
        blank = {name: np.full(1, np.nan) for name, _kind, _spellings in INPUTS}
        run_steps(STEPS, pooled, total_num, total_den, blank, 1)
    across = [None] * len(ACROSS_FIGURES)
    run_steps(ACROSS_STEPS, across, values, pooled, None, 1)
    return {ACROSS_FIGURES[i][0]: decode(ACROSS_FIGURES, RATINGS, BANDS, i,
                                         float(across[i][0]))
            for i in range(len(ACROSS_FIGURES))}
'''


class AcrossWriter(TableWriter):
    """Source for the steps across inspections: per-inspection operations, with their
    figures read from `a` (across), `v` (per inspection) or `p` (pooled)."""

    def __init__(self, layout: Layout):
        super().__init__(layout)
        self.across = {step.node: i for i, step in enumerate(layout.plan.across)}

    def figure(self, op: s.Op) -> str:
        match op:
            case s.FigureValue(node=node) if node in self.across:
                return f"a[{self.across[node]}]"
            case s.AcrossOf(function="pooled", node=node):
                return f"p[{self.index[node]}]"
            case s.AcrossOf(function=fn, node=node, strict=strict):
                return f"across_of({VECTOR_REDUCE[fn]}, v[{self.index[node]}], {strict})"
        return super().figure(op)

    def steps(self) -> str:
        fw = self.layout.fw
        out, steps = [], []
        for i, step in enumerate(self.layout.plan.across):
            kind = fw.kind_of(step.node)
            title = fw.across[step.node].title if step.node in fw.across else None
            note = comment(f"{kind} {step.node} across inspections"
                           + (f" {title!r}" if title else ""))
            located = f"{where(step.span)} ({kind} {step.node})"
            out.append(f"def _across_{i}(a, v, p, _inputs, size):\n"
                       f"    # {where(step.span)}: {note}\n"
                       f"    return {self.figure(step.op)}\n")
            steps.append(f"    ({i}, _across_{i}, {located!r}),")
        figures = tuple((step.node, fw.figure_type(step.node).kind,
                         fw.figure_type(step.node).scale) for step in self.layout.plan.across)
        out.append(f"ACROSS_FIGURES = {literal(figures)}\n\n"
                   f"POOLED = {bool(self.layout.plan.pooled())}\n\n"
                   "ACROSS_STEPS = (\n" + "\n".join(steps) + "\n)\n")
        return "\n\n".join(out)


def with_across(layout: Layout, glue: str) -> tuple[str, list[str]]:
    """The glue (with `score()` returning figures across inspections too) and the sections
    to add after the per-inspection figures; unchanged and none without such figures."""
    if not layout.plan.across:
        return glue, []
    if RETURN not in glue:
        raise AssertionError("score() no longer ends as across_path.RETURN expects")
    sections = ["# " + "-" * 76 + " figures across inspections", RUNTIME,
                AcrossWriter(layout).steps()]
    return glue.replace(RETURN, RETURN_ACROSS), sections
