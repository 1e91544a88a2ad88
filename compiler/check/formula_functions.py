"""Formula functions: mean, min, max, sum, count, pooled and points over their inputs
(selectors flattened into their members), the weighted mean, and the checks that inputs
are numbers of one kind."""

from __future__ import annotations

from collections.abc import Iterable

from critc.compiler.check import choices
from critc.compiler.check.conditions import Conditions
from critc.compiler.check.selectors import Selectors
from critc.compiler.check.type_words import a_type
from critc.compiler.model import framework as m
from critc.dsl import ast
from critc.dsl.diagnostics import Label, error
from critc.dsl.span import Span


class FormulaFunctions(Selectors, Conditions):
    # Resolved by the `Resolver` (check/resolve.py), which a formula's inputs recurse into.
    def formula(self, expr: ast.Expr, context: str | None) -> m.Expr | None:
        raise NotImplementedError

    def figure_type(self, node: str) -> m.Type:
        raise NotImplementedError

    def _numeric(self, expr: m.Expr) -> bool:
        kind = expr.type.kind
        if kind == "rating":
            self.error("rating-as-number", "a rating used as a number", expr.span,
                       hint="use points(...) to turn a rating into its points")
            return False
        if kind == "label":
            self.error("label-as-number", "a band label used as a number", expr.span)
            return False
        if not (expr.type.numeric or kind == "unknown"):
            self.error("type-mismatch", f"{a_type(expr.type)} used as a number", expr.span)
            return False
        return True

    def _items(self, args: Iterable[ast.Expr], context: str | None,
               allow_points: bool = True) -> list[m.Expr] | None:
        """Flatten call arguments: selectors become their members."""
        out: list[m.Expr] = []
        ok = True
        for arg in args:
            if isinstance(arg, ast.Selector) and not arg.single:
                members = self.select(arg, context)
                if members is None:
                    ok = False
                    continue
                out.extend(m.FigureRef(node=n, type=self.figure_type(n), span=arg.span)
                           for n in members)
            elif allow_points and isinstance(arg, ast.Call) and arg.function == "points":
                inner = self._items(arg.args, context, allow_points=False)
                if inner is None:
                    ok = False
                    continue
                for item in inner:
                    if self._is_rating(item):
                        out.append(m.Points(operand=item, span=arg.span))
                    else:
                        ok = False
            else:
                value = self.formula(arg, context)
                if value is None:
                    ok = False
                else:
                    out.append(value)
        return out if ok else None

    def _is_rating(self, expr: m.Expr) -> bool:
        if expr.type.kind in ("rating", "unknown"):
            if expr.type.kind == "rating":
                scale = self.symbols.rating_scales.get(expr.type.scale_id)
                if scale is not None and any(lv.points is None for lv in scale.levels):
                    self.error("missing-points", f"rating scale `{expr.type.scale}` gives no "
                               "points", expr.span, hint="add points to its levels, e.g. "
                               "`good \"Good\" 2 points`")
                    return False
            return True
        self.error("type-mismatch", f"points(...) needs a rating, not {a_type(expr.type)}",
                   expr.span)
        return False

    def _call(self, call: ast.Call, context: str | None) -> m.Expr | None:
        fn = call.function
        if not choices.skipping_fits(self, call):
            return None
        if fn == "points":
            items = self._items(call.args, context, allow_points=False)
            if items is None:
                return None
            if len(items) != 1:
                self.error("wrong-arguments", "points(...) takes one rating; to add up the "
                           "points of several, write sum(points(...))", call.span)
                return None
            return m.Points(operand=items[0], span=call.span) if self._is_rating(items[0]) \
                else None
        items = self._items(call.args, context)
        if items is None:
            return None
        if not items:
            self.error("no-inputs", f"{fn}(...) has no inputs", call.span)
            return None
        items = self._dedupe(items)
        if fn == "pooled":
            return self._pooled(items, call.span)
        if fn == "count":
            return m.Reduce(function=fn, items=tuple(items), type=m.NUMBER, span=call.span)
        kinds = {item.type.kind for item in items} - {"unknown"}
        if fn in ("min", "max") and kinds == {"rating"}:
            # an item whose own definition failed has no scale: it is reported already
            scales = {item.type.scale for item in items if item.type.scale is not None}
            if not scales:
                return None
            if len(scales) > 1:
                self.error("type-mismatch", f"{fn}(...) compares ratings on different scales: "
                           + ", ".join(sorted(scales)), call.span)
                return None
            return m.Reduce(function=fn, items=tuple(items),
                            type=m.Type(kind="rating", scale=scales.pop()), span=call.span)
        if not all(self._numeric(item) for item in items):
            return None
        if {"score", "number"} <= kinds:
            self._mixed_units(f"{fn}(...)", items, call.span)
            return None
        result = m.SCORE if kinds == {"score"} and fn != "sum" else m.NUMBER
        return m.Reduce(function=fn, items=tuple(items), type=result, skipping=call.skipping,
                        span=call.span)

    def _mixed_units(self, fn: str, items: list[m.Expr], span: Span) -> None:
        """A type-mismatch for `min(n, 50%)` or `n + 50%`: a percentage is a fraction of a
        score, so it cannot be compared with or added to a plain number."""
        number = next(item for item in items if item.type.kind == "number")
        score = next(item for item in items if item.type.kind == "score")
        self.diagnostics.append(error(
            "type-mismatch", f"{fn} mixes plain numbers and percentages", span,
            hint="a percentage (a score, or a value such as 50%) means a fraction, a plain "
                 "number a count or points: make every input the same kind (`50`, not `50%`)",
            labels=(Label(number.span, "a plain number"), Label(score.span, "a percentage"))))

    def _pooled(self, items: list[m.Expr], span: Span) -> m.Expr | None:
        questions = []
        for item in items:
            if isinstance(item, m.FigureRef) and item.node in self.symbols.nodes \
                    and self.symbols.kind(item.node) == "question":
                questions.append(item.node)
            else:
                self.error("pooled-needs-questions", "pooled(...) adds up answers, so it "
                           "takes questions only", item.span,
                           hint="pool the questions themselves, e.g. `pooled over its "
                           "questions`; use mean(...) to combine aggregates")
                return None
        return m.Pooled(questions=tuple(questions), span=span)

    def _dedupe(self, items: list[m.Expr]) -> list[m.Expr]:
        seen, out = set(), []
        for item in items:
            key = item.node if isinstance(item, m.FigureRef) else id(item)
            if key not in seen:
                seen.add(key)
                out.append(item)
        return out

    def _weighted_mean(self, expr: ast.WeightedMean, context: str | None) -> m.Expr | None:
        items: list[m.Expr] = []
        weights: list[float] = []
        for entry in expr.weights:
            value: m.Expr | None
            if isinstance(entry.expr, ast.Selector) and not entry.expr.single:
                members = self._items([entry.expr], context)
                if members is None:
                    return None
                kinds = {x.type.kind for x in members}
                value = m.Reduce(function="mean", items=tuple(members),
                                 type=m.SCORE if kinds <= {"score", "unknown"} else m.NUMBER,
                                 skipping=True, span=entry.expr.span)
            else:
                value = self.formula(entry.expr, context)
            if value is None or not self._numeric(value):
                return None
            items.append(value)
            weights.append(entry.weight.value)
        total = sum(weights)
        if abs(total - 1.0) > 1e-9:
            written = " + ".join(e.weight.text for e in expr.weights)
            if all(isinstance(e.weight, ast.Percent) for e in expr.weights):
                shown, whole = f"{total * 100:g}%", "100%"
            else:
                shown, whole = f"{total:g}", "1"
            self.error("weights-do-not-sum-to-one", f"the weights add up to {shown}, not "
                       f"{whole}", expr.span,
                       hint=f"{written} = {shown}; make them add up to {whole}")
        if any(w < 0 for w in weights):
            self.error("negative-weight", "a weight is negative", expr.span)
        kinds = {x.type.kind for x in items} - {"unknown"}
        result = m.SCORE if kinds <= {"score"} else m.NUMBER
        return m.WeightedMean(items=tuple(items), weights=tuple(weights),
                              renormalise=expr.renormalise, type=result, span=expr.span)

