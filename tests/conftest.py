"""Shared test settings.

    pytest --update     rewrite golden files from the current output instead of comparing
    pytest -m "not slow"   the quick subset for the edit loop: no property tests
    CI=true pytest      every test, property tests with the derandomised "ci" hypothesis
                        profile (the same examples each run, a fixed budget per test)
    pytest --hypothesis-profile=debug    stop at the first failing example, unshrunk

Every hypothesis property test is marked `slow` (here, at collection); other tests that
take seconds carry `@pytest.mark.slow` themselves. CI runs them all.
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


def pytest_collection_modifyitems(items):
    """Property tests (hypothesis) are `slow`: out of `-m "not slow"`, in every full run."""
    for item in items:
        if getattr(getattr(item, "function", None), "is_hypothesis_test", False):
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
