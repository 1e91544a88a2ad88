"""Shared test settings.

    pytest --update     rewrite golden files from the current output instead of comparing
    pytest -m "not slow"   the quick subset for the edit loop: no property tests
    CI=true pytest      every test, property tests with the derandomised "ci" hypothesis
                        profile (the same examples each run, a fixed budget per test)
    pytest --hypothesis-profile=debug    stop at the first failing example, unshrunk

Every hypothesis property test is marked `slow` (here, at collection), and so are the tests
that SLOW lists, each taking seconds: browsers, fresh interpreters, sweeps over every
framework or dialect, node tools, mypy over the code base; a few others carry
`@pytest.mark.slow` themselves. CI runs them all.
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
