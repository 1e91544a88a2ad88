"""Explain reads the lowered plan: figures, pooled counts and a case's counting status."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import critc
import pytest
from cli_run import run
from critc.compiler.check.passes import check_file
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.io.session import open_session
from critc.compiler.report import explain_items
from critc.compiler.report.explain import Explainer
from critc.compiler.report.explain_lines import Line
from test_tutorial import Reader, blocks, commands

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
GOLDEN = ROOT / "tests" / "golden" / "explain"


def explainer():
    path = DEMO / "framework.crit"
    result = check_file(str(path), path.read_text(encoding="utf-8"))
    session, _problems = open_session(result, str(DEMO / "cases.csv"),
                                      str(DEMO / "inputs.csv"))
    results = evaluate(session.plan, session.table, session.grouping, session.inputs)
    return Explainer(results, session.table, session.inputs, result.program.sources), results


def text_of(line: Line) -> str:
    """Every line's text, indented under its parent."""
    def lines(line: Line, depth: int):
        yield "  " * depth + line.text
        for child in line.children:
            yield from lines(child, depth + 1)
    return "\n".join(lines(line, 0))


def test_a_pooled_figure_is_explained_before_anything_is_rendered():
    """Regression: figure() read the inspection from state set by render(), so explaining
    a pooled figure on its own raised AttributeError."""
    explain, results = explainer()
    g = 1
    plan = results.plan
    idx = [plan.question(q).index for q in plan.questions_of["roh"]]
    num, den = int(results.numerators[g, idx].sum()), int(results.denominators[g, idx].sum())
    text = text_of(explain.figure("roh", g))
    assert f"pooled over {len(idx)} questions: {num} above the line / {den} answers" in text


def test_a_cases_contribution_follows_its_counting_status():
    explain, results = explainer()
    table = explain.table
    i = 0
    text = text_of(explain.case("1.2", i, int(results.grouping.group[i])))
    for qid in results.plan.questions_of["1.2"]:
        assert f"question {qid}: answer" in text
    assert "counted above the line (+1 numerator, +1 denominator)" in text
    assert table.case_ids[i] in text


# ----------------------------------------------------------------------------- golden files
DEMO_ARGS = ["examples/demo/framework.crit", "examples/demo/cases.csv",
             "--inputs", "examples/demo/inputs.csv"]
TUTORIAL_ARGS = ["examples/tutorial/roh.crit", "examples/tutorial/cases.csv"]


def rules_args(name: str) -> list[str]:
    folder = f"rules/{name}"
    inputs = ["--inputs", f"{folder}/inputs.csv"] if (ROOT / folder / "inputs.csv").exists() \
        else []
    return [f"{folder}/{name}.crit", f"{folder}/cases.csv", *inputs]


# golden file name → the arguments of `critc explain`
GOLDEN_EXPLAIN = {
    "demo-criterion": [*DEMO_ARGS, "1.1", "--inspection", "Ashford"],
    "demo-question": [*DEMO_ARGS, "1.2b", "--inspection", "Ashford"],
    "demo-band-label": [*DEMO_ARGS, "conclusion[1.1]", "--inspection", "Ashford"],
    "demo-band": [*DEMO_ARGS, "conclusion", "--inspection", "Ashford"],
    "demo-input": [*DEMO_ARGS, "leadership", "--inspection", "Ashford"],
    "demo-rating": [*DEMO_ARGS, "overall", "--inspection", "Ashford"],
    "demo-rating-scale": [*DEMO_ARGS, "grade", "--inspection", "Ashford"],
    "demo-case": [*DEMO_ARGS, "--node", "1.2", "--case", "ASH-002"],
    "demo-criterion-json": [*DEMO_ARGS, "1.1", "--inspection", "Ashford", "--format", "json"],
    "tutorial-thread": [*TUTORIAL_ARGS, "roh"],
    "tutorial-question": [*TUTORIAL_ARGS, "1.2-13"],
    "versions-case": ["examples/versions", "examples/versions/cases.csv", "1.1", "--case",
                      "DUN-002"],
    "omi-2008-criterion": [*rules_args("omi-2008"), "1.1"],
    "omi-2008-input": [*rules_args("omi-2008"), "grade_4_1"],
    "omi-2012-criterion": [*rules_args("omi-2012"), "1.4"],
    "esi-2006-criterion": [*rules_args("esi-2006"), "B1"],
    "probation-2018-rating": [*rules_args("probation-2018"), "overall"],
    "probation-2018-standard": [*rules_args("probation-2018"), "2.1"],
    "probation-2018-band": [*rules_args("probation-2018"), "kq_rating"],
    "probation-2018-input": [*rules_args("probation-2018"), "leadership_rating"],
    "probation-2018-scale": [*rules_args("probation-2018"), "standard_rating"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_EXPLAIN))
