"""Shared test settings.

    pytest --update     rewrite golden files from the current output instead of comparing
    CI=1 pytest         run property tests with the derandomised "ci" hypothesis profile
    pytest --hypothesis-profile=debug    stop at the first failing example, unshrunk
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

REPO = Path(__file__).resolve().parent.parent

settings.register_profile(
    "ci", derandomize=True, max_examples=60, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# `pytest --hypothesis-profile=debug`: report the first failure found, without shrinking it
settings.register_profile(
    "debug", max_examples=60, deadline=None, phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


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
