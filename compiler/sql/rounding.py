"""Rounding as the framework declares it, in SQL: the expressions of `engine/runtime.py`'s
rounding functions, operation for operation, with its EPSILON, never the database's ROUND.

`rounded_units(mode, y)` is the rounded value in units of the last place (an integer held
in a double); the rounded value is that divided by 10 ** places, as the runtime divides.
`shown_digits` writes such a number as Python's `f"{x:.{places}f}"` does.
"""

from __future__ import annotations

from critc.compiler.sql import build as b
from sqlglot import exp

# engine/runtime.py's EPSILON, restated: the SQL target sits beside the engine, not above
# it (tests/test_sql.py checks that the two are equal).
EPSILON = 1e-9
HALF = 0.5


def scale_of(places: int) -> float:
    return 10.0 ** places


def rounded_units(mode: str, y: exp.Expression) -> exp.Expression:
    """`y` (a value already multiplied by 10 ** places) rounded to a whole number."""
    eps, half = b.double(EPSILON), b.double(HALF)
    zero = b.double(0.0)
    if mode == "half up":
        return b.case([(b.compare(">=", y, zero), b.floor(b.add(b.add(y, half), eps)))],
                      b.neg(b.floor(b.add(b.add(b.neg(y), half), eps))))
    if mode == "half down":
        return b.case([(b.compare(">=", y, zero), b.ceil(b.sub(b.sub(y, half), eps)))],
                      b.neg(b.ceil(b.sub(b.sub(b.neg(y), half), eps))))
    if mode == "half even":
        floor = b.floor(b.add(y, eps))
        is_half = b.compare("<", exp.Abs(this=b.sub(b.sub(y, floor), half)), eps)
        odd = b.compare("!=", b.sub(floor, b.mul(b.double(2.0), b.floor(
            b.div(floor, b.double(2.0))))), zero)
        even = b.add(floor, b.case([(odd, b.double(1.0))], zero))
        return b.case([(is_half, even)], b.floor(b.add(y, half)))
    if mode == "up":
        return b.ceil(b.sub(y, eps))
    if mode == "down":
        return b.floor(b.add(y, eps))
    raise ValueError(f"unknown rounding mode {mode!r}")


def rounded(mode: str, places: int, x: exp.Expression) -> exp.Expression:
    """`x` rounded as `runtime.ROUNDING[mode](x, places)` rounds it."""
    scale = b.double(scale_of(places))
    return b.div(rounded_units(mode, b.mul(x, scale)), scale)


def shown_digits(units: exp.Expression, places: int, negative: exp.Expression
                 ) -> exp.Expression:
    """The text of `units / 10 ** places` with `places` decimals: `units` is a whole number
    (a double); `negative` says whether a minus sign is written (Python writes -0.0 as
    "-0")."""
    size = b.floor(exp.Abs(this=units))
    if places == 0:
        digits = b.as_text(exp.cast(size, "BIGINT"))
    else:
        scale = b.double(scale_of(places))
        whole = b.floor(b.div(size, scale))
        fraction = b.add(b.sub(size, b.mul(whole, scale)), scale)  # 1 and `places` digits
        digits = exp.DPipe(this=exp.DPipe(
            this=b.as_text(exp.cast(whole, "BIGINT")), expression=b.text("."), safe=True),
            expression=exp.Substring(this=b.as_text(exp.cast(fraction, "BIGINT")),
                                     start=b.integer(2), length=b.integer(places)), safe=True)
    return b.case([(negative, exp.DPipe(this=b.text("-"), expression=digits, safe=True))],
                  digits)


def negative_zero_or_less(mode: str, units: exp.Expression, y: exp.Expression
                          ) -> exp.Expression:
    """Whether the rounded value is negative or -0.0: only `half up` gives -0.0 (it rounds a
    negative value as -floor(-y + 0.5 + EPSILON)); the other modes add 0.0 or cannot."""
    below = b.compare("<", units, b.double(0.0))
    if mode == "half up":
        return b.either(below, b.compare("<", y, b.double(0.0)))
    return below
