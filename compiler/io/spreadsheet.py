"""The one escape for text that reaches a spreadsheet cell (CSV now, XLSX later).

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`, `@SUM(A1)`), so an
inspection name or case id can run a formula on the reader's machine. Following the OWASP
guidance on CSV injection, such a cell is written with a leading apostrophe, which
spreadsheets show as text. Numbers (`-0.25`, `-3`) are left as they are: they are not
formulas and must stay numbers. JSON output is never escaped this way.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def cell_text(value: object) -> str:
    """A value as the text of a spreadsheet cell that no spreadsheet reads as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Rows as CSV text (`\\n` line ends), every cell through `cell_text` (each distinct
    text once: a report repeats its keys, ids and labels on every row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    escaped: dict[str, str] = {}
    for row in rows:
        cells = []
        for value in row:
            if type(value) is str:
                text = escaped.get(value)
                if text is None:
                    text = escaped[value] = cell_text(value)
            elif type(value) is int:
                text = str(value)  # a whole number is never read as a formula
            else:
                text = cell_text(value)
            cells.append(text)
        writer.writerow(cells)
    return out.getvalue()


class Escaper:
    """`cell_text` for whole columns, each distinct text escaped once."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def text(self, value: str) -> str:
        text = self.seen.get(value)
        if text is None:
            text = self.seen[value] = cell_text(value)
        return text

    def column(self, values: list) -> list:
        """Texts escaped; whole numbers and "" kept as they are (the CSV writer writes a
        whole number as `str` does, which is never a formula)."""
        seen, text = self.seen, self.text
        return [v if type(v) is int or v == "" else seen.get(v) or text(v) for v in values]


def escaped_csv(rows: Iterable[Iterable[object]]) -> str:
    """Rows whose cells are escaped already (`Escaper`) as CSV text (`\\n` line ends)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()
