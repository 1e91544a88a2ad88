"""A version directory's scores → text: captions, the summary line, JSON and CSV.

Single-file output with each inspection's date and the version that scored it.
"""

from __future__ import annotations

import json

from critc.compiler.io.spreadsheet import csv_text
from critc.compiler.regress.version_scoring import Scored
from critc.compiler.regress.versions import VersionSet
from critc.compiler.report import results as report

VERSION_COLUMNS = ["date", "version_file", "version", "effective_from", "effective_to"]


def notes(versions: VersionSet, scored: Scored) -> list[str]:
    """Per inspection of `scored`, what its table's caption adds: its date and version."""
    field = versions.inspection_date.id
    return [f"{field} = {scored.dates[key].isoformat()}; scored with {scored.version.label()}"
            for key in scored.results.grouping.keys]


def summary(scored: list[Scored]) -> str:
    """`scored 3 inspections with v1.crit (...), 2 with v2.crit (...)`"""
    parts = []
    for i, s in enumerate(scored):
        count = len(s.results.grouping.keys)
        noun = (" inspection" if count == 1 else " inspections") if i == 0 else ""
        parts.append(f"{count}{noun} with {s.version.label()}")
    return "scored " + ", ".join(parts)


def as_json(versions: VersionSet, scored: list[Scored], questions: bool = True) -> str:
    """As single-file JSON, with the list of versions, and each inspection's date and the
    version that scored it."""
    counts = {s.version.name: len(s.results.grouping.keys) for s in scored}
    inspections = []
    for s in scored:
        for item in report.inspections_json(s.results, questions):
            key = item["inspection"]
            inspections.append({"inspection": key, "date": s.dates[key].isoformat(),
                                "framework": s.version.describe(), "cases": item["cases"],
                                "figures": item["figures"]})
    payload = {
        "schema": report.SCHEMA_ID,
        "versions": [dict(v.describe(), inspections=counts.get(v.name, 0))
                     for v in versions.versions],
        "grouped_by": versions.inspection,
        "date_field": versions.inspection_date.id,
        "inspections": inspections,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def as_csv(scored: list[Scored], questions: bool = True) -> str:
    """As single-file CSV, with each inspection's date and version after `inspection`."""
    rows = [report.CSV_HEADER[:1] + VERSION_COLUMNS + report.CSV_HEADER[1:]]
    for s in scored:
        described = s.version.describe()
        for row in report.csv_rows(s.results, questions):
            extra = [s.dates[row[0]].isoformat(), s.version.name, described["version"] or "",
                     described["effective_from"], described["effective_to"] or ""]
            rows.append(row[:1] + extra + row[1:])
    return csv_text(rows)
