"""Case records from databases (`critc score --db URL --table/--query`, `critc.from_db`),
on SQLite and on a real PostgreSQL server (tests/services/postgres.py):

- `critc score --db` writes the same bytes as `critc score` on the same cases from CSV,
  for every framework in rules/ and the demo, in every output format;
- every bad input is a located diagnostic, never a traceback: a bad URL, a missing driver,
  an unreachable server, a missing table, a query the database refuses (its message), a
  column of the wrong type, NULLs (blanks), duplicate and blank case ids, invalid values
  (located by the primary key's value), an empty result;
- the Python API takes a database (a URL or an ADBC connection) for `score` and `diff`.
"""

from __future__ import annotations

import csv
import os
import sqlite3
from pathlib import Path

import critc
import pytest
from cli_run import run
from critc.compiler.check.passes import check_file
from critc.compiler.io.records import Database, RecordsError, read_source
from critc.compiler.io.session import open_session
from test_sql import ARCHIVES

pytest_plugins = ["services.postgres"]  # the fixtures postgres_server, postgres_url

pytest.importorskip("adbc_driver_sqlite.dbapi")
pg = pytest.importorskip("adbc_driver_postgresql.dbapi")

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo"
KEY = "row_id"  # the primary key the tests give a table: 1000, 1010, 1020, ...


def key_of(index: int) -> int:
    return 1000 + 10 * index


def read_csv(path: Path) -> tuple[list[str], list[list[str | None]]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [[cell or None for cell in row] for row in rows[1:]]


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_sql(table: str, header: list[str], key: bool, types: dict | None = None) -> str:
    types = types or {}
    columns = [f"{q(c)} {types.get(c, 'TEXT')}" for c in header]
    if key:
        columns.insert(0, f"{q(KEY)} INTEGER PRIMARY KEY")
    return f"CREATE TABLE {q(table)} ({', '.join(columns)})"


def keyed(rows: list[list], key: bool) -> list[list]:
    return [[key_of(i), *row] for i, row in enumerate(rows)] if key else rows


def sqlite_table(db: Path, table: str, header: list[str], rows: list[list],
                 key: bool = True, types: dict | None = None) -> None:
    con = sqlite3.connect(db)
    con.execute(create_sql(table, header, key, types))
    marks = ", ".join("?" for _ in range(len(header) + key))
    con.executemany(f"INSERT INTO {q(table)} VALUES ({marks})", keyed(rows, key))
    con.commit()
    con.close()


def postgres_table(url: str, table: str, header: list[str], rows: list[list],
                   key: bool = True, types: dict | None = None) -> None:
    with pg.connect(url) as con:
        cursor = con.cursor()
        cursor.execute(f"DROP TABLE IF EXISTS {q(table)}")
        cursor.execute(create_sql(table, header, key, types))
        if rows:
            marks = ", ".join(f"${i}" for i in range(1, len(header) + key + 1))
            cursor.executemany(f"INSERT INTO {q(table)} VALUES ({marks})", keyed(rows, key))
        cursor.close()
        con.commit()


# ----------------------------------------------------------------------------- same output
def _score(tmp: Path, name: str, fmt: str, *argv) -> bytes:
    out = tmp / f"{name}.{fmt}"
    assert run_quietly("score", *argv, "--format", fmt, "-o", out) == 0
    return out.read_bytes()


def run_quietly(*argv) -> int:
    from critc.compiler.cli import main as cli  # noqa: PLC0415 (as cli_run does)
    return cli.main([str(a) for a in argv])


def _same_as_files(tmp: Path, url: str, name: str, prefix: str) -> None:
    framework, cases, inputs, whole = ARCHIVES[name]
    files = [framework, cases, *(["--inputs", inputs] if inputs else []),
             *(["--all"] if whole else [])]
    database = [framework, "--db", url, "--table", f"{prefix}cases",
                *(["--inputs-table", f"{prefix}inputs"] if inputs else []),
                *(["--all"] if whole else [])]
    for fmt in ("csv", "json", "table"):
        assert _score(tmp, "db", fmt, *database) == _score(tmp, "file", fmt, *files), \
            (name, fmt)


@pytest.mark.parametrize("name", sorted(ARCHIVES))
def test_sqlite_scores_as_the_csv_files(name, tmp_path):
    _, cases, inputs, _ = ARCHIVES[name]
    db = tmp_path / "archive.db"
    sqlite_table(db, "cases", *read_csv(cases))
    if inputs:
        sqlite_table(db, "inputs", *read_csv(inputs), key=False)
    _same_as_files(tmp_path, f"sqlite:///{db}", name, "")


@pytest.mark.parametrize("name", sorted(ARCHIVES))
def test_postgres_scores_as_the_csv_files(name, tmp_path, postgres_url):
    _, cases, inputs, _ = ARCHIVES[name]
    prefix = f"{name}_"
    postgres_table(postgres_url, f"{prefix}cases", *read_csv(cases))
    if inputs:
        postgres_table(postgres_url, f"{prefix}inputs", *read_csv(inputs), key=False)
    _same_as_files(tmp_path, postgres_url, name, prefix)


def test_a_query_scores_as_the_table(tmp_path, capsys):
    db = tmp_path / "demo.db"
    sqlite_table(db, "cases", *read_csv(DEMO / "cases.csv"))
    sqlite_table(db, "inputs", *read_csv(DEMO / "inputs.csv"), key=False)
    url = f"sqlite:///{db}"
    framework = DEMO / "framework.crit"
    query = "SELECT * FROM cases WHERE area <> 'Ashford' ORDER BY row_id"
    code, by_query, err = run(capsys, "score", framework, "--db", url, "--query", query,
                              "--inputs-query", "SELECT * FROM inputs WHERE area <> 'Ashford'",
                              "--format", "csv")
    assert code == 0, err
    assert "Ashford" not in by_query and "Brampton" in by_query
    # the key is a column like any other in a query's result: an unknown column
    assert "unknown-column" in err and "row_id" in err


# ----------------------------------------------------------------------------- diagnostics
DEMO_FW = check_file(str(DEMO / "framework.crit"))


def demo_rows() -> tuple[list[str], list[list]]:
    header, rows = read_csv(DEMO / "cases.csv")
    return header, [row[:] for row in rows[:30]]


def problems(source: Database) -> list:
    """The diagnostics of reading `source` against the demo framework (and its inputs),
    but for the inputs given for inspections the first 30 cases do not reach."""
    _, found = open_session(DEMO_FW, source, str(DEMO / "inputs.csv"), inputs_only=True)
    return [d for d in found if d.code != "unknown-inspection"]


def codes(found: list) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.col) for d in found]


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path):
    """(a function making a table: name, header, rows, key, types; the URL)."""
    if request.param == "sqlite":
        db = tmp_path / "cases.db"
        url = f"sqlite:///{db}"

        def make(table, header, rows, key=True, types=None):
            sqlite_table(db, table, header, rows, key, types)
    else:
        url = request.getfixturevalue("postgres_url")
        prefix = f"t{abs(hash(request.node.name)) % 10**8}_"

        def make(table, header, rows, key=True, types=None):
            postgres_table(url, prefix + table, header, rows, key, types)
            return prefix + table
    return make, url


