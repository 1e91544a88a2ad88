"""What a framework change does to an archive of cases: both versions score the same
cases, figure by figure and inspection by inspection, and every moved figure is traced to
the edits on its dependency path.

A figure has *moved* when the figure as reports show it (declared rounding), or a band or
rating attached to it, differs between the versions. A change too small to show after
rounding is counted apart ("moved within rounding") and never called a move.
"""

from __future__ import annotations

import math
from collections import Counter

import attrs
import numpy as np
import pyarrow as pa
from critc.compiler.check.passes import CheckResult
from critc.compiler.engine.evaluate import Results
from critc.compiler.engine.status import case_statuses
from critc.compiler.io.records import RecordsError, Source, read_source
from critc.compiler.io.session import Session, open_session
from critc.compiler.io.values import labels_for, number_of, rating_of, shown, value_of
from critc.compiler.plan import steps as s
from critc.compiler.plan.steps import STATUS_TEXT
from critc.compiler.regress.diff import Edit, Structure, compare


@attrs.frozen(kw_only=True)
class Side:
    """One figure in one inspection under one version."""

    value: float | None  # unrounded; a rating's points; None when undefined or absent
    shown: str  # as reports show it; "n/a" when undefined, "(absent)" when not declared
    bands: tuple[tuple[str, str], ...]  # (band id, label) attached to the figure
    rating: str | None = None  # a rating figure's label (its value is its points)


ABSENT = Side(value=None, shown="(absent)", bands=())
ALL_INSPECTIONS = "all inspections"  # the inspection of a figure across inspections


@attrs.frozen(kw_only=True)
class Change:
    inspection: str
    figure: str
    kind: str
    old: Side
    new: Side
    moved: bool  # the figure as shown, or a band label attached to it, differs
    band_moved: bool  # a band label both versions attach, or the rating itself, differs
    because: tuple[Edit, ...]


@attrs.frozen(kw_only=True)
class Migration:
    """How inspections moved between the labels of one banded or rated figure."""

    figure: str
    band: str  # band id, or "" for a rating figure's own levels
    counts: dict[tuple[str, str], int]  # (old label, new label) → inspections

    @property
    def moved(self) -> int:
        return sum(n for (a, b), n in self.counts.items() if a != b)

    @property
    def labels(self) -> tuple[list[str], list[str]]:
        olds = sorted({a for a, _ in self.counts}, key=str)
        news = sorted({b for _, b in self.counts}, key=str)
        return olds, news


@attrs.frozen(kw_only=True)
class CaseChange:
    case: str  # case id, or "row N"
    inspection: str
    questions: tuple[tuple[str, str, str], ...]  # (question, old status, new status)


@attrs.frozen(kw_only=True)
class Impact:
    inspections: tuple[str, ...]
    changes: tuple[Change, ...]  # every figure that moved, shown or within rounding
    migrations: tuple[Migration, ...]
    cases: tuple[CaseChange, ...]
    case_total: int
    only_old: tuple[str, ...]  # inspections the old version scores and the new does not
    only_new: tuple[str, ...]

    @property
    def moved(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.moved)

    @property
    def within_rounding(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.moved)

    def inspections_changing_band(self) -> tuple[str, ...]:
        changed = {c.inspection for c in self.changes if c.band_moved}
        return tuple(k for k in self.inspections if k in changed)


def _side(results: Results, node: str, g: int) -> Side:
    fw = results.plan.framework
    if node not in results.values and node not in results.across.values:
        return ABSENT
    value = value_of(results, node, g)
    rating = rating_of(fw, node, value)[0] if fw.figure_type(node).kind == "rating" else None
    return Side(value=number_of(fw, node, value), shown=shown(fw, node, value),
                bands=tuple(labels_for(results, node, g)), rating=rating)


def _kind(results: Results, node: str) -> str:
    fw = results.plan.framework
    return "question" if node in fw.questions else \
        (fw.aggregates.get(node) or fw.across[node]).kind


def _rated(results: Results, node: str) -> bool:
    return results.plan.framework.figure_type(node).kind in ("rating", "label")


def figures_of(results: Results) -> list[str]:
    fw = results.plan.framework
    return [n for n in results.plan.figures if n not in fw.applications]


