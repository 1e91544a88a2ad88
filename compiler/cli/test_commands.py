"""`critc test` (run test files) and `critc coverage` (what a case archive exercises)."""

from __future__ import annotations

import sys
from pathlib import Path

from critc.compiler.check.load import display_path
from critc.compiler.cli.cases import case_arguments, open_session
from critc.compiler.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, escape, stdout
from critc.compiler.io.files import write_atomic
from critc.compiler.regress import coverage, testing
from critc.compiler.regress.coverage import Coverage
from critc.compiler.report import coverage as coverage_report
from critc.compiler.report import render, testrun
from critc.dsl.diagnostics import has_errors


def cmd_test(args) -> int:
    files, missing = testing.find_test_files(args.paths)
    if missing:
        raise UsageError("; ".join(missing))
    if args.framework is not None and not Path(args.framework).is_file():
        raise UsageError(f"no framework file at `{args.framework}`")
    out = stdout()
    runner = testing.Runner()
    runs = []
    for path in files:
        run = runner.run_file(path, None if args.framework is None else Path(args.framework))
        runs.append(run)
        _print_run(out, run)
    problems = any(has_errors(r.diagnostics) for r in runs)
    updated = _update(runs, out) if args.update else set()
    if args.junit:
        write_atomic(Path(args.junit), testrun.junit_xml(runs))
    if args.coverage:
        _test_coverage(runs, out)
    passed, failed, errors = testing.summary(runs)
    line = testrun.summary_line(runs)
    if updated:
        count = sum(t.status == "fail" for r in runs if r.path in updated for t in r.tests)
        line += f"; {count} re-recorded"
    style = "bold green" if not failed and not errors else "bold red"
    out.print(f"[{style}]{line}[/]")
    if errors or problems:
        return EXIT_PROBLEMS
    if failed:
        fixed = all(r.path in updated for r in runs if any(t.status == "fail" for t in r.tests))
        return EXIT_OK if args.update and fixed else EXIT_PROBLEMS
    return EXIT_OK


def _print_run(out, run: testing.FileRun) -> None:
    """A test file's problems, then a line per test (and what failed)."""
    for d in run.diagnostics:
        out.print(render.diagnostic_text(d, run.sources), end="", soft_wrap=True)
        out.print()
    for test in run.tests:
        where = f"{run.path}:{test.test.line}"
        if test.status == "pass":
            out.print(f"[green]✓[/] {escape(test.name)}  [dim]({where})[/]")
            continue
        mark = "✗" if test.status == "fail" else "✗ error:"
        out.print(f"[bold red]{mark}[/] {escape(test.name)}  [dim]({where})[/]")
        for line in testrun.failure_text(test).splitlines():
            out.print("    " + escape(line), soft_wrap=True)
    if run.problem is not None:
        out.print(f"[bold red]✗[/] {escape(run.path)}: {escape(run.problem)}")


def _update(runs: list[testing.FileRun], out) -> set[str]:
    """`--update`: re-record the failing tests of each file; the files rewritten."""
    updated = set()
    for run in runs:
        if run.problem is not None or run.ok or run.file is None:
            continue
        edits = testing.updates(run)
        if not edits:
            continue
        text = testing.apply_edits(run.text, edits)
        if text != run.text:
            write_atomic(Path(run.path), text)
            updated.add(run.path)
            count = sum(t.status == "fail" for t in run.tests)
            out.print(f"updated {escape(run.path)}: re-recorded {count} "
                      f"test{'s' * (count != 1)}")
    return updated


def _test_coverage(runs, console) -> None:
    coverages: dict[str, Coverage] = {}
    for run in runs:
        for test in run.tests:
            if test.results is None:
                continue
            name = display_path(test.framework)
            if name not in coverages:
                coverages[name] = Coverage(test.results.plan, name)
            coverages[name].add(test.results, [test.group], test.inputs)
    if not coverages:
        console.print("coverage: no test was scored")
        return
    for name, cover in coverages.items():
        console.print()
        coverage_report.render(cover, console, f"Coverage of {name} by the tests "
                               f"({cover.inspections} inspection"
                               f"{'s' * (cover.inspections != 1)} tested)")
    console.print()


def cmd_coverage(args) -> int:
    session = open_session(args)
    if session is None:
        return EXIT_PROBLEMS
    results = session.evaluate(detail=False)
    cover = coverage.Coverage(session.plan, args.framework)
    cover.add(results, None, session.inputs)
    if args.format == "json":
        sys.stdout.write(coverage_report.as_json(cover))
    else:
        coverage_report.render(cover, stdout(), f"Coverage of {args.framework} by {args.cases} "
                               f"({cover.inspections} inspection"
                               f"{'s' * (cover.inspections != 1)})")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("test", help="run test files (*.test.yaml) against their frameworks")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="test files, or folders to search for *.test.yaml")
    p.add_argument("--framework", metavar="FILE", help="run the tests against this framework "
                   "instead of the one each test file names (e.g. a proposed version)")
    p.add_argument("--update", action="store_true",
                   help="re-record the expectations of failing tests with today's figures")
    p.add_argument("--junit", metavar="FILE", help="also write JUnit XML here (for CI)")
    p.add_argument("--coverage", action="store_true",
                   help="report which questions, aggregates and band rows the tests exercise")
    p.set_defaults(run=cmd_test)

    p = sub.add_parser("coverage", help="which parts of a framework a case archive exercises")
    case_arguments(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(run=cmd_coverage)
