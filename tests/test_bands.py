"""Band rows: how a list of rows is read (the cascade), and the checks for order, overlap and
gaps among the values that can occur after rounding."""

from __future__ import annotations

import pytest
from critc.compiler.check.bands import band_row_for
from critc.compiler.check.passes import check_file

HEAD = """\
framework "Bands" version "1"

scale sufficiency
  yes "Yes" above the line
  no "No"

rating scale grade
  good "Good" 2 points
  poor "Poor" 0 points

section 1 "S" = mean of its questions
  question 1a "A"

score count_of "A plain number" = count(question 1a)
"""


def check(rows: str, rounding: str | None = None, on: str = "section 1", gives: str = ""):
    clauses = f"  on {on}\n" + (f"  gives {gives}\n" if gives else "") + \
        (f"  rounding {rounding}\n" if rounding else "")
    result = check_file("bands.crit", HEAD + "\nband b\n" + clauses + rows)
    return result


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def band(rows: str, rounding: str | None = None):
    result = check(rows, rounding)
    assert codes(result) == [], [d.message for d in result.diagnostics]
    return result.framework.bands["b"]


def label(b, value: float) -> str | None:
    row = band_row_for(b, value)
    return row.output if row else None


# ----------------------------------------------------------------------------- the cascade
def test_descending_and_above_rows_end_where_the_row_before_begins():
    b = band('  70% and above: "Good"\n  60% and above: "Fair"\n  otherwise: "Poor"\n')
    good, fair, poor = b.rows
    assert (good.low, good.low_inclusive, good.high) == (70, True, None)
    assert (fair.low, fair.low_inclusive, fair.high, fair.high_inclusive) == (60, True, 70, False)
    assert poor.otherwise
    assert [label(b, v) for v in (100, 70, 69, 60, 59, 0)] == \
        ["Good", "Good", "Fair", "Fair", "Poor", "Poor"]


def test_above_rows_close_the_next_row_inclusively():
    b = band('  above 70%: "Good"\n  above 60%: "Fair"\n  otherwise: "Poor"\n')
    fair = b.rows[1]
    assert (fair.low, fair.low_inclusive, fair.high, fair.high_inclusive) == (60, False, 70, True)
    assert [label(b, v) for v in (71, 70, 61, 60)] == ["Good", "Fair", "Fair", "Poor"]


def test_ascending_rows_from_below_up():
    b = band('  below 50%: "Poor"\n  50% to 64%: "Fair"\n  65% and above: "Good"\n')
    assert [label(b, v) for v in (0, 49, 50, 64, 65, 100)] == \
        ["Poor", "Poor", "Fair", "Fair", "Good", "Good"]


def test_ascending_open_rows_start_where_the_row_before_ends():
    b = band('  below 50%: "Poor"\n  below 65%: "Fair"\n  65% and above: "Good"\n')
    fair = b.rows[1]
    assert (fair.low, fair.low_inclusive, fair.high, fair.high_inclusive) == (50, True, 65, False)
    assert [label(b, v) for v in (49, 50, 64, 65)] == ["Poor", "Fair", "Fair", "Good"]


def test_an_explicit_range_is_not_changed_by_the_cascade():
    b = band('  70% and above: "Good"\n  40% to 69%: "Fair"\n  otherwise: "Poor"\n')
    assert (b.rows[1].low, b.rows[1].high, b.rows[1].high_inclusive) == (40, 69, True)


def test_the_file_rounding_applies_unless_the_band_has_its_own():
    whole = band('  70% and above: "Good"\n  otherwise: "Poor"\n')
    finer = band('  70% and above: "Good"\n  otherwise: "Poor"\n', "half up to 1 decimal place")
    assert (whole.rounding.places, finer.rounding.places) == (0, 1)


# ----------------------------------------------------------------------------- gaps and overlaps
ASCENDING = '  below 50%: "Poor"\n  50% to 64%: "Fair"\n  65% and above: "Good"\n'


def test_whole_percent_rows_that_meet_leave_no_gap():
    assert codes(check(ASCENDING)) == []


def test_the_same_rows_leave_a_gap_at_one_decimal_place():
    result = check(ASCENDING, "half up to 1 decimal place")
    assert codes(result) == ["threshold-gap"]
    assert result.diagnostics[0].message == "band `b` leaves a gap: 64.1% to 64.9% gets no label"
    assert result.diagnostics[0].span.line == result.diagnostics[0].labels[0].span.line + 1


def test_a_gap_of_one_value_names_it():
    result = check('  below 50%: "Poor"\n  50% to 64%: "Fair"\n  66% and above: "Good"\n')
    assert [d.message for d in result.diagnostics] == ["band `b` leaves a gap: 65% gets no label"]


