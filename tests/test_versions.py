"""Version directories: `critc score DIR CASES` scores each inspection with the version in
force on its date, and `critc check DIR` reports overlapping, gapped, open-ended and
disagreeing versions."""

from __future__ import annotations

import csv
import datetime
import io
import json
import tempfile
from pathlib import Path

import pytest
from cli_run import run
from critc.compiler.regress.version_scoring import score_versions
from critc.compiler.regress.versions import load_versions
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("wide_console")

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "versions"
EXAMPLE_CASES = EXAMPLE / "cases.csv"





def crit(version: str, start: str | None = None, end: str | None = None, *,
         inspection: str = "area", date: str | None = "fieldwork", date_input: bool = False,
         name: str = "Small inspection", threshold: int = 70) -> str:
    """A small framework; `date` is the field marked `inspection date` (a case field, or an
    inspection input with `date_input`)."""
    lines = [f'framework "{name}" version "{version}"']
    if start:
        lines.append(f"  effective from {start}" + (f" to {end}" if end else ""))
    lines += ["", "scale sufficiency", '  sufficient "Sufficient" above the line',
              '  insufficient "Insufficient"', "", "case fields", "  case_ref: text, case id"]
    lines += [f"  {f}: text" + (", inspection" if f == inspection else "")
              for f in ("area", "site")]
    dates = [f"  {f}: date" + (", inspection date" if f == date else "")
             for f in ("fieldwork", "visited")]
    if date_input:
        lines += ["", "inspection inputs"]
    lines += dates
    lines += ["", 'section 1 "Work" = mean of its questions', '  question 1a "Was it done?"', "",
              'band verdict "Verdict"', "  on section 1", f'  {threshold}% and above: "good"',
              '  otherwise: "poor"', ""]
    return "\n".join(lines)


def write_dir(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_cases(path: Path, rows: list[tuple], header=("case_ref", "area", "site", "fieldwork",
                                                       "visited", "1a")) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def two_versions(tmp_path: Path) -> Path:
    return write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31"),
        "v2.crit": crit("2", "2019-06-01", threshold=90)})


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


# ----------------------------------------------------------------------------- the example
def test_example_scores_each_inspection_with_the_version_in_force(capsys):
    code, out, err = run(capsys, "score", EXAMPLE, EXAMPLE_CASES, "--hide-questions")
    assert code == 0
    captions = [line for line in out.splitlines() if line.startswith("6 cases;")]
    assert captions == [
        '6 cases; fieldwork = 2024-06-12; scored with v1.crit (version "1", 2024-04-01 to '
        '2025-03-31)',
        # the last day of version 1 and the first of version 2
        '6 cases; fieldwork = 2025-03-31; scored with v1.crit (version "1", 2024-04-01 to '
        '2025-03-31)',
        '6 cases; fieldwork = 2025-04-01; scored with v2.crit (version "2", 2025-04-01 to '
        '2026-03-31)',
        '6 cases; fieldwork = 2025-11-18; scored with v2.crit (version "2", 2025-04-01 to '
        '2026-03-31)',
        '6 cases; fieldwork = 2026-05-12; scored with v3.crit (version "3", from 2026-04-01)']
    assert "(version 2): area = Dunmore" in out
    # the warning about column 1.2c, which only version 3 asks, is not given for versions 1, 2
    assert err.strip() == (
        'scored 2 inspections with v1.crit (version "1", 2024-04-01 to 2025-03-31), 2 with '
        'v2.crit (version "2", 2025-04-01 to 2026-03-31), 1 with v3.crit (version "3", from '
        '2026-04-01)')


