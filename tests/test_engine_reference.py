"""The NumPy engine against the per-case reference evaluator, on random frameworks and case
archives: every question, aggregate and band label of every inspection must agree (NaN in
the engine exactly where the reference says None, values within 1e-9)."""

from __future__ import annotations

import csv
import datetime
import tempfile
from pathlib import Path

import numpy as np
from critc.compiler.engine import counting
from critc.compiler.engine.cases import group_cases
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.io.records import load_cases, load_inputs
from critc.compiler.io.session import decode_key
from critc.compiler.io.validate import check_answers
from critc.compiler.oracle.reference import Reference
from engine_strategies import (
    SMALL_PRELUDE,
    as_dicts,
    assert_same,
    compile_text,
    direct_table,
    engine_and_reference,
    engine_scores,
    grouping_for,
    input_arrays,
    reference_for,
    scenarios,
    write_cases_csv,
    write_inputs_csv,
)
from hypothesis import given
from hypothesis import strategies as st

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"


def _reference_counts(fw, cases: list[dict], inputs: dict | None):
    ref = Reference(fw, cases, inputs)
    return {qid: ref.counts(qid) for qid in fw.questions}


@given(scenarios(extended=True))
def test_engine_equals_reference_through_a_csv_file(scenario):
    result, plan = compile_text(scenario.text)
    fw = result.framework
    with tempfile.TemporaryDirectory() as tmp:
        path = write_cases_csv(Path(tmp) / "cases.csv", scenario)
        table, problems = load_cases(path, fw)
        assert table is not None
        assert not [d for d in problems if d.is_error], [d.message for d in problems]
        grouping = group_cases(table, fw.inspection, lambda f, c: decode_key(fw, table, f, c))
        inputs = input_arrays(fw, grouping.keys, {})
        if fw.inputs and scenario.inputs:
            given_inputs, input_problems = load_inputs(
                write_inputs_csv(Path(tmp) / "inputs.csv", scenario), fw, grouping.keys)
            assert not [d for d in input_problems if d.is_error]
            inputs.update(given_inputs)
    results = evaluate(plan, table, grouping, inputs)
    by_inspection = scenario.by_inspection()
    reference = reference_for(scenario.text, by_inspection, scenario.inputs)
    assert_same(as_dicts(results), reference, scenario.text)

    # The counts behind each proportion, and the blanks reported as missing.
    for g, key in enumerate(grouping.keys):
        counts = _reference_counts(fw, by_inspection[key], scenario.inputs.get(key))
        for qid, (above, answered) in counts.items():
            index = plan.question(qid).index
            assert (results.numerators[g, index], results.denominators[g, index]) == \
                (above, answered), (key, qid)
    blanks = sum(int(d.message.split(" blank in ")[1].split(" ")[0])
                 for d in check_answers(plan, table, grouping, inputs, strict=False)
                 if d.code == "applicable-left-blank")
    assert blanks == int(results.missing.sum())


@given(scenarios(extended=True))
def test_engine_equals_reference_on_a_table_built_directly(scenario):
    engine = engine_scores(scenario.text, scenario.cases, scenario.inputs)
    reference = reference_for(scenario.text, scenario.by_inspection(), scenario.inputs)
    assert_same(engine, reference, scenario.text)


