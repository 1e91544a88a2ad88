"""Case records in memory: one NumPy array per case field and an int8 answer matrix.

Encodings (a blank is the missing marker of each):
    enum, text       int32 index into the declared values / the column's vocabulary; -1
    boolean          int8 1 or 0; -1
    number           float64; NaN
    date             float64 days since 1970-01-01; NaN
    rating           int32 level index, best level first; -1
    answers          int8 code index in the question's scale; -1

The answer matrix is (cases, questions), best held question-major (`order="F"`: each
question's answers contiguous), as the readers make it; the engine copies a case-major
one before counting (`counting.question_lines`).
"""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.engine.runtime import group_index, missing, natural_key


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
    answers: np.ndarray  # (n, questions) int8, question-major (see above)
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


def no_cases(fw) -> CaseTable:
    """A case table with no cases: what inspections scored from their inputs alone read."""
    return CaseTable(n=0, fields={f.id: blank_column(f, 0) for f in fw.case_fields},
                     vocab={f.id: () for f in fw.case_fields if f.type.kind == "text"},
                     answers=np.zeros((0, len(fw.questions)), dtype=np.int8),
                     question_ids=tuple(fw.questions))


def group_cases(table: CaseTable, by: str | None, decode, extra_keys=()) -> Grouping:
    """Group by a field (sorted by its displayed value) or, with `by=None`, all together.
    `extra_keys` are inspections with no cases (scored from their inputs alone): they take
    their place in the order among the others."""
    if by is None:
        return Grouping(np.zeros(table.n, dtype=np.int32), ("all cases",), None)
    group, keys = group_index(table.fields[by], lambda code: decode(by, code), np.int32)
    added = [k for k in dict.fromkeys(extra_keys) if k not in keys]
    if not added:
        return Grouping(group, tuple(keys), by)
    blank = [keys.pop()] if missing(table.fields[by]).any() else []  # the blank key stays last
    merged = sorted([*keys, *added], key=natural_key) + blank
    remap = np.asarray([merged.index(k) for k in [*keys, *blank]], dtype=np.int32)
    return Grouping(remap[group], tuple(merged), by)
