"""Scoring a case archive with a version directory: each inspection dated (from a case
field or an inspection input) and scored with the version in force on its date.

The case file is read once; each version scores the records of the inspections routed to
it. Nothing here prints; problems come back as diagnostics.
"""

from __future__ import annotations

import datetime

import attrs
import numpy as np
import pyarrow as pa
from critc.compiler.engine.cases import CaseTable, Grouping, group_cases
from critc.compiler.engine.evaluate import Results, evaluate
from critc.compiler.io.records import (
    MAX_ROWS_PER_PROBLEM,
    Encoder,
    RecordsError,
    Source,
    encode_field,
    file_rows,
    read_source,
    where,
)
from critc.compiler.io.session import Session, decode_key, open_session
from critc.compiler.io.tables import SOURCE_KEY, date_format_of_table, with_rows
from critc.compiler.model.cells import EPOCH
from critc.compiler.regress.versions import Version, VersionSet
from critc.dsl.diagnostics import Diagnostic, error, has_errors
from critc.dsl.span import Span


@attrs.define
class Scored:
    """One version's inspections and their results."""

    version: Version
    keys: tuple[str, ...]
    dates: dict[str, datetime.date]  # inspection → its date
    results: Results
    session: Session | None = None  # its cases and inputs, for `critc explain DIR`


def _day(number: float) -> datetime.date:
    return EPOCH + datetime.timedelta(days=int(number))


def _subset(table: pa.Table, rows: np.ndarray) -> pa.Table:
    """The records at `rows` (indices, in file order), keeping each one's file row."""
    lines = file_rows(table)[rows]
    subset = table.take(pa.array(rows, type=pa.int64()))
    subset = with_rows(subset.replace_schema_metadata({}), lines.tolist(),
                       date_format=date_format_of_table(table))
    source = (table.schema.metadata or {}).get(SOURCE_KEY)  # a database's key column
    if source is None:
        return subset
    return subset.replace_schema_metadata({**(subset.schema.metadata or {}), SOURCE_KEY: source})


def _row_list(rows: np.ndarray) -> str:
    shown = ", ".join(str(int(r)) for r in rows[:MAX_ROWS_PER_PROBLEM])
    more = f" and {len(rows) - MAX_ROWS_PER_PROBLEM} more" \
        if len(rows) > MAX_ROWS_PER_PROBLEM else ""
    return f"row{'s' * (len(rows) > 1)} {shown}{more}"


def score_versions(versions: VersionSet, cases: Source, inputs: Source | None = None, *,
                   strict: bool = False, progress=None
                   ) -> tuple[list[Scored] | None, list[Diagnostic]]:
    """Score each inspection in `cases` (a file or a database) with the version in force
    on its date. The list (one entry per version that scored any inspection, in date
    order) is None when any problem is an error; the diagnostics list every problem
    found."""
    if versions.date_is_input and inputs is None:
        raise ValueError("the inspection date is an inspection input: inputs are needed")

    try:
        table, shown = read_source(cases, progress) if progress else read_source(cases)
        # read once: it dates inspections and feeds every version
        inputs_table, inputs_shown = read_source(inputs) if inputs is not None \
            else (None, None)
    except RecordsError as exc:
        return None, [exc.diagnostic]
    routed, assigned, diagnostics = _route(versions, table, shown, inputs_shown,
                                           inputs_table)
    if routed is None:
        return None, diagnostics
    known = {v.name: set(v.framework.questions) | {f.id for f in v.framework.case_fields}
             for v in versions.versions}
    everywhere = set().union(*known.values())
    all_keys = set(assigned)
    input_keys = _input_rows(inputs_table, versions) if inputs_table is not None else {}
    out: list[Scored] = []
    for v, dates, rows in routed:
        session, problems = open_session(v.result, _subset(table, rows), inputs_table,
                                         strict=strict, shown=shown, inputs_shown=inputs_shown)
        diagnostics.extend(d for d in problems if not _for_another_version(
            d, shown, table.column_names, everywhere - known[v.name], input_keys, all_keys))
        if session is not None:  # None: an error, so no list is returned
            results = evaluate(session.plan, session.table, session.grouping, session.inputs)
            # the session groups exactly the routed inspections
            out.append(Scored(v, session.grouping.keys, dates, results, session))
    diagnostics = list(dict.fromkeys(diagnostics))
    if has_errors(diagnostics):
        return None, diagnostics
    return out, diagnostics


