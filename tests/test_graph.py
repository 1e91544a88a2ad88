"""The dependency graph: edges with spans, deps-of / used-by, evaluation order, cycles."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from critc.compiler.check import graph as graphs
from critc.compiler.check.passes import check_file

BASE_PATH = Path(__file__).resolve().parent / "golden" / "checker_base.crit"
BASE = BASE_PATH.read_text("utf-8")


@pytest.fixture(scope="module")
def base():
    result = check_file("base.crit", BASE)
    assert result.diagnostics == ()
    return result


def position(needle: str, occurrence: int = 0) -> tuple[int, int]:
    """(line, column) of the `occurrence`-th appearance of `needle` in BASE."""
    at = -1
    for _ in range(occurrence + 1):
        at = BASE.index(needle, at + 1)
    line = BASE[:at].count("\n") + 1
    return line, at - (BASE.rfind("\n", 0, at) + 1) + 1


def test_nodes_have_kinds_and_spans(base):
    g = base.graph
    kinds = {n: g.nodes[n]["kind"] for n in g.nodes}
    assert kinds["rosh"] == "case field" and kinds["staff"] == "inspection input"
    assert kinds["1.1a"] == "question" and kinds["1.1"] == "criterion"
    assert kinds["roh"] == "thread" and kinds["verdict"] == "band"
    assert kinds["verdict[1.1]"] == "band label"
    span = g.nodes["1.1a"]["span"]
    assert (span.line, span.col) == position('question 1.1a')


def test_edges_carry_the_span_of_the_reference(base):
    g = base.graph
    span = g.edges["rosh", "1.1b"]["span"]
    assert (span.line, span.col) == position("rosh in {medium")
    assert span.end_col - span.col == len("rosh")
    span = g.edges["1.1a", "1.1"]["span"]
    assert (span.line, span.col) == position("individual questions: 0.8")
    span = g.edges["1.1s", "1.1"]["span"]
    assert (span.line, span.col) == position("summary question: 0.2")
    span = g.edges["roh", "overall"]["span"]
    assert (span.line, span.col) == position("thread roh", 1)
    span = g.edges["lead", "grading[lead]"]["span"]
    assert (span.line, span.col) == position("score lead", 1)
    assert all(data["span"].path == "base.crit" for _, _, data in g.edges(data=True))


def test_an_answer_used_in_a_condition_is_an_edge(base):
    assert base.graph.has_edge("1.2a", "1.2k")


def test_deps_of(base):
    deps = graphs.deps_of(base.graph, "overall")
    assert set(deps) == {"rosh", "sex_offender", "age", "1", "1.1", "1.1a", "1.1b", "1.1s",
                         "1.2", "1.2a", "1.2k", "roh"}
    assert deps == sorted(deps, key=lambda n: base.graph.nodes[n]["order"])
    assert graphs.deps_of(base.graph, "rosh") == []


def test_used_by(base):
    assert graphs.used_by(base.graph, "rosh") == ["1", "1.1", "1.1b", "roh", "overall",
                                                  "verdict[1.1]"]
    assert graphs.used_by(base.graph, "overall") == []
    assert graphs.used_by(base.graph, "verdict") == ["verdict[1.1]", "verdict[1.2]"]


def test_evaluation_order_puts_dependencies_first(base):
    order = list(base.order)
    assert sorted(order) == sorted(base.graph.nodes)
    index = {n: i for i, n in enumerate(order)}
    for u, v in base.graph.edges:
        assert index[u] < index[v], (u, v)
    # ties follow declaration order
    assert order[:7] == ["case_ref", "rosh", "sex_offender", "age", "visit", "leadership",
                         "staff"]
    assert index["1.1"] < index["1.2"] < index["1"]


def test_the_evaluation_order_is_stable():
    assert check_file("base.crit", BASE).order == check_file("base.crit", BASE).order


def test_cycle_names_every_node_and_every_reference():
    text = BASE.replace("0.5 * thread roh", "0.5 * score lead").replace(
        "points(leadership) + staff", "points(leadership) + mean(score overall, section 1)")
    result = check_file("base.crit", text)
    (d,) = [d for d in result.diagnostics if d.code == "cyclic-dependency"]
    assert d.message == "circular definition: `overall` → `lead` → `overall`"
    assert [lb.message for lb in d.labels] == [
        "`overall` is used here in the definition of `lead`",
        "`lead` is used here in the definition of `overall`"]
    lines = text.splitlines()
    for label in d.labels:
        line = lines[label.span.line - 1]
        referred = line[label.span.col - 1: label.span.end_col - 1]
        assert referred in ("score overall", "score lead")
    assert result.order == ()  # no evaluation order for a cyclic framework


def test_separate_cycles_are_reported_separately_in_declaration_order():
    g = nx.DiGraph()
    span = check_file("base.crit", BASE).graph.nodes["1"]["span"]
    for i, node in enumerate(["a", "b", "c", "d", "e"]):
        g.add_node(node, span=span, order=i, kind="score")
    for u, v in [("a", "b"), ("b", "a"), ("c", "d"), ("d", "e"), ("e", "c")]:
        g.add_edge(u, v, span=span)
    found = graphs.cycles(g)
    assert [d.message for d in found] == ["circular definition: `a` → `b` → `a`",
                                          "circular definition: `c` → `d` → `e` → `c`"]
    assert [len(d.labels) for d in found] == [2, 3]


def test_to_json(base):
    data = json.loads(graphs.to_json(base.graph))
    assert [n["id"] for n in data["nodes"]][:3] == ["case_ref", "rosh", "sex_offender"]
    assert {"from": "rosh", "to": "1.1b",
            "at": "base.crit:%d:%d" % position("rosh in {medium")} in data["edges"]
    assert len(data["edges"]) == base.graph.number_of_edges()


def test_to_dot(base):
    dot = graphs.to_dot(base.graph, 'Base "quoted"')
    assert dot.startswith('digraph "Base \\"quoted\\"" {')
    assert '"rosh" -> "1.1b" [tooltip="base.crit:%d"];' % position("rosh in {medium")[0] in dot
    assert '"1.1a" [label="question 1.1a\\nWas risk screened?", shape=ellipse];' in dot
    assert dot.rstrip().endswith("}")
