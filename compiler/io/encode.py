"""Cells to codes, a batch of records at a time: an answer to its code on the question's
scale (int8), a case field's value to its code or number, text to its place in the
column's vocabulary. Each distinct spelling is looked up once per batch (and remembered);
the rows of a spelling that is not valid are kept, the first few and how many, for one
diagnostic per column and spelling, in the order the spellings first appear in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from critc.compiler.check.declare import did_you_mean
from critc.compiler.io.dates import date_hint, read_date_as
from critc.compiler.io.tables import (
    CELL_LIMIT,
    MAX_ROWS_PER_PROBLEM,
    RecordsError,
    clip,
    file_rows,
    where,
)
from critc.compiler.model import framework as m
from critc.compiler.model.cells import is_blank, read_cell
from critc.dsl.diagnostics import Diagnostic, error

Column: TypeAlias = pa.Array | pa.ChunkedArray | None  # None: the batch has no such column (blank)
_UNSEEN = object()
_INVALID = object()


def _dictionary(column: pa.Array | pa.ChunkedArray) -> tuple[list, np.ndarray]:
    """(the distinct spellings, each cell's index among them; -1 for a blank: a null or
    empty text, as `cells.is_blank` says). A column dictionary-encoded by its reader (CSV
    and Parquet batches) is taken as it is when its spellings are distinct."""
    if pa.types.is_dictionary(column.type):
        if isinstance(column, pa.Array):
            words = column.dictionary.to_pylist()
            if None not in words and len(set(words)) == len(words):
                return _without_blank(words, _indices(column.indices))
        column = column.cast(column.type.value_type)
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded = pc.dictionary_encode(column)
    return _without_blank(encoded.dictionary.to_pylist(), _indices(encoded.indices))


def _without_blank(dictionary: list, indices: np.ndarray) -> tuple[list, np.ndarray]:
    """Empty text dropped from the spellings, its cells blank (-1)."""
    blank = next((i for i, text in enumerate(dictionary) if is_blank(text)), None)
    if blank is None:
        return dictionary, indices
    del dictionary[blank]
    return dictionary, np.where(indices == blank, -1, indices - (indices > blank))


def _indices(indices: pa.Array) -> np.ndarray:
    """Dictionary indices (a signed integer array) as NumPy, -1 where null, read from the
    array's buffers: Arrow's `fill_null(-1)` and `to_numpy` import pandas (a second on a
    cold start)."""
    n, offset = len(indices), indices.offset
    validity, data = indices.buffers()[:2]
    values = np.frombuffer(data, dtype=np.dtype(f"int{indices.type.bit_width}"),
                           count=offset + n)[offset:]
    if indices.null_count == 0:
        return values
    bits = np.frombuffer(validity, dtype=np.uint8)
    valid = np.unpackbits(bits, count=offset + n, bitorder="little")[offset:].view(bool)
    return np.where(valid, values, -1)


@attrs.define
class ColumnCoder:
    """Codes one column of spellings (an answer, an enum, a boolean, a number or a date)."""

    name: str
    kind: str
    spellings: dict[str, object]
    describe: str
    fill: object
    dtype: type
    hint_values: tuple[str, ...] = ()
    date_format: str | None = None  # dates written otherwise than YYYY-MM-DD
    values: dict[str, object] = attrs.Factory(dict)
    bad: dict[str, list] = attrs.Factory(dict)  # spelling -> [first record indices, count]

    def code(self, column: Column, offset: int, count: int) -> np.ndarray:
        """The codes of `count` records from record `offset` on."""
        if column is None:
            return np.full(count, self.fill, dtype=self.dtype)
        dictionary, indices = _dictionary(column)
        mapping: np.ndarray = np.empty(len(dictionary) + 1, dtype=self.dtype)
        mapping[-1] = self.fill  # index -1, a blank
        bad = []
        for i, text in enumerate(dictionary):
            value = self.values.get(text, _UNSEEN)
            if value is _UNSEEN:
                value = self.spellings.get(text, _UNSEEN)
                if value is _UNSEEN:
                    value = self.read(text)
                    value = _INVALID if value is None else value
                self.values[text] = value
            if value is _INVALID:
                bad.append(i)
                value = self.fill
            mapping[i] = value
        for i in bad:
            rows = np.flatnonzero(indices == i)
            first, seen = self.bad.setdefault(dictionary[i], [[], 0])
            first.extend((rows[:MAX_ROWS_PER_PROBLEM - len(first)] + offset).tolist())
            self.bad[dictionary[i]][1] = seen + len(rows)
        return mapping[indices]

    def read(self, text: str) -> float | int | None:
        """A number, date or boolean cell's value (None if invalid)."""
        if self.kind == "date" and self.date_format is not None:
            return read_date_as(text, self.date_format)
        return read_cell(self.kind, text)

    def report(self, path: str, col_no: int, row: Callable[[int], int]) -> list[Diagnostic]:
        """One error per spelling that is not valid, naming its rows in the file."""
        return [self._invalid(path, col_no, text, [row(r) for r in first], count)
                for text, (first, count) in self.bad.items()]

    def _invalid(self, path: str, col_no: int, text: str, rows: list[int], count: int
                 ) -> Diagnostic:
        shown = ", ".join(str(r) for r in rows)
        more = f" and {count - MAX_ROWS_PER_PROBLEM} more" if count > MAX_ROWS_PER_PROBLEM \
            else ""
        plural = "s" * (count > 1)
        return error("invalid-value", f"column `{self.name}`: `{clip(text)}` is not "
                     f"{self.describe} (row{plural} {shown}{more})",
                     where(path, rows[0], col_no), hint=self._hint(text))

    def _hint(self, text: str) -> str | None:
        if self.kind == "date":
            return date_hint(text, self.date_format)
        values = self.hint_values
        if not values:
            return None
        stripped = text.strip()
        same = [v for v in values if v.casefold() == stripped.casefold()]
        if stripped != text and stripped in values:
            return f"`{stripped}` has spaces around it; remove them, or declare the " \
                "spelling as an alias of the code"
        if same:
            return f"`{clip(text)}` is not `{same[0]}`: spellings must match exactly, in " \
                "case and spaces; correct it, or declare the spelling as an alias"
        return did_you_mean(text, values) or \
            "expected one of " + ", ".join(f"`{v}`" for v in values)


