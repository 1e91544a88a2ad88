"""Applicability conditions lowered to tests over per-case values (`steps.Test`).

Constants are coded here, once, the way case arrays code them (see `engine/cases.py`):
enum values and rating levels by index (-2 if undeclared, so it equals nothing), dates as
days since 1970, booleans 1/0, numbers as floats, and text in the vocabulary of the field
it is compared with.
"""

from __future__ import annotations

import datetime

from critc.compiler.model import framework as m
from critc.compiler.model.cells import date_number
from critc.compiler.plan import steps as s


def lower_condition(fw: m.Framework, index: dict[str, int], expr: m.Expr) -> s.Test:
    """`expr` (a boolean per-case expression) as a test; `index` gives each question's
    answer-matrix column."""
    match expr:
        case m.Logic(op="and", operands=ops):
            return s.AllOf(tests=tuple(lower_condition(fw, index, o) for o in ops))
        case m.Logic(op="or", operands=ops):
            return s.AnyOf(tests=tuple(lower_condition(fw, index, o) for o in ops))
        case m.Not(operand=o):
            return s.NotOf(test=lower_condition(fw, index, o))
        case m.Compare(op=op, left=left, right=right):
            return s.Compare(
                op=op, left=case_value(fw, index, left, right),
                right=case_value(fw, index, right, left),
                descending=op not in ("=", "!=") and left.type.kind == "rating",
                text=left.type.kind == "text" or right.type.kind == "text")
        case m.InSet(operand=operand, values=values, negated=negated):
            return s.Member(operand=case_value(fw, index, operand, None),
                            codes=tuple(constant(fw, v, operand.type, operand) for v in values),
                            negated=negated)
    return s.Truthy(operand=case_value(fw, index, expr, None))


def case_value(fw: m.Framework, index: dict[str, int], expr: m.Expr,
               other: m.Expr | None) -> s.CaseValue:
    """A per-case value; `other` is what it is compared with (a text constant is coded in
    the vocabulary of the field on the other side)."""
    match expr:
        case m.FieldRef(field=name):
            return s.FieldValue(field=name, per_inspection=fw.fields[name].origin == "inspection",
                                text=expr.type.kind == "text")
        case m.AnswerRef(question=qid):
            return s.AnswerCode(question=qid, index=index[qid])
        case m.Const(value=value):
            return constant(fw, value, expr.type, other or expr)
        case m.Arith(op=op, left=left, right=right):
            return s.CaseArith(op=op, left=case_value(fw, index, left, None),
                               right=case_value(fw, index, right, None))
        case m.Negate(operand=o):
            return s.CaseNegate(operand=case_value(fw, index, o, None))
    raise TypeError(f"not a per-case expression: {type(expr).__name__}")


def constant(fw: m.Framework, value: m.Value, type_: m.Type, where: m.Expr
             ) -> s.Code | s.TextCode:
    """A constant coded as case arrays code values of `type_`."""
    match type_.kind:
        case "enum":
            return s.Code(value=type_.values.index(value) if value in type_.values else -2)
        case "rating":
            levels = fw.rating_scales[type_.scale_id].levels
            return s.Code(value=levels.index(value) if value in levels else -2)
        case "text":
            return s.TextCode(text=str(value),
                              field=where.field if isinstance(where, m.FieldRef) else None)
        case "date":
            if not isinstance(value, datetime.date):
                raise TypeError(f"not a date: {value!r}")
            return s.Code(value=date_number(value))
        case "boolean":
            return s.Code(value=int(bool(value)))
    if isinstance(value, datetime.date):
        raise TypeError(f"not a number: {value!r}")
    return s.Code(value=float(value))
