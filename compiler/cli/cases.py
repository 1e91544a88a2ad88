"""Reading case records for a command: the shared arguments, checking the framework,
opening the session, and progress on the terminal while that takes a while."""

from __future__ import annotations

from collections.abc import Callable

from critc.compiler.api.framework import score_cases
from critc.compiler.api.scores import Scores
from critc.compiler.check.passes import CheckResult
from critc.compiler.cli.common import UsageError, checked, stderr
from critc.compiler.cli.progress import Phases
from critc.compiler.io.dates import format_problem
from critc.compiler.io.records import Database, Source
from critc.compiler.io.session import GroupingError, Session
from critc.compiler.io.session import open_session as open_cases
from critc.compiler.io.sources import RecordsPath
from critc.compiler.regress import version_scoring, versions
from critc.compiler.regress.version_scoring import Scored
from critc.compiler.regress.versions import VersionSet
from critc.compiler.report import render


def case_arguments(p, versions: bool = False, inputs_alone: bool = False) -> None:
    """The arguments of a command that scores cases: FRAMEWORK CASES [--inputs] [--by |
    --all] [--strict]. With `inputs_alone`, CASES may be left out when --inputs is given
    and the framework has no questions."""
    if versions:
        p.add_argument("framework", metavar="FILE|DIR", help="the framework (.crit), or a "
                       "directory of its versions: each inspection is scored by the version "
                       "in force on its inspection date")
    else:
        p.add_argument("framework", metavar="FILE", help="the framework (.crit)")
    if inputs_alone:
        p.add_argument("cases", metavar="CASES", nargs="?", help="case records: .csv, .jsonl, "
                       ".xlsx, .parquet (leave out for a framework with no questions, scored "
                       "from --inputs alone)")
    else:
        p.add_argument("cases", metavar="CASES",
                       help="case records: .csv, .jsonl, .xlsx, .parquet")
    p.add_argument("--inputs", metavar="FILE", help="inspection inputs (CSV or JSON)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--by", metavar="FIELD", help="group cases by this field instead of "
                       "the framework's inspection field")
    group.add_argument("--all", action="store_true", help="one set of figures over every case")
    p.add_argument("--strict", action="store_true",
                   help="treat answers where a question does not apply as errors")
    reading_arguments(p)


def reading_arguments(p) -> None:
    """--sheet, --inputs-sheet and --date-format: how the case and inputs files are read."""
    p.add_argument("--sheet", metavar="NAME", help="the sheet of an .xlsx case file that "
                   "holds the cases (default: the first)")
    p.add_argument("--inputs-sheet", metavar="NAME", help="the sheet of an .xlsx inputs "
                   "file that holds the inputs (default: the first)")
    p.add_argument("--date-format", metavar="FORMAT", help="how the case and inputs files "
                   "write dates, if not YYYY-MM-DD: %%d day, %%m month, %%Y year, such as "
                   "%%d/%%m/%%Y; every date must be written so")


def record_paths(args) -> tuple[Source | None, Source | None]:
    """The case and inputs files named on the command line, each with the sheet and date
    format to read it with (RecordsPath), or the database records given with --db; a usage
    error for a sheet of a file that is not a workbook, or a date format that cannot be
    used."""
    date_format = getattr(args, "date_format", None)
    if date_format is not None and (problem := format_problem(date_format)) is not None:
        raise UsageError(problem)
    out: list[Source | None] = []
    for path, option in ((args.cases, "sheet"), (args.inputs, "inputs_sheet")):
        sheet = getattr(args, option, None)
        is_file = isinstance(path, str)
        if sheet is not None and not (is_file and path.lower().endswith(".xlsx")):
            raise UsageError(f"--{option.replace('_', '-')} names a sheet of an .xlsx file, "
                             f"and {source_name(path) or 'no such file'} is not one")
        out.append(RecordsPath(path, sheet, date_format) if is_file else path)
    return out[0], out[1]


def database_arguments(p) -> None:
    """--db URL with --table/--query (the cases) and --inputs-table/--inputs-query."""
    group = p.add_argument_group("case records from a database (instead of CASES)")
    group.add_argument("--db", metavar="URL", help="the database: sqlite:///cases.db, "
                       "postgresql://user@host:port/name, or another with an ADBC driver")
    group.add_argument("--table", metavar="NAME", help="the table of case records")
    group.add_argument("--query", metavar="SQL", help="a query whose rows are the case records")
    group.add_argument("--inputs-table", metavar="NAME", help="the table of inspection inputs")
    group.add_argument("--inputs-query", metavar="SQL",
                       help="a query whose rows are the inspection inputs")


def database_sources(args) -> None:
    """With --db, the cases (and inputs) in the database become `args.cases` (and
    `args.inputs`); UsageError for options that do not go together."""
    cases = (args.table, args.query)
    inputs = (args.inputs_table, args.inputs_query)
    if args.db is None:
        if any(v is not None for v in (*cases, *inputs)):
            raise UsageError("--table, --query, --inputs-table and --inputs-query read from "
                             "a database: give it with --db URL")
        return
    if all(v is not None for v in cases) or all(v is not None for v in inputs):
        raise UsageError("give a table or a query, not both")
    if args.cases is not None and any(v is not None for v in cases):
        raise UsageError("give CASES or --db URL --table/--query, not both")
    if args.inputs is not None and any(v is not None for v in inputs):
        raise UsageError("give --inputs FILE or --inputs-table/--inputs-query, not both")
    if any(v is not None for v in cases):
        args.cases = Database(url=args.db, table=args.table, query=args.query)
    if any(v is not None for v in inputs):
        args.inputs = Database(url=args.db, table=args.inputs_table, query=args.inputs_query)
    if not isinstance(args.cases, Database) and not isinstance(args.inputs, Database):
        raise UsageError("--db needs --table or --query (the cases), or --inputs-table or "
                         "--inputs-query (the inspection inputs)")


