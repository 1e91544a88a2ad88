"""Inspections scored from their inspection inputs alone (issue 16, item 1), and problems
in an inputs file summarised under its own name (item 7)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import critc
import pytest
from cli_run import run

DEMO = Path(__file__).parent.parent / "examples" / "demo"

JUDGED = '''framework "Judged" version "1"
  rounding half up to whole percent

rating scale grade "Grade"
  good "Good" 2 points
  poor "Poor" 0 points

case fields
  area: text, inspection

inspection inputs
  leadership: rating grade
  staffing: rating grade

score total "Total" = points(leadership) + points(staffing)
'''


@pytest.fixture
def judged(tmp_path):
    (tmp_path / "judged.crit").write_text(JUDGED, encoding="utf-8")
    (tmp_path / "inputs.csv").write_text("area,leadership,staffing\nNorth,good,poor\n"
                                         "South,good,good\n", encoding="utf-8")
    return tmp_path


def totals(out: str) -> dict[str, float]:
    return {i["inspection"]: i["figures"]["total"]["value"]
            for i in json.loads(out)["inspections"]}


def test_a_framework_with_no_questions_is_scored_from_inputs_alone(judged, capsys):
    code, out, err = run(capsys, "score", judged / "judged.crit", "--inputs",
                         judged / "inputs.csv", "--format", "json")
    assert code == 0, err
    assert totals(out) == {"North": 2.0, "South": 4.0}
    assert err == ""


def test_a_case_file_holding_only_a_header_is_no_cases(judged, capsys):
    (judged / "cases.csv").write_text("area\n", encoding="utf-8")
    code, out, err = run(capsys, "score", judged / "judged.crit", judged / "cases.csv",
                         "--inputs", judged / "inputs.csv", "--format", "json")
    assert code == 0, err
    assert totals(out) == {"North": 2.0, "South": 4.0}


def test_the_api_scores_inputs_alone(judged):
    framework = critc.load(judged / "judged.crit")
    scores = framework.score(None, inputs=judged / "inputs.csv")
    assert totals(scores.to_json()) == {"North": 2.0, "South": 4.0}
    with pytest.raises(ValueError, match="no questions"):
        critc.load(DEMO / "framework.crit").score(None, inputs=DEMO / "inputs.csv")


def test_cases_are_needed_by_a_framework_with_questions(capsys):
    code, _, err = run(capsys, "score", DEMO / "framework.crit", "--inputs",
                       DEMO / "inputs.csv")
    assert code == 2
    assert "has questions, so it needs case records: give CASES" in err
    code, _, err = run(capsys, "score", DEMO / "framework.crit")
    assert code == 2
    assert "give the case records (CASES)" in err


def test_an_inspection_with_inputs_but_no_cases_is_scored(tmp_path, capsys):
    inputs = tmp_path / "inputs.csv"
    shutil.copy(DEMO / "inputs.csv", inputs)
    with inputs.open("a", encoding="utf-8") as f:
        f.write("Zetland,well_met\n")
    code, out, err = run(capsys, "score", DEMO / "framework.crit", DEMO / "cases.csv",
                         "--inputs", inputs, "--format", "json")
    assert code == 0, err
    found = {i["inspection"]: i for i in json.loads(out)["inspections"]}
    assert list(found)[-1] == "Zetland" and found["Zetland"]["cases"] == 0
    figures = found["Zetland"]["figures"]
    assert figures["1"]["value"] is None and figures["1"]["cases"] == 0
    assert figures["overall"]["value"] is None  # it sums a case-based figure
    assert found["Ashford"] == json.loads(run(capsys, "score", DEMO / "framework.crit",
                                              DEMO / "cases.csv", "--inputs",
                                              DEMO / "inputs.csv", "--format",
                                              "json")[1])["inspections"][0]
    assert "warning[unknown-inspection]: inputs given for `Zetland`, which has no cases: " \
        "scored from its inputs alone" in err
    assert f"--> {inputs}:8:1" in err
    assert err.rstrip().endswith(f"{inputs}: 1 warning")


def test_problems_in_the_inputs_are_summarised_under_the_inputs_file(tmp_path, capsys):
    inputs = tmp_path / "inputs.csv"
    inputs.write_text(DEMO.joinpath("inputs.csv").read_text(encoding="utf-8")
                      .replace("Dunmore,partly_met", "Dunmore,grand"), encoding="utf-8")
    code, _, err = run(capsys, "score", DEMO / "framework.crit", DEMO / "cases.csv",
                       "--inputs", inputs)
    assert code == 1
    assert err.rstrip().endswith(f"{inputs}: 1 error")


def test_diff_summarises_problems_in_the_inputs_under_the_inputs_file(tmp_path, capsys):
    inputs = tmp_path / "inputs.csv"
    inputs.write_text(DEMO.joinpath("inputs.csv").read_text(encoding="utf-8")
                      .replace("Dunmore,partly_met", "Dunmore,grand"), encoding="utf-8")
    code, _, err = run(capsys, "diff", DEMO / "framework.crit", DEMO / "framework.crit",
                       DEMO / "cases.csv", "--inputs", inputs)
    assert code == 1
    assert f"the old framework ({DEMO / 'framework.crit'}) cannot score {inputs}:" in err
    assert err.rstrip().endswith(f"{inputs}: 1 error")


JUDGED_TESTS = '''framework: judged.crit
tests:
  - name: judged only, one inspection
    cases: []
    inputs:
      North: {leadership: Good, staffing: poor}
    expect:
      total: 2
  - name: judged only, the one asked for
    cases: []
    inputs:
      North: {leadership: good, staffing: poor}
      South: {leadership: good, staffing: good}
    inspection: South
    expect:
      total: 4
'''


def test_critc_test_scores_inspections_from_their_inputs_alone(judged, capsys):
    (judged / "judged.test.yaml").write_text(JUDGED_TESTS, encoding="utf-8")
    code, out, err = run(capsys, "test", judged / "judged.test.yaml")
    assert (code, out.splitlines()[-1]) == (0, "2 passed, 0 failed"), out + err


def test_critc_test_names_an_inspection_of_inputs_alone_beside_cases(tmp_path, capsys):
    """As `critc score`: an inspection the inputs give and the cases do not is scored; a
    test that does not say which inspection is about the one with cases."""
    shutil.copy(DEMO / "framework.crit", tmp_path / "framework.crit")
    case = "{case_ref: A1, area: Ashford, rosh: low, psr: true, 1.1a: sufficient}"
    (tmp_path / "t.test.yaml").write_text(f'''framework: framework.crit
tests:
  - name: the inspection with cases
    cases: [{case}]
    inputs:
      Ashford: {{leadership: well_met}}
      Zetland: {{leadership: partly_met}}
    expect:
      1.1a: 100%
  - name: the inspection of inputs alone
    cases: [{case}]
    inputs:
      Ashford: {{leadership: well_met}}
      Zetland: {{leadership: partly_met}}
    inspection: Zetland
    expect:
      1.1a: n/a
''', encoding="utf-8")
    code, out, err = run(capsys, "test", tmp_path / "t.test.yaml")
    assert (code, out.splitlines()[-1]) == (0, "2 passed, 0 failed"), out + err
    assert "inputs given for `Zetland`, which has no cases: scored from its inputs alone" \
        in out + err


def test_an_empty_cases_list_needs_inputs(judged, capsys):
    (judged / "judged.test.yaml").write_text(
        "framework: judged.crit\ntests:\n  - name: nothing\n    cases: []\n    expect:\n"
        "      total: 2\n", encoding="utf-8")
    code, out, err = run(capsys, "test", judged / "judged.test.yaml")
    assert code == 1
    assert "`cases` lists no case records" in out + err
    assert "`cases: []` is for inspections scored from their inputs alone" in out + err


def test_report_and_explain_take_inputs_alone(judged, capsys):
    fw, inputs = judged / "judged.crit", judged / "inputs.csv"
    code, _, err = run(capsys, "report", fw, "--inputs", inputs, "-o", judged / "r.html")
    assert code == 0, err
    assert "North" in (judged / "r.html").read_text(encoding="utf-8")
    code, out, err = run(capsys, "explain", fw, "total", "--inputs", inputs, "--inspection",
                         "South")
    assert code == 0, err
    assert "score total \"Total\"  4" in out and "staffing = Good" in out
    code, out, _ = run(capsys, "explain", fw, "--inputs", inputs, "--node", "total")
    assert "area = North" in out and "area = South" in out
    code, _, err = run(capsys, "report", DEMO / "framework.crit", "--inputs",
                       DEMO / "inputs.csv", "-o", judged / "d.html")
    assert code == 2 and "has questions, so it needs case records" in err


def test_diff_takes_inputs_alone_and_scores_inspections_of_inputs_alone(judged, capsys):
    fw = judged / "judged.crit"
    (judged / "v2.crit").write_text(JUDGED.replace('"Good" 2 points', '"Good" 3 points')
                                    .replace('version "1"', 'version "2"'), encoding="utf-8")
    code, out, err = run(capsys, "diff", fw, judged / "v2.crit", "--inputs",
                         judged / "inputs.csv")
    assert code == 0, err
    assert "0 cases in 2 inspections from" in out
    assert "South       score total  4 → 6" in out
    inputs = judged / "demo-inputs.csv"
    inputs.write_text(DEMO.joinpath("inputs.csv").read_text(encoding="utf-8")
                      + "Zetland,well_met\n", encoding="utf-8")
    code, out, err = run(capsys, "diff", DEMO / "framework.crit", DEMO / "framework.crit",
                         DEMO / "cases.csv", "--inputs", inputs, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["cases"]["inspections"][-1] == "Zetland"  # from its inputs alone
    code, _, err = run(capsys, "diff", DEMO / "framework.crit", DEMO / "framework.crit",
                       "--inputs", inputs)
    assert code == 2 and "has questions, so it needs case records" in err
