"""Aggregates with `applies when`: where a figure is not applicable, and totals that leave
out the items that are not applicable (`plan.lower.Step.applies`, `plan.steps.Reduce.when`).

A figure that does not apply to an inspection is NaN like an undefined one; the difference
is in totals: a strict sum or mean leaves a not-applicable item out and stays defined,
while an undefined item makes it undefined. Where the test is unknown (a blank input) the
figure is undefined, not "not applicable".
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import Step

Compute = Callable[[s.Op], np.ndarray]


def items(compute: Compute, ops: tuple[s.Op, ...], when: tuple[s.Op | None, ...]
          ) -> tuple[np.ndarray, np.ndarray]:
    """The items of a total, one row each, and per item and inspection whether it is kept:
    False where its test is false (an unknown test keeps the item, which is then NaN)."""
    rows = np.vstack([compute(op) for op in ops])
    kept = np.ones(rows.shape, dtype=bool)
    for i, test in enumerate(when):
        if test is not None:
            kept[i] = compute(test) != 0.0
    return rows, kept


def step_value(compute: Compute, step: Step) -> np.ndarray:
    """The step's figure, NaN where its aggregate does not apply or that is unknown."""
    value = compute(step.op)
    if step.applies is None:
        return value
    return np.where(compute(step.applies) == 1.0, value, np.nan)
