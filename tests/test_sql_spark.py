"""The SQL target (`critc compile --target sql --dialect spark`) run by Apache Spark SQL in
local mode, against the engine and the reference oracle (docs/scale.md).

For every framework in rules/ (with its case archive) and the demo, the query run by Spark
over a temporary view named `cases` (and `inspection_inputs`) gives the same figures,
bands, ratings and counts as `critc score --format csv` (exactly for counts and text; to
1e-12 for values) and the same values as the reference oracle; so do random frameworks
and case archives (tests/engine_strategies.py), adversarial names and labels, numbers,
dates and text in conditions, and every rounding mode at its edges.

Spark starts once per test session (a JVM: seconds) and every query costs a second or more,
so each test runs one query: random frameworks are batched, several to a query, with their
tables under names of their own.
"""

from __future__ import annotations

import csv
import datetime
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.engine import runtime
from critc.compiler.model import framework as m
from critc.compiler.model.cells import BOOLEANS
from critc.compiler.oracle.reference import reference_scores
from critc.compiler.plan.lower import plan_for
from critc.compiler.sql import build, rounding
from critc.compiler.sql.query import Tables, compile_sql
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
from hypothesis import strategies as st
from services import require
from sqlglot import exp
from test_engine_reference import MIXED, MIXED_CASES, MIXED_INPUTS, MIXED_QUESTIONS
from test_sql import (
    ARCHIVES,
    EDGES,
    ODD_FRAMEWORK,
    ODD_TABLES,
    assert_same_as_engine,
    assert_same_as_reference,
    engine_rows,
    read_csv,
)