def test_explain_output_matches_its_golden_file(name, in_repo, wide_console, capsys, update):
    args = GOLDEN_EXPLAIN[name]
    code, out, _err = run(capsys, "explain", *args)
    assert code == 0
    text = f"$ critc explain {shlex.join(args)}\n{out}"
    golden = GOLDEN / f"{name}.{'json' if '--format' in args else 'txt'}"
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "explain differs; run pytest --update"


# ----------------------------------------------------------------------------- behaviours
SMALL = '''framework "Small" version "1"
  rounding {rounding}

scale yn "Done?"
  yes "Yes" above the line
  no "No"
  na "Not applicable" not applicable

rating scale grade "Grade"
  good "Good" 2 points
  poor "Poor" 0 points

case fields
  ref "Case": text, case id
  area "Area": text, inspection
  risky "Risky": boolean

inspection inputs
  lead "Leadership": rating grade

section 1 "Work" = mean of its criteria
  criterion 1.1 "Checks" = weighted mean(question a: 0.5, question b: 0.5)
    question a "Was a done?"
    question b "Was b done?"
      applies when risky

rating overall "Overall" = overall_band(criterion 1.1)
  rated grade

score total "Total" = sum(points(overall), points(lead))

band overall_band "Overall from criterion 1.1"
  gives grade
  80% and above: good
  otherwise: poor
'''
# In North, question b has no answers (so criterion 1.1 renormalises); in South it has.
SMALL_CASES = """ref,area,risky,a,b
N1,North,false,yes,
N2,North,true,na,
N3,North,false,,
N4,North,false,no,
S1,South,true,yes,yes
S2,South,true,no,yes
"""


def small(tmp_path: Path, rounding: str = "half up to whole percent"):
    fw = tmp_path / "small.crit"
    fw.write_text(SMALL.format(rounding=rounding), encoding="utf-8")
    (tmp_path / "cases.csv").write_text(SMALL_CASES, encoding="utf-8")
    (tmp_path / "inputs.csv").write_text("area,lead\nNorth,good\nSouth,\n", encoding="utf-8")
    return critc.load(fw).score(tmp_path / "cases.csv", tmp_path / "inputs.csv")


def all_text(explanation) -> str:
    return "\n".join(text_of(line) for line in explanation.lines)


def test_a_band_shows_the_rounding_it_applies_before_choosing_a_row():
    """The issue's example: 79.50% is banded as 80% under half-up rounding."""
    path = ROOT / "rules" / "probation-2018" / "probation-2018.crit"
    scores = critc.load(path).score(path.parent / "cases.csv", path.parent / "inputs.csv")
    explanation = scores.explain("kq_rating")
    assert "rounded half up to whole percent" in all_text(explanation)
    explainer_ = Explainer(scores._results, scores._session.table, scores._session.inputs, {})
    assert explain_items.band_step(explainer_, "kq_rating", 0.795) == \
        "79.50% rounds half up to 80%, which is 80% and above: Outstanding"
    assert explain_items.band_step(explainer_, "kq_rating", 0.56) == \
        "56.00%, which is 50% up to 64%: Requires improvement"


def test_the_band_rounds_with_the_frameworks_declared_mode(tmp_path):
    scores = small(tmp_path, "down to whole percent")
    explainer_ = Explainer(scores._results, scores._session.table, scores._session.inputs, {})
    assert explain_items.band_step(explainer_, "overall_band", 0.7999) == \
        "79.99% rounds down to 79%, which falls to `otherwise`: Poor"


def test_renormalised_is_said_only_when_an_input_is_missing(tmp_path):
    scores = small(tmp_path)
    north = all_text(scores.explain("1.1", "North"))
    south = all_text(scores.explain("1.1", "South"))
    assert "renormalised: 1 of 2 inputs undefined" in north
    assert ", renormalised" not in south
    assert "weighted mean = 75.00%" in south


