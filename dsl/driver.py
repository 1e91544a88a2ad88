"""Lark's contextual lexer, the indenter and the LALR parser run as one tight loop.

Lark runs a framework through three layers of generators and generic per-token code (its
contextual lexer, the indenter postlex, the parser's `feed_token`); this loop does the same
steps with lark's own tables and regular expressions: the terminal set of the parser's
state picks the lexer for the next token, tokens carry lark's positions, `_NL` outside
brackets is followed by `_INDENT`/`_DEDENT` tokens as `FrameworkIndenter` makes them, and
each reduction calls the rule's callback (`reductions.py`).

It handles only text that parses: at anything lark would report (a character no terminal
matches, an unexpected token, a bad dedent) it raises `Fallback`, and the caller parses the
text with lark itself, which raises its own error, with its own message, position and
expected tokens. `tests/test_reductions.py` checks that both give the same tokens and the
same AST on every framework in the repository.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from critc.dsl.lalr import FrameworkIndenter, lark_parser
from lark import Token
from lark.parsers.lalr_analysis import Shift


class Fallback(Exception):
    """The text does not parse (or does something this loop leaves to lark)."""


@functools.cache
def rule_order() -> tuple:
    """The grammar's rules; a reduction names its rule by its index here."""
    return tuple(lark_parser().rules)


@functools.cache
def _tables() -> tuple[dict, list, int, int]:
    """(per state: token type → (shift?, next state or rule index); per rule: (number of
    children, the rule's name); start state; end state), from lark's parse table."""
    table = lark_parser().parser.parser.parser.parse_table
    index = {rule: i for i, rule in enumerate(rule_order())}
    states = {state: {symbol: (True, arg) if action is Shift else (False, index[arg])
                      for symbol, (action, arg) in actions.items()}
              for state, actions in table.states.items()}
    shapes = [(len(rule.expansion), rule.origin.name) for rule in rule_order()]
    return states, shapes, table.start_states["start"], table.end_states["start"]


_LEXERS: dict[int, tuple] = {}  # parser state → its lexer's (regexes, ignored, newline, callbacks)


def _lexer(state: int) -> tuple:
    basic = lark_parser().parser.lexer.lexer.lexers[state]
    regexes = tuple(basic.scanner._mres)  # building the scanner also sets its callbacks
    callbacks = basic.callback
    if set(callbacks) & set(basic.ignore_types):
        raise Fallback  # an ignored terminal with a callback: lark's way only
    _LEXERS[state] = spec = (regexes, basic.ignore_types, basic.newline_types, callbacks)
    return spec


def run(text: str, callbacks: list[Callable[[list], Any]]) -> Any:
    """The value of the start rule for `text`, each reduction made by `callbacks[i]` for
    the i-th rule of `rule_order()`; raises `Fallback` where lark would raise. (The loop of
    lark's `ParserState.feed_token`, inline: a call per token costs.)"""
    states, shapes, start, end = _tables()
    state_stack = [start]
    value_stack: list = []
    token = None
    for token in _tokens(text, state_stack):
        while True:
            shift, arg = states[state_stack[-1]].get(token.type, _ERROR)
            if shift:
                state_stack.append(arg)
                value_stack.append(token)
                break
            if arg < 0:
                raise Fallback
            size, origin = shapes[arg]
            children = value_stack[-size:] if size else []
            if size:
                del state_stack[-size:]
                del value_stack[-size:]
            state_stack.append(states[state_stack[-1]][origin][1])
            value_stack.append(callbacks[arg](children))
    last = Token.new_borrow_pos("$END", "", token) if token else Token("$END", "", 0, 1, 1)
    return _finish(last, states, shapes, callbacks, state_stack, value_stack, end)


_ERROR = (False, -1)  # no action for this token in this state: a syntax error


def _finish(last: Token, states: dict, shapes: list, callbacks: list, state_stack: list,
            value_stack: list, end: int) -> Any:
    """Reduce at the end of the text until the start rule is complete."""
    while True:
        shift, arg = states[state_stack[-1]].get(last.type, _ERROR)
        if shift or arg < 0:
            raise Fallback
        size, origin = shapes[arg]
        children = value_stack[-size:] if size else []
        if size:
            del state_stack[-size:]
            del value_stack[-size:]
        goto = states[state_stack[-1]][origin][1]
        state_stack.append(goto)
        value_stack.append(callbacks[arg](children))
        if goto == end:
            return value_stack[-1]


_OPEN = frozenset(FrameworkIndenter.OPEN_PAREN_types)
_CLOSE = frozenset(FrameworkIndenter.CLOSE_PAREN_types)


def _tokens(text: str, state_stack: list) -> Iterator[Token]:
    """The tokens lark's contextual lexer and the indenter would give the parser, each lexed
    with the terminals of the state the parser is in when it asks for it."""
    pos, line, line_start, end = 0, 1, 0, len(text)
    brackets, indents = 0, [0]
    last = None
    while pos < end:
        regexes, ignored, newline, retype = _LEXERS.get(state_stack[-1]) \
            or _lexer(state_stack[-1])
        for regex in regexes:
            match = regex.match(text, pos)
            if match:
                break
        else:
            raise Fallback
        value, kind = match.group(0), match.lastgroup
        start, start_line, column = pos, line, pos - line_start + 1
        if kind in newline and "\n" in value:
            line += value.count("\n")
            line_start = pos + value.rindex("\n") + 1
        pos += len(value)
        if kind in ignored:
            continue
        last = Token(kind, value, start, start_line, column, line, pos - line_start + 1, pos)
        if kind in retype:
            last = retype[kind](last)
        if last.type != FrameworkIndenter.NL_type:
            yield last
            brackets += (last.type in _OPEN) - (last.type in _CLOSE)
            if brackets < 0:
                raise Fallback
        elif brackets == 0:
            yield last
            yield from _indentation(last, indents)
    while len(indents) > 1:
        indents.pop()
        yield Token.new_borrow_pos(FrameworkIndenter.DEDENT_type, "", last) if last \
            else Token(FrameworkIndenter.DEDENT_type, "", 0, 0, 0, 0, 0, 0)


def _indentation(newline: Token, indents: list[int]) -> Iterator[Token]:
    """The `_INDENT` or `_DEDENT`s after a line break, as `FrameworkIndenter.handle_NL`."""
    spaces = newline.rsplit("\n", 1)[1]
    indent = spaces.count(" ") + spaces.count("\t") * FrameworkIndenter.tab_len
    if indent > indents[-1]:
        indents.append(indent)
        yield Token.new_borrow_pos(FrameworkIndenter.INDENT_type, spaces, newline)
        return
    while indent < indents[-1]:
        indents.pop()
        yield Token.new_borrow_pos(FrameworkIndenter.DEDENT_type, spaces, newline)
    if indent != indents[-1]:
        raise Fallback
