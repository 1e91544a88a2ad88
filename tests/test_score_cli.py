"""`critc score` and `critc explain` on the bundled demo: formats, output files, grouping,
inputs, exit codes, reproducible output and what explanations say."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import critc
import pytest
from cli_run import run
from critc.compiler.cli import main as cli
from critc.compiler.io import files
from jsonschema import Draft202012Validator

pytestmark = pytest.mark.usefixtures("wide_console")

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo"
FRAMEWORK, CASES, INPUTS = DEMO / "framework.crit", DEMO / "cases.csv", DEMO / "inputs.csv"
AREAS = ["Ashford", "Brampton", "Castleton", "Dunmore", "Eastleigh", "Fairhaven"]





def score(capsys, *extra) -> tuple[int, str, str]:
    return run(capsys, "score", FRAMEWORK, CASES, "--inputs", INPUTS, *extra)


# ----------------------------------------------------------------------------- formats
def test_table_lists_every_inspection_with_scores_and_bands(capsys):
    code, out, err = score(capsys)
    assert code == 0 and err == ""
    for area in AREAS:
        assert f"area = {area}" in out
    # a question shows as its id and wording (the table's layout since the 80-column rework)
    assert "criterion 1.2" in out and "1.2b  Was a full analysis" in out
    assert "Performance against this criterion was good." in out or "priority" in out
    assert "60 cases" in out


def test_hide_questions(capsys):
    code, out, _ = score(capsys, "--hide-questions")
    assert code == 0
    assert "criterion 1.2" in out and "1.2b  " not in out


QUESTION_IDS = set(critc.load(FRAMEWORK).model.questions)
SCHEMA = json.loads((REPO / "compiler" / "api" / "schema" / "results-1.json").read_text())


@pytest.mark.parametrize("source", ["file", "versions"])
def test_hide_questions_leaves_questions_out_of_json_and_csv(capsys, source):
    argv = [FRAMEWORK, CASES, "--inputs", INPUTS]
    questions = QUESTION_IDS
    if source == "versions":
        versions = REPO / "examples" / "versions"
        argv = [versions, versions / "cases.csv"]
        questions = set(critc.load(versions / "v1.crit").model.questions)
    code, out, err = run(capsys, "score", *argv, "--format", "json", "--hide-questions")
    assert code == 0, err
    payload = json.loads(out)
    assert list(Draft202012Validator(SCHEMA).iter_errors(payload)) == []
    for inspection in payload["inspections"]:
        assert questions.isdisjoint(inspection["figures"])
        assert inspection["figures"] and all(f["kind"] != "question"
                                             for f in inspection["figures"].values())
    code, out, err = run(capsys, "score", *argv, "--format", "csv", "--hide-questions")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and questions.isdisjoint(r["figure"] for r in rows)
    assert {r["kind"] for r in rows} >= {"criterion", "section"}


def test_scores_to_json_and_to_csv_can_leave_questions_out():
    scores = critc.load(FRAMEWORK).score(CASES, inputs=INPUTS)
    figures = json.loads(scores.to_json(questions=False))["inspections"][0]["figures"]
    assert "1.2" in figures and "1.2b" not in figures
    assert "1.2b" in json.loads(scores.to_json())["inspections"][0]["figures"]
    rows = list(csv.DictReader(io.StringIO(scores.to_csv(questions=False))))
    assert {r["figure"] for r in rows} & QUESTION_IDS == set()
    assert "1.2" in {r["figure"] for r in rows}


def test_json_has_every_figure_with_values_counts_and_bands(capsys):
    code, out, err = score(capsys, "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["grouped_by"] == "area"
    assert [i["inspection"] for i in data["inspections"]] == AREAS
    ashford = data["inspections"][0]
    assert ashford["cases"] == 60
    q = ashford["figures"]["1.2b"]
    assert q["kind"] == "question" and q["type"] == "score"
    assert (q["numerator"], q["denominator"]) == (32, 46)
    assert q["value"] == pytest.approx(32 / 46) and q["shown"] == "70%"
    crit = ashford["figures"]["1.2"]
    assert crit["bands"] == {"conclusion": "Performance against this criterion was good."}
    assert ashford["figures"]["overall"]["type"] == "rating"
    assert ashford["figures"]["roh"]["kind"] == "thread"
    for inspection in data["inspections"]:
        for node, entry in inspection["figures"].items():
            if entry["type"] == "score" and entry["value"] is not None:
                assert 0 <= entry["value"] <= 1, node


def test_csv_has_one_row_per_inspection_and_figure(capsys):
    code, out, _ = score(capsys, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["inspection"] for r in rows} == set(AREAS)
    by_key = {(r["inspection"], r["figure"]): r for r in rows}
    q = by_key["Ashford", "1.2b"]
    assert (q["numerator"], q["denominator"], q["shown"]) == ("32", "46", "70%")
    assert float(q["value"]) == pytest.approx(32 / 46)
    assert len(rows) == len(AREAS) * len({r["figure"] for r in rows})


def test_json_and_csv_agree_with_each_other(capsys):
    _, out_json, _ = score(capsys, "--format", "json")
    _, out_csv, _ = score(capsys, "--format", "csv")
    rows = {(r["inspection"], r["figure"]): r for r in csv.DictReader(io.StringIO(out_csv))}
    for inspection in json.loads(out_json)["inspections"]:
        for node, entry in inspection["figures"].items():
            row = rows[inspection["inspection"], node]
            assert row["shown"] == entry["shown"]
            if entry["value"] is None:
                assert row["value"] == ""
            else:
                assert float(row["value"]) == entry["value"]


# ----------------------------------------------------------------------------- output files
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_output_file_is_written_atomically(capsys, tmp_path, fmt):
    out_dir = tmp_path / "out"
    target = out_dir / f"scores.{fmt}"
    code, out, _ = score(capsys, "--format", fmt, "-o", target)
    assert code == 0 and out == ""
    assert os.listdir(out_dir) == [target.name]  # no temporary file left behind
    text = target.read_text(encoding="utf-8")
    assert "Ashford" in text
    if fmt == "json":
        json.loads(text)
    if fmt == "table":
        assert "area = Ashford" in text and "\x1b[" not in text
    # Written again over the old file: same bytes, still no temporary files.
    score(capsys, "--format", fmt, "-o", target)
    assert os.listdir(out_dir) == [target.name]
    assert target.read_text(encoding="utf-8") == text


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "scores.json"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError):
        files.write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["scores.json"]


def test_output_to_stdout_with_dash(capsys):
    code, out, _ = score(capsys, "--format", "csv", "-o", "-")
    assert code == 0 and out.startswith("inspection,figure,")


# ----------------------------------------------------------------------------- grouping, inputs
def test_all_scores_every_case_together(capsys):
    code, out, _ = score(capsys, "--all", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["grouped_by"] is None
    assert [i["inspection"] for i in data["inspections"]] == ["all cases"]
    assert data["inspections"][0]["cases"] == 360


def test_by_another_case_field(capsys):
    code, out, _ = run(capsys, "score", FRAMEWORK, CASES, "--by", "case_type", "--format",
                       "json")
    data = json.loads(out)
    assert code == 0 and data["grouped_by"] == "case_type"
    keys = [i["inspection"] for i in data["inspections"]]
    assert keys == ["community", "custody", "licence"]
    assert sum(i["cases"] for i in data["inspections"]) == 360
    # 3c applies only when case_type != custody: undefined for custody, never 0%.
    custody = data["inspections"][1]["figures"]["3c"]
    assert custody["value"] is None and custody["shown"] == "n/a"
    assert custody["denominator"] == 0


def test_inputs_feed_the_overall_rating(capsys):
    _, without, err = run(capsys, "score", FRAMEWORK, CASES, "--format", "json")
    _, with_inputs, _ = score(capsys, "--format", "json")
    a = json.loads(without)["inspections"][0]["figures"]
    b = json.loads(with_inputs)["inspections"][0]["figures"]
    assert a["1.2"] == b["1.2"]
    assert b["overall"]["value"] is not None
    assert a["overall"] != b["overall"]


def test_inputs_with_problems(capsys, tmp_path):
    bad = tmp_path / "inputs.csv"
    bad.write_text("area,leadership\nAshford,brilliant\nNowhere,well_met\n", encoding="utf-8")
    code, _, err = run(capsys, "score", FRAMEWORK, CASES, "--inputs", bad)
    assert code == 1
    assert "brilliant" in err and "inputs.csv:2:2" in err


# ----------------------------------------------------------------------------- exit codes
def test_bad_cases_exit_1_with_every_problem(capsys, tmp_path):
    lines = CASES.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",community,", ",prison,", 1)
    lines[2] = lines[2].replace("sufficient", "Sufficient ", 1)
    lines[3] = lines[2].split(",", 1)[0] + "," + lines[3].split(",", 1)[1]  # duplicate id
    bad = tmp_path / "cases.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "score", FRAMEWORK, bad)
    assert code == 1 and out == ""
    assert "prison" in err and "Sufficient " in err and "ASH-002" in err
    assert f"{bad}:2:3" in err  # file:row:column of the value outside the enum


@pytest.mark.parametrize("content", [b"", b"case_ref,area\n", b"\x00\x01\x02",
                                     "case_ref\nCaf\u00e9\n".encode("cp1252")])
def test_unreadable_cases_exit_1(capsys, tmp_path, content):
    bad = tmp_path / "cases.csv"
    bad.write_bytes(content)
    code, _, err = run(capsys, "score", FRAMEWORK, bad)
    assert code == 1 and "error" in err


def test_strict_turns_stray_answers_into_errors(capsys, tmp_path):
    lines = CASES.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")  # ASH-001: psr false, so 1.1a does not apply
    assert row[header.index("psr")] == "false"
    row[header.index("1.1a")] = "sufficient"
    lines[1] = ",".join(row)
    stray = tmp_path / "cases.csv"
    stray.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "score", FRAMEWORK, stray, "--format", "json")
    assert code == 0 and "answer-where-not-applicable" in err
    assert f"{stray}:2:{header.index('1.1a') + 1}" in err
    code, _, err = run(capsys, "score", FRAMEWORK, stray, "--strict")
    assert code == 1 and "answer-where-not-applicable" in err


def test_broken_framework_exits_1(capsys, tmp_path):
    broken = tmp_path / "broken.crit"
    broken.write_text(FRAMEWORK.read_text(encoding="utf-8").replace("mean of its criteria",
                                                                    "mean of its critters"))
    code, out, err = run(capsys, "score", broken, CASES)
    assert code == 1 and out == ""


@pytest.mark.parametrize("argv", [
    ["score", FRAMEWORK, CASES, "--by", "nowhere"],
    ["score", FRAMEWORK, CASES, "--by", "1.2a"],
    ["explain", FRAMEWORK, CASES, "--node", "9.9", "--inspection", "Ashford"],
    ["explain", FRAMEWORK, CASES, "--node", "1.2", "--inspection", "Ashferd"],
    ["explain", FRAMEWORK, CASES, "--node", "1.2"],  # six inspections: say which
    ["explain", FRAMEWORK, CASES, "--node", "1.2", "--case", "NOPE-1"],
    ["explain", FRAMEWORK, CASES, "--node", "1.2", "--by", "nowhere"],
])
def test_usage_errors_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert out == "" and err.startswith(f"critc {argv[0]}:")


def test_unknown_node_and_inspection_suggest_the_right_name(capsys):
    _, _, err = run(capsys, "explain", FRAMEWORK, CASES, "--node", "1.2z", "--inspection",
                    "Ashford")
    assert "did you mean" in err
    _, _, err = run(capsys, "explain", FRAMEWORK, CASES, "--node", "1.2", "--inspection",
                    "Ashferd")
    assert "Ashford" in err


def test_argparse_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["score", str(FRAMEWORK), str(CASES), "--format", "xml"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        cli.main(["score", str(FRAMEWORK), str(CASES), "--all", "--by", "area"])
    assert info.value.code == 2


# ----------------------------------------------------------------------------- reproducible
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_output_is_byte_identical_across_runs(capsys, tmp_path, fmt):
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    score(capsys, "--format", fmt, "-o", first)
    score(capsys, "--format", fmt, "-o", second)
    assert first.read_bytes() == second.read_bytes()


def test_output_is_byte_identical_in_a_fresh_process_with_another_hash_seed(capsys, tmp_path):
    mine = tmp_path / "mine.json"
    score(capsys, "--format", "json", "-o", mine)
    critc = shutil.which("critc") or str(Path(sys.executable).parent / "critc")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    theirs = tmp_path / "theirs.json"
    done = subprocess.run([sys.executable, "-m", "critc.compiler", "score", str(FRAMEWORK),
                           str(CASES), "--inputs", str(INPUTS), "--format", "json", "-o",
                           str(theirs)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (critc, done.stderr)
    assert theirs.read_bytes() == mine.read_bytes()


# ----------------------------------------------------------------------------- explain
def test_explain_a_question_gives_counts_and_excluded_cases(capsys):
    code, out, err = run(capsys, "explain", FRAMEWORK, CASES, "--node", "1.2b",
                         "--inspection", "Ashford")
    assert code == 0 and err == ""
    assert "32 above the line / 46 applicable and answered" in out
    assert "14 cases not counted: the condition does not hold" in out
    assert "14 cases counted below the line" in out
    assert "rosh = low: ASH-005, ASH-007" in out and "ASH-057" in out  # every one listed
    assert "applies when the case's Risk of serious harm at the start is medium" in out


def test_explain_an_aggregate_shows_its_formula_and_the_counts_beneath(capsys):
    code, out, _ = run(capsys, "explain", FRAMEWORK, CASES, "--node", "1.2",
                       "--inspection", "Ashford", "--inputs", INPUTS)
    assert code == 0
    assert "weighted mean" in out and "weight 0.8" in out and "weight 0.2" in out
    assert "57 above the line / 60 applicable and answered" in out
    assert "framework.crit:46" in out
    assert "band conclusion: 74.34% rounds half up to 74%, which is 70% and above" in out


def test_explain_a_thread_pools_numerators_and_denominators(capsys):
    code, out, _ = run(capsys, "explain", FRAMEWORK, CASES, "--node", "roh",
                       "--inspection", "Ashford")
    assert code == 0
    assert "pooled over 11 questions: 370 above the line / 497 answers" in out


def test_explain_one_case(capsys):
    code, out, _ = run(capsys, "explain", FRAMEWORK, CASES, "--node", "1.2", "--case",
                       "ASH-005")
    assert code == 0
    assert "case ASH-005 (row 6) in criterion 1.2" in out
    assert "not counted: does not apply" in out
    assert "counted above the line (+1 numerator, +1 denominator)" in out
    assert "rosh = low → does not hold" in out


def test_explain_an_undefined_figure_says_n_a(capsys):
    code, out, _ = run(capsys, "explain", FRAMEWORK, CASES, "--node", "3c", "--by",
                       "case_type", "--inspection", "custody")
    assert code == 0
    assert "n/a" in out and "0 above the line / 0 applicable and answered" in out
    assert "not counted: the condition does not hold" in out


def test_explain_blank_answers_are_reported_as_missing(capsys, tmp_path):
    lines = CASES.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("1.2a")] = ""
    lines[1] = ",".join(row)
    path = tmp_path / "cases.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "explain", FRAMEWORK, path, "--node", "1.2a",
                         "--inspection", "Ashford")
    assert code == 0
    assert "applicable-left-blank" in err
    assert "(1 applicable but blank)" in out
    assert "/ 59 applicable and answered" in out


def test_judged_figures_have_no_case_count(capsys):
    """Standards rated by inspectors (inspection inputs only) count no cases: the Cases
    column is empty for them, not 0, and JSON gives them no `cases`."""
    rules = REPO / "rules" / "probation-2018"
    code, out, _ = run(capsys, "score", rules / "probation-2018.crit", rules / "cases.csv",
                       "--inputs", rules / "inputs.csv", "--format", "json")
    assert code == 0
    figures = json.loads(out)["inspections"][0]["figures"]
    assert "cases" not in figures["1.1"]
    assert figures["2.1"]["cases"] > 0


def test_one_case_is_counted_in_the_singular(capsys, tmp_path):
    one = tmp_path / "one.csv"
    one.write_text("\n".join(CASES.read_text(encoding="utf-8").splitlines()[:2]) + "\n",
                   encoding="utf-8")
    code, out, _ = run(capsys, "score", FRAMEWORK, one, "--inputs", INPUTS)
    assert code == 0, out
    assert "1 case\n" in out and "1 cases" not in out