def measure(structure: Structure, old: Session, new: Session, old_results: Results,
            new_results: Results) -> Impact:
    """Compare two versions' results over the same cases (read once per version)."""
    old_keys, new_keys = old_results.grouping.keys, new_results.grouping.keys
    keys = [k for k in new_keys if k in old_keys]
    figures = figures_of(new_results) + [n for n in figures_of(old_results)
                                         if n not in new_results.values]
    attribution = {(n, bands): structure.attribution(n, bands) for n in figures
                   for bands in (False, True)}
    changes: list[Change] = []
    migrations: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    for key in keys:
        go, gn = old_keys.index(key), new_keys.index(key)
        for node in figures:
            a, b = _side(old_results, node, go), _side(new_results, node, gn)
            in_both = a is not ABSENT and b is not ABSENT
            rated = in_both and _rated(new_results, node) and _rated(old_results, node)
            if rated:
                migrations.setdefault((node, ""), Counter())[(a.shown, b.shown)] += 1
            old_bands, new_bands = dict(a.bands), dict(b.bands)
            for band in old_bands.keys() & new_bands.keys():
                migrations.setdefault((node, band), Counter())[
                    (old_bands[band], new_bands[band])] += 1
            moved = a.shown != b.shown or a.bands != b.bands
            band_moved = (rated and a.shown != b.shown) or any(
                old_bands[band] != new_bands[band] for band in old_bands.keys() & new_bands.keys())
            if not moved and _same_value(a.value, b.value):
                continue
            kind = _kind(new_results if node in new_results.values else old_results, node)
            changes.append(Change(inspection=key, figure=node, kind=kind, old=a, new=b,
                                  moved=moved, band_moved=band_moved,
                                  because=attribution[node, a.bands != b.bands]))
    changes += _across_changes(structure, old_results, new_results)
    moves = tuple(Migration(figure=node, band=band, counts=dict(sorted(counts.items())))
                  for (node, band), counts in migrations.items())
    return Impact(inspections=tuple(keys), changes=tuple(changes), migrations=moves,
                  cases=tuple(case_changes(old, new)), case_total=new.table.n,
                  only_old=tuple(k for k in old_keys if k not in new_keys),
                  only_new=tuple(k for k in new_keys if k not in old_keys))


def _across_changes(structure: Structure, old_results: Results,
                    new_results: Results) -> list[Change]:
    """Figures across inspections that moved, as changes of the inspection `all
    inspections` (as CSV output names it)."""
    figures = [n for n in new_results.across.values if n in new_results.plan.framework.across]
    figures += [n for n in old_results.across.values if n in old_results.plan.framework.across
                and n not in figures]
    changes = []
    for node in figures:
        a, b = _side(old_results, node, 0), _side(new_results, node, 0)
        moved = a.shown != b.shown or a.bands != b.bands
        if not moved and _same_value(a.value, b.value):
            continue
        kind = _kind(new_results if node in new_results.across.values else old_results, node)
        band_moved = a is not ABSENT and b is not ABSENT and a.bands != b.bands
        changes.append(Change(inspection=ALL_INSPECTIONS, figure=node, kind=kind, old=a, new=b,
                              moved=moved, band_moved=band_moved,
                              because=structure.attribution(node, a.bands != b.bands)))
    return changes


def diff_archive(old: CheckResult, new: CheckResult, cases: Source | None,
                 inputs: Source | None = None, shown: str | None = None,
                 inputs_shown: str | None = None):
    """Score `cases` (a file, a table already read, or a database) with both clean
    versions and compare: (structure, impact, problems), where problems is {"old": [...],
    "new": [...]} and impact is None when either version cannot read the cases. A question
    the archive has no column for reads as never answered, so a version that adds
    questions can still be compared. As `critc score`, an inspection the inputs give and
    the cases do not is scored from its inputs alone, and `cases` may be None (no cases:
    frameworks with no questions)."""
    try:  # each file read once, for both versions
        if cases is not None and not isinstance(cases, pa.Table):
            cases, name = read_source(cases)
            shown = shown or name
        if inputs is not None and not isinstance(inputs, pa.Table):
            inputs, name = read_source(inputs)
            inputs_shown = inputs_shown or name
    except RecordsError as exc:
        return compare(old, new), None, {"old": [exc.diagnostic], "new": []}
    sessions, problems = {}, {}
    for label, result in (("old", old), ("new", new)):
        sessions[label], problems[label] = open_session(
            result, cases, inputs, shown=shown, inputs_shown=inputs_shown,
            missing_questions="blank", inputs_only=True)
    structure = compare(old, new)
    if sessions["old"] is None or sessions["new"] is None:
        return structure, None, problems
    impact = measure(structure, sessions["old"], sessions["new"],
                     sessions["old"].evaluate(detail=False),
                     sessions["new"].evaluate(detail=False))
    return structure, impact, problems


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


