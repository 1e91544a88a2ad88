"""`critc compile FILE -o MODULE`: a standalone Python scoring module, or with `--target
sql` one SQL query over a case table (docs/sql.md)."""

from __future__ import annotations

from critc.compiler.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    checked,
    stderr,
    write_output,
)
from critc.compiler.codegen.generate import generate
from critc.compiler.plan.lower import plan_for
from critc.compiler.report import render
from critc.compiler.report.wording import plural

DIALECTS = ("duckdb", "postgres", "sqlite", "spark", "bigquery", "snowflake", "tsql")


def register(sub) -> None:
    p = sub.add_parser("compile", help="write a standalone Python scoring module or SQL query")
    p.add_argument("framework", metavar="FILE")
    p.add_argument("-o", "--output", metavar="OUT", help="the module to write (atomically)")
    p.add_argument("--target", choices=("python", "sql"), default="python",
                   help="a Python module (default) or a SQL query")
    p.add_argument("--dialect", choices=DIALECTS, help="the SQL dialect (with --target sql)")
    p.add_argument("--cases-table", default="cases", metavar="NAME",
                   help="the table of case records the query reads (default: cases)")
    p.add_argument("--inputs-table", default="inspection_inputs", metavar="NAME",
                   help="the table of inspection inputs (default: inspection_inputs)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--by", metavar="FIELD", help="group cases by this case field")
    group.add_argument("--all", action="store_true", help="one set of figures over all cases")
    p.set_defaults(run=cmd_compile)


def cmd_compile(args) -> int:
    if (args.target == "sql") != (args.dialect is not None):
        raise UsageError("--dialect goes with --target sql, and --target sql needs one")
    result = checked(args.framework)
    if result is None:
        return EXIT_PROBLEMS
    if args.target == "sql":
        return compile_sql_query(args, result)
    root, sources = result.program.root, result.program.sources
    text = generate(plan_for(result), root, sources[root],
                    {name: text for name, text in sources.items() if name != root})
    write_output(args.output, text)
    _say_written(args, result)
    return EXIT_OK


def _say_written(args, result, what: str = "") -> None:
    """`wrote OUT: 178 questions, 209 figures` (`what` before the counts), when the
    output is a file."""
    if args.output in (None, "-"):
        return
    fw = result.model
    figures = len(fw.questions) + len(fw.aggregates) + len(fw.applications)
    stderr().print(f"wrote {args.output}: {what}{plural(len(fw.questions), 'question')}, "
                   f"{plural(figures, 'figure')}", markup=False)


def compile_sql_query(args, result) -> int:
    # lazy: critc.compiler.sql imports sqlglot (a quarter of a second), only needed here
    from critc.compiler.sql.query import Tables, compile_sql

    fw = result.framework
    if args.by is not None and args.by not in {f.id for f in fw.case_fields}:
        raise UsageError(f"cannot group by `{args.by}`: it is not a case field of "
                         f"{args.framework}")
    tables = Tables(cases=args.cases_table, inputs=args.inputs_table, by=args.by,
                    whole=args.all)
    text, problems = compile_sql(plan_for(result), args.dialect, tables)
    if text is None:
        render.render(stderr(), problems, result.program.sources, args.framework)
        return EXIT_PROBLEMS
    write_output(args.output, text)
    _say_written(args, result, f"a {args.dialect} query, ")
    return EXIT_OK
