"""The changes page of a version in the framework explorer: `critc diff`'s structural
comparison (`regress/diff.py`) as rows of before and after, with the lines in both files."""

from __future__ import annotations

import attrs
from critc.compiler.regress.diff import Edit, Item
from critc.dsl.span import Span


def span_text(span: Span) -> str:
    """`examples/demo/framework.crit, line 34`, or nothing for an item with no place."""
    return f"{span.path}, line {span.line}" if span.line else ""


@attrs.frozen(kw_only=True)
class FacetChange:
    name: str
    old: tuple[str, ...]  # one line, or a list's entries (band rows)
    old_where: str
    new: tuple[str, ...]
    new_where: str


@attrs.frozen(kw_only=True)
class EditView:
    """One edit between two versions as the changes page shows it."""

    name: str  # `criterion 1.1`
    change: str  # added, removed, changed
    scoring: bool  # whether it can move a figure
    summary: str  # the wording or title of what was added or removed
    where: str
    facets: tuple[FacetChange, ...]


def _facet_lines(item: Item | None, name: str) -> tuple[str, ...]:
    facet = item.facet(name) if item else None
    if facet is None:
        return ()
    return tuple(text for text, _ in facet.parts) if facet.parts else (facet.text,)


def _facetspan_text(item, name: str) -> str:
    facet = item.facet(name) if item else None
    if facet is None:
        return ""
    return span_text(facet.span if facet.span.line else item.span)


def edit_view(edit: Edit) -> EditView:
    item = edit.new or edit.old
    if item is None:
        raise ValueError(f"an edit with neither side: {edit.key}")
    label = next((item.facet(n) for n in ("wording", "title", "name") if item.facet(n)), None)
    facets = tuple(
        FacetChange(name=name, old=_facet_lines(edit.old, name),
                    old_where=_facetspan_text(edit.old, name), new=_facet_lines(edit.new, name),
                    new_where=_facetspan_text(edit.new, name))
        for name in edit.facets)
    return EditView(name=edit.key, change=edit.change, scoring=edit.scoring,
                    summary=label.text if label else "", where=span_text(item.span),
                    facets=facets)
