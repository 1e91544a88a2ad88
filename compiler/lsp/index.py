"""Where every name is declared and used, read from a checked program's syntax trees.

A symbol is a (namespace, name) pair: the namespace `item` holds what the dependency graph
holds (case fields, inspection inputs, questions, aggregates, bands); `scale`, `rating` and
`tag` hold answer scales, rating scales and tags. Occurrences come from the AST: the spans
of names and item references in expressions, and, for the words the AST keeps as plain
strings (an item's own id, `tags`, `on`, `rated`, `gives`, a selector's scope), the place
where the word stands in the item's own lines, with strings and comments blanked out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
from critc.compiler.check.passes import CheckResult
from critc.dsl import ast
from critc.dsl.source import source_lines
from critc.dsl.span import Span

Namespace = str  # "item", "scale", "rating" or "tag"
Symbol = tuple[Namespace, str]

STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*')
WORD = r"[A-Za-z0-9_]+(?:[.\-][A-Za-z0-9_]+)*"
NAME_LIST = rf"({WORD}(?:\s*,\s*{WORD})*)"
CLAUSES: dict[str, list[tuple[re.Pattern, Namespace]]] = {
    "question": [(re.compile(rf"\btags\s+{NAME_LIST}"), "tag"),
                 (re.compile(rf"\bon\s+({WORD})"), "scale")],
    "aggregate": [(re.compile(rf"\btags\s+{NAME_LIST}"), "tag"),
                  (re.compile(rf"\brated\s+({WORD})"), "rating")],
    "band": [(re.compile(rf"\bgives\s+({WORD})"), "rating")],
    "framework": [(re.compile(rf"\bdefault\s+scale\s+({WORD})"), "scale")],
    "field": [(re.compile(rf":\s*rating\s+({WORD})"), "rating")],
}
SELECTOR_PARTS = [(re.compile(rf"\btagged\s+({WORD}(?:\s+or\s+{WORD})*)"), "tag", r"\s+or\s+"),
                  (re.compile(rf"\bin\s+[a-z]+\s+{NAME_LIST}"), "item", r"\s*,\s*")]


@attrs.frozen
class Occurrence:
    symbol: Symbol
    span: Span
    definition: bool = False


def masked(text: str) -> list[str]:
    """The lines of `text` with strings and comments blanked out, columns unchanged."""
    return [STRING_OR_COMMENT.sub(lambda m: " " * len(m.group()), line)
            for line in source_lines(text)]


class Index:
    """Every occurrence of every symbol in the files of one checked program."""

    def __init__(self, result: CheckResult):
        self.result = result
        self.occurrences: list[Occurrence] = []
        for module in result.program.modules:
            text = result.program.sources.get(module.path, "")
            self.occurrences.extend(_FileScan(module.path, masked(text), result).scan(module))

    def at(self, path: str, line: int, col: int) -> Occurrence | None:
        """The occurrence under (line, col) in `path`, if any."""
        for occ in self.occurrences:
            s = occ.span
            if s.path == path and s.line == line and s.col <= col <= s.end_col:
                return occ
        return None

    def of(self, symbol: Symbol) -> list[Occurrence]:
        return [occ for occ in self.occurrences if occ.symbol == symbol]

    def definition(self, symbol: Symbol) -> Occurrence | None:
        return next((o for o in self.of(symbol) if o.definition), None)

    def names(self, namespace: Namespace) -> set[str]:
        return {occ.symbol[1] for occ in self.occurrences if occ.symbol[0] == namespace}


class _FileScan:
    def __init__(self, path: str, lines: list[str], result: CheckResult):
        self.path = path
        self.lines = lines
        self.known = set(result.dependencies.nodes) if result.dependencies is not None \
            else None

    def scan(self, module: ast.Module) -> Iterator[Occurrence]:
        for item in module.items:
            yield from self.item(item)

    def item(self, item: ast.Item | ast.Question | ast.Aggregate) -> Iterator[Occurrence]:
        """The occurrences in an item (and in the figures of an `across inspections`
        block; `mean of X across inspections` names X as any formula does)."""
        match item:
            case ast.Question():
                yield from self.declared(("item", item.id), item.span)
                yield from self.clauses("question", item.span, ())
                if item.applies is not None:
                    yield from self.expression(item.applies)
            case ast.Aggregate():
                yield from self.declared(("item", item.id), item.span)
                yield from self.clauses("aggregate", item.span, item.children)
                if item.formula is not None:
                    yield from self.expression(item.formula)
                for clause in item.counting:  # `counting {...} above the line for 1.2d`
                    for qid, span in zip(clause.questions, clause.question_spans, strict=False):
                        yield Occurrence(("item", qid), span)
                for child in item.children:
                    yield from self.item(child)
            case ast.Band():
                yield from self.declared(("item", item.id), item.span)
                yield from self.clauses("band", item.span, ())
                for target in item.targets:
                    yield from self.expression(target)
            case ast.Scale():
                yield from self.declared(("scale", item.id), item.span)
            case ast.RatingScale():
                yield from self.declared(("rating", item.id), item.span)
            case ast.FieldBlock():
                for field in item.fields:
                    yield from self.declared(("item", field.id), field.span)
                    yield from self.clauses("field", field.span, ())
            case ast.Framework():
                yield from self.clauses("framework", item.span, ())
            case ast.AcrossInspections():
                for aggregate in item.aggregates:
                    yield from self.item(aggregate)
            case _:
                pass

    def declared(self, symbol: Symbol, span: Span) -> Iterator[Occurrence]:
        """The item's own id, the first time it stands as a word on its header line."""
        found = self.find_word(symbol[1], span.line, span.col)
        if found is not None:
            yield Occurrence(symbol, found, definition=True)

    def find_word(self, word: str, line: int, col: int) -> Span | None:
        text = self.line(line)
        pattern = re.compile(rf"(?<![A-Za-z0-9_.\-]){re.escape(word)}(?![A-Za-z0-9_]|[.\-]\w)")
        match = pattern.search(text, max(col - 1, 0))
        if match is None:
            return None
        return Span(self.path, line, match.start() + 1, line, match.end() + 1)

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def own_lines(self, span: Span, children: tuple) -> Iterator[int]:
        """The lines of an item that are not lines of its child items."""
        taken = {n for c in children for n in range(c.span.line, self.last_line(c.span) + 1)}
        for number in range(span.line, self.last_line(span) + 1):
            if number not in taken:
                yield number

    def last_line(self, span: Span) -> int:
        """The span's last line; a span that ends where the next item starts ends before."""
        if span.end_line > span.line and not self.line(span.end_line)[: span.end_col - 1].strip():
            return span.end_line - 1
        return span.end_line

    def clauses(self, kind: str, span: Span, children: tuple) -> Iterator[Occurrence]:
        for number in self.own_lines(span, children):
            text = self.line(number)
            start = span.col - 1 if number == span.line else 0
            for pattern, namespace in CLAUSES[kind]:
                for match in pattern.finditer(text, start):
                    yield from self.listed(namespace, number, match.start(1), match.group(1),
                                           r"\s*,\s*")

    def listed(self, namespace: Namespace, line: int, offset: int, words: str,
               separator: str) -> Iterator[Occurrence]:
        """Each word of a list such as `roh, lor` or `roh or lor` found at `offset`."""
        position = offset
        for word in re.split(separator, words):
            position = self.line(line).index(word, position)
            yield Occurrence((namespace, word),
                             Span(self.path, line, position + 1, line, position + 1 + len(word)))
            position += len(word)

    def expression(self, expr: ast.Expr) -> Iterator[Occurrence]:
        match expr:
            case ast.Name():
                if self.known is None or expr.name in self.known:  # not an enum value
                    yield Occurrence(("item", expr.name), expr.span)
            case ast.ItemRef():
                s = expr.span
                yield Occurrence(("item", expr.id),
                                 Span(self.path, s.end_line, s.end_col - len(expr.id),
                                      s.end_line, s.end_col))
            case ast.Apply():
                s = expr.span
                yield Occurrence(("item", expr.band),
                                 Span(self.path, s.line, s.col, s.line, s.col + len(expr.band)))
                yield from self.expression(expr.arg)
            case ast.Selector():
                yield from self.selector(expr.span)
            case ast.InSet():
                yield from self.expression(expr.operand)  # the set holds values, not names
            case _:
                for value in attrs.astuple(expr, recurse=False):
                    for part in value if isinstance(value, tuple) else (value,):
                        if isinstance(part, ast.Weight):
                            yield from self.expression(part.expr)
                        elif attrs.has(type(part)) and not isinstance(part, Span):
                            yield from self.expression(part)

    def selector(self, span: Span) -> Iterator[Occurrence]:
        if span.line != span.end_line:
            return  # a selector wrapped over lines: too rare to chase
        text = self.line(span.line)[: span.end_col - 1]
        for pattern, namespace, separator in SELECTOR_PARTS:
            for match in pattern.finditer(text, span.col - 1):
                yield from self.listed(namespace, span.line, match.start(1), match.group(1),
                                       separator)