def make_table(database, name, header, rows, **kwargs) -> Database:
    make, url = database
    return Database(url=url, table=make(name, header, rows, **kwargs) or name)


def test_invalid_values_are_located_by_the_primary_key(database):
    header, rows = demo_rows()
    col = header.index("1.1a")
    rows[3][col] = rows[7][col] = "maybe"
    source = make_table(database, "cases", header, rows)
    found = [d for d in problems(source) if d.code == "invalid-value"]
    assert codes(found) == [("invalid-value", key_of(3), col + 2)]  # after the key column
    assert f"rows {key_of(3)}, {key_of(7)}" in found[0].message
    assert found[0].span.path == source.shown


def test_without_a_primary_key_records_are_numbered_from_1(database):
    header, rows = demo_rows()
    rows[4][header.index("rosh")] = "extreme"
    source = make_table(database, "cases", header, rows, key=False)
    assert ("invalid-value", 5, header.index("rosh") + 1) in codes(problems(source))


def test_nulls_are_blanks(database):
    header, rows = demo_rows()
    rows[2][header.index("1.2a")] = None  # an applicable question left blank: a warning
    found = codes(problems(make_table(database, "cases", header, rows)))
    assert found == [("applicable-left-blank", key_of(2), header.index("1.2a") + 2)]
    rows[5][header.index("case_ref")] = None  # a case without its id: an error
    found = codes(problems(make_table(database, "again", header, rows)))
    assert found == [("blank-case-id", key_of(5), header.index("case_ref") + 2)]


def test_empty_text_is_a_blank_as_in_every_format(database):
    header, rows = demo_rows()
    rows[2][header.index("1.2a")] = ""  # '' as NULL: an applicable question left blank
    found = codes(problems(make_table(database, "cases", header, rows)))
    assert found == [("applicable-left-blank", key_of(2), header.index("1.2a") + 2)]


