"""Per case: the cells of the case table decoded as the readers code them, and the lowered
applicability tests (`plan.steps.Test`) as SQL conditions.

A cell is text exactly as a case file holds it; NULL and the empty string are blanks.
Decoded values follow `engine/cases.py`: enumeration values, rating levels and answer codes
by their index (aliases included), booleans as 1/0, numbers as doubles, dates as days since
1970-01-01, text as it is. A value that is not one of the documented spellings decodes as
blank (the SQL target does not validate: `critc score` does).

SQL's own three-valued logic is the Kleene logic of `runtime.py`: a comparison with a blank
is unknown (NULL), and a condition that is unknown does not hold.
"""

from __future__ import annotations

from critc.compiler.model import framework as m
from critc.compiler.model.cells import BOOLEANS, EPOCH
from critc.compiler.plan import steps as s
from critc.compiler.sql import build as b
from sqlglot import exp


def cell(column: exp.Expression) -> exp.Expression:
    """A cell as text, NULL for a blank (NULL or '')."""
    return exp.Nullif(this=b.as_text(column), expression=b.text(""))


def spelled(cell_text: exp.Expression, spellings: dict[str, int]) -> exp.Expression:
    """The code of each known spelling, NULL for anything else."""
    return b.lookup(cell_text, [(b.text(word), b.integer(code))
                                for word, code in spellings.items()])


def decode(fw: m.Framework, field: m.Field, column: exp.Expression) -> exp.Expression:
    """A case field's or input's cell decoded as the engine codes it."""
    text = cell(column)
    kind = field.type.kind
    if kind == "enum":
        return spelled(text, {v: i for i, v in enumerate(field.type.values)})
    if kind == "rating":
        levels = fw.rating_scales[field.type.scale_id].levels
        return spelled(text, {v: i for i, v in enumerate(levels)})
    if kind == "boolean":
        return spelled(exp.Lower(this=text), BOOLEANS)
    if kind == "number":
        return b.as_double(text)
    if kind == "date":
        return b.as_double(exp.DateDiff(this=exp.cast(text, "DATE"),
                                        expression=exp.cast(b.text(EPOCH.isoformat()), "DATE"),
                                        unit=exp.var("DAY")))
    return text


def answer(fw: m.Framework, question: m.Question, column: exp.Expression) -> exp.Expression:
    """An answer's code index in its scale (aliases included), NULL for a blank."""
    scale = fw.scales[question.scale]
    spellings = {c: i for i, c in enumerate(scale.codes)}
    for alias, code in scale.aliases.items():
        spellings[alias] = scale.codes.index(code)
    return spelled(cell(column), spellings)


class Tests:
    """Translates tests over the decoded columns: `columns(value)` names the column of a
    field or answer (`FieldValue`, `AnswerCode`)."""

    def __init__(self, column_of):
        self.column_of = column_of

    def condition(self, test: s.Test) -> exp.Expression:
        match test:
            case s.AllOf(tests=tests):
                return b.all_of([self.condition(t) for t in tests])
            case s.AnyOf(tests=tests):
                return b.any_of([self.condition(t) for t in tests])
            case s.NotOf(test=t):
                return b.negation(self.condition(t))
            case s.Compare():
                return self.compare(test)
            case s.Member(operand=operand, codes=codes, negated=negated):
                return self.member(self.value(operand), codes, negated)
            case s.Truthy(operand=operand):
                return b.compare("!=", self.value(operand), b.integer(0))
        raise TypeError(f"not a test: {type(test).__name__}")

    def compare(self, test: s.Compare) -> exp.Expression:
        for constant, other in ((test.left, test.right), (test.right, test.left)):
            if isinstance(constant, s.TextCode) and constant.field is None:
                return _equals_nothing(self.value(other), test.op == "!=")
        left, right = self.value(test.left), self.value(test.right)
        if test.descending:  # rating levels are listed best first
            left, right = b.neg(left), b.neg(right)
        return b.compare(test.op, left, right)

    def member(self, operand: exp.Expression, codes, negated: bool) -> exp.Expression:
        listed = [self.value(c) for c in codes
                  if not (isinstance(c, s.TextCode) and c.field is None)]
        if not listed:
            return _equals_nothing(operand, negated)
        test = exp.In(this=b.paren(operand), expressions=listed)
        return b.negation(test) if negated else exp.Paren(this=test)

    def value(self, value: s.CaseValue) -> exp.Expression:
        match value:
            case s.FieldValue() | s.AnswerCode():
                return b.col(self.column_of(value))
            case s.Code(value=v):
                return b.integer(v) if isinstance(v, int) else b.double(v)
            case s.TextCode(text=t):
                return b.text(t)
            case s.CaseArith(op=op, left=left, right=right):
                a, c = b.as_double(self.value(left)), b.as_double(self.value(right))
                if op == "/":
                    return b.divide_defined(a, c)
                return {"+": b.add, "-": b.sub, "*": b.mul}[op](a, c)
            case s.CaseNegate(operand=o):
                return b.neg(b.as_double(self.value(o)))
        raise TypeError(f"not a per-case value: {type(value).__name__}")


def _equals_nothing(value: exp.Expression, negated: bool) -> exp.Expression:
    """A comparison with a text constant that equals no text: unknown where `value` is
    blank, else false (true when `negated`)."""
    return b.compare("=" if negated else "!=", value, value)
