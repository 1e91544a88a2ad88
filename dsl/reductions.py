"""The AST built as the LALR parser reduces each rule, with no parse tree in between.

Lark's own tree builder makes a `Tree` and a `Meta` per rule and propagates positions with
generic attribute look-ups; `ToAst` then walked the finished tree again. Here each rule's
callback does all three at once: it filters the rule's children as lark would (anonymous
tokens and `_`-rules out or inlined, `?rule`s with one child replaced by it), works out the
rule's position by lark's `propagate_positions` rule (from the first and last child that
has one, a bracket or keyword token included, and an inlined or single-child rule's
*container*), and calls `ToAst`'s method for it with those positions. The results are the
same objects, in the same order, with the same diagnostics as transforming lark's tree
(`tests/test_reductions.py` compares the two on every framework in the repository).

Each value on the parser's stack is a token (which carries its own position) or a `Built`:
the value, its position (`Position`, None for a rule that matched nothing) and how deeply
expressions nest in it, so that a formula nested too deep is found without recursion.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from critc.dsl.driver import Fallback, rule_order, run
from critc.dsl.lalr import lark_parser
from critc.dsl.to_ast import ToAst
from lark import Tree
from lark.lexer import LexerThread
from lark.parsers.lalr_parser import _Parser
from lark.tree import Meta

# The rules whose nodes count as one level of expression nesting (the parser's limit).
EXPRESSION_RULES = frozenset({
    "or_expr", "and_expr", "not_op", "compare", "in_set", "not_in_set", "binary", "negate",
    "call", "call_of", "weighted_mean", "apply", "weight",
})

EMPTY = Meta()  # the position of a rule that matched nothing (ToAst gives it line 0)


class Position:
    """Where a rule's text starts and ends, as lark's `Meta` gives it to `ToAst`."""

    __slots__ = ("line", "column", "start_pos", "end_line", "end_column", "end_pos")
    empty = False

    def __init__(self, first: Any, last: Any):  # each a Token or a Position
        self.line, self.column, self.start_pos = first.line, first.column, first.start_pos
        self.end_line, self.end_column = last.end_line, last.end_column
        self.end_pos = last.end_pos


class Built:
    """A reduced rule's value, its position (its container's, for a rule replaced by its only
    child) and the deepest nesting of expressions in it."""

    __slots__ = ("value", "position", "depth")

    def __init__(self, value: Any, position: Any, depth: int):  # position: see _span_of
        self.value, self.position, self.depth = value, position, depth


def parse_to_ast(text: str, path: str) -> tuple[Any, list, int]:
    """(the AST's root, the diagnostics found building it, the deepest nesting of
    expressions) for `text`; raises lark's exceptions for a syntax error, as `Lark.parse`."""
    builder = ToAst(path)
    try:
        root = run(text, _callbacks(builder))
    except Fallback:  # lark parses it again, to raise its own error
        builder = ToAst(path)
        callbacks = dict(zip(rule_order(), _callbacks(builder), strict=True))
        frontend = lark_parser().parser
        parser = _Parser(frontend.parser.parser.parse_table, callbacks)
        root = parser.parse(LexerThread.from_text(frontend.lexer, text), "start")
    return root.value, builder.diagnostics, root.depth


def _callbacks(builder: ToAst) -> list[Callable[[list], Any]]:
    """Each rule's reduction (in the order of `rule_order()`), building with `builder`."""
    return [_reduction(builder, *shape) for shape in _shapes()]


@functools.cache
def _shapes() -> list[tuple]:
    """For each grammar rule: (name, kept children, replaced by its only child?, inlined?,
    counts as an expression level?), as lark's `ParseTreeBuilder` derives them."""
    shapes = []
    for rule in rule_order():
        name = rule.alias or rule.options.template_source or rule.origin.name
        keep = tuple((i, not symbol.is_term and symbol.name.startswith("_"))
                     for i, symbol in enumerate(rule.expansion)
                     if rule.options.keep_all_tokens or not (symbol.is_term and symbol.filter_out))
        single = bool(rule.options.expand1) and not rule.alias
        shapes.append((name, keep, single, rule.origin.name.startswith("_"),
                       name in EXPRESSION_RULES))
    return shapes


def _reduction(builder: ToAst, name: str, keep: tuple, single: bool, inlined: bool,
               counts: bool) -> Callable[[list], Any]:
    if single and len(keep) == 1 and keep[0] == (0, False):
        return _only_child  # `?rule: other`: lark hands on the child, container unchanged
    method = getattr(builder, name, None)

    def reduce(children: list) -> Any:
        position, depth = _span_of(children)
        kept = []
        for i, expand in keep:
            if expand:
                kept += children[i].value
            else:
                kept.append(children[i])
        if single and len(kept) == 1:
            only = kept[0]
            if type(only) is not Built:
                return only  # a token keeps its own position
            return Built(only.value, position or only.position, only.depth)
        if inlined:
            return Built(kept, position, depth)
        values = [k.value if type(k) is Built else k for k in kept]
        meta = position if position is not None else EMPTY
        value = method(meta, values) if method is not None else Tree(name, values, meta)
        return Built(value, position, depth + counts)

    return reduce


def _only_child(children: list) -> Any:
    return children[0]


def _span_of(children: list) -> tuple[Any, int]:
    """The position of a rule's children taken together (a token, a `Position`, or None
    when none has one) and the deepest nesting of expressions among them."""
    first = last = None
    depth = 0
    for child in children:
        if type(child) is Built:
            if child.depth > depth:
                depth = child.depth
            where = child.position
            if where is None:
                continue
        else:
            where = child
        if first is None:
            first = where
        last = where
    if first is None or first is last:
        return first, depth
    return Position(first, last), depth