def test_duplicate_case_ids(database):
    header, rows = demo_rows()
    rows[9][0] = rows[1][0]
    found = [d for d in problems(make_table(database, "cases", header, rows))
             if d.code == "duplicate-case-id"]
    assert codes(found) == [("duplicate-case-id", key_of(9), 2)]
    assert f"rows {key_of(1)}, {key_of(9)}" in found[0].message


def test_wrong_column_types(database):
    header, rows = demo_rows()
    blob = "BLOB" if database[1].startswith("sqlite") else "BYTEA"
    rows = [[*row[:-1], b"\x00\x01"] for row in rows]
    found = problems(make_table(database, "cases", header, rows, types={header[-1]: blob}))
    assert codes(found) == [("unsupported-column-type", 0, 0)]
    assert f"column `{header[-1]}`" in found[0].message


def test_typed_columns_are_read_as_cells(database):
    """Numbers, booleans and dates in typed columns read as the same cells as text."""
    header, rows = demo_rows()
    types = {"child_protection": "BOOLEAN", "psr": "BOOLEAN"}
    for row in rows:
        for name in types:
            i = header.index(name)
            row[i] = None if row[i] is None else row[i] == "true"
    session, found = open_session(DEMO_FW, make_table(database, "cases", header, rows,
                                                      types=types), str(DEMO / "inputs.csv"))
    assert session is not None, found


def test_sqlite_columns_of_numbers_and_text(tmp_path):
    """SQLite keeps each value's type: a column of numbers with a fraction and text would
    reach critc as 7-digit text (1.234568e-01), so it is refused; a query that casts it is
    read exactly. A later value of another type than the first rows' is refused too."""
    header, rows = demo_rows()
    db = tmp_path / "cases.db"
    sqlite_table(db, "cases", [*header, "extra"], [[*row, 0.123456789 if i % 2 else "x"]
                                                    for i, row in enumerate(rows)],
                 types={"extra": "NUMERIC"})
    url = f"sqlite:///{db}"
    found = problems(Database(url=url, table="cases"))
    assert codes(found) == [("mixed-column-types", 0, 0)] and "`extra`" in found[0].message
    columns = ", ".join(q(n) for n in header)
    cast = f"SELECT {columns}, CAST(extra AS TEXT) AS extra FROM cases ORDER BY row_id"
    assert [d.code for d in problems(Database(url=url, query=cast))] == ["unknown-column"]
    late = tmp_path / "late.db"  # whole numbers in the first rows, text after them
    sqlite_table(late, "cases", ["a"], [[i] for i in range(1500)] + [["text"]], key=False,
                 types={"a": ""})
    with pytest.raises(RecordsError) as caught:
        read_source(Database(url=f"sqlite:///{late}", table="cases"))
    assert caught.value.diagnostic.code == "query-failed"
    assert "CAST" in caught.value.diagnostic.hint


def test_missing_table(database):
    make, url = database
    make("other", ["a"], [["x"]])
    found = problems(Database(url=url, table="cses"))
    assert codes(found) == [("missing-table", 0, 0)]
    assert "no table `cses`" in found[0].message


def test_missing_table_hint_names_no_sqlite_internal_table(tmp_path):
    """A TEXT primary key gives SQLite an index `sqlite_autoindex_cases_1` in the catalog:
    the hint lists the user's tables only."""
    path = tmp_path / "keyed.db"
    with sqlite3.connect(path) as con:
        con.execute('CREATE TABLE "cases" ("case_ref" TEXT PRIMARY KEY, "a" TEXT)')
    found = problems(Database(url=f"sqlite:///{path}", table="visits"))
    assert codes(found) == [("missing-table", 0, 0)]
    assert "`cases`" in found[0].hint and "sqlite_" not in found[0].hint


def test_tables_in_other_schemas(postgres_url):
    """A table outside the default schema is found by its name, or as schema.table when
    several schemas hold one of that name."""
    header, rows = demo_rows()
    with pg.connect(postgres_url) as con:
        cursor = con.cursor()
        for schema in ("north", "south"):
            cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {schema}")
            cursor.execute(create_sql("x", header, True).replace(
                'TABLE "x"', f'TABLE {schema}."regional"'))
            marks = ", ".join(f"${i}" for i in range(1, len(header) + 2))
            cursor.executemany(f'INSERT INTO {schema}."regional" VALUES ({marks})',
                               keyed(rows, True))
        cursor.close()
        con.commit()
    found = problems(Database(url=postgres_url, table="regional"))
    assert [d.code for d in found] == ["missing-table"] and "several schemas" in \
        found[0].message
    assert problems(Database(url=postgres_url, table="south.regional")) == []


