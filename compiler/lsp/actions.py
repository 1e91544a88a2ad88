"""Code actions for diagnostics whose fix is certain: a did-you-mean with one candidate
replaces the misspelt word, an unquoted wording or label is put in double quotes, a band that
leaves low values without a label gets an `otherwise` row (a text band's label to be
written; a rating band's level chosen among its scale's, the one no row gives first), and a
warning can be acknowledged with `# critc: allow`."""

from __future__ import annotations

import re

from critc.compiler.lsp.index import masked
from critc.compiler.lsp.positions import Lines
from critc.compiler.model import framework as m
from lsprotocol import types as lsp

ONE_SUGGESTION = re.compile(r"^did you mean `([^`]+)`\?$")
WORD = re.compile(r"[A-Za-z0-9_]+(?:[.\-][A-Za-z0-9_]+)*")
QUOTE_IT = re.compile(r'^write "([^"\\]*)"$')
UNQUOTED = re.compile(r"^`([^`]+)` is not quoted")
ROW_LABEL = re.compile(r"^([^:#\"]*:\s*)([A-Za-z_][A-Za-z0-9_]*)\s*(?:#.*)?$")
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


def quoted_label(uri: str, lines: Lines, diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
    """`Good` is not quoted, in a band row of a text band: put the label in quotes."""
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    match = UNQUOTED.match(diagnostic.message)
    if data.get("code") != "unquoted-label" or match is None:
        return None
    line = diagnostic.range.start.line
    row = ROW_LABEL.match(lines.line(line + 1))
    if row is None or row.group(2) != match.group(1):
        return None
    start = lines.position(line + 1, len(row.group(1)) + 1)
    end = lines.position(line + 1, len(row.group(1)) + len(row.group(2)) + 1)
    return _edit(uri, f"Put `{row.group(2)}` in double quotes",
                 lsp.Range(start=start, end=end), f'"{row.group(2)}"', diagnostic,
                 preferred=True)


def otherwise_rows(uri: str, lines: Lines, diagnostic: lsp.Diagnostic,
                   fw: m.Framework | None) -> list[lsp.CodeAction]:
    """A band with `add an `otherwise` row`: add one after its last row. A text band gets a
    label to write; a rating band one action per level of its scale, the levels no row gives
    first (preferred when there is one such level)."""
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    if data.get("hint") != "add an `otherwise` row":
        return []
    first, last = diagnostic.range.start.line + 1, diagnostic.range.end.line + 1
    body = [n for n in range(first + 1, last + 1)
            if lines.line(n).strip() and not lines.line(n).lstrip().startswith("#")
            and lines.line(n).startswith((" ", "\t"))]
    if not body:
        return []
    rated = any(re.search(r"\bgives\b", masked(lines.line(n))[0]) for n in [first, *body])
    row = lines.line(body[-1])
    indent = row[: len(row) - len(row.lstrip())]
    at = lsp.Position(line=body[-1], character=0)
    if not rated:
        return [_edit(uri, "Add an `otherwise` row", lsp.Range(start=at, end=at),
                      f"{indent}otherwise: {OTHERWISE_LABEL}\n", diagnostic, preferred=True)]
    levels = _levels_for(fw, first)
    if levels is None:
        return []
    unused, used = levels
    return [_edit(uri, f"Add an `otherwise` row giving `{level}`", lsp.Range(start=at, end=at),
                  f"{indent}otherwise: {level}\n", diagnostic,
                  preferred=len(unused) == 1 and level in unused)
            for level in unused + used]


def _levels_for(fw: m.Framework | None, line: int) -> tuple[list[str], list[str]] | None:
    """The levels of the scale the band declared on `line` gives: those none of its rows
    gives, and the others (None when the band or its scale is not in the model)."""
    if fw is None:
        return None
    band = next((b for b in fw.bands.values() if b.span.line == line and b.gives), None)
    scale = fw.rating_scales.get(band.gives) if band is not None and band.gives else None
    if band is None or scale is None:
        return None
    given = {row.output for row in band.rows}
    return ([lv for lv in scale.levels if lv not in given],
            [lv for lv in scale.levels if lv in given])


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


def code_actions(uri: str, lines: Lines, diagnostics: list[lsp.Diagnostic],
                 fw: m.Framework | None = None) -> list[lsp.CodeAction]:
    """The fixes for `diagnostics` in the document `uri`; `fw`, its checked model (if
    any), names the levels a rating band may give."""
    out = []
    for diagnostic in diagnostics:
        if diagnostic.source != "critc":
            continue
        for make in (replacement, quoting, quoted_label):
            action = make(uri, lines, diagnostic)
            if action is not None:
                out.append(action)
        out.extend(otherwise_rows(uri, lines, diagnostic, fw))
        acknowledged = acknowledgement(uri, lines, diagnostic)
        if acknowledged is not None:
            out.append(acknowledged)
    return out
