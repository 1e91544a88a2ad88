"""Tests that need a system service (a browser, a database server, Node packages) ask for
it with `require`: without it they skip and say why, except under CI=true, where a missing
service is a failure (CI installs every service with tests/services/install.sh)."""

from __future__ import annotations

import os

import pytest


def require(available: bool, what: str, how: str = "bash tests/services/install.sh") -> None:
    """Skip (or, under CI=true, fail) the calling test unless `available`."""
    if available:
        return
    message = f"{what} is not available; install it with `{how}`"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + " (CI=true: a missing service is a failure)")
    pytest.skip(message)
