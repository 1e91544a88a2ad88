"""Text fields coded batch by batch (`io.encode.TextCoder`): the codes and the vocabulary
do not depend on how a reader dictionary-encodes the batches (Parquet's growing
dictionaries, a fresh dictionary per CSV block, plain text, or a dictionary holding a word
twice)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from critc.compiler.io.encode import TextCoder


def _code_all(batches: list) -> tuple[list[int], tuple[str, ...]]:
    coder, out, offset = TextCoder("case"), [], 0
    for batch in batches:
        out += coder.code(batch, offset, len(batch)).tolist()
        offset += len(batch)
    return out, coder.words()


def _dictionary(words: list, indices: list) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(indices, type=pa.int32()),
                                          pa.array(words, type=pa.string()))


CELLS = [["b", "a", None, ""], ["c", "a", "d", None], ["e", "b", ""]]
EXPECTED = ([0, 1, -1, -1, 2, 1, 3, -1, 4, 0, -1], ("b", "a", "c", "d", "e"))


def test_plain_text_batches():
    assert _code_all([pa.array(cells, type=pa.string()) for cells in CELLS]) == EXPECTED


def test_growing_dictionaries_as_parquet_gives_them():
    words = ["b", "a", "", "c", "d", "e"]  # each batch: the dictionary so far, and more
    batches = [_dictionary(words[:3], [0, 1, None, 2]),
               _dictionary(words[:5], [3, 1, 4, None]),
               _dictionary(words, [5, 0, 2])]
    assert _code_all(batches) == EXPECTED


def test_a_fresh_dictionary_per_batch_as_csv_gives_them():
    batches = [_dictionary(["b", "a"], [0, 1, None, None]),
               _dictionary(["c", "a", "d"], [0, 1, 2, None]),
               _dictionary(["e", "b", ""], [0, 1, 2])]
    assert _code_all(batches) == EXPECTED


def test_a_dictionary_holding_a_word_twice_is_coded_by_its_cells():
    batches = [_dictionary(["b", "a"], [0, 1, None, None]),
               _dictionary(["b", "a", "c", "a", "d"], [2, 3, 4, None]),
               _dictionary(["e", "b", ""], [0, 1, 2])]
    assert _code_all(batches) == EXPECTED


def test_a_dictionary_that_grows_with_a_repeated_word_falls_back():
    batches = [_dictionary(["b", "a"], [0, 1, None, None]),
               _dictionary(["b", "a", "c", "b", "d"], [2, 1, 4, None]),
               _dictionary(["e", "b", ""], [0, 1, 2])]
    assert _code_all(batches) == EXPECTED
    assert np.array_equal(TextCoder("x").code(None, 0, 2), [-1, -1])
