"""The case fields, answers and case ids of records, encoded a batch at a time into the
arrays of a `CaseTable` (cells become codes in `encode`)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from critc.compiler.engine.cases import blank_column
from critc.compiler.io.encode import CellSizes, TextCoder, answer_coder, field_coder
from critc.compiler.model import framework as m
from critc.compiler.model.cells import is_blank
from critc.dsl.diagnostics import Diagnostic


class CaseColumns:
    """The case fields, answers and case ids of records, encoded batch by batch."""

    def __init__(self, fw: m.Framework, most: int, date_format: str | None = None):
        self.fw = fw
        self.fields = {f.id: field_coder(f, fw.rating_scales, date_format)
                       for f in fw.case_fields}
        self.parts: dict[str, list[np.ndarray]] = {f: [] for f in self.fields}
        self.questions = [answer_coder(q, fw) for q in fw.questions.values()]
        # question-major (each question's answers contiguous), as the engine reads them
        self.answers = np.full((most, len(self.questions)), -1, dtype=np.int8, order="F")
        self.ids: list = []
        self.sizes = CellSizes()
        self.count = 0

    def add(self, batch: pa.RecordBatch) -> None:
        offset, n = self.count, batch.num_rows
        self.sizes.add(batch, offset)
        columns = dict(zip(batch.schema.names, batch.columns, strict=True))
        if offset + n > len(self.answers):  # more records than the reader foresaw
            grown = np.full((max(2 * len(self.answers), offset + n), len(self.questions)), -1,
                            dtype=np.int8, order="F")
            grown[:offset] = self.answers[:offset]
            self.answers = grown
        for name, coder in self.fields.items():
            self.parts[name].append(coder.code(columns.get(name), offset, n))
        self._add_answers(columns, offset, n)
        if self.fw.case_id and not self.ids_from_codes:
            ids = columns.get(self.fw.case_id)
            self.ids.extend(blank_as_none(ids.to_pylist()) if ids is not None else [None] * n)
        self.count += n

    def _add_answers(self, columns: dict, offset: int, n: int) -> None:
        """Each answer column's codes, written into its column of the matrix (contiguous in
        the question-major matrix: 200,000 cases x 200 questions filled in 10 ms, where the
        case-major matrix, a block of rows at a time, took 77 ms)."""
        for index, coder in enumerate(self.questions):
            if coder.name in columns:
                self.answers[offset:offset + n, index] = coder.code(columns[coder.name],
                                                                    offset, n)

    @property
    def ids_from_codes(self) -> bool:
        """Whether the case ids are a text field's codes (its words looked up at the end,
        not a string made per cell and batch)."""
        return isinstance(self.fields.get(self.fw.case_id or ""), TextCoder)

    def case_ids(self) -> np.ndarray:
        """Each case's id (None where blank), as an object array."""
        if not self.ids_from_codes:
            return np.asarray(self.ids, dtype=object)
        coder = self.fields[self.fw.case_id or ""]
        assert isinstance(coder, TextCoder)
        words = np.asarray([*coder.words(), None], dtype=object)  # code -1: blank, None
        parts = self.parts[coder.name]
        return words[np.concatenate(parts)] if parts else np.full(self.count, None, object)

    def invalid_values(self, names: list[str], rows: np.ndarray, shown: str
                       ) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for coder in [*self.fields.values(), *self.questions]:
            if coder.name in names:
                out += coder.report(shown, names.index(coder.name) + 1, lambda i: int(rows[i]))
        return out

    def field_codes(self, names: list[str]) -> tuple[dict, dict]:
        """(codes of each case field, vocabulary of each text field in the file)."""
        fields, vocab = {}, {}
        for field in self.fw.case_fields:
            if field.id not in names:
                fields[field.id] = blank_column(field, self.count)
                continue
            parts = self.parts[field.id]
            fields[field.id] = np.concatenate(parts) if parts else \
                blank_column(field, self.count)
            coder = self.fields[field.id]
            if isinstance(coder, TextCoder):
                vocab[field.id] = coder.words()
        return fields, vocab

    def encoded_answers(self) -> np.ndarray:
        if self.count >= 0.9 * len(self.answers):
            return self.answers[:self.count]
        return self.answers[:self.count].copy(order="F")


def blank_as_none(cells: list) -> list:
    """Cells' text with every blank (a null or empty text, as `cells.is_blank` says) None."""
    return [None if is_blank(text) else text for text in cells]
