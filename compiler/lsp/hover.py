"""Hover text (Markdown) for a symbol, from the checked model and the dependency graph (the
check's own `Dependencies`: networkx is not needed to answer a hover)."""

from __future__ import annotations

from critc.compiler.check import graph as graphs
from critc.compiler.check.passes import CheckResult
from critc.compiler.lsp.index import Symbol
from critc.compiler.model import framework as m
from critc.compiler.model.text import expression_text, reference_text
from critc.compiler.report.plain_english import formula_text


def hover_text(result: CheckResult, symbol: Symbol) -> str | None:
    fw, graph = result.framework, result.dependencies
    if fw is None:
        return None
    namespace, name = symbol
    if namespace == "scale" and name in fw.scales:
        return _scale(fw.scales[name])
    if namespace == "rating" and name in fw.rating_scales:
        return _rating_scale(fw.rating_scales[name])
    if namespace == "tag":
        tagged = [q for q in fw.questions.values() if name in q.tags]
        return f"**tag** `{name}`: {len(tagged)} questions\n\n" + _list(
            [f"question {q.id}" for q in tagged])
    if name in fw.questions:
        return _question(fw, graph, fw.questions[name])
    if name in fw.aggregates:
        return _aggregate(fw, graph, fw.aggregates[name])
    if name in fw.across:
        return _across(fw, graph, fw.across[name])
    if name in fw.fields:
        return _field(fw.fields[name])
    if name in fw.bands:
        return _band(fw, fw.bands[name])
    return None


def _ordered(graph: graphs.Dependencies, nodes) -> list[str]:
    """Nodes in declaration order, as `critc graph` lists them."""
    return sorted(nodes, key=lambda n: (graph.nodes[n]["order"], n))


def _list(items: list[str], limit: int = 12) -> str:
    shown = [f"- {item}" for item in items[:limit]]
    if len(items) > limit:
        shown.append(f"- … and {len(items) - limit} more")
    return "\n".join(shown)


def _feeds(fw: m.Framework, graph: graphs.Dependencies | None, node: str) -> str:
    if graph is None or node not in graph:
        return ""
    direct = [reference_text(fw, n) for n in _ordered(graph, graph.successors(node))]
    every = graphs.used_by(graph, node)
    if not direct:
        return "\n\nFeeds no figure."
    return (f"\n\nFeeds {', '.join(direct)}"
            f" ({len(every)} figure{'s' if len(every) != 1 else ''} in all)")


def _question(fw: m.Framework, graph: graphs.Dependencies | None, q: m.Question) -> str:
    role = "" if q.role == "individual" else f"{q.role} "
    lines = [f"**{role}question {q.id}**", "", q.text or "*(no wording)*", ""]
    scale = fw.scales.get(q.scale)
    if scale is not None:
        codes = ", ".join(f"`{c}`" + (" (above the line)" if c in scale.above else "")
                          for c in scale.codes)
        lines.append(f"Scale `{scale.id}`: {codes}")
    applies = expression_text(q.applies, fw) if q.applies is not None else "every case"
    lines.append(f"\nApplies to: {applies}")
    if q.tags:
        lines.append("\nTags: " + ", ".join(f"`{t}`" for t in q.tags))
    return "\n".join(lines) + _feeds(fw, graph, q.id)


def _aggregate(fw: m.Framework, graph: graphs.Dependencies | None, a: m.Aggregate) -> str:
    lines = [f"**{a.kind} {a.id}**" + (f" — {a.title}" if a.title else "")]
    if a.formula is not None:
        lines.append(f"\n= {expression_text(a.formula, fw)}")
    lines.append(f"\nType: {a.type.kind}")
    for rule in a.counting:  # its own above-the-line sets
        lines.append(f"\nCounts {', '.join(f'`{c}`' for c in rule.codes)} above the line for "
                     f"question {rule.question} (this figure only)")
    if graph is not None and a.id in graph:
        needs = [reference_text(fw, n) for n in _ordered(graph, graph.predecessors(a.id))]
        if needs:
            lines.append("\nDepends on:\n" + _list(needs))
    return "\n".join(lines) + _feeds(fw, graph, a.id)


def _across(fw: m.Framework, graph: graphs.Dependencies | None, a: m.Aggregate) -> str:
    """A figure across inspections: what an aggregate's hover says, with its scope and its
    formula in words."""
    text = _aggregate(fw, graph, a)
    head, _, rest = text.partition("\n")
    scope = "\n\n*Across inspections*: computed once over every inspection scored together"
    words = f"\n\nIn words: {formula_text(a.formula, fw)}." if a.formula is not None else ""
    return head + scope + words + ("\n" + rest if rest else "")


def _field(f: m.Field) -> str:
    what = "case field" if f.origin == "case" else "inspection input"
    lines = [f"**{what} {f.id}**" + (f" — {f.title}" if f.title else ""), "",
             f"Type: {f.cell_kind}"]
    if f.type.values:
        lines.append("\nValues: " + ", ".join(f"`{v}`" for v in f.type.values))
    if f.type.kind == "rating" and f.type.scale:
        lines.append(f"\nRating scale: `{f.type.scale}`")
    if f.roles:
        lines.append("\nRoles: " + ", ".join(f.roles))
    if f.description:
        lines.append(f"\n{f.description}")
    return "\n".join(lines)


def _band(fw: m.Framework, b: m.Band) -> str:
    unit = "%" if b.input_type.kind == "score" else ""
    rows = [f"| {row.describe(unit)} | {row.output} |" for row in b.ordered_rows]
    lines = [f"**band {b.id}**" + (f" — {b.title}" if b.title else ""), "",
             "| when | gives |", "| --- | --- |", *rows]
    on = [reference_text(fw, app.target) for app in fw.applications.values() if app.band == b.id]
    if on:
        lines.append("\nOn: " + ", ".join(on))
    return "\n".join(lines)


def _scale(s: m.Scale) -> str:
    rows = [f"- `{code}` {s.labels.get(code, '')}"
            + (" — above the line" if code in s.above else "")
            + (" — not applicable" if code in s.not_applicable else "") for code in s.codes]
    return f"**scale {s.id}**" + (f" — {s.title}" if s.title else "") + "\n\n" + "\n".join(rows)


def _rating_scale(s: m.RatingScale) -> str:
    rows = []
    for level in s.levels:
        points = s.points.get(level)
        rows.append(f"- `{level}` {s.labels.get(level, '')}"
                    + (f" ({points:g} points)" if points is not None else ""))
    return (f"**rating scale {s.id}**" + (f" — {s.title}" if s.title else "") + "\n\n"
            + "\n".join(rows))