def test_a_query_the_database_refuses(database):
    make, url = database
    make("other", ["a"], [["x"]])
    found = problems(Database(url=url, query="SELECT nothing FROM nowhere"))
    assert codes(found) == [("query-failed", 0, 0)]
    assert "nowhere" in found[0].message  # the database's own message


def test_an_empty_result(database):
    header, _ = demo_rows()
    found = problems(make_table(database, "cases", header, []))
    assert [d.code for d in found] == ["empty-records"]


def test_missing_columns_are_at_the_table(database):
    header, rows = demo_rows()
    keep = [i for i, name in enumerate(header) if name != "1.1a"]
    source = make_table(database, "cases", [header[i] for i in keep],
                        [[row[i] for i in keep] for row in rows])
    assert ("missing-column", 0, 0) in codes(problems(source))


@pytest.mark.parametrize("url, code", [
    ("mysql://user@host/db", "bad-database-url"),
    ("cases.db", "bad-database-url"),
    ("sqlite://", "bad-database-url"),
    ("sqlite:///no/such/folder/cases.db", "database-unreachable"),
    ("postgresql://critc@127.0.0.1:1/critc", "database-unreachable"),
    ("postgresql://critc:secret@[::1", "bad-database-url"),
])
def test_urls_that_cannot_be_used(url, code):
    found = problems(Database(url=url, table="cases"))
    assert [d.code for d in found] == [code]
    assert "secret" not in found[0].message + found[0].span.path


def test_a_missing_driver(monkeypatch):
    from critc.compiler.io import database  # noqa: PLC0415 (the module under test)
    monkeypatch.setitem(database.DRIVERS, "nodb", "adbc_driver_nodb_at_all")
    found = problems(Database(url="nodb://host/x", table="cases"))
    assert [d.code for d in found] == ["missing-database-driver"]
    assert "pip install" in found[0].hint


def test_the_cli_reports_bad_input_as_diagnostics(tmp_path, capsys):
    db = tmp_path / "cases.db"
    sqlite_table(db, "cases", ["a"], [["x"]])
    framework = DEMO / "framework.crit"
    for extra in (["--table", "nope"], ["--query", "SELEC 1"]):
        code, out, err = run(capsys, "score", framework, "--db", f"sqlite:///{db}", *extra)
        assert code == 1 and out == "" and "error[" in err, err
        assert f"sqlite:///{db}#" in err and ":0:0" not in err


@pytest.mark.parametrize("argv", [
    ["--table", "cases"],
    ["--db", "sqlite:///x.db"],
    ["--db", "sqlite:///x.db", "--table", "a", "--query", "SELECT 1"],
    ["examples/demo/cases.csv", "--db", "sqlite:///x.db", "--table", "a"],
    ["--db", "sqlite:///x.db", "--table", "a", "--inputs", "x.csv", "--inputs-table", "b"],
])
def test_cli_usage_errors(argv, capsys, in_repo):
    code, _, err = run(capsys, "score", "examples/demo/framework.crit", *argv)
    assert code == 2, err


def test_a_version_directory_scores_as_from_the_file(tmp_path, capsys):
    """`critc score DIR --db ...`: each inspection by the version in force on its date,
    the same bytes as from the CSV file, and no warning about the key column."""
    versions = ROOT / "examples" / "versions"
    db = tmp_path / "archive.db"
    sqlite_table(db, "cases", *read_csv(versions / "cases.csv"))
    code, from_file, file_err = run(capsys, "score", versions, versions / "cases.csv",
                                    "--format", "csv")
    assert code == 0
    code, from_db, db_err = run(capsys, "score", versions, "--db", f"sqlite:///{db}",
                                "--table", "cases", "--format", "csv")
    assert code == 0 and from_db == from_file
    assert db_err == file_err and KEY not in db_err


# ----------------------------------------------------------------------------- the API
@pytest.fixture
def demo_db(tmp_path) -> Path:
    db = tmp_path / "demo.db"
    sqlite_table(db, "cases", *read_csv(DEMO / "cases.csv"))
    sqlite_table(db, "inputs", *read_csv(DEMO / "inputs.csv"), key=False)
    return db


