"""Regression tests for the five seed frameworks in rules/.

For each framework: the rules check clean and are in canonical form; the committed case
records are exactly what rules/casegen.py makes from the framework's cases_spec.py, and its
published.test.yaml what rules/published_tests.py makes from expected.json; scoring
them reproduces every published figure in expected.json (value as shown, band label or
rating); and every documented source inconsistency still differs from what the rules give,
so the mismatch stays documented and no rule is bent to hide it.

    pytest tests/test_rules.py -k omi_2008
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.cli import main as cli
from critc.dsl.diagnostics import has_errors

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
ALL_FRAMEWORKS = ("esi-2006", "omi-2008", "omi-2012", "iaow-2014", "probation-2018")
# Parametrise over the folders that have their regression data; test_every_framework_has
# _regression_data fails if one is missing, so none is skipped silently.
FRAMEWORKS = tuple(fw for fw in ALL_FRAMEWORKS if (RULES / fw / "expected.json").exists())

sys.path.insert(0, str(RULES))
import casegen  # noqa: E402  (rules/casegen.py, not an installed package)
import published_tests  # noqa: E402  (rules/published_tests.py)


def ident(name: str) -> str:
    return name.replace("-", "_")


def expected(fw: str) -> dict:
    return json.loads((RULES / fw / "expected.json").read_text(encoding="utf-8"))


def crit(fw: str) -> Path:
    return RULES / fw / f"{fw}.crit"


_scores: dict[str, dict] = {}


def scores(fw: str, tmp_path_factory) -> dict:
    """critc score on the committed case files, as JSON, keyed by inspection (once per
    framework)."""
    if fw not in _scores:
        exp = expected(fw)
        out = tmp_path_factory.mktemp(ident(fw)) / "scores.json"
        argv = ["score", str(crit(fw)), str(RULES / fw / exp["cases"])]
        if exp.get("inputs"):
            argv += ["--inputs", str(RULES / fw / exp["inputs"])]
        argv += exp.get("score_options", []) + ["--format", "json", "-o", str(out)]
        assert cli.main(argv) == 0, f"critc {' '.join(argv)} failed"
        data = json.loads(out.read_text(encoding="utf-8"))
        _scores[fw] = {i["inspection"]: i for i in data["inspections"]}
    return _scores[fw]


def _figure_cases():
    for fw in FRAMEWORKS:
        for key, inspection in expected(fw)["inspections"].items():
            for node, figure in inspection["figures"].items():
                yield pytest.param(fw, key, node, figure, id=f"{ident(fw)}:{key}:{node}")


def _inconsistency_cases():
    for fw in FRAMEWORKS:
        for item in expected(fw).get("inconsistencies", []):
            if "rules_give" in item:
                yield pytest.param(fw, item, id=f"{ident(fw)}:{item['figure']}")


@pytest.mark.parametrize("fw", ALL_FRAMEWORKS, ids=ident)
def test_every_framework_has_regression_data(fw):
    for name in ("cases_spec.py", "cases.csv", "expected.json"):
        assert (RULES / fw / name).exists(), f"rules/{fw}/{name} is missing"


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=ident)
def test_rules_check_clean(fw, capsys):
    result = check_file(crit(fw))
    assert not has_errors(result.diagnostics), [d.message for d in result.diagnostics]
    assert cli.main(["check", str(crit(fw))]) == 0


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=ident)
def test_rules_canonical_form(fw, capsys):
    assert cli.main(["fmt", "--check", str(crit(fw))]) == 0


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=ident)
def test_case_files_are_what_the_generator_makes(fw, tmp_path):
    assert casegen.main(["--out", str(tmp_path), fw]) == 0
    made = sorted(p.name for p in (tmp_path / fw).iterdir())
    exp = expected(fw)
    assert exp["cases"] in made
    for name in made:
        committed = (RULES / fw / name).read_bytes()
        assert (tmp_path / fw / name).read_bytes() == committed, \
            f"rules/{fw}/{name} differs from the generator's output: rerun rules/casegen.py {fw}"


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=ident)
def test_published_test_file_is_what_the_generator_makes(fw):
    """published.test.yaml shows expected.json's figures as a `critc test` file; it is
    written from expected.json, so the two cannot drift apart."""
    committed = (RULES / fw / published_tests.FILE_NAME).read_bytes()
    assert committed == published_tests.generate(fw).encode("utf-8"), \
        f"rules/{fw}/{published_tests.FILE_NAME} differs from expected.json: rerun " \
        f"rules/published_tests.py {fw}"


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=ident)
def test_case_files_score_without_errors(fw, tmp_path_factory):
    got = scores(fw, tmp_path_factory)
    for key, inspection in expected(fw)["inspections"].items():
        assert key in got, f"no inspection {key!r} in the scores of {fw}"
        assert got[key]["cases"] == inspection["cases"]


@pytest.mark.parametrize("fw,key,node,figure", list(_figure_cases()))
def test_published_figure(fw, key, node, figure, tmp_path_factory):
    got = scores(fw, tmp_path_factory)[key]["figures"]
    assert node in got, f"{fw}: no figure {node}"
    actual = got[node]
    for field in ("shown", "numerator", "denominator"):
        if field in figure:
            assert actual.get(field) == figure[field], \
                f"{fw} {node} {field}: published {figure[field]!r}, rules give " \
                f"{actual.get(field)!r} ({figure['source']})"
    for band, label in figure.get("bands", {}).items():
        assert actual.get("bands", {}).get(band) == label, \
            f"{fw} {node} band {band}: published {label!r}, rules give " \
            f"{actual.get('bands', {}).get(band)!r}"


@pytest.mark.parametrize("fw,item", list(_inconsistency_cases()))
def test_documented_inconsistency(fw, item, tmp_path_factory):
    """The published value is NOT what the rules give from the published findings; the
    value the rules give is recorded. If this fails, either the data or the rule changed:
    update expected.json's explanation, do not bend the rule to the published figure."""
    got = scores(fw, tmp_path_factory)[item["inspection"]]["figures"][item["figure"]]
    field = item.get("field", "shown")
    assert got[field] == item["rules_give"]
    assert got[field] != item["published"]
    if "published_band" in item:
        labels = set(got.get("bands", {}).values())
        assert item["rules_band"] in labels
        assert item["published_band"] not in labels