def test_example_json_names_the_versions_and_matches_scoring_with_each_file(capsys):
    code, out, _ = run(capsys, "score", EXAMPLE, EXAMPLE_CASES, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [(v["file"], v["version"], v["effective_from"], v["effective_to"], v["inspections"])
            for v in data["versions"]] == [
        ("v1.crit", "1", "2024-04-01", "2025-03-31", 2),
        ("v2.crit", "2", "2025-04-01", "2026-03-31", 2),
        ("v3.crit", "3", "2026-04-01", None, 1)]
    assert data["grouped_by"] == "area" and data["date_field"] == "fieldwork"
    assert [(i["inspection"], i["date"], i["framework"]["file"]) for i in data["inspections"]] \
        == [("Ashford", "2024-06-12", "v1.crit"), ("Brampton", "2025-03-31", "v1.crit"),
            ("Castleton", "2025-04-01", "v2.crit"), ("Dunmore", "2025-11-18", "v2.crit"),
            ("Eastleigh", "2026-05-12", "v3.crit")]
    # Each inspection's figures are what its version alone gives it.
    for inspection in data["inspections"]:
        version = inspection["framework"]["file"]
        _, alone, _ = run(capsys, "score", EXAMPLE / version, EXAMPLE_CASES, "--format", "json")
        single = {i["inspection"]: i for i in json.loads(alone)["inspections"]}
        assert inspection["figures"] == single[inspection["inspection"]]["figures"]
        assert inspection["cases"] == single[inspection["inspection"]]["cases"]
    dunmore = data["inspections"][3]["figures"]["1.1"]
    assert dunmore["shown"] == "72%"  # good under version 1's 70%, not under version 2's 75%
    assert dunmore["bands"]["conclusion"].startswith("This criterion represents a priority")


def test_example_csv_has_the_date_and_version_of_each_row(capsys):
    code, out, _ = run(capsys, "score", EXAMPLE, EXAMPLE_CASES, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:7] == ["inspection", "date", "version_file", "version",
                                 "effective_from", "effective_to", "figure"]
    seen = {(r["inspection"], r["date"], r["version_file"], r["effective_to"]) for r in rows}
    assert seen == {("Ashford", "2024-06-12", "v1.crit", "2025-03-31"),
                    ("Brampton", "2025-03-31", "v1.crit", "2025-03-31"),
                    ("Castleton", "2025-04-01", "v2.crit", "2026-03-31"),
                    ("Dunmore", "2025-11-18", "v2.crit", "2026-03-31"),
                    ("Eastleigh", "2026-05-12", "v3.crit", "")}
    assert {r["figure"] for r in rows if r["version_file"] == "v3.crit"} >= {"1.2c"}
    assert "1.2c" not in {r["figure"] for r in rows if r["version_file"] != "v3.crit"}


def test_example_table_to_a_file(capsys, tmp_path):
    target = tmp_path / "scores.txt"
    code, out, err = run(capsys, "score", EXAMPLE, EXAMPLE_CASES, "-o", target)
    assert code == 0 and out == "" and err.startswith("scored 2 inspections")
    assert "scored with v3.crit" in target.read_text(encoding="utf-8")


def test_example_directory_is_clean(capsys):
    code, out, _ = run(capsys, "check", EXAMPLE)
    assert code == 0 and "no problems found" in out


def test_single_file_output_is_unchanged(capsys):
    code, out, err = run(capsys, "score", EXAMPLE / "v2.crit", EXAMPLE_CASES, "--format", "json")
    data = json.loads(out)
    assert code == 0 and list(data) == ["schema", "framework", "grouped_by", "inspections"]
    assert list(data["inspections"][0]) == ["inspection", "cases", "figures"]
    assert "scored" not in err
    code, out, _ = run(capsys, "score", EXAMPLE / "v2.crit", EXAMPLE_CASES)
    assert "scored with" not in out and "\n6 cases\n" in out


# ----------------------------------------------------------------------------- choosing
def test_boundary_days_pick_the_version_in_force(capsys, tmp_path):
    folder = two_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [
        ("A1", "Ashford", "", "2018-06-01", "", "sufficient"),  # v1's first day
        ("B1", "Brampton", "", "2019-05-31", "", "sufficient"),  # v1's last day
        ("C1", "Castleton", "", "2019-06-01", "", "sufficient"),  # v2's first day
        ("D1", "Dunmore", "", "2031-01-01", "", "sufficient")])  # v2 is open-ended
    code, out, _ = run(capsys, "score", folder, cases, "--format", "json")
    assert code == 0
    picked = {i["inspection"]: i["framework"]["version"] for i in json.loads(out)["inspections"]}
    assert picked == {"Ashford": "1", "Brampton": "1", "Castleton": "2", "Dunmore": "2"}


