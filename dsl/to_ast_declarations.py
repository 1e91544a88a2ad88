"""Parse tree → AST, the declarations: the framework header, includes, answer and
rating scales, case fields and inspection inputs."""

from __future__ import annotations

from typing import cast

from critc.dsl import ast
from critc.dsl.diagnostics import error
from critc.dsl.to_ast_clauses import ClauseRules
from critc.dsl.to_ast_tokens import ESCAPE
from lark import Token


class DeclarationRules(ClauseRules):
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
        if not any(m[1] not in '\\"nt' for m in ESCAPE.finditer(body)):
            return ast.Include(path=self.unquote(children[0]), span=self.span(meta))
        # a Windows path: `..\shared\x.crit` would read as `..sharedx.crit` (a backslash
        # before a letter is an escape of that letter); it is reported, and followed with
        # `/` in place of each backslash but those of `\\` and `\"` (so `\new` is `/new`)
        path = self.unquote(Token("STRING", '"' + ESCAPE.sub(
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
