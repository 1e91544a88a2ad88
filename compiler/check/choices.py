"""Formulas that choose: `first of (a, b, ...)` and `if CONDITION then A else B`.

A condition in a formula is decided once per inspection, over inspection inputs and
figures (where an applicability condition is decided case by case, over case fields and
answers). Both choices give a figure of the one type all their operands share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from critc.compiler.check.declare import did_you_mean
from critc.compiler.check.type_words import a_type, not_a_value
from critc.compiler.model import framework as m
from critc.dsl import ast

if TYPE_CHECKING:
    from critc.compiler.check.references import References
    from critc.compiler.check.resolve import Resolver

ORDERING = ("<", "<=", ">", ">=")


def choose(resolver: Resolver, expr: ast.FirstOf | ast.IfThen, context: str | None
           ) -> m.Expr | None:
    if isinstance(expr, ast.FirstOf):
        return first_of(resolver, expr, context)
    return if_then(resolver, expr, context)


def skipping_fits(resolver: References, call: ast.Call) -> bool:
    """`skipping undefined` is written only after sum(...) and mean(...)."""
    fn = call.function
    if call.skipping and fn not in ("sum", "mean"):
        resolver.error("misplaced-skipping", f"`skipping undefined` applies to sum and mean, "
                       f"not {fn}", call.span,
                       hint="min, max and count always skip undefined inputs; pooled counts "
                       "answers" if fn != "points" else "write it after sum(...) or mean(...)")
        return False
    return True


def first_of(resolver: Resolver, expr: ast.FirstOf, context: str | None) -> m.Expr | None:
    items = [resolver.formula(operand, context) for operand in expr.operands]
    found = [item for item in items if item is not None]
    if len(found) < len(items):
        return None
    result = one_type(resolver, found, "first of (...)", expr.span)
    if result is None:
        return None
    return m.FirstOf(items=tuple(found), type=result, span=expr.span)


def if_then(resolver: Resolver, expr: ast.IfThen, context: str | None) -> m.Expr | None:
    condition = figure_condition(resolver, expr.condition, context)
    then = resolver.formula(expr.then, context)
    otherwise = resolver.formula(expr.otherwise, context)
    if condition is None or then is None or otherwise is None:
        return None
    result = one_type(resolver, [then, otherwise], "if ... then ... else ...", expr.span)
    if result is None:
        return None
    return m.IfElse(condition=condition, then=then, otherwise=otherwise, type=result,
                    span=expr.span)


def one_type(resolver: Resolver, items: list[m.Expr], what: str, span) -> m.Type | None:
    """The type every operand shares (an operand of unknown type, reported elsewhere,
    fits any); a type-mismatch naming the first two that differ."""
    known = [item.type for item in items if item.type.kind != "unknown"]
    if not known:
        return m.UNKNOWN
    for other in known[1:]:
        if other != known[0]:
            resolver.error("type-mismatch", f"the choices of {what} must be of one type, but "
                           f"one is {a_type(known[0])} and another {a_type(other)}", span,
                           hint="make every choice a score, every one a number, or every one "
                           "a rating on the same scale (points(...) turns a rating into a "
                           "number)")
            return None
    return known[0]


def aggregate_condition(resolver: Resolver, node: str) -> m.Expr | None:
    """An aggregate applies where its own `applies when` holds and where the aggregate it
    sits in applies. The test is decided per inspection over inspection inputs only, so
    that whether a figure exists never depends on figures."""
    item = resolver.symbols.nodes[node]
    parent = resolver.symbols.parent.get(node)
    outer = resolver.aggregate_condition(parent) if parent is not None else None
    own = None
    if isinstance(item, ast.Aggregate) and item.applies is not None:
        resolver.deciding = node
        own = figure_condition(resolver, item.applies, None)
        resolver.deciding = None
        if own is not None and not _reads_inputs_only(resolver, own, node):
            own = None
    if own is None or outer is None:
        return own or outer
    return m.Logic(op="and", operands=(outer, own), span=own.span)


def _reads_inputs_only(resolver: Resolver, condition: m.Expr, node: str) -> bool:
    for name, span in m.references(condition):
        if not (name in resolver.symbols.fields and resolver.symbols.fields[name][1]
                == "inspection"):
            resolver.error("figure-in-condition", f"`applies when` of `{node}` reads "
                           f"{resolver.symbols.kind(name)} `{name}`; whether an aggregate "
                           "applies is decided by inspection inputs only", span,
                           hint="test an inspection input, e.g. `applies when provider_type "
                           "= nps`; use `if ... then ... else` to choose between figures")
            return False
    return True


def figure_condition(resolver: Resolver, expr: ast.Expr, context: str | None) -> m.Expr | None:
    """A yes/no test over inspection inputs and figures."""
    match expr:
        case ast.And(operands=ops) | ast.Or(operands=ops):
            values = [figure_condition(resolver, op, context) for op in ops]
            operands = [v for v in values if v is not None]
            if len(operands) < len(values):
                return None
            logic: m.LogicOp = "and" if isinstance(expr, ast.And) else "or"
            return m.Logic(op=logic, operands=tuple(operands), span=expr.span)
        case ast.Not(operand=operand):
            value = figure_condition(resolver, operand, context)
            return None if value is None else m.Not(operand=value, span=expr.span)
        case ast.Compare():
            return _compare(resolver, expr, context)
        case ast.InSet():
            return _in_set(resolver, expr, context)
    value = side(resolver, expr, context)
    if value is None:
        return None
    if value.type.kind not in ("boolean", "unknown"):
        resolver.error("condition-not-boolean", f"this condition gives {a_type(value.type)}, not "
                       "yes or no", expr.span,
                       hint="compare it with something, e.g. `criterion 1 >= 70%`")
        return None
    return value


def side(resolver: Resolver, expr: ast.Expr, context: str | None,
            expect: m.Type | None = None) -> m.Expr | None:
    """One side of a test: an inspection input, a figure or a constant; `expect` lets a
    bare name be read as a level or value of the other side's type."""
    match expr:
        case ast.Name(name=name) if expect is not None and expect.kind in ("enum", "rating") \
                and name in resolver._values_of(expect) and name not in resolver.symbols.fields:
            return m.Const(value=name, type=expect, span=expr.span)
        case ast.Name(name=name) if name in resolver.symbols.fields \
                and resolver.symbols.fields[name][1] == "inspection":
            return _input(resolver, name, expr)
        case ast.Name(name=name) if expect is not None and expect.kind in ("enum", "rating") \
                and name not in resolver.symbols.fields and name not in resolver.symbols.nodes:
            resolver.error("unknown-value", not_a_value(name, expect), expr.span,
                           hint=did_you_mean(name, resolver._values_of(expect)))
            return None
        case ast.String():
            resolver.error("type-mismatch", "text cannot be tested in a formula", expr.span,
                           hint="declare the input as `one of {...}` and compare its values")
            return None
        case ast.DateLiteral(value=v):
            return m.Const(value=v, type=m.DATE, span=expr.span)
        case ast.Boolean(value=v):
            return m.Const(value=v, type=m.BOOLEAN, span=expr.span)
    return resolver.formula(expr, context)


