"""Per inspection: the plan's figure operations (`plan.steps.Op`) as SQL columns, NULL for
undefined.

Every operation that is not a constant or a figure already computed gets a column of its
own, defined over earlier columns, so no expression is ever repeated inside another (a
`min` of n items names each item n times) and identical operations are computed once. A
column's level is one more than the deepest column it reads; the query computes one level
per step of its chain of common table expressions.
"""

from __future__ import annotations

import attrs
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import BandTable, Plan
from critc.compiler.sql import build as b
from critc.compiler.sql import rounding
from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.span import Span
from sqlglot import exp


@attrs.define
class Columns:
    """Named columns, each an expression over earlier ones, in the order they were made."""

    level: dict[str, int]  # column → level (0: the per-inspection counts and inputs)
    definitions: dict[str, exp.Expression] = attrs.Factory(dict)

    def add(self, prefix: str, expression: exp.Expression) -> str:
        name = f"{prefix}{len(self.definitions) + 1}"
        reads = [c.name for c in expression.find_all(exp.Column)]
        self.level[name] = 1 + max((self.level[r] for r in reads), default=0)
        self.definitions[name] = expression
        return name

    def by_level(self) -> list[list[tuple[str, exp.Expression]]]:
        top = max((self.level[n] for n in self.definitions), default=0)
        return [[(n, e) for n, e in self.definitions.items() if self.level[n] == lv]
                for lv in range(1, top + 1)]


class Figures:
    """Translates figure operations into columns of `columns`.

    `counts` names the per-inspection count columns: ("num", i), ("den", i) per question
    index and ("input", field) per inspection input read as a number."""

    def __init__(self, plan: Plan, columns: Columns, counts: dict[tuple[str, object], str]):
        self.plan = plan
        self.columns = columns
        self.counts = counts
        self.figure: dict[str, str] = {}  # figure id → its column
        self.memo: dict[s.Op, exp.Expression] = {}
        self.diagnostics: list[Diagnostic] = []
        self.span: Span | None = None

    def question(self, index: int, node: str) -> None:
        num, den = self.counts[("num", index)], self.counts[("den", index)]
        self.figure[node] = self.columns.add("p", b.proportion(b.col(num), b.col(den)))

    def step(self, node: str, op: s.Op, span: Span, applies: s.Op | None = None) -> None:
        self.span = span
        value = self.value(op)
        if applies is not None:  # not applicable, or unknown: NULL
            value = b.case([(b.compare("=", self.value(applies), b.double(1.0)), value)])
        self.figure[node] = value.name if isinstance(value, exp.Column) else \
            self.columns.add("f", value)

    def value(self, op: s.Op) -> exp.Expression:
        """A constant, or the column that holds `op`."""
        if isinstance(op, s.Number):
            return b.double(op.value)
        if isinstance(op, s.FigureValue) and op.above is None:
            return b.col(self.figure[op.node])
        if op not in self.memo:
            self.memo[op] = b.col(self.columns.add("x", self.expression(op)))
        return self.memo[op]

    def counted(self, question: str, above: tuple[int, ...] | None) -> tuple[str, str]:
        """A question's numerator and denominator columns, counted with `above` above the
        line (a figure's `counting` clause; its recount's numerators) or as its scale says."""
        return (self.counts[("num", self.plan.column(question, above))],
                self.counts[("den", self.plan.question(question).index)])

    def pooled(self, op: s.FigureValue | s.Pooled) -> exp.Expression:
        """Above-the-line answers / counted answers of a question (a `FigureValue` with its
        own above-the-line set) or of pooled questions."""
        uses = [(op.node, op.above)] if isinstance(op, s.FigureValue) else \
            [(q, op.above_of(i)) for i, q in enumerate(op.questions)]
        pairs = [self.counted(q, above) for q, above in uses]
        return b.proportion(b.total([b.col(num) for num, _den in pairs]),
                            b.total([b.col(den) for _num, den in pairs]))

    def expression(self, op: s.Op) -> exp.Expression:
        match op:
            case s.FigureValue() | s.Pooled():  # questions counted as this figure says
                return self.pooled(op)
            case s.InputNumber(field=name):
                return b.col(self.counts[("input", name)])
            case s.Arith(op=arith, left=left, right=right):
                x, y = self.value(left), self.value(right)
                if arith == "/":
                    return b.divide_defined(x, y)
                return {"+": b.add, "-": b.sub, "*": b.mul}[arith](x, y)
            case s.Negate(operand=o):
                return b.neg(self.value(o))
            case s.Reduce(function=fn, items=items, strict=strict, when=when):
                values = [self.value(i) for i in items]
                # an item whose test is false does not apply: it is left out (NULL), and
                # counts as defined for a strict total
                out = [b.not_null(v) for v in values]
                for i, condition in enumerate(when):
                    if condition is not None:
                        left_out = b.compare("=", self.value(condition), b.double(0.0))
                        values[i] = b.case([(left_out, exp.Null())], values[i])
                        out[i] = b.either(left_out, out[i])
                if strict:  # undefined if any item is
                    return b.case([(b.all_of(out), reduce(fn, values))])
                return reduce(fn, values)
            case s.FirstOf(items=items):
                values = [self.value(i) for i in items]
                return exp.Coalesce(this=values[0], expressions=values[1:])
            case s.Choose(condition=c, then=a, otherwise=o):
                holds = self.value(c)
                return b.case([(b.is_null(holds), exp.Null()),
                               (b.compare("=", holds, b.double(1.0)), self.value(a))],
                              self.value(o))
            case s.FigureCompare() | s.FigureMember() | s.FigureLogic() | s.FigureNot():
                test = self.test(op)
                return b.case([(test, b.double(1.0)), (b.negation(test), b.double(0.0))])
            case s.WeightedMean(items=items, weights=weights, renormalise=renormalise):
                return weighted_mean([self.value(i) for i in items], weights, renormalise)
            case s.Points(operand=o, points=points):
                return b.lookup(self.value(o), [(b.double(i), b.double(p))
                                                for i, p in enumerate(points) if p is not None])
            case s.Band(band=band, operand=o):
                return self.band(self.plan.bands[band], self.value(o))
        self.diagnostics.append(error(
            "sql-unsupported", f"the SQL target cannot translate `{type(op).__name__}` yet",
            self.span, hint="score these figures with `critc score` or a Python module"))
        return exp.Null()

    def test(self, op: s.Op) -> exp.Expression:
        """A test in a formula as a condition: NULL where unknown, as SQL's logic has it."""
        match op:
            case s.FigureCompare(op=compare, left=left, right=right, descending=descending):
                x, y = self.value(left), self.value(right)
                if descending:  # rating levels are listed best first
                    x, y = b.neg(x), b.neg(y)
                return b.compare(compare, x, y)
            case s.FigureMember(operand=o, codes=codes, negated=negated):
                if not codes:  # in {}: false where known (true where negated)
                    v = self.value(o)
                    return b.compare("=" if negated else "!=", v, v)
                member = exp.In(this=b.paren(self.value(o)),
                                expressions=[b.double(c) for c in codes])
                return b.negation(member) if negated else exp.Paren(this=member)
            case s.FigureLogic(op=logic, operands=ops):
                tests = [self.test(o) for o in ops]
                return b.all_of(tests) if logic == "and" else b.any_of(tests)
            case s.FigureNot(operand=o):
                return b.negation(self.test(o))
        return b.compare("!=", self.value(op), b.double(0.0))  # a yes/no value: 1, 0, NULL

    def band(self, table: BandTable, value: exp.Expression) -> exp.Expression:
        """The band's row for `value` (or the rating level it gives), after its rounding."""
        shown = b.mul(value, b.double(100.0)) if table.percent else value
        mode, places = table.rounding.mode, table.rounding.places
        row = b.col(self.columns.add("r", rounding.rounded(mode, places, shown)))
        whens = []
        for i, (low, high) in enumerate(zip(table.lows, table.highs, strict=True)):
            tests = []
            if low != float("-inf"):
                tests.append(b.compare(">=" if table.low_inclusive[i] else ">", row,
                                       b.double(low)))
            if high != float("inf"):
                tests.append(b.compare("<=" if table.high_inclusive[i] else "<", row,
                                       b.double(high)))
            whens.append((b.all_of(tests) if tests else b.not_null(row), b.double(i)))
        otherwise = b.double(table.otherwise) if table.otherwise >= 0 else None
        index = b.case([(b.is_null(row), exp.Null()), *whens], otherwise)
        if table.gives is None:
            return index
        levels = [(b.double(i), b.double(level)) for i, level in enumerate(table.level_codes)
                  if level == level]  # NaN: the row gives no level
        return b.lookup(b.col(self.columns.add("r", index)), levels)