@given(scenarios(extended=True), st.integers(1100, 2600))
def test_block_boundaries_and_repetition_change_nothing(scenario, rows):
    """Cases are counted in chunks of rows within blocks. Repeating the archive k times
    over more than one block, with inspections interleaved and split across block
    boundaries, multiplies every count by k and leaves every figure as it was."""
    result, plan = compile_text(scenario.text)
    fw = result.framework
    table = direct_table(fw, scenario.cases)
    grouping = grouping_for(fw, table)
    inputs = input_arrays(fw, grouping.keys, scenario.inputs)
    once = evaluate(plan, table, grouping, inputs)

    k = -(-rows // len(scenario.cases))
    big = direct_table(fw, scenario.cases * k)
    big_grouping = grouping_for(fw, big)
    assert big_grouping.keys == grouping.keys
    saved = counting.BLOCK_ROWS, counting.SPAN_ROWS
    counting.BLOCK_ROWS, counting.SPAN_ROWS = 64, 192  # spans of several blocks
    try:
        repeated = evaluate(plan, big, big_grouping, inputs)
    finally:
        counting.BLOCK_ROWS, counting.SPAN_ROWS = saved
    assert np.array_equal(repeated.numerators, k * once.numerators)
    assert np.array_equal(repeated.denominators, k * once.denominators)
    assert np.array_equal(repeated.missing, k * once.missing)
    assert np.array_equal(repeated.not_applicable_answered, k * once.not_applicable_answered)
    assert repeated.cases.keys() == once.cases.keys()
    for node, cases in once.cases.items():
        assert np.array_equal(repeated.cases[node], k * cases), node
    assert_same(as_dicts(repeated), as_dicts(once), scenario.text)


@given(scenarios(extended=True))
def test_grouping_by_another_field_and_all_cases_agree_with_reference(scenario):
    spec = scenario.spec
    field = next(iter(spec.enums))
    everything = engine_scores(scenario.text, scenario.cases, by=None)
    assert list(everything) == ["all cases"]
    reference = reference_for(scenario.text, {"all cases": scenario.cases})
    assert_same(everything, reference, scenario.text)

    by_field = engine_scores(scenario.text, scenario.cases, by=field)
    groups: dict[str, list[dict]] = {}
    for case in scenario.cases:
        groups.setdefault(case[field] if case[field] is not None else "(blank)", []).append(case)
    assert_same(by_field, reference_for(scenario.text, groups), scenario.text)


def test_demo_archive_engine_equals_reference():
    result, plan = compile_text((DEMO / "framework.crit").read_text(encoding="utf-8"),
                                str(DEMO / "framework.crit"))
    fw = result.framework
    table, problems = load_cases(DEMO / "cases.csv", fw)
    assert not problems
    grouping = group_cases(table, "area", lambda f, c: decode_key(fw, table, f, c))
    inputs, input_problems = load_inputs(DEMO / "inputs.csv", fw, grouping.keys)
    assert not input_problems
    engine = as_dicts(evaluate(plan, table, grouping, inputs))

    with open(DEMO / "cases.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    cases: dict[str, list[dict]] = {}
    for row in rows:
        case = {}
        for key, value in row.items():
            if value == "":
                value = None
            elif key in fw.fields and fw.fields[key].type.kind == "boolean":
                value = value == "true"
            case[key] = value
        cases.setdefault(row["area"], []).append(case)
    with open(DEMO / "inputs.csv", newline="", encoding="utf-8") as handle:
        given_inputs = {r["area"]: {"leadership": r["leadership"]}
                        for r in csv.DictReader(handle)}
    reference = reference_for(
        (DEMO / "framework.crit").read_text(encoding="utf-8"), cases, given_inputs)
    assert_same(engine, reference)
    assert len(engine) == 6


# ----------------------------------------------------------------------------- other field types
MIXED = '''\
framework "Numbers, dates, text and rated inputs in conditions" version "1"

''' + SMALL_PRELUDE + '''  age: number
  seen: date
  team: text
  home: text
  risk: one of {low, medium, high}

inspection inputs
  lead: rating grade
  staff: number
  region: text

section 1 "S" = mean of its questions
  question 1a "A"
    applies when age >= 18 and age < 65
  question 1b "B"
    applies when seen >= 2024-01-01 or team = "north"
  question 1c "C"
    applies when team in {"north", "south"} and not (risk > medium)
  question 1d "D"
    applies when lead >= fair
  question 1e "E"
    applies when staff * 2 > age / 10 or -age < -50
  question 1f "F"
    applies when "west" != team and risk != low
  question 1g "G"
    applies when team = home or home = "east"
  question 1h "H"
    applies when region = "north" or region = team

score s2 "x" = section 1 * staff / 10 + points(lead) * 1%
'''
MIXED_QUESTIONS = ["1a", "1b", "1c", "1d", "1e", "1f", "1g", "1h"]
TEAMS = st.one_of(st.none(), st.sampled_from(["north", "south", "west", "east", "North"]))
MIXED_CASES = st.lists(st.fixed_dictionaries({
    "insp": st.sampled_from(["A", "B"]),
    "age": st.one_of(st.none(), st.sampled_from([0, 17, 18, 18.5, 64.99, 65, 90])),
    "seen": st.one_of(st.none(), st.sampled_from(
        [datetime.date(2023, 12, 31), datetime.date(2024, 1, 1), datetime.date(2024, 6, 1)])),
    "team": TEAMS, "home": TEAMS,
    "risk": st.one_of(st.none(), st.sampled_from(["low", "medium", "high"])),
    **{q: st.sampled_from(["yes", "no", "na", None]) for q in MIXED_QUESTIONS},
}), min_size=1, max_size=12)
MIXED_INPUTS = st.fixed_dictionaries({k: st.fixed_dictionaries({
    "lead": st.one_of(st.none(), st.sampled_from(["good", "fair", "poor"])),
    "staff": st.one_of(st.none(), st.sampled_from([0, 1, 2.5, 10])),
    "region": TEAMS}) for k in ["A", "B"]})


@given(MIXED_CASES, MIXED_INPUTS)
def test_numbers_dates_text_and_rated_inputs_in_conditions(cases, inputs):
    """Text is compared in each field's own codes (a constant, or another text field or
    input), numbers and dates with arithmetic, rated inputs by level; blanks are unknown."""
    for i, case in enumerate(cases):
        case["ref"] = f"c{i}"
    columns = ["ref", "insp", "age", "seen", "team", "home", "risk", *MIXED_QUESTIONS]
    engine, reference, _table = engine_and_reference(MIXED, cases, columns, inputs,
                                                     ["lead", "staff", "region"], "mixed.crit")
    assert_same(engine, reference)
