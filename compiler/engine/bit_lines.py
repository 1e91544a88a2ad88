"""Answers as lines of bits: one line per question, one bit per case, 64 cases to a word.

The answer matrix is held question-major (each question's answers contiguous, see
`engine.cases`), so a test of the answer codes is packed along contiguous memory
(`np.packbits`, about as fast as reading the matrix), and what is counted per inspection
is the number of set bits between two case positions of a line (`set_bits_between`):
whole words by `np.bitwise_count`, the two part words at the ends masked.
"""

from __future__ import annotations

import numpy as np

ONE = np.uint64(1)


def packed_width(rows: int) -> int:
    """Bytes of a line of `rows` bits, whole words, with one spare word (so that the word
    holding the end of a line can always be read)."""
    return (rows // 64 + 1) * 8


def pack_into(out: np.ndarray, offset: int, mask: np.ndarray) -> None:
    """Pack `mask` (lines, rows; nonzero is set) into `out` (lines, bytes) from byte
    `offset`: bit j of byte i is row 8i + j."""
    packed = np.packbits(mask, axis=1, bitorder="little")
    out[:, offset:offset + packed.shape[1]] = packed


def below(positions: np.ndarray) -> np.ndarray:
    """uint64 masks of the bits of a word below each position's bit."""
    return (ONE << (positions & 63).astype(np.uint64)) - ONE


def set_bits_between(words: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """(lines, len(bounds) - 1) int64: the set bits of each line of uint64 `words` in each
    range [bounds[i], bounds[i + 1]) of bit positions (`bounds` increasing; `words` must
    hold the word of the last bound)."""
    first = bounds >> 6  # the word of each bound
    whole = np.add.reduceat(np.bitwise_count(words), first, axis=1, dtype=np.int64)[:, :-1]
    whole[:, first[:-1] == first[1:]] = 0  # reduceat gives a word, not nothing, for these
    part = np.bitwise_count(words[:, first] & below(bounds)).astype(np.int64)
    return whole + part[:, 1:] - part[:, :-1]


def add_per_run(total: np.ndarray, inspections: np.ndarray, counts: np.ndarray) -> None:
    """Add `counts` (lines, runs) to `total` (inspections, lines) at each run's inspection
    (`np.add.at`, slower, only where an inspection may come twice)."""
    if len(inspections) < 2 or bool(np.all(inspections[1:] > inspections[:-1])):
        total[inspections] += counts.T
    else:
        np.add.at(total, inspections, counts.T)
