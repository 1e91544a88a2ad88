"""Excel case records (.xlsx): the first sheet (or the one named with `--sheet`), its first
row the header. A formula cell is read by the value Excel saved with it (with a warning);
one with no saved value is refused. A message about an empty or missing sheet names the
workbook's sheets."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import pyarrow as pa
from critc.compiler.check.declare import did_you_mean
from critc.compiler.io.tables import (
    Progress,
    Records,
    RecordsError,
    check_header,
    clip,
    empty,
    no_progress,
    table_records,
    where,
    with_rows,
)
from critc.compiler.model.cells import number_text
from critc.dsl.diagnostics import Diagnostic, error, warning
from critc.dsl.source import read_file

FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ />]")


def read_xlsx(path: Path, shown: str, progress: Progress = no_progress,
              sheet: str | None = None) -> Records:
    data, problem = read_file(path, shown)
    if data is None:
        raise RecordsError(problem)
    if not data.strip():
        raise empty(shown)
    header, columns, sheet_rows, index = _read_sheet(data, shown, progress, sheet)
    notes = _check_formulas(data, shown, header, columns, sheet_rows, index)
    table = pa.table({h: pa.array(c, type=pa.string()) for h, c in zip(header, columns,
                                                                        strict=True)})
    return table_records(with_rows(table, sheet_rows, notes))


def _open_book(data: bytes, shown: str, values: bool = True):
    import openpyxl  # lazy: only .xlsx files need it, and it is slow to import

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=values)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise RecordsError(error("malformed-records", f"`{shown}` is not a readable Excel "
                                 f"workbook ({type(exc).__name__})", where(shown, 1, 1))) from None


def _read_sheet(data: bytes, shown: str, progress: Progress, name: str | None
                ) -> tuple[list[str], list[list], list[int], int]:
    """(header, columns of cell text, sheet row of each record, the sheet's index) of the
    sheet named (by default the first)."""
    book = _open_book(data, shown)
    names = [sheet.title for sheet in book.worksheets]  # not chart sheets
    index = _sheet_index(names, name, shown)
    sheet = book.worksheets[index]
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        raise _empty_sheet(names, index, name, shown, 1, "is empty")
    header = [str(h) if h is not None else "" for h in header_row]
    while header and header[-1] == "":
        header.pop()
    check_header(header, shown)
    columns: list[list] = [[] for _ in header]
    sheet_rows = []
    total_rows = sheet.max_row or 0
    for number, row in enumerate(rows, start=2):
        if number % 2000 == 0 and total_rows:
            progress(min(1.0, number / total_rows))
        if row is None or all(v is None for v in row):
            continue
        sheet_rows.append(number)
        for i in range(len(header)):
            columns[i].append(_cell_text(row[i] if i < len(row) else None))
    book.close()
    if not columns or not columns[0]:
        raise _empty_sheet(names, index, name, shown, 2, "has a header but no cases")
    return header, columns, sheet_rows, index


def _listed(names: list[str]) -> str:
    return ", ".join(f"`{clip(n)}`" for n in names[:20]) + \
        (f" and {len(names) - 20} more" if len(names) > 20 else "")


def _sheet_index(names: list[str], name: str | None, shown: str) -> int:
    """The index of the sheet named (0, the first, if none is); a name the workbook does not
    have is an error that lists its sheets."""
    if name is None:
        return 0
    if name in names:
        return names.index(name)
    raise RecordsError(error(
        "unknown-sheet", f"`{shown}` has no sheet `{clip(name)}`; its sheets are "
        f"{_listed(names)}", where(shown, 1, 1),
        hint=did_you_mean(name, names) or "name one of them with --sheet (or --inputs-sheet)"))


def _empty_sheet(names: list[str], index: int, name: str | None, shown: str, row: int,
                 what: str) -> RecordsError:
    """`book.xlsx` has a header but no cases; with several sheets, which sheet was read and
    what the others are called."""
    if len(names) == 1:
        return empty(shown, row, "has no header row" if row == 1 else what)
    which = f"sheet `{clip(names[index])}`" if name is not None else \
        f"its first sheet, `{clip(names[index])}`,"
    others = [n for i, n in enumerate(names) if i != index]
    return RecordsError(error(
        "empty-records", f"`{shown}`: {which} {what}", where(shown, row, 1),
        hint=f"the workbook's other sheets are {_listed(others)}; read one with --sheet NAME "
        "(--inputs-sheet NAME for the inspection inputs)"))


def _formula_cells(data: bytes, width: int, index: int) -> list[tuple[int, int]]:
    """(sheet row, column number) of each formula cell in the first `width` columns of the
    sheet at `index`; a workbook with no formula anywhere is not read again."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(FORMULA_TAG.search(archive.read(name)) for name in archive.namelist()
                   if name.startswith("xl/worksheets/")):
            return []
    book = _open_book(data, "", values=False)
    found = [(cell.row, cell.column) for row in book.worksheets[index].iter_rows(max_col=width)
             for cell in row if getattr(cell, "data_type", None) == "f"]
    book.close()
    return found


def _check_formulas(data: bytes, shown: str, header: list[str], columns: list[list],
                    sheet_rows: list[int], sheet: int) -> tuple[Diagnostic, ...]:
    """A formula cell is read by the value Excel saved with it (a warning says so); one
    with no saved value (the file was written by a program, not saved by Excel) is an
    error, not a blank."""
    index = {row: i for i, row in enumerate(sheet_rows)}
    cells = [(row, col) for row, col in _formula_cells(data, len(header), sheet)
             if row in index]
    if not cells:
        return ()
    empty_cells = [(row, col) for row, col in cells if columns[col - 1][index[row]] is None]
    if empty_cells:
        row, col = empty_cells[0]
        more = f" ({len(empty_cells) - 1:,} more formulas have none)" \
            if len(empty_cells) > 1 else ""
        raise RecordsError(error(
            "formula-without-value", f"column `{clip(header[col - 1])}`: the cell in row "
            f"{row} holds a formula with no saved value{more}", where(shown, row, col),
            hint="open the workbook in Excel and save it, so that each formula's value is "
            "stored, or paste the values in place of the formulas"))
    row, col = cells[0]
    return (warning("formula-cell", f"{len(cells):,} cell{'s' * (len(cells) > 1)} hold "
                    f"formulas (the first in column `{clip(header[col - 1])}`, row {row}); "
                    "the values Excel saved with them are read", where(shown, row, col),
                    hint="a formula's saved value is only as current as the last time Excel "
                    "calculated it; paste values to make the file plain data"),)


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return number_text(value)
    text = str(value)
    return text if text != "" else None
