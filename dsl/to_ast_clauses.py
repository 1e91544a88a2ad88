"""Parse tree → AST, the clauses (`tags roh`, `= mean(...)`, `rounding ...`) and how they
are folded into the item they belong to: a misplaced or repeated clause is reported."""

from __future__ import annotations

from typing import Literal

import attrs
from critc.dsl import ast
from critc.dsl.diagnostics import error
from critc.dsl.span import Span
from critc.dsl.to_ast_tokens import TokenReading, clipped
from lark import Token


@attrs.frozen
class Clause:
    """A clause before it is assembled into its item: `tags roh`, `= mean(...)`."""

    name: str
    value: object
    span: Span


# Which clauses each kind of item accepts, and the word a user would recognise.
CLAUSE_WORDS = {
    "formula": "a formula (`= ...`)",
    "applies": "`applies when`",
    "tags": "`tags`",
    "on_scale": "`on` (answer scale)",
    "rated": "`rated`",
    "rounding": "`rounding`",
    "description": "`description`",
    "source": "`source`",
    "version": "`version`",
    "effective": "`effective`",
    "default_scale": "`default scale`",
    "band_on": "`on` (figures to band)",
    "gives": "`gives`",
    "counting": "`counting ... above the line`",
}
ACCEPTS = {
    "question": {"applies", "tags", "on_scale", "description", "source"},
    "aggregate": {"formula", "applies", "tags", "rated", "rounding", "counting", "description",
                  "source"},
    "framework": {"version", "effective", "default_scale", "rounding", "description", "source"},
    "scale": {"description", "source"},
    "field": {"description", "source"},
    "band": {"band_on", "gives", "rounding", "description", "source"},
}

MAX_PLACES = 15  # `N decimal places` in a rounding clause



class ClauseRules(TokenReading):
    def assemble(self, what: str, clauses, span: Span) -> dict:
        """Fold clauses into keyword arguments; report repeats and misplaced clauses."""
        fields: dict = {}
        seen: dict[str, Span] = {}
        for clause in clauses:
            if clause.name not in ACCEPTS[what]:
                self.diagnostics.append(error(
                    "misplaced-clause",
                    f"{CLAUSE_WORDS[clause.name]} does not belong to a {what}",
                    clause.span,
                    hint=f"a {what} takes " + ", ".join(
                        CLAUSE_WORDS[c] for c in sorted(ACCEPTS[what])),
                ))
                continue
            if clause.name in seen and clause.name not in ("band_on", "counting"):
                self.diagnostics.append(error(
                    "repeated-clause",
                    f"{CLAUSE_WORDS[clause.name]} is given twice",
                    clause.span,
                    hint="keep one; the first is on line " + str(seen[clause.name].line),
                ))
                continue
            seen[clause.name] = clause.span
            if clause.name == "band_on":
                fields["targets"] = fields.get("targets", ()) + clause.value
            elif clause.name == "counting":
                fields["counting"] = fields.get("counting", ()) + (clause.value,)
            elif clause.name == "effective":
                fields["effective_from"], fields["effective_to"] = clause.value
            elif clause.name == "on_scale":
                fields["scale"] = clause.value
            elif clause.name == "gives":
                fields["gives"] = clause.value
            else:
                fields[clause.name] = clause.value
        return fields

    @staticmethod
    def clauses(children) -> list[Clause]:
        out: list[Clause] = []
        for child in children:
            if isinstance(child, Clause):
                out.append(child)
            elif isinstance(child, list):
                out.extend(c for c in child if isinstance(c, Clause))
        return out

    # ------------------------------------------------------------------ clauses
    def formula(self, meta, children):
        return Clause("formula", children[0], self.span(meta))

    def applies(self, meta, children):
        return Clause("applies", children[0], self.span(meta))

    def tags(self, meta, children):
        return Clause("tags", tuple(str(c) for c in children), self.span(meta))

    def on_scale(self, meta, children):
        return Clause("on_scale", str(children[0]), self.span(meta))

    def rated(self, meta, children):
        return Clause("rated", str(children[0]), self.span(meta))

    def counting(self, meta, children):
        """`counting {a, b} above the line for questions X, Y`: the NAMEs before the
        question word are codes, the IDs after it questions."""
        word = next(i for i, c in enumerate(children) if not isinstance(c, Token))
        codes, questions = children[:word], children[word + 1:]
        return Clause("counting", ast.Counting(
            codes=tuple(str(c) for c in codes), questions=tuple(str(q) for q in questions),
            code_spans=tuple(self.tspan(c) for c in codes),
            question_spans=tuple(self.tspan(q) for q in questions), span=self.span(meta)),
            self.span(meta))

    def question_word(self, meta, children):
        return "question"

    def description(self, meta, children):
        return Clause("description", self.unquote(children[0]), self.span(meta))

    def source(self, meta, children):
        return Clause("source", self.unquote(children[0]), self.span(meta))

    def version(self, meta, children):
        return Clause("version", self.unquote(children[0]), self.span(meta))

    def effective(self, meta, children):
        dates = [self.date_value(c) for c in children]
        start = dates[0]
        end = dates[1] if len(dates) > 1 else None
        return Clause("effective", (start, end), self.span(meta))

    def default_scale(self, meta, children):
        return Clause("default_scale", str(children[0]), self.span(meta))

    def rounding_clause(self, meta, children):
        mode, places = children
        unit: Literal["percent", "numbers"] = "numbers" if places == "numbers" else "percent"
        rounding = ast.Rounding(mode=mode, places=0 if isinstance(places, str) else places,
                                whole=unit, span=self.span(meta))
        return Clause("rounding", rounding, self.span(meta))

    def rounding_mode(self, meta, children):
        return " ".join(str(c) for c in children)

    def whole(self, meta, children):
        """`whole percent` or `whole numbers` (`whole number` is the same)."""
        return "percent" if str(children[1]) == "percent" else "numbers"

    def decimals(self, meta, children):
        places = int(self.number_value(children[0]))
        if places <= MAX_PLACES:
            return places
        self.diagnostics.append(error(
            "number-out-of-range", f"{clipped(str(children[0]))} decimal places are more than "
            "a figure can be rounded to", self.tspan(children[0]),
            hint=f"round to at most {MAX_PLACES} decimal places"))
        return MAX_PLACES

    def band_on(self, meta, children):
        return Clause("band_on", tuple(children), self.span(meta))

    def gives(self, meta, children):
        return Clause("gives", str(children[0]), self.span(meta))

    def name_target(self, meta, children):
        return ast.Name(name=str(children[0]), span=self.span(meta))
