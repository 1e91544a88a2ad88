"""The JSON Schema `critc score --format json` follows, shipped as package data."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def results_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `Scores.to_json()` and `critc score --format
    json`, version 1 (docs/results-schema.md)."""
    text = (resources.files("critc.compiler.api") / "schema" / "results-1.json").read_text(
        encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
