"""Figures across inspections in the SQL target: rows `all inspections` after the
inspections' rows.

Three more chains of common table expressions, only for a framework that declares them:

    pooled_counts, pooled_level_1 ...   every count summed over the inspections, and the
                                        per-inspection figures computed once more on them
    across_values                       one row: each `FUNCTION of X across inspections` as
                                        an aggregate over the inspections' last level (or the
                                        pooled value), and the cases behind each figure
    across_level_1 ...                  the steps across inspections over that row
    across_outline                      one row per figure across inspections
The output then is the inspections' rows and one row per figure across inspections (one
SELECT over the last across level and across_outline), ordered by part, inspection and
position (docs/sql.md).
"""

from __future__ import annotations

from typing import Any

from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import Plan
from critc.compiler.sql import build as b
from critc.compiler.sql.figures import Columns, Figures
from critc.compiler.sql.output import Shown, by_position_in, positions
from critc.compiler.sql.rows import KEY, CaseRows
from sqlglot import exp

ALL = "all inspections"  # the inspection of their rows (report/across.py)
CTE = tuple[str, Any]  # sqlglot types its nodes loosely


class AcrossFigures(Figures):
    """Steps across inspections: an `AcrossOf` leaf reads its column of `across_values`."""

    def __init__(self, plan: Plan, columns: Columns, leaves: dict[s.AcrossOf, str]):
        super().__init__(plan, columns, {})
        self.leaves = leaves

    def expression(self, op: s.Op) -> exp.Expression:
        if isinstance(op, s.AcrossOf):
            return b.col(self.leaves[op])
        return super().expression(op)


def chain(prefix: str, start: str, columns: Columns) -> tuple[list[CTE], str]:
    """One CTE per level of `columns`, each over the one before, from `start`."""
    ctes, previous = [], start
    for number, level in enumerate(columns.by_level(), start=1):
        name = f"{prefix}{number}"
        ctes.append((name, exp.select(exp.Star(), *[exp.alias_(e, n, quoted=True)
                                                    for n, e in level])
                     .from_(exp.to_identifier(previous, quoted=True))))
        previous = name
    return ctes, previous


def pooled_chain(plan: Plan, rows: CaseRows) -> tuple[list[CTE], str, dict[str, str]]:
    """Every count summed over the inspections and the figures computed on them: the CTEs,
    the last one's name and each figure's column in it."""
    counts = rows.count_columns
    sums: list[Any] = [exp.alias_(b.text(ALL), KEY, quoted=True)]
    for key, name in counts.items():
        total = b.as_double(exp.Null()) if key[0] == "input" else exp.Sum(this=b.col(name))
        sums.append(exp.alias_(total, name, quoted=True))
    columns = Columns(level={name: 0 for name in counts.values()} | {KEY: 0})
    figures = Figures(plan, columns, counts)
    for q in plan.questions:
        figures.question(q.index, q.id)
    for step in plan.steps:
        figures.step(step.node, step.op, step.span)
    ctes, last = chain("pooled_level_", "pooled_counts", columns)
    pooled = exp.select(*sums).from_(exp.to_identifier("inspection_counts", quoted=True))
    return [("pooled_counts", pooled), *ctes], last, figures.figure


def leaf(op: s.AcrossOf, column: exp.Expression) -> exp.Expression:
    """A figure's per-inspection column combined over the inspections (NULLs skipped by
    SQL's aggregates; a strict sum or mean undefined if any inspection's is)."""
    value = b.as_double(column)
    combined = {"mean": exp.Avg, "sum": exp.Sum, "min": exp.Min, "max": exp.Max}.get(op.function)
    if combined is None:  # count
        return b.as_double(exp.Count(this=column))  # count
    out: Any = combined(this=value)
    if op.strict:
        every = b.compare("=", exp.Count(this=exp.Star()), exp.Count(this=column))
        return b.case([(every, out)])
    return out


