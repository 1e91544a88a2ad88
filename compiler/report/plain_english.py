"""Model expressions in plain English, for people who do not read the framework language.

`condition_text` says when a question applies ("the case's Risk of harm is medium, high or
very high"); `formula_text` says how a figure is computed ("the average of criterion 1.1
(Preparing for sentence) and ..."). Both return plain text: escaping is the caller's job.
The notation itself is `critc.compiler.model.text.expression_text`.
"""

from __future__ import annotations

import datetime
from typing import assert_never

from critc.compiler.model import framework as m
from critc.compiler.model.text import constant_text

ARITH_WORDS = {"+": "plus", "-": "minus", "*": "times", "/": "divided by"}
COMPARE_WORDS = {"<": "is less than", "<=": "is at most", ">": "is more than",
                 ">=": "is at least", "=": "is", "==": "is", "!=": "is not"}
REDUCE_WORDS = {"mean": "the average of", "min": "the lowest of", "max": "the highest of",
                "sum": "the sum of", "count": "how many have a value of"}


def join_words(words: list[str], conjunction: str = "and") -> str:
    """`a`, `a or b`, `a, b or c`."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def value_words(value: m.Value) -> str:
    """An enumeration value or constant as people say it: `very_high` → `very high`."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, float):
        return f"{value:g}"
    return value.replace("_", " ")


def figure_name(fw: m.Framework, node: str) -> str:
    """`criterion 1.2 (Assessment of risk of harm)`; a field by its title."""
    if node in fw.fields:
        return field_name(fw, node)
    title = fw.questions[node].text if node in fw.questions else \
        fw.aggregates[node].title if node in fw.aggregates else None
    kind = fw.kind_of(node)
    return f"{kind} {node} ({title})" if title else f"{kind} {node}"


def field_name(fw: m.Framework, name: str) -> str:
    """`the case's Risk of serious harm` or `the inspection's Leadership`."""
    field = fw.fields.get(name)
    if field is None:
        return name
    owner = "the case's" if field.origin == "case" else "the inspection's"
    return f"{owner} {field.title or name}"


# ----------------------------------------------------------------------------- conditions
def condition_text(expr: m.Expr, fw: m.Framework) -> str:
    """A per-case condition in words: what must hold for a question to apply."""
    match expr:
        case m.FieldRef(field=name) if expr.type.kind == "boolean":
            return f"{field_name(fw, name)} is yes"
        case m.Not(operand=m.FieldRef(field=name) as operand) if operand.type.kind == "boolean":
            return f"{field_name(fw, name)} is no"
        case m.Not(operand=operand):
            return f"it is not the case that {condition_text(operand, fw)}"
        case m.Logic(op=op, operands=operands):
            parts = [condition_text(o, fw) for o in operands]
            nested = any(isinstance(o, m.Logic) or " and " in p or " or " in p
                         for o, p in zip(operands, parts, strict=True))
            parts = [f"({p})" if isinstance(o, m.Logic) else p
                     for o, p in zip(operands, parts, strict=True)]
            return (f", {op} " if nested else f" {op} ").join(parts)
        case m.InSet(operand=operand, values=values, negated=negated):
            return f"{operand_text(operand, fw)} {_in_words(operand, values, negated, fw)}"
        case m.Compare(op=op, left=left, right=right):
            return _compare_text(op, left, right, fw)
        case _:
            return operand_text(expr, fw)


def _in_words(operand: m.Expr, values: tuple[m.Value, ...], negated: bool,
              fw: m.Framework) -> str:
    words = [_value_of(operand, v, fw) for v in values]
    if not negated:
        return "is " + join_words(words, "or")
    if len(words) == 1:
        return f"is not {words[0]}"
    if len(words) == 2:
        return f"is neither {words[0]} nor {words[1]}"
    return "is none of " + join_words(words, "or")


def _compare_text(op: str, left: m.Expr, right: m.Expr, fw: m.Framework) -> str:
    """`rosh >= medium` reads as the values it admits: `is medium, high or very high`."""
    values = left.type.values
    if left.type.kind == "enum" and isinstance(right, m.Const) and right.value in values \
            and op in ("<", "<=", ">", ">="):
        at = values.index(str(right.value))
        chosen = {"<": values[:at], "<=": values[:at + 1], ">": values[at + 1:],
                  ">=": values[at:]}[op]
        return f"{operand_text(left, fw)} {_in_words(left, chosen, False, fw)}"
    right_words = _value_of(left, right.value, fw) if isinstance(right, m.Const) \
        else operand_text(right, fw)
    return f"{operand_text(left, fw)} {COMPARE_WORDS.get(op, op)} {right_words}"


def _value_of(operand: m.Expr, value: m.Value, fw: m.Framework) -> str:
    """A value as the operand's scale labels it (an answer code), or in plain words."""
    if isinstance(operand, m.AnswerRef):
        scale = fw.scales.get(fw.questions[operand.question].scale)
        if scale is not None and str(value) in scale.labels:
            return scale.labels[str(value)]
    if operand.type.kind == "score" and isinstance(value, float):
        return f"{value * 100:g}%"
    return value_words(value)


