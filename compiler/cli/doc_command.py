"""`critc doc`: the framework explorer, a static site generated from a framework or a
version directory (see `report/site.py`)."""

from __future__ import annotations

from pathlib import Path

from critc.compiler.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, checked, stderr
from critc.compiler.regress.versions import load_versions
from critc.compiler.report import render
from critc.compiler.report.site import framework_pages, versions_pages, write_site
from critc.dsl.diagnostics import has_errors


def register(sub) -> None:
    p = sub.add_parser(
        "doc", help="generate the framework explorer: a static site of its rules and guidance",
        description="Write a static HTML site describing a framework (or every version in a "
        "directory of dated versions): its questions, when they apply, how figures are "
        "computed, its bands and ratings, its dependency graph and a search.")
    p.add_argument("framework", metavar="FRAMEWORK|DIR",
                   help="a .crit file, or a directory of dated versions")
    p.add_argument("-o", "--output", required=True, metavar="SITE",
                   help="the folder to write the site into (created if missing)")
    p.set_defaults(run=cmd_doc)


def cmd_doc(args) -> int:
    target = Path(args.output)
    if target.exists() and not target.is_dir():
        raise UsageError(f"`{args.output}` is a file; -o needs a folder for the site")
    source = Path(args.framework)
    if source.is_dir():
        sources: dict[str, str] = {}
        versions, diagnostics = load_versions(source, sources)
        if diagnostics:
            render.render(stderr(), diagnostics, sources, args.framework)
        if versions is None or has_errors(diagnostics):
            return EXIT_PROBLEMS
        pages = versions_pages(versions)
    else:
        result = checked(args.framework)
        if result is None:
            return EXIT_PROBLEMS
        pages = framework_pages(result)
    written = write_site(pages, target)
    stderr().print(f"critc doc: wrote {len(written)} files to {target}/ "
                   f"(open {target / 'index.html'})")
    return EXIT_OK
