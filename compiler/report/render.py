"""Diagnostics → text for people (rich, with the source line and a caret) or JSON for tools.

    error[unknown-reference]: `rsh` is not defined
      --> rules/omi-2008/omi-2008.crit:14:20
       |
    14 |       applies when rsh in {high, very_high}
       |                    ^^^ did you mean `rosh`?
"""

from __future__ import annotations

import io
import json

from critc.dsl.diagnostics import Diagnostic, Severity
from critc.dsl.source import source_lines
from critc.dsl.span import Span
from rich.console import Console
from rich.text import Text

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}


def _source_line(sources: dict[str, str], span: Span) -> str | None:
    text = sources.get(span.path)
    if text is None or span.line < 1:
        return None
    lines = source_lines(text)  # numbered as the parser numbers them
    return lines[span.line - 1].replace("\t", " ") if span.line <= len(lines) else None


def _snippet(out: Text, sources: dict[str, str], span: Span, message: str, style: str,
             width: int = 0) -> None:
    line = _source_line(sources, span)
    gutter = " " * max(len(str(span.line)), width)
    out.append(f"{gutter}--> ", style="bold blue")
    # line 0: the whole source (a database's table or query), no line or column in it
    out.append(f"{span.path}:{span.line}:{span.col}\n" if span.line else f"{span.path}\n")
    if line is None:
        return
    out.append(f"{gutter} |\n", style="bold blue")
    out.append(f"{span.line:>{len(gutter)}} | ", style="bold blue")
    out.append(line + "\n")
    start = max(span.col, 1)
    end = span.end_col if span.end_line == span.line else len(line) + 1
    width = max(end - start, 1)
    out.append(f"{gutter} | ", style="bold blue")
    out.append(" " * (start - 1) + "^" * width, style=style)
    if message:
        out.append(" " + message, style=style)
    out.append("\n")


def diagnostic_text(d: Diagnostic, sources: dict[str, str]) -> Text:
    style = STYLES[d.severity]
    out = Text()
    out.append(f"{d.severity.value}[{d.code}]", style=style)
    out.append(f": {d.message}\n", style="bold")
    spans = ([d.span] if d.span is not None else []) + [label.span for label in d.labels]
    width = max((len(str(s.line)) for s in spans), default=0)  # one gutter for all snippets
    if d.span is not None:
        _snippet(out, sources, d.span, "", style, width)
    for label in d.labels:
        _snippet(out, sources, label.span, label.message, "bold blue", width)
    if d.hint:
        out.append("  = ", style="bold blue")
        out.append("help: ", style="bold")
        out.append(d.hint + "\n")
    return out


def summary(diagnostics, what: str, allowed: int = 0) -> Text:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    note = f" ({allowed} allowed warning{'s' * (allowed != 1)} not shown)" if allowed else ""
    if not errors and not warnings:
        return Text(f"{what}: no problems found{note}", style="bold green")
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' * (errors != 1)}")
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return Text(f"{what}: " + ", ".join(parts) + note,
                style="bold red" if errors else "bold yellow")


def render(console: Console, diagnostics, sources: dict[str, str], what: str,
           allowed: int = 0) -> None:
    for d in diagnostics:
        console.print(diagnostic_text(d, sources), end="", soft_wrap=True, highlight=False)
        console.print()
    console.print(summary(diagnostics, what, allowed), soft_wrap=True, highlight=False)


def to_plain(diagnostics, sources: dict[str, str], what: str) -> str:
    """The rendering without colour: what golden files hold."""
    console = plain_console(width=200)
    render(console, diagnostics, sources, what)
    return console.export_text()


def plain_console(width: int = 120) -> Console:
    """A console that prints nothing and records plain text, for `console.export_text()`
    (reports written to files, golden files)."""
    return Console(record=True, width=width, color_system=None, force_terminal=False,
                   file=_Null())


class _Null(io.StringIO):
    """A text stream that keeps nothing written to it."""

    def write(self, text: str) -> int:
        return len(text)


def as_dict(d: Diagnostic) -> dict:
    def span(s: Span | None):
        if s is None:
            return None
        return {"path": s.path, "line": s.line, "col": s.col, "end_line": s.end_line,
                "end_col": s.end_col}

    return {
        "code": d.code, "severity": d.severity.value, "message": d.message,
        "span": span(d.span), "hint": d.hint,
        "labels": [{"span": span(lb.span), "message": lb.message} for lb in d.labels],
    }


def to_json(diagnostics) -> str:
    return json.dumps([as_dict(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"
