"""First checker pass: collect every declaration into symbol tables.

Reports duplicate names, a missing or repeated framework header, and builds the
question/aggregate hierarchy that selectors walk.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TypeVar

import attrs
from critc.dsl import ast
from critc.dsl.diagnostics import Diagnostic, Label, error, warning
from critc.dsl.span import Span

Scale = ast.Scale | ast.RatingScale  # answer and rating scales share one set of names
AnyScale = TypeVar("AnyScale", ast.Scale, ast.RatingScale)

# The plural nouns of selectors and the kinds of item they select.
PLURAL_KIND: dict[str, ast.ItemKind] = {
    "questions": "question", "sections": "section", "criteria": "criterion",
    "domains": "domain", "standards": "standard", "outcomes": "outcome", "threads": "thread",
    "headlines": "headline", "scores": "score", "ratings": "rating", "phases": "phase",
}
KIND_PLURAL: dict[str, str] = {kind: plural for plural, kind in PLURAL_KIND.items()}


def did_you_mean(name: str, candidates: Iterable[object], what: str = "",
                 cutoff: float = 0.6) -> str | None:
    close = difflib.get_close_matches(name, [str(c) for c in candidates], n=3, cutoff=cutoff)
    if not close:
        return None
    names = " or ".join(f"`{c}`" for c in close)
    return f"did you mean {names}{' ' + what if what else ''}?"


@attrs.define
class Symbols:
    header: ast.Framework | None = None
    scales: dict[str, ast.Scale] = attrs.Factory(dict)
    rating_scales: dict[str, ast.RatingScale] = attrs.Factory(dict)
    fields: dict[str, tuple[ast.Field, ast.FieldOrigin]] = attrs.Factory(dict)
    nodes: dict[str, ast.Question | ast.Aggregate] = attrs.Factory(dict)
    parent: dict[str, str | None] = attrs.Factory(dict)
    children: dict[str, list[str]] = attrs.Factory(dict)
    bands: dict[str, ast.Band] = attrs.Factory(dict)
    declared_at: dict[str, tuple[str, Span]] = attrs.Factory(dict)  # id → (what, span)
    order: dict[str, int] = attrs.Factory(dict)
    tags: dict[str, set[str]] = attrs.Factory(dict)  # node → own and inherited tags
    # aggregates that lost a child (and its subtree) to a duplicate id
    lost_children: set[str] = attrs.Factory(set)
    across: set[str] = attrs.Factory(set)  # the figures declared `across inspections`

    def descendants(self, node: str) -> list[str]:
        out = []
        for child in self.children.get(node, ()):
            out.append(child)
            out.extend(self.descendants(child))
        return out

    def kind(self, node: str) -> str:
        item = self.nodes.get(node)
        if isinstance(item, ast.Question):
            return "question"
        if isinstance(item, ast.Aggregate):
            return item.kind
        if node in self.fields:
            return "case field" if self.fields[node][1] == "case" else "inspection input"
        if node in self.bands:
            return "band"
        return "item"

    def all_tags(self) -> set[str]:
        return set().union(*self.tags.values()) if self.tags else set()


# Words that formulas and conditions read as keywords (docs/language.md, "Reserved words").
_KINDS = ("section", "criterion", "domain", "standard", "outcome", "thread", "headline",
          "score", "rating", "phase", "question")
_PLURALS = ("sections", "criteria", "domains", "standards", "outcomes", "threads",
            "headlines", "scores", "ratings", "phases", "questions")
RESERVED = frozenset(_KINDS + _PLURALS + (
    "mean", "pooled", "min", "max", "sum", "count", "points", "weighted",
    "its", "all", "individual", "summary", "key", "not", "true", "false",
    "if", "first"))  # these two start an expression (`if ... then`, `first of (...)`)


def declare(modules: Iterable[ast.Module], diagnostics: list[Diagnostic]) -> Symbols:
    symbols = Symbols()
    for module in modules:
        for item in module.items:
            _declare_item(item, symbols, diagnostics, parent=None, inherited=())
    return symbols


def _claim(symbols: Symbols, ident: str, what: str, span: Span,
           diagnostics: list[Diagnostic]) -> bool:
    """Reserve `ident` in the one namespace shared by fields, inputs, questions,
    aggregates and bands; report a duplicate if it is taken."""
    if ident in symbols.declared_at:
        first_what, first_span = symbols.declared_at[ident]
        diagnostics.append(error(
            "duplicate-name", f"`{ident}` is already declared as a {first_what}", span,
            hint="give each field, question, aggregate and band its own id",
            labels=(Label(first_span, f"`{ident}` first declared here"),)))
        return False
    symbols.declared_at[ident] = (what, span)
    symbols.order[ident] = len(symbols.order)
    return True


def _declare_item(item: ast.Item, symbols: Symbols, diagnostics: list[Diagnostic],
                  parent: str | None, inherited: tuple[str, ...]) -> None:
    match item:
        case ast.Framework():
            if symbols.header is not None:
                diagnostics.append(error(
                    "duplicate-header", "a second `framework` header", item.span,
                    hint="a framework has one header; an included file should hold only "
                    "shared declarations such as case fields and scales",
                    labels=(Label(symbols.header.span, "the first header"),)))
            else:
                symbols.header = item
        case ast.Include():
            pass
        case ast.Scale():
            _declare_named(symbols.scales, item, "answer scale", diagnostics,
                           symbols.rating_scales)
            _check_scale(item, diagnostics)
        case ast.RatingScale():
            _declare_named(symbols.rating_scales, item, "rating scale", diagnostics,
                           symbols.scales)
            _check_rating_scale(item, diagnostics)
        case ast.FieldBlock():
            what = "case field" if item.kind == "case" else "inspection input"
            for field in item.fields:
                if _claim(symbols, field.id, what, field.span, diagnostics):
                    symbols.fields[field.id] = (field, item.kind)
                if field.id in RESERVED:
                    diagnostics.append(warning(
                        "reserved-name", f"`{field.id}` is a word of the language: this "
                        f"{what} cannot be used in a condition or formula", field.span,
                        hint=f"choose another name, such as `case_{field.id}`"))
        case ast.Question() | ast.Aggregate():
            what = "question" if isinstance(item, ast.Question) else item.kind
            tags = set(inherited) | set(item.tags)
            if not _claim(symbols, item.id, what, item.span, diagnostics):
                while parent is not None:
                    symbols.lost_children.add(parent)
                    parent = symbols.parent.get(parent)
                return
            _warn_if_reserved(item.id, what, item.span, diagnostics)
            symbols.nodes[item.id] = item
            symbols.parent[item.id] = parent
            symbols.tags[item.id] = tags
            if parent is not None:
                symbols.children.setdefault(parent, []).append(item.id)
            if isinstance(item, ast.Aggregate):
                symbols.children.setdefault(item.id, [])
                for child in item.children:
                    _declare_item(child, symbols, diagnostics, item.id, tuple(tags))
        case ast.AcrossInspections(aggregates=aggregates):
            for aggregate in aggregates:  # figures without items inside (to_ast reports any)
                if _claim(symbols, aggregate.id, aggregate.kind, aggregate.span, diagnostics):
                    _warn_if_reserved(aggregate.id, aggregate.kind, aggregate.span, diagnostics)
                    symbols.nodes[aggregate.id] = aggregate
                    symbols.parent[aggregate.id] = None
                    symbols.tags[aggregate.id] = set(aggregate.tags)
                    symbols.children[aggregate.id] = []
                    symbols.across.add(aggregate.id)
        case ast.Band():
            if _claim(symbols, item.id, "band", item.span, diagnostics):
                symbols.bands[item.id] = item
            _warn_if_reserved(item.id, "band", item.span, diagnostics)


def _warn_if_reserved(ident: str, what: str, span: Span,
                      diagnostics: list[Diagnostic]) -> None:
    if ident in RESERVED:
        diagnostics.append(warning(
            "reserved-name", f"`{ident}` is a word of the language: this {what} cannot be "
            "used in a condition or formula", span,
            hint=f"choose another name, such as `{what}_{ident}`"))


def _declare_named(table: dict[str, AnyScale], item: AnyScale, what: str,
                   diagnostics: list[Diagnostic], other: Mapping[str, Scale]) -> None:
    for existing in (table.get(item.id), other.get(item.id)):
        if existing is not None:
            diagnostics.append(error(
                "duplicate-name", f"a scale named `{item.id}` is already declared", item.span,
                hint="answer scales and rating scales share one set of names",
                labels=(Label(existing.span, "first declared here"),)))
            return
    table[item.id] = item


def _check_scale(scale: ast.Scale, diagnostics: list[Diagnostic]) -> None:
    seen: dict[str, Span] = {}
    for code in scale.codes:
        for spelling in (code.id, *code.aliases):
            if spelling in seen:
                diagnostics.append(error(
                    "duplicate-code", f"`{spelling}` means two answers in scale `{scale.id}`",
                    code.span, labels=(Label(seen[spelling], "first used here"),)))
            seen[spelling] = code.span
        if code.above and code.not_applicable:
            diagnostics.append(error(
                "contradictory-code", f"`{code.id}` cannot be both above the line and "
                "not applicable", code.span))
    if not scale.codes:
        diagnostics.append(error("empty-scale", f"scale `{scale.id}` declares no answers",
                                 scale.span, hint="list one answer code per indented line"))
    elif not any(code.above for code in scale.codes):
        diagnostics.append(error(
            "no-answer-above-the-line", f"no answer in scale `{scale.id}` is above the line",
            scale.span, hint="mark the answers that count as sufficient with `above the line`"))
    elif all(code.above or code.not_applicable for code in scale.codes):
        diagnostics.append(warning(
            "no-answer-below-the-line", f"every answer in scale `{scale.id}` is above the line "
            "or not applicable", scale.span, hint="every score on this scale will be 100%"))


def _check_rating_scale(scale: ast.RatingScale, diagnostics: list[Diagnostic]) -> None:
    seen: dict[str, Span] = {}
    for level in scale.levels:
        if level.id in seen:
            diagnostics.append(error(
                "duplicate-code", f"`{level.id}` is listed twice in rating scale `{scale.id}`",
                level.span, labels=(Label(seen[level.id], "first listed here"),)))
        seen[level.id] = level.span
    if not scale.levels:
        diagnostics.append(error("empty-scale", f"rating scale `{scale.id}` declares no levels",
                                 scale.span, hint="list the levels best first, one per line"))
    with_points = [lv for lv in scale.levels if lv.points is not None]
    if with_points and len(with_points) != len(scale.levels):
        missing = [lv.id for lv in scale.levels if lv.points is None]
        diagnostics.append(error(
            "missing-points", f"rating scale `{scale.id}` gives points to some levels but not "
            f"to {', '.join(missing)}", scale.span, hint="give every level its points or none"))
    points = [lv.points.value for lv in scale.levels if lv.points is not None]
    if points != sorted(points, reverse=True):
        diagnostics.append(warning(
            "levels-out-of-order", f"the levels of `{scale.id}` are not listed best first",
            scale.span, hint="list levels from best to worst, with points falling"))
