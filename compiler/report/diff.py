"""`critc diff` → text and JSON: the rule edits with their lines in both files, then the
impact on the archive: every figure that moved per inspection with the edits that explain
it, a band-migration matrix per banded figure, and the cases whose contribution changed.
"""

from __future__ import annotations

import json

import attrs
from critc.compiler.io.values import band_output
from critc.compiler.model import framework as m
from critc.compiler.regress.diff import Edit, Structure, edit_json
from critc.compiler.regress.impact import Change, Impact, Migration, Side
from critc.compiler.report.explain import source_line
from rich.console import Console
from rich.table import Table
from rich.text import Text

CASES_LISTED = 20  # text lists this many changed cases unless asked for all


@attrs.frozen
class Compared:
    """What was compared: the two framework files and the case file, as given."""

    old: str
    new: str
    cases: str


# ----------------------------------------------------------------------------- text
def print_diff(console: Console, compared: Compared, structure: Structure, impact: Impact,
               sources: tuple[dict, dict], all_cases: bool = False) -> None:
    """The whole report: rule changes, moved figures, band migrations, changed cases (the
    first CASES_LISTED unless `all_cases`)."""
    console.print(Text(f"critc diff: {compared.old} → {compared.new}", style="bold"))
    console.print(f"{_name(structure.old, compared.old)} → "
                  f"{_name(structure.new, compared.new)}")
    console.print(f"{impact.case_total} cases in {len(impact.inspections)} inspection(s) "
                  f"from {compared.cases}")
    console.print()
    _print_edits(console, structure, sources)
    _print_moved(console, impact)
    _print_migrations(console, structure, impact)
    _print_cases(console, impact, all_cases)


def _print_edits(console: Console, structure: Structure, sources: tuple[dict, dict]) -> None:
    scoring = [e for e in structure.edits if e.scoring]
    console.print(Text(f"Rule changes: {len(structure.edits)}"
                       + (f" ({len(scoring)} can move figures)" if structure.edits else ""),
                       style="bold"))
    if not structure.edits:
        console.print("  none: the two versions declare the same rules")
    for edit in structure.edits:
        for line in _edit_lines(edit, sources):
            console.print(Text("  ") + line)
    console.print()


def _print_moved(console: Console, impact: Impact) -> None:
    moved = impact.moved
    inspections = {c.inspection for c in moved}
    banded = impact.inspections_changing_band()
    summary = (f"Impact: {len(moved)} figure(s) moved in {len(inspections)} of "
               f"{len(impact.inspections)} inspection(s); {len(banded)} inspection(s) changed "
               f"band")
    if impact.within_rounding:
        summary += f"; {len(impact.within_rounding)} moved only within rounding"
    console.print(Text(summary, style="bold"))
    if impact.only_old or impact.only_new:
        console.print(f"  inspections only the old version scores: "
                      f"{', '.join(impact.only_old) or 'none'}; only the new: "
                      f"{', '.join(impact.only_new) or 'none'}")
    if moved:
        table = Table(show_edge=False, pad_edge=False)
        for column in ("Inspection", "Figure", "Old", "New", "Band or rating moved",
                       "Because"):
            table.add_column(column, overflow="fold")
        for change in moved:
            because = ", ".join(e.key for e in change.because) or "(no rule edit on its path)"
            table.add_row(change.inspection, f"{change.kind} {change.figure}",
                          change.old.shown, change.new.shown,
                          Text(_band_moves(change), style="bold"), because)
        console.print(table)
    console.print()


def _print_migrations(console: Console, structure: Structure, impact: Impact) -> None:
    migrations = [mig for mig in impact.migrations if mig.moved]
    if migrations:
        console.print(Text("Band migrations", style="bold"))
    for mig in migrations:
        console.print(_migration_table(structure.new, mig))
        console.print()


def _migration_table(fw: m.Framework, mig: Migration) -> Table:
    """Inspections by old label (rows) and new label (columns), moves in bold."""
    figure = f"{fw.kind_of(mig.figure)} {mig.figure}"
    what = f"{figure} · band {mig.band}" if mig.band else figure
    rank = {label: i for i, label in enumerate(_label_order(fw, mig))}
    olds, news = (sorted(labels, key=lambda x: (rank.get(x, len(rank)), x))
                  for labels in mig.labels)
    table = Table(title=f"{what}: {mig.moved} of {sum(mig.counts.values())} inspection(s) "
                  "moved", title_justify="left", show_edge=False)
    table.add_column("old ↓  new →", overflow="fold")
    for label in news:
        table.add_column(label, justify="right", overflow="fold")
    for before in olds:
        cells = []
        for after in news:
            n = mig.counts.get((before, after), 0)
            cells.append(Text(str(n) if n else "·",
                              style="bold" if n and before != after else ""))
        table.add_row(before, *cells)
    return table


