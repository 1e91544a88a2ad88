"""The SQL target (`critc compile --target sql`) against the engine and the reference oracle.

Differential: for every framework in rules/ (with its case archive), the demo, and random
frameworks and case archives (tests/engine_strategies.py), the query run on DuckDB and on
SQLite gives the same figures, bands, ratings and counts as `critc score --format csv`
(exactly for counts and text; to 1e-12 for values) and the same values as the reference
oracle. Also: golden SQL for the demo in two dialects, adversarial names and labels on each
engine, rounding at the edges of every mode, byte-identical output, the CLI.
"""

from __future__ import annotations

import csv
import json
import math
import sqlite3
import tempfile
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.cli import main as cli
from critc.compiler.engine import runtime
from critc.compiler.io.session import open_session
from critc.compiler.plan.lower import plan_for
from critc.compiler.report.across import csv_rows as across_rows
from critc.compiler.report.results import csv_rows
from critc.compiler.sql import rounding
from critc.compiler.sql.query import DIALECTS, Tables, build_query, compile_sql
from critc.compiler.sql.rounding import EPSILON
from engine_strategies import (
    adversarial_scenarios,
    cell,
    compile_text,
    reference_for,
    scenarios,
    write_cases_csv,
    write_inputs_csv,
)
from hypothesis import given, settings
from sqlglot import exp
from test_engine_reference import MIXED, MIXED_CASES, MIXED_INPUTS, MIXED_QUESTIONS

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
DEMO = ROOT / "examples" / "demo"
GOLDEN = Path(__file__).resolve().parent / "golden" / "sql"
ENGINES = ("duckdb", "sqlite")
FRAMEWORKS = sorted(p.name for p in RULES.iterdir() if (p / "expected.json").exists())


# ----------------------------------------------------------------------------- running SQL
def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def quoted(name: str, engine: str) -> str:
    return exp.to_identifier(name, quoted=True).sql(dialect=engine)


def load(con, engine: str, table: str, header: list[str], rows: list[list[str]]) -> None:
    """A table of text cells, as the SQL target expects a case or inputs file."""
    columns = ", ".join(f"{quoted(c, engine)} VARCHAR" for c in header)
    con.execute(f"CREATE TABLE {quoted(table, engine)} ({columns})")
    if rows:
        marks = ", ".join("?" for _ in header)
        con.executemany(f"INSERT INTO {quoted(table, engine)} VALUES ({marks})", rows)


def run_sql(engine: str, sql: str, cases, inputs=None, tables: Tables | None = None) -> dict:
    """{(inspection, figure): row} from running `sql` on `engine` over text tables."""
    tables = tables or Tables()
    con = duckdb.connect() if engine == "duckdb" else sqlite3.connect(":memory:")
    load(con, engine, tables.cases, *cases)
    if inputs is not None:
        load(con, engine, tables.inputs, *inputs)
    rows = con.execute(sql).fetchall()
    con.close()
    out = {}
    for row in rows:
        assert (row[0], row[1]) not in out, f"two rows for {row[:2]}"
        out[(row[0], row[1])] = row
    return out


def engine_rows(framework: Path | str, cases: Path, inputs: Path | None, whole=False) -> dict:
    """{(inspection, figure): the cells of `critc score --format csv`} before escaping."""
    result = check_file(str(framework))
    session, problems = open_session(result, str(cases), str(inputs) if inputs else None,
                                     whole=whole)
    assert session is not None, [d.message for d in problems]
    results = session.evaluate()
    return {(row[0], row[1]): row for row in [*csv_rows(results), *across_rows(results)]}


def assert_same_as_engine(sql_rows: dict, engine: dict, context: str = "") -> None:
    assert set(sql_rows) == set(engine), (sorted(set(sql_rows) ^ set(engine)), context)
    for key, want in engine.items():
        got = sql_rows[key]
        where = f"{key} {context}"
        assert got[2] == want[2], where
        if want[3] == "":
            assert got[3] is None, f"{where}: value {got[3]}, engine undefined"
        else:
            assert got[3] is not None and math.isclose(got[3], float(want[3]), rel_tol=0,
                                                       abs_tol=1e-12), f"{where}: {got[3]} {want}"
        assert got[4] == want[4], f"{where}: shown {got[4]!r}, engine {want[4]!r}"
        assert (got[5] or "") == want[5], f"{where}: bands {got[5]!r}, engine {want[5]!r}"
        for i in (6, 7, 8):
            assert got[i] == (None if want[i] == "" else want[i]), f"{where}: column {i}"


