"""A drawing of a framework's dependency graph as inline SVG, laid out by Graphviz.

Nodes are labelled with their kind and id only (ids are restricted by the grammar; titles
and wording stay in the HTML, where Jinja2 escapes them), each linked to the page that
describes it. Band labels (`band[target]`) are left out, and bands that only give labels:
they are leaves that would double the drawing. The SVG is Graphviz's own output without
its comments and XML prologue, so the same graph gives the same bytes for one Graphviz
version.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import graphviz
import networkx as nx

SHAPES = {"case field": "box", "inspection input": "box", "question": "ellipse",
          "band": "hexagon"}
FILLS = {"case field": "#eef2f7", "inspection input": "#eef2f7", "question": "#ffffff",
         "band": "#fdf3e1"}
AGGREGATE_FILL = "#e4eefb"
PROLOGUE = re.compile(r"<\?xml[^>]*>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*", re.DOTALL)


class GraphvizMissing(Exception):
    """Graphviz's `dot` program is not installed, so the graph cannot be laid out."""


def graph_svg(graph: nx.DiGraph, url_of: Callable[[str], str | None]) -> str:
    """The graph drawn left to right as an `<svg>` element; raises GraphvizMissing."""
    dot = graphviz.Digraph(
        "framework",
        graph_attr={"rankdir": "LR", "fontname": "Helvetica", "bgcolor": "transparent",
                    "nodesep": "0.15", "ranksep": "0.6"},
        node_attr={"fontname": "Helvetica", "fontsize": "11", "style": "filled",
                   "color": "#4a5568", "penwidth": "0.8"},
        edge_attr={"color": "#8a94a6", "arrowsize": "0.6"})
    shown = _drawn_nodes(graph)
    for node in shown:
        kind = graph.nodes[node]["kind"]
        label = node if kind in ("question", "case field", "inspection input") \
            else f"{kind} {node}"
        attributes = {"label": graphviz.escape(label), "shape": SHAPES.get(kind, "box"),
                      "fillcolor": FILLS.get(kind, AGGREGATE_FILL)}
        if kind not in SHAPES:
            attributes["style"] = "filled,rounded"
        url = url_of(node)
        if url:
            attributes.update(href=graphviz.escape(url), target="_top",
                              tooltip=graphviz.escape(f"{kind} {node}"))
        dot.node(graphviz.escape(node), **attributes)
    kept = set(shown)
    for u, v in sorted(graph.edges, key=lambda e: (graph.nodes[e[1]]["order"],
                                                   graph.nodes[e[0]]["order"], e)):
        if u in kept and v in kept:
            dot.edge(graphviz.escape(u), graphviz.escape(v))
    try:
        svg = dot.pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound as exc:
        raise GraphvizMissing(str(exc)) from exc
    return PROLOGUE.sub("", svg).strip() + "\n"


def _drawn_nodes(graph: nx.DiGraph) -> list[str]:
    """Every node but band labels, and bands only where a formula uses them."""
    kept = {n for n in graph.nodes if graph.nodes[n]["kind"] != "band label"}
    nodes = [n for n in kept if graph.nodes[n]["kind"] != "band"
             or any(v in kept for v in graph.successors(n))]
    return sorted(nodes, key=lambda n: (graph.nodes[n]["order"], n))
