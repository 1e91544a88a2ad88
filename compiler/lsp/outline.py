"""The outline of one file (document symbols: sections → criteria → questions, and an
`across inspections` block → its figures) and its folding ranges, from the file's syntax
tree."""

from __future__ import annotations

from collections.abc import Iterator

from critc.compiler.lsp.positions import Lines
from critc.dsl import ast
from critc.dsl.span import Span
from lsprotocol import types as lsp

KINDS = {"section": lsp.SymbolKind.Module, "question": lsp.SymbolKind.Field,
         "field": lsp.SymbolKind.Variable, "scale": lsp.SymbolKind.Enum,
         "code": lsp.SymbolKind.EnumMember, "band": lsp.SymbolKind.Struct,
         "framework": lsp.SymbolKind.File, "across": lsp.SymbolKind.Namespace}


def last_line(span: Span, lines: Lines) -> int:
    """The last line of an item: its span ends where the next item starts."""
    if span.end_line > span.line and not lines.line(span.end_line)[: span.end_col - 1].strip():
        return span.end_line - 1
    return span.end_line


def _symbol(name: str, detail: str | None, kind: str, span: Span, lines: Lines,
            children: list[lsp.DocumentSymbol] | None = None) -> lsp.DocumentSymbol:
    end = last_line(span, lines)
    whole = lsp.Range(start=lines.position(span.line, span.col),
                      end=lsp.Position(line=end - 1, character=len(lines.line(end).encode(
                          "utf-16-le")) // 2))
    header = lsp.Range(start=whole.start, end=lines.position(span.line,
                                                             len(lines.line(span.line)) + 1))
    return lsp.DocumentSymbol(name=name, detail=detail, kind=KINDS.get(kind, lsp.SymbolKind.Class),
                              range=whole, selection_range=header, children=children or None)


def document_symbols(module: ast.Module, lines: Lines) -> list[lsp.DocumentSymbol]:
    return [symbol for item in module.items for symbol in _item(item, lines)]


def _item(item, lines: Lines) -> Iterator[lsp.DocumentSymbol]:
    match item:
        case ast.Framework():
            yield _symbol(item.name, item.version, "framework", item.span, lines)
        case ast.Question():
            yield _symbol(f"question {item.id}", item.text, "question", item.span, lines)
        case ast.Aggregate():
            children = [s for child in item.children for s in _item(child, lines)]
            yield _symbol(f"{item.kind} {item.id}", item.title, item.kind, item.span, lines,
                          children)
        case ast.Scale() | ast.RatingScale():
            entries = item.codes if isinstance(item, ast.Scale) else item.levels
            codes = [_symbol(c.id, c.label, "code", c.span, lines) for c in entries]
            what = "scale" if isinstance(item, ast.Scale) else "rating scale"
            yield _symbol(f"{what} {item.id}", item.title, "scale", item.span, lines, codes)
        case ast.FieldBlock():
            fields = [_symbol(f.id, f.title, "field", f.span, lines) for f in item.fields]
            title = "case fields" if item.kind == "case" else "inspection inputs"
            yield _symbol(title, None, "fields", item.span, lines, fields)
        case ast.Band():
            yield _symbol(f"band {item.id}", item.title, "band", item.span, lines)
        case ast.AcrossInspections():
            figures = [s for child in item.aggregates for s in _item(child, lines)]
            count = len(item.aggregates)
            yield _symbol("across inspections", f"{count} figure{'s' * (count != 1)}",
                          "across", item.span, lines, figures)
        case _:
            return


def folding_ranges(module: ast.Module, lines: Lines) -> list[lsp.FoldingRange]:
    out = []

    def fold(items) -> None:
        for item in items:
            if isinstance(item, ast.Include):
                continue
            end = last_line(item.span, lines)
            if end > item.span.line:
                out.append(lsp.FoldingRange(start_line=item.span.line - 1, end_line=end - 1))
            if isinstance(item, ast.Aggregate):
                fold(item.children)
            if isinstance(item, ast.AcrossInspections):
                fold(item.aggregates)

    fold(module.items)
    return out
