"""Case records in memory: one NumPy array per case field and an int8 answer matrix.

Encodings (a blank is the missing marker of each):
    enum, text       int32 index into the declared values / the column's vocabulary; -1
    boolean          int8 1 or 0; -1
    number           float64; NaN
    date             float64 days since 1970-01-01; NaN
    rating           int32 level index, best level first; -1
    answers          int8 code index in the question's scale; -1
"""

from __future__ import annotations

import attrs
import numpy as np


def blank_column(field, n: int) -> np.ndarray:
    """`n` blanks of a field's type (see the encodings above): NaN for numbers and dates,
    -1 for codes."""
    if field.type.kind in ("number", "date"):
        return np.full(n, np.nan)
    return np.full(n, -1, dtype=np.int32)


def with_blank_inputs(fw, inputs: dict[str, np.ndarray] | None, size: int
                      ) -> dict[str, np.ndarray]:
    """`inputs` with every inspection input of `fw` not given blank for all `size`
    inspections."""
    out = dict(inputs or {})
    for field in fw.inputs:
        if field.id not in out:
            out[field.id] = blank_column(field, size)
    return out


@attrs.define
class CaseTable:
    """Validated, encoded case records."""

    n: int
    fields: dict[str, np.ndarray]
    vocab: dict[str, tuple[str, ...]]  # text fields: the distinct values, in code order
    answers: np.ndarray  # (n, questions) int8
    question_ids: tuple[str, ...]
    case_ids: np.ndarray | None = None  # object array of str
    rows: np.ndarray | None = None  # the row number of each case in its file (1-based, header 1)
    source: str = "<memory>"
    columns: dict[str, int] = attrs.Factory(dict)  # column name → its number in the file


@attrs.define
class Grouping:
    """Which inspection each case belongs to."""

    group: np.ndarray  # int32 per case, 0..len(keys)-1
    keys: tuple[str, ...]
    by: str | None  # the field grouped by, or None for the whole archive

    @property
    def size(self) -> int:
        return len(self.keys)


def group_cases(table: CaseTable, by: str | None, decode) -> Grouping:
    """Group by a field (sorted by its displayed value) or, with `by=None`, all together."""
    if by is None:
        return Grouping(np.zeros(table.n, dtype=np.int32), ("all cases",), None)
    codes = table.fields[by]
    missing = (np.isnan(codes) if codes.dtype.kind == "f" else codes < 0)
    uniques = np.unique(codes[~missing])
    labels = [decode(by, u) for u in uniques.tolist()]
    order = sorted(range(len(labels)), key=lambda i: _natural(labels[i]))
    keys = [labels[i] for i in order]
    remap = np.empty(len(uniques), dtype=np.int32)
    remap[np.asarray(order, dtype=np.int64)] = np.arange(len(order), dtype=np.int32)
    group = np.full(table.n, len(keys), dtype=np.int32)
    group[~missing] = remap[np.searchsorted(uniques, codes[~missing])]
    if missing.any():
        keys.append(blank_key(keys))
    return Grouping(group, tuple(keys), by)


def blank_key(keys: list[str]) -> str:
    """The name of the group of cases whose field is blank: "(blank)", bracketed again for
    as long as a real value already has that name."""
    name = "(blank)"
    while name in keys:
        name = f"({name})"
    return name


def _natural(text: str):
    """Sort "2" before "10" and text alphabetically."""
    parts = []
    for chunk in _split_digits(text):
        parts.append((0, int(chunk), "") if chunk.isdecimal() else (1, 0, chunk))
    return parts


def _split_digits(text: str):
    out, current, digits = [], "", None
    for ch in text:
        is_digit = ch.isdecimal()
        if digits is None or is_digit == digits:
            current += ch
        else:
            out.append(current)
            current = ch
        digits = is_digit
    if current:
        out.append(current)
    return out