def test_inspection_outside_every_version_is_an_error(capsys, tmp_path):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31"),
        "v2.crit": crit("2", "2019-07-01", "2020-05-31")})
    cases = write_cases(tmp_path / "cases.csv", [
        ("A1", "Ashford", "", "2018-05-31", "", "sufficient"),
        ("B1", "Brampton", "", "2019-06-15", "", "sufficient"),
        ("C1", "Castleton", "", "2020-06-01", "", "sufficient"),
        ("D1", "Dunmore", "", "2019-01-01", "", "sufficient")])
    code, out, err = run(capsys, "score", folder, cases)
    assert code == 1 and out == ""
    assert err.count("error[no-version-in-force]") == 3
    assert "no version is in force on 2018-05-31, the date of inspection `Ashford`" in err
    assert "the earliest version, v1.crit, starts on 2018-06-01" in err
    assert "it falls between v1.crit, which ends on 2019-05-31, and v2.crit, which starts on " \
           "2019-07-01" in err
    assert "the latest version, v2.crit, ended on 2020-05-31" in err
    assert "cases.csv:2:4" in err  # the date cell of Ashford's case


def test_differing_dates_within_one_inspection(capsys, tmp_path):
    folder = two_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [
        ("A1", "Ashford", "", "2019-05-20", "", "sufficient"),
        ("A2", "Ashford", "", "2019-06-03", "", "sufficient"),
        ("A3", "Ashford", "", "2019-05-20", "", "sufficient"),
        ("B1", "Brampton", "", "2019-01-01", "", "sufficient")])
    code, out, err = run(capsys, "score", folder, cases)
    assert code == 1 and out == ""
    assert "error[inconsistent-inspection-date]" in err
    assert "the cases of inspection `Ashford` have different inspection dates: 2019-05-20 " \
           "(rows 2, 4), 2019-06-03 (row 3)" in err
    assert "Brampton" not in err


def test_an_inspection_with_no_date(capsys, tmp_path):
    folder = two_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [
        ("A1", "Ashford", "", "", "", "sufficient"),
        ("A2", "Ashford", "", "", "", "sufficient"),
        ("B1", "Brampton", "", "2019-01-01", "", "sufficient"),
        ("B2", "Brampton", "", "", "", "sufficient")])  # one date is enough
    code, _, err = run(capsys, "score", folder, cases)
    assert code == 1
    assert "error[undated-inspection]" in err and "`fieldwork` is blank in all 2 of them " \
        "(rows 2, 3)" in err
    assert "Brampton" not in err


def test_an_invalid_date_is_reported_with_its_row(capsys, tmp_path):
    folder = two_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [
        ("A1", "Ashford", "", "2019-02-30", "", "sufficient")])
    code, _, err = run(capsys, "score", folder, cases)
    assert code == 1 and "error[invalid-value]" in err and "`2019-02-30` is not a date" in err


def test_missing_date_column(capsys, tmp_path):
    folder = two_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [("A1", "Ashford", "sufficient")],
                        header=("case_ref", "area", "1a"))
    code, _, err = run(capsys, "score", folder, cases)
    assert code == 1 and "no column for case field `fieldwork`" in err


def test_problems_in_the_cases_keep_their_file_rows(capsys, tmp_path):
    folder = two_versions(tmp_path)
    text = ("case_ref,area,site,fieldwork,visited,1a\n"
            "A1,Ashford,,2019-01-01,,sufficient\n"
            "\n"
            "B1,Brampton,,2019-07-01,,sufficient\n"
            "B2,Brampton,,2019-07-01,,yes\n"
            "A2,Ashford,,2019-01-01,,no\n")
    cases = tmp_path / "cases.csv"
    cases.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "score", folder, cases)
    assert code == 1
    assert "`yes` is not an answer on scale `sufficiency` (row 5)" in err
    assert "`no` is not an answer on scale `sufficiency` (row 6)" in err
    assert "cases.csv:5:6" in err and "cases.csv:6:6" in err


