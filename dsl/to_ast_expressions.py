"""Parse tree → AST, the expressions: literals, conditions (comparisons, `in {...}`,
`and`, `or`, `not`) and formulas (arithmetic, calls, choices, weighted means, bands)."""

from __future__ import annotations

import datetime

from critc.dsl import ast
from critc.dsl.to_ast_tokens import TokenReading


class ExpressionRules(TokenReading):
    # ------------------------------------------------------------------ expressions
    def number(self, meta, children):
        return self.number_node(children[0])

    def percent(self, meta, children):
        return self.number_node(children[0])

    def string(self, meta, children):
        return ast.String(value=self.unquote(children[0]), span=self.span(meta))

    def date(self, meta, children):
        return ast.DateLiteral(value=self.date_value(children[0]) or datetime.date.min,
                               span=self.span(meta))

    def true(self, meta, children):
        return ast.Boolean(value=True, span=self.span(meta))

    def false(self, meta, children):
        return ast.Boolean(value=False, span=self.span(meta))

    def name(self, meta, children):
        return ast.Name(name=str(children[0]), span=self.span(meta))

    def item_ref(self, meta, children):
        return ast.ItemRef(kind=children[0], id=str(children[1]), span=self.span(meta))

    def set_literal(self, meta, children):
        return ast.SetLiteral(items=tuple(c for c in children if c is not None),
                              span=self.span(meta))

    def compare_op(self, meta, children):
        return str(children[0])

    add_op = mul_op = compare_op

    def compare(self, meta, children):
        left, op, right = children
        return ast.Compare(op=op, left=left, right=right, span=self.span(meta))

    def in_set(self, meta, children):
        return ast.InSet(operand=children[0], items=children[1], negated=False,
                         span=self.span(meta))

    def not_in_set(self, meta, children):
        return ast.InSet(operand=children[0], items=children[1], negated=True,
                         span=self.span(meta))

    def binary(self, meta, children):
        left, op, right = children
        return ast.Binary(op=op, left=left, right=right, span=self.span(meta))

    def negate(self, meta, children):
        return ast.Negate(operand=children[0], span=self.span(meta))

    def and_expr(self, meta, children):
        return ast.And(operands=tuple(children), span=self.span(meta))

    def or_expr(self, meta, children):
        return ast.Or(operands=tuple(children), span=self.span(meta))

    def not_op(self, meta, children):
        return ast.Not(operand=children[0], span=self.span(meta))

    def function(self, meta, children):
        return str(children[0])

    def call(self, meta, children):
        args = tuple(c for c in children[1:] if c is not None and c != "skipping")
        return ast.Call(function=children[0], args=args, skipping="skipping" in children[1:],
                        span=self.span(meta))

    def call_of(self, meta, children):
        return ast.Call(function=children[0], args=(children[1],),
                        skipping="skipping" in children[2:], span=self.span(meta))

    def across_call(self, meta, children):
        return ast.Across(function=children[0], operand=children[1],
                          skipping="skipping" in children[2:], span=self.span(meta))

    def skipping(self, meta, children):
        return "skipping"

    def first_of(self, meta, children):
        return ast.FirstOf(operands=tuple(children), span=self.span(meta))

    def if_then(self, meta, children):
        condition, then, otherwise = children
        return ast.IfThen(condition=condition, then=then, otherwise=otherwise,
                          span=self.span(meta))

    def weight(self, meta, children):
        expr, tok = children
        return ast.Weight(expr=expr, weight=self.number_node(tok), span=self.span(meta))

    def renormalise(self, meta, children):
        return "without"

    def weighted_mean(self, meta, children):
        weights = tuple(c for c in children if isinstance(c, ast.Weight))
        renormalise = "without" not in [c for c in children if isinstance(c, str)]
        return ast.WeightedMean(weights=weights, renormalise=renormalise, span=self.span(meta))

    def apply(self, meta, children):
        return ast.Apply(band=str(children[0]), arg=children[1], span=self.span(meta))
