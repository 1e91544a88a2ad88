"""`critc test --update`: edits to a test file's text that make failing tests expect
what they give now, keeping comments, order, quoting and layout.
"""

from __future__ import annotations

import json
import re

import attrs
from critc.compiler.engine.evaluate import Results
from critc.compiler.io.values import labels_for, shown
from critc.compiler.regress.testing.runs import FileRun
from critc.compiler.regress.testing.yaml_nodes import NULLS
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_PLAIN = re.compile(r"^[A-Za-z0-9(][^\n]*$")


def scalar_text(value: str, flow: bool = False, style: str | None = None) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same text, else quoted
    (in the quotes it had, if any)."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    plain = (_PLAIN.match(value) and ": " not in value and " #" not in value
             and not value.endswith((" ", ":")) and value not in NULLS
             and not (flow and any(c in value for c in ",[]{}")))
    if plain and style is None:
        return value
    return json.dumps(value, ensure_ascii=False)


@attrs.frozen
class Edit:
    start: int
    end: int
    text: str


def _in_flow(node: Node, parents: dict[int, Node]) -> bool:
    parent = parents.get(id(node))
    while parent is not None:
        if getattr(parent, "flow_style", False):
            return True
        parent = parents.get(id(parent))
    return False


def _parents(root: Node) -> dict[int, Node]:
    out: dict[int, Node] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        children = []
        if isinstance(node, MappingNode):
            children = [c for pair in node.value for c in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        for child in children:
            out[id(child)] = node
            stack.append(child)
    return out


def _last_leaf(node: Node) -> Node:
    while isinstance(node, (MappingNode, SequenceNode)) and node.value \
            and not getattr(node, "flow_style", False):
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node


def _line_end(text: str, index: int) -> int:
    """The index just past the end of the line holding `index`."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def record_all(results: Results, g: int) -> list[str]:
    """`key: value` lines for every question and aggregate of inspection `g`, in report
    order."""
    fw = results.plan.framework
    out = []
    for node in results.plan.figures:
        if node in fw.applications:
            continue
        value = shown(fw, node, results.values[node][g])
        bands = labels_for(results, node, g)
        if not bands:
            text = scalar_text(value)
        elif len(bands) == 1:
            text = "{value: " + scalar_text(value, True) + ", band: " \
                + scalar_text(bands[0][1], True) + "}"
        else:
            inner = ", ".join(f"{b}: {scalar_text(label, True)}" for b, label in bands)
            text = "{value: " + scalar_text(value, True) + ", bands: {" + inner + "}}"
        out.append(f"{scalar_text(node)}: {text}")
    return out


def updates(file_run: FileRun) -> list[Edit]:
    """Edits that make every failing test of a file expect what it gives now."""
    file = file_run.file
    if file is None or file.root is None:
        return []  # the file could not be read: no test ran
    text = file.text
    newline = "\r\n" if "\r\n" in text else "\n"
    parents = _parents(file.root)
    edits = []
    for run in file_run.tests:
        results, g = run.results, run.group
        if run.status != "fail" or results is None or g is None:
            continue
        if run.expectations:
            for mismatch in run.mismatches:
                node = mismatch.node
                if node is None or mismatch.replacement is None:
                    continue
                flow = _in_flow(node, parents)
                new = scalar_text(mismatch.replacement, flow, node.style)
                edits.append(_keeping_comment(text, node.start_mark.index,
                                              node.end_mark.index, new))
            continue
        test = run.test
        lines = record_all(results, g)
        column = test.node.value[0][0].start_mark.column if test.node.value else 0
        if test.expect_key is not None:  # `expect:` with nothing (or {} or null) after it
            indent = " " * (test.expect_key.start_mark.column + 2)
            value = test.expect_node
            at = _line_end(text, test.expect_key.start_mark.index)
            block = "".join(indent + line + newline for line in lines)
            if value is not None and not (isinstance(value, ScalarNode)
                                          and value.start_mark.index == value.end_mark.index):
                key_end = test.expect_key.end_mark.index
                colon = text.index(":", key_end) + 1
                edits.append(Edit(colon, value.end_mark.index, ""))
            edits.append(Edit(at, at, block))
        elif not getattr(test.node, "flow_style", False):
            indent = " " * column
            at = _line_end(text, max(_last_leaf(test.node).end_mark.index - 1,
                                     test.node.start_mark.index))
            block = indent + "expect:" + newline + "".join(
                indent + "  " + line + newline for line in lines)
            if at == len(text) and not text.endswith("\n"):
                block = newline + block
            edits.append(Edit(at, at, block))
    return edits


def _keeping_comment(text: str, start: int, end: int, new: str) -> Edit:
    """Replace text[start:end] with `new`, keeping a comment after it in its column."""
    gap = end
    while gap < len(text) and text[gap] == " ":
        gap += 1
    if gap > end and text.startswith("#", gap):
        spaces = max(1, (gap - end) - (len(new) - (end - start)))
        return Edit(start, gap, new + " " * spaces)
    return Edit(start, end, new)


def apply_edits(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text