def test_columns_of_other_versions_are_not_unknown(capsys, tmp_path):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31"),
        "v2.crit": crit("2", "2019-06-01").replace(
            '  question 1a "Was it done?"', '  question 1a "Was it done?"\n  question 1b "New?"')})
    cases = write_cases(tmp_path / "cases.csv", [
        ("A1", "Ashford", "", "2019-01-01", "", "sufficient", "", "x"),
        ("B1", "Brampton", "", "2019-07-01", "", "sufficient", "insufficient", "y")],
        header=("case_ref", "area", "site", "fieldwork", "visited", "1a", "1b", "notes"))
    code, _, err = run(capsys, "score", folder, cases)
    assert code == 0
    assert "`1b`" not in err
    assert err.count("warning[unknown-column]: column `notes`") == 1  # once, not per version


def test_strict_applies_to_every_version(capsys, tmp_path):
    folder = two_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [
        ("A1", "Ashford", "", "2019-01-01", "", ""),
        ("B1", "Brampton", "", "2019-07-01", "", "sufficient")])
    code, _, err = run(capsys, "score", folder, cases, "--strict")
    assert code == 0 and "applicable-left-blank" in err


# ----------------------------------------------------------------------------- date inputs
def input_versions(tmp_path: Path) -> Path:
    return write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31", date_input=True),
        "v2.crit": crit("2", "2019-06-01", date_input=True)})


def test_inspection_date_as_an_input(capsys, tmp_path):
    folder = input_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [
        ("A1", "Ashford", "", "sufficient"), ("B1", "Brampton", "", "insufficient")],
        header=("case_ref", "area", "site", "1a"))
    inputs = tmp_path / "inputs.csv"
    inputs.write_text("area,fieldwork,visited\nAshford,2019-05-31,\nBrampton,2019-06-01,\n"
                      "Unknown,2019-06-01,\n", encoding="utf-8")
    code, out, err = run(capsys, "score", folder, cases, "--inputs", inputs, "--format", "json")
    assert code == 0
    picked = {i["inspection"]: i["framework"]["file"] for i in json.loads(out)["inspections"]}
    assert picked == {"Ashford": "v1.crit", "Brampton": "v2.crit"}
    # the row for an inspection of the other version is not "unknown"; a real stray is, once
    assert err.count("unknown-inspection") == 1 and "`Unknown`" in err


def test_inspection_date_input_blank_or_missing(capsys, tmp_path):
    folder = input_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [
        ("A1", "Ashford", "", "sufficient"), ("B1", "Brampton", "", "insufficient")],
        header=("case_ref", "area", "site", "1a"))
    inputs = tmp_path / "inputs.csv"
    inputs.write_text("area,fieldwork,visited\nAshford,,\n", encoding="utf-8")
    code, _, err = run(capsys, "score", folder, cases, "--inputs", inputs)
    assert code == 1
    assert "inspection `Ashford` has no inspection date: `fieldwork` is blank" in err
    assert "inputs.csv:2:2" in err
    assert "inspection `Brampton` has no inspection date:" in err and "has no row for it" in err


def test_inspection_date_input_needs_inputs(capsys, tmp_path):
    folder = input_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [("A1", "Ashford", "", "sufficient")],
                        header=("case_ref", "area", "site", "1a"))
    code, _, err = run(capsys, "score", folder, cases)
    assert code == 2 and "--inputs" in err


@pytest.mark.parametrize("option", [["--by", "site"], ["--all"]])
def test_by_and_all_are_usage_errors_with_a_directory(capsys, tmp_path, option):
    folder = two_versions(tmp_path)
    cases = write_cases(tmp_path / "cases.csv", [("A1", "Ashford", "", "2019-01-01", "", "")])
    code, out, err = run(capsys, "score", folder, cases, *option)
    assert code == 2 and out == "" and "version directory" in err


# ----------------------------------------------------------------------------- the versions
def test_overlapping_versions(tmp_path):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-06-30"),
        "v2.crit": crit("2", "2019-06-01", "2020-05-31")})
    found, diagnostics = load_versions(folder)
    assert found is None and codes(diagnostics) == ["overlapping-versions"]
    d = diagnostics[0]
    assert "v1.crit` (2018-06-01 to 2019-06-30) and `" in d.message
    assert "v2.crit` (2019-06-01 to 2020-05-31) are both in force on 2019-06-01 to 2019-06-30" \
        in d.message
    assert d.span.path.endswith("v2.crit") and (d.span.line, d.span.col) == (2, 3)
    assert d.labels[0].span.path.endswith("v1.crit")
    assert "end v1.crit on 2019-05-31 or start v2.crit on 2019-07-01" in d.hint


