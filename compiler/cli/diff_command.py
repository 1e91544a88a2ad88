"""`critc diff OLD NEW CASES`: what a change to a framework does, before it is used.

The change report is built once (`report/change_model.py`) and written as text
(`report/diff.py`), Markdown or HTML (`report/change_report.py`); JSON is the comparison as
data. This reads the command line, checks both versions, scores the archive with each and
applies the `--fail-if-band-changes` gate.
"""

from __future__ import annotations

from critc.compiler.cli.cases import (
    check_cases_given,
    problem_files,
    reading_arguments,
    record_paths,
)
from critc.compiler.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    checked,
    stderr,
    stdout,
    write_output,
)
from critc.compiler.cli.progress import Phases
from critc.compiler.io.session import GroupingError
from critc.compiler.regress.impact import Impact, diff_archive
from critc.compiler.report import render
from critc.compiler.report.change_model import change_report
from critc.compiler.report.change_report import as_html, as_markdown
from critc.compiler.report.diff import CASES_LISTED, Compared, as_json, print_diff
from critc.compiler.report.wording import plural
from critc.dsl.diagnostics import Severity


def register(sub) -> None:
    p = sub.add_parser("diff", help="compare two versions of a framework over an archive")
    p.add_argument("old", metavar="OLD", help="the framework as it is (.crit)")
    p.add_argument("new", metavar="NEW", help="the framework as changed (.crit)")
    p.add_argument("cases", metavar="CASES", nargs="?", help="case records to score with "
                   "both (leave out for frameworks with no questions, scored from --inputs "
                   "alone)")
    p.add_argument("--inputs", metavar="FILE", help="inspection inputs (CSV or JSON)")
    reading_arguments(p)
    p.add_argument("--fail-if-band-changes", metavar="N", type=int, default=None,
                   help="exit 1 when more than N inspections change band on any figure")
    p.add_argument("--format", choices=["text", "json", "md", "html"], default="text",
                   help="md: a Markdown change report; html: one self-contained page "
                   "(give -o change.html)")
    p.add_argument("--all-cases", action="store_true",
                   help=f"list every changed case (text lists the first {CASES_LISTED})")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (atomically)")
    p.set_defaults(run=cmd_diff)


def cmd_diff(args) -> int:
    if args.fail_if_band_changes is not None and args.fail_if_band_changes < 0:
        raise UsageError("--fail-if-band-changes takes a number of inspections (0 or more)")
    old, new = checked(args.old, args.format), checked(args.new, args.format)
    if old is None or new is None:
        return EXIT_PROBLEMS
    check_cases_given(args, old, args.old)
    check_cases_given(args, new, args.new)
    try:
        with Phases() as phases:  # on a terminal, once it has taken a second
            phases.phase(f"scoring {args.cases or args.inputs} with both versions and "
                         "comparing")
            structure, impact, problems = diff_archive(old, new, *record_paths(args))
    except GroupingError as exc:
        raise UsageError(str(exc)) from None
    if not _can_score(args, problems):
        return EXIT_PROBLEMS
    compared = Compared(args.old, args.new, args.cases or args.inputs)
    if args.format == "json":
        write_output(args.output, as_json(compared, structure, impact))
        return _gate(args.fail_if_band_changes, impact)
    sources = ({**old.program.sources}, {**new.program.sources})
    report = change_report(compared, structure, impact, sources)
    if args.format == "md":
        write_output(args.output, as_markdown(report))
    elif args.format == "html":
        write_output(args.output, as_html(report))
    else:
        console = render.plain_console() if args.output else stdout()
        print_diff(console, report, args.all_cases)
        if args.output:
            write_output(args.output, console.export_text())
    return _gate(args.fail_if_band_changes, impact)


def _can_score(args, problems: dict) -> bool:
    """Print why a version cannot score the cases (False), or note its warnings."""
    for label in ("old", "new"):
        errors = [d for d in problems[label] if d.severity == Severity.ERROR]
        if errors:
            where = problem_files(args, errors)
            stderr().print(f"critc diff: the {label} framework ({getattr(args, label)}) "
                           f"cannot score {where}:")
            render.render(stderr(), errors, {}, where)
            return False
        if problems[label] and args.format == "text":
            read = args.cases or f"--inputs {args.inputs}"
            stderr().print(f"note: {plural(len(problems[label]), 'warning')} reading "
                           f"{args.cases or args.inputs} with the {label} framework; `critc "
                           f"score {getattr(args, label)} {read}` lists them")
    return True


def _gate(limit: int | None, impact: Impact) -> int:
    """`--fail-if-band-changes N`: exit 1 when more than N inspections change band."""
    changing = impact.inspections_changing_band()
    if limit is not None and len(changing) > limit:
        stderr().print(f"critc diff: {plural(len(changing), 'inspection')} change band "
                       f"({', '.join(changing[:10])}{'…' if len(changing) > 10 else ''}); "
                       f"the limit is {limit}")
        return EXIT_PROBLEMS
    return EXIT_OK
