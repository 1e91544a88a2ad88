"""Figures across inspections (`across inspections`): the engine against the oracle on
random frameworks and archives, the grammar's round trip, and what they mean on a small
archive worked by hand."""

from __future__ import annotations

import hashlib
import json
import math

import numpy as np
import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.cli import main as cli
from critc.compiler.codegen.generate import generate
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.oracle.across import reference_across
from critc.compiler.sql.query import compile_sql
from critc.dsl import ast
from critc.dsl.parser import parse
from critc.dsl.printer import format_module
from engine_strategies import (
    across_lines,
    compile_text,
    direct_table,
    grouping_for,
    input_arrays,
    scenarios,
    write_cases_csv,
    write_inputs_csv,
)
from hypothesis import given, settings
from test_codegen import as_module_values, assert_figures, load_module
from test_sql import assert_same_as_engine, engine_rows, read_csv, run_sql

HAND = '''framework "Across" version "1"

scale s
  yes "Yes" above the line
  no "No"
  na "N/A" not applicable

case fields
  insp "Inspection": text, inspection

inspection inputs
  grade "Judged": number

criterion 1 "Criterion" = mean of its questions skipping undefined
  question 1a "First?"
  question 1b "Second?"

score judged "Judged" = grade

across inspections
  criterion 1-mean "Mean of the inspections" = mean of criterion 1 across inspections
  criterion 1-kept = mean of criterion 1 across inspections skipping undefined
  criterion 1-pooled "All cases" = pooled over criterion 1 across inspections
    rounding half up to 1 decimal place
  score 1-low = min of criterion 1 across inspections
  score 1-range = max of criterion 1 across inspections - score 1-low
  score 1-count = count of criterion 1 across inspections
  score judged-mean = mean of judged across inspections skipping undefined

band level "Level"
  on criterion 1-pooled
  60% and above: "High"
  otherwise: "Low"
'''

# A: 1a 2/2, 1b 1/2 → 75%; B: 1a 1/3, 1b 1/2 → 41.7%; C: nothing counted → undefined
CASES = [("A", "yes", "no"), ("A", "yes", "yes"), ("B", "no", None), ("B", "no", "no"),
         ("B", "yes", "yes"), ("C", None, "na")]


def _scores(text: str, cases: list[dict], inputs: dict[str, dict] | None = None,
            by: str | None = "default"):
    result, plan = compile_text(text)
    fw = result.framework
    table = direct_table(fw, cases)
    grouping = grouping_for(fw, table, by)
    if any(field.type.kind == "number" for field in fw.inputs):  # only `grade`, in HAND
        given = {"grade": np.asarray([(inputs or {}).get(k, {}).get("grade", np.nan)
                                      for k in grouping.keys], dtype=float)}
    else:
        given = input_arrays(fw, grouping.keys, inputs or {})
    return evaluate(plan, table, grouping, given)


def _hand_cases() -> list[dict]:
    return [{"insp": k, "1a": a, "1b": b} for k, a, b in CASES]


def _close(got: float | None, expected: float | None) -> bool:
    if got is None or expected is None or (isinstance(got, float) and math.isnan(got)):
        return expected is None and (got is None or math.isnan(got))
    return math.isclose(got, expected, rel_tol=0, abs_tol=1e-9)


def test_the_figures_across_inspections_of_a_small_archive():
    inputs = {"A": {"grade": 2.0}, "B": {"grade": 4.0}}
    results = _scores(HAND, _hand_cases(), inputs)
    values = results.across.values
    assert math.isnan(values["1-mean"])  # C has no value, and a mean is strict
    assert _close(values["1-kept"], (0.75 + 5 / 12) / 2)
    assert _close(values["1-pooled"], (3 / 5 + 2 / 4) / 2)  # 1a 3/5, 1b 2/4
    assert _close(values["1-low"], 5 / 12)
    assert _close(values["1-range"], 0.75 - 5 / 12)
    assert values["1-count"] == 2.0
    assert values["judged-mean"] == 3.0
    assert values["level[1-pooled]"] == 1.0  # 55%: the second row, Low
    assert results.across.inspections == 3
    assert results.across.cases["1-pooled"] == 5
    assert "1-mean" not in results.values  # not a figure per inspection


def test_across_figures_are_not_steps_per_inspection():
    _, plan = compile_text(HAND)
    assert {step.node for step in plan.across} >= {"1-mean", "1-pooled", "level[1-pooled]"}
    assert not {step.node for step in plan.steps} & {step.node for step in plan.across}
    assert "1-mean" not in plan.figures and "1-mean" in plan.across_figures