def _for_another_version(d: Diagnostic, cases: str, columns: list[str], others: set[str],
                         input_keys: dict[int, str], all_keys: set[str]) -> bool:
    """A problem one version finds that belongs to another: a column only other versions
    know (`others`), or the inputs of an inspection another version scores."""
    if d.code == "unknown-column" and d.span is not None and d.span.path == cases:
        if columns[d.span.col - 1] in others:
            return True
    return d.code == "unknown-inspection" and d.span is not None and \
        input_keys.get(d.span.line) in all_keys


def _input_rows(table: pa.Table, versions: VersionSet) -> dict[int, str]:
    """Each line of the inputs file → the inspection it is for."""
    key = _key_column(table, versions)
    if key is None:
        return {}
    return {int(line): value for line, value in
            zip(file_rows(table).tolist(), table.column(key).to_pylist(), strict=True)
            if value is not None}


def _key_column(table: pa.Table, versions: VersionSet) -> str | None:
    key = versions.inspection or "inspection"
    if key in table.column_names:
        return key
    return "" if "" in table.column_names else None


def _route(versions: VersionSet, table: pa.Table, shown: str, inputs: str | None,
           inputs_table: pa.Table | None):
    """Group the cases into inspections, date each inspection and pick its version:
    ([(version, {inspection: date}, row indices)] in date order, {inspection: version file},
    diagnostics)."""
    diagnostics: list[Diagnostic] = []
    cases = _dating_fields(versions, table, shown, diagnostics)
    if cases is None:
        return None, {}, diagnostics
    fw = versions.first.framework
    grouping: Grouping = group_cases(cases, versions.inspection,
                                     lambda f, c: decode_key(fw, cases, f, c))
    if versions.date_is_input:
        assert inputs is not None, "score_versions asks for the inputs that date inspections"
        dates, places = _input_dates(versions, inputs, inputs_table, grouping.keys,
                                     diagnostics)
        if dates is None:
            return None, {}, diagnostics
    else:
        dates, places = _case_dates(versions, cases, grouping, shown, table, diagnostics)
    chosen = _choose(versions, grouping, dates, places, diagnostics)
    routed = []
    for version in versions.versions:
        mine = {k: (d, r) for k, (v, d, r) in chosen.items() if v is version}
        if not mine:
            continue
        rows_of = np.sort(np.concatenate([r for _, r in mine.values()]))
        routed.append((version, {k: d for k, (d, _) in mine.items()}, rows_of))
    diagnostics.sort(key=Diagnostic.sort_key)  # by row
    return routed, {k: v.name for k, (v, _, _) in chosen.items()}, diagnostics


def _dating_fields(versions: VersionSet, table: pa.Table, shown: str,
                   diagnostics: list[Diagnostic]) -> CaseTable | None:
    """The cases with only the fields that group and date them (no answers); None if
    those cannot be read (reported)."""
    fw = versions.first.framework
    needed = [versions.inspection] if versions.inspection else []
    if not versions.date_is_input:
        needed.append(versions.inspection_date.id)
    missing = [name for name in needed if name not in table.column_names]
    for name in missing:
        diagnostics.append(error(
            "missing-column", f"no column for case field `{name}`", where(shown, 1, 1),
            hint="it is needed to pick the version that scores each inspection"))
    if missing:
        return None
    rows = file_rows(table)
    enc = Encoder(shown, diagnostics, rows, date_format_of_table(table))
    fields, vocab = {}, {}
    for name in needed:
        fields[name], words = encode_field(enc, table, fw.fields[name], fw.rating_scales)
        if words is not None:
            vocab[name] = words
    if has_errors(diagnostics):
        return None
    return CaseTable(n=table.num_rows, fields=fields, vocab=vocab,
                     answers=np.empty((table.num_rows, 0), dtype=np.int8), question_ids=(),
                     rows=rows, source=shown)


def _choose(versions: VersionSet, grouping: Grouping, dates: dict[str, datetime.date],
            places: dict[str, Span], diagnostics: list[Diagnostic]
            ) -> dict[str, tuple[Version, datetime.date, np.ndarray]]:
    """Each dated inspection → the version in force on its date, the date and its rows."""
    order = np.argsort(grouping.group, kind="stable")
    bounds = np.searchsorted(grouping.group[order], np.arange(grouping.size + 1))
    chosen: dict[str, tuple[Version, datetime.date, np.ndarray]] = {}
    for g, key in enumerate(grouping.keys):
        day = dates.get(key)
        if day is None:
            continue
        version = versions.in_force(day)
        if version is None:
            what = "the inspection" if versions.inspection is None else \
                f"inspection `{key}`"
            diagnostics.append(error(
                "no-version-in-force", f"no version is in force on {day.isoformat()}, the "
                f"date of {what}", places[key],
                hint=f"{versions.nearest(day)}; correct the date, or add or extend a version "
                "to cover it"))
            continue
        chosen[key] = (version, day, np.sort(order[bounds[g]:bounds[g + 1]]))
    return chosen