def reduce(function: str, items: list[exp.Expression]) -> exp.Expression:
    """mean, min, max, sum or count over items, skipping NULL (runtime.py)."""
    defined = [b.not_null(i) for i in items]
    count = b.total([b.case([(d, b.double(1.0))], b.double(0.0)) for d in defined])
    added = b.total([exp.Coalesce(this=i, expressions=[b.double(0.0)]) for i in items])
    if function == "count":
        return count
    if function == "sum":
        return b.case([(b.any_of(defined), added)])
    if function == "mean":
        return b.case([(b.compare(">", count, b.double(0.0)), b.div(added, count))])
    order = "<=" if function == "min" else ">="
    whens = []
    for i, item in enumerate(items):  # the first defined item not beaten by a later one
        tests = [b.not_null(item)] + [b.either(b.is_null(other), b.compare(order, item, other))
                                      for other in items[i + 1:]]
        whens.append((b.all_of(tests), item))
    return b.case(whens)


def weighted_mean(items: list[exp.Expression], weights: tuple[float, ...],
                  renormalise: bool) -> exp.Expression:
    """Σ w·x / Σ w over the defined items, or (strict) Σ w·x where every item is defined."""
    defined = [b.not_null(i) for i in items]
    weighted = b.total([b.mul(exp.Coalesce(this=i, expressions=[b.double(0.0)]), b.double(w))
                        for i, w in zip(items, weights, strict=True)])
    if not renormalise:
        return b.case([(b.all_of(defined), weighted)])
    total = b.total([b.case([(d, b.double(w))], b.double(0.0))
                     for d, w in zip(defined, weights, strict=True)])
    return b.case([(b.compare(">", total, b.double(0.0)), b.div(weighted, total))])