def assert_same_as_reference(fw, sql_rows: dict, reference: dict) -> None:
    """Values of the oracle (ratings by level, labels by row) against the SQL's cells."""
    for key, figures in reference.items():
        for node, value in figures.items():
            if node in fw.applications:
                continue
            row = sql_rows[(key, node)]
            kind = fw.figure_type(node).kind
            if value is None:
                assert row[4] == "n/a", (key, node, row)
            elif kind == "rating":
                scale = fw.rating_scales[fw.figure_type(node).scale]
                assert row[4] == scale.labels[scale.levels[int(value)]], (key, node)
            elif kind == "label":
                assert row[4] == fw.bands[fw.figure_type(node).scale].ordered_rows[
                    int(value)].output, (key, node)
            else:
                assert math.isclose(row[3], value, rel_tol=0, abs_tol=1e-12), (key, node)


# ----------------------------------------------------------------------------- rules/ and demo
def _rules_case(fw: str):
    exp_ = json.loads((RULES / fw / "expected.json").read_text(encoding="utf-8"))
    inputs = RULES / fw / exp_["inputs"] if exp_.get("inputs") else None
    return (RULES / fw / f"{fw}.crit", RULES / fw / exp_["cases"], inputs,
            "--all" in exp_.get("score_options", []))


ARCHIVES = {**{fw: _rules_case(fw) for fw in FRAMEWORKS},
            "demo": (DEMO / "framework.crit", DEMO / "cases.csv", DEMO / "inputs.csv", False)}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(ARCHIVES))
def test_archive_equals_engine(name, engine):
    framework, cases, inputs, whole = ARCHIVES[name]
    plan = plan_for(check_file(str(framework)))
    sql, problems = compile_sql(plan, engine, Tables(whole=whole))
    assert sql is not None, problems
    got = run_sql(engine, sql, read_csv(cases), read_csv(inputs) if inputs else None)
    assert_same_as_engine(got, engine_rows(framework, cases, inputs, whole), name)


# ----------------------------------------------------------------------------- generated
def _scenario_rows(scenario, engine: str, tmp: Path, tables: Tables | None = None):
    """(SQL rows, engine rows, framework) for a generated scenario."""
    result, plan = compile_text(scenario.text)
    framework = tmp / "generated.crit"
    framework.write_text(scenario.text, encoding="utf-8")
    cases = write_cases_csv(tmp / "cases.csv", scenario)
    inputs = write_inputs_csv(tmp / "inputs.csv", scenario) if scenario.inputs else None
    sql, problems = compile_sql(plan, engine, tables)
    assert sql is not None, problems
    table = read_csv(inputs) if inputs else ([scenario.spec.inspection_field, "lead"], [])
    got = run_sql(engine, sql, read_csv(cases), table if result.framework.inputs else None,
                  tables)
    return got, engine_rows(framework, cases, inputs), result.framework


@settings(max_examples=25, deadline=None)
@given(scenarios(extended=True))
def test_generated_frameworks_equal_engine_and_reference(scenario):
    for engine in ENGINES:
        with tempfile.TemporaryDirectory() as tmp:
            got, want, fw = _scenario_rows(scenario, engine, Path(tmp))
        assert_same_as_engine(got, want, f"{engine}\n{scenario.text}")
        reference = reference_for(scenario.text, scenario.by_inspection(), scenario.inputs)
        assert_same_as_reference(fw, got, reference)


ODD_TABLES = Tables(cases='ca"se`s; --\n\\ é', inputs="in'puts] -- ☃")