def _check_cases():
    for fw in FRAMEWORKS:
        for n, item in enumerate(expected(fw).get("checks", [])):
            yield pytest.param(fw, item, id=f"{ident(fw)}:check{n}")


@pytest.mark.parametrize("fw,item", list(_check_cases()))
def test_derived_check(fw, item, tmp_path_factory):
    """Arithmetic checks on figures that are derived, not published (e.g. the 2018 points
    sum): the values are summed from the unrounded figures."""
    got = scores(fw, tmp_path_factory)[item["inspection"]]["figures"]
    total = sum(got[node]["value"] for node in item["sum_of"])
    assert total == item["equals"], item["source"]


def _range_cases():
    for fw in FRAMEWORKS:
        for item in expected(fw).get("ranges", []):
            yield pytest.param(fw, item, id=f"{ident(fw)}:range:{item['figure']}")


@pytest.mark.parametrize("fw,item", list(_range_cases()))
def test_published_range(fw, item, tmp_path_factory):
    """Property checks from published ranges (e.g. OMI2's regional table): the figure as
    shown lies within [min, max]."""
    got = scores(fw, tmp_path_factory)[item["inspection"]]["figures"][item["figure"]]
    low, high = item["between"]
    assert low <= int(got["shown"].rstrip("%")) <= high, item["source"]


def _across_cases():
    for fw in FRAMEWORKS:
        for node, figure in expected(fw).get("across_inspections", {}).get("figures", {}).items():
            yield pytest.param(fw, node, figure, id=f"{ident(fw)}:across:{node}")


@pytest.mark.parametrize("fw,node,figure", list(_across_cases()))
def test_published_figure_across_inspections(fw, node, figure, tmp_path):
    """A figure the framework declares `across inspections` (IAOW's six-Trust aggregate),
    with the cases grouped by inspection as the framework says (no --all)."""
    exp = expected(fw)
    out = tmp_path / "scores.json"
    argv = ["score", str(crit(fw)), str(RULES / fw / exp["cases"]), "--format", "json",
            "-o", str(out)]
    assert cli.main(argv) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["inspections"]) > 1
    actual = data["across_inspections"]["figures"][node]
    assert actual["shown"] == figure["shown"], figure["source"]


def test_the_iaow_aggregate_lies_within_the_range_of_its_trusts(tmp_path):
    """TV18 inside the language: each pooled six-Trust figure lies between the lowest and
    the highest Trust's."""
    out = tmp_path / "scores.json"
    assert cli.main(["score", str(crit("iaow-2014")), str(RULES / "iaow-2014" / "cases.csv"),
                     "--format", "json", "-o", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))["across_inspections"]["figures"]
    for outcome in range(1, 6):
        low, high = (figures[f"{outcome}-{end}"]["value"] for end in ("lowest", "highest"))
        assert low <= figures[f"{outcome}-all"]["value"] <= high
        assert low <= figures[f"{outcome}-trusts"]["value"] <= high
