"""`critc report FRAMEWORK CASES -o report.html` (and `critc report DIR CASES`): the
results report, one self-contained HTML file (see `report/html_report.py`)."""

from __future__ import annotations

import os

from critc.compiler.cli.cases import case_arguments, open_session, score_version_directory
from critc.compiler.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    stderr,
    write_output,
)
from critc.compiler.report.explain import Explainer
from critc.compiler.report.html_report import Part, report_html
from critc.compiler.report.versions import notes


def register(sub) -> None:
    p = sub.add_parser(
        "report", help="write the results report: one HTML file to read, print or forward",
        description="Score the cases and write one self-contained HTML file: per inspection, "
        "the headline figures and ratings, a bar chart and a table per section, and how "
        "every figure was formed, down to the cases counted. Opens offline; prints to PDF "
        "from the browser.")
    case_arguments(p, versions=True, inputs_alone=True)
    p.add_argument("-o", "--output", required=True, metavar="REPORT.html",
                   help="the HTML file to write")
    p.set_defaults(run=cmd_report)


def cmd_report(args) -> int:
    if not args.output.lower().endswith((".html", ".htm")):
        raise UsageError(f"`{args.output}`: the report is an HTML file; give -o NAME.html")
    if os.path.isdir(args.framework):
        parts = _version_parts(args)
    else:
        parts = _framework_parts(args)
    if parts is None:
        return EXIT_PROBLEMS
    sources = [s for s in (args.framework, args.cases, args.inputs) if s]
    write_output(args.output, report_html(parts, sources).decode())
    inspections = sum(len(p.results.grouping.keys) for p in parts)
    stderr().print(f"critc report: wrote {args.output} ({inspections} inspection"
                   f"{'s' * (inspections != 1)})", markup=False)
    return EXIT_OK


def _framework_parts(args) -> list[Part] | None:
    session = open_session(args)
    if session is None:
        return None
    results = session.evaluate()
    graph = session.check.graph
    assert graph is not None  # a framework that scored has its graph
    explainer = Explainer(results, session.table, session.inputs,
                          session.check.program.sources)
    return [Part(results=results, graph=graph, explainer=explainer, inputs=session.inputs)]


def _version_parts(args) -> list[Part] | None:
    """Each version's inspections (no case lists in drill-downs: the cases are routed to
    versions inside `score_versions`)."""
    found, scored = score_version_directory(args)
    if found is None or scored is None:
        return None
    parts = []
    for s in scored:
        graph = s.version.result.graph
        assert graph is not None  # a version that scored has its graph
        keys = s.results.grouping.keys
        parts.append(Part(results=s.results, graph=graph,
                          notes=dict(zip(keys, notes(found, s), strict=True))))
    return parts
