"""`critc check`, `critc graph` and `critc fmt`: commands on framework files alone."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from critc.compiler.check import graph as graphs
from critc.compiler.check.declare import did_you_mean
from critc.compiler.check.load import display_path, read_text
from critc.compiler.check.passes import check_file
from critc.compiler.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    checked,
    stderr,
    stdout,
    write_output,
)
from critc.compiler.io.files import write_atomic
from critc.compiler.regress.versions import load_versions
from critc.compiler.report import render
from critc.dsl import parse
from critc.dsl.diagnostics import error, has_errors
from critc.dsl.printer import format_module

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def register(sub) -> None:
    p = sub.add_parser("check", help="report every problem in framework files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("graph", help="print the dependency graph (DOT or JSON)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=["dot", "json"], default="dot")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--deps-of", metavar="ID", help="everything a figure depends on")
    group.add_argument("--used-by", metavar="ID", help="every figure an item affects")
    p.add_argument("-o", "--output", metavar="OUT")
    p.set_defaults(run=cmd_graph)

    p = sub.add_parser("fmt", help="print a framework in canonical form")
    p.add_argument("file", metavar="FILE")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the file in place")
    mode.add_argument("--check", action="store_true", help="exit 1 if not canonical")
    p.set_defaults(run=cmd_fmt)


def cmd_check(args) -> int:
    clean = True
    all_diagnostics = []
    for path in args.files:
        if os.path.isdir(path):  # a directory of versions: each one, and their dates
            sources: dict[str, str] = {}
            diagnostics = load_versions(path, sources)[1]
            ok, allowed = not has_errors(diagnostics), 0
        else:
            result = check_file(path)
            diagnostics, sources, ok = list(result.diagnostics), result.program.sources, \
                result.ok
            allowed = len(result.allowed)
        if args.format == "json":
            all_diagnostics.extend(diagnostics)
        else:
            render.render(stdout(), diagnostics, sources, path, allowed)
        clean = clean and ok
    if args.format == "json":
        sys.stdout.write(render.to_json(all_diagnostics))
    return EXIT_OK if clean else EXIT_PROBLEMS


def cmd_graph(args) -> int:
    result = checked(args.file, "text")
    if result is None or result.graph is None:
        return EXIT_PROBLEMS
    graph = result.graph
    node = args.deps_of or args.used_by
    if node is not None:
        return _graph_around(args, graph, node)
    name = result.model.header.name or args.file
    text = graphs.to_json(graph) if args.format == "json" else graphs.to_dot(graph, name)
    write_output(args.output, text)
    return EXIT_OK


def _graph_around(args, graph, node: str) -> int:
    """`--deps-of ID` or `--used-by ID`: the items one figure depends on or affects."""
    if node not in graph:
        hint = did_you_mean(node, graph.nodes)
        stderr().print(f"critc graph: no item `{node}` in {args.file}"
                       + (f"; {hint}" if hint else ""))
        return EXIT_USAGE
    nodes = graphs.deps_of(graph, node) if args.deps_of else graphs.used_by(graph, node)
    if not nodes and args.format != "json":
        what = "depends on nothing" if args.deps_of else "affects nothing"
        stderr().print(f"`{node}` {what}")
    if args.format == "json":
        items = [{"id": n, "kind": graph.nodes[n]["kind"]} for n in nodes]
        write_output(args.output, json.dumps(items, indent=2, ensure_ascii=False) + "\n")
    else:
        lines = [f"{graph.nodes[n]['kind']:>16}  {n}" for n in nodes]
        write_output(args.output, "\n".join(lines) + ("\n" if lines else ""))
    return EXIT_OK


def cmd_fmt(args) -> int:
    """Format one file on its own: its includes are not read, so a missing one is no bar."""
    shown = display_path(Path(args.file))
    original, problem = read_text(Path(args.file), shown, None)
    if original is None:
        assert problem is not None, "read_text gives the text or a diagnostic"
        render.render(stderr(), [problem], {}, args.file)
        return EXIT_PROBLEMS
    result = parse(original, shown)
    syntax = [d for d in result.diagnostics if d.is_error]
    if syntax or not result.module.items:
        problems = syntax or [error("empty-file", "nothing to format", None)]
        render.render(stderr(), problems, {shown: original}, args.file)
        return EXIT_PROBLEMS
    text = with_line_endings(format_module(result.module, result.comments, original), original)
    if args.write:
        if text != original:
            write_atomic(Path(args.file), text)
            stderr().print(f"formatted {args.file}")
    elif args.check:
        if text != original:
            stderr().print(f"{args.file} is not in canonical form{_only_endings(text, original)}"
                           "; run `critc fmt --write`", markup=False)
            return EXIT_PROBLEMS
    else:
        sys.stdout.write(text)
    return EXIT_OK


def with_line_endings(text: str, original: str) -> str:
    """Canonical text (lines ending in LF) with its lines ending as the original file's
    first line does (CR LF or CR alone, as Windows and old Mac editors save), so that
    line endings alone never make a file not canonical."""
    first = LINE_BREAK.search(original)
    ending = first.group() if first else "\n"
    return text if ending == "\n" else text.replace("\n", ending)


def _only_endings(text: str, original: str) -> str:
    """`: only its line endings differ ...` when they are the whole difference."""
    if LINE_BREAK.sub("\n", original) != LINE_BREAK.sub("\n", text):
        return ""
    return ": only its line endings differ (its lines do not all end as its first line does)"
