"""Second checker pass: resolve names, expand selectors and type every expression.

Two kinds of expression exist. Applicability conditions are decided per case, over case
fields, inspection inputs and other questions' answers. Formulas are computed per
inspection, over question proportions, aggregates and inspection inputs.

The `Resolver` is built in layers, each a class in its own module: `check/references.py`
(its state, references to items and scales), `check/selectors.py`,
`check/conditions.py`, `check/formula_functions.py` (function calls and weighted means);
this module resolves an aggregate's formula and type and dispatches formulas.
"""

from __future__ import annotations

from critc.compiler.check import across, choices
from critc.compiler.check.declare import KIND_PLURAL, did_you_mean
from critc.compiler.check.formula_functions import FormulaFunctions
from critc.compiler.check.references import field_type, rounding_of
from critc.compiler.check.selectors import describe_selector
from critc.compiler.check.type_words import a_type
from critc.compiler.model import framework as m
from critc.dsl import ast
from critc.dsl.span import Span


class Resolver(FormulaFunctions):
    # ------------------------------------------------------------------ types of figures
    def figure_type(self, node: str) -> m.Type:
        symbols = self.symbols
        if node in symbols.fields:
            return field_type(symbols.fields[node][0].type)
        item = symbols.nodes.get(node)
        if isinstance(item, ast.Question):
            return m.SCORE
        if isinstance(item, ast.Aggregate):
            self.aggregate_formula(node)
            return self.types.get(node, m.UNKNOWN)
        return m.UNKNOWN

    def aggregate_formula(self, node: str) -> m.Expr | None:
        """Resolve an aggregate's formula once; a cycle yields an unknown type here and is
        reported by the graph pass, which can name every step of it."""
        if node in self.formulas:
            return self.formulas[node]
        if node in self.in_progress:
            return None
        item = self.symbols.nodes[node]
        assert isinstance(item, ast.Aggregate), f"{node} is not an aggregate"
        if item.formula is None:
            self.error("missing-formula", f"{item.kind} `{node}` has no formula", item.span,
                       hint=self._formula_hint(node))
            self.formulas[node] = None
            self.types[node] = m.UNKNOWN
            return None
        self.in_progress.add(node)
        expr = self.formula(item.formula, node)
        self.in_progress.discard(node)
        self.formulas[node] = expr
        if expr is not None and self._uncertain(expr):
            self.uncertain.add(node)
        if expr is not None:
            self._check_figure_type(item, expr.type, item.formula.span)
        self.types[node] = expr.type if expr is not None else m.UNKNOWN
        return expr

    def _uncertain(self, expr: m.Expr) -> bool:
        return any(x.type.kind == "unknown" or (isinstance(x, m.FigureRef)
                                                and x.node in self.uncertain)
                   for x in m.walk(expr))

    def _check_figure_type(self, item: ast.Aggregate, result: m.Type, span: Span) -> None:
        """An aggregate's formula gives a figure, and a rating on its `rated` scale if any."""
        node = item.id
        if item.rated in self.symbols.rating_scales and result.kind not in ("rating", "unknown"):
            self.error("type-mismatch", f"`{node}` is rated on `{item.rated}` but its formula "
                       f"gives {a_type(result)}", span,
                       hint=f"apply a band that gives `{item.rated}`, e.g. `= BAND(...)`")
        known = self.symbols.rating_scales
        # an unknown scale on either side is reported where it is named (unknown-reference)
        if item.rated in known and result.kind == "rating" and result.scale in known \
                and result.scale != item.rated:
            self.error("type-mismatch", f"`{node}` is rated on `{item.rated}` but its formula "
                       f"gives a rating on `{result.scale}`", span)
        if not (result.numeric or result.kind in ("rating", "unknown")):
            self.error("not-a-figure", f"the formula of `{node}` gives {a_type(result)}, "
                       "not a score, number or rating", span)

    def _formula_hint(self, node: str) -> str:
        kids = self.symbols.children.get(node, [])
        kinds = {self.symbols.kind(k) for k in kids}
        if kinds == {"question"}:
            return "add a formula such as `= mean of its questions`"
        if len(kinds) == 1:
            return f"add a formula such as `= mean of its {KIND_PLURAL.get(kinds.pop(), 'items')}`"
        return "add a formula such as `= mean of its questions` after the title"

    def aggregate_condition(self, node: str) -> m.Expr | None:
        """Where an aggregate applies (`applies when`, with the aggregates around it)."""
        if node not in self.conditions:
            self.conditions[node] = choices.aggregate_condition(self, node)
        return self.conditions[node]

    # ------------------------------------------------------------------ formulas
    def formula(self, expr: ast.Expr, context: str | None) -> m.Expr | None:
        """An inspection-level expression; None when it cannot be resolved (reported)."""
        match expr:
            case ast.Number(value=v):
                return m.Const(value=v, type=m.NUMBER, span=expr.span)
            case ast.Percent(value=v):
                return m.Const(value=v, type=m.SCORE, span=expr.span)
            case ast.Name(name=name):
                return self._figure_by_name(name, expr.span)
            case ast.ItemRef(kind=kind, id=ident):
                if not self._check_item(ident, kind, expr.span):
                    return None
                return m.FigureRef(node=ident, type=self.figure_type(ident), span=expr.span)
            case ast.Selector():
                return self._single(expr, context)
            case ast.Binary(op=op, left=left, right=right):
                a, b = self.formula(left, context), self.formula(right, context)
                if a is None or b is None or not (self._numeric(a) and self._numeric(b)):
                    return None
                if op in ("+", "-") and {a.type.kind, b.type.kind} == {"score", "number"} \
                        and not (self._uncertain(a) or self._uncertain(b)):
                    self._mixed_units(f"`{op}`", [a, b], expr.span)
                    return None
                return m.Arith(op=op, left=a, right=b, type=_arith_type(op, a.type, b.type),
                               span=expr.span)
            case ast.Negate(operand=operand):
                a = self.formula(operand, context)
                if a is None or not self._numeric(a):
                    return None
                return m.Negate(operand=a, type=a.type, span=expr.span)
            case ast.Call():
                return self._call(expr, context)
            case ast.WeightedMean():
                return self._weighted_mean(expr, context)
            case ast.FirstOf() | ast.IfThen():
                return choices.choose(self, expr, context)
            case ast.Across():
                return across.combine(self, expr, context)
            case ast.Apply(band=band, arg=arg):
                return self._apply(band, arg, context, expr.span)
            case ast.Compare() | ast.InSet() | ast.And() | ast.Or() | ast.Not():
                self.error("condition-in-formula", "a yes/no test cannot be a figure",
                           expr.span, hint="tests belong in `applies when`")
            case _:
                self.error("not-a-figure", f"{_describe_literal(expr)} is not a figure",
                           expr.span)
        return None

    def _single(self, expr: ast.Selector, context: str | None) -> m.Expr | None:
        """A selector where one figure is expected: it must select one question."""
        members = self.select(expr, context)
        if members is None:
            return None
        if not expr.single:
            self.error("set-where-figure-expected",
                       f"`{describe_selector(expr)}` is a set of {len(members)} items "
                       "where one figure is expected", expr.span,
                       hint="combine them with mean(...), pooled(...), min(...), "
                       "max(...) or sum(...)")
            return None
        return m.FigureRef(node=members[0], type=m.SCORE, span=expr.span)

    def _figure_by_name(self, name: str, span: Span) -> m.Expr | None:
        symbols = self.symbols
        if name in symbols.fields:
            field, origin = symbols.fields[name]
            if origin == "case" and self.deciding is not None:
                self.error("case-field-in-formula", f"`{name}` is a case field, which differs "
                           f"from case to case; whether `{self.deciding}` applies is decided "
                           "per inspection, by inspection inputs", span,
                           hint="put the condition on its questions, which are decided case "
                           "by case")
                return None
            if origin == "case":
                self.error("case-field-in-formula", f"`{name}` is a case field, which differs "
                           "from case to case; a formula works on whole inspections", span,
                           hint="use case fields in `applies when` conditions")
                return None
            return m.FieldRef(field=name, type=field_type(field.type), span=span)
        if name in symbols.nodes:
            return m.FigureRef(node=name, type=self.figure_type(name), span=span)
        if name in symbols.bands:
            self.error("band-as-figure", f"`{name}` is a band; apply it to a figure", span,
                       hint=f"write `{name}(...)` with the figure in brackets")
            return None
        figures = [n for n in symbols.declared_at if n not in symbols.bands]
        self.error("unknown-reference", f"`{name}` is not defined", span,
                   hint=did_you_mean(name, figures) or "refer to items with an id such as "
                   "1.2 by kind and id, e.g. `criterion 1.2`")
        return None

    def _apply(self, band: str, arg: ast.Expr, context: str | None, span: Span) -> m.Expr | None:
        if band not in self.symbols.bands:
            self.error("unknown-reference", f"there is no band `{band}`", span,
                       hint=did_you_mean(band, self.symbols.bands))
            return None
        value = self.formula(arg, context)
        if value is None or not self._numeric(value):
            return None
        self.band_uses.append((band, value.type, span))
        gives = self.symbols.bands[band].gives
        out = m.Type(kind="rating", scale=gives) if gives else m.Type(kind="label", scale=band)
        return m.BandOf(band=band, operand=value, type=out, span=span)


def _arith_type(op: str, a: m.Type, b: m.Type) -> m.Type:
    scores = (a.kind == "score", b.kind == "score")
    if op in ("+", "-") and any(scores):
        return m.SCORE
    if op == "*" and any(scores) and not all(scores):
        return m.SCORE
    if op == "/" and scores == (True, False):
        return m.SCORE
    return m.NUMBER



def _describe_literal(expr: ast.Expr) -> str:
    match expr:
        case ast.String(value=v):
            return f'the text "{v}"'
        case ast.DateLiteral(value=v):
            return f"the date {v}"
        case ast.Boolean(value=v):
            return "true" if v else "false"
        case ast.SetLiteral():
            return "a set of values"
    return "this"


__all__ = ["Resolver", "describe_selector", "field_type", "rounding_of", "KIND_PLURAL"]
