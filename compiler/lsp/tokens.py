"""Semantic tokens: every name the index found, typed by what it names, with the grammar's
keywords, strings, numbers and comments around them.

Names come from the index (the AST's spans) and comments from the parser's comment list;
strings are the quoted runs the index masks; keywords are the words that stand in the
grammar as literals, and numbers the numeric words, among what is left of each line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from critc.compiler.check.passes import CheckResult
from critc.compiler.lsp.index import STRING_OR_COMMENT, WORD, Index, masked
from critc.compiler.lsp.positions import Lines
from critc.dsl import ast
from critc.dsl.source import source_lines

GRAMMAR = Path(__file__).resolve().parent.parent.parent / "dsl" / "grammar.lark"
KEYWORDS = frozenset(re.findall(r'"([a-z_]+)"', GRAMMAR.read_text("utf-8")))
NUMBER = re.compile(r"\d+(?:[.\-]\d+)*%?")
# The legend: an index into this list is a token's type.
TOKEN_TYPES = ["keyword", "string", "number", "comment", "variable", "function", "property",
               "type", "enum", "decorator"]
KIND_TYPES = {"question": "variable", "aggregate": "function", "field": "property",
              "band": "type", "scale": "enum", "rating": "enum", "tag": "decorator"}

Token = tuple[int, int, int, str]  # line, column (1-based characters), length, type


def item_kinds(modules: tuple[ast.Module, ...]) -> dict[str, str]:
    """The kind of each item id declared in `modules`: question, aggregate, field or band."""
    kinds: dict[str, str] = {}

    def visit(item: object) -> None:
        match item:
            case ast.Question():
                kinds[item.id] = "question"
            case ast.Aggregate():
                kinds[item.id] = "aggregate"
                for child in item.children:
                    visit(child)
            case ast.Band():
                kinds[item.id] = "band"
            case ast.FieldBlock():
                for field in item.fields:
                    kinds[field.id] = "field"
            case ast.AcrossInspections():
                for aggregate in item.aggregates:
                    visit(aggregate)

    for module in modules:
        for item in module.items:
            visit(item)
    return kinds


def file_tokens(result: CheckResult, index: Index, path: str) -> list[Token]:
    """The tokens of one file of the program, in order, none overlapping."""
    text = result.program.sources.get(path, "")
    kinds = item_kinds(result.program.modules)
    tokens: list[Token] = []
    for occ in index.occurrences:
        namespace, name = occ.symbol
        kind = kinds.get(name, "field") if namespace == "item" else namespace
        if occ.span.path == path and occ.span.line == occ.span.end_line:
            tokens.append((occ.span.line, occ.span.col, occ.span.end_col - occ.span.col,
                           KIND_TYPES[kind]))
    for comment in result.program.comments.get(path, ()):
        tokens.append((comment.line, comment.col, len(comment.text), "comment"))
    for number, line in enumerate(source_lines(text), start=1):
        for match in STRING_OR_COMMENT.finditer(line):
            if match.group().startswith('"'):
                tokens.append((number, match.start() + 1, len(match.group()), "string"))
    taken = {(line, col) for line, col, length, _ in tokens for col in range(col, col + length)}
    tokens.extend(t for t in words(masked(text)) if (t[0], t[1]) not in taken)
    return sorted(tokens)


def words(lines: list[str]) -> Iterator[Token]:
    """Keywords and numbers among the words of lines with strings and comments blanked."""
    for number, line in enumerate(lines, start=1):
        for match in re.finditer(rf"{WORD}%?", line):
            word = match.group()
            if word in KEYWORDS:
                yield number, match.start() + 1, len(word), "keyword"
            elif NUMBER.fullmatch(word):
                yield number, match.start() + 1, len(word), "number"


def encode(tokens: list[Token], lines: Lines) -> list[int]:
    """The protocol's relative encoding: line delta, start delta, length, type, modifiers
    (in UTF-16 units)."""
    data: list[int] = []
    previous_line, previous_start = 0, 0
    for line, col, length, kind in tokens:
        start = lines.position(line, col)
        end = lines.position(line, col + length)
        delta_start = start.character - previous_start if start.line == previous_line \
            else start.character
        data += [start.line - previous_line, delta_start, end.character - start.character,
                 TOKEN_TYPES.index(kind), 0]
        previous_line, previous_start = start.line, start.character
    return data
