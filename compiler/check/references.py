"""The resolver's state, and the references every kind of expression makes.

`References` holds what the resolver collects (formulas and types of aggregates, band uses,
conditions), reports errors, and checks a reference to an item by kind and id and a
question's answer scale. Selectors, conditions and formulas build on it (the classes in
`check/selectors.py`, `check/conditions.py`, `check/formula_functions.py`), and
`check/resolve.py` puts them together as the `Resolver`.
"""

from __future__ import annotations

from critc.compiler.check.declare import Symbols, did_you_mean
from critc.compiler.model import framework as m
from critc.dsl import ast
from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.span import Span


def field_type(ref: ast.TypeRef | None) -> m.Type:
    if ref is None:
        return m.UNKNOWN
    if ref.kind == "enum":
        return m.Type(kind="enum", values=ref.values)
    if ref.kind == "rating":
        return m.Type(kind="rating", scale=ref.scale)
    if ref.kind == "integer":
        return m.NUMBER
    return m.Type(kind=ref.kind)


class References:
    def __init__(self, symbols: Symbols, diagnostics: list[Diagnostic]):
        self.symbols = symbols
        self.diagnostics = diagnostics
        self.formulas: dict[str, m.Expr | None] = {}
        self.types: dict[str, m.Type] = {}
        self.in_progress: set[str] = set()
        # every use of a band: (band id, type of what it bands, span)
        self.band_uses: list[tuple[str, m.Type, Span]] = []
        self.conditions: dict[str, m.Expr | None] = {}  # aggregate → where it applies
        self.deciding: str | None = None  # the aggregate whose `applies when` is resolved
        # aggregates whose type rests on something unknown (an error reported elsewhere,
        # such as a cycle): their type is a guess, so a mismatch with it is not reported
        self.uncertain: set[str] = set()

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(error(code, message, span, hint))

    def _check_item(self, ident: str, kind: str, span: Span) -> bool:
        symbols = self.symbols
        if ident not in symbols.nodes:
            same_kind = [n for n in symbols.nodes if symbols.kind(n) == kind]
            self.error("unknown-reference", f"there is no {kind} `{ident}`", span,
                       hint=did_you_mean(ident, same_kind or symbols.nodes))
            return False
        actual = symbols.kind(ident)
        if actual != kind:
            self.error("wrong-kind", f"`{ident}` is a {actual}, not a {kind}", span,
                       hint=f"write `{actual} {ident}`")
            return False
        return True

    def question_scale(self, item: ast.Question, report: bool = True) -> ast.Scale | None:
        symbols = self.symbols
        name = item.scale
        if name is None:
            header = symbols.header
            if header is not None and header.default_scale:
                name = header.default_scale
            elif len(symbols.scales) == 1:
                name = next(iter(symbols.scales))
            else:
                if report:
                    self.error("no-scale", f"question `{item.id}` does not say which answer "
                               "scale it uses", item.span,
                               hint="add `on SCALE` or `default scale SCALE` to the header"
                               if symbols.scales else "declare a scale, e.g. `scale "
                               "sufficiency` with its answers")
                return None
        scale = symbols.scales.get(name)
        if scale is None and report:
            self.error("unknown-reference", f"there is no answer scale `{name}`", item.span,
                       hint=did_you_mean(name, symbols.scales))
        return scale


def rounding_of(r: ast.Rounding) -> m.Rounding:
    return m.Rounding(mode=r.mode, places=r.places, span=r.span)