BLOCK_ROWS = 1 << 16  # cases compared at a time, to bound memory on large archives


def statuses(session: Session, rows: slice = slice(None)) -> np.ndarray:
    """(cases, questions) int8 over `rows`: how each case counts towards each question's
    proportion, NOT_COUNTED, BELOW or ABOVE the line (columns in plan order)."""
    return case_statuses(session.plan, session.table, session.inputs, rows,
                         session.grouping.group[rows])


def case_changes(old: Session, new: Session) -> list[CaseChange]:
    """The cases whose contribution to some question's proportion differs: counted in one
    version and not the other, or counted on the other side of the line; also as a figure
    with a `counting` clause counts the question (`1.2d in thread roh`). Both sessions
    read the same file, so case i is the same record in both."""
    questions = [q.id for q in new.plan.questions] + \
        [q.id for q in old.plan.questions if q.id not in new.plan.by_id]
    questions += list(dict.fromkeys(_counted_uses(new) + _counted_uses(old)))
    out = []
    for start in range(0, new.table.n, BLOCK_ROWS):
        rows = slice(start, min(start + BLOCK_ROWS, new.table.n))
        before, after = _aligned(old, questions, rows), _aligned(new, questions, rows)
        differs = before != after
        cases, columns = np.nonzero(differs)
        if not len(cases):
            continue
        bounds = np.flatnonzero(np.diff(cases)) + 1
        for at, cols in zip(np.split(cases, bounds), np.split(columns, bounds), strict=True):
            i = int(at[0])
            key = new.grouping.keys[int(new.grouping.group[start + i])]
            moved = tuple((questions[c], STATUS_TEXT[int(before[i, c])],
                           STATUS_TEXT[int(after[i, c])]) for c in cols.tolist())
            out.append(CaseChange(case=_case_name(new, start + i), inspection=key,
                                  questions=moved))
    return out


def _counted_uses(session: Session) -> list[str]:
    """`QUESTION in FIGURE` for each question a figure counts with its own set."""
    fw = session.plan.framework
    return [f"{rule.question} in {a.kind} {a.id}" for a in fw.aggregates.values()
            for rule in a.counting]


def _aligned(session: Session, questions: list[str], rows: slice) -> np.ndarray:
    """`statuses` with one column per id in `questions` (NOT_COUNTED where the session's
    framework has no such question), a `QUESTION in FIGURE` column as that figure's
    `counting` clause counts the question."""
    matrix = statuses(session, rows)
    if [q.id for q in session.plan.questions] == questions:
        return matrix
    out = np.zeros((matrix.shape[0], len(questions)), dtype=np.int8)
    fw = session.plan.framework
    for c, key in enumerate(questions):
        qid, _, figure = key.partition(" in ")
        if qid not in session.plan.by_id:
            continue
        q = session.plan.question(qid)
        out[:, c] = matrix[:, q.index]
        aggregate = fw.aggregates.get(figure.rpartition(" ")[2]) if figure else None
        rule = aggregate.counting_of(qid) if aggregate is not None else None
        if figure and rule is None:  # the figure does not count it its own way here
            continue
        if rule is not None:
            above = np.isin(session.table.answers[rows, q.index],
                            [q.codes.index(code) for code in rule.codes])
            out[:, c] = np.where(out[:, c] == s.NOT_COUNTED, s.NOT_COUNTED,
                                 np.where(above, s.ABOVE, s.BELOW))
    return out


def _case_name(session: Session, i: int) -> str:
    if session.table.case_ids is not None:
        return str(session.table.case_ids[i])
    if session.table.rows is not None:
        return f"row {int(session.table.rows[i])}"
    return f"case {i + 1}"
