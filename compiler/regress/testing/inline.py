"""Case records and inspection inputs written in a test file: read as tables, and
their problems pointed back at the YAML lines they came from.
"""

from __future__ import annotations

import json

import attrs
import pyarrow as pa
from critc.compiler.check.declare import did_you_mean
from critc.compiler.io.records import ROWS_KEY, records_table
from critc.compiler.model import framework as m
from critc.compiler.regress.testing.files import ALL_CASES, InlineSource
from critc.compiler.regress.testing.yaml_nodes import Reader, span_of
from critc.dsl.diagnostics import Diagnostic
from critc.dsl.span import Span
from ruamel.yaml.nodes import Node, ScalarNode


@attrs.define
class Inline:
    """Records written in the test file, as a table, and where each cell was written."""

    table: pa.Table
    shown: str
    columns: list[str]
    cells: dict[tuple[int, str], Node]  # (line of the record, column) → value node
    records: dict[int, Node]  # line → the record
    anchor: Node  # the `cases:` or `inputs:` key
    added: set[str] = attrs.Factory(set)  # columns the test did not write (all blank)
    path_of: str = ""  # the test file

    def locate(self, span: Span | None, code: str) -> Span | None:
        if span is None or span.path != self.shown:
            return span
        header = code in ("missing-column", "unknown-column", "duplicate-column",
                          "missing-inputs") or span.line not in self.records
        if header:
            return span_of(self.path_of, self.anchor)
        column = self.columns[span.col - 1] if 0 < span.col <= len(self.columns) else None
        cell = self.cells.get((span.line, column)) if column is not None else None
        return span_of(self.path_of, cell or self.records[span.line])

    def relocate(self, problems: list[Diagnostic]) -> list[Diagnostic]:
        """`problems`, those about these records moved to where they were written."""
        out = []
        for d in problems:
            if d.span is not None and d.span.path == self.shown:
                if d.code == "applicable-left-blank" and self._column(d.span) in self.added:
                    continue  # a question the test leaves out on purpose
                d = attrs.evolve(d, span=self.locate(d.span, d.code))
            out.append(d)
        return out

    def _column(self, span: Span) -> str | None:
        col = span.col
        return self.columns[col - 1] if 0 < col <= len(self.columns) else None


def inline_name(reader: Reader, source: InlineSource) -> str:
    """How records written in the test file are named while they are read (`cases` or
    `inputs` and the line of the key), until `Inline.relocate` points at the YAML."""
    return f"{reader.path}#{source.key.value}@{source.key.start_mark.line + 1}"


def inline_cases(reader: Reader, fw: m.Framework, source: InlineSource,
                 inputs_given: bool = False) -> Inline | None:
    """The records of `cases:`; `cases: []` is no cases, for a test whose inspections are
    scored from the inputs it gives (`inputs_given`) alone."""
    known = [f.id for f in fw.case_fields] + list(fw.questions)
    objects, lines, cells, records = [], [], {}, {}
    before = len(reader.diagnostics)
    for item in source.node.value:
        entries = reader.mapping(item, "a case record")
        if entries is None:
            continue
        line = item.start_mark.line + 1
        record = {}
        for name, (key, value) in entries.items():
            if name not in known:
                what = "an inspection input: give it under `inputs`" \
                    if name in fw.fields else "not a case field or question of the framework"
                reader.problem("test-unknown-field", f"`{name}` is {what}", key,
                               hint=did_you_mean(name, known) if name not in fw.fields
                               else None)
                continue
            text = reader.text_of(value, f"`{name}`", allow_null=True)
            record[name] = text
            cells[(line, name)] = value
        objects.append(record)
        lines.append(line)
        records[line] = item
    if len(reader.diagnostics) > before:
        return None
    if not objects and not inputs_given:
        reader.problem("test-bad-value", "`cases` lists no case records", source.key,
                       hint="`cases: []` is for inspections scored from their inputs "
                       "alone: give them under `inputs`")
        return None
    shown_as = inline_name(reader, source)
    table = records_table(objects, shown_as) if objects else \
        pa.table({name: pa.array([], pa.string()) for name in known})
    added = set()
    for name in known:
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
            added.add(name)
    table = table.replace_schema_metadata({ROWS_KEY: json.dumps(lines).encode()})
    return Inline(table, shown_as, list(table.column_names), cells, records, source.key,
                   added, path_of=reader.path)


def inline_inputs(reader: Reader, fw: m.Framework, source: InlineSource, cases: pa.Table,
                   field: str | None) -> Inline | None:
    """`inputs: {inspection: {input: value}}`, or `inputs: {input: value}` for every
    inspection in the cases."""
    entries = reader.mapping(source.node, "`inputs`")
    if entries is None:
        return None
    ids = [f.id for f in fw.inputs]
    key_column = fw.inspection or "inspection"
    before = len(reader.diagnostics)
    given, checks = _given_inputs(reader, source, entries, cases, field)
    for inputs in checks:
        for name, (key, _value) in inputs.items():
            if name not in ids:
                reader.problem("test-unknown-field", f"`{name}` is not an inspection input",
                               key, hint=did_you_mean(name, ids) or (
                                   "the framework's inputs: " + ", ".join(f"`{i}`" for i in ids)
                                   if ids else "the framework has none"))
    if len(reader.diagnostics) > before:
        return None
    columns: dict[str, list] = {key_column: [], **{name: [] for name in ids}}
    cells, records, lines = {}, {}, []
    for inspection, line, node, inputs in given:
        columns[key_column].append(inspection)
        for name in ids:
            value = inputs.get(name, (None, None))[1]
            columns[name].append(None if value is None else
                                 reader.text_of(value, f"`{name}`", allow_null=True))
            if value is not None:
                cells[(line, name)] = value
        records[line] = node
        lines.append(line)
    table = pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()})
    if lines:
        table = table.replace_schema_metadata({ROWS_KEY: json.dumps(lines).encode()})
    return Inline(table, inline_name(reader, source), list(table.column_names), cells,
                   records, source.key, path_of=reader.path)


def _given_inputs(reader: Reader, source: InlineSource, entries: dict, cases: pa.Table,
                  field: str | None) -> tuple[list[tuple[str, int, Node, dict]], list[dict]]:
    """[(inspection, its line, the node naming it, {input: (key node, value node)})] and
    the mappings of inputs to check: one set for every inspection in the cases (a mapping
    of scalars) or a set per inspection."""
    given: list[tuple[str, int, Node, dict]] = []
    if all(isinstance(v, ScalarNode) for _, v in entries.values()):  # one set for all
        if field is None:
            keys = [ALL_CASES]
        elif field in cases.column_names:
            keys = sorted({k for k in cases.column(field).to_pylist() if k is not None})
        else:
            keys = []
        line = source.key.start_mark.line + 1
        return [(k, line, source.key, entries) for k in keys], [entries]
    checks = []
    for inspection, (key, value) in entries.items():
        inputs = reader.mapping(value, f"the inputs of `{inspection}`")
        if inputs is not None:
            given.append((inspection, key.start_mark.line + 1, key, inputs))
            checks.append(inputs)
    return given, checks
