"""Model expressions in the framework language's own words (for comments in generated
code, explanations, diffs and messages)."""

from __future__ import annotations

import datetime
from typing import assert_never

import attrs
from critc.compiler.model import framework as m


def reference_text(fw: m.Framework, node: str) -> str:
    """`criterion 1.2`, `thread roh`; a field or input by its name alone."""
    kind = fw.kind_of(node)
    return f"{kind} {node}" if kind not in ("case field", "inspection input") else node


def constant_text(expr: m.Const) -> str:
    """A constant as the framework language writes it: `70%`, `"text"`, `2024-04-01`."""
    if expr.type.kind == "score":
        return f"{expr.number * 100:g}%"
    if expr.type.kind == "text":
        return '"' + str(expr.value).replace('"', '\\"') + '"'
    if isinstance(expr.value, datetime.date):
        return expr.value.isoformat()
    if isinstance(expr.value, bool):
        return "true" if expr.value else "false"
    if isinstance(expr.value, float):
        return f"{expr.value:g}"
    return str(expr.value)


def entry_text(expr: m.Expr, fw: m.Framework | None = None) -> str:
    """A weighted mean's entry: a set entry is the mean of its defined members, which a
    weighted mean's entry always is, so it is shown without `skipping undefined`."""
    if isinstance(expr, m.Reduce) and expr.function == "mean":
        return expression_text(attrs.evolve(expr, skipping=False), fw)
    return expression_text(expr, fw)


def expression_text(expr: m.Expr, fw: m.Framework | None = None) -> str:
    """A model expression in the framework language's own words."""
    def text(e: m.Expr) -> str:
        match e:
            case m.Const():
                return constant_text(e)
            case m.FieldRef(field=name):
                return name
            case m.AnswerRef(question=q):
                return f"question {q}"
            case m.FigureRef(node=node):
                return reference_text(fw, node) if fw else node
            case m.Arith(op=op, left=a, right=b):
                return f"({text(a)} {op} {text(b)})"
            case m.Negate(operand=a):
                return f"-{text(a)}"
            case m.Compare(op=op, left=a, right=b):
                return f"{text(a)} {op} {text(b)}"
            case m.InSet(operand=a, values=values, negated=neg):
                items = ", ".join(str(v) for v in values)
                return f"{text(a)} {'not in' if neg else 'in'} {{{items}}}"
            case m.Logic(op=op, operands=ops):
                return f" {op} ".join(f"({text(o)})" if isinstance(o, m.Logic) else text(o)
                                      for o in ops)
            case m.Not(operand=a):
                return f"not ({text(a)})"
            case m.Reduce(function=fn, items=items):
                return f"{fn}(" + ", ".join(text(i) for i in items) + ")" + \
                    (" skipping undefined" if e.skipping and fn in ("sum", "mean") else "")
            case m.Pooled(questions=qs):
                return "pooled(" + ", ".join(f"question {q}" for q in qs) + ")"
            case m.WeightedMean(items=items, weights=weights, renormalise=renorm):
                body = ", ".join(f"{entry_text(i, fw)}: {w:g}"
                                 for i, w in zip(items, weights, strict=True))
                return f"weighted mean({body})" + ("" if renorm else " without renormalising")
            case m.Points(operand=a):
                return f"points({text(a)})"
            case m.BandOf(band=band, operand=a):
                return f"{band}({text(a)})"
            case m.FirstOf(items=items):
                return "first of (" + ", ".join(text(i) for i in items) + ")"
            case m.IfElse(condition=c, then=a, otherwise=b):
                return f"(if {text(c)} then {text(a)} else {text(b)})"
            case m.Across(function=fn, figure=figure):
                return f"{fn} {'over' if fn == 'pooled' else 'of'} {text(figure)} across " \
                    "inspections" + (" skipping undefined" if e.skipping else "")
            case _:
                assert_never(e)

    return text(expr)
