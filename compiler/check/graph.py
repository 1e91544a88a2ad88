"""The dependency graph of a checked framework.

Nodes are case fields, inspection inputs, questions, aggregates, bands and band labels.
An edge `a → b` means b is computed from a; it carries the span where b's definition
refers to a. The graph finds cycles and gives the evaluation order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import networkx as nx
from critc.compiler.model import framework as m
from critc.dsl.diagnostics import Diagnostic, Label, error
from critc.dsl.span import Span


def build(fw: m.Framework, order: dict[str, int]) -> nx.DiGraph:
    graph = nx.DiGraph()

    def add(node: str, kind: str, span: Span, title: str | None = None) -> None:
        graph.add_node(node, kind=kind, span=span, title=title, order=order.get(node, 10**9))

    for field in fw.fields.values():
        add(field.id, "case field" if field.origin == "case" else "inspection input",
            field.span, field.title)
    for q in fw.questions.values():
        add(q.id, "question", q.span, q.text)
    for a in fw.aggregates.values():
        add(a.id, a.kind, a.span, a.title)
    for b in fw.bands.values():
        add(b.id, "band", b.span, b.title)
    for app in fw.applications.values():
        add(app.id, "band label", app.span)

    def link(source: str, target: str, span: Span) -> None:
        if source in graph and not graph.has_edge(source, target):
            graph.add_edge(source, target, span=span)

    for q in fw.questions.values():
        if q.applies is not None:
            for name, span in m.references(q.applies):
                link(name, q.id, span)
    for a in fw.aggregates.values():
        if a.formula is not None:
            for name, span in m.references(a.formula):
                link(name, a.id, span)
    for app in fw.applications.values():
        link(app.target, app.id, app.span)
        link(app.band, app.id, app.span)
    return graph


def cycles(graph: nx.DiGraph) -> list[Diagnostic]:
    """One diagnostic per strongly connected component that holds a cycle, naming every
    node on one cycle through it and where each reference is made."""
    out = []
    components = [c for c in nx.strongly_connected_components(graph)
                  if len(c) > 1 or any(graph.has_edge(n, n) for n in c)]
    for component in sorted(components, key=lambda c: min(graph.nodes[n]["order"] for n in c)):
        start = min(component, key=lambda n: graph.nodes[n]["order"])
        loop = nx.find_cycle(graph.subgraph(component), source=start)
        names = [u for u, _ in loop] + [loop[0][0]]
        labels = tuple(
            Label(graph.edges[u, v]["span"], f"`{u}` is used here in the definition of `{v}`")
            for u, v in loop)
        first_span = graph.nodes[start]["span"]
        out.append(error(
            "cyclic-dependency", "circular definition: " + " → ".join(f"`{n}`" for n in names),
            first_span, hint="a figure cannot depend on itself; break the cycle by changing "
            "one of these references", labels=labels))
    return out


def evaluation_order(graph: nx.DiGraph) -> list[str]:
    """Every node after everything it depends on; ties broken by declaration order."""
    return list(nx.lexicographical_topological_sort(
        graph, key=lambda n: (graph.nodes[n]["order"], n)))


def deps_of(graph: nx.DiGraph, node: str) -> list[str]:
    return _ordered(graph, nx.ancestors(graph, node))


def used_by(graph: nx.DiGraph, node: str) -> list[str]:
    return _ordered(graph, nx.descendants(graph, node))


def _ordered(graph: nx.DiGraph, nodes: Iterable[str]) -> list[str]:
    return sorted(nodes, key=lambda n: (graph.nodes[n]["order"], n))


# ----------------------------------------------------------------------------- output
SHAPES = {"case field": "box", "inspection input": "box", "question": "ellipse",
          "band": "hexagon", "band label": "note"}


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: nx.DiGraph, name: str = "framework") -> str:
    lines = [f"digraph {_dot_string(name)} {{", "  rankdir=LR;", '  node [fontname="Helvetica"];']
    for node in _ordered(graph, graph.nodes):
        data = graph.nodes[node]
        label = f"{data['kind']} {node}"
        if data.get("title"):
            title = data["title"]
            label += "\n" + (title if len(title) <= 40 else title[:37] + "...")
        shape = SHAPES.get(data["kind"], "box")
        style = ', style="rounded"' if shape == "box" and data["kind"] not in SHAPES else ""
        lines.append(f"  {_dot_string(node)} [label={_dot_string(label)}, shape={shape}{style}];")
    for u, v in sorted(graph.edges, key=lambda e: (graph.nodes[e[1]]["order"],
                                                   graph.nodes[e[0]]["order"], e)):
        span = graph.edges[u, v]["span"]
        lines.append(f"  {_dot_string(u)} -> {_dot_string(v)} "
                     f"[tooltip={_dot_string(f'{span.path}:{span.line}')}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_json(graph: nx.DiGraph) -> str:
    nodes = [{"id": n, "kind": graph.nodes[n]["kind"], "title": graph.nodes[n].get("title"),
              "at": str(graph.nodes[n]["span"])} for n in _ordered(graph, graph.nodes)]
    edges = [{"from": u, "to": v, "at": str(graph.edges[u, v]["span"])}
             for u, v in sorted(graph.edges, key=lambda e: (graph.nodes[e[1]]["order"],
                                                            graph.nodes[e[0]]["order"], e))]
    return json.dumps({"nodes": nodes, "edges": edges}, indent=2, ensure_ascii=False) + "\n"
