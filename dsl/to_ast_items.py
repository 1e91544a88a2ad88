"""Parse tree → AST, the items: questions, aggregates (criteria, sections, ...), figures
across inspections and bands."""

from __future__ import annotations

from critc.dsl import ast
from critc.dsl.diagnostics import error
from critc.dsl.to_ast_clauses import ClauseRules
from lark import Token


class ItemRules(ClauseRules):
    # ------------------------------------------------------------------ questions, aggregates
    def node_block(self, meta, children):
        out = []
        for child in children:
            out.extend(child if isinstance(child, list) else [child])
        return out

    def question_role(self, meta, children):
        return str(children[0])

    def kind(self, meta, children):
        return str(children[0])

    def question_kind(self, meta, children):
        return "question"

    def question(self, meta, children):
        span = self.span(meta)
        role: ast.QuestionRole = "individual"
        rest = list(children)
        if isinstance(rest[0], str) and not isinstance(rest[0], Token):
            role = rest.pop(0)
        qid = str(rest.pop(0))
        text = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            text = self.unquote(rest.pop(0))
        nested = [c for c in self._flatten(rest) if isinstance(c, (ast.Question, ast.Aggregate))]
        for child in nested:
            self.diagnostics.append(error(
                "misplaced-item", f"a {_kind_of(child)} cannot sit inside a question",
                child.span, hint="indent it under a criterion, section or other aggregate"))
        fields = self.assemble("question", self.clauses(self._flatten(rest)), span)
        return ast.Question(id=qid, text=text, role=role, span=span, **fields)

    def aggregate(self, meta, children):
        span = self.span(meta)
        rest = list(children)
        kind = rest.pop(0)
        aid = str(rest.pop(0))
        title = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            title = self.unquote(rest.pop(0))
        flat = self._flatten(rest)
        kids = tuple(c for c in flat if isinstance(c, (ast.Question, ast.Aggregate)))
        fields = self.assemble("aggregate", self.clauses(flat), span)
        return ast.Aggregate(kind=kind, id=aid, title=title, children=kids, span=span, **fields)

    def across(self, meta, children):
        """An `across inspections` block holds only aggregates, each without items inside."""
        aggregates = tuple(children[0]) if children else ()
        for aggregate in aggregates:
            for child in aggregate.children:
                self.diagnostics.append(error(
                    "misplaced-item", f"a {_kind_of(child)} cannot sit inside a figure across "
                    "inspections", child.span, hint="an `across inspections` block lists "
                    "figures, each combining a figure declared outside it"))
        return ast.AcrossInspections(aggregates=aggregates, span=self.span(meta))

    def across_block(self, meta, children):
        return [c for c in children if isinstance(c, ast.Aggregate)]

    @staticmethod
    def _flatten(children) -> list:
        out = []
        for child in children:
            out.extend(child if isinstance(child, list) else [child])
        return out

    # ------------------------------------------------------------------ bands
    def band(self, meta, children):
        span = self.span(meta)
        rest = list(children)
        bid = str(rest.pop(0))
        title = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            title = self.unquote(rest.pop(0))
        flat = self._flatten(rest)
        rows = tuple(c for c in flat if isinstance(c, ast.BandRow))
        fields = self.assemble("band", self.clauses(flat), span)
        return ast.Band(id=bid, title=title, rows=rows, span=span, **fields)

    def band_row(self, meta, children):
        test, low, high = children[0]
        out = children[1]
        label = self.unquote(out) if out.type == "STRING" else None
        level = str(out) if out.type == "NAME" else None
        return ast.BandRow(test=test, low=low, high=high, label=label, level=level,
                           span=self.span(meta))

    def plain_value(self, meta, children):
        tok = children[0]
        return ast.Threshold(value=self.number_value(tok), percent=False, text=str(tok),
                             span=self.tspan(tok))

    def percent_value(self, meta, children):
        tok = children[0]
        return ast.Threshold(value=self.number_value(tok), percent=True, text=str(tok),
                             span=self.tspan(tok))

    def at_least(self, meta, children):
        return ("at_least", children[0], None)

    def above(self, meta, children):
        return ("above", children[0], None)

    def between(self, meta, children):
        return ("between", children[0], children[1])

    def at_most(self, meta, children):
        return ("at_most", None, children[0])

    def below(self, meta, children):
        return ("below", None, children[0])

    def otherwise(self, meta, children):
        return ("otherwise", None, None)


def _kind_of(node) -> str:
    return "question" if isinstance(node, ast.Question) else node.kind