def test_all_cases_as_one_inspection_makes_mean_and_pooled_agree():
    results = _scores(HAND, _hand_cases(), by=None)
    values = results.across.values
    assert _close(values["1-kept"], values["1-pooled"])
    assert _close(values["1-mean"], values["1-pooled"])


def test_the_block_round_trips_through_the_formatter():
    parsed = parse(HAND, "hand.crit")
    assert not parsed.diagnostics
    block = next(i for i in parsed.module.items if isinstance(i, ast.AcrossInspections))
    assert [a.id for a in block.aggregates][:3] == ["1-mean", "1-kept", "1-pooled"]
    text = format_module(parsed.module, parsed.comments, HAND)
    assert text == HAND
    assert parse(text, "hand.crit").module == parsed.module


@pytest.mark.parametrize("formula, code", [
    ("criterion 1 + 1%", "per-inspection-in-across"),
    ("mean of criterion 1-mean across inspections", "across-of-across"),
    ("min of criterion 1 across inspections skipping undefined", "misplaced-skipping"),
    ("pooled over judged across inspections", "pooled-needs-cases"),
    ("points of criterion 1 across inspections", "wrong-arguments"),
    ("mean of grade across inspections", "across-needs-figure"),
])
def test_misuse_inside_the_block_is_reported(formula, code):
    text = HAND + f"\nacross inspections\n  score bad = {formula}\n"
    codes = {d.code for d in check_file("bad.crit", text).diagnostics}
    assert code in codes, codes


@pytest.mark.parametrize("line, code", [
    ("score per = criterion 1-mean", "across-figure-per-inspection"),
    ("score per = mean of criterion 1 across inspections", "across-outside-block"),
])
def test_misuse_outside_the_block_is_reported(line, code):
    codes = {d.code for d in check_file("bad.crit", HAND + "\n" + line + "\n").diagnostics}
    assert code in codes, codes


def test_selectors_outside_the_block_never_select_its_figures():
    result = check_file("sel.crit", HAND + "\nscore every = mean of all criteria\n")
    assert result.ok, [d.message for d in result.diagnostics]
    formula = result.model.aggregates["every"].formula
    assert [ref.node for ref in formula.items] == ["1"]  # type: ignore[union-attr]


@given(scenarios(extended=True))
def test_engine_equals_reference_across_inspections(scenario):
    text = scenario.text + "\n" + "\n".join(across_lines(scenario.spec))
    result, _ = compile_text(text)
    results = _scores(text, scenario.cases, scenario.inputs)
    reference = reference_across(result.framework, scenario.by_inspection(), scenario.inputs)
    assert set(results.across.values) == set(reference)
    for node, expected in reference.items():
        assert _close(results.across.values[node], expected), \
            f"{node}: engine {results.across.values[node]}, reference {expected}\n{text}"


@settings(max_examples=25, deadline=None)
@given(scenarios(extended=True))
def test_compiled_module_equals_engine_and_reference_across_inspections(tmp_path_factory,
                                                                        scenario):
    """`score()` of a generated module returns the figures across inspections under the key
    None: the engine's and the oracle's."""
    text = scenario.text + "\n" + "\n".join(across_lines(scenario.spec))
    result, plan = compile_text(text)
    name = "scoring_across_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    path = tmp_path_factory.mktemp("across") / f"{name}.py"
    path.write_text(generate(plan, "generated.crit", text), encoding="utf-8")
    module = load_module(path, name)
    inputs = {k: {"lead": v["lead"]} for k, v in scenario.inputs.items()}
    scored = module.score(scenario.spellings, inputs=inputs)
    engine = _scores(text, scenario.cases, scenario.inputs).across.values
    reference = reference_across(result.framework, scenario.by_inspection(), scenario.inputs)
    reference = {k: (math.nan if v is None else v) for k, v in reference.items()}
    assert_figures(scored[None], as_module_values(plan, engine), text, 1e-9)
    assert_figures(scored[None], as_module_values(plan, reference), text, 1e-9)


def test_a_module_without_figures_across_inspections_is_unchanged():
    result, plan = compile_text(HAND.split("\nacross inspections")[0])
    assert "score_across" not in generate(plan, "hand.crit", HAND)


CSV = "insp,1a,1b\nA,yes,no\nA,yes,yes\nB,no,\nB,no,no\nB,yes,yes\n"


def _hand_files(tmp_path, text: str = HAND):
    framework = tmp_path / "hand.crit"
    framework.write_text(text, encoding="utf-8")
    cases = tmp_path / "cases.csv"
    cases.write_text(CSV, encoding="utf-8")
    return framework, cases


