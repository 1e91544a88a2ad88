"""Issue 16, item 5: structure that depends on provider type. Aggregates with `applies when`
over an inspection input are not applicable where it is false; totals leave them out
without becoming partial. Engine, reference oracle, compiled module (`score` and
`score_case`) and SQL agree."""

from __future__ import annotations

import csv
import importlib.util
import math
import tempfile
from pathlib import Path

import numpy as np
from critc.compiler.check.passes import check_file
from critc.compiler.cli import main as cli
from critc.compiler.codegen.generate import generate
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.plan.lower import plan_for
from critc.compiler.sql.query import compile_sql
from critc.dsl.parser import parse
from critc.dsl.printer import format_module
from engine_strategies import as_dicts, assert_same, direct_table, grouping_for, reference_for
from hypothesis import given, settings
from hypothesis import strategies as st
from test_sql import engine_rows, read_csv, run_sql

FRAMEWORK = """framework "Providers"

scale yn
  yes above the line
  no

rating scale r
  good "Good" 2 points
  fair "Fair" 1 point
  poor "Poor" 0 points

inspection inputs
  kind: one of {crc, nps}
  g1: rating r
  g3: rating r
  g4: rating r

case fields
  ref: text, case id
  insp: text, inspection

domain 1 "Common" = sum(points(its standards))
  standard 1.1 "Lead" = g1

domain 3 "NPS" = sum(points(its standards))
  applies when kind = nps
  standard 3.1 "Courts" = g3
  standard 3.2 "Victims" = rb(question 3.2a)
    question 3.2a "Victims?"

domain 4 "CRC" = sum(points(its standards))
  applies when kind = crc
  standard 4.1 "UPW" = g4

score total "Total" = sum(points(all standards))
score loose "Loose" = sum(points(all standards)) skipping undefined
score avg "Mean" = mean(points(all standards))
score n "Count" = count(all standards)
rating worst "Worst" = min(all standards)
score by_domain "Domains" = sum(domain 1, domain 3, domain 4)

band rb gives r
  70% and above: good
  40% and above: fair
  otherwise: poor
"""

LEVELS = ("good", "fair", "poor")
KINDS = ("crc", "nps")
RESULT = check_file("providers.crit", FRAMEWORK)
PLAN = plan_for(RESULT)


def input_arrays(keys, inputs: dict[str, dict]) -> dict[str, np.ndarray]:
    def code(name, value):
        if value is None:
            return -1
        return KINDS.index(value) if name == "kind" else LEVELS.index(value)

    return {name: np.asarray([code(name, inputs.get(k, {}).get(name)) for k in keys],
                             dtype=np.int32) for name in ("kind", "g1", "g3", "g4")}


def engine_scores(cases: list[dict], inputs: dict[str, dict]) -> dict:
    table = direct_table(RESULT.framework, cases)
    grouping = grouping_for(RESULT.framework, table, "default")
    return as_dicts(evaluate(PLAN, table, grouping, input_arrays(grouping.keys, inputs)))


