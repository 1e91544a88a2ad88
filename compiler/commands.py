"""`critc score` and `critc explain`: a framework meets the cases inspectors read."""

from __future__ import annotations

import sys

import attrs
import numpy as np
from critc.compiler import render
from critc.compiler.cases import EPOCH, CaseTable, Grouping, group_cases
from critc.compiler.check import CheckResult
from critc.compiler.plan import Plan, plan_for
from critc.dsl.diagnostics import has_errors


@attrs.define
class Session:
    """A checked framework with its cases read, validated and grouped."""

    check: CheckResult
    plan: Plan
    table: CaseTable
    grouping: Grouping
    inputs: dict[str, np.ndarray]


def decode_value(fw, table: CaseTable, field: str, i: int) -> str:
    """A case field's value in case `i` as the user wrote it."""
    code = table.fields[field][i]
    type_ = fw.fields[field].type
    if isinstance(code, float) or np.issubdtype(type(code), np.floating):
        if np.isnan(code):
            return "(blank)"
        if type_.kind == "date":
            import datetime

            return (EPOCH + datetime.timedelta(days=int(code))).isoformat()
        return f"{float(code):g}"
    code = int(code)
    if code < 0:
        return "(blank)"
    if type_.kind == "enum":
        return type_.values[code]
    if type_.kind == "rating":
        return fw.rating_scales[type_.scale].levels[code]
    if type_.kind == "boolean":
        return "true" if code else "false"
    return table.vocab[field][code]


def open_session(args) -> Session | None:
    """Check the framework and read the cases; print diagnostics; None if unusable."""
    from critc.compiler.cli import UsageError, checked, stderr
    from critc.compiler.records import load_cases, load_inputs
    from critc.compiler.validate import check_answers

    result = checked(args.framework)
    if result is None:
        return None
    fw = result.framework
    by = None if args.all else (args.by or fw.inspection)
    if by is not None and by not in {f.id for f in fw.case_fields}:
        raise UsageError(f"cannot group by `{by}`: it is not a case field of "
                         f"{args.framework}")
    with _progress(args.cases) as update:
        table, problems = load_cases(args.cases, fw, update)
    plan = plan_for(result)
    grouping = None
    inputs: dict[str, np.ndarray] = {}
    if table is not None and not has_errors(problems):
        grouping = group_cases(table, by, lambda f, c: _decode_key(fw, table, f, c))
        inputs = {f.id: np.full(grouping.size, np.nan if f.type.kind in ("number", "date")
                                else -1) for f in fw.inputs}
        if args.inputs:
            given, input_problems = load_inputs(args.inputs, fw, grouping.keys, table.vocab)
            inputs.update(given)
            problems.extend(input_problems)
        if not has_errors(problems):
            problems.extend(check_answers(plan, table, grouping, inputs, args.strict))
    if problems:
        render.render(stderr(), problems, {}, args.cases)
    if table is None or grouping is None or has_errors(problems):
        return None
    return Session(result, plan, table, grouping, inputs)


def _decode_key(fw, table: CaseTable, field: str, code) -> str:
    index = int(np.argmax(table.fields[field] == code))
    return decode_value(fw, table, field, index)


class _progress:
    """A transient progress bar on stderr while a large case file is read and checked,
    when stderr is a terminal. Used as `with _progress(path) as update: ...`."""

    def __init__(self, path: str):
        import os

        self.active = sys.stderr.isatty() and os.path.exists(path) \
            and os.path.getsize(path) > (8 << 20)
        self.path = path

    def __enter__(self):
        if not self.active:
            return lambda _fraction: None
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

        self.progress = Progress(TextColumn(f"reading {self.path}"), BarColumn(),
                                 TaskProgressColumn(), transient=True,
                                 console=Console(stderr=True))
        self.progress.start()
        task = self.progress.add_task("read", total=100)
        return lambda fraction: self.progress.update(task, completed=100 * fraction)

    def __exit__(self, *exc):
        if self.active:
            self.progress.stop()


