"""The whole query: a lowered plan → one SELECT over the case table (and the inspection
inputs table), rendered to a dialect by sqlglot.

The query is a chain of common table expressions:

    case_rows          one row per case: the inspection key and the decoded cells
    case_tests         each distinct applicability condition once, 1 where it holds
    case_status        per question, 1 where the case is counted / above the line
    inspection_counts  per inspection: numerators, denominators, cases, inputs
    level_1 ...        the figures, one level of the plan's operations at a time
    digits, outline    one row per figure of the output
and the final SELECT returns one row per inspection and figure (docs/sql.md).
"""

from __future__ import annotations

import attrs
from critc.compiler.plan.lower import Plan
from critc.compiler.sql import build as b
from critc.compiler.sql.across import across_query
from critc.compiler.sql.figures import Columns, Figures
from critc.compiler.sql.output import Shown, by_position_in, positions
from critc.compiler.sql.rows import KEY, CaseRows
from critc.dsl.diagnostics import Diagnostic
from sqlglot import exp

DIALECTS = ("duckdb", "postgres", "sqlite", "spark", "bigquery", "snowflake", "tsql")
MATERIALIZING = ("duckdb", "postgres", "sqlite")  # the dialects with WITH x AS MATERIALIZED
OUTPUT = ("inspection", "figure", "kind", "value", "shown", "bands", "cases", "numerator",
          "denominator")


@attrs.frozen
class Tables:
    """Where the query reads, and how it groups cases: by `by`, else the framework's
    inspection field; all together with `whole` (as `critc score --by/--all`)."""

    cases: str = "cases"
    inputs: str = "inspection_inputs"
    by: str | None = None
    whole: bool = False


def table_name(dotted: str) -> exp.Table:
    """A table named by the user: `schema.table` splits at dots; each part is quoted."""
    parts = dotted.split(".")
    return exp.Table(this=b.name(parts[-1]),
                     db=b.name(parts[-2]) if len(parts) > 1 else None,
                     catalog=b.name(".".join(parts[:-2])) if len(parts) > 2 else None)


def compile_sql(plan: Plan, dialect: str, tables: Tables | None = None
                ) -> tuple[str | None, list[Diagnostic]]:
    """The query computing every figure of `plan` in `dialect`, or None with diagnostics
    when the plan holds an operation the SQL target cannot translate."""
    tables = tables or Tables()
    query, problems = build_query(plan, tables, materialize=dialect in MATERIALIZING)
    if problems:
        return None, problems
    return query.sql(dialect=dialect, pretty=True) + ";\n", []


def build_query(plan: Plan, tables: Tables, materialize: bool = False
                ) -> tuple[exp.Select, list[Diagnostic]]:
    """The query as a tree; `materialize` marks each common table expression MATERIALIZED,
    so that a database computes each level once instead of substituting every column's
    expression into the next (which grows exponentially with the levels)."""
    fw = plan.framework
    field = None if tables.whole else (tables.by or fw.inspection)
    rows = CaseRows(fw, plan, table_name(tables.cases), table_name(tables.inputs), field)
    ctes: list[tuple[str, exp.Expression]] = [("case_rows", rows.select()),
            ("case_tests", rows.with_tests()),
            ("case_status", rows.status()),
            ("inspection_counts", rows.counts())]
    columns = Columns(level={name: 0 for name in rows.count_columns.values()} | {KEY: 0})
    figures = Figures(plan, columns, rows.count_columns)
    for q in plan.questions:
        figures.question(q.index, q.id)
    for step in plan.steps:
        figures.step(step.node, step.op, step.span, step.applies)
    nodes = [n for n in plan.figures if n not in fw.applications]
    shown = Shown(fw, columns, figures.figure)
    cells = {node: figure_cells(plan, node, shown, rows, figures.figure) for node in nodes}
    previous = "inspection_counts"
    for number, level in enumerate(columns.by_level(), start=1):
        name = f"level_{number}"
        ctes.append((name, exp.select(exp.Star(), *[exp.alias_(e, n, quoted=True)
                                                   for n, e in level])
                     .from_(exp.to_identifier(previous, quoted=True))))
        previous = name
    ctes += outline(nodes)
    final = output_select(nodes, cells, previous)
    if plan.across:  # then rows `all inspections` (sql/across.py)
        more, final, problems = across_query(plan, rows, figures.figure, previous, final)
        ctes += more
        figures.diagnostics += problems
    final.set("with_", exp.With(expressions=[
        exp.CTE(this=select, alias=exp.TableAlias(this=b.name(name)),
                materialized=materialize or None) for name, select in ctes]))
    return final, figures.diagnostics


def figure_cells(plan: Plan, node: str, shown: Shown, rows: CaseRows,
                 figure: dict[str, str]) -> dict[str, exp.Expression]:
    """The output cells of one figure (beyond inspection, figure and kind)."""
    counts = rows.count_columns
    fw = plan.framework
    kind = "question" if node in fw.questions else fw.aggregates[node].kind
    cells = {"kind": b.text(kind), "value": shown.value(node), "shown": shown.text(node),
             "bands": shown.bands(node), "cases": exp.Null(), "numerator": exp.Null(),
             "denominator": exp.Null()}
    if node in fw.questions:
        index = plan.question(node).index
        cells["numerator"] = b.col(counts[("num", index)])
        cells["denominator"] = cells["cases"] = b.col(counts[("den", index)])
    elif ("cases", node) in counts:
        cells["cases"] = b.col(counts[("cases", node)])
    return cells


def outline(nodes: list[str]) -> list[tuple[str, exp.Expression]]:
    """`digits` (0-9) and `outline`: one row per output figure, numbered from 0."""
    digits = exp.union(*[exp.select(exp.alias_(b.integer(d), "digit", quoted=True))
                         for d in range(10)], distinct=False)
    return [("digits", digits), ("outline", positions(len(nodes)))]


def output_select(nodes: list[str], cells: dict[str, dict[str, exp.Expression]],
                  last: str) -> exp.Select:
    by_position = by_position_in("outline")
    columns = [exp.alias_(b.col(KEY, last), "inspection", quoted=True),
               exp.alias_(by_position([b.text(n) for n in nodes]), "figure", quoted=True),
               exp.alias_(by_position([cells[n]["kind"] for n in nodes]), "kind", quoted=True)]
    for name in OUTPUT[3:]:
        values = [cells[n][name] for n in nodes]
        if name in ("cases", "numerator", "denominator"):
            values = [v if isinstance(v, exp.Null) else exp.cast(v, "BIGINT") for v in values]
        columns.append(exp.alias_(by_position(values), name, quoted=True))
    return (exp.select(*columns).from_(exp.to_identifier(last, quoted=True))
            .join(exp.to_identifier("outline", quoted=True), join_type="cross")
            .order_by(b.col(KEY, last), b.col("position", "outline")))
