"""`critc score` and `critc explain`: a framework meets the cases inspectors read."""

from __future__ import annotations

import os
import sys

import numpy as np
from critc.compiler.io.session import Session
from critc.compiler.plan.lower import plan_for
from critc.compiler.report import render


def open_session(args) -> Session | None:
    """Check the framework and read the cases; print diagnostics; None if unusable."""
    from critc.compiler.cli.main import UsageError, checked, stderr
    from critc.compiler.io.session import GroupingError
    from critc.compiler.io.session import open_session as open_cases

    result = checked(args.framework)
    if result is None:
        return None
    try:
        with _progress(args.cases) as update:
            session, problems = open_cases(result, args.cases, args.inputs, by=args.by,
                                           whole=args.all, strict=args.strict,
                                           progress=update)
    except GroupingError as exc:
        raise UsageError(f"{exc} of {args.framework}") from None
    if problems:
        render.render(stderr(), problems, {}, args.cases)
    return session


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
    from critc.compiler.cli.main import EXIT_OK, EXIT_PROBLEMS, stdout, write_output
    from critc.compiler.engine.evaluate import evaluate
    from critc.compiler.report import results as report

    if os.path.isdir(args.framework):
        return _score_versions(args)
    session = open_session(args)
    if session is None:
        return EXIT_PROBLEMS
    results = evaluate(session.plan, session.table, session.grouping, session.inputs)
    if args.format == "json":
        write_output(args.output, report.as_json(results))
    elif args.format == "csv":
        write_output(args.output, report.as_csv(results))
    elif args.output:
        console = render.plain_console()
        report.print_tables(console, results, not args.hide_questions)
        write_output(args.output, console.export_text())
    else:
        report.print_tables(stdout(), results, not args.hide_questions)
    return EXIT_OK


def _score_versions(args) -> int:
    """`critc score DIR CASES`: each inspection scored by the version in force on its date."""
    from critc.compiler.cli.main import (
        EXIT_OK,
        EXIT_PROBLEMS,
        UsageError,
        stderr,
        stdout,
        write_output,
    )
    from critc.compiler.regress import versions
    from critc.compiler.report import results as report
    from critc.compiler.report import versions as version_report

    if args.by or args.all:
        option = "--by" if args.by else "--all"
        raise UsageError(f"{option} cannot be used with a version directory: each inspection "
                         "is scored by the version in force on its date")
    sources: dict[str, str] = {}
    found, problems = versions.load_versions(args.framework, sources)
    if problems:
        render.render(stderr(), problems, sources, args.framework)
    if found is None:
        return EXIT_PROBLEMS
    if found.date_is_input and args.inputs is None:
        raise UsageError(f"the inspection date `{found.inspection_date.id}` is an inspection "
                         "input: give the inputs file with --inputs FILE")
    with _progress(args.cases) as update:
        scored, problems = versions.score_versions(found, args.cases, args.inputs,
                                                   strict=args.strict, progress=update)
    if problems:
        render.render(stderr(), problems, {}, args.cases)
    if scored is None:
        return EXIT_PROBLEMS
    if args.format == "json":
        write_output(args.output, version_report.as_json(found, scored))
    elif args.format == "csv":
        write_output(args.output, version_report.as_csv(scored))
    else:
        console = render.plain_console() \
            if args.output else stdout()
        for s in scored:
            report.print_tables(console, s.results, not args.hide_questions,
                                version_report.notes(found, s))
        if args.output:
            write_output(args.output, console.export_text())
    stderr().print(version_report.summary(scored), markup=False)
    return EXIT_OK


def cmd_explain(args) -> int:
    from critc.compiler.check.declare import did_you_mean
    from critc.compiler.cli.main import EXIT_OK, EXIT_PROBLEMS, UsageError
    from critc.compiler.engine.evaluate import evaluate
    from critc.compiler.report.explain import Explainer

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
    from critc.compiler.cli.main import EXIT_OK, EXIT_PROBLEMS, checked, write_output
    from critc.compiler.codegen.generate import generate

    result = checked(args.framework)
    if result is None:
        return EXIT_PROBLEMS
    root = result.program.root
    text = generate(plan_for(result), root, result.program.sources[root])
    write_output(args.output, text)
    return EXIT_OK


def _case_arguments(p, versions: bool = False) -> None:
    if versions:
        p.add_argument("framework", metavar="FILE|DIR", help="the framework (.crit), or a "
                       "directory of its versions: each inspection is scored by the version "
                       "in force on its inspection date")
    else:
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
    _case_arguments(p, versions=True)
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
