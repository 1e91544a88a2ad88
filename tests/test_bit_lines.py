"""Lines of bits (`engine/bit_lines.py`) and the engine's reading of the answer matrix:
counts of set bits between positions against a plain count, and the same counts whatever
the order of the cases and the layout of the matrix."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
import numpy as np
import pytest
from critc.compiler.engine import counting
from critc.compiler.engine.bit_lines import packed_width, set_bits_between
from critc.compiler.engine.cases import Grouping
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.io.records import load_cases
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import archive  # noqa: E402
import case_files  # noqa: E402


@given(st.integers(0, 300), st.lists(st.integers(0, 300), max_size=12), st.integers(0, 2**32))
@settings(max_examples=200, deadline=None)
def test_set_bits_between_counts_each_range(length, cuts, seed):
    bits = np.random.default_rng(seed).random((3, length)) < 0.5
    bounds = np.asarray(sorted({0, length, *(c for c in cuts if c <= length)}))
    lines = np.zeros((3, packed_width(length)), dtype=np.uint8)
    lines[:, : -(-length // 8)] = np.packbits(bits, axis=1, bitorder="little")
    lines[:, -(-length // 8):] = 0xFF  # whatever lies past the end is not counted
    if length % 8:
        lines[:, length // 8] |= np.uint8(0xFF << (length % 8) & 0xFF)
    got = set_bits_between(lines.view(np.uint64), bounds)
    want = [[int(line[a:b].sum()) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
            for line in bits]
    assert got.tolist() == want


@pytest.fixture(scope="module")
def archive_in_order():
    plan, table, grouping = archive.build(6_000, inspections=7, seed=3)
    return plan, table, grouping, evaluate(plan, table, grouping)


def same_counts(a, b) -> None:
    assert np.array_equal(a.numerators, b.numerators)
    assert np.array_equal(a.denominators, b.denominators)
    assert np.array_equal(a.missing, b.missing)
    assert np.array_equal(a.not_applicable_answered, b.not_applicable_answered)
    assert a.cases.keys() == b.cases.keys()
    for node in a.cases:
        assert np.array_equal(a.cases[node], b.cases[node]), node


@pytest.mark.parametrize("run", [1, 3, 300, 1000])
def test_cases_in_any_order_count_the_same(archive_in_order, run):
    """Cases reordered in runs of `run` cases of one inspection: short runs are sorted by
    inspection first, long ones read as they come (an inspection's runs added up)."""
    plan, table, grouping, expected = archive_in_order
    rng = np.random.default_rng(run)
    pieces = np.split(np.arange(table.n), np.flatnonzero(np.diff(grouping.group)) + 1)
    runs = [p[i:i + run] for p in pieces for i in range(0, len(p), run)]
    order = np.concatenate([runs[i] for i in rng.permutation(len(runs))])
    shuffled = attrs.evolve(table, n=table.n, answers=table.answers[order],
                            fields={k: v[order] for k, v in table.fields.items()})
    regrouped = Grouping(grouping.group[order], grouping.keys, grouping.by)
    assert (counting._inspection_order(regrouped.group) is None) == (run >= 300)
    same_counts(evaluate(plan, shuffled, regrouped), expected)


def test_a_case_major_matrix_counts_the_same(archive_in_order):
    plan, table, grouping, expected = archive_in_order
    case_major = attrs.evolve(table, answers=np.ascontiguousarray(table.answers))
    assert case_major.answers.flags.c_contiguous and not table.answers.flags.c_contiguous
    same_counts(evaluate(plan, case_major, grouping), expected)


def test_the_readers_make_a_question_major_matrix(archive_in_order, tmp_path):
    """CSV and Parquet files are read into a question-major matrix (each question's answers
    contiguous), which the engine reads without a copy, with the same answers."""
    plan, table, grouping, _ = archive_in_order
    csv_path, parquet_path = case_files.write(archive.spec_of(plan), table, tmp_path)
    for path in (csv_path, parquet_path):
        read, problems = load_cases(path, plan.framework)
        assert read is not None, problems
        assert read.answers.strides[0] == 1  # a case to the next: the next byte
        assert np.shares_memory(counting.question_lines(read.answers), read.answers)
        assert np.array_equal(read.answers, table.answers)
