"""The LALR parser of `grammar.lark`: the indenter that turns indentation into
`_INDENT`/`_DEDENT` tokens, the parser options, and the built parser (made once per process,
its tables cached between runs by `parser_cache`).

Both the parser (`parser.py`) and the syntax-error hints (`syntax_errors.py`, which re-parse
short malformed examples) use it, so it lives below them both.
"""

from __future__ import annotations

import functools
import importlib.resources

from critc.dsl.parser_cache import cached_parser
from lark import Lark
from lark.indenter import Indenter


class FrameworkIndenter(Indenter):
    NL_type = "_NL"
    OPEN_PAREN_types = ["LPAR", "LBRACE"]
    CLOSE_PAREN_types = ["RPAR", "RBRACE"]
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 4


PARSER_OPTIONS = {"parser": "lalr", "propagate_positions": True, "maybe_placeholders": False}


@functools.cache
def lark_parser() -> Lark:
    grammar = importlib.resources.files("critc.dsl").joinpath("grammar.lark").read_text("utf-8")
    return cached_parser(grammar, f"{PARSER_OPTIONS} postlex=FrameworkIndenter", lambda: Lark(
        grammar, postlex=FrameworkIndenter(), **PARSER_OPTIONS))


@functools.cache
def keywords() -> frozenset[str]:
    """The grammar's keywords: its literal terminals made of letters."""
    return frozenset(t.pattern.value for t in lark_parser().terminals
                     if t.pattern.type == "str" and t.pattern.value.isalpha())
