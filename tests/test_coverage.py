"""Coverage: which questions, aggregates and band rows tests or a case archive exercise
(`critc test --coverage`, `critc coverage FILE CASES`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run
from critc.compiler.cli import main as cli
from test_testing import TINY, one_test

pytestmark = pytest.mark.usefixtures("wide_console")

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo"



def coverage_json(capsys, *argv) -> dict:
    code, out, err = run(capsys, "coverage", *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_coverage_of_the_demo_archive(capsys):
    data = coverage_json(capsys, DEMO / "framework.crit", DEMO / "cases.csv", "--inputs",
                         DEMO / "inputs.csv")
    assert data["inspections"] == 6
    assert all(q["applicable"] for q in data["questions"].values())
    assert data["aggregates"]["overall"] == {"kind": "rating", "defined": True,
                                             "undefined": False}
    use = data["bands"]["conclusion_rating(in overall)"]
    rows = {r["row"]: r["reached"] for r in use["rows"]}
    assert rows == {"≥ 80%: Well met": False, "≥ 65% and < 80%: Satisfactorily met": True,
                    "≥ 50% and < 65%: Partly met": True, "otherwise: Not met": False}
    improvement = data["bands"]["improvement[roh]"]
    assert improvement["where"] == "on roh"
    assert "band `conclusion_rating`: never reached `≥ 80%: Well met`" in data["summary"]


def test_coverage_text_report(capsys):
    code, out, _ = run(capsys, "coverage", DEMO / "framework.crit", DEMO / "cases.csv")
    assert code == 0
    assert "Coverage of" in out and "question 1.2b" in out and "conclusion: " in out
    assert "23 of 23 questions ever applicable, 0 ever n/a" in out
    # without --inputs, leadership is blank: the overall rating adds its points to case
    # work's, and a total missing an input is undefined (issue 16, item 3)
    assert "11 of 12 aggregates ever defined, 1 ever n/a" in out
    assert "band `improvement`: never reached `≥ 80%: MINIMUM improvement required`" in out


def test_coverage_of_an_archive_by_whole(capsys):
    data = coverage_json(capsys, DEMO / "framework.crit", DEMO / "cases.csv", "--all")
    assert data["inspections"] == 1


def test_test_coverage_finds_a_band_row_the_tests_never_reach(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tiny.crit").write_text(TINY, encoding="utf-8")
    low = """
    cases:
      - {case_ref: C1, area: North, rosh: low, q1: sufficient}
      - {case_ref: C2, area: North, rosh: low, q1: sufficient}
    """
    (tmp_path / "t.test.yaml").write_text(one_test("q1: 100%\nq2: n/a", cases=low),
                                          encoding="utf-8")
    code, out, _ = run(capsys, "test", "t.test.yaml", "--coverage")
    assert code == 0, out
    assert "Coverage of tiny.crit by the tests (1 inspection tested)" in out
    assert "1 of 2 questions ever applicable, 1 ever n/a" in out
    assert "never applicable: q2" in out
    assert "band `verdict`: never reached `otherwise: Not good enough.`" in out
    assert "band `grade_of`: never reached `otherwise: Poor`" in out
    assert "1 passed, 0 failed" in out
    # the same cases as an archive: the same gaps
    (tmp_path / "cases.csv").write_text("case_ref,area,rosh,q1,q2\nC1,North,low,sufficient,\n"
                                        "C2,North,low,sufficient,\n", encoding="utf-8")
    data = coverage_json(capsys, "tiny.crit", "cases.csv")
    assert data["questions"]["q2"] == {"applicable": False, "undefined": True}
    assert data["bands"]["verdict[1]"]["rows"] == [
        {"row": "≥ 70%: Good work.", "reached": True},
        {"row": "otherwise: Not good enough.", "reached": False}]


def test_coverage_problems_in_cases_exit_1(tmp_path, capsys):
    (tmp_path / "cases.csv").write_text("case_ref,area\n", encoding="utf-8")
    code, _, _ = run(capsys, "coverage", DEMO / "framework.crit", tmp_path / "cases.csv")
    assert code == 1
    assert cli.main(["coverage", str(DEMO / "framework.crit"), str(DEMO / "cases.csv"),
                     "--by", "nothing"]) == 2