def source_name(source: Source | None) -> str:
    """A file's path, or a database's records as diagnostics name them ("" for none)."""
    if source is None:
        return ""
    return source.shown if isinstance(source, Database) else str(source)


def open_session(args) -> Session | None:
    """Check the framework and read the cases; print diagnostics; None if unusable."""
    result = checked(args.framework)
    if result is None:
        return None
    check_cases_given(args, result)
    try:
        cases, inputs = record_paths(args)
        with ReadingProgress(source_name(args.cases or args.inputs)) as update:
            session, problems = open_cases(result, cases, inputs, by=args.by,
                                           whole=args.all, strict=args.strict,
                                           progress=update, inputs_only=True)
    except GroupingError as exc:
        raise UsageError(f"{exc} of {args.framework}") from None
    report_problems(args, problems)
    return session


def check_cases_given(args, result: CheckResult, name: str | None = None) -> None:
    """Raise UsageError when CASES is left out and the framework (file `name`, by default
    args.framework) needs cases."""
    if args.cases is not None:
        return
    if args.inputs is None:
        raise UsageError("give the case records (CASES), or --inputs FILE alone for a "
                         "framework with no questions")
    if result.model.questions:
        raise UsageError(f"{name or args.framework} has questions, so it needs case records: give "
                         "CASES (only a framework with no questions is scored from --inputs "
                         "alone)")


def report_problems(args, problems: list) -> None:
    """Print the problems found reading the cases and inputs, summarised under the file
    they are in: the cases, the inputs, or both."""
    if not problems:
        return
    render.render(stderr(), problems, {}, problem_files(args, problems))


def problem_files(args, problems: list) -> str:
    """The files (or database records) the problems are in, to summarise them under: the
    cases, the inputs or both (`cases.csv and inputs.csv`)."""
    given = [source_name(source) for source in (args.cases, args.inputs)]
    named = [path for path in dict.fromkeys(given) if path
             and any(d.span is not None and d.span.path == path for d in problems)]
    return " and ".join(named) or given[0] or given[1]


def score_version_directory(args) -> tuple[VersionSet | None, list[Scored] | None]:
    """`critc score|report DIR CASES`: load the directory of versions and score each
    inspection with the version in force on its date; print every problem. The versions
    (None if they cannot be used) and the scored inspections (None if unusable)."""
    if args.by or args.all:
        option = "--by" if args.by else "--all"
        raise UsageError(f"{option} cannot be used with a version directory: each inspection "
                         "is scored by the version in force on its date")
    sources: dict[str, str] = {}
    found, problems = versions.load_versions(args.framework, sources)
    if problems:
        render.render(stderr(), problems, sources, args.framework)
    if found is None:
        return None, None
    if args.cases is None:
        raise UsageError("give the case records (CASES): a directory of versions is scored "
                         "from its cases")
    if found.date_is_input and args.inputs is None:
        raise UsageError(f"the inspection date `{found.inspection_date.id}` is an inspection "
                         "input: give the inputs file with --inputs FILE")
    cases, inputs = record_paths(args)
    assert cases is not None, "CASES was given"
    with ReadingProgress(source_name(args.cases)) as update:
        scored, problems = version_scoring.score_versions(found, cases, inputs,
                                                          strict=args.strict, progress=update)
    report_problems(args, problems)
    return found, scored


def open_scores(args, result: CheckResult | None = None, phases: Phases | None = None
                ) -> Scores | None:
    """Check the framework (unless `result` is its check) and score the cases as the
    Python API does (`score_cases`); print diagnostics; None if unusable. `phases` shows
    the progress, when the command shows more phases than reading and scoring."""
    result = result or checked(args.framework)
    if result is None:
        return None
    check_cases_given(args, result)
    try:
        cases, inputs = record_paths(args)
        with ReadingProgress(source_name(args.cases or args.inputs), phases) as update:
            scores, problems = score_cases(result, cases, inputs, by=args.by,
                                           whole=args.all, strict=args.strict,
                                           progress=update)
    except GroupingError as exc:
        raise UsageError(f"{exc} of {args.framework}") from None
    report_problems(args, problems)
    return scores


class ReadingProgress:
    """Progress while a case file is read and checked (see `cli/progress.py`): used as
    `with ReadingProgress(path) as update: ...`, `update` the reader's progress callback."""

    def __init__(self, path: str, phases: Phases | None = None):
        self.path = path
        self.given = phases
        self.phases = phases or Phases()

    def __enter__(self) -> Callable[[float], None]:
        if self.given is None:
            self.phases.__enter__()
        return self.phases.reading(self.path)

    def __exit__(self, *exc) -> None:
        if self.given is None:
            self.phases.__exit__(*exc)