def test_a_question_lists_every_case_counted_below_the_line_and_each_left_out(tmp_path):
    scores = small(tmp_path)
    text = all_text(scores.explain("a", "North"))
    assert "1 case counted below the line\n    N4" in text
    assert "1 case not counted: answered not applicable\n    N2" in text
    assert "1 case not counted: blank (applicable, no answer)\n    N3" in text
    text = all_text(scores.explain("b", "North"))
    assert "applies when the case's Risky is yes" in text  # in plain English
    assert "not counted: the condition does not hold\n    risky = false: N1, N3, N4" in text


def test_inputs_ratings_points_and_scales_are_explained(tmp_path):
    scores = small(tmp_path)
    lead = scores.explain("lead", "North")
    assert lead.figure is None
    text = all_text(lead)
    assert 'inspection input lead "Leadership"  Good' in text
    assert "Good is 2 points on the grade scale (Good 2, Poor 0)" in text
    assert "its points are added in: score total" in text
    assert "not given for this inspection" in all_text(scores.explain("lead", "South"))
    overall = all_text(scores.explain("overall", "South"))
    assert "band overall_band: 75.00%, which falls to `otherwise`: Poor" in overall
    assert "Poor is 0 points on the grade scale" in overall
    total = all_text(scores.explain("total", "North"))
    assert "points of rating overall = 0 (Poor)" in total
    grade = all_text(scores.explain("grade", "North"))
    assert "rating overall: Poor, 0 points" in grade
    assert "inspection input lead: Good, 2 points" in grade


def test_the_api_returns_what_explain_prints_and_writes(tmp_path, capsys, monkeypatch):
    scores = small(tmp_path)
    explanation = scores.explain("1.1", "North")
    monkeypatch.setenv("COLUMNS", "120")  # as wide as str(explanation)
    code, out, _err = run(capsys, "explain", tmp_path / "small.crit", tmp_path / "cases.csv",
                          "--inputs", tmp_path / "inputs.csv", "1.1", "--inspection", "North",
                          "--format", "json")
    assert code == 0
    assert json.loads(out) == [explanation.to_dict()]
    code, out, _err = run(capsys, "explain", tmp_path / "small.crit", tmp_path / "cases.csv",
                          "--inputs", tmp_path / "inputs.csv", "--node", "1.1", "--inspection",
                          "North")
    assert code == 0 and out == str(explanation)


def test_explain_says_what_it_can_explain(tmp_path, capsys):
    small(tmp_path)
    args = [tmp_path / "small.crit", tmp_path / "cases.csv", "--inputs", tmp_path / "inputs.csv"]
    code, _out, err = run(capsys, "explain", *args, "leed", "--inspection", "North")
    assert code == 2
    assert "no figure, inspection input, band or rating scale `leed`" in err
    assert "`lead`" in err
    code, _out, err = run(capsys, "explain", *args, "1.1", "--node", "a")
    assert code == 2 and "two figures asked for" in err
    code, _out, err = run(capsys, "explain", *args)
    assert code == 2 and "say which figure to explain" in err


def test_the_examples_in_the_explain_page_run_as_shown(in_repo, wide_console, capsys,
                                                       monkeypatch):
    page = ROOT / "docs" / "explain.md"
    reader = Reader(ROOT, capsys, monkeypatch, doc="docs/explain.md")
    for info, text, line in blocks(page):
        if info == "console":
            for command in commands(info, text, line):
                reader.run(command)
    assert reader.ran.count("critc") >= 6


def test_a_version_directory_explains_with_the_version_in_force(in_repo, capsys):
    code, out, _err = run(capsys, "explain", "examples/versions", "examples/versions/cases.csv",
                          "1.1", "--inspection", "Ashford", "--format", "json")
    assert code == 0
    [explanation] = json.loads(out)
    assert explanation["version"] == "v1.crit" and explanation["inspection"] == "Ashford"
    assert explanation["lines"][1]["text"].startswith("fieldwork = 2024-06-12: explained "
                                                      "with v1.crit")
    code, _out, err = run(capsys, "explain", "examples/versions",
                          "examples/versions/cases.csv", "1.1", "--all")
    assert code == 2 and "--all cannot be used with a version directory" in err
