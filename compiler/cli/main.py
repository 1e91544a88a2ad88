"""The `critc` command line: the parser, one module per command, and the exit codes.

Exit codes: 0 success (warnings allowed), 1 problems in the user's files (diagnostics
printed), 2 usage errors, 3 an internal error in critc itself (see `cli/common.py`).
"""

from __future__ import annotations

import argparse
import os
import sys

from critc.compiler import __version__
from critc.compiler.cli import (
    check_commands,
    compile_command,
    diff_command,
    doc_command,
    explain_command,
    lsp_command,
    report_command,
    score_command,
    test_commands,
)
from critc.compiler.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, stderr

# in the order `critc --help` lists them
COMMANDS = (check_commands, score_command, report_command, compile_command, explain_command,
            diff_command, test_commands, doc_command, lsp_command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="critc", description="Check, score, explain and compile inspection frameworks.")
    parser.add_argument("--version", action="version", version=f"critc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(sub)
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