def _input(resolver: Resolver, name: str, expr: ast.Name) -> m.Expr | None:
    value = resolver.formula(expr, None)
    if value is not None and value.type.kind == "text":
        resolver.error("type-mismatch", f"`{name}` is a text input, which cannot be tested in "
                       "a formula", expr.span,
                       hint="declare it as `one of {...}` and compare its values")
        return None
    return value


def _compare(resolver: Resolver, expr: ast.Compare, context: str | None) -> m.Expr | None:
    left = side(resolver, expr.left, context)
    if left is None:
        return None
    right = side(resolver, expr.right, context, left.type)
    if right is None:
        return None
    if not _comparable(resolver, left, right, expr.span):
        return None
    if expr.op in ORDERING and left.type.kind == "boolean":
        resolver.error("type-mismatch", f"`{expr.op}` cannot order yes/no values", expr.span)
        return None
    return m.Compare(op=expr.op, left=left, right=right, span=expr.span)


def _in_set(resolver: Resolver, expr: ast.InSet, context: str | None) -> m.Expr | None:
    value = side(resolver, expr.operand, context)
    if value is None:
        return None
    members = [side(resolver, item, context, value.type) for item in expr.items.items]
    if any(member is None for member in members):
        return None
    constants = []
    for member in members:
        if not isinstance(member, m.Const):
            resolver.error("not-a-value", "the braces of `in {...}` list values", expr.span,
                           hint="compare two figures with `=`, e.g. `a = b`")
            return None
        if not _comparable(resolver, value, member, expr.span):
            return None
        constants.append(member.value)
    return m.InSet(operand=value, values=tuple(constants), negated=expr.negated,
                   span=expr.span)


def _comparable(resolver: Resolver, a: m.Expr, b: m.Expr, span) -> bool:
    if "unknown" in (a.type.kind, b.type.kind) or a.type == b.type:
        return True
    if a.type.kind == b.type.kind == "enum" and isinstance(b, m.Const):
        return resolver._same_type(a, b, span)
    hint = None
    if {a.type.kind, b.type.kind} == {"score", "number"}:
        hint = "a score is compared with a percentage, e.g. `criterion 1 >= 70%`"
    resolver.error("type-mismatch", f"cannot compare {a_type(a.type)} with {a_type(b.type)}", span,
                   hint=hint)
    return False