def cmd_score(args) -> int:
    from critc.compiler import report
    from critc.compiler.cli import EXIT_OK, EXIT_PROBLEMS, stdout, write_output
    from critc.compiler.evaluate import evaluate

    session = open_session(args)
    if session is None:
        return EXIT_PROBLEMS
    results = evaluate(session.plan, session.table, session.grouping, session.inputs)
    if args.format == "json":
        write_output(args.output, report.as_json(results))
    elif args.format == "csv":
        write_output(args.output, report.as_csv(results))
    elif args.output:
        from rich.console import Console

        console = Console(record=True, width=120, color_system=None, file=_Null())
        report.print_tables(console, results, not args.hide_questions)
        write_output(args.output, console.export_text())
    else:
        report.print_tables(stdout(), results, not args.hide_questions)
    return EXIT_OK


class _Null:
    def write(self, _text):
        return 0

    def flush(self):
        pass


def cmd_explain(args) -> int:
    from critc.compiler.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
    from critc.compiler.declare import did_you_mean
    from critc.compiler.evaluate import evaluate
    from critc.compiler.explain import Explainer

    session = open_session(args)
    if session is None:
        return EXIT_PROBLEMS
    fw = session.plan.framework
    if args.node not in fw.questions and args.node not in fw.aggregates:
        hint = did_you_mean(args.node, list(fw.questions) + list(fw.aggregates))
        raise UsageError(f"no question or aggregate `{args.node}`" + (f"; {hint}" if hint
                                                                        else ""))
    results = evaluate(session.plan, session.table, session.grouping, session.inputs)
    keys = session.grouping.keys
    case = None
    if args.case is not None:
        ids = session.table.case_ids
        if ids is None:
            raise UsageError("the framework declares no `case id` field to find cases by")
        found = np.flatnonzero(ids == args.case)
        if not len(found):
            raise UsageError(f"no case `{args.case}` in {args.cases}")
        case = int(found[0])
        groups = [int(session.grouping.group[case])]
    elif args.inspection is not None:
        if args.inspection not in keys:
            hint = did_you_mean(args.inspection, keys)
            raise UsageError(f"no inspection `{args.inspection}`" + (f"; {hint}" if hint else
                                                                    f"; there are: "
                                                                    f"{', '.join(keys[:10])}"))
        groups = [keys.index(args.inspection)]
    elif len(keys) <= 3:
        groups = list(range(len(keys)))
    else:
        raise UsageError(f"{len(keys)} inspections: say which with --inspection (e.g. "
                         f"--inspection {keys[0]})")
    explainer = Explainer(results, session.table, session.inputs,
                          session.check.program.sources)
    from rich.console import Console

    console = Console(highlight=False)
    for g in groups:
        explainer.render(console, args.node, g, case)
    return EXIT_OK


def cmd_compile(args) -> int:
    from critc.compiler.cli import EXIT_OK, EXIT_PROBLEMS, checked, write_output
    from critc.compiler.codegen import generate

    result = checked(args.framework)
    if result is None:
        return EXIT_PROBLEMS
    root = result.program.root
    text = generate(plan_for(result), root, result.program.sources[root])
    write_output(args.output, text)
    return EXIT_OK


def _case_arguments(p) -> None:
    p.add_argument("framework", metavar="FILE", help="the framework (.crit)")
    p.add_argument("cases", metavar="CASES", help="case records: .csv, .jsonl, .xlsx, .parquet")
    p.add_argument("--inputs", metavar="FILE", help="inspection inputs (CSV or JSON)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--by", metavar="FIELD", help="group cases by this field instead of "
                       "the framework's inspection field")
    group.add_argument("--all", action="store_true", help="one set of figures over every case")
    p.add_argument("--strict", action="store_true",
                   help="treat answers where a question does not apply as errors")


def register(sub) -> None:
    p = sub.add_parser("score", help="score case records against a framework")
    _case_arguments(p)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--hide-questions", action="store_true", help="show aggregates only")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (atomically)")
    p.set_defaults(run=cmd_score)

    p = sub.add_parser("compile", help="write a standalone Python scoring module")
    p.add_argument("framework", metavar="FILE")
    p.add_argument("-o", "--output", metavar="OUT", help="the module to write (atomically)")
    p.set_defaults(run=cmd_compile)

    p = sub.add_parser("explain", help="show how a figure was formed")
    _case_arguments(p)
    p.add_argument("--node", required=True, metavar="ID", help="the question or aggregate")
    p.add_argument("--inspection", metavar="KEY")
    p.add_argument("--case", metavar="ID", help="one case's answers and contribution")
    p.set_defaults(run=cmd_explain)
