"""Code actions for diagnostics whose fix is certain: a did-you-mean with one candidate
replaces the misspelt word, an unquoted wording or label is put in double quotes, a text band
that leaves low values without a label gets an `otherwise` row (its label to be written),
and a warning can be acknowledged with `# critc: allow`."""

from __future__ import annotations

import re

from critc.compiler.lsp.index import masked
from critc.compiler.lsp.positions import Lines
from lsprotocol import types as lsp

ONE_SUGGESTION = re.compile(r"^did you mean `([^`]+)`\?$")
WORD = re.compile(r"[A-Za-z0-9_]+(?:[.\-][A-Za-z0-9_]+)*")
QUOTE_IT = re.compile(r'^write "([^"\\]*)"$')
OTHERWISE_LABEL = '"(write the label)"'


def _text_in(lines: Lines, where: lsp.Range) -> str | None:
    """The text of a one-line range."""
    if where.start.line != where.end.line:
        return None
    text = lines.line(where.start.line + 1)
    start = lines.column(where.start)[1] - 1
    end = lines.column(where.end)[1] - 1
    return text[start:end]


def _edit(uri: str, title: str, where: lsp.Range, text: str, diagnostic: lsp.Diagnostic,
          preferred: bool) -> lsp.CodeAction:
    return lsp.CodeAction(
        title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
        is_preferred=preferred,
        edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=where, new_text=text)]}))


def replacement(uri: str, lines: Lines, diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
    """`did you mean `rosh`?` on a diagnostic that covers one word: replace the word."""
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    match = ONE_SUGGESTION.match(data.get("hint") or "")
    current = _text_in(lines, diagnostic.range)
    if match is None or current is None or not WORD.fullmatch(current):
        return None
    return _edit(uri, f"Replace `{current}` with `{match.group(1)}`", diagnostic.range,
                 match.group(1), diagnostic, preferred=True)


def quoting(uri: str, lines: Lines, diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
    """`write "Was risk assessed?"` on the unquoted words themselves: put them in quotes."""
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    match = QUOTE_IT.match(data.get("hint") or "")
    current = _text_in(lines, diagnostic.range)
    if match is None or current != match.group(1):
        return None
    return _edit(uri, f'Put `{current}` in double quotes', diagnostic.range, f'"{current}"',
                 diagnostic, preferred=True)


def otherwise_row(uri: str, lines: Lines, diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
    """A text band with `add an `otherwise` row`: add one after its last row."""
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    if data.get("hint") != "add an `otherwise` row":
        return None
    first, last = diagnostic.range.start.line + 1, diagnostic.range.end.line + 1
    body = [n for n in range(first + 1, last + 1)
            if lines.line(n).strip() and not lines.line(n).lstrip().startswith("#")
            and lines.line(n).startswith((" ", "\t"))]
    band = [masked(lines.line(n))[0] for n in [first, *body]]
    if not body or any(re.search(r"\bgives\b", text) for text in band):
        return None  # a rating band's level is a judgement, not a fix
    row = lines.line(body[-1])
    indent = row[: len(row) - len(row.lstrip())]
    at = lsp.Position(line=body[-1], character=0)
    return _edit(uri, "Add an `otherwise` row", lsp.Range(start=at, end=at),
                 f"{indent}otherwise: {OTHERWISE_LABEL}\n", diagnostic, preferred=True)


def acknowledgement(uri: str, lines: Lines, diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
    """A warning: add `# critc: allow CODE (reason)` on its own line just above it."""
    if diagnostic.severity != lsp.DiagnosticSeverity.Warning or not diagnostic.code:
        return None
    if diagnostic.code in ("unused-allow", "cannot-allow"):
        return None
    line = diagnostic.range.start.line
    text = lines.line(line + 1)
    indent = text[: len(text) - len(text.lstrip())]
    start = lsp.Position(line=line, character=0)
    directive = f"{indent}# critc: allow {diagnostic.code} (reason)\n"
    return _edit(uri, f"Acknowledge `{diagnostic.code}` with `# critc: allow`",
                 lsp.Range(start=start, end=start), directive, diagnostic, preferred=False)


def code_actions(uri: str, lines: Lines, diagnostics: list[lsp.Diagnostic]
                 ) -> list[lsp.CodeAction]:
    out = []
    for diagnostic in diagnostics:
        if diagnostic.source != "critc":
            continue
        for make in (replacement, quoting, otherwise_row, acknowledgement):
            action = make(uri, lines, diagnostic)
            if action is not None:
                out.append(action)
    return out
