"""AST → canonical framework text (the formatter).

Canonical form: two spaces per indentation level, one blank line between top-level items,
clauses in a fixed order, formulas on the header line when they fit in 100 columns.
Comments are kept: a comment on its own line stays before the construct that follows it;
a comment at the end of a line stays at the end of that construct's first line.
Parsing the output gives an AST equal to the input's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import assert_never

from critc.dsl import ast
from critc.dsl.across_syntax import across_text, print_block
from critc.dsl.counting_syntax import counting_text
from critc.dsl.parser import Comment
from critc.dsl.source import source_lines

WIDTH = 100
INDENT = "  "

PRECEDENCE = {"or": 1, "and": 2, "not": 3, "compare": 4, "+": 5, "-": 5, "*": 6, "/": 6,
              "negate": 7}


def quote(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


# ----------------------------------------------------------------------------- expressions
def _prec(expr: ast.Expr) -> int:
    match expr:
        case ast.IfThen():
            return 0
        case ast.Or():
            return 1
        case ast.And():
            return 2
        case ast.Not():
            return 3
        case ast.Compare() | ast.InSet():
            return 4
        case ast.Binary(op=op):
            return PRECEDENCE[op]
        case ast.Negate():
            return 7
    return 8


def _wrap(expr: ast.Expr, minimum: int) -> str:
    text = expr_text(expr)
    return f"({text})" if _prec(expr) < minimum else text


def _trailing_selector(expr: ast.Expr) -> ast.Selector | None:
    """The selector whose words end `expr`'s text, if any: a scope (`in sections 1, 2`) or a
    tag filter (`tagged a or b`) there would swallow a following `, id` or `or name`."""
    match expr:
        case ast.Selector():
            return expr
        case ast.Call(function=fn, args=(ast.Selector() as sel,), skipping=False) \
                if fn != "points" and not sel.single:
            return sel
        case ast.IfThen(otherwise=last) | ast.Binary(right=last) | ast.Compare(right=last) \
                | ast.Negate(operand=last) | ast.Not(operand=last):
            return _trailing_selector(last)
        case ast.And(operands=ops) | ast.Or(operands=ops):
            return _trailing_selector(ops[-1]) if ops else None
    return None


def _ends_with_scope(expr: ast.Expr) -> bool:
    return (sel := _trailing_selector(expr)) is not None and bool(sel.scope_ids or sel.excepted)


def _ends_with_tags(expr: ast.Expr) -> bool:
    sel = _trailing_selector(expr)
    return sel is not None and bool(sel.tags) and not (sel.scope_ids or sel.excepted)


def _args(args: Sequence[ast.Expr]) -> str:
    parts = []
    for i, arg in enumerate(args):
        text = expr_text(arg)
        if i < len(args) - 1 and _ends_with_scope(arg):
            if isinstance(arg, ast.Call) and _trailing_selector(arg) is arg.args[0]:
                text = f"{arg.function}({expr_text(arg.args[0])})"
            else:
                text = f"({text})"
        parts.append(text)
    return ", ".join(parts)


def selector_text(sel: ast.Selector) -> str:
    words: list[str] = [w for w in (sel.scope_word, sel.role) if w]
    words.append("question" if sel.single else sel.plural)
    if sel.tags:
        words.append("tagged " + " or ".join(sel.tags))
    if sel.scope_kind:
        words.append(f"in {sel.scope_kind} " + ", ".join(sel.scope_ids))
    if sel.excepted:
        words.append("except " + ", ".join(sel.excepted))
    return " ".join(words)


def expr_text(expr: ast.Expr) -> str:
    match expr:
        case ast.Number(text=text) | ast.Percent(text=text):
            return text
        case ast.String(value=value):
            return quote(value)
        case ast.DateLiteral(value=value):
            return value.isoformat()
        case ast.Boolean(value=value):
            return "true" if value else "false"
        case ast.Name(name=name):
            return name
        case ast.ItemRef(kind=kind, id=ident):
            return f"{kind} {ident}"
        case ast.SetLiteral(items=items):
            return "{" + ", ".join(expr_text(i) for i in items) + "}"
        case ast.Binary(op=op, left=left, right=right):
            p = PRECEDENCE[op]
            return f"{_wrap(left, p)} {op} {_wrap(right, p + 1)}"
        case ast.Negate(operand=operand):
            return f"-{_wrap(operand, 7)}"
        case ast.Compare(op=op, left=left, right=right):
            return f"{_wrap(left, 5)} {op} {_wrap(right, 5)}"
        case ast.InSet(operand=operand, items=items, negated=negated):
            return f"{_wrap(operand, 5)} {'not in' if negated else 'in'} {expr_text(items)}"
        case ast.And(operands=ops):
            return " and ".join(_wrap(o, 3) for o in ops)
        case ast.Or(operands=ops):
            return " or ".join(f"({expr_text(o)})" if i < len(ops) - 1 and _ends_with_tags(o)
                               else _wrap(o, 2) for i, o in enumerate(ops))
        case ast.Not(operand=operand):
            return f"not {_wrap(operand, 3)}"
        case ast.Call(function=fn, args=(ast.Selector() as sel,), skipping=skipping) \
                if fn != "points" and not sel.single:
            return f"{fn} {'over' if fn == 'pooled' else 'of'} {selector_text(sel)}" \
                + (" skipping undefined" if skipping else "")
        case ast.Call(function=fn, args=args, skipping=skipping):
            return f"{fn}({_args(args)})" + (" skipping undefined" if skipping else "")
        case ast.FirstOf(operands=operands):
            return f"first of ({_args(operands)})"
        case ast.IfThen(condition=condition, then=then, otherwise=otherwise):
            return f"if {expr_text(condition)} then {expr_text(then)} else {expr_text(otherwise)}"
        case ast.WeightedMean(weights=weights, renormalise=renormalise):
            entries = ", ".join(f"{expr_text(w.expr)}: {w.weight.text}" for w in weights)
            return f"weighted mean({entries})" + ("" if renormalise else " without renormalising")
        case ast.Apply(band=band, arg=arg):
            return f"{band}({expr_text(arg)})"
        case ast.Selector():
            return selector_text(expr)
        case ast.Across():
            return across_text(expr, expr_text)
        case _:
            assert_never(expr)


def rounding_text(r: ast.Rounding, whole: str | None = None) -> str:
    """`whole` says zero places (`whole percent`/`whole numbers`); by default as written."""
    places = (whole or f"whole {r.whole}") if r.places == 0 else \
        f"{r.places} decimal place{'s' if r.places != 1 else ''}"
    return f"rounding {r.mode} to {places}"


# ----------------------------------------------------------------------------- items
# the items that may carry `description` and `source` clauses
Described = (ast.Framework | ast.Scale | ast.RatingScale | ast.Field | ast.Question
             | ast.Aggregate | ast.Band)


class Printer:
    def __init__(self, comments: Iterable[Comment] = ()):
        self.lines: list[str] = []
        self.pending = sorted(comments, key=lambda c: (c.line, c.col))
        self.standalone: set[tuple[int, int]] = set()
        self.blank_lines: set[int] = set()

    def set_sources(self, text: str) -> None:
        lines = source_lines(text)
        self.blank_lines = {i + 1 for i, line in enumerate(lines) if not line.strip()}
        for c in self.pending:
            before = lines[c.line - 1][: c.col - 1] if c.line <= len(lines) else ""
            if not before.strip():
                self.standalone.add((c.line, c.col))

    def emit(self, depth: int, text: str, origin: int | None = None,
             last: int | None = None) -> None:
        """Write one line; `origin`..`last` are the source lines it stands for."""
        if origin is not None:
            self._flush_before(origin, depth)
            trailing = [c for c in self.pending if origin <= c.line <= (last or origin)
                        and (c.line, c.col) not in self.standalone]
            for c in trailing:
                self.pending.remove(c)
            if trailing:
                text += "  " + "  ".join(c.text for c in trailing)
        self.lines.append(INDENT * depth + text if text else "")

    def _flush_before(self, line: int, depth: int) -> None:
        while self.pending and self.pending[0].line < line:
            c = self.pending.pop(0)
            self.lines.append(INDENT * depth + c.text)
            following = self.pending[0].line if self.pending and self.pending[0].line < line \
                else line
            # keep one blank line after a comment block that had one (a file header)
            if any(n in self.blank_lines for n in range(c.line + 1, following)):
                self.blank()

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def finish(self) -> str:
        for c in self.pending:
            self.lines.append(c.text)
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

    # ------------------------------------------------------------------ item printers
    def item(self, item: ast.Item, depth: int = 0) -> None:
        match item:
            case ast.Framework():
                self.framework(item)
            case ast.Include(path=path):
                self.emit(depth, f"include {quote(path)}", item.span.line)
            case ast.Scale():
                self.scale(item)
            case ast.RatingScale():
                self.rating_scale(item)
            case ast.FieldBlock():
                self.fields(item)
            case ast.Question():
                self.question(item, depth)
            case ast.Aggregate():
                self.aggregate(item, depth)
            case ast.Band():
                self.band(item)
            case ast.AcrossInspections():
                print_block(self, item, depth)
            case _:
                assert_never(item)

    def common(self, item: Described, depth: int) -> None:
        if item.description is not None:
            self.emit(depth, f"description {quote(item.description)}")
        if item.source is not None:
            self.emit(depth, f"source {quote(item.source)}")

    def framework(self, f: ast.Framework) -> None:
        head = f"framework {quote(f.name)}"
        if f.version is not None:
            head += f" version {quote(f.version)}"
        self.emit(0, head, f.span.line)
        if f.effective_from is not None:
            end = f" to {f.effective_to.isoformat()}" if f.effective_to else ""
            self.emit(1, f"effective from {f.effective_from.isoformat()}{end}")
        if f.default_scale:
            self.emit(1, f"default scale {f.default_scale}")
        if f.rounding:
            self.emit(1, rounding_text(f.rounding), f.rounding.span.line)
        self.common(f, 1)

    def scale(self, s: ast.Scale) -> None:
        title = f" {quote(s.title)}" if s.title is not None else ""
        self.emit(0, f"scale {s.id}{title}", s.span.line)
        self.common(s, 1)
        for code in s.codes:
            text = code.id + (f" {quote(code.label)}" if code.label is not None else "")
            if code.above:
                text += " above the line"
            if code.not_applicable:
                text += " not applicable"
            if code.aliases:
                text += " aliases " + ", ".join(quote(a) for a in code.aliases)
            self.emit(1, text, code.span.line)

    def rating_scale(self, s: ast.RatingScale) -> None:
        title = f" {quote(s.title)}" if s.title is not None else ""
        self.emit(0, f"rating scale {s.id}{title}", s.span.line)
        self.common(s, 1)
        for level in s.levels:
            text = level.id + (f" {quote(level.label)}" if level.label is not None else "")
            if level.points is not None:
                word = "point" if level.points.value == 1 else "points"
                text += f" {level.points.text} {word}"
            self.emit(1, text, level.span.line)

    def fields(self, block: ast.FieldBlock) -> None:
        self.emit(0, "case fields" if block.kind == "case" else "inspection inputs",
                  block.span.line)
        for f in block.fields:
            title = f" {quote(f.title)}" if f.title is not None else ""
            text = f"{f.id}{title}: {type_text(f.type)}"
            for role in f.roles:
                text += f", {role}"
            self.emit(1, text, f.span.line)
            self.common(f, 2)

    def question(self, q: ast.Question, depth: int) -> None:
        head = ("" if q.role == "individual" else q.role + " ") + f"question {q.id}"
        if q.text is not None:
            head += f" {quote(q.text)}"
        if q.tags:
            head += " tags " + ", ".join(q.tags)
        self.emit(depth, head, q.span.line)
        if q.scale:
            self.emit(depth + 1, f"on {q.scale}")
        if q.applies is not None:
            self.emit(depth + 1, f"applies when {expr_text(q.applies)}", q.applies.span.line,
                      q.applies.span.end_line)
        self.common(q, depth + 1)

    def aggregate(self, a: ast.Aggregate, depth: int) -> None:
        head = f"{a.kind} {a.id}" + (f" {quote(a.title)}" if a.title is not None else "")
        if a.formula is None:
            self.emit(depth, head, a.span.line)
        else:
            formula = f"= {expr_text(a.formula)}"
            if len(INDENT * depth + head + " " + formula) <= WIDTH:
                self.emit(depth, f"{head} {formula}", a.span.line, a.formula.span.end_line)
            else:
                self.emit(depth, head, a.span.line)
                self.emit(depth + 1, formula, a.formula.span.line, a.formula.span.end_line)
        if a.applies is not None:
            self.emit(depth + 1, f"applies when {expr_text(a.applies)}", a.applies.span.line,
                      a.applies.span.end_line)
        for clause in a.counting:
            self.emit(depth + 1, counting_text(clause), clause.span.line, clause.span.end_line)
        if a.rated:
            self.emit(depth + 1, f"rated {a.rated}")
        if a.rounding:
            self.emit(depth + 1, rounding_text(a.rounding), a.rounding.span.line)
        if a.tags:
            self.emit(depth + 1, "tags " + ", ".join(a.tags))
        self.common(a, depth + 1)
        for child in a.children:
            self.item(child, depth + 1)

    def band(self, b: ast.Band) -> None:
        title = f" {quote(b.title)}" if b.title is not None else ""
        self.emit(0, f"band {b.id}{title}", b.span.line)
        # `on criteria in sections 1, section 2` would read `section` as a second id, and
        # a target cannot be bracketed, so a target ending in a scope ends its `on` line
        groups: list[list] = [[]]
        for target in b.targets:
            groups[-1].append(target)
            if _ends_with_scope(target):
                groups.append([])
        for group in filter(None, groups):
            self.emit(1, "on " + ", ".join(expr_text(t) for t in group))
        if b.gives:
            self.emit(1, f"gives {b.gives}")
        if b.rounding:
            thresholds = [t for row in b.rows for t in (row.low, row.high) if t is not None]
            numbers = bool(thresholds) and not any(t.percent for t in thresholds)
            unit = None if not thresholds else "whole numbers" if numbers else "whole percent"
            self.emit(1, rounding_text(b.rounding, unit), b.rounding.span.line)
        self.common(b, 1)
        for row in b.rows:
            out = quote(row.label) if row.label is not None else row.level
            self.emit(1, f"{threshold_text(row)}: {out}", row.span.line)


def threshold_text(row: ast.BandRow) -> str:
    low = row.low.text if row.low else ""
    high = row.high.text if row.high else ""
    return {"at_least": f"{low} and above", "above": f"above {low}", "between": f"{low} to {high}",
            "at_most": f"{high} and below", "below": f"below {high}", "otherwise": "otherwise"
            }[row.test]


def type_text(t: ast.TypeRef | None) -> str:
    if t is None:
        return "text"
    if t.kind == "enum":
        return "one of {" + ", ".join(t.values) + "}"
    return f"rating {t.scale}" if t.kind == "rating" else t.kind


def format_module(module: ast.Module, comments: Iterable[Comment] = (),
                  source: str | None = None) -> str:
    """The canonical text of a parsed file, keeping its comments."""
    printer = Printer(comments)
    if source is not None:
        printer.set_sources(source)
    previous = None
    for item in module.items:
        if not (isinstance(item, ast.Include) and isinstance(previous, ast.Include)):
            printer.blank()
        printer.item(item)
        previous = item
    return printer.finish()
