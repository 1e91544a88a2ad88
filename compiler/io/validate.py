"""Checks of case records that need the framework's applicability conditions:
an answer given where the question does not apply, and an applicable question left blank."""

from __future__ import annotations

import numpy as np
from critc.compiler.engine.cases import CaseTable, Grouping
from critc.compiler.engine.evaluate import Conditions
from critc.compiler.io.records import MAX_ROWS_PER_PROBLEM, clip, where
from critc.compiler.model.text import expression_text
from critc.compiler.plan.lower import Plan
from critc.dsl.diagnostics import Diagnostic, Severity, error, plural, warning


def applicability_masks(plan: Plan, table: CaseTable, grouping: Grouping,
                        inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """question → where it applies, over every case."""
    conditions = Conditions(plan, table, inputs, slice(None), grouping.group)
    out = {}
    for q in plan.questions:
        out[q.id] = conditions.holds(q.condition) if q.condition is not None \
            else np.ones(table.n, dtype=bool)
    return out


def check_answers(plan: Plan, table: CaseTable, grouping: Grouping,
                  inputs: dict[str, np.ndarray], strict: bool) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    masks = applicability_masks(plan, table, grouping, inputs)
    fw = plan.framework
    make = error if strict else warning
    for q in plan.questions:
        answers = table.answers[:, q.index]
        applies = masks[q.id]
        column = table.columns.get(q.id, 1)
        given = answers >= 0
        if q.not_applicable:
            given &= ~np.isin(answers, q.not_applicable)
        stray = np.flatnonzero(given & ~applies)
        if len(stray):
            condition = fw.questions[q.id].applies
            out.append(make(
                "answer-where-not-applicable",
                f"question `{q.id}` is answered in {plural(len(stray), 'case')} where it does "
                f"not apply ({_rows(table, stray)})",
                where(table.source, _row(table, stray[0]), column),
                hint=f"it applies when {_source_text(condition)}; these answers are not "
                "counted" if condition is not None else None))
        blank = np.flatnonzero(applies & (answers < 0))
        if len(blank):
            out.append(warning(
                "applicable-left-blank",
                f"question `{q.id}` applies but is blank in {plural(len(blank), 'case')} "
                f"({_rows(table, blank)})", where(table.source, _row(table, blank[0]), column),
                hint="blanks count as missing, never as not applicable; they are left out of "
                "the proportion"))
    return out


def _row(table: CaseTable, i: int) -> int:
    """The line in its file of case `i` (the tables checked here were read from files)."""
    assert table.rows is not None, "a table read from a file knows each case's row"
    return int(table.rows[i])


def _rows(table: CaseTable, indices: np.ndarray) -> str:
    shown = []
    for i in indices[:MAX_ROWS_PER_PROBLEM]:
        label = f"row {_row(table, i)}"
        if table.case_ids is not None and table.case_ids[i] is not None:
            label += f" case {clip(str(table.case_ids[i]))}"
        shown.append(label)
    more = f" and {len(indices) - MAX_ROWS_PER_PROBLEM} more" \
        if len(indices) > MAX_ROWS_PER_PROBLEM else ""
    return ", ".join(shown) + more


def _source_text(expr) -> str:
    return expression_text(expr)


__all__ = ["applicability_masks", "check_answers", "Severity"]
