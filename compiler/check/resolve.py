"""Second checker pass: resolve names, expand selectors and type every expression.

Two kinds of expression exist. Applicability conditions are decided per case, over case
fields, inspection inputs and other questions' answers. Formulas are computed per
inspection, over question proportions, aggregates and inspection inputs.
"""

from __future__ import annotations

from collections.abc import Iterable

from critc.compiler.check import across, choices
from critc.compiler.check.declare import KIND_PLURAL, PLURAL_KIND, Symbols, did_you_mean
from critc.compiler.check.type_words import a_type, not_a_value
from critc.compiler.model import framework as m
from critc.dsl import ast
from critc.dsl.diagnostics import Diagnostic, Label, error
from critc.dsl.printer import selector_text
from critc.dsl.span import Span

ORDERING = ("<", "<=", ">", ">=")


def field_type(ref: ast.TypeRef | None) -> m.Type:
    if ref is None:
        return m.UNKNOWN
    if ref.kind == "enum":
        return m.Type(kind="enum", values=ref.values)
    if ref.kind == "rating":
        return m.Type(kind="rating", scale=ref.scale)
    if ref.kind == "integer":
        return m.NUMBER
    return m.Type(kind=ref.kind)


class Resolver:
    def __init__(self, symbols: Symbols, diagnostics: list[Diagnostic]):
        self.symbols = symbols
        self.diagnostics = diagnostics
        self.formulas: dict[str, m.Expr | None] = {}
        self.types: dict[str, m.Type] = {}
        self.in_progress: set[str] = set()
        # every use of a band: (band id, type of what it bands, span)
        self.band_uses: list[tuple[str, m.Type, Span]] = []
        self.conditions: dict[str, m.Expr | None] = {}  # aggregate → where it applies
        self.deciding: str | None = None  # the aggregate whose `applies when` is resolved
        # aggregates whose type rests on something unknown (an error reported elsewhere,
        # such as a cycle): their type is a guess, so a mismatch with it is not reported
        self.uncertain: set[str] = set()

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(error(code, message, span, hint))

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

    # ------------------------------------------------------------------ selectors
    def select(self, sel: ast.Selector, context: str | None,
               shared: bool = False) -> list[str] | None:
        """The items `sel` picks. `shared`: the `on` selector of a band in an included file,
        which may pick nothing (or name tags nobody has) in the framework that includes it."""
        symbols = self.symbols
        kind = PLURAL_KIND.get(sel.plural, "question")
        if sel.role and kind != "question":
            self.error("invalid-selector", f"`{sel.role}` applies to questions, not {sel.plural}",
                       sel.span)
            return None
        if sel.scope_kind:
            base: list[str] = []
            scope_kind = PLURAL_KIND.get(sel.scope_kind, sel.scope_kind)
            for ident in sel.scope_ids:
                if not self._check_item(ident, scope_kind, sel.span):
                    return None
                base.extend(symbols.descendants(ident))
        elif sel.scope_word == "its" or (sel.scope_word is None and context is not None):
            if context is None:
                self.error("invalid-selector", "`its` needs an enclosing aggregate", sel.span,
                           hint="name the scope instead, e.g. `criteria in sections 1, 2`")
                return None
            base = symbols.descendants(context)
        else:
            base = list(symbols.nodes)
        unknown = [t for t in sel.tags if t not in symbols.all_tags()]
        if unknown and shared:
            return []
        for tag in unknown:
            self.error("unknown-tag", f"no question or aggregate is tagged `{tag}`", sel.span,
                       hint=did_you_mean(tag, symbols.all_tags()) or "add `tags " + tag
                       + "` to the items it should select")
        if unknown:
            return None
        chosen = []
        for node in dict.fromkeys(base):
            item = symbols.nodes[node]
            if symbols.kind(node) != kind or node in symbols.across:
                continue
            if not _has_role(item, sel.role):
                continue
            if sel.tags and not symbols.tags[node] & set(sel.tags):
                continue
            chosen.append(node)
        chosen.sort(key=symbols.order.__getitem__)
        if sel.excepted:
            kept = self._take_out(sel, chosen)
            if kept is None:
                return None
            if chosen and not kept:
                self.error("empty-selection", f"`{describe_selector(sel)}` selects nothing: "
                           "`except` takes out everything it picks", sel.span,
                           hint="take out fewer items, or select another set")
                return None
            chosen = kept
        looked_in = context if context and not sel.scope_kind and sel.scope_word != "all" \
            else None
        where = f" in {symbols.kind(looked_in)} `{looked_in}`" if looked_in else ""
        if not chosen and ({looked_in, *sel.scope_ids} & symbols.lost_children):
            return None  # a duplicate id dropped its items; that error is already reported
        if not chosen and shared:
            return []
        if not chosen:
            self.error("empty-selection", f"`{describe_selector(sel)}` selects nothing{where}",
                       sel.span, hint=self._empty_hint(sel, context))
            return None
        if sel.single and len(chosen) > 1:
            self.error("ambiguous-selection", f"`{describe_selector(sel)}` must select one "
                       f"question but selects {len(chosen)}: {', '.join(chosen)}", sel.span,
                       hint="mark only one question with this role, or use a plural and a "
                       "function such as mean(...)")
            return None
        return chosen

    def _take_out(self, sel: ast.Selector, chosen: list[str]) -> list[str] | None:
        """`except ID, ...`: each id is taken out with everything inside it. An id that is
        not declared, or that takes out nothing the selector picks, is an error."""
        symbols = self.symbols
        kept, ok = list(chosen), True
        for ident in sel.excepted:
            if ident not in symbols.nodes:
                self.error("unknown-reference", f"`except {ident}`: there is no question or "
                           f"aggregate `{ident}`", sel.span,
                           hint=did_you_mean(ident, self._exceptable(chosen)))
                ok = False
                continue
            gone = {ident, *symbols.descendants(ident)}
            if not gone & set(kept):
                what = f"{symbols.kind(ident)} `{ident}`"
                self.error("except-not-selected", f"`except {ident}` takes out nothing: "
                           f"`{describe_selector(sel)}` does not pick {what}"
                           + ("" if symbols.kind(ident) == "question" else " or anything in it"),
                           sel.span, hint=did_you_mean(ident, self._exceptable(chosen))
                           or "remove it from the `except` list")
                ok = False
                continue
            kept = [n for n in kept if n not in gone]
        return kept if ok else None

    def _exceptable(self, chosen: list[str]) -> list[str]:
        """What `except` can name: the items chosen and the aggregates that hold them."""
        out = dict.fromkeys(chosen)
        for node in chosen:
            parent = self.symbols.parent.get(node)
            while parent is not None:
                out[parent] = None
                parent = self.symbols.parent.get(parent)
        return list(out)

    def _empty_hint(self, sel: ast.Selector, context: str | None) -> str:
        symbols = self.symbols
        if context and sel.scope_word != "all" and not sel.scope_kind:
            held = {symbols.kind(n) for n in symbols.descendants(context)}
            if held and PLURAL_KIND.get(sel.plural, "question") not in held:
                nouns = sorted(KIND_PLURAL.get(k, k) for k in held)
                return (f"{symbols.kind(context)} `{context}` holds only "
                        f"{' and '.join(nouns)}, no {sel.plural}")
        if context and sel.scope_word is None and not sel.scope_kind:
            return (f"without `in ...`, a selector looks inside {symbols.kind(context)} "
                    f"`{context}`; write `all "
                    f"{describe_selector(sel)}` to look across the whole framework")
        if sel.scope_kind:
            kind = PLURAL_KIND.get(sel.plural, "question")
            outside = [n for n in symbols.nodes if symbols.kind(n) == kind
                       and _has_role(symbols.nodes[n], sel.role)
                       and (not sel.tags or symbols.tags[n] & set(sel.tags))]
            if outside:
                shown = ", ".join(f"`{n}`" for n in outside[:3]) + (", ..." if
                                                                     len(outside) > 3 else "")
                return (f"without the scope it would select {shown}, which "
                        f"{'lie' if len(outside) > 1 else 'lies'} outside {sel.scope_kind} "
                        f"{', '.join(sel.scope_ids)}")
        return "check the kind, role, tags and scope it names"

    def _check_item(self, ident: str, kind: str, span: Span) -> bool:
        symbols = self.symbols
        if ident not in symbols.nodes:
            same_kind = [n for n in symbols.nodes if symbols.kind(n) == kind]
            self.error("unknown-reference", f"there is no {kind} `{ident}`", span,
                       hint=did_you_mean(ident, same_kind or symbols.nodes))
            return False
        actual = symbols.kind(ident)
        if actual != kind:
            self.error("wrong-kind", f"`{ident}` is a {actual}, not a {kind}", span,
                       hint=f"write `{actual} {ident}`")
            return False
        return True

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

    # ------------------------------------------------------------------ conditions
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
        symbols = self.symbols
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
            case ast.ItemRef(kind=kind, id=ident):
                if not self._check_item(ident, kind, expr.span):
                    return None
                if kind != "question":
                    self.error("figure-in-condition", f"`{kind} {ident}` is a figure for a "
                               "whole inspection; a condition is decided case by case",
                               expr.span, hint="conditions use case fields, inspection inputs "
                               "and answers to questions")
                    return None
                return self._answer(ident, expr.span)
            case ast.Compare():
                return self._compare(expr)
            case ast.InSet():
                return self._in_set(expr)
            case ast.And(operands=ops) | ast.Or(operands=ops):
                values = [self.case_expr(op) for op in ops]
                operands = [v for v in values if v is not None]
                if len(operands) < len(values) or not all(self._boolean(v) for v in operands):
                    return None
                logic: m.LogicOp = "and" if isinstance(expr, ast.And) else "or"
                return m.Logic(op=logic, operands=tuple(operands), span=expr.span)
            case ast.Not(operand=operand):
                value = self.case_expr(operand)
                if value is None or not self._boolean(value):
                    return None
                return m.Not(operand=value, span=expr.span)
            case ast.Binary(op=op, left=left, right=right):
                a, b = self.case_expr(left), self.case_expr(right)
                if a is None or b is None:
                    return None
                if not all(x.type.kind in ("number", "unknown") for x in (a, b)):
                    self.error("type-mismatch", f"`{op}` needs numbers", expr.span)
                    return None
                return m.Arith(op=op, left=a, right=b, type=m.NUMBER, span=expr.span)
            case ast.Negate(operand=operand):
                a = self.case_expr(operand)
                if a is None:
                    return None
                if a.type.kind not in ("number", "unknown"):
                    self.error("type-mismatch", f"`-` needs a number, not {a_type(a.type)}",
                               expr.span)
                    return None
                return m.Negate(operand=a, type=m.NUMBER, span=expr.span)
            case _:
                self.error("figure-in-condition", "a condition is decided case by case; "
                           "scores and functions of scores cannot appear in it", expr.span)
                return None

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

    def question_scale(self, item: ast.Question, report: bool = True) -> ast.Scale | None:
        symbols = self.symbols
        name = item.scale
        if name is None:
            header = symbols.header
            if header is not None and header.default_scale:
                name = header.default_scale
            elif len(symbols.scales) == 1:
                name = next(iter(symbols.scales))
            else:
                if report:
                    self.error("no-scale", f"question `{item.id}` does not say which answer "
                               "scale it uses", item.span,
                               hint="add `on SCALE` or `default scale SCALE` to the header"
                               if symbols.scales else "declare a scale, e.g. `scale "
                               "sufficiency` with its answers")
                return None
        scale = symbols.scales.get(name)
        if scale is None and report:
            self.error("unknown-reference", f"there is no answer scale `{name}`", item.span,
                       hint=did_you_mean(name, symbols.scales))
        return scale


# A selector is described in messages exactly as the formatter writes it.
describe_selector = selector_text


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


def _has_role(item: ast.Question | ast.Aggregate, role: ast.QuestionRole | None) -> bool:
    """True when no role is asked for, or `item` is a question with that role."""
    return role is None or (isinstance(item, ast.Question) and item.role == role)


def rounding_of(r: ast.Rounding) -> m.Rounding:
    return m.Rounding(mode=r.mode, places=r.places, span=r.span)


__all__ = ["Resolver", "describe_selector", "field_type", "rounding_of", "KIND_PLURAL"]
