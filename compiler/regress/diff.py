"""The structural difference between two versions of a framework, and which edits lie on
each figure's dependency path.

Both versions are compared as checked models, so a change of spelling, layout or comments
is no change, and a selector that now picks other questions shows as a changed formula.
Each declaration is cut into facets (a question's applicability, scale, wording...); an
edit is one declaration added, removed, or changed in named facets. Edits to wording,
titles and descriptions are listed but never move a figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import attrs
import networkx as nx
from critc.compiler.check.passes import CheckResult
from critc.compiler.model import framework as m
from critc.compiler.model.text import entry_text, expression_text
from critc.dsl.span import NO_SPAN, Span

# Facets that only change what people read, never a figure.
WORDING = frozenset({"wording", "title", "description", "source", "labels", "tags", "name",
                     "version", "effective dates"})

Change = Literal["added", "removed", "changed"]  # what an edit did to its declaration


@attrs.frozen(kw_only=True)
class Facet:
    name: str
    value: object  # compared with == (model objects compare without their spans)
    text: str = attrs.field(eq=False)  # how the facet reads, for the report
    span: Span = attrs.field(default=NO_SPAN, eq=False)
    # for a list (band rows): each entry's text and line, so a report can show the ones
    # that differ rather than the whole list
    parts: tuple[tuple[str, Span], ...] = attrs.field(default=(), eq=False)


@attrs.frozen(kw_only=True)
class Item:
    """One declaration of a framework, cut into comparable facets."""

    kind: str
    id: str
    facets: tuple[Facet, ...]
    span: Span
    nodes: frozenset[str]  # graph nodes a change to it acts on

    def facet(self, name: str) -> Facet | None:
        return next((f for f in self.facets if f.name == name), None)


@attrs.frozen(kw_only=True)
class Edit:
    kind: str
    id: str
    change: Change
    facets: tuple[str, ...]  # the facets that differ ("changed" only)
    old: Item | None
    new: Item | None

    @property
    def key(self) -> str:
        return f"{self.kind} {self.id}"

    @property
    def scoring(self) -> bool:
        """Whether the edit can move a figure."""
        return self.change != "changed" or any(f not in WORDING for f in self.facets)

    @property
    def nodes(self) -> frozenset[str]:
        return (self.old.nodes if self.old else frozenset()) | \
            (self.new.nodes if self.new else frozenset())


# ----------------------------------------------------------------------------- facets
def _text(value) -> str:
    return "" if value is None else str(value)


def _expr(expr: m.Expr | None, fw: m.Framework) -> str:
    return "(always)" if expr is None else expression_text(expr, fw)


def _weights(formula: m.Expr | None, fw: m.Framework) -> str:
    if not isinstance(formula, m.WeightedMean):
        return "(none)"
    return ", ".join(f"{entry_text(item, fw)}: {w:g}"
                     for item, w in zip(formula.items, formula.weights, strict=True))


def _rounding(rounding: m.Rounding | None, percent: bool = True) -> str:
    return "(the framework's)" if rounding is None else rounding.describe(percent)


def items(fw: m.Framework) -> dict[tuple[str, str], Item]:
    """Every declaration of `fw` as an item, keyed by (kind group, id)."""
    out: dict[tuple[str, str], Item] = {}
    for collect in (_header_items, _scale_items, _rating_scale_items, _field_items,
                    _question_items, _aggregate_items, _band_items, _band_label_items):
        out.update(collect(fw))
    return out


def _item(group: str, kind: str, id_: str, span: Span, nodes, *facets: Facet
          ) -> tuple[tuple[str, str], Item]:
    return (group, id_), Item(kind=kind, id=id_, facets=tuple(facets), span=span,
                              nodes=frozenset(nodes))


def _header_items(fw: m.Framework) -> Iterator[tuple[tuple[str, str], Item]]:
    """The header: name, version, dates, rounding and description (every figure uses it)."""
    h = fw.header
    dates = (h.effective_from, h.effective_to)
    every_figure = set(fw.questions) | set(fw.aggregates) | set(fw.applications) \
        | set(fw.across)
    yield _item("framework", "framework", "header", h.span, every_figure,
                Facet(name="name", value=h.name, text=_text(h.name)),
                Facet(name="version", value=h.version, text=_text(h.version)),
                Facet(name="effective dates", value=dates,
                      text=" to ".join(d.isoformat() if d else "open" for d in dates)),
                Facet(name="rounding", value=fw.rounding, text=_rounding(fw.rounding),
                      span=fw.rounding.span),
                Facet(name="description", value=h.description, text=_text(h.description)))


def _scale_items(fw: m.Framework) -> Iterator[tuple[tuple[str, str], Item]]:
    """Answer scales, with the questions that use each."""
    for s in fw.scales.values():
        users = {q.id for q in fw.questions.values() if q.scale == s.id}
        yield _item("scale", "scale", s.id, s.span, users,
                    Facet(name="codes", value=s.codes, text=", ".join(s.codes)),
                    Facet(name="above the line", value=s.above, text=", ".join(sorted(s.above))),
                    Facet(name="not applicable", value=s.not_applicable,
                          text=", ".join(sorted(s.not_applicable))),
                    Facet(name="aliases", value=s.aliases,
                          text=", ".join(f"{k} = {v}" for k, v in sorted(s.aliases.items()))),
                    Facet(name="labels", value=(s.title, s.labels, s.description),
                          text=", ".join(f"{k} {v!r}" for k, v in s.labels.items())))


def _rating_scale_items(fw: m.Framework) -> Iterator[tuple[tuple[str, str], Item]]:
    """Rating scales, with the fields, bands and aggregates that use each."""
    for r in fw.rating_scales.values():
        users = {f.id for f in fw.fields.values() if f.type.scale == r.id} | \
            {b.id for b in fw.bands.values() if b.gives == r.id} | \
            {a.id for a in fw.aggregates.values() if a.type.scale == r.id}
        yield _item("rating scale", "rating scale", r.id, r.span, users,
                    Facet(name="levels", value=r.levels, text=", ".join(r.levels)),
                    Facet(name="points", value=r.points,
                          text=", ".join(f"{k} {_text(v)}" for k, v in r.points.items())),
                    Facet(name="labels", value=(r.title, r.labels, r.description),
                          text=", ".join(f"{k} {v!r}" for k, v in r.labels.items())))


def _field_items(fw: m.Framework) -> Iterator[tuple[tuple[str, str], Item]]:
    """Case fields and inspection inputs."""
    for f in fw.fields.values():
        kind = "case field" if f.origin == "case" else "inspection input"
        yield _item("field", kind, f.id, f.span, {f.id},
                    Facet(name="type", value=(f.type, f.whole),
                          text="integer" if f.whole else str(f.type)),
                    Facet(name="roles", value=f.roles, text=", ".join(f.roles) or "(none)"),
                    Facet(name="origin", value=f.origin, text=kind),
                    Facet(name="title", value=(f.title, f.description, f.source),
                          text=_text(f.title)))


def _question_items(fw: m.Framework) -> Iterator[tuple[tuple[str, str], Item]]:
    """Questions."""
    for q in fw.questions.values():
        yield _item("figure", "question", q.id, q.span, {q.id},
                    Facet(name="applicability", value=q.applies, text=_expr(q.applies, fw),
                          span=q.applies.span if q.applies is not None else q.span),
                    Facet(name="scale", value=q.scale, text=q.scale),
                    Facet(name="role", value=q.role, text=q.role),
                    Facet(name="parent", value=q.parent, text=_text(q.parent) or "(top level)"),
                    Facet(name="tags", value=frozenset(q.tags), text=", ".join(q.tags)),
                    Facet(name="wording", value=(q.text, q.description, q.source),
                          text=_text(q.text)))


def _aggregate_items(fw: m.Framework) -> Iterator[tuple[tuple[str, str], Item]]:
    """Aggregates (and figures across inspections), the weights of a weighted mean apart
    from its formula (so a reweighting says so)."""
    for a in (*fw.aggregates.values(), *fw.across.values()):
        formula, weights = a.formula, None
        if isinstance(formula, m.WeightedMean):  # weights apart, so a reweighting says so
            weights = formula.weights
            formula = attrs.evolve(formula, weights=())
        yield _item("figure", a.kind, a.id, a.span, {a.id},
                    Facet(name="formula", value=formula, text=_expr(a.formula, fw),
                          span=a.formula.span if a.formula is not None else a.span),
                    Facet(name="weights", value=weights, text=_weights(a.formula, fw),
                          span=a.formula.span if a.formula is not None else a.span),
                    _counting_facet(a),
                    Facet(name="kind", value=a.kind, text=a.kind),
                    Facet(name="type", value=a.type, text=str(a.type)),
                    Facet(name="rounding", value=a.rounding,
                          text=_rounding(a.rounding, a.type.kind == "score"),
                          span=a.rounding.span if a.rounding else a.span),
                    Facet(name="parent", value=a.parent, text=_text(a.parent) or "(top level)"),
                    Facet(name="tags", value=frozenset(a.tags), text=", ".join(a.tags)),
                    Facet(name="title", value=(a.title, a.description, a.source),
                          text=_text(a.title)))


def _counting_facet(a: m.Aggregate) -> Facet:
    """The formula's own above-the-line sets (`counting ...`), question by question."""
    rules = tuple(sorted((c.question, c.codes) for c in a.counting))
    parts = tuple((f"{c.question}: {', '.join(c.codes)}", c.span) for c in a.counting)
    return Facet(name="counting", value=rules,
                 text="; ".join(text for text, _ in parts) or "(the scales')",
                 span=a.counting[0].span if a.counting else a.span, parts=parts)


