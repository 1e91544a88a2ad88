"""Careful NumPy: the practical limit of this computation on one machine, as a yardstick.

Written for the benchmark framework alone (its three conditions are hand-coded), from
the same int8 answers critc holds (0 sufficient, 1 insufficient, 2 na, -1 blank), laid out
case-major (a row per case: its best layout; run.py makes that copy before timing, while
critc reads the question-major matrix its readers make):

- each case's combination of condition truths is a small integer k = 2·rosh + custody;
- per block of rows, c = u | N[k] (N: 0x80 where q does not apply, 0 where it does; seen
  as uint8 a blank, -1, is 255) is 0 above the line, 1 below it and 2 or more where the
  answer does not count, so "applicable and answered" is `c < 2` and "above the line"
  `c == 0`: one uint8 comparison each, no per-column AND;
- per-inspection sums are uint8 sums over chunks of at most 255 rows (so no cast and no
  overflow), done 8 counters at a time: the boolean mask of a row is viewed as uint64
  words, each holding 8 one-byte counters, and `np.add.reduceat` adds whole words (no
  carry can cross a byte below 256 rows); 7x faster than reduceat on the uint8 matrix;
- then int64 sums of the chunks per inspection.

The issue's sketch had a threshold table T[k, q] and `u < T[k]`; `u | N[k]` is the same
idea with one gather for both masks instead of two. Profiled per cell (ns, 2,048-row
blocks): gather 0.07-0.10, OR 0.03, each comparison 0.03-0.05, each word reduceat 0.06.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import spec as specs

BLOCK_ROWS = 2048  # rows per block (chosen by timing 512..32768 on this machine)
CHUNK_ROWS = 255  # a uint8 sum of booleans over at most 255 rows cannot overflow


def not_applicable_bits(spec: dict) -> np.ndarray:
    """uint8 (8, questions padded to a multiple of 8): 0 where question q applies to cases
    with k, 0x80 where it does not (and in the padding)."""
    k = np.arange(8)
    rosh, custody = k // 2, k % 2
    applies = np.stack([specs.applies(c, rosh, custody) for c in spec["condition"]], axis=1)
    width = -(-applies.shape[1] // 8) * 8
    bits = np.full((8, width), 0x80, dtype=np.uint8)
    bits[:, : applies.shape[1]] = np.where(applies, 0, 0x80)
    return bits


def chunk_starts(group: np.ndarray, chunk: int = CHUNK_ROWS) -> np.ndarray:
    """Row starts of chunks of at most `chunk` rows that never cross an inspection."""
    bounds = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[bounds[1:], len(group)]
    per = -(-(ends - bounds) // chunk)
    first = np.repeat(bounds, per)
    offset = np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
    return first + offset * chunk


def counts(spec: dict, answers: np.ndarray, rosh: np.ndarray, custody: np.ndarray,
           group: np.ndarray, inspections: int, block_rows: int = BLOCK_ROWS,
           threads: int = 1):
    """(num, den): int64 (inspections, questions); cases sorted by inspection. With
    `threads` > 1 the blocks are shared out between threads (NumPy releases the GIL)."""
    bits = not_applicable_bits(spec)
    k = (rosh.astype(np.intp) << 1) | custody.astype(np.intp)
    starts = chunk_starts(group)
    lanes = bits.shape[1] // 8
    den_chunks = np.empty((len(starts), lanes), dtype=np.uint64)
    num_chunks = np.empty((len(starts), lanes), dtype=np.uint64)
    blocks = list(_blocks(starts, len(answers), block_rows))
    share = -(-len(blocks) // threads)
    parts = [blocks[i:i + share] for i in range(0, len(blocks), share)]
    work = _Work(bits, answers.view(np.uint8), k, starts, den_chunks, num_chunks)
    if len(parts) > 1:
        with ThreadPoolExecutor(len(parts)) as pool:
            list(pool.map(work.count, parts))
    else:
        work.count(blocks)
    nq = answers.shape[1]
    return (_per_inspection(num_chunks, group[starts], inspections, nq),
            _per_inspection(den_chunks, group[starts], inspections, nq))


class _Work:
    """The inputs and outputs of the per-block counting, shared by the threads."""

    def __init__(self, bits, u, k, starts, den_chunks, num_chunks):
        self.bits, self.u, self.k, self.starts = bits, u, k, starts
        self.den_chunks, self.num_chunks = den_chunks, num_chunks

    def count(self, blocks: list[tuple[int, int, int, int]]) -> None:
        """Fill the chunk counters of these blocks (each thread its own buffers)."""
        words = self.bits.view(np.uint64)  # a row of the table is copied 8 bytes at a time
        nq, width = self.u.shape[1], self.bits.shape[1]
        rows = max((hi - lo for _, _, lo, hi in blocks), default=0)
        code = np.empty((rows, width), dtype=np.uint8)
        mask = np.empty((rows, width), dtype=bool)
        for a, b, lo, hi in blocks:
            c, m, local = code[: hi - lo], mask[: hi - lo], self.starts[a:b] - lo
            np.take(words, self.k[lo:hi], axis=0, out=c.view(np.uint64))
            np.bitwise_or(self.u[lo:hi], c[:, :nq], out=c[:, :nq])  # 0 above, 1 below
            np.less(c, 2, out=m)  # applicable and answered
            np.add.reduceat(m.view(np.uint64), local, axis=0, out=self.den_chunks[a:b])
            np.equal(c, 0, out=m)  # applicable and above the line
            np.add.reduceat(m.view(np.uint64), local, axis=0, out=self.num_chunks[a:b])


def _blocks(starts: np.ndarray, rows: int, block_rows: int):
    """(first chunk, end chunk, first row, end row) of blocks of whole chunks."""
    first = np.unique(np.r_[np.searchsorted(starts, np.arange(0, rows, block_rows)),
                            len(starts)])
    for a, b in zip(first[:-1].tolist(), first[1:].tolist(), strict=True):
        yield a, b, int(starts[a]), int(starts[b]) if b < len(starts) else rows


def _per_inspection(chunks: np.ndarray, chunk_group: np.ndarray, inspections: int,
                    nq: int) -> np.ndarray:
    """int64 (inspections, questions) from the uint8 counters of each chunk."""
    counters = chunks.view(np.uint8)[:, :nq]
    first = np.flatnonzero(np.r_[True, chunk_group[1:] != chunk_group[:-1]])
    out = np.zeros((inspections, nq), dtype=np.int64)
    out[chunk_group[first]] = np.add.reduceat(counters, first, axis=0, dtype=np.int64)
    return out


def score(spec: dict, answers, rosh, custody, group, inspections: int,
          block_rows: int = BLOCK_ROWS, threads: int = 1):
    """(num, den, figures) for every inspection."""
    num, den = counts(spec, answers, rosh, custody, group, inspections, block_rows, threads)
    return num, den, specs.figures_from_counts(spec, num, den)
