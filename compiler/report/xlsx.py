"""`critc score --format xlsx`: the results as an Excel workbook (openpyxl).

A summary sheet per inspection, shaped like the results report's tables (figure, title,
the figure as published with the framework's percent or number format, the unrounded
value, band or rating label, counts, why a figure is n/a), the band cells filled with the
band's colour; then one long-format sheet of every figure of every inspection, for
pivoting. Text from the user's files (inspection names, titles, labels, case ids) goes
through `io.spreadsheet.cell_text`, so no cell starts a formula. The same results give
the same bytes: fixed document dates and fixed dates on the zip's entries.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import networkx as nx
import numpy as np
from critc.compiler.engine.evaluate import Results
from critc.compiler.io.spreadsheet import cell_text
from critc.compiler.report.across import ALL, across_figures
from critc.compiler.report.charts import NO_BAND
from critc.compiler.report.figure_rows import FigureRow, figure_row
from critc.compiler.report.wording import plural
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

FIXED_TIME = datetime.datetime(2000, 1, 1)  # the workbook's created/modified properties
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SUMMARY_HEADER = ["Figure", "Title", "As published", "Unrounded", "Band / rating",
                  "Above the line", "Answered", "Blank", "Cases", "Why n/a"]
SUMMARY_WIDTHS = [18, 50, 13, 12, 40, 14, 10, 8, 8, 40]
LONG_HEADER = ["inspection", "figure", "kind", "type", "title", "value", "rounded", "shown",
               "band", "numerator", "denominator", "missing", "cases"]
SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)
Scorecard = tuple[Results, nx.DiGraph, dict[str, np.ndarray]]  # results, graph, inputs


def fixed_dates(data: bytes) -> bytes:
    """The zip `data` with every entry dated ZIP_TIME, in the same order, so the workbook's
    bytes repeat (openpyxl dates each entry with the time it was written)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return out.getvalue()


def number_format(row: FigureRow) -> str:
    """The Excel format the figure is published with: `0%`, `0.0%`, `0.00`."""
    decimals = "." + "0" * row.places if row.places > 0 else ""
    return f"0{decimals}%" if row.type == "score" else f"0{decimals}"


def fill(colour: str) -> PatternFill:
    """A light tint of a band colour, so black text stays readable on it."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    tint = "".join(f"{round_half(255 - (255 - c) * 0.45):02X}" for c in (red, green, blue))
    return PatternFill(fill_type="solid", start_color=tint, end_color=tint)


def round_half(value: float) -> int:
    """A colour channel to the nearest integer (halves up): not a published figure."""
    return int(value + 0.5)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (31 characters, none of []:*?/\\, no quote at the ends)."""
    base = SHEET_UNSAFE.sub("_", name).strip("'")[:31] or "Inspection"
    title, n = base, 1
    while title.lower() in taken:
        n += 1
        title = f"{base[:31 - len(str(n)) - 3]} ({n})"
    taken.add(title.lower())
    return title


def _published(row: FigureRow) -> tuple[object, str | None]:
    """(the cell value as published, its number format)."""
    if row.type in ("score", "number") and row.rounded is not None:
        return row.rounded, number_format(row)
    return cell_text(row.shown), None


def _unrounded(row: FigureRow) -> tuple[object, str | None]:
    if row.value is None:
        return None, None
    if row.type == "score":
        return row.value, "0.00%"
    return row.value, "0.####" if row.type == "rating" else "0.0000"


def summary_rows(results: Results, g: int, graph: nx.DiGraph,
                 inputs: dict[str, np.ndarray]) -> list[FigureRow]:
    fw = results.plan.framework
    rows = []
    for node in results.plan.figures:
        if node in fw.applications:
            continue
        rows.append(figure_row(results, node, g, _depth(fw, node), graph, inputs))
    return rows


def _depth(fw, node: str) -> int:
    depth, parent = 0, (fw.questions[node].parent if node in fw.questions
                        else fw.aggregates[node].parent)
    while parent is not None:
        depth, parent = depth + 1, fw.aggregates[parent].parent
    return depth


def write_summary(ws, title: str, inspection: str, cases: int, rows: list[FigureRow]) -> None:
    ws.append([cell_text(title)])
    ws.append([cell_text(inspection), plural(cases, "case")])
    ws.append([])
    ws.append(SUMMARY_HEADER)
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[4]:
        cell.font = BOLD
    for row in rows:
        published, published_format = _published(row)
        unrounded, unrounded_format = _unrounded(row)
        ws.append([cell_text(f"{row.kind} {row.id}"), cell_text(row.title or ""), published,
                   unrounded, cell_text(row.band_text or ""), row.numerator,
                   row.denominator, row.missing, row.cases, cell_text(row.na_reason or "")])
        line = ws.max_row
        ws.cell(line, 1).alignment = Alignment(indent=row.depth)
        if row.kind != "question":
            ws.cell(line, 1).font = BOLD
            ws.cell(line, 3).font = BOLD
        if published_format:
            ws.cell(line, 3).number_format = published_format
        if unrounded_format:
            ws.cell(line, 4).number_format = unrounded_format
        if row.colour != NO_BAND and (row.band_text or row.type == "rating"):
            ws.cell(line, 5 if row.band_text else 3).fill = fill(row.colour)
    for i, width in enumerate(SUMMARY_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A5"


def write_long(ws, entries: list[tuple[str, FigureRow]]) -> None:
    ws.append(LONG_HEADER)
    for cell in ws[1]:
        cell.font = BOLD
    for inspection, row in entries:
        ws.append([cell_text(inspection), cell_text(row.id), row.kind, row.type,
                   cell_text(row.title or ""), row.value, row.rounded, cell_text(row.shown),
                   cell_text(row.band_text or ""), row.numerator, row.denominator,
                   row.missing, row.cases])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def workbook_bytes(scored: list[Scorecard], title: str) -> bytes:
    """The workbook of every inspection of every (results, graph, inputs) in `scored`."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "critc"
    taken: set[str] = {"all figures"}
    entries: list[tuple[str, FigureRow]] = []
    for results, graph, inputs in scored:
        by = results.grouping.by
        for g, key in enumerate(results.grouping.keys):
            rows = summary_rows(results, g, graph, inputs)
            ws = wb.create_sheet(sheet_title(key, taken))
            write_summary(ws, title, f"{by} = {key}" if by else key,
                          int(results.case_totals[g]), rows)
            entries.extend((key, row) for row in rows)
        across = [figure_row(results, node, 0) for node in across_figures(results)]
        if across:  # figures across inspections: one more summary sheet
            ws = wb.create_sheet(sheet_title(ALL, taken))
            write_summary(ws, title, ALL, int(results.case_totals.sum()), across)
            entries.extend((ALL, row) for row in across)
    write_long(wb.create_sheet("All figures"), entries)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not wb.save(): it sets `modified` to now
    return fixed_dates(out.getvalue())