def operand_text(expr: m.Expr, fw: m.Framework) -> str:
    """A value inside a condition or formula, in words."""
    match expr:
        case m.Const():
            if expr.type.kind == "text":
                return f"“{expr.value}”"
            if expr.type.kind == "score":
                return constant_text(expr)
            return value_words(expr.value)
        case m.FieldRef(field=name):
            return field_name(fw, name)
        case m.AnswerRef(question=q):
            return f"the answer to question {q}"
        case m.Arith(op=op, left=a, right=b):
            return f"({operand_text(a, fw)} {ARITH_WORDS[op]} {operand_text(b, fw)})"
        case m.Negate(operand=a):
            return f"minus {operand_text(a, fw)}"
        case m.Compare() | m.InSet() | m.Logic() | m.Not():
            return condition_text(expr, fw)
        case m.FigureRef() | m.Reduce() | m.Pooled() | m.WeightedMean() | m.Points() \
                | m.BandOf() | m.FirstOf() | m.IfElse() | m.Across():
            return formula_text(expr, fw)
        case _:
            assert_never(expr)


# ----------------------------------------------------------------------------- formulas
def formula_text(expr: m.Expr, fw: m.Framework) -> str:
    """A per-inspection formula in words: how a figure is computed."""
    match expr:
        case m.FigureRef(node=node) if node in fw.questions:
            return f"question {node}"
        case m.FigureRef(node=node):
            return figure_name(fw, node)
        case m.Reduce(function=function, items=items):
            skipping = " (skipping any that has no value)" if expr.skipping \
                and function in ("sum", "mean") else ""
            return f"{REDUCE_WORDS[function]} {_items_text(items, fw)}{skipping}"
        case m.FirstOf(items=items):
            return "the first that has a value of: " + join_words(
                [formula_text(i, fw) for i in items])
        case m.IfElse(condition=c, then=a, otherwise=b):
            return (f"if {condition_text(c, fw)}, {formula_text(a, fw)}; otherwise "
                    f"{formula_text(b, fw)}")
        case m.Pooled(questions=questions):
            return ("the share of answers above the line, pooled over every case and "
                    f"{_count(len(questions), 'question')} together: "
                    + join_words(list(questions)))
        case m.WeightedMean(items=items, weights=weights, renormalise=renormalise):
            parts = [f"{formula_text(i, fw)}, weighted {w:g}"
                     for i, w in zip(items, weights, strict=True)]
            tail = "" if renormalise else " (the weights are not rescaled when a part " \
                "has no value)"
            return "the weighted average of: " + "; and ".join(parts) + tail
        case m.Points(operand=operand):
            return f"the points of {formula_text(operand, fw)}"
        case m.BandOf(band=band, operand=operand):
            return f"the band {_band_name(fw, band)} applied to {formula_text(operand, fw)}"
        case m.Across(function="pooled", figure=figure):
            return (f"{formula_text(figure, fw)} computed over the cases of every inspection "
                    "together")
        case m.Across(function=function, figure=figure):
            skipping = " (skipping any inspection where it has no value)" if expr.skipping \
                else ""
            return f"{REDUCE_WORDS[function]} {formula_text(figure, fw)} over every " \
                f"inspection{skipping}"
        case _:
            return operand_text(expr, fw)


def _items_text(items: tuple[m.Expr, ...], fw: m.Framework) -> str:
    """`questions 1.1a, 1.1b and 1.1c` when all are questions; else each in words."""
    if len(items) > 1 and all(isinstance(i, m.FigureRef) and i.node in fw.questions
                              for i in items):
        return "questions " + join_words([i.node for i in items if isinstance(i, m.FigureRef)])
    return join_words([formula_text(i, fw) for i in items])


def _band_name(fw: m.Framework, band: str) -> str:
    title = fw.bands[band].title if band in fw.bands else None
    return f"{band} ({title})" if title else band


def _count(n: int, noun: str) -> str:
    return f"its {noun}" if n == 1 else f"all {n} {noun}s"


# ----------------------------------------------------------------------------- band rows
def band_row_text(row: m.BandRow, percent: bool) -> str:
    """A band row's range in words: `70% and above`, `60% to under 70%`, `otherwise`."""
    unit = "%" if percent else ""
    if row.otherwise:
        return "otherwise (any other value)"
    low = None if row.low is None else f"{row.low:g}{unit}"
    high = None if row.high is None else f"{row.high:g}{unit}"
    if low and high:
        upto = "up to" if row.high_inclusive else "to under"
        start = low if row.low_inclusive else f"over {low}"
        return f"{start} {upto} {high}"
    if low:
        return f"{low} and above" if row.low_inclusive else f"over {low}"
    if high:
        return f"{high} and below" if row.high_inclusive else f"under {high}"
    return "any value"