def test_otherwise_fills_gaps():
    assert codes(check('  70% and above: "Good"\n  50% to 60%: "Fair"\n  otherwise: "Poor"\n')) \
        == []


def test_rows_sharing_a_threshold_overlap():
    result = check('  below 50%: "Poor"\n  50% to 65%: "Fair"\n  65% and above: "Good"\n')
    assert codes(result) == ["overlapping-thresholds"]
    assert "65% falls in both" in result.diagnostics[0].message


def test_rounding_decides_whether_rows_overlap():
    rows = '  above 59.5%: "Pass"\n  below 60%: "Fail"\n'
    assert codes(check(rows)) == []  # whole percents: ≥ 60 and ≤ 59
    result = check(rows, "half up to 1 decimal place")  # 59.6 .. 59.9 are in both
    assert codes(result) == ["overlapping-thresholds"]
    assert "59.6% falls in both" in result.diagnostics[0].message


def test_a_row_no_rounded_value_can_fall_in():
    result = check('  70% and above: "Good"\n  60.2% to 60.4%: "Odd"\n  otherwise: "Poor"\n')
    assert codes(result) == ["empty-band-row"]
    assert codes(check('  70% and above: "Good"\n  60.2% to 60.4%: "Odd"\n  otherwise: "Poor"\n',
                       "half up to 1 decimal place")) == []


def test_rows_out_of_order():
    result = check('  60% and above: "Fair"\n  70% and above: "Good"\n  otherwise: "Poor"\n')
    assert codes(result) == ["thresholds-out-of-order"]
    assert result.diagnostics[0].span.line > result.diagnostics[0].labels[0].span.line
    assert codes(check('  70% and above: "Good"\n  40% to 49%: "Poor"\n  50% to 69%: "Fair"\n'
                       '  otherwise: "None"\n')) == ["thresholds-out-of-order"]


def test_otherwise_must_come_once_and_last():
    assert codes(check('  otherwise: "Poor"\n  70% and above: "Good"\n')) == \
        ["otherwise-not-last"]
    assert codes(check('  70% and above: "Good"\n  otherwise: "Poor"\n  otherwise: "Bad"\n')) \
        == ["repeated-otherwise"]


def test_uncovered_ends_are_warnings():
    result = check('  70% and above: "Good"\n')
    assert [(d.code, d.severity.value) for d in result.diagnostics] == \
        [("threshold-gap", "warning")]
    assert "below 70%" in result.diagnostics[0].message
    result = check('  below 70%: "Poor"\n')
    assert "above 69%" in result.diagnostics[0].message


# ----------------------------------------------------------------------------- units and outputs
def test_a_score_band_needs_percent_thresholds():
    result = check('  70 and above: "Good"\n  otherwise: "Poor"\n')
    assert codes(result) == ["threshold-not-percent"]
    assert result.diagnostics[0].hint == "write 70%"


def test_a_number_band_must_not_use_percent():
    result = check('  3% and above: "Many"\n  otherwise: "Few"\n', on="score count_of")
    assert codes(result) == ["threshold-is-percent"]
    assert codes(check('  3 and above: "Many"\n  otherwise: "Few"\n', on="score count_of")) == []


def test_a_rating_band_names_levels():
    assert codes(check("  70% and above: good\n  otherwise: poor\n", gives="grade")) == []
    assert codes(check("  70% and above: great\n  otherwise: poor\n", gives="grade")) == \
        ["unknown-value"]
    assert codes(check('  70% and above: "Good"\n  otherwise: poor\n', gives="grade")) == \
        ["label-in-rating-band"]


def test_a_text_band_quotes_its_labels():
    result = check('  70% and above: good\n  otherwise: "Poor"\n')
    assert codes(result) == ["unquoted-label"]


def test_a_band_without_rows():
    result = check_file("bands.crit", HEAD + "\nband b on section 1\n")
    assert codes(result) == ["empty-band"]


@pytest.mark.parametrize(("rows", "expected"), [
    ('  90% and above: "A"\n  80% and above: "B"\n  70% and above: "C"\n  otherwise: "D"\n',
     {95: "A", 90: "A", 89: "B", 80: "B", 79: "C", 70: "C", 69: "D"}),
    ('  below 10%: "D"\n  10% to 19%: "C"\n  20% to 29%: "B"\n  30% and above: "A"\n',
     {0: "D", 9: "D", 10: "C", 19: "C", 20: "B", 29: "B", 30: "A"}),
])
def test_longer_lists(rows, expected):
    b = band(rows)
    assert {v: label(b, v) for v in expected} == expected
