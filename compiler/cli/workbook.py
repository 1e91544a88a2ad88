"""`critc score --format xlsx -o FILE.xlsx`: the workbook (see `report/xlsx.py`), and the
check that an output file's extension matches the format asked for (`-o results.xlsx`
with the default table format is refused, never written as text into a `.xlsx`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from critc.compiler.cli.cases import open_session
from critc.compiler.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError
from critc.compiler.io.files import write_atomic
from critc.compiler.regress.version_scoring import Scored
from critc.compiler.regress.versions import VersionSet

if TYPE_CHECKING:
    from critc.compiler.report.xlsx import Scorecard

FORMAT_OF_EXTENSION = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xlsx", ".json": "json",
                       ".csv": "csv", ".txt": "table", ".html": "html", ".htm": "html"}


def check_output_name(fmt: str, output: str | None) -> None:
    """Refuse (usage error) an output whose extension names another format than `fmt`."""
    if output is None or output == "-":
        if fmt == "xlsx":
            raise UsageError("--format xlsx writes a workbook: give the file with -o FILE.xlsx")
        return
    suffix = Path(output).suffix.lower()
    if fmt == "xlsx" and suffix != ".xlsx":
        raise UsageError(f"`{output}`: --format xlsx writes an Excel workbook; "
                         "name it FILE.xlsx")
    named = FORMAT_OF_EXTENSION.get(suffix)
    if named is not None and named != fmt:
        hint = f"use --format {named}" if named in ("json", "csv", "xlsx") else \
            "use critc report for HTML" if named == "html" else "use --format table"
        raise UsageError(f"`{output}` is named as a {suffix} file but --format is {fmt}: "
                         f"{hint}, or name the file for {fmt} output")


def write_workbook(args) -> int:
    """Score the cases of one framework and write the workbook to `args.output`."""
    # the workbook needs openpyxl and the HTML report's jinja2 (together about 0.2 s of
    # start-up), which no other format of `critc score` does
    from critc.compiler.report.html_report import framework_name  # lazy: as said above
    from critc.compiler.report.xlsx import workbook_bytes  # lazy: as said above

    session = open_session(args)
    if session is None:
        return EXIT_PROBLEMS
    graph = session.check.graph
    assert graph is not None  # a framework that scored has its graph
    assert session.check.framework is not None
    data = workbook_bytes([(session.evaluate(), graph, session.inputs)],
                          framework_name(session.check.framework))
    write_atomic(Path(args.output), data)
    return EXIT_OK


def write_versions_workbook(output: str, found: VersionSet, scored: list[Scored]) -> None:
    """The workbook of a version directory's inspections, each scored by its version."""
    from critc.compiler.report.xlsx import workbook_bytes  # lazy: see write_workbook

    parts: list[Scorecard] = []
    for s in scored:
        graph = s.version.result.graph
        assert graph is not None  # a version that scored has its graph
        parts.append((s.results, graph, {}))
    write_atomic(Path(output), workbook_bytes(parts, found.directory))
