"""Case records in: CSV, JSON Lines, Excel and Parquet → a validated `CaseTable`.

Every problem is reported together, each with file, row and column: an answer the
question's scale does not declare, a missing column, a value outside a field's type,
duplicate case ids, an answer where the question does not apply, an applicable question
left blank, and files that are empty, truncated, binary or not UTF-8. Nothing is coerced
silently: `Yes ` is not `yes` unless the scale declares it as an alias.

Case records are read a batch at a time (see `tables.Records`) straight into the encoded
arrays, so that no more than a batch of the file's text is held at once. Each format's
reader is a module of its own (`csv_reader`, `json_reader`, `xlsx_reader`,
`parquet_reader`); cells become codes in `encode`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias

import numpy as np
import pyarrow as pa
from critc.compiler.check.declare import did_you_mean
from critc.compiler.engine.cases import CaseTable
from critc.compiler.io.case_columns import CaseColumns, blank_as_none
from critc.compiler.io.database import Database, open_database
from critc.compiler.io.encode import CellSizes, Encoder, encode_field
from critc.compiler.io.json_reader import records_table
from critc.compiler.io.parquet_reader import text_columns
from critc.compiler.io.reading import open_records, read_table
from critc.compiler.io.tables import (
    FORMATS,
    MAX_ROWS_PER_PROBLEM,
    ROWS_KEY,
    Progress,
    Records,
    RecordsError,
    check_columns,
    clip,
    collect,
    date_format_of_table,
    file_rows,
    no_progress,
    read_notes,
    table_records,
    where,
)
from critc.compiler.model import framework as m
from critc.dsl.diagnostics import Diagnostic, error, plural, warning

_no_progress = no_progress  # the name the readers' callers knew it by


Source: TypeAlias = str | Path | pa.Table | Database  # a file, a table read, a database


def _records(source: Source, shown: str | None, unnamed: str,
             progress: Progress = no_progress) -> tuple[Records, str]:
    """(the records, their name in diagnostics) of a file, a table already read, or a
    database."""
    if isinstance(source, pa.Table):
        records, name = table_records(source), shown or unnamed
    elif isinstance(source, Database):
        records, name = open_database(source), source.shown
    else:
        records, name = open_records(source, progress), shown or str(source)
    check_columns(len(records.names), name)
    return records, name


def read_source(source: Source, progress: Progress = no_progress) -> tuple[pa.Table, str]:
    """(a file or database's records as one table of text columns, their name in
    diagnostics)."""
    records, name = _records(source, None, "<records>")
    return collect(records, progress), name


def _read_cases(records: Records, fw: m.Framework, progress: Progress
                ) -> tuple[CaseColumns, np.ndarray]:
    """Every batch encoded; (the columns, the file row of each record)."""
    columns = CaseColumns(fw, records.most, records.date_format)
    for batch in records.batches:
        columns.add(batch)
        progress(0.8 * min(1.0, columns.count / max(records.most, 1)))
    return columns, records.rows(columns.count)


def _missing_columns(names: list[str], fw: m.Framework, shown: str,
                     missing_questions: str, line: int = 1) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    columns = set(names)
    at = where(shown, line, line)  # the header (line 1, column 1), or the whole result
    for field in fw.case_fields:
        if field.id not in columns and "optional" not in field.roles:
            out.append(error(
                "missing-column", f"no column for case field `{field.id}`", at,
                hint=did_you_mean(field.id, columns - set(fw.fields) - set(fw.questions))
                or "add the column (leave cells empty for blanks)"))
    for qid in fw.questions:
        if qid not in columns:
            hint = did_you_mean(qid, columns - set(fw.fields) - set(fw.questions))
            if missing_questions == "blank":
                out.append(warning(
                    "missing-column", f"no column for question `{qid}`; read as never "
                    "answered", at, hint=hint))
                continue
            out.append(error(
                "missing-column", f"no column for question `{qid}`", at,
                hint=hint or "add the column (leave cells empty for questions not answered)"))
    return out


def load_cases(path: Source, fw: m.Framework, progress=no_progress, *,
               shown: str | None = None, missing_questions: str = "error"
               ) -> tuple[CaseTable | None, list[Diagnostic]]:
    """Read, validate and encode case records against a framework: a file, or a table
    already read (`shown` names it in diagnostics). `progress(fraction)` is told how far it
    has got: reading is the first 80%, checking the columns the rest.

    `missing_questions="blank"` treats a question with no column as never answered (with a
    warning) instead of an error: `critc diff` scores an archive gathered under one version
    against another that may add questions."""
    try:
        records, shown = _records(path, shown, "<records>", lambda done: progress(0.8 * done))
        columns, rows = _read_cases(records, fw, progress)
        names = records.names
        columns.sizes.check(names, rows, shown)
    except RecordsError as exc:
        return None, [exc.diagnostic]
    diagnostics = [*records.notes,
                   *_missing_columns(names, fw, shown, missing_questions, records.header),
                   *_unknown_columns(names, fw, shown, records.key, records.header),
                   *columns.invalid_values(names, rows, shown)]
    fields, vocab = columns.field_codes(names)
    progress(0.85)
    answers = columns.encoded_answers()
    progress(1.0)
    case_ids = None
    if fw.case_id and fw.case_id in names:
        case_ids = columns.case_ids()
        _check_case_ids(case_ids, shown, fw.case_id, names.index(fw.case_id) + 1,
                        diagnostics, rows)
    return CaseTable(n=columns.count, fields=fields, vocab=vocab, answers=answers,
                     question_ids=tuple(fw.questions), case_ids=case_ids, rows=rows,
                     source=shown, columns={name: i for i, name in
                                            enumerate(names, start=1)}), diagnostics


def _unknown_columns(names: list[str], fw: m.Framework, shown: str, key: str | None = None,
                     line: int = 1) -> list[Diagnostic]:
    """One warning for every column that is neither a case field nor a question (nor the
    `key` that locates records), on the `line` naming the columns."""
    known = set(fw.questions) | {f.id for f in fw.case_fields}
    unknown = [(i, name) for i, name in enumerate(names, start=1)
               if name not in known and name != key]
    if not unknown:
        return []
    missing = known - set(names)
    col, first = unknown[0]
    if len(unknown) == 1:
        return [warning("unknown-column", f"column `{clip(first)}` is not a case field or "
                        "question; it is ignored", where(shown, line, col),
                        hint=did_you_mean(first, missing))]
    listed = ", ".join(f"`{clip(name)}`" for _, name in unknown[:MAX_ROWS_PER_PROBLEM])
    more = f" and {len(unknown) - MAX_ROWS_PER_PROBLEM:,} more" \
        if len(unknown) > MAX_ROWS_PER_PROBLEM else ""
    hints = [f"`{clip(name)}`: {hint}" for _, name in unknown[:MAX_ROWS_PER_PROBLEM]
             if (hint := did_you_mean(name, missing))]
    return [warning("unknown-column", f"{len(unknown):,} columns are not case fields or "
                    f"questions; they are ignored: {listed}{more}", where(shown, line, col),
                    hint="; ".join(hints) or None)]


def _repeated_inspections(keys: list, rows: np.ndarray, shown: str, col: int
                          ) -> list[Diagnostic]:
    """An inspection given inputs on two rows is an error: which row counts is not clear."""
    first: dict[str, int] = {}
    out = []
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            out.append(error("duplicate-inspection", f"inspection `{clip(key)}` has inputs on "
                             f"two rows: {int(rows[first[key]])} and {int(rows[index])}",
                             where(shown, int(rows[index]), col),
                             hint="keep one row per inspection"))
        else:
            first[key] = index
    return out


def _check_case_ids(ids: np.ndarray, shown: str, name: str, col: int,
                    diagnostics: list[Diagnostic], file_row: np.ndarray) -> None:
    # numpy's stubs take no None operand, but an object array compares with it elementwise
    blank = np.flatnonzero(np.equal(ids, None))  # type: ignore[call-overload]
    if len(blank):
        diagnostics.append(error("blank-case-id", f"{plural(len(blank), 'case has')} no `{name}`",
                                 where(shown, int(file_row[blank[0]]), col)))
    seen: dict[str, int] = {}
    dupes: dict[str, list[int]] = {}
    for row, value in enumerate(ids.tolist()):
        if value is None:
            continue
        if value in seen:
            dupes.setdefault(value, [seen[value]]).append(row)
        else:
            seen[value] = row
    for value, rows in list(dupes.items())[:20]:
        diagnostics.append(error(
            "duplicate-case-id", f"case id `{clip(value)}` appears {len(rows)} times (rows "
            + ", ".join(str(file_row[r]) for r in rows[:MAX_ROWS_PER_PROBLEM]) + ")",
            where(shown, int(file_row[rows[1]]), col), hint="each case is one row with its own "
            "id"))


def _inputs_table(source: Source, shown: str | None, diagnostics: list
                  ) -> tuple[pa.Table, str]:
    """(the inputs as a table, its name in diagnostics); warnings about how the file was
    read are added to `diagnostics`."""
    records, name = _records(source, shown, "<inputs>")
    table = collect(records)
    CellSizes().check_table(table, name)
    diagnostics.extend(read_notes(table))
    return table, name


def _input_codes(enc: Encoder, table: pa.Table, field: m.Field, fw: m.Framework,
                 keys: tuple[str, ...], position: dict, vocab) -> np.ndarray:
    """One inspection input, per inspection in `keys` (blank for one not in the file)."""
    codes, words = encode_field(enc, table, field, fw.rating_scales)
    if words is not None and vocab is not None:
        vocab[field.id] = words
    fill = np.nan if codes.dtype.kind == "f" else -1
    out = np.full(len(keys), fill, dtype=codes.dtype)
    for g, key in enumerate(keys):
        if key in position:
            out[g] = codes[position[key]]
    return out


def load_inputs(path: Source, fw: m.Framework, keys: tuple[str, ...],
                vocab: dict[str, tuple[str, ...]] | None = None, *, shown: str | None = None,
                missing_inputs: str = "error"):
    """Inspection inputs from a side file (or a table already read) keyed by the inspection
    field; per-group arrays.

    Text inputs are coded in their own vocabulary, which is added to `vocab` (give the case
    table's, so conditions can compare them with text). `missing_inputs="blank"` reads an
    input with no column as blank for every inspection (a warning), as `critc diff` needs
    when a new version adds an input."""
    diagnostics: list[Diagnostic] = []
    try:
        table, shown = _inputs_table(path, shown, diagnostics)
    except RecordsError as exc:
        return {}, [*diagnostics, exc.diagnostic]
    table, key_column = _keyed(table, fw)
    if key_column not in table.column_names:
        diagnostics.append(error("missing-column", f"no column `{key_column}` naming each "
                                 "inspection", where(shown, 1, 1)))
        return {}, diagnostics
    rows = file_rows(table)
    enc = Encoder(shown, diagnostics, rows, date_format_of_table(table))
    file_keys = blank_as_none(table.column(key_column).to_pylist())
    position = {k: i for i, k in enumerate(file_keys) if k is not None}
    diagnostics.extend(_repeated_inspections(file_keys, rows, shown,
                                             table.column_names.index(key_column) + 1))
    inputs = {}
    for field in fw.inputs:
        if field.id in table.column_names:
            inputs[field.id] = _input_codes(enc, table, field, fw, keys, position, vocab)
        elif "optional" not in field.roles:  # an optional one is blank for every inspection
            diagnostics.append(_missing_input(field, shown, missing_inputs))
    diagnostics += _unmatched_inspections(fw, keys, file_keys, position, rows, shown)
    return inputs, diagnostics


def _keyed(table: pa.Table, fw: m.Framework) -> tuple[pa.Table, str]:
    """(the inputs, with an unnamed first column named as the inspection field; the name
    of the column that says which inspection each row is for)."""
    key_column = fw.inspection or "inspection"
    if "" in table.column_names and key_column not in table.column_names:
        table = table.rename_columns([key_column if c == "" else c for c in table.column_names])
    return table, key_column


def input_inspections(table: pa.Table, fw: m.Framework) -> dict[str, int]:
    """The inspections an inputs table has a row for, each with its row in the file (none
    if no column names them)."""
    table, key_column = _keyed(table, fw)
    if key_column not in table.column_names:
        return {}
    rows = file_rows(table).tolist()
    keys = blank_as_none(table.column(key_column).to_pylist())
    return {k: int(row) for k, row in reversed(list(zip(keys, rows, strict=True)))
            if isinstance(k, str)}


def _missing_input(field: m.Field, shown: str, missing_inputs: str) -> Diagnostic:
    if missing_inputs == "blank":
        return warning("missing-column", f"no column for inspection input `{field.id}`; "
                       "read as blank", where(shown, 1, 1))
    return error("missing-column", f"no column for inspection input `{field.id}`",
                 where(shown, 1, 1))


def _unmatched_inspections(fw: m.Framework, keys: tuple[str, ...], file_keys: list,
                           position: dict, rows: np.ndarray, shown: str) -> list[Diagnostic]:
    """A warning for each inspection with cases but no inputs, and each the other way."""
    out = []
    for key in keys:
        if key not in position and fw.inputs:
            out.append(warning("missing-inputs", f"no inspection inputs for `{clip(key)}`; "
                               "figures that use them are n/a", where(shown, 1, 1)))
    for key in file_keys:
        if key is not None and key not in keys:
            out.append(warning(
                "unknown-inspection", f"inputs given for `{clip(key)}`, which has no cases",
                where(shown, int(rows[position[key]]), 1)))
    return out


__all__ = ["FORMATS", "ROWS_KEY", "Database", "Encoder", "RecordsError", "Source",
           "encode_field", "file_rows", "input_inspections", "load_cases", "load_inputs",
           "read_source", "read_table", "records_table", "text_columns", "_no_progress"]
