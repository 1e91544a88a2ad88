"""Parse tree → AST. One method per grammar rule; raises nothing.

Problems the grammar cannot see (a clause given twice, a date that does not exist) are
collected as diagnostics in `ToAst.diagnostics`.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal, cast

import attrs
from critc.dsl import ast
from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.span import Span
from lark import Token, Tree


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

# Numbers in a framework (weights, constants, thresholds, points, places) are written with at
# most this many digits before the decimal point and this many after it, so every one is an
# ordinary finite float: `1` followed by 400 zeros would otherwise read as infinity.
MAX_DIGITS = 15
MAX_PLACES = 15  # `N decimal places` in a rounding clause

# A backslash and the character it escapes, in double-quoted text.
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED = {"n": "\n", "t": "\t"}


class ToAst:
    def __init__(self, path: str):
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def transform(self, tree: Tree):
        """The AST of a parse tree, children first: each rule's method is called with the
        tree's meta and its transformed children (a rule without a method stays a Tree).
        Called directly rather than through lark's `v_args` wrappers, which cost a
        `functools.update_wrapper` on every node."""
        children = [self.transform(c) if isinstance(c, Tree) else c for c in tree.children]
        method = getattr(self, tree.data, None)
        if method is None:
            return Tree(tree.data, children, tree.meta)
        return method(tree.meta, children)

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
            "number-out-of-range", f"`{_clipped(digits)}` has more digits than a framework "
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
    def unquote(token: Token) -> str:
        """The text between the quotes, with `\\n` and `\\t` read as a line break and a
        tab and any other escaped character as itself."""
        body = str(token)[1:-1]
        if "\\" not in body:
            return body
        return _ESCAPE.sub(lambda match: _ESCAPED.get(match[1], match[1]), body)

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

    @staticmethod
    def clauses(children) -> list[Clause]:
        out: list[Clause] = []
        for child in children:
            if isinstance(child, Clause):
                out.append(child)
            elif isinstance(child, list):
                out.extend(c for c in child if isinstance(c, Clause))
        return out

    # ------------------------------------------------------------------ file
    def start(self, meta, children):
        items = []
        for child in children:
            items.extend(child if isinstance(child, list) else [child])
        return ast.Module(path=self.path, items=tuple(items), span=self.span(meta))

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
            "number-out-of-range", f"{_clipped(str(children[0]))} decimal places are more than "
            "a figure can be rounded to", self.tspan(children[0]),
            hint=f"round to at most {MAX_PLACES} decimal places"))
        return MAX_PLACES

    def band_on(self, meta, children):
        return Clause("band_on", tuple(children), self.span(meta))

    def gives(self, meta, children):
        return Clause("gives", str(children[0]), self.span(meta))

    def name_target(self, meta, children):
        return ast.Name(name=str(children[0]), span=self.span(meta))

    # ------------------------------------------------------------------ header, include
    def framework(self, meta, children):
        span = self.span(meta)
        name = self.unquote(children[0])
        fields = self.assemble("framework", self.clauses(children[1:]), span)
        return ast.Framework(name=name, span=span, **fields)

    def header_block(self, meta, children):
        return self.clauses(children)

    def include(self, meta, children):
        body = str(children[0])[1:-1]
        if not any(m[1] not in '\\"nt' for m in _ESCAPE.finditer(body)):
            return ast.Include(path=self.unquote(children[0]), span=self.span(meta))
        # a Windows path: `..\shared\x.crit` would read as `..sharedx.crit` (a backslash
        # before a letter is an escape of that letter); it is reported, and followed with
        # `/` in place of each backslash but those of `\\` and `\"` (so `\new` is `/new`)
        path = self.unquote(Token("STRING", '"' + _ESCAPE.sub(
            lambda m: m[0] if m[1] in '\\"' else "/" + m[1], body) + '"'))
        self.diagnostics.append(error(
            "backslash-in-include", "include paths separate folders with `/`, not `\\`",
            self.tspan(children[0]), hint=f'write include "{path}" (it works on Windows too)'))
        return ast.Include(path=path, span=self.span(meta))

    # ------------------------------------------------------------------ scales
    def scale(self, meta, children):
        span = self.span(meta)
        strings = self.strings(children[1:2])
        title = self.unquote(strings[0]) if strings else None
        codes: list[ast.ScaleCode] = []
        clauses = self.clauses(children)
        for child in children:
            if isinstance(child, list):
                codes.extend(c for c in child if isinstance(c, ast.ScaleCode))
        fields = self.assemble("scale", clauses, span)
        return ast.Scale(id=str(children[0]), title=title, codes=tuple(codes), span=span, **fields)

    def scale_block(self, meta, children):
        out = []
        for child in children:
            out.extend(child if isinstance(child, list) else [child])
        return out

    def scale_clauses(self, meta, children):
        return list(children)

    rating_clauses = scale_clauses
    band_clauses = scale_clauses
    rating_block = scale_block
    band_block = scale_block

    def scale_code(self, meta, children):
        label = None
        flags: dict = {}
        for child in children[1:]:
            if isinstance(child, Token) and child.type == "STRING":
                label = self.unquote(child)
            elif isinstance(child, tuple):
                flags[child[0]] = child[1]
        return ast.ScaleCode(id=str(children[0]), label=label, span=self.span(meta), **flags)

    def above_the_line(self, meta, children):
        return ("above", True)

    def not_applicable(self, meta, children):
        return ("not_applicable", True)

    def aliases(self, meta, children):
        return ("aliases", tuple(self.unquote(c) for c in children))

    # ------------------------------------------------------------------ rating scales
    def rating_scale(self, meta, children):
        span = self.span(meta)
        strings = self.strings(children[1:2])
        title = self.unquote(strings[0]) if strings else None
        levels: list[ast.RatingLevel] = []
        for child in children:
            if isinstance(child, list):
                levels.extend(c for c in child if isinstance(c, ast.RatingLevel))
        fields = self.assemble("scale", self.clauses(children), span)
        return ast.RatingScale(id=str(children[0]), title=title, levels=tuple(levels),
                               span=span, **fields)

    def rating_level(self, meta, children):
        label = None
        points = None
        for child in children[1:]:
            if child.type == "STRING":
                label = self.unquote(child)
            elif child.type == "NUMBER":
                points = ast.Number(value=self.number_value(child), text=str(child),
                                    span=self.tspan(child))
        return ast.RatingLevel(id=str(children[0]), label=label, points=points,
                               span=self.span(meta))

    # ------------------------------------------------------------------ fields
    def _fields(self, kind, meta, children):
        fields = tuple(f for f in (children[0] if children else ()) if isinstance(f, ast.Field))
        return ast.FieldBlock(kind=kind, fields=fields, span=self.span(meta))

    def case_fields(self, meta, children):
        return self._fields("case", meta, children)

    def inspection_inputs(self, meta, children):
        return self._fields("inspection", meta, children)

    def fields_block(self, meta, children):
        return list(children)

    def clause_block(self, meta, children):
        return self.clauses(children)

    def field(self, meta, children):
        span = self.span(meta)
        title = None
        type_ref = None
        roles: list[ast.FieldRole] = []
        for child in children[1:]:
            if isinstance(child, Token) and child.type == "STRING":
                title = self.unquote(child)
            elif isinstance(child, ast.TypeRef):
                type_ref = child
            elif isinstance(child, str) and not isinstance(child, Token):
                roles.append(cast(ast.FieldRole, child))  # a role word of the grammar
        fields = self.assemble("field", self.clauses(children), span)
        return ast.Field(id=str(children[0]), title=title, type=type_ref, roles=tuple(roles),
                         span=span, **fields)

    @staticmethod
    def _type(kind: ast.TypeName):  # a small factory used only in this class body
        def build(self, meta, children):
            return ast.TypeRef(kind=kind, span=self.span(meta))
        return build

    boolean_type = _type("boolean")
    integer_type = _type("integer")
    number_type = _type("number")
    date_type = _type("date")
    text_type = _type("text")

    def enum_type(self, meta, children):
        return ast.TypeRef(kind="enum", values=tuple(str(c) for c in children),
                           span=self.span(meta))

    def rating_type(self, meta, children):
        return ast.TypeRef(kind="rating", scale=str(children[0]), span=self.span(meta))

    def role_case_id(self, meta, children):
        return "case id"

    def role_inspection(self, meta, children):
        return "inspection"

    def role_inspection_date(self, meta, children):
        return "inspection date"

    def role_optional(self, meta, children):
        return "optional"

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

    # ------------------------------------------------------------------ expressions
    def number(self, meta, children):
        return self.number_node(children[0])

    def percent(self, meta, children):
        return self.number_node(children[0])

    def string(self, meta, children):
        return ast.String(value=self.unquote(children[0]), span=self.span(meta))

    def date(self, meta, children):
        return ast.DateLiteral(value=self.date_value(children[0]) or datetime.date.min,
                               span=self.span(meta))

    def true(self, meta, children):
        return ast.Boolean(value=True, span=self.span(meta))

    def false(self, meta, children):
        return ast.Boolean(value=False, span=self.span(meta))

    def name(self, meta, children):
        return ast.Name(name=str(children[0]), span=self.span(meta))

    def item_ref(self, meta, children):
        return ast.ItemRef(kind=children[0], id=str(children[1]), span=self.span(meta))

    def set_literal(self, meta, children):
        return ast.SetLiteral(items=tuple(c for c in children if c is not None),
                              span=self.span(meta))

    def compare_op(self, meta, children):
        return str(children[0])

    add_op = mul_op = compare_op

    def compare(self, meta, children):
        left, op, right = children
        return ast.Compare(op=op, left=left, right=right, span=self.span(meta))

    def in_set(self, meta, children):
        return ast.InSet(operand=children[0], items=children[1], negated=False,
                         span=self.span(meta))

    def not_in_set(self, meta, children):
        return ast.InSet(operand=children[0], items=children[1], negated=True,
                         span=self.span(meta))

    def binary(self, meta, children):
        left, op, right = children
        return ast.Binary(op=op, left=left, right=right, span=self.span(meta))

    def negate(self, meta, children):
        return ast.Negate(operand=children[0], span=self.span(meta))

    def and_expr(self, meta, children):
        return ast.And(operands=tuple(children), span=self.span(meta))

    def or_expr(self, meta, children):
        return ast.Or(operands=tuple(children), span=self.span(meta))

    def not_op(self, meta, children):
        return ast.Not(operand=children[0], span=self.span(meta))

    def function(self, meta, children):
        return str(children[0])

    def call(self, meta, children):
        args = tuple(c for c in children[1:] if c is not None and c != "skipping")
        return ast.Call(function=children[0], args=args, skipping="skipping" in children[1:],
                        span=self.span(meta))

    def call_of(self, meta, children):
        return ast.Call(function=children[0], args=(children[1],),
                        skipping="skipping" in children[2:], span=self.span(meta))

    def across_call(self, meta, children):
        return ast.Across(function=children[0], operand=children[1],
                          skipping="skipping" in children[2:], span=self.span(meta))

    def skipping(self, meta, children):
        return "skipping"

    def first_of(self, meta, children):
        return ast.FirstOf(operands=tuple(children), span=self.span(meta))

    def if_then(self, meta, children):
        condition, then, otherwise = children
        return ast.IfThen(condition=condition, then=then, otherwise=otherwise,
                          span=self.span(meta))

    def weight(self, meta, children):
        expr, tok = children
        return ast.Weight(expr=expr, weight=self.number_node(tok), span=self.span(meta))

    def renormalise(self, meta, children):
        return "without"

    def weighted_mean(self, meta, children):
        weights = tuple(c for c in children if isinstance(c, ast.Weight))
        renormalise = "without" not in [c for c in children if isinstance(c, str)]
        return ast.WeightedMean(weights=weights, renormalise=renormalise, span=self.span(meta))

    def apply(self, meta, children):
        return ast.Apply(band=str(children[0]), arg=children[1], span=self.span(meta))

    def scope_word(self, meta, children):
        return ("scope_word", str(children[0]))

    def plural(self, meta, children):
        return ("plural", str(children[0]))

    def tag_filter(self, meta, children):
        return ("tags", tuple(str(c) for c in children))

    def scope(self, meta, children):
        kind = children[0][1] if isinstance(children[0], tuple) else children[0]
        return ("scope", (kind, tuple(str(c) for c in children[1:])))

    def exception(self, meta, children):
        return ("excepted", tuple(str(c) for c in children))

    def _selector(self, meta, children, single):
        parts: dict = {"scope_word": None, "role": None, "plural": "questions"}
        for child in children:
            if isinstance(child, tuple):
                key, value = child
                if key == "scope":
                    parts["scope_kind"], parts["scope_ids"] = value
                else:
                    parts[key] = value
            else:
                parts["role"] = child
        return ast.Selector(single=single, span=self.span(meta), **parts)

    def selector(self, meta, children):
        return self._selector(meta, children, single=False)

    def single_selector(self, meta, children):
        return self._selector(meta, children, single=True)


def _kind_of(node) -> str:
    return "question" if isinstance(node, ast.Question) else node.kind


def _clipped(digits: str) -> str:
    """A long run of digits for a message: its start and how long it is."""
    return digits if len(digits) <= 40 else f"{digits[:20]}… ({len(digits):,} digits)"
