"""critc diagnostics as LSP diagnostics: code, severity, the hint after the message, labels
as related locations, and a link to the code's entry in docs/diagnostics.md."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from critc.compiler.lsp.positions import Lines
from critc.dsl.diagnostics import Diagnostic, Severity
from critc.dsl.span import Span
from lsprotocol import types as lsp
from pygls.uris import from_fs_path

SEVERITIES = {Severity.ERROR: lsp.DiagnosticSeverity.Error,
              Severity.WARNING: lsp.DiagnosticSeverity.Warning,
              Severity.INFO: lsp.DiagnosticSeverity.Information}

# docs/diagnostics.md beside the sources (an editable install or a clone)
DOCS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "diagnostics.md"


def docs_link(code: str, base: str | None = None) -> str:
    """The address of `code`'s entry: under `base` if given, else the page in this clone."""
    page = base or from_fs_path(str(DOCS_PAGE)) or str(DOCS_PAGE)
    return f"{page}#{code}"


def to_lsp(diagnostic: Diagnostic, lines: Callable[[str], Lines],
           location: Callable[[Span], lsp.Location],
           docs_base: str | None = None) -> lsp.Diagnostic:
    """One LSP diagnostic; `lines(path)` and `location(span)` place spans in documents."""
    span = diagnostic.span
    where = lines(span.path).range(span) if span else lsp.Range(
        start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0))
    message = diagnostic.message
    if diagnostic.hint:
        message += f"\nhelp: {diagnostic.hint}"
    related = [lsp.DiagnosticRelatedInformation(location=location(label.span),
                                                message=label.message)
               for label in diagnostic.labels if label.span.line > 0]
    return lsp.Diagnostic(
        range=where, message=message, severity=SEVERITIES[diagnostic.severity],
        code=diagnostic.code, source="critc",
        code_description=lsp.CodeDescription(href=docs_link(diagnostic.code, docs_base)),
        related_information=related or None,
        data={"code": diagnostic.code, "hint": diagnostic.hint})