def _band_items(fw: m.Framework) -> Iterator[tuple[tuple[str, str], Item]]:
    """Bands, thresholds and outputs also row by row (parts), so a report can show the rows
    that differ."""
    for b in fw.bands.values():
        parts = tuple((f"{r.describe()}: {r.output}", r.span) for r in b.rows)
        yield _item("band", "band", b.id, b.span, {b.id},
                    Facet(name="thresholds",
                          value=tuple(attrs.evolve(r, output="") for r in b.rows),
                          text="; ".join(text for text, _ in parts), parts=parts),
                    Facet(name="outputs", value=tuple(r.output for r in b.rows),
                          text="; ".join(r.output for r in b.rows), parts=parts),
                    Facet(name="rounding", value=b.rounding,
                          text=_rounding(b.rounding, b.input_type.kind == "score"),
                          span=b.rounding.span if b.rounding.span != NO_SPAN else b.span),
                    Facet(name="gives", value=b.gives, text=_text(b.gives) or "labels"),
                    Facet(name="title", value=(b.title, b.description, b.source),
                          text=_text(b.title)))


def _band_label_items(fw: m.Framework) -> Iterator[tuple[tuple[str, str], Item]]:
    """Band labels: which band on which figure."""
    for app in fw.applications.values():
        yield _item("band label", "band label", app.id, app.span, {app.id},
                    Facet(name="band", value=(app.band, app.target),
                          text=f"{app.band} on {app.target}"))


