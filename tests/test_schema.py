"""`critc score --format json` follows its versioned JSON Schema (compiler/api/schema/
results-1.json, published as docs/results-schema.json): every output the suite can make
from rules/ and examples/ is validated, and a rating's value is its points (issue 16,
item 9), never its position in the scale."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import critc
import pytest
from cli_run import run
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "compiler" / "api" / "schema" / "results-1.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
DEMO = ROOT / "examples" / "demo"


def _rules():
    for folder in sorted(p for p in (ROOT / "rules").iterdir() if p.is_dir()):
        crit = folder / f"{folder.name}.crit"
        if crit.exists() and (folder / "cases.csv").exists():
            inputs = folder / "inputs.csv"
            yield pytest.param(crit, folder / "cases.csv",
                               inputs if inputs.exists() else None, id=folder.name)


SOURCES = [*_rules(), pytest.param(DEMO / "framework.crit", DEMO / "cases.csv",
                                   DEMO / "inputs.csv", id="demo")]


def _score(capsys, framework, cases, inputs, *options) -> dict:
    argv = ["score", framework, cases, "--format", "json", *options]
    if inputs is not None:
        argv += ["--inputs", inputs]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def _errors(payload: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in VALIDATOR.iter_errors(payload)]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == "urn:critc:schema:results-1"


def test_the_published_schema_is_the_shipped_one():
    published = ROOT / "docs" / "results-schema.json"
    assert published.read_text(encoding="utf-8") == SCHEMA_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize(("framework", "cases", "inputs"), SOURCES)
@pytest.mark.parametrize("grouping", [(), ("--all",)], ids=["inspections", "all"])
def test_every_rules_and_examples_output_follows_the_schema(capsys, framework, cases, inputs,
                                                            grouping):
    payload = _score(capsys, framework, cases, inputs, *grouping)
    assert _errors(payload) == []
    assert payload["schema"] == SCHEMA["$id"]


def test_versions_output_follows_the_schema(capsys):
    examples = ROOT / "examples" / "versions"
    code, out, err = run(capsys, "score", examples, examples / "cases.csv", "--format", "json")
    assert code == 0, err
    payload = json.loads(out)
    assert _errors(payload) == []
    assert payload["inspections"] and "date" in payload["inspections"][0]


def test_a_broken_output_is_refused():
    """The schema is not vacuous: a rating without points, or a question without its
    counts, fails."""
    figure = {"kind": "rating", "type": "rating", "value": 0.0, "rounded": 0.0,
              "shown": "Good"}
    payload = {"schema": SCHEMA["$id"], "framework": {"name": None, "version": None,
               "effective_from": None, "effective_to": None}, "grouped_by": None,
               "inspections": [{"inspection": "all", "cases": 1, "figures": {"r": figure}}]}
    assert _errors(payload)
    figure.update(rating="Good", points=2.0)
    assert _errors(payload) == []
    payload["inspections"][0]["figures"]["q"] = {"kind": "question", "type": "score",
                                                 "value": 1.0, "rounded": 1.0, "shown": "100%"}
    assert _errors(payload)


def test_a_rating_is_its_label_and_points_never_its_position(capsys):
    """Issue 16, item 9. The demo's overall rating scale is Well met 3 points, Partly met 1,
    ...: its first level was written as value 0.0 (the position), now 3.0 (the points)."""
    payload = _score(capsys, DEMO / "framework.crit", DEMO / "cases.csv", DEMO / "inputs.csv")
    ratings = [i["figures"]["overall"] for i in payload["inspections"]]
    assert {(r["rating"], r["points"], r["value"]) for r in ratings} >= {
        ("Well met", 3.0, 3.0), ("Partly met", 1.0, 1.0)}
    assert all(r["shown"] == r["rating"] for r in ratings)
    code, out, _ = run(capsys, "score", DEMO / "framework.crit", DEMO / "cases.csv",
                       "--inputs", DEMO / "inputs.csv", "--format", "csv")
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["figure"] == "overall"]
    assert {(r["shown"], r["value"]) for r in rows} >= {("Well met", "3.0"),
                                                       ("Partly met", "1.0")}


def test_every_figure_carries_rounded_as_declared(capsys):
    payload = _score(capsys, DEMO / "framework.crit", DEMO / "cases.csv", DEMO / "inputs.csv")
    figure = payload["inspections"][0]["figures"]["1.1"]
    assert figure["shown"] == "83%" and figure["rounded"] == 0.83
    assert figure["value"] == pytest.approx(0.82666, abs=1e-4)


def test_the_schema_ships_with_the_package():
    assert critc.results_schema() == SCHEMA


def test_the_documented_example_follows_the_schema():
    text = (ROOT / "docs" / "results-schema.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    assert _errors(json.loads(example)) == []