@attrs.define
class TextCoder:
    """Codes a text column by its vocabulary: each spelling's place in the order the
    spellings first appear."""

    name: str
    vocab: dict[str, int] = attrs.Factory(dict)
    bad: dict = attrs.Factory(dict)  # text is never invalid
    # the last batch's dictionary, its codes (with -1 last, for a null index), its words
    known: tuple[pa.Array, np.ndarray, set] | None = attrs.field(default=None, repr=False)

    def code(self, column: Column, offset: int, count: int) -> np.ndarray:
        if column is None:
            return np.full(count, -1, dtype=np.int32)
        if isinstance(column, pa.Array) and pa.types.is_dictionary(column.type):
            codes = self._codes_of(column.dictionary)
            if codes is not None:
                return codes[_indices(column.indices)]
        self.known = None
        dictionary, indices = _dictionary(column)
        vocab = self.vocab
        mapping = np.array([vocab.setdefault(t, len(vocab)) for t in dictionary] + [-1],
                           dtype=np.int32)
        return mapping[indices]

    def _codes_of(self, dictionary: pa.Array) -> np.ndarray | None:
        """The code of each word of a batch's dictionary (-1 for empty text), then -1; None
        if the dictionary holds a null or a word twice. Parquet's batches of a column carry
        the column chunk's dictionary so far, each the last one and more: only the new
        words are looked up."""
        head, start, seen = np.zeros(0, dtype=np.int32), 0, set()
        if self.known is not None:
            words, codes, known_words = self.known
            if len(dictionary) >= len(words) and dictionary.slice(0, len(words)).equals(words):
                head, start, seen = codes[:-1], len(words), known_words
        tail = dictionary.slice(start).to_pylist()
        new = set(tail)
        if len(new) != len(tail) or None in new or not seen.isdisjoint(new):
            return None
        vocab = self.vocab
        codes = np.concatenate((head, np.asarray(
            [-1 if is_blank(w) else vocab.setdefault(w, len(vocab)) for w in tail],
            dtype=np.int32), [-1])).astype(np.int32)
        self.known = (dictionary, codes, seen | new if start == 0 else _grown(seen, new))
        return codes

    def report(self, path: str, col_no: int, row: Callable[[int], int]) -> list[Diagnostic]:
        return []

    def words(self) -> tuple[str, ...]:
        return tuple(self.vocab)


def _grown(words: set, new: set) -> set:
    """`words` with `new` added (in place: the set was the last batch's, now replaced)."""
    words |= new
    return words


Coder = ColumnCoder | TextCoder


