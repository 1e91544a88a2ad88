"""Small builders of sqlglot expressions that keep the tree's meaning when it is printed.

sqlglot prints a tree as it is built, without adding parentheses: `Neg(Sub(a, b))` prints as
`-a - b`. Every builder here therefore wraps an operand that is not atomic in parentheses.
All user text goes through `text` (a string literal) or `name` (a quoted identifier), so
sqlglot escapes it for each dialect; nothing here formats SQL by hand.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

ATOMS = (exp.Column, exp.Literal, exp.Paren, exp.Func, exp.Case, exp.Null, exp.Cast)


def paren(e: exp.Expression) -> exp.Expression:
    """`e`, in parentheses unless it is atomic (AND and OR are sqlglot functions too, so
    operators are checked first)."""
    operator = isinstance(e, (exp.Binary, exp.Unary, exp.Connector, exp.In))
    return e if isinstance(e, ATOMS) and not operator else exp.Paren(this=e)


def name(identifier: str) -> exp.Identifier:
    """An identifier, always quoted (user text or not)."""
    return exp.to_identifier(identifier, quoted=True)


def col(column: str, table: str | None = None) -> exp.Column:
    return exp.Column(this=name(column), table=name(table) if table else None)


def text(value: str) -> exp.Literal:
    """A string literal; sqlglot escapes quotes and backslashes for the dialect."""
    return exp.Literal.string(value)


def integer(value: int) -> exp.Expression:
    literal = exp.Literal.number(str(abs(value)))
    return exp.Paren(this=exp.Neg(this=literal)) if value < 0 else literal


def double(value: float) -> exp.Expression:
    """A floating-point constant, written as Python writes it (shortest round trip)."""
    literal = exp.Literal.number(repr(abs(float(value))))
    cast = exp.cast(literal, "DOUBLE")
    return exp.Paren(this=exp.Neg(this=cast)) if value < 0 else cast


def as_double(e: exp.Expression) -> exp.Expression:
    return exp.cast(e, "DOUBLE")


def as_text(e: exp.Expression) -> exp.Expression:
    return exp.cast(e, "VARCHAR")


def left(a: exp.Expression, same: tuple[type, ...]) -> exp.Expression:
    """A left operand: no parentheses around a chain of the same left-associative
    operators, so `a + b + c` nests no deeper as it grows (SQLite's parser stack is
    small)."""
    return a if isinstance(a, same) else paren(a)


def add(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Add(this=left(a, (exp.Add, exp.Sub)), expression=paren(b))


def sub(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Sub(this=left(a, (exp.Add, exp.Sub)), expression=paren(b))


def mul(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Mul(this=paren(a), expression=paren(b))


def div(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Div(this=paren(a), expression=paren(b))


def neg(a: exp.Expression) -> exp.Expression:
    return exp.Paren(this=exp.Neg(this=paren(a)))


def total(items: list[exp.Expression]) -> exp.Expression:
    """items[0] + items[1] + ..., added left to right (as NumPy adds rows)."""
    out = items[0]
    for item in items[1:]:
        out = add(out, item)
    return out


def compare(op: str, a: exp.Expression, b: exp.Expression) -> exp.Expression:
    kinds = {"=": exp.EQ, "!=": exp.NEQ, "<": exp.LT, "<=": exp.LTE, ">": exp.GT,
             ">=": exp.GTE}
    kind: Any = kinds[op]  # sqlglot types its comparisons as Binary, not Expression
    return kind(this=paren(a), expression=paren(b))


def is_null(a: exp.Expression) -> exp.Expression:
    return exp.Is(this=paren(a), expression=exp.Null())


def not_null(a: exp.Expression) -> exp.Expression:
    return exp.Not(this=exp.Paren(this=is_null(a)))


def both(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.And(this=left(a, (exp.And,)), expression=paren(b))


def either(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Or(this=left(a, (exp.Or,)), expression=paren(b))


def all_of(tests: list[exp.Expression]) -> exp.Expression:
    out = tests[0]
    for t in tests[1:]:
        out = both(out, t)
    return exp.Paren(this=out)


def any_of(tests: list[exp.Expression]) -> exp.Expression:
    out = tests[0]
    for t in tests[1:]:
        out = either(out, t)
    return exp.Paren(this=out)


def negation(test: exp.Expression) -> exp.Expression:
    return exp.Paren(this=exp.Not(this=paren(test)))


def case(whens: list[tuple[exp.Expression, exp.Expression]],
         default: exp.Expression | None = None) -> exp.Expression:
    """CASE WHEN c1 THEN v1 ... [ELSE default] END (NULL where no test holds). Built as
    nodes: sqlglot's `.when()` copies the whole tree at each call."""
    if not whens:
        return default if default is not None else exp.Null()
    return exp.Case(ifs=[exp.If(this=c, true=v) for c, v in whens], default=default)


def lookup(key: exp.Expression, table: list[tuple[exp.Expression, exp.Expression]],
           default: exp.Expression | None = None) -> exp.Expression:
    """CASE key WHEN k1 THEN v1 ... END: `key`'s value looked up in a table."""
    if not table:
        return default if default is not None else exp.Null()
    return exp.Case(this=paren(key), ifs=[exp.If(this=k, true=v) for k, v in table],
                    default=default)


def flag(test: exp.Expression) -> exp.Expression:
    """1 where `test` is true, 0 where it is false or unknown."""
    return case([(test, integer(1))], integer(0))


def floor(a: exp.Expression) -> exp.Expression:
    return exp.Floor(this=a)


def ceil(a: exp.Expression) -> exp.Expression:
    return exp.Ceil(this=a)


def divide_defined(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    """a / b, NULL where b is 0 or NULL (undefined, never 0)."""
    return case([(compare("!=", b, double(0.0)), div(a, b))])


def proportion(num: exp.Expression, den: exp.Expression) -> exp.Expression:
    """num / den as a double, NULL where den is not above 0."""
    return case([(compare(">", den, integer(0)), div(as_double(num), as_double(den)))])