def _module():
    path = Path(tempfile.mkdtemp()) / "providers_module.py"
    path.write_text(generate(PLAN, "providers.crit", FRAMEWORK), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("providers_module", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MODULE = _module()


def test_applies_when_formats_and_round_trips():
    module = parse(FRAMEWORK).module
    formatted = format_module(module)
    assert 'domain 3 "NPS" = sum(points(its standards))\n  applies when kind = nps\n' \
        in formatted
    assert parse(formatted).module.items == module.items
    assert RESULT.diagnostics == ()


def test_a_standard_that_does_not_apply_is_left_out_of_totals():
    cases = [{"ref": "1", "insp": "A", "3.2a": None},
             {"ref": "2", "insp": "B", "3.2a": "yes"},
             {"ref": "3", "insp": "C", "3.2a": "yes"}]
    inputs = {"A": {"kind": "crc", "g1": "good", "g4": "fair"},
              "B": {"kind": "nps", "g1": "good", "g3": "poor"},
              "C": {"g1": "good", "g3": "good", "g4": "good"}}
    values = engine_scores(cases, inputs)
    a, b, c = values["A"], values["B"], values["C"]
    assert a["3.1"] is None and a["3"] is None  # not applicable to a CRC
    assert a["total"] == 3.0 and a["avg"] == 1.5 and a["n"] == 2.0  # 2 + 1, not partial
    assert a["by_domain"] == 3.0
    assert b["4.1"] is None and b["total"] == 2.0 + 0.0 + 2.0  # 3.2a at 100%: good
    assert c["total"] is None and c["loose"] == 2.0  # provider type blank: undefined
    assert c["3.1"] is None and c["4.1"] is None


def test_an_applicable_standard_without_a_value_still_makes_the_total_undefined():
    inputs = {"B": {"kind": "nps", "g1": "good", "g3": "good"}}
    values = engine_scores([{"ref": "1", "insp": "B", "3.2a": None}], inputs)["B"]
    assert values["3.2"] is None and values["total"] is None and values["loose"] == 4.0


def test_an_aggregate_condition_reads_inspection_inputs_only():
    text = FRAMEWORK.replace("applies when kind = crc", "applies when standard 1.1 >= fair")
    found = check_file("providers.crit", text).diagnostics
    assert [d.code for d in found] == ["figure-in-condition"]
    assert "decided by inspection inputs only" in found[0].message


def _spelled(value) -> str:
    return "" if value is None else value


ANSWER = st.sampled_from(["yes", "no", None])
LEVEL = st.sampled_from(LEVELS + (None,))
INPUT = st.fixed_dictionaries({"kind": st.sampled_from(KINDS + (None,)), "g1": LEVEL,
                               "g3": LEVEL, "g4": LEVEL})
NUMBERS = ("1", "3", "4", "total", "loose", "avg", "n", "by_domain")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B"]), ANSWER), min_size=1, max_size=6),
       st.fixed_dictionaries({"A": INPUT, "B": INPUT}))
def test_engine_oracle_and_module_agree(rows, inputs):
    cases = [{"ref": str(i), "insp": k, "3.2a": a} for i, (k, a) in enumerate(rows)]
    engine = engine_scores(cases, inputs)
    by_inspection: dict[str, list[dict]] = {}
    for case in cases:
        by_inspection.setdefault(case["insp"], []).append(case)
    assert_same(engine, reference_for(FRAMEWORK, by_inspection, inputs), FRAMEWORK)
    records = [{k: _spelled(v) for k, v in case.items()} for case in cases]
    spelled = {k: {"insp": k, **{f: _spelled(v) for f, v in row.items()}}
               for k, row in inputs.items()}
    scored = MODULE.score(records, inputs=spelled)
    for key, figures in engine.items():
        for node in NUMBERS:
            _close(scored[key][node], figures[node], node)
        for node in ("1.1", "3.1", "3.2", "4.1", "worst"):
            level = figures[node]
            assert scored[key][node] == (None if level is None else LEVELS[int(level)]), node
        if len(by_inspection[key]) == 1:  # one case: score_case is the inspection
            one = MODULE.score_case(records[cases.index(by_inspection[key][0])], spelled[key])
            for node in NUMBERS:
                _close(one[node], figures[node], node)


def test_the_sql_target_agrees_with_the_engine(tmp_path: Path):
    framework = tmp_path / "providers.crit"
    framework.write_text(FRAMEWORK, encoding="utf-8")
    cases, inputs = tmp_path / "cases.csv", tmp_path / "inputs.csv"
    _write(cases, ["ref", "insp", "3.2a"], [["1", "A", ""], ["2", "B", "yes"],
                                            ["3", "C", "no"], ["4", "D", "yes"]])
    _write(inputs, ["insp", "kind", "g1", "g3", "g4"],
           [["A", "crc", "good", "", "fair"], ["B", "nps", "good", "poor", ""],
            ["C", "", "good", "good", "good"], ["D", "nps", "fair", "", ""]])
    want = engine_rows(framework, cases, inputs)
    for engine in ("duckdb", "sqlite"):
        sql, problems = compile_sql(plan_for(check_file(str(framework))), engine)
        assert problems == []
        got = run_sql(engine, sql, read_csv(cases), read_csv(inputs))
        assert set(got) == set(want)
        for key, row in want.items():
            value = got[key][3]
            assert (value is None) == (row[3] == ""), (engine, key, value, row)
            if value is not None:
                assert math.isclose(value, float(row[3]), abs_tol=1e-12), (engine, key)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])


def _close(got, expected, node) -> None:
    if expected is None or got is None:
        assert got is None and expected is None, (node, got, expected)
    else:
        assert math.isclose(got, expected, abs_tol=1e-12), (node, got, expected)


def test_probation_2018_rates_nps_inspections_on_3_1_and_3_2(capsys):
    """rules/probation-2018/nps.test.yaml: hand-computed NPS figures (none is published)."""
    rules = Path(__file__).resolve().parent.parent / "rules" / "probation-2018"
    assert cli.main(["test", str(rules / "nps.test.yaml")]) == 0
    assert "2 passed, 0 failed" in capsys.readouterr().out


def test_explain_says_where_an_aggregate_does_not_apply(tmp_path: Path, capsys):
    framework = tmp_path / "providers.crit"
    framework.write_text(FRAMEWORK, encoding="utf-8")
    cases, inputs = tmp_path / "cases.csv", tmp_path / "inputs.csv"
    _write(cases, ["ref", "insp", "3.2a"], [["1", "A", "yes"]])
    _write(inputs, ["insp", "kind", "g1", "g3", "g4"], [["A", "crc", "good", "", "fair"]])
    assert cli.main(["explain", str(framework), str(cases), "--inputs", str(inputs),
                     "--node", "3"]) == 0
    out = capsys.readouterr().out
    assert "applies when kind = nps: no, so not applicable (left out of totals)" in out
