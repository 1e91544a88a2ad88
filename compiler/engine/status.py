"""How each case counts towards each question's proportion: NOT_COUNTED, BELOW or ABOVE
the line (`plan.steps`), from the answer code's status and the question's applicability.

This is the one reading of a case's counting status outside the counting itself (which
sums the same masks per inspection, see `counting.count_answers`); explain and impact
(`critc diff`'s case changes) read it here.
"""

from __future__ import annotations

import numpy as np
from critc.compiler.engine.cases import CaseTable
from critc.compiler.engine.conditions import Conditions
from critc.compiler.engine.runtime import status_lookup  # explain reads it here too
from critc.compiler.plan.lower import Plan


def _lookups(plan: Plan) -> dict[tuple[int, ...], list[int]]:
    """Per distinct status table: the question columns that use it."""
    out: dict[tuple[int, ...], list[int]] = {}
    for q in plan.questions:
        out.setdefault(q.status, []).append(q.index)
    return out


def case_statuses(plan: Plan, table: CaseTable, inputs: dict[str, np.ndarray],
                  rows: np.ndarray | slice, group: np.ndarray) -> np.ndarray:
    """(cases, questions) int8 over `rows` (`group`: their inspections): how each case
    counts towards each question (columns in plan order)."""
    answers = table.answers[rows].view(np.uint8)
    out = np.zeros(answers.shape, dtype=np.int8)
    for status, columns in _lookups(plan).items():
        lookup = status_lookup(status)
        if len(columns) == answers.shape[1]:
            out = lookup[answers]
        else:
            out[:, columns] = lookup[answers[:, columns]]
    conditions = Conditions(plan, table, inputs, rows, group)
    for condition in plan.conditions:
        holds = conditions.holds(condition.test)
        for index in condition.questions:
            out[:, index] *= holds
    return out