pytestmark = [pytest.mark.slow,  # a JVM starts, and each Spark query takes seconds
              pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")]


# ----------------------------------------------------------------------------- the session
@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """One local Spark session for the whole test run: two threads, few shuffle partitions,
    no web UI, quiet logs, its warehouse in a temporary folder."""
    require(shutil.which("java") is not None, "Java (for Apache Spark)")
    require(importlib.util.find_spec("pyspark") is not None, "pyspark",
            "pip install -e '.[spark]'")
    from pyspark.sql import SparkSession  # lazy: a JVM, needed only by these tests

    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = (SparkSession.builder.master("local[2]").appName("critc-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.memory", "3g")  # the planner of a 200-figure query
               .config("spark.sql.constraintPropagation.enabled", "false")  # docs/scale.md
               .config("spark.sql.warehouse.dir", str(warehouse))
               .config("spark.driver.extraJavaOptions", f"-Djava.io.tmpdir={warehouse}")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def register(spark, name: str, header: list[str], rows: list[list[str]]) -> None:
    """A temporary view of text cells, as the SQL target expects a case or inputs file."""
    from pyspark.sql.types import StringType, StructField, StructType  # lazy: pyspark

    schema = StructType([StructField(column, StringType()) for column in header])
    frame = spark.createDataFrame(rows, schema)
    frame.createOrReplaceTempView(exp.to_identifier(name, quoted=True).sql(dialect="spark"))


def run_batch(spark, jobs: list[tuple[str, tuple, tuple | None, Tables]]) -> list[dict]:
    """Run several queries as one Spark query (UNION ALL, each tagged with its number);
    each job is (sql, cases, inputs or None, tables) with its own table names. Returns a
    {(inspection, figure): row} per job."""
    parts = []
    for number, (sql, cases, inputs, tables) in enumerate(jobs):
        register(spark, tables.cases, *cases)
        if inputs is not None:
            register(spark, tables.inputs, *inputs)
        parts.append(f"SELECT {number} AS `job`, q.* FROM (\n{sql.rstrip().rstrip(';')}\n) AS q")
    out: list[dict] = [{} for _ in jobs]
    for row in spark.sql("\nUNION ALL\n".join(parts)).collect():
        figures = out[row[0]]
        assert (row[1], row[2]) not in figures, f"two rows for {row[1:3]}"
        figures[(row[1], row[2])] = tuple(row[1:])
    return out


# ----------------------------------------------------------------------------- rules/ and demo
def raw(fw: m.Framework, field: m.Field, text: str):
    """A cell as the oracle takes it: None for a blank, typed values, codes as text."""
    if text == "":
        return None
    kind = field.cell_kind
    if kind == "boolean":
        return bool(BOOLEANS[text.lower()])
    if kind in ("number", "integer"):
        return float(text)
    if kind == "date":
        return datetime.date.fromisoformat(text)
    return text


def oracle_archive(fw: m.Framework, cases: tuple, inputs: tuple | None, whole: bool) -> dict:
    """The reference oracle's figures for a case archive read from CSV text."""
    header, rows = cases
    by_inspection: dict[str, list[dict]] = {}
    for row in rows:
        case = {}
        for column, text in zip(header, row, strict=True):
            if column in fw.questions:
                scale = fw.scales[fw.questions[column].scale]
                case[column] = scale.aliases.get(text, text) if text else None
            elif column in fw.fields:
                case[column] = raw(fw, fw.fields[column], text)
        key = "all cases" if whole else (case[fw.inspection] or "(blank)")
        by_inspection.setdefault(str(key), []).append(case)
    given_inputs: dict[str, dict] = {}
    if inputs is not None:
        header, rows = inputs
        for row in rows:
            values = dict(zip(header, row, strict=True))
            given_inputs[values[fw.inspection]] = {
                name: raw(fw, fw.fields[name], text) for name, text in values.items()
                if name in fw.fields and fw.fields[name].origin == "inspection"}
    return reference_scores(fw, by_inspection, given_inputs)


# Spark plans a framework's one query in tens of seconds (iaow-2014's, with its figures
# across inspections, minutes: Spark plans its per-case part three times; docs/sql.md),
# so the suite runs three frameworks with inputs, ratings, aggregates that apply by
# provider type, bands and threads; the others (figures across inspections among them)
# run on Spark with CRITC_SPARK_ALL=1, and on DuckDB, SQLite and PostgreSQL always.
SPARK_ARCHIVES = sorted(ARCHIVES) if os.environ.get("CRITC_SPARK_ALL") else \
    ["demo", "esi-2006", "probation-2018"]


@pytest.mark.parametrize("name", SPARK_ARCHIVES)
def test_archive_on_spark_equals_engine_and_reference(spark, name):
    framework, cases_path, inputs_path, whole = ARCHIVES[name]
    result = check_file(str(framework))
    sql, problems = compile_sql(plan_for(result), "spark", Tables(whole=whole))
    assert sql is not None, problems
    cases = read_csv(cases_path)
    inputs = read_csv(inputs_path) if inputs_path else None
    [got] = run_batch(spark, [(sql, cases, inputs, Tables())])
    assert_same_as_engine(got, engine_rows(framework, cases_path, inputs_path, whole), name)
    fw = result.framework
    assert_same_as_reference(fw, got, oracle_archive(fw, cases, inputs, whole))


# ----------------------------------------------------------------------------- generated
def scenario_job(scenario, number: int, tmp: Path, odd: bool = False):
    """(job, engine rows, framework) of a generated scenario, its tables named apart."""
    result, plan = compile_text(scenario.text)
    framework = tmp / f"generated{number}.crit"
    framework.write_text(scenario.text, encoding="utf-8")
    cases = write_cases_csv(tmp / f"cases{number}.csv", scenario)
    inputs = write_inputs_csv(tmp / f"inputs{number}.csv", scenario) if scenario.inputs \
        else None
    suffix = f" {number}"
    tables = Tables(cases=(ODD_TABLES.cases if odd else "cases") + suffix,
                    inputs=(ODD_TABLES.inputs if odd else "inspection_inputs") + suffix)
    sql, problems = compile_sql(plan, "spark", tables)
    assert sql is not None, problems
    table = read_csv(inputs) if inputs else ([scenario.spec.inspection_field, "lead"], [])
    job = (sql, read_csv(cases), table if result.framework.inputs else None, tables)
    return job, engine_rows(framework, cases, inputs), result.framework


BATCH = st.tuples(st.lists(scenarios(extended=True), min_size=3, max_size=3),
                  st.lists(adversarial_scenarios(), min_size=1, max_size=1))


@settings(max_examples=4, deadline=None)
@given(BATCH)
def test_generated_frameworks_on_spark_equal_engine_and_reference(spark, batch):
    """Random frameworks and case archives (and one with adversarial names, labels and
    table names) per example, all in one Spark query."""
    plain, odd = batch
    with tempfile.TemporaryDirectory() as tmp:
        made = [scenario_job(s, i, Path(tmp)) for i, s in enumerate(plain)]
        made += [scenario_job(s, len(plain) + i, Path(tmp), odd=True) for i, s in enumerate(odd)]
    results = run_batch(spark, [job for job, _, _ in made])
    for scenario, got, (_, want, fw) in zip(plain + odd, results, made, strict=True):
        assert_same_as_engine(got, want, f"spark\n{scenario.text}")
        if scenario in plain:
            reference = reference_for(scenario.text, scenario.by_inspection(), scenario.inputs)
            assert_same_as_reference(fw, got, reference)


def test_adversarial_text_in_conditions_aliases_and_keys_on_spark(spark, tmp_path):
    framework = tmp_path / "odd.crit"
    framework.write_text(ODD_FRAMEWORK, encoding="utf-8")
    header = ["ref", "insp", "team", "1a", "1b"]
    rows = [["1", "O'Neil; --", 'o\'brien; -- \\\\ "x"', "yes", "n'a"],
            ["2", "O'Neil; --", "é☃", "—", "no"],
            ["3", "ｘ\nline", "", "yes", "yes"],
            ["4", "", "a", "no", "yes"]]
    cases = tmp_path / "cases.csv"
    with open(cases, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    sql, problems = compile_sql(plan_for(check_file(str(framework))), "spark", ODD_TABLES)
    assert sql is not None, problems
    [got] = run_batch(spark, [(sql, (header, rows), None, ODD_TABLES)])
    assert_same_as_engine(got, engine_rows(framework, cases, None))
    assert {k for k, _ in got} == {"O'Neil; --", "ｘ\nline", "(blank)"}


@settings(max_examples=3, deadline=None)
@given(st.lists(st.tuples(MIXED_CASES, MIXED_INPUTS), min_size=4, max_size=4))
def test_numbers_dates_text_and_inputs_on_spark(spark, examples):
    """Numbers, dates (DATEDIFF), text and inputs in conditions, four archives a query."""
    columns = ["ref", "insp", "age", "seen", "team", "home", "risk", *MIXED_QUESTIONS]
    names = ["lead", "staff", "region"]
    _, plan = compile_text(MIXED, "mixed.crit")
    jobs, wants = [], []
    for number, (cases, inputs) in enumerate(examples):
        rows = [[f"c{i}", *(cell(c[k]) for k in columns[1:])] for i, c in enumerate(cases)]
        input_rows = [[k, *(cell(v[n]) for n in names)] for k, v in inputs.items()]
        with tempfile.TemporaryDirectory() as tmp:
            framework, path, inputs_path = (Path(tmp) / n for n in ("m.crit", "c.csv", "i.csv"))
            framework.write_text(MIXED, encoding="utf-8")
            for target, table in ((path, [columns, *rows]),
                                  (inputs_path, [["insp", *names], *input_rows])):
                with open(target, "w", newline="", encoding="utf-8") as handle:
                    csv.writer(handle).writerows(table)
            wants.append(engine_rows(framework, path, inputs_path))
        tables = Tables(cases=f"cases {number}", inputs=f"inputs {number}")
        sql, _ = compile_sql(plan, "spark", tables)
        jobs.append((sql, (columns, rows), (["insp", *names], input_rows), tables))
    for number, (got, want) in enumerate(zip(run_batch(spark, jobs), wants, strict=True)):
        assert_same_as_engine(got, want, f"spark, archive {number}")


# ----------------------------------------------------------------------------- rounding
def test_rounding_on_spark_is_the_runtime_s_to_the_bit(spark):
    """Every mode at its edges, as `runtime.ROUNDING` rounds, and the text Python writes
    for the result (-0 included): all in one SELECT."""
    cases, columns = [], []
    for mode in sorted(runtime.ROUNDING):
        for places in (0, 1, 2):
            for x in EDGES:
                value = exp.cast(exp.Literal.number(repr(x)), "DOUBLE")
                y = exp.Mul(this=value, expression=build.double(rounding.scale_of(places)))
                units = rounding.rounded_units(mode, y)
                negative = rounding.negative_zero_or_less(mode, units, y)
                columns += [rounding.rounded(mode, places, value),
                            rounding.shown_digits(units, places, negative)]
                cases.append((mode, places, x))
    query = exp.select(*[exp.alias_(c, f"c{i}", quoted=True) for i, c in enumerate(columns)])
    [row] = spark.sql(query.sql(dialect="spark")).collect()
    for i, (mode, places, x) in enumerate(cases):
        got, shown = row[2 * i], row[2 * i + 1]
        want = float(runtime.ROUNDING[mode](x, places))
        assert got == want, (mode, places, x, got, want)
        assert shown == f"{want:.{places}f}", (mode, places, x, shown)
