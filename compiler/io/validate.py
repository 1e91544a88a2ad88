"""Checks of case records that need the framework's applicability conditions:
an answer given where the question does not apply, and an applicable question left blank."""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.engine.cases import CaseTable, Grouping
from critc.compiler.engine.evaluate import Conditions
from critc.compiler.io.records import MAX_ROWS_PER_PROBLEM, clip, where
from critc.compiler.model.text import expression_text
from critc.compiler.plan.lower import Plan
from critc.dsl.diagnostics import Diagnostic, Severity, error, plural, warning

BLOCK_ROWS = 1 << 14  # cases checked at a time, every question at once


@attrs.define
class Found:
    """Cases of one question: how many, and the first few (indices into the table)."""

    count: int = 0
    first: list[int] = attrs.Factory(list)

    def add(self, mask: np.ndarray, hits: int, offset: int) -> None:
        """Add a column of a block of cases starting at case `offset` (`hits` of them set)."""
        if hits and len(self.first) < MAX_ROWS_PER_PROBLEM:
            need = MAX_ROWS_PER_PROBLEM - len(self.first)
            self.first += (np.flatnonzero(mask)[:need] + offset).tolist()
        self.count += hits


def _given(plan: Plan) -> list[tuple[np.ndarray, np.ndarray]]:
    """(columns, lookup) per set of not-applicable codes: the lookup takes an answer code
    (as uint8; a blank -1 is 255) to whether it is an answer here (not blank, and not a
    not-applicable code)."""
    groups: dict[tuple[int, ...], list[int]] = {}
    for q in plan.questions:
        groups.setdefault(tuple(q.not_applicable), []).append(q.index)
    out = []
    for codes, columns in groups.items():
        lookup = np.ones(256, dtype=bool)
        lookup[128:] = False  # negative codes: blank
        lookup[list(codes)] = False
        out.append((np.asarray(columns, dtype=np.int64), lookup))
    return out


def find_problems(plan: Plan, table: CaseTable, grouping: Grouping,
                  inputs: dict[str, np.ndarray]) -> tuple[list[Found], list[Found]]:
    """Per question (plan order): answers given where it does not apply (a not-applicable
    code is not an answer here) and blanks where it applies. The cases are read in blocks
    of rows with every question at once, and counted per column with one reduction."""
    conditions = Conditions(plan, table, inputs, slice(None), grouping.group)
    by_condition: dict = {}
    for q in plan.questions:
        if q.condition is not None:
            by_condition.setdefault(q.condition, []).append(q.index)
    holds = [(conditions.holds(test), columns) for test, columns in by_condition.items()]
    given_of = _given(plan)
    stray = [Found() for _ in plan.questions]
    blank = [Found() for _ in plan.questions]
    for lo in range(0, table.n, BLOCK_ROWS):
        answers = table.answers[lo:lo + BLOCK_ROWS].T  # a line per question (question-major)
        applies = np.ones(answers.shape, dtype=bool)
        for mask, columns in holds:
            applies[columns] = mask[None, lo:lo + BLOCK_ROWS]
        codes = answers.view(np.uint8)
        if len(given_of) == 1:
            given = given_of[0][1][codes]
        else:
            given = np.empty(answers.shape, dtype=bool)
            for columns, lookup in given_of:
                given[columns] = lookup[codes[columns]]
        given &= ~applies
        applies &= answers < 0
        _add(stray, given, lo)
        _add(blank, applies, lo)
    return stray, blank


def _add(found: list[Found], masks: np.ndarray, offset: int) -> None:
    """Add a block's masks (questions x cases) to each question's `Found`."""
    counts = np.count_nonzero(masks, axis=1)
    for index in np.flatnonzero(counts).tolist():
        found[index].add(masks[index], int(counts[index]), offset)


def check_answers(plan: Plan, table: CaseTable, grouping: Grouping,
                  inputs: dict[str, np.ndarray], strict: bool) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    stray_cases, blank_cases = find_problems(plan, table, grouping, inputs)
    fw = plan.framework
    make = error if strict else warning
    for q in plan.questions:
        column = table.columns.get(q.id, 1)
        stray = stray_cases[q.index]
        if stray.count:
            condition = fw.questions[q.id].applies
            out.append(make(
                "answer-where-not-applicable",
                f"question `{q.id}` is answered in {plural(stray.count, 'case')} where it "
                f"does not apply ({_rows(table, stray)})",
                where(table.source, _row(table, stray.first[0]), column),
                hint=f"it applies when {_source_text(condition)}; these answers are not "
                "counted" if condition is not None else None))
        blank = blank_cases[q.index]
        if blank.count:
            out.append(warning(
                "applicable-left-blank",
                f"question `{q.id}` applies but is blank in {plural(blank.count, 'case')} "
                f"({_rows(table, blank)})",
                where(table.source, _row(table, blank.first[0]), column),
                hint="blanks count as missing, never as not applicable; they are left out of "
                "the proportion"))
    return out


def _row(table: CaseTable, i: int) -> int:
    """The line in its file of case `i` (the tables checked here were read from files)."""
    assert table.rows is not None, "a table read from a file knows each case's row"
    return int(table.rows[i])


def _rows(table: CaseTable, found: Found) -> str:
    shown = []
    for i in found.first:
        label = f"row {_row(table, i)}"
        if table.case_ids is not None and table.case_ids[i] is not None:
            label += f" case {clip(str(table.case_ids[i]))}"
        shown.append(label)
    more = f" and {found.count - MAX_ROWS_PER_PROBLEM} more" \
        if found.count > MAX_ROWS_PER_PROBLEM else ""
    return ", ".join(shown) + more


def _source_text(expr) -> str:
    return expression_text(expr)


__all__ = ["check_answers", "find_problems", "Severity"]
