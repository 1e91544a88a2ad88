"""The `critc` command line.

Exit codes: 0 success (warnings allowed), 1 problems in the user's files (diagnostics
printed), 2 usage errors, 3 an internal error in critc itself.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from critc.compiler import __version__
from critc.compiler.check.passes import CheckResult, check_file
from critc.compiler.report import render
from critc.dsl.diagnostics import error, has_errors
from rich.console import Console

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """A command line that cannot be carried out as written (exit 2)."""


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


# ----------------------------------------------------------------------------- helpers
def report(result: CheckResult, fmt: str, what: str, always: bool = False) -> bool:
    """Print a check's diagnostics (to stderr unless they are the output); True if clean."""
    if fmt == "json":
        if always or result.diagnostics:
            sys.stdout.write(render.to_json(result.diagnostics))
    elif always or result.diagnostics:
        console = stdout() if always else stderr()
        render.render(console, result.diagnostics, result.program.sources, what)
    return result.ok


def checked(path: str, fmt: str = "text") -> CheckResult | None:
    """Check a framework for a command that needs a valid one; None (reported) if not."""
    result = check_file(path)
    if not result.ok or result.framework is None:
        report(result, fmt, path)
        return None
    if result.diagnostics and fmt != "json":
        render.render(stderr(), result.diagnostics, result.program.sources, path)
    return result


def write_output(path: str | None, text: str) -> None:
    from critc.compiler.io.files import write_atomic

    if path is None or path == "-":
        sys.stdout.write(text)
    else:
        write_atomic(Path(path), text)


# ----------------------------------------------------------------------------- commands
def cmd_check(args) -> int:
    clean = True
    all_diagnostics = []
    for path in args.files:
        if os.path.isdir(path):  # a directory of versions: each one, and their dates
            from critc.compiler.regress.versions import load_versions

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
    from critc.compiler.check import graph as graphs

    result = checked(args.file, "text")
    if result is None or result.graph is None:
        return EXIT_PROBLEMS
    graph = result.graph
    node = args.deps_of or args.used_by
    if node is not None:
        if node not in graph:
            from critc.compiler.check.declare import did_you_mean

            hint = did_you_mean(node, graph.nodes)
            stderr().print(f"critc graph: no item `{node}` in {args.file}"
                           + (f"; {hint}" if hint else ""))
            return EXIT_USAGE
        nodes = graphs.deps_of(graph, node) if args.deps_of else graphs.used_by(graph, node)
        if not nodes and args.format != "json":
            what = "depends on nothing" if args.deps_of else "affects nothing"
            stderr().print(f"`{node}` {what}")
        if args.format == "json":
            import json

            items = [{"id": n, "kind": graph.nodes[n]["kind"]} for n in nodes]
            write_output(args.output, json.dumps(items, indent=2, ensure_ascii=False) + "\n")
        else:
            lines = [f"{graph.nodes[n]['kind']:>16}  {n}" for n in nodes]
            write_output(args.output, "\n".join(lines) + ("\n" if lines else ""))
        return EXIT_OK
    name = result.framework.header.name or args.file
    text = graphs.to_json(graph) if args.format == "json" else graphs.to_dot(graph, name)
    write_output(args.output, text)
    return EXIT_OK


def cmd_fmt(args) -> int:
    """Format one file on its own: its includes are not read, so a missing one is no bar."""
    from critc.compiler.check.load import display_path, read_text
    from critc.compiler.io.files import write_atomic
    from critc.dsl import parse
    from critc.dsl.printer import format_module

    shown = display_path(Path(args.file))
    original, problem = read_text(Path(args.file), shown, None)
    if problem is not None:
        render.render(stderr(), [problem], {}, args.file)
        return EXIT_PROBLEMS
    result = parse(original, shown)
    syntax = [d for d in result.diagnostics if d.is_error]
    if syntax or not result.module.items:
        problems = syntax or [error("empty-file", "nothing to format", None)]
        render.render(stderr(), problems, {shown: original}, args.file)
        return EXIT_PROBLEMS
    text = format_module(result.module, result.comments, original)
    if args.write:
        if text != original:
            write_atomic(Path(args.file), text)
            stderr().print(f"formatted {args.file}")
    elif args.check:
        if text != original:
            stderr().print(f"{args.file} is not in canonical form; run `critc fmt --write`")
            return EXIT_PROBLEMS
    else:
        sys.stdout.write(text)
    return EXIT_OK


# ----------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="critc", description="Check, score, explain and compile inspection frameworks.")
    parser.add_argument("--version", action="version", version=f"critc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

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

    from critc.compiler.cli import commands

    commands.register(sub)
    from critc.compiler.cli import diff_command

    diff_command.register(sub)
    from critc.compiler.cli import test_commands

    test_commands.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        stderr().print(f"critc {args.command}: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug in critc: say so briefly, never dump a traceback
        if os.environ.get("CRITC_DEBUG"):
            raise
        stderr().print(f"critc: internal error ({type(exc).__name__}: {exc}). "
                       "Please report it; set CRITC_DEBUG=1 to see the details.")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
