"""Completion: what may be written at the cursor, read from the text before it on its line
(and, for an `across inspections` block, the lines above it) and from the checked model."""

from __future__ import annotations

import functools
import re

from critc.compiler.model import framework as m
from critc.dsl.lalr import keywords as grammar_keywords
from lsprotocol import types as lsp

WORD = r"[A-Za-z0-9_]+(?:[.\-][A-Za-z0-9_]+)*"
KIND_WORDS = ("question", "section", "criterion", "domain", "standard", "outcome", "thread",
              "headline", "score", "rating", "phase")
IN_SET = re.compile(rf"(?:question\s+({WORD})|({WORD}))\s+(?:not\s+)?in\s*\{{[^}}]*$")
COMPARED = re.compile(rf"(?:question\s+({WORD})|({WORD}))\s*(?:=|!=)\s*[A-Za-z0-9_]*$")
AFTER_KIND = re.compile(rf"\b({'|'.join(KIND_WORDS)})\s+[A-Za-z0-9_.\-]*$")
AFTER_TAGS = re.compile(rf"\b(?:tags\s+(?:{WORD}\s*,\s*)*|tagged\s+(?:{WORD}\s+or\s+)*)\w*$")
AFTER_SCALE = re.compile(r"\b(?:on|default\s+scale)\s+\w*$")
AFTER_RATED = re.compile(r"\b(?:rated|gives|:\s*rating)\s+\w*$")
# inside an `across inspections` block
COMBINING = ("mean of", "pooled over", "min of", "max of", "sum of", "count of")
PHRASES = ("across inspections", "skipping undefined")
AFTER_ACROSS = re.compile(r"\bacross\s+inspections\s+\w*$")
KIND = "(?:" + "|".join(KIND_WORDS) + ")"
AFTER_COMBINED = re.compile(rf"\b(?:(?:mean|sum|min|max|count)\s+of|pooled\s+over)\s+"
                            rf"(?:{KIND}\s+{WORD}|(?!{KIND}\b){WORD})\s+\w*$")
COMBINED_ID = re.compile(rf"\b(?:(?:mean|sum|min|max|count)\s+of|pooled\s+over)\s+{KIND}\s+"
                         r"[A-Za-z0-9_.\-]*$")  # a figure of each inspection, not across them
FORMULA_START = re.compile(r"(?:=|\s[-+*/]|[(,])\s*\w*$")  # not the - of `1-low`


def in_across_block(lines: list[str]) -> bool:
    """Whether the last of `lines` (the cursor's, then those above it, in order) stands in
    an `across inspections` block: indented, under that header."""
    if not lines or not lines[-1][:1].isspace():
        return False
    for line in reversed(lines[:-1]):
        if line.strip() and not line[:1].isspace() and not line.startswith("#"):
            return line.split("#")[0].split() == ["across", "inspections"]
    return False


@functools.cache
def keywords() -> tuple[str, ...]:
    """Every word of the grammar (grammar.lark), such as `applies`, `pooled`, `tagged`."""
    return tuple(sorted(grammar_keywords()))


def _items(names, kind: lsp.CompletionItemKind, detail: dict[str, str] | None = None
           ) -> list[lsp.CompletionItem]:
    detail = detail or {}
    return [lsp.CompletionItem(label=name, kind=kind, detail=detail.get(name)) for name in names]


def _values_of(fw: m.Framework, question: str | None, name: str | None) -> list[str]:
    """The values a question's answer or a field may take: scale codes, enum values, levels."""
    if question and question in fw.questions:
        scale = fw.scales.get(fw.questions[question].scale)
        return list(scale.codes) if scale else []
    field = fw.fields.get(name or "")
    if field is None:
        return []
    if field.type.values:
        return list(field.type.values)
    rating = fw.rating_scales.get(field.type.scale or "")
    return list(rating.levels) if rating and field.type.kind == "rating" else []


def _across_items(fw: m.Framework, before: str) -> list[lsp.CompletionItem] | None:
    """In an `across inspections` block: how to combine a figure after `=` or an operator,
    `across inspections` after the figure, `skipping undefined` after that."""
    keyword = lsp.CompletionItemKind.Keyword
    if AFTER_ACROSS.search(before):
        return _items(["skipping undefined"], keyword)
    if AFTER_COMBINED.search(before):
        return _items(["across inspections"], keyword)
    if FORMULA_START.search(before):
        figures = {a.id: a.title or "" for a in fw.across.values()}
        return _items(COMBINING, keyword) + _items(figures, lsp.CompletionItemKind.Reference,
                                                   figures)
    return None


def completions(fw: m.Framework | None, before: str, tags: set[str],
                across: bool = False) -> list[lsp.CompletionItem]:
    """The completion items for a cursor with `before` on its line before it (`across`:
    in an `across inspections` block)."""
    value = lsp.CompletionItemKind.EnumMember
    if fw is None:
        return _items(keywords() + PHRASES + COMBINING * across, lsp.CompletionItemKind.Keyword)
    if across and (found := _across_items(fw, before)) is not None:
        return found
    for pattern in (IN_SET, COMPARED):
        match = pattern.search(before)
        if match:
            return _items(_values_of(fw, match.group(1), match.group(2)), value)
    if AFTER_TAGS.search(before):
        return _items(sorted(tags), lsp.CompletionItemKind.Constant)
    if AFTER_SCALE.search(before):
        return _items(fw.scales, lsp.CompletionItemKind.Enum)
    if AFTER_RATED.search(before):
        return _items(fw.rating_scales, lsp.CompletionItemKind.Enum)
    match = AFTER_KIND.search(before)
    if match:
        kind = match.group(1)
        across_ids = across and not COMBINED_ID.search(before)
        figures = list(fw.aggregates.values()) + list(fw.across.values()) * across_ids
        ids = fw.questions if kind == "question" else \
            [a.id for a in figures if a.kind == kind]
        titles = {q.id: q.text or "" for q in fw.questions.values()} | \
            {a.id: a.title or "" for a in figures}
        return _items(ids, lsp.CompletionItemKind.Reference, titles)
    fields = {f.id: f.title or f.origin for f in fw.fields.values()}
    return (_items(fields, lsp.CompletionItemKind.Field, fields)
            + _items(fw.bands, lsp.CompletionItemKind.Function)
            + _items(keywords() + PHRASES + COMBINING * across,
                     lsp.CompletionItemKind.Keyword))
