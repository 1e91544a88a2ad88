"""Parse tree → AST, the tokens: spans, numbers, quoted text and dates.

`TokenReading` is the base of every group of rule methods that `ToAst` (`dsl/to_ast.py`)
puts together; it holds the file's path and the diagnostics found while building the AST.
"""

from __future__ import annotations

import datetime
import re

from critc.dsl import ast
from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.span import Span
from lark import Token

# Numbers in a framework (weights, constants, thresholds, points, places) are written with at
# most this many digits before the decimal point and this many after it, so every one is an
# ordinary finite float: `1` followed by 400 zeros would otherwise read as infinity.
MAX_DIGITS = 15

# A backslash and the character it escapes, in double-quoted text.
ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED = {"n": "\n", "t": "\t"}


class TokenReading:
    def __init__(self, path: str):
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    # ------------------------------------------------------------------ helpers
    def span(self, meta) -> Span:
        if getattr(meta, "empty", True) and not hasattr(meta, "line"):
            return Span(self.path, 0, 0, 0, 0)
        return Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    def tspan(self, token: Token) -> Span:
        return self.span(token)  # a token carries its position as a subtree's meta does

    def number_value(self, token: Token) -> float:
        """A NUMBER or PERCENT token's value as written (70% is 70.0); a number outside the
        range a framework can use is reported and read as 0."""
        digits = str(token).removesuffix("%")
        whole, _, fraction = digits.partition(".")
        if len(whole.lstrip("0")) <= MAX_DIGITS and len(fraction) <= MAX_DIGITS:
            return float(digits)
        self.diagnostics.append(error(
            "number-out-of-range", f"`{clipped(digits)}` has more digits than a framework "
            "number can have", self.tspan(token),
            hint=f"write at most {MAX_DIGITS} digits before the decimal point and "
            f"{MAX_DIGITS} after it"))
        return 0.0

    def number_node(self, token: Token) -> ast.Number | ast.Percent:
        """A number or percentage in an expression or a weight (70% is the fraction 0.7)."""
        if token.type == "PERCENT":
            return ast.Percent(value=self.number_value(token) / 100, text=str(token),
                               span=self.tspan(token))
        return ast.Number(value=self.number_value(token), text=str(token),
                          span=self.tspan(token))

    @staticmethod
    def unquote(token: Token) -> str:
        """The text between the quotes, with `\\n` and `\\t` read as a line break and a
        tab and any other escaped character as itself."""
        body = str(token)[1:-1]
        if "\\" not in body:
            return body
        return ESCAPE.sub(lambda match: _ESCAPED.get(match[1], match[1]), body)

    def date_value(self, token: Token) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(str(token))
        except ValueError:
            self.diagnostics.append(error(
                "invalid-date", f"`{token}` is not a date on the calendar", self.tspan(token),
                hint="write dates as YYYY-MM-DD, e.g. 2008-11-30"))
            return None

    @staticmethod
    def strings(children) -> list[Token]:
        return [c for c in children if isinstance(c, Token) and c.type == "STRING"]



def clipped(digits: str) -> str:
    """A long run of digits for a message: its start and how long it is."""
    return digits if len(digits) <= 40 else f"{digits[:20]}… ({len(digits):,} digits)"
