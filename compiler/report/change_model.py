"""The change report of `critc diff`, built once and rendered as text, Markdown or HTML, so
the three say the same thing in the same words: the rule edits in words with their lines
in both files, the inspections whose band or rating changed, every moved figure old → new
(rounded as published and unrounded), the band-migration matrices, and the cases whose
contribution changed."""

from __future__ import annotations

import attrs
from critc.compiler.io.values import band_output
from critc.compiler.model import framework as m
from critc.compiler.regress.diff import Structure
from critc.compiler.regress.impact import Change, Impact, Migration, Side
from critc.compiler.report.change_edits import EditWords, edit_words
from critc.compiler.report.wording import plural, unrounded_text

CASES_LISTED = 20  # the text report lists this many changed cases unless asked for all


@attrs.frozen
class Compared:
    """What was compared: the two framework files and the case file, as given."""

    old: str
    new: str
    cases: str


@attrs.frozen(kw_only=True)
class Value:
    shown: str  # as published (`72%`, a rating's label, `n/a`)
    unrounded: str | None  # `72.41%`; None for a rating, a label or n/a


@attrs.frozen(kw_only=True)
class Move:
    """One figure that moved in one inspection."""

    inspection: str
    figure: str  # `criterion 1.1`
    old: Value
    new: Value
    bands: tuple[tuple[str, str, str], ...]  # (`band B` or `rating`, old label, new label)
    band_moved: bool
    because: str  # the edits on its path, `criterion 1.1, band conclusion`


@attrs.frozen(kw_only=True)
class Matrix:
    """Inspections by old label (rows) and new label (columns) of one banded figure."""

    title: str  # `criterion 1.1 · band conclusion`
    moved: int
    total: int
    olds: tuple[str, ...]
    news: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # [old][new]


@attrs.frozen(kw_only=True)
class CaseLine:
    case: str
    inspection: str
    questions: tuple[tuple[str, str, str], ...]  # (question, old status, new status)


@attrs.frozen(kw_only=True)
class ChangeReport:
    compared: Compared
    old_name: str  # `Small offender management inspection (version 1)`
    new_name: str
    scope: str  # `30 cases in 5 inspections from cases.csv`
    warnings: tuple[str, ...]
    edits_heading: str
    edits: tuple[EditWords, ...]  # scoring edits first
    impact_heading: str
    only: str  # inspections only one version scores, or ""
    banded: tuple[str, ...]  # inspections whose band or rating changed
    moves: tuple[Move, ...]  # those inspections first
    within_rounding: int
    matrices: tuple[Matrix, ...]
    cases_heading: str
    cases: tuple[CaseLine, ...]


def change_report(compared: Compared, structure: Structure, impact: Impact,
                  sources: tuple[dict, dict]) -> ChangeReport:
    edits = sorted(structure.edits, key=lambda e: not e.scoring)
    scoring = sum(e.scoring for e in structure.edits)
    inspections = impact.inspections
    return ChangeReport(
        compared=compared,
        old_name=_name(structure.old, compared.old), new_name=_name(structure.new, compared.new),
        scope=f"{plural(impact.case_total, 'case')} in "
              f"{plural(len(inspections), 'inspection')} from {compared.cases}",
        warnings=_warnings(structure),
        edits_heading=f"Rule changes: {len(structure.edits)}" + (
            f" ({scoring} can move figures)" if structure.edits else ""),
        edits=tuple(edit_words(e, structure, sources) for e in edits),
        impact_heading=_impact_heading(impact),
        only=_only(impact),
        banded=impact.inspections_changing_band(),
        moves=_moves(structure.new, impact),
        within_rounding=len(impact.within_rounding),
        matrices=tuple(_matrix(structure.new, mig) for mig in impact.migrations if mig.moved),
        cases_heading=f"Cases whose contribution changed: {len(impact.cases)} of "
                      f"{impact.case_total}",
        cases=tuple(CaseLine(case=c.case, inspection=c.inspection, questions=c.questions)
                    for c in impact.cases))