def test_one_version_inside_another_overlaps(tmp_path):
    folder = write_dir(tmp_path / "fw", {
        "a.crit": crit("1", "2018-01-01", "2020-12-31"),
        "b.crit": crit("2", "2019-01-01", "2019-03-31"),
        "c.crit": crit("3", "2019-04-01", "2021-12-31")})
    found, diagnostics = load_versions(folder)
    assert found is None
    assert codes(diagnostics) == ["overlapping-versions", "overlapping-versions"]
    assert "both in force on 2019-01-01 to 2019-03-31" in diagnostics[0].message
    assert "both in force on 2019-04-01 to 2020-12-31" in diagnostics[1].message


def test_a_gap_between_versions_is_a_warning(tmp_path, capsys):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31"),
        "v2.crit": crit("2", "2019-07-01")})
    found, diagnostics = load_versions(folder)
    assert found is not None and codes(diagnostics) == ["version-gap"]
    assert "no version is in force on 2019-06-01 to 2019-06-30" in diagnostics[0].message
    assert diagnostics[0].severity.value == "warning"
    code, out, _ = run(capsys, "check", folder)
    assert code == 0 and "warning[version-gap]" in out


def test_a_one_day_gap(tmp_path):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-30"),
        "v2.crit": crit("2", "2019-06-01")})
    _, diagnostics = load_versions(folder)
    assert codes(diagnostics) == ["version-gap"]
    assert "in force on 2019-05-31," in diagnostics[0].message


def test_open_ended_version_that_is_not_the_last(tmp_path, capsys):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01"),
        "v2.crit": crit("2", "2019-06-01")})
    found, diagnostics = load_versions(folder)
    assert found is None and codes(diagnostics) == ["open-ended-version"]
    assert "effective from 2018-06-01 to 2019-05-31" in diagnostics[0].hint
    code, out, _ = run(capsys, "check", folder)
    assert code == 1 and "error[open-ended-version]" in out


def test_versions_disagree_on_the_inspection_field(tmp_path):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31"),
        "v2.crit": crit("2", "2019-06-01", inspection="site")})
    found, diagnostics = load_versions(folder)
    assert found is None and codes(diagnostics) == ["versions-disagree"]
    assert "groups cases into inspections by the case field `site`" in diagnostics[0].message
    assert "by the case field `area`" in diagnostics[0].message


@pytest.mark.parametrize("other", [dict(date="visited"), dict(date_input=True),
                                   dict(date=None)])
def test_versions_disagree_on_the_inspection_date(tmp_path, other):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31"),
        "v2.crit": crit("2", "2019-06-01", **other)})
    found, diagnostics = load_versions(folder)
    assert found is None and codes(diagnostics) == ["versions-disagree"]
    assert "dates inspections by" in diagnostics[0].message


def test_no_inspection_date_at_all(tmp_path):
    folder = write_dir(tmp_path / "fw", {"v1.crit": crit("1", "2018-06-01", date=None)})
    found, diagnostics = load_versions(folder)
    assert found is None and codes(diagnostics) == ["no-inspection-date"]


def test_a_framework_without_dates_is_an_error(tmp_path):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31"), "v2.crit": crit("2")})
    found, diagnostics = load_versions(folder)
    assert found is None and codes(diagnostics) == ["undated-version"]
    assert diagnostics[0].span.line == 1 and "effective from" in diagnostics[0].hint


def test_shared_includes_are_not_versions(tmp_path):
    shared = "rating scale extra\n  good\n  poor\n"
    folder = write_dir(tmp_path / "fw", {
        "shared.crit": shared, "stray.crit": shared.replace("extra", "other"),
        "v1.crit": 'include "shared.crit"\n\n' + crit("1", "2018-06-01")})
    found, diagnostics = load_versions(folder)
    assert found is not None and [v.name for v in found.versions] == ["v1.crit"]
    assert codes(diagnostics) == ["not-a-version"]
    assert diagnostics[0].span.path.endswith("stray.crit")


def test_names_that_differ_are_a_warning(tmp_path):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31"),
        "v2.crit": crit("2", "2019-06-01", name="Another inspection")})
    found, diagnostics = load_versions(folder)
    assert found is not None and codes(diagnostics) == ["version-name-differs"]


