"""Dates in case records written otherwise than YYYY-MM-DD: reading them with the format
the user names (`--date-format %d/%m/%Y`), strictly, and the hint for a date such as
`12/06/2024` when no format is named (is it 12 June or 6 December?)."""

from __future__ import annotations

import datetime
import re

from critc.compiler.model.cells import date_number

WRITTEN = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})")
EXAMPLE = datetime.date(2024, 6, 12)
DIRECTIVES = ("%d", "%m", "%Y")  # day, month, four-digit year (no month names: they
# depend on the computer's language)


def format_problem(date_format: str) -> str | None:
    """Why `date_format` cannot be used for dates (None if it can)."""
    used = re.findall(r"%.?", date_format)
    other = [d for d in used if d not in DIRECTIVES]
    if other:
        return (f"--date-format `{date_format}` uses `{other[0]}`: a date format may use only "
                "%d (day), %m (month) and %Y (four-digit year), with the characters between "
                "them, such as %d/%m/%Y")
    has = {"day (%d)": "%d" in used, "month (%m)": "%m" in used,
           "four-digit year (%Y)": "%Y" in used}
    missing = [part for part, present in has.items() if not present]
    if missing:
        return (f"--date-format `{date_format}` has no {' or '.join(missing)}: a date needs "
                "its day, month and year, such as %d/%m/%Y")
    return None


def example(date_format: str) -> str:
    """12 June 2024 written in `date_format`."""
    return EXAMPLE.strftime(date_format)


def read_date_as(text: str, date_format: str) -> float | None:
    """A date cell written in `date_format` as days since 1970-01-01, or None if it is not
    written so: the whole cell, in ASCII, with nothing around it (as strptime reads it)."""
    if not text.isascii() or text != text.strip():
        return None
    try:
        return date_number(datetime.datetime.strptime(text, date_format).date())
    except ValueError:
        return None


def date_hint(text: str, date_format: str | None) -> str | None:
    """The hint for a cell that is not a date: the format named, or for a date written
    with its parts in another order (`12/06/2024`, `2024/06/12`), the ways to read it and
    the option that says which; None for other text."""
    if date_format is not None:
        return f"every date in this file is written as {date_format} (12 June 2024 is " \
            f"`{example(date_format)}`), as --date-format says"
    found = WRITTEN.fullmatch(text.strip())
    if found is None or (len(found[1]) != 4 and len(found[4]) != 4):
        return None  # not a date with its parts in another order
    first, sep, middle, last = found.groups()
    if len(first) == 4:
        return f"write dates as YYYY-MM-DD, such as {first}-{int(middle):02}-{int(last):02}, " \
            f"or give the file's format: --date-format %Y{sep}%m{sep}%d"
    day_first = f"--date-format %d{sep}%m{sep}%Y"
    if int(first) > 12:
        return f"write dates as YYYY-MM-DD ({last}-{int(middle):02}-{int(first):02}), or " \
            f"give the file's format: {day_first}"
    return (f"write dates as YYYY-MM-DD: `{text.strip()}` is {last}-{int(middle):02}-"
            f"{int(first):02} if the day comes first, {last}-{int(first):02}-"
            f"{int(middle):02} if the month does; or give the file's format: {day_first} "
            f"(day first) or --date-format %m{sep}%d{sep}%Y (month first)")
