"""No silent coercion: what a case or inputs file holds that must give an error, not a
score. Judged from the file read back neutrally (`case_files.read_back`), against the
documented lexical forms of cells (docs/case-records.md; issue 15, item 9):

    number            ASCII digits, an optional leading `-`, an optional `.digits`
    integer           the same with only zeros after the `.`, at most 2**53 in size
    date              YYYY-MM-DD, a real date
    any typed cell    no surrounding whitespace (space, tab, CR, NBSP, ...)

plus a duplicate key in a JSON object, an Excel formula without a cached value, and two
rows for the same inspection in an inputs file. Text cells are free; a blank or
whitespace-only cell is a blank. Only text cells are judged (a native Excel or Parquet
number is no lexical form). A JSON number is typed: as docs/case-records.md says, it is
read as the number it holds (`1e1` is 10), so it is judged by its value: it must be one a
float can hold (not `1e-400`, which would read as 0, nor `1e400`), and for an integer field
a whole number of at most 2**53."""

from __future__ import annotations

import datetime
import math
import re

from .case_files import Lexeme

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
INTEGER = re.compile(r"-?([0-9]+)(\.0+)?")
LARGEST_INTEGER = 2 ** 53
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def lexical_problem(kind: str, cell: str) -> str | None:
    """Why `cell` is outside the documented forms of a field of this kind, or None."""
    if cell.strip() == "":
        return None
    if cell != cell.strip() and kind != "text":
        return f"{cell!r} has surrounding whitespace"
    if kind == "number" and not NUMBER.fullmatch(cell):
        return f"{cell!r} is not a number (digits, optional `-`, optional `.digits`)"
    if kind == "integer":
        whole = INTEGER.fullmatch(cell)
        if not whole:
            return f"{cell!r} is not an integer (digits, optional `-`, optional `.0`)"
        if int(whole.group(1)) > LARGEST_INTEGER:
            return f"{cell!r} is an integer beyond 2**53, not held exactly"
    if kind == "date":
        if not DATE.fullmatch(cell):
            return f"{cell!r} is not a YYYY-MM-DD date"
        try:
            datetime.date.fromisoformat(cell)
        except ValueError:
            return f"{cell!r} is not a real date"
    return None


def json_number_problem(kind: str, literal: str) -> str | None:
    """Why a JSON number (kept as written) must be refused for a field of this kind."""
    value = float(literal)
    mantissa = literal.lower().split("e")[0]
    if not math.isfinite(value) or (value == 0 and any(c in "123456789" for c in mantissa)):
        return f"JSON number {literal} cannot be held by a float"
    if kind == "integer" and (value != int(value) or abs(value) > LARGEST_INTEGER):
        return f"JSON number {literal} is not a whole number held exactly"
    if kind == "date":
        return f"JSON number {literal} is not a date"
    return None


def must_fail_reasons(header: list, rows: list[list], problems: list[str],
                      kinds: dict[str, str], key_column: str | None) -> list[str]:
    """Everything in a file read back that must be reported as an error. `kinds` maps the
    columns critc reads to their cell kind ("number", "integer", "date", "text", "answer",
    ...); `key_column` is the inspection column of an inputs file (None for a case file)."""
    reasons = list(problems)
    for col, name in enumerate(header):
        kind = kinds.get(name)
        if kind is None:
            continue
        for row_no, row in enumerate(rows, start=2):
            cell = row[col] if col < len(row) else None
            if isinstance(cell, Lexeme) and kind in ("number", "integer", "date"):
                problem = json_number_problem(kind, cell)
            elif isinstance(cell, str):
                problem = lexical_problem(kind, cell)
            else:
                problem = None
            if problem:
                reasons.append(f"row {row_no} column `{name}`: {problem}")
    if key_column is not None and key_column in header and header.count(key_column) == 1:
        col = header.index(key_column)
        keys = [r[col] for r in rows if col < len(r) and r[col] not in (None, "")]
        repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
        reasons += [f"inspection {k!r} has two rows in an inputs file" for k in repeated]
    return reasons
