"""The dependency graph of a checked framework.

Nodes are case fields, inspection inputs, questions, aggregates, bands and band labels.
An edge `a → b` means b is computed from a; it carries the span where b's definition
refers to a. The graph finds cycles and gives the evaluation order.

A check builds it as plain dicts (`Dependencies`), so `critc check` never imports networkx;
`Dependencies.to_networkx()` gives the same graph as a networkx DiGraph for the commands
and reports that walk it.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from critc.compiler.model import framework as m
from critc.dsl.diagnostics import Diagnostic, Label, error
from critc.dsl.span import Span

if TYPE_CHECKING:
    import networkx as nx


class Dependencies:
    """Nodes with their attributes (kind, span, title, order) and edges with their span, in
    the order they were added; the part of networkx's DiGraph a check uses."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple[str, str], Span] = {}
        self._successors: dict[str, dict[str, None]] = {}
        self._predecessors: dict[str, dict[str, None]] = {}
        self._networkx: nx.DiGraph | None = None

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def add_node(self, node: str, **attributes: object) -> None:
        self.nodes.setdefault(node, {}).update(attributes)
        self._successors.setdefault(node, {})
        self._predecessors.setdefault(node, {})

    def add_edge(self, source: str, target: str, span: Span) -> None:
        for node in (source, target):
            if node not in self.nodes:
                self.add_node(node)
        self.edges[source, target] = span
        self._successors[source][target] = None
        self._predecessors[target][source] = None

    def has_edge(self, source: str, target: str) -> bool:
        return (source, target) in self.edges

    def successors(self, node: str) -> Iterable[str]:
        return iter(self._successors[node])

    def predecessors(self, node: str) -> Iterable[str]:
        return iter(self._predecessors[node])

    def in_degree(self, node: str) -> int:
        return len(self._predecessors[node])

    def out_degree(self, node: str) -> int:
        return len(self._successors[node])

    def descendants(self, node: str) -> set[str]:
        return _reachable(self.successors, node)

    def to_networkx(self) -> nx.DiGraph:
        """The same graph as a networkx DiGraph (made once): same node and edge order."""
        if self._networkx is None:
            # lazy: networkx takes a third of a second to import; only graph users need it
            import networkx as nx
            graph = nx.DiGraph()
            for node, attributes in self.nodes.items():
                graph.add_node(node, **attributes)
            for (source, target), span in self.edges.items():
                graph.add_edge(source, target, span=span)
            self._networkx = graph
        return self._networkx


def build(fw: m.Framework, order: dict[str, int]) -> Dependencies:
    graph = Dependencies()

    def add(node: str, kind: str, span: Span, title: str | None = None) -> None:
        graph.add_node(node, kind=kind, span=span, title=title, order=order.get(node, 10**9))

    for field in fw.fields.values():
        add(field.id, "case field" if field.origin == "case" else "inspection input",
            field.span, field.title)
    for q in fw.questions.values():
        add(q.id, "question", q.span, q.text)
    for a in (*fw.aggregates.values(), *fw.across.values()):
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
    for a in (*fw.aggregates.values(), *fw.across.values()):
        if a.formula is not None:
            for name, span in m.references(a.formula):
                link(name, a.id, span)
        if a.applies is not None:
            for name, span in m.references(a.applies):
                link(name, a.id, span)
    for app in fw.applications.values():
        link(app.target, app.id, app.span)
        link(app.band, app.id, app.span)
    return graph


def cycles(graph: Dependencies | nx.DiGraph) -> list[Diagnostic]:
    """One diagnostic per strongly connected component that holds a cycle, naming every
    node on one cycle through it and where each reference is made."""
    if isinstance(graph, Dependencies):
        if len(evaluation_order(graph)) == len(graph.nodes):
            return []  # no cycle: every node has a place in the order
        graph = graph.to_networkx()
    # lazy: as in Dependencies.to_networkx, and only a framework with a cycle comes here
    import networkx as nx
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


def evaluation_order(graph: Dependencies) -> list[str]:
    """Every node after everything it depends on; ties broken by declaration order (then
    name). Nodes on a cycle, and those after one, are left out."""
    def key(node: str) -> tuple[int, str]:
        return graph.nodes[node]["order"], node

    waiting = {node: graph.in_degree(node) for node in graph.nodes}
    ready = [key(node) for node, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        node = heapq.heappop(ready)[1]
        order.append(node)
        for child in graph.successors(node):
            waiting[child] -= 1
            if waiting[child] == 0:
                heapq.heappush(ready, key(child))
    return order


def deps_of(graph: Dependencies | nx.DiGraph, node: str) -> list[str]:
    return _ordered(graph, _reachable(graph.predecessors, node))


def used_by(graph: Dependencies | nx.DiGraph, node: str) -> list[str]:
    return _ordered(graph, _reachable(graph.successors, node))


def _reachable(step: Callable[[str], Iterable[str]], node: str) -> set[str]:
    """Every node reached from `node` by one or more steps, but not `node` itself (as
    networkx's ancestors and descendants)."""
    seen: set[str] = set()
    stack = [node]
    while stack:
        for other in step(stack.pop()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen - {node}


def _ordered(graph: Dependencies | nx.DiGraph, nodes: Iterable[str]) -> list[str]:
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
