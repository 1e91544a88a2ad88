"""The exceptions the Python API raises: each carries every diagnostic found, located."""

from __future__ import annotations

from critc.dsl.diagnostics import Diagnostic


def diagnostic_line(d: Diagnostic) -> str:
    """`path:line:col: severity[code]: message` (hint after `; `)."""
    where = "" if d.span is None else f"{d.span.path}: " if d.span.line == 0 else \
        f"{d.span.path}:{d.span.line}:{d.span.col}: "  # line 0: a whole table or query
    hint = f" (hint: {d.hint})" if d.hint else ""
    return f"{where}{d.severity.value}[{d.code}]: {d.message}{hint}"


class CritcError(Exception):
    """A problem in the user's framework or data; `.diagnostics` lists every problem found
    (errors and warnings), each with its location."""

    def __init__(self, what: str, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]):
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        errors = sum(d.is_error for d in self.diagnostics)
        lines = [f"{what}: {errors} error{'s' * (errors != 1)}"]
        lines += ["  " + diagnostic_line(d) for d in self.diagnostics]
        super().__init__("\n".join(lines))


class FrameworkError(CritcError):
    """The framework has errors and cannot be used (`critc.load`)."""


class CasesError(CritcError):
    """The case records or inspection inputs cannot be scored (`Framework.score`)."""
