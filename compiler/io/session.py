"""A checked framework meets its cases: read, validate, group and attach inputs.

Every command that scores (`score`, `explain`, `test`, `coverage`, `diff`) opens a session
here; nothing in this module prints. Problems come back as diagnostics.
"""

from __future__ import annotations

import datetime

import attrs
import numpy as np
import pyarrow as pa
from critc.compiler.check.passes import CheckResult
from critc.compiler.engine.cases import (
    CaseTable,
    Grouping,
    group_cases,
    no_cases,
    with_blank_inputs,
)
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.io.records import (
    Source,
    input_inspections,
    load_cases,
    load_inputs,
    read_source,
)
from critc.compiler.io.tables import RecordsError, clip, where
from critc.compiler.io.validate import check_answers
from critc.compiler.model.cells import EPOCH
from critc.compiler.plan.lower import Plan, plan_for
from critc.dsl.diagnostics import Diagnostic, has_errors, warning


@attrs.define
class Session:
    """A checked framework with its cases read, validated and grouped."""

    check: CheckResult
    plan: Plan
    table: CaseTable
    grouping: Grouping
    inputs: dict[str, np.ndarray]

    def evaluate(self, detail: bool = True):
        return evaluate(self.plan, self.table, self.grouping, self.inputs, detail)


class GroupingError(Exception):
    """Cases cannot be grouped as asked (a usage error, not a problem in the files)."""


def decode_value(fw, table: CaseTable, field: str, i: int) -> str:
    """A case field's value in case `i` as the user wrote it."""
    code = table.fields[field][i]
    type_ = fw.fields[field].type
    if isinstance(code, float) or np.issubdtype(type(code), np.floating):
        if np.isnan(code):
            return "(blank)"
        if type_.kind == "date":
            return (EPOCH + datetime.timedelta(days=int(code))).isoformat()
        return f"{float(code):g}"
    code = int(code)
    if code < 0:
        return "(blank)"
    if type_.kind == "enum":
        return type_.values[code]
    if type_.kind == "rating":
        return fw.rating_scales[type_.scale].levels[code]
    if type_.kind == "boolean":
        return "true" if code else "false"
    return table.vocab[field][code]


def decode_key(fw, table: CaseTable, field: str, code) -> str:
    index = int(np.argmax(table.fields[field] == code))
    return decode_value(fw, table, field, index)


def grouping_field(result: CheckResult, by: str | None = None, whole: bool = False
                   ) -> str | None:
    """The field cases are grouped by: `by`, else the framework's inspection field; None
    with `whole` (one set of figures over every case)."""
    fw = result.model
    field = None if whole else (by or fw.inspection)
    if field is not None and field not in {f.id for f in fw.case_fields}:
        raise GroupingError(f"cannot group by `{field}`: it is not a case field")
    return field


def open_session(result: CheckResult, cases: Source | None,
                 inputs: Source | None = None, *, by: str | None = None,
                 whole: bool = False, strict: bool = False, progress=None,
                 shown: str | None = None, missing_questions: str = "error",
                 inputs_shown: str | None = None, inputs_only: bool = False
                 ) -> tuple[Session | None, list[Diagnostic]]:
    """Read `cases` (a path, or a table already read) against the clean framework of
    `result`, group them and attach `inputs`. `shown` and `inputs_shown` name the cases and
    the inputs in diagnostics (by default the path, or `<records>` and `<inputs>` for a
    table). The session is None when a problem is an error; the diagnostics list every
    problem found, errors and warnings.

    With `inputs_only`, an inspection the inputs have a row for but the cases do not is
    scored from its inputs alone (every figure from cases is n/a), `cases` may be None (no
    cases at all), and a case file holding only a header is read as no cases."""
    fw = result.model
    field = grouping_field(result, by, whole)
    plan = plan_for(result)
    table, problems = _read_cases(fw, cases, inputs is not None and inputs_only,
                                  shown=shown, missing_questions=missing_questions,
                                  progress=progress)
    if table is None or has_errors(problems):
        return None, problems
    extra: dict[str, int] = {}
    if inputs is not None and inputs_only and field is not None and field == fw.inspection:
        try:
            if not isinstance(inputs, pa.Table):
                inputs, name = read_source(inputs)
                inputs_shown = inputs_shown or name
        except RecordsError as exc:
            return None, [*problems, exc.diagnostic]
        extra = input_inspections(inputs, fw)
    grouping = group_cases(table, field, lambda f, c: decode_key(fw, table, f, c), extra)
    given: dict[str, np.ndarray] = {}
    if inputs is not None:
        given, input_problems = load_inputs(inputs, fw, grouping.keys, table.vocab,
                                            shown=inputs_shown,
                                            missing_inputs=missing_questions)
        problems.extend(input_problems)
    problems.extend(_inputs_alone(fw, grouping, extra, inputs_shown or "<inputs>"))
    values = with_blank_inputs(fw, given, grouping.size)
    if not has_errors(problems):
        problems.extend(check_answers(plan, table, grouping, values, strict))
    if has_errors(problems):
        return None, problems
    return Session(result, plan, table, grouping, values), problems


def _read_cases(fw, cases: Source | None, none_allowed: bool, **kwargs
                ) -> tuple[CaseTable | None, list[Diagnostic]]:
    """The case table; with `none_allowed` (inputs alone may be scored), no case file or
    one holding only a header is a table of no cases."""
    if cases is None:
        return no_cases(fw), []
    if kwargs["progress"] is None:
        del kwargs["progress"]
    table, problems = load_cases(cases, fw, **kwargs)
    if none_allowed and table is None and [(d.code, d.span and d.span.line)
                                           for d in problems] == [("empty-records", 2)]:
        return no_cases(fw), []  # a header but no cases
    return table, problems


def _inputs_alone(fw, grouping: Grouping, extra: dict[str, int], shown: str | None
                  ) -> list[Diagnostic]:
    """A warning for each inspection scored from its inputs alone in a framework that has
    questions (it may be a misspelt inspection)."""
    if not fw.questions:
        return []
    counts = np.bincount(grouping.group, minlength=grouping.size)
    return [warning("unknown-inspection", f"inputs given for `{clip(key)}`, which has no "
                    "cases: scored from its inputs alone (figures from cases are n/a)",
                    where(shown or "inputs", row, 1))
            for key, row in extra.items() if counts[grouping.keys.index(key)] == 0]
