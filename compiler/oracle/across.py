"""The oracle's reading of figures across inspections, from the model.

Each inspection is scored by `Reference`; a figure across inspections then combines their
values (`mean of X across inspections`: the mean of the inspections' values of X, undefined
if any is unless `skipping undefined`; min, max and count over the defined ones) or scores
X once more over every case of every inspection (`pooled over X across inspections`).
"""

from __future__ import annotations

from typing import Any

from critc.compiler.model import framework as m
from critc.compiler.oracle.reference import Reference


class AcrossReference(Reference):
    """Figures across inspections: `by_inspection` holds one `Reference` per inspection."""

    def __init__(self, fw: m.Framework, by_inspection: dict[str, Reference],
                 all_cases: list[dict]):
        super().__init__(fw, [])
        self.by_inspection = by_inspection
        self.pooled = Reference(fw, all_cases)

    def value(self, node: str) -> Any:
        if node not in self.memo:
            if node in self.fw.across:
                formula = self.fw.across[node].formula
                if formula is None:
                    raise ValueError(f"aggregate {node} has no formula")
                self.memo[node] = self.compute(formula)
            elif node in self.fw.applications:
                app = self.fw.applications[node]
                self.memo[node] = self.band(app.band, self.value(app.target))
            else:
                raise ValueError(f"{node} is not a figure across inspections")
        return self.memo[node]

    def compute(self, expr: m.Expr) -> Any:
        if not isinstance(expr, m.Across):
            return super().compute(expr)
        node = expr.figure.node
        if expr.function == "pooled":
            return self.pooled.value(node)
        every = [ref.value(node) for ref in self.by_inspection.values()]
        values = [v for v in every if v is not None]
        if expr.strict and len(values) < len(every):
            return None
        if expr.function == "count":
            return float(len(values))
        if not values:
            return None
        if expr.type.kind == "rating":  # levels are indexed best first: min is the worst
            return float(max(values) if expr.function == "min" else min(values))
        return {"mean": sum(values) / len(values), "min": min(values), "max": max(values),
                "sum": sum(values)}[expr.function]


def reference_across(fw: m.Framework, cases_by_inspection: dict[str, list[dict]],
                     inputs_by_inspection: dict[str, dict] | None = None) -> dict[str, Any]:
    """{figure: value} for every figure across inspections and the band labels of those."""
    inputs = inputs_by_inspection or {}
    by_inspection = {key: Reference(fw, cases, inputs.get(key))
                     for key, cases in cases_by_inspection.items()}
    every_case = [case for cases in cases_by_inspection.values() for case in cases]
    ref = AcrossReference(fw, by_inspection, every_case)
    figures = list(fw.across) + [a for a in fw.applications if fw.is_across(a)]
    return {node: ref.value(node) for node in figures}
