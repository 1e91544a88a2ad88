"""Applicability conditions: per-case expressions over case fields, inspection inputs
and other questions' answers, typed (yes or no where a test is expected)."""

from __future__ import annotations

from critc.compiler.check.declare import did_you_mean
from critc.compiler.check.references import References, field_type
from critc.compiler.check.type_words import a_type, not_a_value
from critc.compiler.model import framework as m
from critc.dsl import ast
from critc.dsl.span import Span

ORDERING = ("<", "<=", ">", ">=")


class Conditions(References):
    def condition(self, expr: ast.Expr, question: str) -> m.Expr | None:
        value = self.case_expr(expr)
        if value is not None and value.type.kind not in ("boolean", "unknown"):
            self.error("condition-not-boolean", f"this condition gives {a_type(value.type)}, not "
                       "yes or no", expr.span,
                       hint="compare it with something, e.g. `rosh in {high, very_high}`")
            return None
        return value

    def case_expr(self, expr: ast.Expr, expect: m.Type | None = None) -> m.Expr | None:
        """A per-case expression; `expect` lets a bare name be read as an enum value."""
        match expr:
            case ast.Number(value=v):
                return m.Const(value=v, type=m.NUMBER, span=expr.span)
            case ast.Percent(value=v):
                return m.Const(value=v, type=m.NUMBER, span=expr.span)
            case ast.String(value=v):
                return m.Const(value=v, type=m.TEXT, span=expr.span)
            case ast.DateLiteral(value=v):
                return m.Const(value=v, type=m.DATE, span=expr.span)
            case ast.Boolean(value=v):
                return m.Const(value=v, type=m.BOOLEAN, span=expr.span)
            case ast.Name(name=name):
                return self._case_name(expr, name, expect)
            case ast.ItemRef(kind=kind, id=ident):
                return self._case_item(expr, kind, ident)
            case ast.Compare():
                return self._compare(expr)
            case ast.InSet():
                return self._in_set(expr)
            case ast.And(operands=ops) | ast.Or(operands=ops):
                return self._case_logic(expr, ops)
            case ast.Not(operand=operand):
                return self._case_not(expr, operand)
            case ast.Binary(op=op, left=left, right=right):
                return self._case_arith(expr, op, left, right)
            case ast.Negate(operand=operand):
                return self._case_negate(expr, operand)
            case _:
                self.error("figure-in-condition", "a condition is decided case by case; "
                           "scores and functions of scores cannot appear in it", expr.span)
                return None

    def _case_name(self, expr: ast.Name, name: str, expect: m.Type | None) -> m.Expr | None:
        """A bare name: an enum or rating value where one is expected, else a case field or
        input, else a question's answer."""
        symbols = self.symbols
        if expect is not None and expect.kind == "unknown" and name not in symbols.fields \
                and name not in symbols.nodes:
            # compared with something whose type is unknown because of an error
            # reported elsewhere (such as a question without a scale): a value
            return m.Const(value=name, type=m.UNKNOWN, span=expr.span)
        if expect is not None and expect.kind in ("enum", "rating") \
                and name in self._values_of(expect) and name not in symbols.fields:
            return m.Const(value=name, type=expect, span=expr.span)
        if name in symbols.fields:
            field = symbols.fields[name][0]
            return m.FieldRef(field=name, type=field_type(field.type), span=expr.span)
        if name in symbols.nodes:
            return self._answer(name, expr.span)
        if expect is not None and expect.kind in ("enum", "rating"):
            self.error("unknown-value", not_a_value(name, expect),
                       expr.span, hint=did_you_mean(name, self._values_of(expect)))
            return None
        self.error("unknown-reference", f"`{name}` is not defined", expr.span,
                   hint=did_you_mean(name, list(symbols.fields) + list(symbols.nodes))
                   or "conditions use case fields, inspection inputs and answers")
        return None

    def _case_item(self, expr: ast.ItemRef, kind: str, ident: str) -> m.Expr | None:
        """`question 1.2a`: its answer (a figure of any other kind is not per case)."""
        if not self._check_item(ident, kind, expr.span):
            return None
        if kind != "question":
            self.error("figure-in-condition", f"`{kind} {ident}` is a figure for a "
                       "whole inspection; a condition is decided case by case",
                       expr.span, hint="conditions use case fields, inspection inputs "
                       "and answers to questions")
            return None
        return self._answer(ident, expr.span)

    def _case_logic(self, expr: ast.And | ast.Or, ops: tuple[ast.Expr, ...]) -> m.Expr | None:
        values = [self.case_expr(op) for op in ops]
        operands = [v for v in values if v is not None]
        if len(operands) < len(values) or not all(self._boolean(v) for v in operands):
            return None
        logic: m.LogicOp = "and" if isinstance(expr, ast.And) else "or"
        return m.Logic(op=logic, operands=tuple(operands), span=expr.span)

    def _case_not(self, expr: ast.Not, operand: ast.Expr) -> m.Expr | None:
        value = self.case_expr(operand)
        if value is None or not self._boolean(value):
            return None
        return m.Not(operand=value, span=expr.span)

    def _case_arith(self, expr: ast.Binary, op: ast.ArithOp, left: ast.Expr, right: ast.Expr
                    ) -> m.Expr | None:
        a, b = self.case_expr(left), self.case_expr(right)
        if a is None or b is None:
            return None
        if not all(x.type.kind in ("number", "unknown") for x in (a, b)):
            self.error("type-mismatch", f"`{op}` needs numbers", expr.span)
            return None
        return m.Arith(op=op, left=a, right=b, type=m.NUMBER, span=expr.span)

    def _case_negate(self, expr: ast.Negate, operand: ast.Expr) -> m.Expr | None:
        a = self.case_expr(operand)
        if a is None:
            return None
        if a.type.kind not in ("number", "unknown"):
            self.error("type-mismatch", f"`-` needs a number, not {a_type(a.type)}",
                       expr.span)
            return None
        return m.Negate(operand=a, type=m.NUMBER, span=expr.span)

    def _in_set(self, expr: ast.InSet) -> m.Expr | None:
        value = self.case_expr(expr.operand)
        if value is None:
            return None
        members = [self.case_expr(item, value.type) for item in expr.items.items]
        found = [x for x in members if x is not None]
        if len(found) < len(members):
            return None
        names = [x for x in found if isinstance(x, m.FieldRef | m.AnswerRef)]
        for x in names:
            named = x.field if isinstance(x, m.FieldRef) else x.question
            self.error("not-a-value", f"`{named}` is a {self.symbols.kind(named)}; the "
                       "braces of `in {...}` list values", x.span,
                       hint="compare two fields with `=`, e.g. `a = b`")
        if names:
            return None
        constants = [x for x in found if isinstance(x, m.Const)]
        for member in constants:
            self._same_type(value, member, expr.span)
        return m.InSet(operand=value, values=tuple(x.value for x in constants),
                       negated=expr.negated, span=expr.span)

    def _answer(self, node: str, span: Span) -> m.AnswerRef | None:
        item = self.symbols.nodes[node]
        if not isinstance(item, ast.Question):
            self.error("figure-in-condition", f"`{node}` is a {item.kind}, a figure for a whole "
                       "inspection; a condition is decided case by case", span)
            return None
        scale = self.question_scale(item, report=False)
        if scale is None:  # the question's missing or unknown scale is reported on it
            return m.AnswerRef(question=node, type=m.UNKNOWN, span=span)
        codes = tuple(c.id for c in scale.codes)
        return m.AnswerRef(question=node, type=m.Type(kind="enum", values=codes), span=span)

    def _values_of(self, type_: m.Type) -> tuple[str, ...]:
        if type_.kind == "rating":
            scale = self.symbols.rating_scales.get(type_.scale_id)
            return tuple(lv.id for lv in scale.levels) if scale else ()
        return type_.values

    def _compare(self, expr: ast.Compare) -> m.Expr | None:
        left = self.case_expr(expr.left)
        if left is None:
            return None
        right = self.case_expr(expr.right, left.type)
        if right is None:
            return None
        if isinstance(left, m.Const) and left.type.kind == "text" and right.type.kind == "enum":
            left = m.Const(value=left.value, type=right.type, span=left.span)
        if not self._same_type(left, right, expr.span):
            return None
        if expr.op in ORDERING and left.type.kind in ("boolean", "text"):
            self.error("type-mismatch", f"`{expr.op}` cannot order {left.type} values",
                       expr.span)
            return None
        return m.Compare(op=expr.op, left=left, right=right, span=expr.span)

    def _same_type(self, a: m.Expr, b: m.Expr, span: Span) -> bool:
        ka, kb = a.type.kind, b.type.kind
        if "unknown" in (ka, kb):
            return True
        if ka == kb and (ka != "rating" or a.type.scale == b.type.scale):
            if ka == "enum" and isinstance(b, m.Const) and b.value not in a.type.values:
                self.error("unknown-value", not_a_value(b.value, a.type), b.span,
                           hint=did_you_mean(str(b.value), a.type.values))
                return False
            return True
        self.error("type-mismatch", f"cannot compare {a_type(a.type)} with {a_type(b.type)}", span)
        return False

    def _boolean(self, value: m.Expr) -> bool:
        if value.type.kind in ("boolean", "unknown"):
            return True
        self.error("condition-not-boolean", f"{a_type(value.type)} where a yes/no test is "
                   "expected", value.span)
        return False

