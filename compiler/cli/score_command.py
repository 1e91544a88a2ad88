"""`critc score FILE CASES` and `critc score DIR CASES` (each inspection with the version
in force on its date)."""

from __future__ import annotations

import os

from critc.compiler.cli.cases import (
    case_arguments,
    database_arguments,
    database_sources,
    open_scores,
    score_version_directory,
)
from critc.compiler.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    stderr,
    stdout,
    write_output,
)
from critc.compiler.cli.progress import Phases
from critc.compiler.cli.workbook import check_output_name, write_versions_workbook, write_workbook
from critc.compiler.regress import version_scoring, versions
from critc.compiler.report import render
from critc.compiler.report import results as report
from critc.compiler.report import versions as version_report


def register(sub) -> None:
    p = sub.add_parser("score", help="score case records against a framework")
    case_arguments(p, versions=True, inputs_alone=True)
    p.add_argument("--format", choices=["table", "json", "csv", "xlsx"], default="table",
                   help="xlsx: an Excel workbook (needs -o FILE.xlsx)")
    p.add_argument("--hide-questions", action="store_true", help="show aggregates only")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (atomically)")
    database_arguments(p)
    p.set_defaults(run=cmd_score)


def cmd_score(args) -> int:
    check_output_name(args.format, args.output)
    database_sources(args)
    if os.path.isdir(args.framework):
        return _score_versions(args)
    if args.format == "xlsx":
        return write_workbook(args)
    scores = open_scores(args)
    if scores is None:
        return EXIT_PROBLEMS
    if args.format == "table" and not args.output:
        scores.print(stdout(), not args.hide_questions)
        return EXIT_OK
    with Phases() as phases, phases.writing(args.output):  # a bar only if it takes a while
        if args.format == "json":
            text = scores.to_json(not args.hide_questions)
        elif args.format == "csv":
            text = scores.to_csv(not args.hide_questions)
        else:
            text = scores.to_text(not args.hide_questions)
    write_output(args.output, text)
    return EXIT_OK


def _score_versions(args) -> int:
    """`critc score DIR CASES`: each inspection scored by the version in force on its date."""
    found, scored = score_version_directory(args)
    if found is None or scored is None:
        return EXIT_PROBLEMS
    _write_versions(args, found, scored)
    stderr().print(version_report.summary(scored), markup=False)
    return EXIT_OK


def _write_versions(args, found: versions.VersionSet,
                    scored: list[version_scoring.Scored]) -> None:
    if args.format == "xlsx":
        write_versions_workbook(args.output, found, scored)
    elif args.format == "json":
        write_output(args.output, version_report.as_json(found, scored,
                                                          not args.hide_questions))
    elif args.format == "csv":
        write_output(args.output, version_report.as_csv(scored, not args.hide_questions))
    else:
        console = render.plain_console() if args.output else stdout()
        for s in scored:
            report.print_tables(console, s.results, not args.hide_questions,
                                version_report.notes(found, s))
        if args.output:
            write_output(args.output, console.export_text())
