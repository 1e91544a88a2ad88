"""Errors are data: one `Diagnostic` type, collected in a list and rendered elsewhere."""

from __future__ import annotations

import enum

import attrs
from critc.dsl.span import Span


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Label:
    """A secondary place that tells part of the story ("used here in the definition of x")."""

    span: Span
    message: str


@attrs.frozen
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span | None = None
    hint: str | None = None
    labels: tuple[Label, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        span = self.span
        where = (span.path, span.line, span.col) if span else ("", 0, 0)
        return (*where, self.severity.value, self.code, self.message)


def error(code: str, message: str, span: Span | None, hint: str | None = None,
          labels: tuple[Label, ...] = ()) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, span, hint, labels)


def warning(code: str, message: str, span: Span | None, hint: str | None = None,
            labels: tuple[Label, ...] = ()) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, span, hint, labels)


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    return any(d.is_error for d in diagnostics)


IRREGULAR = {"inspection input": "inspection inputs", "band on a figure": "bands on figures",
             "case has": "cases have", "case is": "cases are"}


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """A count in a message: `1 case`, `2 cases`, `0 cases`; `nouns` for a plural not made
    with -s (a noun and its verb, `case has`, is made plural whole: `2 cases have`)."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {nouns or IRREGULAR.get(noun) or noun + 's'}"