def test_an_empty_directory(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    found, diagnostics = load_versions(tmp_path / "empty")
    assert found is None and codes(diagnostics) == ["no-versions"]
    code, _, err = run(capsys, "score", tmp_path / "empty", EXAMPLE_CASES)
    assert code == 1 and "error[no-versions]" in err


def test_errors_in_a_version_are_reported_and_stop_scoring(tmp_path, capsys):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-05-31"),
        "v2.crit": crit("2", "2019-06-01").replace("mean of its questions", "mean of nothing")})
    code, out, err = run(capsys, "score", folder, EXAMPLE_CASES)
    assert code == 1 and out == "" and "v2.crit" in err and "error[" in err


def test_check_dir_json(tmp_path, capsys):
    folder = write_dir(tmp_path / "fw", {
        "v1.crit": crit("1", "2018-06-01", "2019-06-30"),
        "v2.crit": crit("2", "2019-06-01")})
    code, out, _ = run(capsys, "check", "--format", "json", folder)
    assert code == 1
    assert [d["code"] for d in json.loads(out)] == ["overlapping-versions"]


# ----------------------------------------------------------------------------- property
BASE = datetime.date(2018, 1, 1)


@settings(max_examples=25)
@given(lengths=st.lists(st.integers(1, 400), min_size=1, max_size=4),
       open_ended=st.booleans(),
       offsets=st.lists(st.integers(0, 1700), min_size=1, max_size=6))
def test_each_inspection_is_scored_by_the_version_whose_range_holds_its_date(
        lengths, open_ended, offsets):
    ranges, start = [], BASE
    for length in lengths:
        end = start + datetime.timedelta(days=length - 1)
        ranges.append((start, end))
        start = end + datetime.timedelta(days=1)
    if open_ended:
        ranges[-1] = (ranges[-1][0], None)
    dates = [BASE + datetime.timedelta(days=o) for o in offsets]
    covered = [d for d in dates if any(s <= d and (e is None or d <= e) for s, e in ranges)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_dir(Path(tmp) / "fw", {
            f"v{i}.crit": crit(str(i), s.isoformat(), e.isoformat() if e else None)
            for i, (s, e) in enumerate(ranges)})
        found, diagnostics = load_versions(folder)
        assert found is not None and diagnostics == []
        if not covered:
            return
        cases = write_cases(Path(tmp) / "cases.csv", [
            (f"c{i}", f"insp{i}", "", d.isoformat(), "", "sufficient")
            for i, d in enumerate(covered)])
        scored, problems = score_versions(found, str(cases))
        assert scored is not None, problems
        picked = {key: (s.version.name, s.dates[key]) for s in scored
                  for key in s.results.grouping.keys}
        assert len(picked) == len(covered)
        for i, day in enumerate(covered):
            name, date = picked[f"insp{i}"]
            start, end = ranges[int(name[1:-5])]
            assert date == day and start <= day and (end is None or day <= end)


@settings(max_examples=25)
@given(spans=st.lists(st.tuples(st.integers(0, 800), st.integers(1, 300)), min_size=1,
                      max_size=4, unique_by=lambda s: s[0]))
def test_overlaps_are_errors_and_gaps_warnings_exactly_when_there_are_some(spans):
    ranges = [(BASE + datetime.timedelta(days=s), BASE + datetime.timedelta(days=s + n - 1))
              for s, n in spans]
    ordered = sorted(ranges)
    overlap = any(a[0] <= b[1] and b[0] <= a[1]
                  for i, a in enumerate(ranges) for b in ranges[i + 1:])
    days = {a[0] + datetime.timedelta(days=k) for a in ranges
            for k in range((a[1] - a[0]).days + 1)}
    gap = len(days) < (max(e for _, e in ranges) - ordered[0][0]).days + 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_dir(Path(tmp) / "fw", {
            f"v{i}.crit": crit(str(i), s.isoformat(), e.isoformat())
            for i, (s, e) in enumerate(ranges)})
        found, diagnostics = load_versions(folder)
    found_codes = set(codes(diagnostics))
    assert ("overlapping-versions" in found_codes) == overlap
    assert ("version-gap" in found_codes) == gap
    assert (found is None) == overlap