def across_query(plan: Plan, rows: CaseRows, figure: dict[str, str], last: str,
                 inspections: exp.Select) -> tuple[list[CTE], exp.Select, list]:
    """The CTEs of the figures across inspections and the final query, which is
    `inspections` (the per-inspection output, ordered) followed by their rows."""
    fw = plan.framework
    ctes, pooled_last, pooled = pooled_chain(plan, rows) if plan.pooled() else ([], "", {})
    leaves: dict[s.AcrossOf, str] = {}
    values: list[Any] = []
    for step in plan.across:
        for op in s.walk_ops(step.op):
            if isinstance(op, s.AcrossOf) and op not in leaves:
                leaves[op] = f"c{len(leaves) + 1}"
                source = exp.Max(this=b.col(pooled[op.node], pooled_last)) \
                    if op.function == "pooled" else leaf(op, b.col(figure[op.node], last))
                values.append(exp.alias_(source, leaves[op], quoted=True))
    cases = _cases(plan, rows, last)
    values += [exp.alias_(e, f"k_{i}", quoted=True) for i, e in enumerate(cases.values())]
    select = exp.select(*values).from_(exp.to_identifier(last, quoted=True))
    if pooled_last:
        select = select.join(exp.to_identifier(pooled_last, quoted=True), join_type="cross")
    ctes.append(("across_values", select))
    columns = Columns(level={name: 0 for name in leaves.values()}
                      | {f"k_{i}": 0 for i in range(len(cases))})
    figures = AcrossFigures(plan, columns, leaves)
    for step in plan.across:
        figures.step(step.node, step.op, step.span)
    nodes = [n for n in plan.across_figures if n in fw.across]
    shown = Shown(fw, columns, figures.figure)
    cells = {n: [b.text(fw.across[n].kind), shown.value(n), shown.text(n), shown.bands(n)]
             for n in nodes}
    more, across_last = chain("across_level_", "across_values", columns)
    ctes += [*more, ("across_outline", positions(len(nodes)))]
    case_column = {n: f"k_{i}" for i, n in enumerate(cases)}
    return ctes, _ordered(inspections, nodes, cells, case_column, across_last), \
        figures.diagnostics


def _cases(plan: Plan, rows: CaseRows, last: str) -> dict[str, exp.Expression]:
    """Per figure across inspections, the cases behind it over every inspection: the most
    that any per-inspection figure it combines counted (engine/across.py `_cases`)."""
    counts = rows.count_columns
    behind: dict[str, list[Any]] = {}
    for step in plan.across:
        sums: list[Any] = []
        for op in s.walk_ops(step.op):
            if isinstance(op, s.AcrossOf):
                column = counts.get(("den", plan.question(op.node).index)) \
                    if op.node in plan.by_id else counts.get(("cases", op.node))
                if column is not None:
                    sums.append(exp.Coalesce(this=exp.Sum(this=b.col(column, last)),
                                             expressions=[b.integer(0)]))
            elif isinstance(op, s.FigureValue) and op.node in behind:
                sums += behind[op.node]
        behind[step.node] = sums
    return {node: _greatest(sums) for node, sums in behind.items()}


def _greatest(items: list[exp.Expression]) -> exp.Expression:
    if not items:
        return b.integer(0)
    out = items[0]
    for item in items[1:]:
        out = b.case([(b.compare(">=", out, item), out)], item)
    return out


def _ordered(inspections: exp.Select, nodes: list[str], cells: dict[str, list],
             case_column: dict[str, str], last: str) -> exp.Select:
    """The inspections' rows, then one row per figure across inspections: a single SELECT
    over `last` and `across_outline`, so that `last` is read once (Spark inlines a common
    table expression at every reference)."""
    inspections.set("order", None)  # ordered as a whole: part, inspection key, position
    inspections = inspections.select(exp.alias_(b.integer(0), "part", quoted=True),
                                     exp.alias_(b.col("position", "outline"), "place",
                                                quoted=True))
    by_position = by_position_in("across_outline")
    kind, value, shown, bands = ([cells[n][i] for n in nodes] for i in range(4))
    cases = [exp.cast(b.col(case_column[n]), "BIGINT") for n in nodes]
    across = exp.select(
        exp.alias_(b.text(ALL), "inspection", quoted=True),
        exp.alias_(by_position([b.text(n) for n in nodes]), "figure", quoted=True),
        exp.alias_(by_position(kind), "kind", quoted=True),
        exp.alias_(by_position(value), "value", quoted=True),
        exp.alias_(by_position(shown), "shown", quoted=True),
        exp.alias_(by_position(bands), "bands", quoted=True),
        exp.alias_(by_position(cases), "cases", quoted=True),
        exp.alias_(exp.cast(exp.Null(), "BIGINT"), "numerator", quoted=True),
        exp.alias_(exp.cast(exp.Null(), "BIGINT"), "denominator", quoted=True),
        exp.alias_(b.integer(1), "part", quoted=True),
        exp.alias_(b.col("position", "across_outline"), "place", quoted=True),
    ).from_(exp.to_identifier(last, quoted=True)).join(
        exp.to_identifier("across_outline", quoted=True), join_type="cross")
    union = exp.union(inspections, across, distinct=False)
    names = ("inspection", "figure", "kind", "value", "shown", "bands", "cases", "numerator",
             "denominator")
    outer = exp.select(*[b.col(n) for n in names]).from_(union.subquery(b.name("scored")))
    return outer.order_by(b.col("part"), b.col("inspection"), b.col("place"))