def test_score_shows_them_after_the_inspections(tmp_path, capsys):
    framework, cases = _hand_files(tmp_path)
    assert cli.main(["score", str(framework), str(cases), "--format", "csv"]) == 0
    rows = [line.split(",") for line in capsys.readouterr().out.splitlines()]
    across = [row for row in rows if row[0] == "all inspections"]
    assert [row[1] for row in across][:3] == ["1-mean", "1-kept", "1-pooled"]
    assert across[2][4:6] == ["55.0%", "level: Low"]
    assert cli.main(["score", str(framework), str(cases)]) == 0
    assert "across all 2 inspections" in capsys.readouterr().out


def test_explain_shows_every_inspection_s_value(tmp_path, capsys):
    framework, cases = _hand_files(tmp_path)
    assert cli.main(["explain", str(framework), str(cases), "--node", "1-range"]) == 0
    out = capsys.readouterr().out
    assert "max of criterion 1 over 2 inspections" in out
    assert "A: 75%" in out and "B: 42%" in out
    assert cli.main(["explain", str(framework), str(cases), "--node", "1-pooled"]) == 0
    assert "over the cases of every inspection together (5 cases) = 55%" in \
        capsys.readouterr().out.replace("\n", " ").replace("  ", " ")


def test_diff_attributes_a_moved_figure_across_inspections(tmp_path, capsys):
    old, cases = _hand_files(tmp_path)
    new = tmp_path / "new.crit"
    changed = HAND.replace('version "1"', 'version "2"').replace(
        "= mean of criterion 1 across inspections\n",
        "= max of criterion 1 across inspections\n", 1)
    new.write_text(changed, encoding="utf-8")
    assert cli.main(["diff", str(old), str(new), str(cases), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    text = json.dumps(payload)
    assert "all inspections" in text and "1-mean" in text


def test_a_test_file_expects_them(tmp_path, capsys):
    framework, cases = _hand_files(tmp_path)
    test = tmp_path / "hand.test.yaml"
    body = ("framework: hand.crit\ncases: cases.csv\ntests:\n  - name: across\n"
            "    inspection: all inspections\n    expect:\n      1-pooled: {value: 55.0%, "
            "band: Low}\n      1-low: {value}\n")
    test.write_text(body.replace("{value}", "42%"), encoding="utf-8")
    assert cli.main(["test", str(test)]) == 0
    test.write_text(body.replace("{value}", "41%"), encoding="utf-8")
    assert cli.main(["test", str(test)]) == 1
    test.write_text(body.replace("{value}", "42%").replace("1-low", "1"), encoding="utf-8")
    assert cli.main(["test", str(test)]) == 1
    assert "a test of `all inspections` expects figures across inspections only" in \
        capsys.readouterr().out + capsys.readouterr().err


@settings(max_examples=15, deadline=None)
@given(scenarios(extended=True))
def test_sql_equals_engine_across_inspections(tmp_path_factory, scenario):
    """The SQL target's rows `all inspections`, on DuckDB and SQLite, are the engine's."""
    text = scenario.text + "\n" + "\n".join(across_lines(scenario.spec))
    result, plan = compile_text(text)
    tmp = tmp_path_factory.mktemp("sql")
    framework = tmp / "generated.crit"
    framework.write_text(text, encoding="utf-8")
    cases = write_cases_csv(tmp / "cases.csv", scenario)
    inputs = write_inputs_csv(tmp / "inputs.csv", scenario) if scenario.inputs else None
    table = read_csv(inputs) if inputs else ([scenario.spec.inspection_field, "lead"], [])
    expected = engine_rows(framework, cases, inputs)
    assert any(key == "all inspections" for key, _ in expected)
    for engine in ("duckdb", "sqlite"):
        sql, problems = compile_sql(plan, engine)
        assert sql is not None, problems
        got = run_sql(engine, sql, read_csv(cases),
                      table if result.framework.inputs else None)
        assert_same_as_engine(got, expected, f"{engine}\n{text}")


def test_the_workbook_has_a_sheet_across_inspections(tmp_path):
    import openpyxl  # lazy: only this test reads workbooks back
    framework, cases = _hand_files(tmp_path)
    out = tmp_path / "scores.xlsx"
    assert cli.main(["score", str(framework), str(cases), "--format", "xlsx",
                     "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert "all inspections" in book.sheetnames
    rows = list(book["all inspections"].iter_rows(values_only=True))
    assert ("criterion 1-pooled", "All cases") == rows[6][:2]
    long = [r for r in book["All figures"].iter_rows(values_only=True)
            if r[0] == "all inspections"]
    assert [r[1] for r in long][:2] == ["1-mean", "1-kept"]
