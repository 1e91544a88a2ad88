"""Subcommands added by later stages of the pipeline (score, explain, compile, test, diff)."""

from __future__ import annotations


def register(sub) -> None:
    """Add the pipeline's later subcommands to the `critc` parser."""
