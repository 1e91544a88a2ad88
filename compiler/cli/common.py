"""What every command shares: exit codes, usage errors, the consoles, checking a framework
and writing output.

Exit codes: 0 success (warnings allowed), 1 problems in the user's files (diagnostics
printed), 2 usage errors, 3 an internal error in critc itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

from critc.compiler.check.passes import CheckResult, check_file
from critc.compiler.io.files import write_atomic
from critc.compiler.report import render
from rich.console import Console
from rich.markup import escape as rich_escape

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """A command line that cannot be carried out as written (exit 2)."""


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def escape(text: str) -> str:
    """User text made safe to print with rich markup."""
    return rich_escape(text)


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
    """`text` to stdout (no path, or `-`), or written atomically to `path`."""
    if path is None or path == "-":
        sys.stdout.write(text)
    else:
        write_atomic(Path(path), text)