# ----------------------------------------------------------------------------- the diff
@attrs.frozen(kw_only=True)
class Structure:
    old: m.Framework
    new: m.Framework
    old_graph: nx.DiGraph
    new_graph: nx.DiGraph
    edits: tuple[Edit, ...]

    def attribution(self, figure: str, bands: bool = True) -> tuple[Edit, ...]:
        """The edits that can have moved `figure`: scoring edits on its dependency path in
        either version (the figure itself, or anything it is computed from), and with
        `bands` those on the path of the band labels reported with it."""
        path = set()
        for fw, graph in ((self.old, self.old_graph), (self.new, self.new_graph)):
            labels = [a.id for a in fw.applied_to(figure)] if bands else []
            for node in [figure, *labels]:
                if node in graph:
                    path |= {node} | nx.ancestors(graph, node)
        return tuple(e for e in self.edits if e.scoring and e.nodes & path)


def compare(old: CheckResult, new: CheckResult) -> Structure:
    """The structural difference between two clean check results."""
    before, after = items(old.model), items(new.model)
    edits = []
    for key, a in before.items():
        b = after.get(key)
        if b is None:
            edits.append(Edit(kind=a.kind, id=a.id, change="removed", facets=(), old=a,
                              new=None))
            continue
        changed = tuple(f.name for f in a.facets if f != b.facet(f.name))  # by value
        changed += tuple(f.name for f in b.facets if a.facet(f.name) is None)
        if changed:
            edits.append(Edit(kind=b.kind, id=b.id, change="changed", facets=changed,
                              old=a, new=b))
    edits += [Edit(kind=b.kind, id=b.id, change="added", facets=(), old=None, new=b)
              for key, b in after.items() if key not in before]
    return Structure(old=old.model, new=new.model, old_graph=old.graph,
                     new_graph=new.graph, edits=tuple(edits))


def _facet_json(item: Item, name: str) -> dict | None:
    facet = item.facet(name)
    if facet is None:
        return None
    span = facet.span if facet.span.line else item.span
    return {"text": facet.text, "file": span.path, "line": span.line}


def edit_json(edit: Edit) -> dict:
    """An edit as plain data: where it is in each file, and each changed facet before and
    after."""
    def place(item: Item | None):
        return None if item is None else {"file": item.span.path, "line": item.span.line}

    old, new = edit.old, edit.new
    out = {"kind": edit.kind, "id": edit.id, "change": edit.change,
           "affects_figures": edit.scoring, "old": place(old), "new": place(new)}
    if old is not None and new is not None:  # "changed": the item is in both versions
        out["facets"] = [{"facet": name, "old": _facet_json(old, name),
                          "new": _facet_json(new, name)} for name in edit.facets]
    return out
