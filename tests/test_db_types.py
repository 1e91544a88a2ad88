"""Typed database columns read as the cells of a CSV file: numbers (whole and with a
fraction) in `double precision`/`REAL` columns, dates in `date` columns, NULLs, text and
answers, in cases and inspection inputs, give the same figures on SQLite and PostgreSQL as
the same records written to CSV (random records of tests/test_engine_reference.py's
framework of numbers, dates, text and rated inputs in conditions)."""

from __future__ import annotations

import csv
import sqlite3
import tempfile
from pathlib import Path

import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.io.records import Database
from critc.compiler.io.session import open_session
from critc.compiler.report.results import csv_rows
from engine_strategies import cell
from hypothesis import HealthCheck, given, settings
from test_engine_reference import MIXED, MIXED_CASES, MIXED_INPUTS, MIXED_QUESTIONS

pytest_plugins = ["services.postgres"]  # the fixtures postgres_server, postgres_url

pg = pytest.importorskip("adbc_driver_postgresql.dbapi")

CASE_TYPES = {"ref": "TEXT", "insp": "TEXT", "age": "{real}", "seen": "DATE", "team": "TEXT",
              "home": "TEXT", "risk": "TEXT", **{q: "TEXT" for q in MIXED_QUESTIONS}}
INPUT_TYPES = {"insp": "TEXT", "lead": "TEXT", "staff": "{real}", "region": "TEXT"}


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create(table: str, types: dict[str, str], real: str) -> str:
    columns = ", ".join(f"{q(n)} {t.format(real=real)}" for n, t in types.items())
    return f"CREATE TABLE {q(table)} ({columns})"


def records(cases: list[dict], inputs: dict[str, dict]) -> tuple[list[list], list[list]]:
    """(case rows, input rows) as typed values, in the columns of CASE_TYPES, INPUT_TYPES."""
    case_rows = [[f"c{i}" if n == "ref" else c[n] for n in CASE_TYPES]
                 for i, c in enumerate(cases)]
    input_rows = [[k, v["lead"], v["staff"], v["region"]] for k, v in inputs.items()]
    return case_rows, input_rows


def scored(source_cases, source_inputs) -> list:
    result = check_file("mixed.crit", MIXED)
    session, problems = open_session(result, source_cases, source_inputs)
    assert session is not None, [d.message for d in problems]
    return list(csv_rows(session.evaluate()))


def from_csv(case_rows: list[list], input_rows: list[list]) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        paths = Path(tmp) / "cases.csv", Path(tmp) / "inputs.csv"
        for path, header, rows in ((paths[0], CASE_TYPES, case_rows),
                                   (paths[1], INPUT_TYPES, input_rows)):
            with open(path, "w", newline="", encoding="utf-8") as handle:
                csv.writer(handle).writerows([list(header), *[[cell(v) for v in row]
                                                              for row in rows]])
        return scored(str(paths[0]), str(paths[1]))


def on_server(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@on_server(20)
@given(cases=MIXED_CASES, inputs=MIXED_INPUTS)
def test_sqlite_typed_columns_read_as_csv_cells(cases, inputs):
    case_rows, input_rows = records(cases, inputs)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "typed.db"
        con = sqlite3.connect(db)
        for table, types, rows in (("cases", CASE_TYPES, case_rows),
                                   ("inputs", INPUT_TYPES, input_rows)):
            con.execute(create(table, types, "REAL"))
            con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(types))})",
                            [[v.isoformat() if hasattr(v, "isoformat") else v for v in row]
                             for row in rows])
        con.commit()
        con.close()
        url = f"sqlite:///{db}"
        got = scored(Database(url=url, table="cases"), Database(url=url, table="inputs"))
    assert got == from_csv(case_rows, input_rows)


@on_server(20)
@given(cases=MIXED_CASES, inputs=MIXED_INPUTS)
def test_postgres_typed_columns_read_as_csv_cells(postgres_url, cases, inputs):
    case_rows, input_rows = records(cases, inputs)
    with pg.connect(postgres_url) as con:
        cursor = con.cursor()
        for table, types, rows in (("typed_cases", CASE_TYPES, case_rows),
                                   ("typed_inputs", INPUT_TYPES, input_rows)):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(create(table, types, "DOUBLE PRECISION"))
            marks = ", ".join(f"${i}" for i in range(1, len(types) + 1))
            for row in rows:  # one at a time: a column may hold ints and floats
                cursor.execute(f"INSERT INTO {table} VALUES ({marks})", row)
        cursor.close()
        con.commit()
    got = scored(Database(url=postgres_url, table="typed_cases"),
                 Database(url=postgres_url, table="typed_inputs"))
    assert got == from_csv(case_rows, input_rows)
