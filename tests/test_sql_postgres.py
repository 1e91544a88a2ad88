"""The SQL target on a real PostgreSQL server (tests/services/postgres.py starts one):
`critc compile --target sql --dialect postgres` run on PostgreSQL gives the same figures,
bands, ratings and counts as the engine (`critc score --format csv`) and the same values
as the reference oracle, for every framework in rules/ and the demo, for generated and
adversarial frameworks, with adversarial table names, and for numbers, dates, text and
inputs in conditions (exactly for counts and labels; to 1e-12 for values). Also:
rounding at the edges of every mode, to the bit, as the runtime rounds."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.cli import main as cli
from critc.compiler.engine import runtime
from critc.compiler.plan.lower import plan_for
from critc.compiler.sql import rounding
from critc.compiler.sql.query import Tables, compile_sql
from engine_strategies import adversarial_scenarios, cell, compile_text, reference_for, scenarios
from hypothesis import HealthCheck, given, settings
from sqlglot import exp
from test_engine_reference import MIXED, MIXED_CASES, MIXED_INPUTS, MIXED_QUESTIONS
from test_sql import (
    ARCHIVES,
    DEMO,
    EDGES,
    ODD_TABLES,
    assert_same_as_engine,
    assert_same_as_reference,
    engine_rows,
    read_csv,
    write_cases_csv,
    write_inputs_csv,
)

pytest_plugins = ["services.postgres"]  # the fixtures postgres_server, postgres_url

adbc = pytest.importorskip("adbc_driver_postgresql.dbapi")


def on_server(examples: int) -> settings:
    """A property test's settings: it reuses the session's server through a function
    fixture, which hypothesis must not mind."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def quoted(name: str) -> str:
    return exp.to_identifier(name, quoted=True).sql(dialect="postgres")


def load(cursor, table: str, header: list[str], rows: list[list[str]]) -> None:
    """A table of text cells, as the SQL target expects a case or inputs file."""
    columns = ", ".join(f"{quoted(c)} TEXT" for c in header)
    cursor.execute(f"CREATE TABLE {quoted(table)} ({columns})")
    if rows:
        marks = ", ".join(f"${i}" for i in range(1, len(header) + 1))
        cursor.executemany(f"INSERT INTO {quoted(table)} VALUES ({marks})",
                           [[None if v is None else str(v) for v in row] for row in rows])


def run_postgres(url: str, sql: str, cases, inputs=None, tables: Tables | None = None) -> dict:
    """{(inspection, figure): row} from running `sql` on the server over text tables, in
    a transaction rolled back afterwards (so each run starts from an empty database)."""
    tables = tables or Tables()
    with adbc.connect(url) as con:
        cursor = con.cursor()
        try:
            load(cursor, tables.cases, *cases)
            if inputs is not None:
                load(cursor, tables.inputs, *inputs)
            # the driver runs a query inside COPY (...), where its final `;` cannot be
            cursor.execute(sql.rstrip().removesuffix(";"))
            rows = cursor.fetchall()
        finally:
            cursor.close()
            con.rollback()
    out = {}
    for row in rows:
        assert (row[0], row[1]) not in out, f"two rows for {row[:2]}"
        out[(row[0], row[1])] = row
    return out


@pytest.mark.parametrize("name", sorted(ARCHIVES))
def test_archive_equals_engine_on_postgres(name, postgres_url):
    framework, cases, inputs, whole = ARCHIVES[name]
    plan = plan_for(check_file(str(framework)))
    sql, problems = compile_sql(plan, "postgres", Tables(whole=whole))
    assert sql is not None, problems
    got = run_postgres(postgres_url, sql, read_csv(cases),
                       read_csv(inputs) if inputs else None)
    assert_same_as_engine(got, engine_rows(framework, cases, inputs, whole), name)


def _scenario_rows(url: str, scenario, tmp: Path, tables: Tables | None = None):
    result, plan = compile_text(scenario.text)
    framework = tmp / "generated.crit"
    framework.write_text(scenario.text, encoding="utf-8")
    cases = write_cases_csv(tmp / "cases.csv", scenario)
    inputs = write_inputs_csv(tmp / "inputs.csv", scenario) if scenario.inputs else None
    sql, problems = compile_sql(plan, "postgres", tables)
    assert sql is not None, problems
    table = read_csv(inputs) if inputs else ([scenario.spec.inspection_field, "lead"], [])
    got = run_postgres(url, sql, read_csv(cases),
                       table if result.framework.inputs else None, tables)
    return got, engine_rows(framework, cases, inputs), result.framework