@settings(max_examples=15, deadline=None)
@given(adversarial_scenarios(counting=True))
def test_adversarial_names_and_labels_on_each_engine(scenario):
    """Fields, values and questions named like keywords, band labels and table names with
    quotes, backslashes, `--`, `;`, newlines and non-ASCII text."""
    for engine in ENGINES:
        with tempfile.TemporaryDirectory() as tmp:
            got, want, _ = _scenario_rows(scenario, engine, Path(tmp), ODD_TABLES)
        assert_same_as_engine(got, want, f"{engine}\n{scenario.text}")


ODD_FRAMEWORK = '''framework "Odd names" version "1"

scale s
  yes "Yes" above the line
  no "No; --"
  na "N/A" not applicable aliases "n\'a", "—"

case fields
  ref "Ref": text, case id
  insp "Inspection": text, inspection
  team: text

section 1 "S" = mean of its questions
  question 1a "A"
    applies when team = "o\'brien; -- \\\\ \\"x\\""
  question 1b "B"
    applies when team != "é☃"

band odd "Odd" on all sections
  50% and above: "it\'s \\"good\\"; -- DROP TABLE cases; \\\\"
  otherwise: "new\\nline ☃ \\\\n"
'''


@pytest.mark.parametrize("engine", ENGINES)
def test_adversarial_text_in_conditions_aliases_and_keys(engine, tmp_path):
    framework = tmp_path / "odd.crit"
    framework.write_text(ODD_FRAMEWORK, encoding="utf-8")
    header = ["ref", "insp", "team", "1a", "1b"]
    rows = [["1", "O\'Neil; --", 'o\'brien; -- \\\\ "x"', "yes", "n\'a"],
            ["2", "O\'Neil; --", "é☃", "—", "no"],
            ["3", "ｘ\nline", "", "yes", "yes"],
            ["4", "", "a", "no", "yes"]]
    cases = tmp_path / "cases.csv"
    with open(cases, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    sql, problems = compile_sql(plan_for(check_file(str(framework))), engine, ODD_TABLES)
    assert sql is not None, problems
    got = run_sql(engine, sql, (header, rows), None, ODD_TABLES)
    assert_same_as_engine(got, engine_rows(framework, cases, None))
    assert {k for k, _ in got} == {"O\'Neil; --", "ｘ\nline", "(blank)"}


@settings(max_examples=20, deadline=None)
@given(MIXED_CASES, MIXED_INPUTS)
def test_numbers_dates_text_and_inputs_in_conditions(cases, inputs):
    for i, case in enumerate(cases):
        case["ref"] = f"c{i}"
    columns = ["ref", "insp", "age", "seen", "team", "home", "risk", *MIXED_QUESTIONS]
    rows = [[cell(c[k]) for k in columns] for c in cases]
    names = ["lead", "staff", "region"]
    input_rows = [[k, *(cell(v[n]) for n in names)] for k, v in inputs.items()]
    with tempfile.TemporaryDirectory() as tmp:
        framework, path, inputs_path = (Path(tmp) / n for n in ("m.crit", "c.csv", "i.csv"))
        framework.write_text(MIXED, encoding="utf-8")
        for target, table in ((path, [columns, *rows]), (inputs_path, [["insp", *names],
                                                                        *input_rows])):
            with open(target, "w", newline="", encoding="utf-8") as handle:
                csv.writer(handle).writerows(table)
        want = engine_rows(framework, path, inputs_path)
    _, plan = compile_text(MIXED, "mixed.crit")
    for engine in ENGINES:
        sql, _ = compile_sql(plan, engine)
        got = run_sql(engine, sql, (columns, rows), (["insp", *names], input_rows))
        assert_same_as_engine(got, want, engine)


# ----------------------------------------------------------------------------- rounding
EDGES = [0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 72.5, 72.49, 72.4999999999, 59.5, 0.125,
         0.725 * 100, 0.005, 1e-10, -1e-10, -0.2, -0.7, 12.345, 99.95, 1234567.5, 1/3]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("mode", sorted(runtime.ROUNDING))
def test_rounding_is_the_runtime_s_to_the_bit(engine, mode):
    """Every mode at its edges, as `runtime.ROUNDING` rounds (with EPSILON), and the text
    Python writes for the result, -0 included; never the database's ROUND."""
    con = duckdb.connect() if engine == "duckdb" else sqlite3.connect(":memory:")
    for places in (0, 1, 2):
        for x in EDGES:
            value = exp.cast(exp.Literal.number(repr(x)), "DOUBLE")
            y = exp.Mul(this=value, expression=rounding.b.double(rounding.scale_of(places)))
            units = rounding.rounded_units(mode, y)
            negative = rounding.negative_zero_or_less(mode, units, y)
            text = rounding.shown_digits(units, places, negative)
            query = exp.select(rounding.rounded(mode, places, value), text).sql(dialect=engine)
            got, shown = con.execute(query).fetchone()
            want = float(runtime.ROUNDING[mode](x, places))
            assert got == want, (mode, places, x, got, want)
            assert shown == f"{want:.{places}f}", (mode, places, x, shown)
    con.close()


def test_epsilon_is_the_runtime_s():
    assert EPSILON == runtime.EPSILON


# ----------------------------------------------------------------------------- output
@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_dialect_renders_the_same_bytes_twice(dialect):
    plan = plan_for(check_file(str(DEMO / "framework.crit")))
    first, _ = compile_sql(plan, dialect)
    again, _ = compile_sql(plan_for(check_file(str(DEMO / "framework.crit"))), dialect)
    assert first is not None and first == again
    assert "ROUND(" not in first.upper()


@pytest.mark.parametrize("dialect", ["duckdb", "postgres"])
def test_golden_sql_for_the_demo(dialect, update):
    plan = plan_for(check_file(str(DEMO / "framework.crit")))
    sql, _ = compile_sql(plan, dialect)
    golden = GOLDEN / f"demo.{dialect}.sql"
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(sql, encoding="utf-8")
    assert sql == golden.read_text(encoding="utf-8")


def test_cli_compiles_sql(tmp_path, in_repo):
    out = tmp_path / "scoring.sql"
    argv = ["compile", "examples/demo/framework.crit", "--target", "sql", "--dialect", "sqlite",
            "--cases-table", "my cases", "-o", str(out)]
    assert cli.main(argv) == 0
    sql = out.read_text(encoding="utf-8")
    assert '"my cases"' in sql and '"inspection_inputs"' in sql
    got = run_sql("sqlite", sql, read_csv(DEMO / "cases.csv"), read_csv(DEMO / "inputs.csv"),
                  Tables(cases="my cases"))
    assert len(got) == 210


@pytest.mark.parametrize("argv", [["--dialect", "sqlite"], ["--target", "sql"],
                                  ["--target", "sql", "--dialect", "sqlite", "--by", "nope"]])
def test_cli_usage_errors(argv, in_repo, capsys):
    assert cli.main(["compile", "examples/demo/framework.crit", *argv]) == 2


def test_cli_says_what_it_wrote(tmp_path, in_repo, capsys):
    out = tmp_path / "scoring.sql"
    assert cli.main(["compile", "examples/demo/framework.crit", "--target", "sql",
                     "--dialect", "duckdb", "-o", str(out)]) == 0
    assert capsys.readouterr().err.strip() == \
        f"wrote {out}: a duckdb query, 23 questions, 45 figures"


def test_each_common_table_expression_is_read_once_but_the_counts():
    """Spark substitutes a common table expression's definition wherever it is read: the
    query reads each once (the rows across inspections too: one SELECT, not one per
    figure), but the per-inspection counts and their last level, which the figures across
    inspections read again (docs/sql.md). `digits` is read once per decimal place."""
    query, problems = build_query(plan_for(check_file(str(ARCHIVES["iaow-2014"][0]))),
                                  Tables())
    assert not problems
    names = {cte.alias for cte in query.args["with_"].expressions}
    read = [r.this.this if isinstance(r.this, exp.Alias) else r.this
            for r in query.find_all(exp.From, exp.Join)]  # an identifier, or `name AS alias`
    reads = Counter(r.name for r in read if isinstance(r, exp.Identifier) and r.name in names)
    last = max((n for n in names if n.startswith("level_")), key=lambda n: int(n[6:]))
    assert {n: c for n, c in reads.items() if c > 1 and n != "digits"} == \
        {"inspection_counts": 2, last: 2}
    assert set(reads) == names
