"""Figures across inspections, computed once after every inspection's figures.

A step across inspections (`Plan.across`) is computed like a per-inspection step for a
single "inspection" standing for all of them: its `AcrossOf` leaves combine a figure's
per-inspection values (mean, min, max, sum, count; strict or skipping undefined ones) or
read the figure pooled: its plan step computed once over every inspection's counts added
up, which is what `critc score --all` computes for it. Every value is a one-element float
array, NaN undefined.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import attrs
import numpy as np
from critc.compiler.engine import runtime
from critc.compiler.engine.cases import with_blank_inputs
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import Plan

REDUCE = {"mean": runtime.mean, "min": runtime.minimum, "max": runtime.maximum,
          "sum": runtime.total, "count": runtime.count}


@attrs.frozen
class AcrossResults:
    """The figures across inspections: each a value (NaN undefined), and the cases behind
    it over every inspection (for a figure combining several, the most any of them has)."""

    values: dict[str, float]
    cases: dict[str, int]
    inspections: int  # how many inspections were combined


NO_FIGURES = AcrossResults({}, {}, 0)

def no_op(op: s.Op) -> np.ndarray:
    """What a per-inspection evaluator does with an operation it does not know."""
    raise TypeError(f"not a figure operation: {type(op).__name__}")


class Computes(Protocol):
    def compute(self, op: s.Op) -> np.ndarray: ...


Combine = Callable[[s.Op], np.ndarray]
# How a per-inspection evaluator is made, from (plan, values, numerators, denominators,
# inputs, size, combine), `combine` computing its AcrossOf leaves (and any operation it does
# not know): `engine.evaluate`'s `Figures`, passed in by `evaluate`.
Evaluator = Callable[[Plan, dict[str, np.ndarray], np.ndarray, np.ndarray,
                      dict[str, np.ndarray], int, Combine], Computes]


def evaluate_across(plan: Plan, values: dict[str, np.ndarray], num: np.ndarray,
                    den: np.ndarray, cases: dict[str, np.ndarray],
                    evaluator: Evaluator) -> AcrossResults:
    """Every step across inspections of `plan`, from the per-inspection `values` and counts
    (`num`, `den`: inspections × questions)."""
    if not plan.across:
        return NO_FIGURES
    pooled = pooled_values(plan, num, den, evaluator)
    per_inspection = values

    def combine(op: s.Op) -> np.ndarray:
        if not isinstance(op, s.AcrossOf):
            return no_op(op)
        if op.function == "pooled":
            return pooled[op.node]
        column = per_inspection[op.node][:, np.newaxis]
        out = np.atleast_1d(REDUCE[op.function](column)).astype(float)
        if op.strict and np.isnan(column).any():
            return np.full(1, np.nan)
        return out

    across: dict[str, np.ndarray] = {}
    figures = evaluator(plan, across, num[:0], den[:0], {}, 1, combine)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for step in plan.across:
            across[step.node] = figures.compute(step.op)
    return AcrossResults({node: float(v[0]) for node, v in across.items()},
                         _cases(plan, cases), len(num))


def pooled_values(plan: Plan, num: np.ndarray, den: np.ndarray,
            evaluator: Evaluator) -> dict[str, np.ndarray]:
    """The figures some step pools: computed once over every inspection's counts."""
    wanted = plan.pooled()
    if not wanted:
        return {}
    total_num = num.sum(axis=0, keepdims=True)
    total_den = den.sum(axis=0, keepdims=True)
    proportions = runtime.proportion(total_num, total_den)
    values = {q.id: proportions[:, q.index] for q in plan.questions}
    inputs = with_blank_inputs(plan.framework, None, 1)  # the checker refuses inputs here
    figures = evaluator(plan, values, total_num, total_den, inputs, 1, no_op)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for step in plan.steps:
            values[step.node] = figures.compute(step.op)
    return {node: values[node] for node in wanted}


def _cases(plan: Plan, cases: dict[str, np.ndarray]) -> dict[str, int]:
    """Cases behind each figure across inspections, over every inspection."""
    out: dict[str, int] = {}
    for step in plan.across:
        behind = [int(cases[op.node].sum()) for op in s.walk_ops(step.op)
                  if isinstance(op, s.AcrossOf) and op.node in cases]
        behind += [out[op.node] for op in s.walk_ops(step.op)
                   if isinstance(op, s.FigureValue) and op.node in out]
        out[step.node] = max(behind, default=0)
    return out