def _case_dates(versions: VersionSet, cases: CaseTable, grouping: Grouping, shown: str,
                table: pa.Table, diagnostics: list[Diagnostic]):
    """Each inspection's date from the case field: one date shared by its cases."""
    field = versions.inspection_date.id
    rows = cases.rows
    assert rows is not None, "_dating_fields keeps each case's row in the file"
    column = table.column_names.index(field) + 1
    values = cases.fields[field]
    dates: dict[str, datetime.date] = {}
    places: dict[str, Span] = {}
    for g, key in enumerate(grouping.keys):
        members = np.flatnonzero(grouping.group == g)
        given = values[members]
        known = ~np.isnan(given)
        what = "the cases" if versions.inspection is None else \
            f"the cases of inspection `{key}`"
        if not known.any():
            diagnostics.append(error(
                "undated-inspection", f"{what} have no inspection date: `{field}` is blank "
                f"in all {len(members)} of them ({_row_list(rows[members])})",
                where(shown, int(rows[members[0]]), column),
                hint=f"fill in `{field}`: the date picks the version of the framework in force"))
            continue
        distinct = np.unique(given[known])
        if len(distinct) > 1:
            parts = []
            for day in distinct:
                at = members[given == day]
                parts.append(f"{_day(day).isoformat()} ({_row_list(rows[at])})")
            second = members[given == distinct[1]][0]
            diagnostics.append(error(
                "inconsistent-inspection-date", f"{what} have different inspection dates: "
                + ", ".join(parts), where(shown, int(rows[second]), column),
                hint=f"the cases of one inspection share its date, which picks the version "
                f"that scores them; correct `{field}`, or give each visit its own "
                f"`{versions.inspection or 'inspection'}` value"))
            continue
        dates[key] = _day(distinct[0])
        places[key] = where(shown, int(rows[members[known][0]]), column)
    return dates, places


def _input_dates(versions: VersionSet, inputs: str, table: pa.Table, keys: tuple[str, ...],
                 diagnostics: list[Diagnostic]):
    """Each inspection's date from the inspection inputs file (`table`, read from
    `inputs`)."""
    fw = versions.first.framework
    field = versions.inspection_date
    key_column = _key_column(table, versions)
    if key_column is None:
        name = versions.inspection or "inspection"
        diagnostics.append(error("missing-column", f"no column `{name}` naming each "
                                 "inspection", where(inputs, 1, 1)))
        return None, {}
    if field.id not in table.column_names:
        diagnostics.append(error("missing-column", f"no column for inspection input "
                                 f"`{field.id}`", where(inputs, 1, 1),
                                 hint="it is needed to pick the version that scores each "
                                 "inspection"))
        return None, {}
    rows = file_rows(table)
    enc = Encoder(inputs, diagnostics, rows, date_format_of_table(table))
    codes, _ = encode_field(enc, table, field, fw.rating_scales)
    if has_errors(diagnostics):
        return None, {}
    column = table.column_names.index(field.id) + 1
    position = {k: i for i, k in enumerate(table.column(key_column).to_pylist())
                if k is not None}
    dates: dict[str, datetime.date] = {}
    places: dict[str, Span] = {}
    for key in keys:
        what = "the inspection" if versions.inspection is None else f"inspection `{key}`"
        if key not in position:
            diagnostics.append(error(
                "undated-inspection", f"{what} has no inspection date: `{inputs}` has no row "
                "for it", where(inputs, 1, 1),
                hint=f"add a row for `{key}` with its `{field.id}`: the date picks the version "
                "of the framework in force"))
            continue
        i = position[key]
        if np.isnan(codes[i]):
            diagnostics.append(error(
                "undated-inspection", f"{what} has no inspection date: `{field.id}` is blank",
                where(inputs, int(rows[i]), column),
                hint=f"fill in `{field.id}`: the date picks the version of the framework in "
                "force"))
            continue
        dates[key] = _day(codes[i])
        places[key] = where(inputs, int(rows[i]), column)
    return dates, places
