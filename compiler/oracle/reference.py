"""A deliberately simple per-case evaluator: the oracle the tests hold the engine to.

It walks the checked model (not the evaluation plan), one case and one question at a
time, in plain Python with `None` for undefined. It shares no code with the engine
except `casewise` (per-case conditions) and the documented rounding rule.
"""

from __future__ import annotations

import decimal
import math
from typing import Any, assert_never

from critc.compiler.model import casewise
from critc.compiler.model import framework as m


def round_display(value: float, mode: str, places: int) -> float:
    """Round with exact decimal arithmetic (after absorbing binary float error)."""
    modes = {"half up": decimal.ROUND_HALF_UP, "half down": decimal.ROUND_HALF_DOWN,
             "half even": decimal.ROUND_HALF_EVEN, "up": decimal.ROUND_CEILING,
             "down": decimal.ROUND_FLOOR}
    exact = decimal.Decimal(repr(value)).quantize(decimal.Decimal(1).scaleb(-12))
    return float(exact.quantize(decimal.Decimal(1).scaleb(-places), rounding=modes[mode]))


class Reference:
    """Scores one inspection: `cases` is a list of dicts of raw values, keyed by field and
    question id (answers as code ids, blanks as None); `inputs` maps input ids to values."""

    def __init__(self, fw: m.Framework, cases: list[dict], inputs: dict | None = None):
        self.fw = fw
        self.cases = cases
        self.inputs = inputs or {}
        self.memo: dict[str, Any] = {}  # a figure's value, or an input's
        self.not_applicable: set[str] = set()  # aggregates whose `applies when` is false
        # the above-the-line codes of the aggregate whose formula is being computed, for the
        # questions its `counting` clauses name
        self.above: dict[str, frozenset[str]] = {}

    def levels(self, scale: str) -> tuple[str, ...]:
        return self.fw.rating_scales[scale].levels

    def applies(self, qid: str, case: dict) -> bool:
        condition = self.fw.questions[qid].applies
        if condition is None:
            return True

        def lookup(ref: m.Expr) -> object:
            match ref:
                case m.AnswerRef(question=question):
                    return case.get(question)
                case m.FieldRef(field=name):
                    field = self.fw.fields[name]
                    return self.inputs.get(name) if field.origin == "inspection" \
                        else case.get(name)
            raise TypeError(f"not a per-case reference: {type(ref).__name__}")

        return casewise.evaluate(condition, lookup, self.levels) is True

    def counts(self, qid: str, codes: frozenset[str] | None = None) -> tuple[int, int]:
        """(above the line, applicable and answered) over the inspection's cases; above the
        line the `codes` of a formula's `counting` clause, else the scale's."""
        q = self.fw.questions[qid]
        scale = self.fw.scales[q.scale]
        above_codes = scale.above if codes is None else codes
        above = answered = 0
        for case in self.cases:
            answer = case.get(qid)
            if answer is None or answer in scale.not_applicable:
                continue
            if not self.applies(qid, case):
                continue
            answered += 1
            if answer in above_codes:
                above += 1
        return above, answered

    def value(self, node: str) -> Any:
        if node not in self.memo:
            if node in self.fw.questions:
                above, answered = self.counts(node)
                self.memo[node] = above / answered if answered else None
            elif node in self.fw.aggregates:
                aggregate = self.fw.aggregates[node]
                if aggregate.formula is None:
                    raise ValueError(f"aggregate {node} has no formula")
                holds = True if aggregate.applies is None else self.truth(aggregate.applies)
                if holds is False:
                    self.not_applicable.add(node)
                outer = self.above
                self.above = {c.question: frozenset(c.codes) for c in aggregate.counting}
                try:
                    self.memo[node] = self.compute(aggregate.formula) if holds else None
                finally:
                    self.above = outer
            elif node in self.fw.applications:
                app = self.fw.applications[node]
                self.memo[node] = self.band(app.band, self.value(app.target))
            else:
                self.memo[node] = self.inputs.get(node)
        return self.memo[node]

    def compute(self, expr: m.Expr) -> Any:
        match expr:
            case m.Const():
                return expr.number
            case m.FigureRef(node=node) if node in self.above:  # counted as the formula says
                above, answered = self.counts(node, self.above[node])
                return above / answered if answered else None
            case m.FigureRef(node=node):
                return self.value(node)
            case m.FieldRef(field=name):
                value = self.inputs.get(name)
                if value is not None and self.fw.fields[name].type.kind == "rating":
                    return float(self.levels(self.fw.fields[name].type.scale_id).index(value))
                return None if value is None else float(value)
            case m.Arith(op=op, left=left, right=right):
                a, b = self.compute(left), self.compute(right)
                if a is None or b is None:
                    return None
                if op == "/":
                    return None if b == 0 else a / b
                return {"+": a + b, "-": a - b, "*": a * b}[op]
            case m.Negate(operand=o):
                a = self.compute(o)
                return None if a is None else -a
            case m.Reduce(function=fn, items=items):
                every = [self.compute(i) for i in items if not self.left_out(i)]
                values = [v for v in every if v is not None]
                if expr.strict and len(values) < len(every):
                    return None
                if fn == "count":
                    return float(len(values))
                if not values:
                    return None
                if expr.type.kind == "rating":  # levels are indexed best first
                    return float(max(values) if fn == "min" else min(values))
                return {"mean": sum(values) / len(values), "min": min(values),
                        "max": max(values), "sum": sum(values)}[fn]
            case m.Pooled(questions=qids):
                above = answered = 0
                for q in qids:
                    a, n = self.counts(q, self.above.get(q))
                    above, answered = above + a, answered + n
                return above / answered if answered else None
            case m.WeightedMean(items=items, weights=weights, renormalise=renormalise):
                values = [self.compute(i) for i in items]
                pairs = [(v, w) for v, w in zip(values, weights, strict=True) if v is not None]
                if not renormalise and len(pairs) < len(values):
                    return None
                total = sum(w for _, w in pairs)
                if not pairs or total == 0:
                    return None
                weighted = sum(v * w for v, w in pairs)
                return weighted if not renormalise else weighted / total
            case m.Points(operand=o):
                level = self.compute(o)
                if level is None:
                    return None
                scale = self.fw.rating_scales[o.type.scale_id]
                return scale.points[scale.levels[int(level)]]
            case m.BandOf(band=band, operand=o):
                return self.band(band, self.compute(o))
            case m.FirstOf(items=items):
                return next((v for v in map(self.compute, items) if v is not None), None)
            case m.IfElse(condition=c, then=a, otherwise=b):
                holds = self.truth(c)
                if holds is None:
                    return None
                return self.compute(a if holds else b)
            case m.Compare() | m.InSet() | m.Logic() | m.Not():
                holds = self.truth(expr)
                return None if holds is None else float(holds)
            case m.AnswerRef() | m.Across():  # Across: only in oracle/across.py
                raise TypeError(f"not a per-inspection formula: {type(expr).__name__}")
            case _:
                assert_never(expr)

    def left_out(self, item: m.Expr) -> bool:
        """An item of a total that names an aggregate that does not apply (directly, or
        through points or a band): left out, where an undefined item is not."""
        match item:
            case m.Points(operand=o) | m.BandOf(operand=o):
                return self.left_out(o)
            case m.FigureRef(node=node) if node in self.fw.aggregates:
                self.value(node)
                return node in self.not_applicable
        return False

    def truth(self, expr: m.Expr) -> bool | None:
        """A test in a formula, three-valued (None unknown), over raw values."""
        match expr:
            case m.Logic(op=op, operands=ops):
                values = [self.truth(o) for o in ops]
                decisive = op == "or"  # a true operand decides `or`, a false one `and`
                if decisive in values:
                    return decisive
                return None if None in values else not decisive
            case m.Not(operand=o):
                value = self.truth(o)
                return None if value is None else not value
            case m.Compare(op=op, left=left, right=right):
                a, b = self.raw(left), self.raw(right)
                if a is None or b is None:
                    return None
                a, b = self.ordinal(a, left.type), self.ordinal(b, left.type)
                return {"=": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b,
                        ">=": a >= b}[op]
            case m.InSet(operand=o, values=values, negated=negated):
                a = self.raw(o)
                return None if a is None else (a in values) != negated
        value = self.raw(expr)
        return None if value is None else bool(value)

    def raw(self, expr: m.Expr) -> Any:
        """A value as written: a rating as its level, an enum value, a date, a number."""
        if isinstance(expr, m.Const):
            return expr.value
        if isinstance(expr, m.FieldRef):
            return self.inputs.get(expr.field)
        value = self.compute(expr)
        if value is not None and expr.type.kind == "rating":
            return self.levels(expr.type.scale_id)[int(value)]
        return value

    def ordinal(self, value: Any, type_: m.Type) -> Any:
        """What orders values of `type_`: levels better first, enum values as declared."""
        if type_.kind == "rating":
            return -self.levels(type_.scale_id).index(value)
        if type_.kind == "enum":
            return type_.values.index(value)
        return value

    def band(self, band_id: str, value: float | None) -> float | None:
        """The band's output: a row index for text labels, a level index for ratings."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        band = self.fw.bands[band_id]
        shown = value * 100 if band.input_type.kind == "score" else value
        shown = round_display(shown, band.rounding.mode, band.rounding.places)
        explicit = [r for r in band.rows if not r.otherwise]
        chosen = next((i for i, r in enumerate(explicit) if r.contains(shown)), None)
        if chosen is None and any(r.otherwise for r in band.rows):
            chosen = len(explicit)
        if chosen is None:
            return None
        if band.gives is None:
            return float(chosen)
        rows = explicit + [r for r in band.rows if r.otherwise]
        return float(self.levels(band.gives).index(rows[chosen].output))


def reference_scores(fw: m.Framework, cases_by_inspection: dict[str, list[dict]],
                     inputs_by_inspection: dict[str, dict] | None = None) -> dict:
    """{inspection: {figure: value}} for every question, aggregate and band label."""
    out = {}
    for key, cases in cases_by_inspection.items():
        ref = Reference(fw, cases, (inputs_by_inspection or {}).get(key))
        figures = list(fw.questions) + list(fw.aggregates) + list(fw.applications)
        out[key] = {node: ref.value(node) for node in figures}
    return out
