"""Shared test settings.

    pytest --update     rewrite golden files from the current output instead of comparing
    pytest -m "not slow"   the quick subset for the edit loop: no property tests
    CI=true pytest      every test, property tests with the derandomised "ci" hypothesis
                        profile (the same examples each run, a fixed budget per test)
    pytest --hypothesis-profile=debug    stop at the first failing example, unshrunk
    pytest -n 0         everything in this one process (for a debugger; see below)

Every hypothesis property test is marked `slow` (here, at collection), and so are the tests
that SLOW lists, each taking seconds: browsers, fresh interpreters, sweeps over every
framework or dialect (the demo's run stays quick, so every SQL engine and database reader
is still exercised), node tools, mypy over the code base; a few others carry
`@pytest.mark.slow` themselves. CI runs them all.

pytest-xdist runs the tests on one worker per core (pyproject's addopts: `-n auto
--maxprocesses 4 --dist loadfile`), each worker taking whole files, so a module's shared
set-up (the LSP server, a rendered report, a browser, the Spark session) starts once; a
worker that runs PostgreSQL tests starts its own server (tests/services/postgres.py).

The budget: `pytest -m "not slow"` under 60 s on 2 cores, the whole suite with services
under 10 minutes. Measured on 2026-12-05 (2 cores, shared with other work, so CPU time is
the comparable figure): the quick set was 1,635 tests in one process, 109 s of CPU (about
105 s wall when the machine is quiet); it is now 1,614 tests, 71 s of CPU in one process
(`-n 0`), and with two workers 88 s of CPU in all, 40 s and 41 s per worker, so about 45 s
wall on a quiet 2-core machine. The whole suite (CI=true, 1,810 tests) took about 540 s
wall in CI in one process; with two workers it is 471 s of CPU in all (Spark's JVM not
counted), 204 s and 258 s per worker: 882 s wall at load 6-9, about 5 minutes expected
on a quiet 2-core machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

REPO = Path(__file__).resolve().parent.parent

EXAMPLES_PER_TEST = 60  # hypothesis examples per property test (unless the test says less)

settings.register_profile(
    "ci", derandomize=True, max_examples=EXAMPLES_PER_TEST, deadline=None, print_blob=True,
    database=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "dev", max_examples=EXAMPLES_PER_TEST, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
# `pytest --hypothesis-profile=debug`: report the first failure found, without shrinking it
settings.register_profile(
    "debug", max_examples=60, deadline=None, phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI", "").lower() in ("true", "1") else "dev")


# Tests that take seconds each (node id prefixes), and why; measured with
# `pytest -m "not slow" --durations=60` (issue 10). They run in every full run and in CI.
RULES = sorted(p.parent.name for p in REPO.glob("rules/*/cases.csv"))
SLOW = {
    "tests/test_report_browser.py::": "a real browser",
    "tests/test_doc_browser.py::": "a real browser",
    "tests/test_report_html.py::test_same_input_gives_same_bytes_across_hash_seeds":
        "fresh interpreters with other hash seeds",
    "tests/test_codegen.py::test_module_is_byte_identical_whatever_the_hash_seed":
        "fresh interpreters with other hash seeds",
    "tests/test_doc_site.py::test_same_input_gives_same_bytes_across_runs_and_hash_seeds":
        "fresh interpreters with other hash seeds",
    "tests/test_score_cli.py::test_output_is_byte_identical_in_a_fresh_process_with_"
    "another_hash_seed": "fresh interpreters with other hash seeds",
    **{f"tests/test_sql.py::test_archive_equals_engine[{name}-":
       "a framework of rules/ through each SQL engine (the demo stays in the quick set)"
       for name in RULES},
    **{f"tests/test_sql_postgres.py::test_archive_equals_engine_on_postgres[{name}]":
       "a framework of rules/ on PostgreSQL (the demo stays in the quick set)" for name in RULES},
    **{f"tests/test_sql_parquet.py::test_parquet_folder_view_equals_engine[{name}]":
       "a framework of rules/ over Parquet in DuckDB (the demo stays in the quick set)"
       for name in RULES},
    **{f"tests/test_db.py::test_{db}_scores_as_the_csv_files[{name}]":
       "a framework of rules/ read from a database (the demo stays in the quick set)"
       for name in RULES for db in ("postgres", "sqlite")},
    "tests/test_benchmarks.py::test_scale_archive_scored_by_duckdb_over_its_parts_equals_"
    "critc_score": "a large synthetic archive through DuckDB",
    "tests/test_sql.py::test_rounding_is_the_runtime_s_to_the_bit[": "a sweep of values",
    "tests/test_sql.py::test_every_dialect_renders_the_same_bytes_twice[":
        "every dialect, in fresh interpreters",
    "tests/test_report_html.py::test_every_framework_in_rules_gets_a_report[iaow-2014]":
        "the largest case file",
    "tests/test_report_html.py::test_every_framework_in_rules_gets_a_report[omi-2008]":
        "the largest framework",
    "tests/test_report_html.py::test_case_lists_are_capped": "the largest case file",
    "tests/fuzz/test_fuzz_budget.py::": "a fuzzing campaign",
    "tests/test_types.py::": "mypy over the code base (a minute and more without its cache)",
    "tests/test_editor_grammar.py::test_a_wrong_scope_fails_the_grammar_test":
        "node's grammar tester",
    "tests/test_benchmarks.py::test_file_peers": "benchmark peers over files",
    "tests/test_benchmarks.py::test_compiled_score_case_loop": "compiles a module",
}


def pytest_collection_modifyitems(items):
    """Property tests (hypothesis) and the tests SLOW lists are `slow`: out of
    `-m "not slow"`, in every full run."""
    prefixes = tuple(SLOW)
    for item in items:
        if getattr(getattr(item, "function", None), "is_hypothesis_test", False) or \
                item.nodeid.startswith(prefixes):
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser):
    parser.addoption("--update", action="store_true", default=False,
                     help="rewrite golden files with the current output instead of comparing")


@pytest.fixture
def update(request) -> bool:
    return request.config.getoption("--update")


@pytest.fixture
def in_repo(monkeypatch) -> Path:
    """Run with the repository root as working directory, so shown paths are relative."""
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture
def wide_console(monkeypatch):
    """A wide console for the CLI: rich wraps tables and trees at the console width; keep
    lines whole so tests can look for them."""
    monkeypatch.setenv("COLUMNS", "250")
