"""`critc diff` → text and JSON. The text is the change report (`change_model.py`) for a
terminal: the rule edits in words with their lines in both files, the inspections whose
band or rating changed, every moved figure old → new as published and unrounded, each
band-migration matrix with its labels numbered (so long labels never wrap), and the cases
whose contribution changed. JSON is the comparison as data.
"""

from __future__ import annotations

import json

from critc.compiler.regress.diff import Structure, edit_json
from critc.compiler.regress.impact import Impact, Side
from critc.compiler.report.change_edits import EditWords
from critc.compiler.report.change_model import (
    CASES_LISTED,
    ChangeReport,
    Compared,
    Matrix,
    Move,
)
from critc.compiler.report.wording import plural
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["CASES_LISTED", "Compared", "as_json", "print_diff"]
STYLE = {"added": "green", "removed": "red", "changed": "yellow"}


# ----------------------------------------------------------------------------- text
def print_diff(console: Console, report: ChangeReport, all_cases: bool = False) -> None:
    """The whole report; the first CASES_LISTED changed cases unless `all_cases`."""
    compared = report.compared
    console.print(Text(f"critc diff: {compared.old} → {compared.new}", style="bold"))
    console.print(f"{report.old_name} → {report.new_name}")
    console.print(report.scope)
    for warning in report.warnings:
        console.print(Text(f"Warning: {warning}", style="bold red"))
    console.print()
    _print_edits(console, report)
    _print_impact(console, report)
    _print_matrices(console, report.matrices)
    _print_cases(console, report, all_cases)


def _print_edits(console: Console, report: ChangeReport) -> None:
    console.print(Text(report.edits_heading, style="bold"))
    if not report.edits:
        console.print("  none: the two versions declare the same rules")
    for edit in report.edits:
        console.print(Text("  ") + edit_head(edit))
        for line in edit.lines:
            console.print(Text(f"    {line.side}  {line.where}  ", style="dim")
                          + Text(line.text))
    console.print()


def edit_head(edit: EditWords) -> Text:
    """`changed criterion 1.1 (weights): individual questions 0.8 → 0.7, …`."""
    head = Text()
    head.append(f"{edit.change} ", style=STYLE[edit.change])
    head.append(edit.name, style="bold")
    if edit.facets:
        head.append(f" ({', '.join(edit.facets)})")
    if not edit.scoring:
        head.append(" (wording only: moves no figure)", style="dim")
    if edit.words:
        head.append(f": {edit.words}")
    return head


def _print_impact(console: Console, report: ChangeReport) -> None:
    console.print(Text(report.impact_heading, style="bold"))
    if report.only:
        console.print(f"  {report.only}")
    banded = [mv for mv in report.moves if mv.band_moved]
    if banded:
        console.print()
        console.print(Text(f"Band or rating changed in {plural(len(report.banded), 'inspection')}",
                           style="bold"))
    for move in banded:
        for band, old, new in move.bands:
            console.print(Text(f"  {move.inspection}", style="bold")
                          + Text(f", {move.figure}, {band}: {old} → {new}"))
    if report.moves:
        console.print()
        console.print(_moves_table(report.moves))
    console.print()


def _moves_table(moves: tuple[Move, ...]) -> Table:
    table = Table(box=None, pad_edge=False, title="Moved figures", title_justify="left",
                  title_style="bold")
    for column in ("Inspection", "Figure", "Published", "Unrounded"):
        table.add_column(column, no_wrap=True)
    table.add_column("Because", overflow="fold")
    previous = None
    for move in moves:
        table.add_row(move.inspection if move.inspection != previous else "", move.figure,
                      f"{move.old.shown} → {move.new.shown}", unrounded_move(move),
                      move.because)
        previous = move.inspection
    return table


def unrounded_move(move: Move) -> str:
    if move.old.unrounded is None and move.new.unrounded is None:
        return ""
    return f"{move.old.unrounded or move.old.shown} → {move.new.unrounded or move.new.shown}"


def _print_matrices(console: Console, matrices: tuple[Matrix, ...]) -> None:
    if matrices:
        console.print(Text("Band migrations", style="bold"))
    for matrix in matrices:
        console.print(f"{matrix.title}: {matrix.moved} of "
                      f"{plural(matrix.total, 'inspection')} moved")
        labels = list(dict.fromkeys(matrix.olds + matrix.news))
        number = {label: str(i + 1) for i, label in enumerate(labels)}
        for label in labels:
            console.print(f"  {number[label]}  {label}")
        table = Table(box=None, pad_edge=False)
        table.add_column("  old ↓ new →", no_wrap=True)
        for label in matrix.news:
            table.add_column(number[label], justify="right", no_wrap=True)
        for label, row in zip(matrix.olds, matrix.counts, strict=True):
            table.add_row(f"  {number[label]}", *(
                Text(str(n) if n else "·", style="bold" if n and after != label else "")
                for n, after in zip(row, matrix.news, strict=True)))
        console.print(table)
        console.print()


def _print_cases(console: Console, report: ChangeReport, all_cases: bool) -> None:
    console.print(Text(report.cases_heading, style="bold"))
    listed = report.cases if all_cases else report.cases[:CASES_LISTED]
    for case in listed:
        parts = "; ".join(f"{q}: {a} → {b}" for q, a, b in case.questions)
        console.print(f"  {case.case} ({case.inspection})  {parts}")
    if len(listed) < len(report.cases):
        console.print(f"  … and {len(report.cases) - len(listed)} more (--all-cases lists "
                      "them all)")


# ----------------------------------------------------------------------------- json
def _side_json(side: Side) -> dict:
    """A figure under one version; a rating's value is its points, with its label."""
    out: dict = {"value": side.value, "shown": side.shown}
    if side.rating is not None:
        out["rating"], out["points"] = side.rating, side.value
    out["bands"] = {band: label for band, label in side.bands}
    return out


def as_json(compared: Compared, structure: Structure, impact: Impact) -> str:
    def header(fw, path):
        h = fw.header
        return {"file": path, "name": h.name, "version": h.version,
                "effective_from": h.effective_from.isoformat() if h.effective_from else None,
                "effective_to": h.effective_to.isoformat() if h.effective_to else None}

    payload = {
        "old": header(structure.old, compared.old),
        "new": header(structure.new, compared.new),
        "cases": {"file": compared.cases, "count": impact.case_total,
                  "inspections": list(impact.inspections),
                  "only_old": list(impact.only_old), "only_new": list(impact.only_new)},
        "edits": [edit_json(e) for e in structure.edits],
        "changes": [{"inspection": c.inspection, "figure": c.figure, "kind": c.kind,
                     "old": _side_json(c.old), "new": _side_json(c.new), "moved": c.moved,
                     "band_moved": c.band_moved, "because": [e.key for e in c.because]}
                    for c in impact.changes],
        "band_migrations": [{"figure": mig.figure, "band": mig.band or None,
                             "moved": mig.moved,
                             "counts": [{"old": a, "new": b, "inspections": n}
                                        for (a, b), n in mig.counts.items()]}
                            for mig in impact.migrations if mig.moved],
        "changed_cases": [{"case": c.case, "inspection": c.inspection,
                           "questions": [{"question": q, "old": a, "new": b}
                                         for q, a, b in c.questions]} for c in impact.cases],
        "summary": {"edits": len(structure.edits),
                    "scoring_edits": sum(e.scoring for e in structure.edits),
                    "figures_moved": len(impact.moved),
                    "within_rounding": len(impact.within_rounding),
                    "inspections_changing_band": list(impact.inspections_changing_band()),
                    "cases_changed": len(impact.cases)},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