@on_server(25)
@given(scenario=scenarios(extended=True))
def test_generated_frameworks_equal_engine_and_reference(postgres_url, scenario):
    with tempfile.TemporaryDirectory() as tmp:
        got, want, fw = _scenario_rows(postgres_url, scenario, Path(tmp))
    assert_same_as_engine(got, want, scenario.text)
    reference = reference_for(scenario.text, scenario.by_inspection(), scenario.inputs)
    assert_same_as_reference(fw, got, reference)


@on_server(15)
@given(scenario=adversarial_scenarios())
def test_adversarial_names_and_labels(postgres_url, scenario):
    with tempfile.TemporaryDirectory() as tmp:
        got, want, _ = _scenario_rows(postgres_url, scenario, Path(tmp), ODD_TABLES)
    assert_same_as_engine(got, want, scenario.text)


@on_server(20)
@given(cases=MIXED_CASES, inputs=MIXED_INPUTS)
def test_numbers_dates_text_and_inputs_in_conditions(postgres_url, cases, inputs):
    for i, case in enumerate(cases):
        case["ref"] = f"c{i}"
    columns = ["ref", "insp", "age", "seen", "team", "home", "risk", *MIXED_QUESTIONS]
    rows = [[cell(c[k]) for k in columns] for c in cases]
    names = ["lead", "staff", "region"]
    input_rows = [[k, *(cell(v[n]) for n in names)] for k, v in inputs.items()]
    with tempfile.TemporaryDirectory() as tmp:
        framework = Path(tmp) / "m.crit"
        framework.write_text(MIXED, encoding="utf-8")
        path, inputs_path = Path(tmp) / "c.csv", Path(tmp) / "i.csv"
        _write(path, [columns, *rows])
        _write(inputs_path, [["insp", *names], *input_rows])
        want = engine_rows(framework, path, inputs_path)
    _, plan = compile_text(MIXED, "mixed.crit")
    sql, _ = compile_sql(plan, "postgres")
    got = run_postgres(postgres_url, sql, (columns, rows), (["insp", *names], input_rows))
    assert_same_as_engine(got, want, "postgres")


def _write(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


@pytest.mark.parametrize("mode", sorted(runtime.ROUNDING))
def test_rounding_is_the_runtime_s_to_the_bit(mode, postgres_url):
    """Every mode at its edges, as `runtime.ROUNDING` rounds, and the text Python writes
    for the result, -0 included; never PostgreSQL's ROUND."""
    with adbc.connect(postgres_url) as con:
        cursor = con.cursor()
        for places in (0, 1, 2):
            for x in EDGES:
                value = exp.cast(exp.Literal.number(repr(x)), "DOUBLE")
                y = exp.Mul(this=value, expression=rounding.b.double(rounding.scale_of(places)))
                units = rounding.rounded_units(mode, y)
                negative = rounding.negative_zero_or_less(mode, units, y)
                text = rounding.shown_digits(units, places, negative)
                cursor.execute(exp.select(rounding.rounded(mode, places, value), text)
                               .sql(dialect="postgres"))
                got, shown = cursor.fetchone()
                want = float(runtime.ROUNDING[mode](x, places))
                assert got == want, (mode, places, x, got, want)
                assert shown == f"{want:.{places}f}", (mode, places, x, shown)
        cursor.close()


def test_cli_output_runs_on_postgres(tmp_path, in_repo, postgres_url):
    out = tmp_path / "scoring.sql"
    argv = ["compile", "examples/demo/framework.crit", "--target", "sql", "--dialect",
            "postgres", "--cases-table", "my cases", "-o", str(out)]
    assert cli.main(argv) == 0
    got = run_postgres(postgres_url, out.read_text(encoding="utf-8"),
                       read_csv(DEMO / "cases.csv"), read_csv(DEMO / "inputs.csv"),
                       Tables(cases="my cases"))
    assert_same_as_engine(got, engine_rows(DEMO / "framework.crit", DEMO / "cases.csv",
                                           DEMO / "inputs.csv"))
