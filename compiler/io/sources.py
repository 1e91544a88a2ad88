"""A case-record file named with how to read it: the Excel sheet that holds the records
and how the file writes its dates (`critc score --sheet NAME --date-format %d/%m/%Y`).

`RecordsPath` is the path itself (a `str`), so everything that names the file in a
message, compares it or opens it takes it as it is; the readers look for the two settings
on it, and a plain path has neither.
"""

from __future__ import annotations

import os


class RecordsPath(str):
    """A path to case records or inspection inputs, with the sheet to read (an .xlsx file)
    and the format its dates are written in (None: the documented YYYY-MM-DD)."""

    sheet: str | None
    date_format: str | None

    def __new__(cls, path: str | os.PathLike, sheet: str | None = None,
                date_format: str | None = None) -> RecordsPath:
        self = super().__new__(cls, os.fspath(path))
        self.sheet = sheet
        self.date_format = date_format
        return self


def sheet_of(source: object) -> str | None:
    """The sheet named for a records file (None: the first sheet)."""
    return getattr(source, "sheet", None)


def date_format_of(source: object) -> str | None:
    """The date format named for a records file (None: YYYY-MM-DD)."""
    return getattr(source, "date_format", None)