def test_api_reads_a_url_or_a_connection(demo_db):
    framework = critc.load(DEMO / "framework.crit")
    want = framework.score(DEMO / "cases.csv", inputs=DEMO / "inputs.csv").to_arrow()
    url = f"sqlite:///{demo_db}"
    by_url = framework.score(critc.from_db(url, "cases"),
                             inputs=critc.from_db(url, query="SELECT * FROM inputs"))
    assert by_url.to_arrow().equals(want)
    import adbc_driver_sqlite.dbapi as sqlite_adbc  # noqa: PLC0415 (optional driver)
    with sqlite_adbc.connect(str(demo_db)) as con:
        by_connection = framework.score(critc.from_db(con, "cases"), inputs=DEMO / "inputs.csv")
        assert by_connection.to_arrow().equals(want)
        framework.score(critc.from_db(con, "cases"), inputs=DEMO / "inputs.csv")  # still open


def test_api_errors_are_data(demo_db):
    framework = critc.load(DEMO / "framework.crit")
    with pytest.raises(critc.CasesError) as caught:
        framework.score(critc.from_db(f"sqlite:///{demo_db}", "nope"))
    assert [d.code for d in caught.value.diagnostics] == ["missing-table"]
    with pytest.raises(ValueError):
        critc.from_db(f"sqlite:///{demo_db}", "cases", query="SELECT 1")


VERSIONS = ROOT / "examples" / "versions"


def test_diff_takes_what_score_takes(tmp_path):
    """Framework.diff over a path, a data frame, a list of dicts and a database."""
    import pandas  # noqa: PLC0415 (a test extra)
    old, new = critc.load(VERSIONS / "v1.crit"), critc.load(VERSIONS / "v2.crit")
    want = old.diff(new, VERSIONS / "cases.csv")
    header, rows = read_csv(VERSIONS / "cases.csv")
    db = tmp_path / "archive.db"
    sqlite_table(db, "cases", header, rows)
    frame = pandas.read_csv(VERSIONS / "cases.csv", dtype=str)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    for cases in (frame, records, critc.from_db(f"sqlite:///{db}", "cases")):
        got = old.diff(new, cases)
        assert got.edits == want.edits
        assert [(c.inspection, c.figure, c.old, c.new) for c in got.moved] == \
            [(c.inspection, c.figure, c.old, c.new) for c in want.moved]


def test_the_server_runs_unprivileged_when_we_are_root(postgres_url):
    """initdb refuses root: as root (CI), the tests' server runs as another user."""
    with pg.connect(postgres_url) as con:
        cursor = con.cursor()
        cursor.execute("SELECT current_setting('data_directory')")
        (data,) = cursor.fetchone()
        cursor.close()
    if os.geteuid() == 0:
        assert os.stat(data).st_uid != 0


# ----------------------------------------------------------------------------- messages
GOLDEN = Path(__file__).resolve().parent / "golden" / "db" / "messages.txt"


def test_messages_as_printed(tmp_path, capsys, monkeypatch, update):
    """What `critc score --db` prints for each kind of bad input (the golden file holds
    the text with the temporary folder written as <tmp>)."""
    monkeypatch.setenv("COLUMNS", "200")
    header, rows = demo_rows()
    rows[3][header.index("1.1a")] = "maybe"
    rows[9][0] = rows[1][0]
    db = tmp_path / "cases.db"
    sqlite_table(db, "cases", header, rows)
    sqlite_table(db, "blobs", ["case_ref", "data"], [["a", b"\x00"]], types={"data": "BLOB"})
    url = f"sqlite:///{db}"
    framework = DEMO / "framework.crit"
    runs = [[url, "--table", "cases"], [url, "--table", "case"], [url, "--table", "blobs"],
            [url, "--query", "SELECT * FROM cases WHERE"],
            [f"sqlite:///{tmp_path}/none.db", "--table", "cases"],
            ["mysql://user:secret@host/db", "--table", "cases"],
            ["postgresql://critc:secret@127.0.0.1:1/critc", "--table", "cases"]]
    printed = []
    for db_url, *argv in runs:
        code, out, err = run(capsys, "score", framework, "--db", db_url, *argv,
                             "--inputs", DEMO / "inputs.csv")
        assert code == 1 and out == "" and "secret" not in err
        printed.append(f"$ critc score --db {db_url} {' '.join(argv)}\n{err}")
    text = "\n".join(printed).replace(str(tmp_path), "<tmp>").replace(str(DEMO), "<demo>")
    if update:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
