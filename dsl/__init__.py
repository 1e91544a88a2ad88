"""critc's front end: framework text → typed AST, and the AST back to canonical text.

    parse(text, path) -> ParseResult(module, diagnostics, comments)
"""

from critc.dsl.parser import ParseResult, parse

__all__ = ["ParseResult", "parse"]