def field_coder(field: m.Field, rating_scales, date_format: str | None = None) -> Coder:
    """The coder of one case field or inspection input column (`date_format`: how the
    file writes dates, if not YYYY-MM-DD)."""
    kind = field.type.kind
    if kind == "enum":
        values = field.type.values
        return ColumnCoder(field.id, "enum", {v: i for i, v in enumerate(values)},
                           f"a value of `{field.id}`", -1, np.int32, tuple(values))
    if kind == "rating":
        scale = rating_scales[field.type.scale]
        return ColumnCoder(field.id, "enum", scale.spellings(), f"a level of `{scale.id}`",
                           -1, np.int32, scale.levels)
    if kind == "boolean":
        return ColumnCoder(field.id, "boolean", {}, "true or false", -1, np.int8)
    if kind in ("number", "date"):
        what = {"number": "a number", "integer": "a whole number",
                "date": f"a date ({date_format or 'YYYY-MM-DD'})"}[field.cell_kind]
        return ColumnCoder(field.id, field.cell_kind, {}, what, np.nan, np.float64,
                           date_format=date_format)
    return TextCoder(field.id)


def answer_coder(question: m.Question, fw: m.Framework) -> ColumnCoder:
    scale = fw.scales[question.scale]
    spellings: dict[str, object] = {c: i for i, c in enumerate(scale.codes)}
    for alias, code in scale.aliases.items():
        spellings[alias] = scale.codes.index(code)
    return ColumnCoder(question.id, "answer", spellings, f"an answer on scale `{scale.id}`",
                       -1, np.int8, tuple(scale.codes) + tuple(scale.aliases))


@attrs.define
class CellSizes:
    """The longest cell over CELL_LIMIT bytes in each column, and its first record."""

    longest: dict[str, tuple[int, int]] = attrs.Factory(dict)

    def add(self, batch: pa.RecordBatch, offset: int) -> None:
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            if pa.types.is_dictionary(column.type):
                if (pc.max(pc.binary_length(column.dictionary)).as_py() or 0) <= CELL_LIMIT:
                    continue  # no cell can be too long
                column = column.cast(column.type.value_type)
            if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
                continue
            lengths = pc.binary_length(column)
            most = pc.max(lengths).as_py()
            if most is not None and most > max(CELL_LIMIT, self.longest.get(name, (0, 0))[0]):
                self.longest[name] = (most, offset + pc.index(lengths, most).as_py())

    def check(self, names: list[str], rows: np.ndarray, shown: str) -> None:
        """Refuse a cell longer than CELL_LIMIT bytes: no answer, field or id is that long,
        and such a cell is a sign of a broken file (an unclosed quote swallowing the rest)."""
        for col_no, name in enumerate(names, start=1):
            if name in self.longest:
                longest, index = self.longest[name]
                row = int(rows[index])
                raise RecordsError(error(
                    "cell-too-long", f"column `{clip(name)}`: a cell of {longest:,} bytes "
                    f"(row {row}), over the limit of {CELL_LIMIT:,}", where(shown, row, col_no),
                    hint="is a quote left open, so that one cell runs on over many lines?"))

    def check_table(self, table: pa.Table, shown: str) -> None:
        offset = 0
        for batch in table.to_batches():
            self.add(batch, offset)
            offset += batch.num_rows
        self.check(table.column_names, file_rows(table), shown)


@attrs.define
class Encoder:
    """Codes whole columns of a table read already, adding a diagnostic per invalid value."""

    path: str
    diagnostics: list[Diagnostic]
    rows: np.ndarray | None = None  # the file row of each record (default: header, then 2...)
    date_format: str | None = None  # how the file writes dates, if not YYYY-MM-DD

    def row(self, index) -> int:
        return int(self.rows[index]) if self.rows is not None else int(index) + 2

    def code(self, table: pa.Table, name: str, coder: Coder) -> np.ndarray:
        codes = coder.code(table.column(name), 0, table.num_rows)
        col_no = table.column_names.index(name) + 1
        self.diagnostics.extend(coder.report(self.path, col_no, self.row))
        return codes


def encode_field(enc: Encoder, table: pa.Table, field: m.Field, rating_scales) -> tuple:
    """(codes, vocabulary or None) for one case field or inspection input column."""
    coder = field_coder(field, rating_scales, enc.date_format)
    codes = enc.code(table, field.id, coder)
    return codes, coder.words() if isinstance(coder, TextCoder) else None