def _print_cases(console: Console, impact: Impact, all_cases: bool) -> None:
    console.print(Text(f"Cases whose contribution changed: {len(impact.cases)} of "
                       f"{impact.case_total}", style="bold"))
    listed = impact.cases if all_cases else impact.cases[:CASES_LISTED]
    for case in listed:
        parts = "; ".join(f"{q}: {a} → {b}" for q, a, b in case.questions)
        console.print(f"  {case.case} ({case.inspection})  {parts}")
    if len(listed) < len(impact.cases):
        console.print(f"  … and {len(impact.cases) - len(listed)} more (--all-cases lists "
                      "them all)")


def _name(fw: m.Framework, path: str) -> str:
    h = fw.header
    name = h.name or path
    return f"{name} (version {h.version})" if h.version else name


def _edit_lines(edit: Edit, sources: tuple[dict, dict]) -> list[Text]:
    head = Text()
    style = {"added": "green", "removed": "red", "changed": "yellow"}[edit.change]
    head.append(f"{edit.change} ", style=style)
    head.append(f"{edit.kind} {edit.id}", style="bold")
    if edit.change == "changed":
        head.append(": " + ", ".join(edit.facets))
    if not edit.scoring:
        head.append("  (wording only: moves no figure)", style="dim")
    lines = [head]
    if edit.change == "changed":
        for name in edit.facets:
            before, after = edit.old.facet(name), edit.new.facet(name)
            if before is not None and after is not None and (before.parts or after.parts):
                lines += _part_lines(name, before, after)
                continue
            for label, facet, item in (("old", before, edit.old), ("new", after, edit.new)):
                span = facet.span if facet is not None and facet.span.line else item.span
                text = facet.text if facet is not None else "(none)"
                lines.append(Text(f"    {label}  {span.path}:{span.line}  ", style="dim")
                             + Text(f"{name}: {text}"))
    else:
        item, source = (edit.new, sources[1]) if edit.change == "added" else \
            (edit.old, sources[0])
        lines.append(Text(f"    {item.span.path}:{item.span.line}  ", style="dim")
                     + Text(source_line(source, item.span)))
    return lines


def _part_lines(name: str, before, after) -> list[Text]:
    """The entries of a list facet (band rows) that differ, with their lines."""
    old_texts = {text for text, _ in before.parts}
    new_texts = {text for text, _ in after.parts}
    lines = []
    for label, parts, other in (("old", before.parts, new_texts),
                                ("new", after.parts, old_texts)):
        for text, span in parts:
            if text not in other:
                lines.append(Text(f"    {label}  {span.path}:{span.line}  ", style="dim")
                             + Text(f"{name}: {text}"))
    return lines


def _band_moves(change: Change) -> str:
    """The bands (or the rating) that moved, as `old → new`."""
    before, after = dict(change.old.bands), dict(change.new.bands)
    moves = [f"{before.get(b, '(none)')} → {after.get(b, '(none)')}"
             for b in list(before) + [b for b in after if b not in before]
             if before.get(b) != after.get(b)]
    if change.band_moved and not moves:  # a rating figure: its value is the label
        moves.append(f"{change.old.shown} → {change.new.shown}")
    return "; ".join(moves)


def _label_order(fw: m.Framework, mig: Migration) -> list[str]:
    """A band's labels in the order its rows are written (a rating scale's levels best
    first), then any others (n/a)."""
    if mig.band:
        band = fw.bands.get(mig.band)
        order = [band_output(band, i) for i in range(len(band.rows))] if band else []
    else:
        type_ = fw.figure_type(mig.figure)
        scale = fw.rating_scales.get(type_.scale) if type_.kind == "rating" else None
        order = [scale.labels[level] for level in scale.levels] if scale else []
    return order


# ----------------------------------------------------------------------------- json
def _side_json(side: Side) -> dict:
    return {"value": side.value, "shown": side.shown,
            "bands": {band: label for band, label in side.bands}}


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