def _name(fw: m.Framework, path: str) -> str:
    name = fw.header.name or path
    return f"{name} (version {fw.header.version})" if fw.header.version else name


def _warnings(structure: Structure) -> tuple[str, ...]:
    old, new = structure.old.header.version, structure.new.header.version
    if old is not None and old == new:
        return (f"Both files say version {old}: give the changed framework a version of "
                "its own, or results scored with either cannot be told apart.",)
    return ()


def _impact_heading(impact: Impact) -> str:
    every = impact.moved
    moved = [c for c in every if c.inspection in impact.inspections]
    inspections = len({c.inspection for c in moved})
    across = f" and {len(every) - len(moved)} across inspections" if len(moved) < len(every) \
        else ""
    text = (f"Impact: {plural(len(moved), 'figure')} moved in {inspections} of "
            f"{plural(len(impact.inspections), 'inspection')}{across}; "
            f"{plural(len(impact.inspections_changing_band()), 'inspection')} changed band "
            "or rating")
    if impact.within_rounding:
        text += f"; {len(impact.within_rounding)} moved only within rounding"
    return text


def _only(impact: Impact) -> str:
    if not (impact.only_old or impact.only_new):
        return ""
    return (f"Inspections only the old version scores: {', '.join(impact.only_old) or 'none'}; "
            f"only the new: {', '.join(impact.only_new) or 'none'}")


# ----------------------------------------------------------------------------- figures
def _moves(fw: m.Framework, impact: Impact) -> tuple[Move, ...]:
    banded = set(impact.inspections_changing_band())
    moves = [_move(fw, c) for c in impact.moved]
    return tuple(sorted(moves, key=lambda mv: mv.inspection not in banded))  # stable


def _move(fw: m.Framework, change: Change) -> Move:
    kind = fw.figure_type(change.figure).kind if change.figure in fw.questions or \
        change.figure in fw.aggregates else ""
    before, after = dict(change.old.bands), dict(change.new.bands)
    bands = tuple((f"band {b}", before.get(b, "(none)"), after.get(b, "(none)"))
                  for b in list(before) + [b for b in after if b not in before]
                  if before.get(b) != after.get(b))
    if change.band_moved and not bands:  # a rating figure: its value is the label
        bands = (("rating", change.old.shown, change.new.shown),)
    return Move(inspection=change.inspection, figure=f"{change.kind} {change.figure}",
                old=_value(kind, change.old), new=_value(kind, change.new), bands=bands,
                band_moved=change.band_moved,
                because=", ".join(e.key for e in change.because) or "(no rule edit on its path)")


def _value(kind: str, side: Side) -> Value:
    return Value(shown=side.shown, unrounded=unrounded_text(kind, side.value))


# ----------------------------------------------------------------------------- migrations
def _matrix(fw: m.Framework, mig: Migration) -> Matrix:
    figure = f"{fw.kind_of(mig.figure)} {mig.figure}"
    rank = {label: i for i, label in enumerate(_label_order(fw, mig))}
    olds, news = (tuple(sorted(labels, key=lambda x: (rank.get(x, len(rank)), x)))
                  for labels in mig.labels)
    return Matrix(title=f"{figure} · band {mig.band}" if mig.band else figure,
                  moved=mig.moved, total=sum(mig.counts.values()), olds=olds, news=news,
                  counts=tuple(tuple(mig.counts.get((a, b), 0) for b in news) for a in olds))


def _label_order(fw: m.Framework, mig: Migration) -> list[str]:
    """A band's labels in the order its rows are written (a rating scale's levels best
    first), then any others (n/a)."""
    if mig.band:
        band = fw.bands.get(mig.band)
        return [band_output(band, i) for i in range(len(band.rows))] if band else []
    type_ = fw.figure_type(mig.figure)
    scale = fw.rating_scales.get(type_.scale_id) if type_.kind == "rating" else None
    return [scale.labels[level] for level in scale.levels] if scale else []
