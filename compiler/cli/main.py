"""The `critc` command line: the parser, one module per command, and the exit codes.

Exit codes: 0 success (warnings allowed), 1 problems in the user's files (diagnostics
printed), 2 usage errors, 3 an internal error in critc itself (see `cli/common.py`).

Only the chosen command's module is imported: the others stand in the parser as their name
and one-line help, so that `critc check` does not pay for importing what `critc score` or
`critc report` need (NumPy, pyarrow, openpyxl, Jinja2...).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from critc.compiler import __version__
from critc.compiler.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, stderr

# Every command, in the order `critc --help` lists them: its module (whose `register(sub)`
# adds it, with the commands it shares a module with) and its one-line help, which must be
# the help that module registers (tests/test_startup.py checks they agree).
COMMANDS = {
    "check": ("check_commands", "report every problem in framework files"),
    "graph": ("check_commands", "print the dependency graph (DOT or JSON)"),
    "fmt": ("check_commands", "print a framework in canonical form"),
    "score": ("score_command", "score case records against a framework"),
    "report": ("report_command",
               "write the results report: one HTML file to read, print or forward"),
    "compile": ("compile_command", "write a standalone Python scoring module or SQL query"),
    "explain": ("explain_command", "show how a figure was formed"),
    "diff": ("diff_command", "compare two versions of a framework over an archive"),
    "test": ("test_commands", "run test files (*.test.yaml) against their frameworks"),
    "coverage": ("test_commands", "which parts of a framework a case archive exercises"),
    "doc": ("doc_command",
            "generate the framework explorer: a static site of its rules and guidance"),
    "lsp": ("lsp_command", "run the language server for editors (over stdio)"),
}


def command_module(name: str):
    """The module that registers and runs command `name`."""
    # lazy: each command's module is imported only when that command runs
    return importlib.import_module(f"critc.compiler.cli.{COMMANDS[name][0]}")


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser, with command `chosen` (and those in its module) registered in full and
    every other command as its name and help only; all in full when `chosen` is "*"."""
    parser = argparse.ArgumentParser(
        prog="critc", description="Check, score, explain and compile inspection frameworks.")
    parser.add_argument("--version", action="version", version=f"critc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    registered: set[str] = set()
    for name, (module, help_text) in COMMANDS.items():
        if module in registered:
            continue
        if chosen == "*" or (chosen in COMMANDS and COMMANDS[chosen][0] == module):
            command_module(name).register(sub)
            registered.add(module)
        else:
            sub.add_parser(name, help=help_text)
    return parser


def chosen_command(argv: list[str]) -> str | None:
    """The command named on the command line: its first word that is not an option."""
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(chosen_command(argv))
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
