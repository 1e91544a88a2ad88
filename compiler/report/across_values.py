"""What a figure across inspections combines, as plain data: for each `FUNCTION of X across
inspections` in its formula, every inspection's value of X and the combined value; for
`pooled over X across inspections`, X over the cases of every inspection together.

`critc explain` prints it (`explain_across.py`); the results report shows it with a link
to each inspection's figure (`across_section.py`).
"""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.engine.across import REDUCE, pooled_values
from critc.compiler.engine.evaluate import Figures, Results
from critc.compiler.io.values import defined, shown
from critc.compiler.model import framework as m
from critc.compiler.model.text import reference_text

Pooled = dict[str, np.ndarray]  # the figures some step pools, over every inspection's cases


@attrs.frozen(kw_only=True)
class InspectionValue:
    g: int  # the inspection's index in the results
    key: str  # its name: `Ashford`
    shown: str  # the figure's value there, as published
    defined: bool


@attrs.frozen(kw_only=True)
class Combination:
    """One `... across inspections` of a figure's formula."""

    function: str  # mean, sum, min, max, count or pooled
    figure: str  # the per-inspection figure it combines
    name: str  # `criterion 1.1`
    strict: bool  # undefined when the figure is undefined in any inspection
    result: str  # the combined value, as shown
    cases: int | None  # the cases behind the figure over every inspection
    inspections: tuple[InspectionValue, ...]

    @property
    def pooled(self) -> bool:
        return self.function == "pooled"

    @property
    def undefined(self) -> tuple[str, ...]:
        """The inspections where the figure has no value."""
        return tuple(i.key for i in self.inspections if not i.defined)

    @property
    def rule(self) -> str:
        return "undefined if any inspection's is" if self.strict else \
            "skipping inspections where it is undefined"


def pooled_figures(results: Results) -> Pooled:
    return pooled_values(results.plan, *results.columns(), Figures)


def across_leaves(fw: m.Framework, node: str) -> list[m.Across]:
    """The `... across inspections` parts of figure `node`'s formula, in order."""
    formula = fw.across[node].formula
    if formula is None:
        return []
    return [expr for expr in m.walk(formula) if isinstance(expr, m.Across)]


def combination(results: Results, expr: m.Across, pooled: Pooled) -> Combination:
    fw = results.plan.framework
    figure = expr.figure.node
    column = results.values[figure]
    cases = results.cases.get(figure)
    inspections = tuple(
        InspectionValue(g=g, key=key, shown=shown(fw, figure, column[g]),
                        defined=bool(defined(column[g])))
        for g, key in enumerate(results.grouping.keys))
    if expr.function == "pooled":
        result = shown(fw, figure, pooled[figure][0])
    else:
        combined = float(np.atleast_1d(REDUCE[expr.function](column[:, np.newaxis]))[0])
        if expr.strict and not all(i.defined for i in inspections):
            combined = np.nan
        result = shown(fw, figure, combined) if expr.type == expr.figure.type else \
            ("n/a" if not defined(combined) else f"{combined:g}")
    return Combination(function=expr.function, figure=figure,
                       name=reference_text(fw, figure), strict=expr.strict, result=result,
                       cases=None if cases is None else int(cases.sum()),
                       inspections=inspections)


def combinations(results: Results, node: str, pooled: Pooled) -> list[Combination]:
    """Every combination in figure `node`'s formula, in order."""
    return [combination(results, expr, pooled)
            for expr in across_leaves(results.plan.framework, node)]
