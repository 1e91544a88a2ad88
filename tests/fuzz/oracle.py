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
number is no lexical form); a JSON number is judged by how it is written."""

from __future__ import annotations

import datetime
import re

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
            if isinstance(cell, str):
                problem = lexical_problem(kind, cell)
                if problem:
                    reasons.append(f"row {row_no} column `{name}`: {problem}")
    if key_column is not None and key_column in header and header.count(key_column) == 1:
        col = header.index(key_column)
        keys = [r[col] for r in rows if col < len(r) and r[col] not in (None, "")]
        repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
        reasons += [f"inspection {k!r} has two rows in an inputs file" for k in repeated]
    return reasons
