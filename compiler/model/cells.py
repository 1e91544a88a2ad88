"""How cell values are written and represented: the rules that the readers, the engine and
generated modules share. Standard library only, and copied below its `import datetime` line
into every generated scoring module, so it has no other import (see docs/case-records.md).

A cell is blank when it holds no value: a null (an empty CSV or Excel cell, JSON `null` or
a key left out, a Parquet null, Python `None` or NaN) or empty text (`""`), in every format
and for every type, text included. Any other cell's text is read exactly as written:
nothing is trimmed (a cell of spaces is not blank), and only these forms are accepted
(anything else is invalid, never coerced):

- a number: ASCII digits, an optional leading `-`, an optional `.` and more digits
  (`12`, `-3`, `0.25`); not `+6`, `1e3`, `.5`, `6.`, `1_000`, `１２` or ` 6`;
- a whole number: the same without a fractional part, or with one of zeros only (`7`,
  `7.0`), and at most 2**53 in size so that it is held exactly;
- a date: `YYYY-MM-DD` on the calendar (not `20230601` or `2023-W22-4`);
- a boolean: true, false, yes, no, 1 or 0, in any case.
"""

import datetime

EPOCH = datetime.date(1970, 1, 1)
LARGEST_WHOLE_NUMBER = 2**53  # the largest integer a float64 holds exactly, with all below it
BOOLEANS = {"true": 1, "false": 0, "yes": 1, "no": 0, "1": 1, "0": 0}


def is_blank(text: str | None) -> bool:
    """Whether a cell's text (None for a null) is blank: no value, or empty text."""
    return text is None or text == ""


def date_number(value: datetime.date) -> float:
    """A date as the number of days since 1970-01-01 (how dates are held in arrays)."""
    return float((value - EPOCH).days)


def _digits(text: str) -> bool:
    return text != "" and text.isascii() and text.isdigit()


def read_number(text: str) -> float | None:
    """A number cell's value, or None if the text is not a number as documented."""
    whole, point, fraction = text.removeprefix("-").partition(".")
    if not _digits(whole) or (point and not _digits(fraction)):
        return None
    value = float(text)
    return value if abs(value) != float("inf") else None


def read_whole_number(text: str) -> float | None:
    """A whole-number cell's value (exact), or None if it is not one as documented."""
    whole, point, fraction = text.removeprefix("-").partition(".")
    if not _digits(whole) or (point and not (_digits(fraction) and fraction.strip("0") == "")):
        return None
    if len(whole.lstrip("0")) > len(str(LARGEST_WHOLE_NUMBER)):
        return None  # far too large (and int() refuses over 4,300 digits)
    value = int(text.partition(".")[0])
    return float(value) if abs(value) <= LARGEST_WHOLE_NUMBER else None


def read_date(text: str) -> float | None:
    """A date cell (YYYY-MM-DD) as days since 1970-01-01, or None if it is not one."""
    parts = text.split("-")
    if len(text) != 10 or [len(p) for p in parts] != [4, 2, 2] or not _digits("".join(parts)):
        return None
    try:
        return date_number(datetime.date.fromisoformat(text))
    except ValueError:  # not on the calendar
        return None


def read_boolean(text: str) -> int | None:
    """1 or 0 for a boolean cell, or None if it is not one of the documented spellings."""
    return BOOLEANS.get(text.lower()) if text.isascii() else None


def read_cell(kind: str, text: str) -> float | int | None:
    """A number, whole number, date or boolean cell's value; None if it is invalid."""
    if kind == "number":
        return read_number(text)
    if kind == "integer":
        return read_whole_number(text)
    if kind == "date":
        return read_date(text)
    if kind == "boolean":
        return read_boolean(text)
    return None


def number_text(value: float) -> str:
    """A number held by a typed cell (JSON, Excel, Parquet, a Python float) written as a
    number cell is: plain digits, no exponent (1e-05 is `0.00001`), whole numbers without
    `.0`. Infinity and NaN are written `inf` and `nan`, which are not numbers."""
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    if text in ("nan", "inf", "-inf"):
        return text
    if float(value).is_integer():
        return str(int(value))
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    sign = "-" if mantissa.startswith("-") else ""
    whole, _, fraction = mantissa.removeprefix("-").partition(".")
    digits, point = whole + fraction, len(whole) + int(exponent)
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}".rstrip("0")
    return f"{sign}{digits[:point]}.{digits[point:]}" if point < len(digits) else \
        f"{sign}{digits}{'0' * (point - len(digits))}"
