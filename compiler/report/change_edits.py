"""A rule edit in words, for the change report: what changed said as a reviewer would say
it ("individual questions 0.8 → 0.7, summary question 0.2 → 0.3", "good from 75% (was
70%)"), and the lines of both files it was read from."""

from __future__ import annotations

import attrs
from critc.compiler.model import framework as m
from critc.compiler.model.text import entry_text
from critc.compiler.regress.diff import Edit, Item, Structure
from critc.compiler.report.explain import source_line
from critc.compiler.report.plain_english import band_row_text, join_words
from critc.dsl.span import Span

LONG_ENTRY = 4  # a weighted mean's entry over more questions than this is counted, not listed


@attrs.frozen(kw_only=True)
class SourceLine:
    side: str  # "old" or "new"
    where: str  # `examples/versions/v1.crit:11`
    text: str  # the line as written in that file


@attrs.frozen(kw_only=True)
class EditWords:
    name: str  # `criterion 1.1`
    change: str  # added, removed, changed
    facets: tuple[str, ...]  # the facets that differ (changed only)
    scoring: bool  # whether it can move a figure
    words: str  # what changed, in words
    lines: tuple[SourceLine, ...]


def edit_words(edit: Edit, structure: Structure, sources: tuple[dict, dict]) -> EditWords:
    if edit.change == "changed":
        words = "; ".join(_facet_words(edit, name, structure) for name in edit.facets)
    else:
        words = _summary(edit.new if edit.change == "added" else edit.old)
    return EditWords(name=edit.key, change=edit.change, facets=edit.facets,
                     scoring=edit.scoring, words=words, lines=_lines(edit, sources))


def _summary(item: Item | None) -> str:
    """The wording or title of what was added or removed, quoted."""
    facets = [item.facet(n) for n in ("wording", "title", "name")] if item else []
    label = next((f.text for f in facets if f is not None and f.text), None)
    return f"“{label}”" if label else ""


# ----------------------------------------------------------------------------- words
def _facet_words(edit: Edit, name: str, structure: Structure) -> str:
    if name == "weights" and "formula" not in edit.facets:
        return _weights_words(edit.id, structure)
    if name in ("thresholds", "outputs") and edit.kind == "band":
        return _band_words(edit.id, structure, name)
    before = edit.old.facet(name) if edit.old else None
    after = edit.new.facet(name) if edit.new else None
    old = before.text if before is not None else "(none)"
    new = after.text if after is not None else "(none)"
    return f"{name} {old} → {new}"


def _weights_words(aggregate: str, structure: Structure) -> str:
    """Each entry of a reweighted mean with its old and new weight."""
    old = structure.old.aggregates[aggregate].formula
    new = structure.new.aggregates[aggregate].formula
    assert isinstance(old, m.WeightedMean) and isinstance(new, m.WeightedMean)
    parts = []
    for item, before, after in zip(new.items, old.weights, new.weights, strict=True):
        what = entry_words(item, aggregate, structure.new)
        parts.append(f"{what} {before:g} → {after:g}" if before != after
                     else f"{what} {after:g} (unchanged)")
    return ", ".join(parts)


def entry_words(item: m.Expr, aggregate: str, fw: m.Framework) -> str:
    """A weighted mean's entry as its selector reads: `individual questions`, `summary
    question`, `criterion 1.2`; a long list of questions counted, not listed."""
    nodes = _nodes(item)
    if nodes is None:
        return entry_text(item, fw)
    children = [q for q in fw.questions.values() if q.parent == aggregate]
    for role, noun in (("individual", "individual question"), ("summary", "summary question")):
        of_role = {q.id for q in children if q.role == role}
        if of_role and set(nodes) == of_role:
            return noun if len(nodes) == 1 else noun + "s"
    if len(nodes) == 1:
        return f"{fw.kind_of(nodes[0])} {nodes[0]}"
    if len(nodes) > LONG_ENTRY:
        return f"mean of {len(nodes)} figures ({nodes[0]} to {nodes[-1]})"
    return "mean of " + join_words(list(nodes))


def _nodes(item: m.Expr) -> tuple[str, ...] | None:
    """The figures an entry reads (a figure, or the mean of figures), else None."""
    if isinstance(item, m.FigureRef):
        return (item.node,)
    if isinstance(item, m.Reduce) and item.function == "mean" and all(
            isinstance(i, m.FigureRef) for i in item.items):
        return tuple(i.node for i in item.items if isinstance(i, m.FigureRef))
    return None


def _band_words(band_id: str, structure: Structure, facet: str) -> str:
    """The band rows that differ, in words: `70% and above → 75% and above: “good”`."""
    old, new = structure.old.bands[band_id], structure.new.bands[band_id]
    percent = new.input_type.kind == "score"
    if len(old.rows) != len(new.rows):
        return (f"{facet} " + "; ".join(_row(r, percent) for r in old.rows) + " → "
                + "; ".join(_row(r, percent) for r in new.rows))
    parts = []
    for before, after in zip(old.rows, new.rows, strict=True):
        if _row(before, percent) == _row(after, percent):
            continue
        if before.output == after.output:
            parts.append(f"“{after.output}” {band_row_text(before, percent)} → "
                         f"{band_row_text(after, percent)}")
        else:
            parts.append(f"{_row(before, percent)} → {_row(after, percent)}")
    return "; ".join(parts)


def _row(row: m.BandRow, percent: bool) -> str:
    return f"{band_row_text(row, percent)}: “{row.output}”"


# ----------------------------------------------------------------------------- lines
def _lines(edit: Edit, sources: tuple[dict, dict]) -> tuple[SourceLine, ...]:
    """The lines of each file the edit was read from, each once, in file order."""
    out = []
    for side, item, source in (("old", edit.old, sources[0]), ("new", edit.new, sources[1])):
        if item is None:
            continue
        spans = _spans(edit, item)
        seen = set()
        for span in sorted(spans, key=lambda s: s.line):
            text = source_line(source, span)
            if (span.path, span.line) in seen or not text:
                continue
            seen.add((span.path, span.line))
            out.append(SourceLine(side=side, where=f"{span.path}:{span.line}", text=text))
    return tuple(out)


def _spans(edit: Edit, item: Item) -> list[Span]:
    if edit.change != "changed":
        return [item.span]
    spans = []
    other = edit.new if item is edit.old else edit.old
    for name in edit.facets:
        facet = item.facet(name)
        if facet is None:
            continue
        if facet.parts:
            counterpart = other.facet(name) if other else None
            theirs = {text for text, _ in counterpart.parts} if counterpart else set()
            spans += [span for text, span in facet.parts if text not in theirs]
        else:
            spans.append(facet.span if facet.span.line else item.span)
    return spans
