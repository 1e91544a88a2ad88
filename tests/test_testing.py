"""`critc test`: test files in YAML, run against their frameworks: passes and failures with
their diff, tolerances, n/a, bands and ratings, inline and file cases and inputs, problems
in test files as diagnostics, --update, JUnit XML and exit codes."""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cli_run import run

pytestmark = pytest.mark.usefixtures("wide_console")

REPO = Path(__file__).resolve().parent.parent

TINY = '''framework "Tiny" version "1"
  rounding half up to whole percent

scale sufficiency
  sufficient "Sufficient" above the line
  insufficient "Insufficient"
  na "Not applicable" not applicable

rating scale grade "Grade"
  good "Good" 2 points
  poor "Poor" 0 points

case fields
  case_ref: text, case id
  area: text, inspection
  rosh: one of {low, medium, high}

inspection inputs
  leadership: rating grade

section 1 "Work" = mean of its questions skipping undefined
  question q1 "Was the work sufficient?"
  question q2 "Was the risk plan sufficient?"
    applies when rosh in {medium, high}

rating overall "Overall" = grade_of(section 1)

rating led "Leadership" = min(leadership, overall)

band verdict
  on section 1
  70% and above: "Good work."
  otherwise: "Not good enough."

band grade_of
  gives grade
  60% and above: good
  otherwise: poor
'''

# q1: 3 of 4 sufficient (75%); q2 applies to C2, C3: 1 of 2 (50%); section 1 = 62.5%
CASES = '''
    cases:
      - {case_ref: C1, area: North, rosh: low,    q1: sufficient}
      - {case_ref: C2, area: North, rosh: medium, q1: sufficient,   q2: sufficient}
      - {case_ref: C3, area: North, rosh: high,   q1: insufficient, q2: insufficient}
      - {case_ref: C4, area: North, rosh: low,    q1: sufficient}
'''



@pytest.fixture
def tiny(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tiny.crit").write_text(TINY, encoding="utf-8")
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def one_test(expect: str, cases: str = CASES, extra: str = "") -> str:
    """A test file with one test on the tiny framework."""
    return ("framework: tiny.crit\ntests:\n  - name: North\n"
            + textwrap.indent(textwrap.dedent(cases).strip("\n"), "    ") + "\n"
            + extra + "    expect:\n"
            + textwrap.indent(textwrap.dedent(expect).strip("\n"), "      ") + "\n")



def check_one(tiny, capsys, expect: str, **kwargs) -> tuple[int, str]:
    path = tiny / "t.test.yaml"
    path.write_text(one_test(expect, **kwargs), encoding="utf-8")
    code, out, err = run(capsys, "test", path.name)
    return code, out + err


# ----------------------------------------------------------------------------- pass and fail
def test_passing_file(tiny, capsys):
    code, out = check_one(tiny, capsys, """
        q1: 75%
        q2: 50%
        1: 63%
        overall: Good
        led: Good
    """)
    assert code == 0, out
    assert "✓ North  (t.test.yaml:3)" in out
    assert out.rstrip().endswith("1 passed, 0 failed")


def test_failing_file_shows_expected_and_actual(tiny, capsys):
    code, out = check_one(tiny, capsys, """
        q1: 100%
        q2: 50%
        1: {value: 63%, band: Good work.}
        overall: Poor
    """)
    assert code == 1
    assert "✗ North  (t.test.yaml:3)" in out
    assert "q1: expected 100%, actual 75% (unrounded 75%; 3 of 4 applicable cases above the " \
           "line)" in out
    assert '1 band verdict: expected "Good work.", actual "Not good enough." (1 is 63%)' in out
    assert 'overall: expected "Poor", actual "Good"' in out
    assert "q2:" not in out  # a figure that matches is not listed
    assert "0 passed, 1 failed" in out


def test_exact_values_compare_as_shown(tiny, capsys):
    # section 1 is 62.5% unrounded, shown 63% (half up)
    assert check_one(tiny, capsys, "1: 63%")[0] == 0
    assert check_one(tiny, capsys, "1: 63.0%")[0] == 1  # more decimals than shown: a problem
    code, out = check_one(tiny, capsys, "1: 62%")
    assert code == 1 and "1: expected 62%, actual 63% (unrounded 62.5%)" in out


@pytest.mark.parametrize("expect,passes", [
    ("62% ± 0.5", True),     # exactly at the tolerance
    ("63% ± 0.5", True),
    ("62% ± 0.49", False),   # just outside
    ("63.01% ± 0.5", False),
    ("62.5% ± 0", True),     # no tolerance: the unrounded value exactly
    ("62.5 ± 0.5%", True),
    ("62% +- 0.5", True),
])
def test_tolerance_edges(tiny, capsys, expect, passes):
    code, out = check_one(tiny, capsys, f"1: {expect}")
    assert (code == 0) == passes, out
    if not passes:
        assert "unrounded 62.5%, off by" in out


def test_na_expectations(tiny, capsys):
    low_only = """
    cases:
      - {case_ref: C1, area: North, rosh: low, q1: sufficient}
    """
    assert check_one(tiny, capsys, "q2: n/a\nq1: 100%", cases=low_only)[0] == 0
    code, out = check_one(tiny, capsys, "q2: 0%", cases=low_only)
    assert code == 1 and "q2: expected 0%, actual n/a (no applicable cases)" in out
    code, out = check_one(tiny, capsys, "q1: n/a", cases=low_only)
    assert code == 1 and "q1: expected n/a, actual 100%" in out


def test_bands_and_ratings_by_label_or_level(tiny, capsys):
    assert check_one(tiny, capsys, """
        1: {value: 63%, band: Not good enough.}
        overall: good
        verdict[1]: Not good enough.
    """)[0] == 0
    assert check_one(tiny, capsys, "1: {bands: {verdict: Not good enough.}}")[0] == 0
    code, out = check_one(tiny, capsys, "q1: {counts: 3/4}\nq2: {counts: 2 of 2}")
    assert code == 1 and "q2 counts: expected 2 of 2, actual 1/2" in out


def test_inline_inputs_nested_and_for_every_inspection(tiny, capsys):
    nested = "    inputs:\n      North: {leadership: poor}\n"
    assert check_one(tiny, capsys, "led: Poor", extra=nested)[0] == 0
    flat = "    inputs: {leadership: good}\n"
    assert check_one(tiny, capsys, "led: Good", extra=flat)[0] == 0
    code, out = check_one(tiny, capsys, "led: Good", extra="    inputs: {leadershp: good}\n")
    assert code == 1 and "test-unknown-field" in out and "did you mean `leadership`?" in out


def test_cases_and_inputs_from_files_match_inline(tiny, capsys):
    (tiny / "cases.csv").write_text(
        "case_ref,area,rosh,q1,q2\nC1,North,low,sufficient,\nC2,North,medium,sufficient,"
        "sufficient\nC3,North,high,insufficient,insufficient\nC4,North,low,sufficient,\n"
        "S1,South,low,insufficient,\n", encoding="utf-8")
    (tiny / "inputs.csv").write_text("area,leadership\nNorth,good\nSouth,poor\n",
                                     encoding="utf-8")
    write(tiny, "files.test.yaml", """
        framework: tiny.crit
        cases: cases.csv
        inputs: inputs.csv
        tests:
          - name: North
            inspection: North
            expect: {q1: 75%, q2: 50%, 1: 63%, led: Good}
          - name: South
            inspection: South
            expect: {q1: 0%, q2: n/a, led: Poor}
    """)
    code, out, err = run(capsys, "test", "files.test.yaml")
    assert code == 0, out + err
    assert "2 passed, 0 failed" in out


def test_inspection_must_be_named_when_cases_form_several(tiny, capsys):
    two = """
    cases:
      - {case_ref: C1, area: North, rosh: low, q1: sufficient}
      - {case_ref: C2, area: South, rosh: low, q1: sufficient}
    """
    code, out = check_one(tiny, capsys, "q1: 100%", cases=two)
    assert code == 1
    assert "error[test-unknown-inspection]: the cases form 2 inspections (`North`, `South`)" \
        in out
    assert "t.test.yaml:3:11" in out
    code, out = check_one(tiny, capsys, "q1: 100%", cases=two,
                          extra="    inspection: Nort\n")
    assert code == 1 and "did you mean `North`?" in out
    assert check_one(tiny, capsys, "q1: 100%", cases=two, extra="    inspection: all cases\n"
                     )[0] == 0


# ----------------------------------------------------------------------------- problems
def test_unknown_figure_has_a_did_you_mean_at_its_line(tiny, capsys):
    code, out = check_one(tiny, capsys, "q1: 75%\nq3: 10%\nsecton 1: 5%")
    assert code == 1
    assert "error[test-unknown-figure]: no question or aggregate `q3` in the framework" in out
    assert "--> t.test.yaml:11:7" in out
    # every unknown figure is reported, each at its own line
    assert "error[test-unknown-figure]: no question or aggregate `secton 1` in the " \
        "framework" in out
    assert "--> t.test.yaml:12:7" in out
    assert "help: did you mean `q2` or `q1`?" in out
    assert "help: write the id alone: `1`" in out
    assert "✗ error: North" in out and "0 passed, 0 failed, 1 error" in out


def test_unknown_figure_named_by_its_title_gets_its_id(tiny, capsys):
    code, out = check_one(tiny, capsys, "Overall: Good")
    assert code == 1
    assert "help: `Overall` is the title of `overall`: write its id" in out


@pytest.mark.parametrize("expect,message", [
    ("q1: 75", "`q1` is a score: write `75` as a percentage"),
    ("q1: lots", "cannot read `lots` as the value of `q1`"),
    ("overall: Great", "`Great` is not a rating that `overall` can have"),
    ("1: {band: Great work.}", "`Great work.` is not a band label that band `verdict` of `1` "
     "can have"),
    ("q1: {counts: three}", "cannot read `three` as counts"),
    ("1: {counts: 1/2}", "`counts` are kept for questions"),
    ("q1: {value: 75%, bnd: x}", "`bnd` is not a key of the expectation of `q1`"),
    ("q1:", "`q1` is empty"),
    ("q1: 75%\nq1: 75%", "`q1` is given twice in `expect` (first on line 10)"),
])
def test_wrong_value_syntax_is_a_diagnostic(tiny, capsys, expect, message):
    code, out = check_one(tiny, capsys, expect)
    assert code == 1
    assert message in out
    assert "--> t.test.yaml:" in out


def test_unknown_key_is_a_diagnostic_with_its_line(tiny, capsys):
    write(tiny, "t.test.yaml", """
        framework: tiny.crit
        tests:
          - name: North
            cases: [{case_ref: C1, area: North, rosh: low, q1: sufficient}]
            expct: {q1: 100%}
    """)
    code, out, _ = run(capsys, "test", "t.test.yaml")
    assert code == 1
    assert "error[test-unknown-key]: `expct` is not a key of a test" in out
    assert "--> t.test.yaml:5:5" in out and "did you mean `expect`?" in out


def test_bad_indentation_is_a_diagnostic(tiny, capsys):
    write(tiny, "t.test.yaml", """
        framework: tiny.crit
        tests:
          - name: North
            cases: cases.csv
           expect: {q1: 100%}
    """)
    code, out, _ = run(capsys, "test", "t.test.yaml")
    assert code == 1
    assert "error[test-yaml-syntax]: not valid YAML: this line is not indented like the " \
           "lines before it" in out
    assert "--> t.test.yaml:5:4" in out
    assert "0 passed, 0 failed, 1 error" in out


@pytest.mark.parametrize("text,message", [
    ("framework: tiny.crit\ntests:\n\t- name: x\n", "a tab character"),
    ("", "the test file is empty"),
    ("- a\n- b\n", "the test file should be a mapping"),
    ("framework: tiny.crit\n", "the test file has no `tests`"),
    ("tests:\n  - name: x\n    cases: c.csv\n", "the test file names no `framework`"),
    ("framework: nowhere.crit\ntests:\n  - name: x\n    cases: c.csv\n",
     "no framework file at `nowhere.crit`"),
    ("framework: tiny.crit\ntests:\n  - name: x\n    cases: nowhere.csv\n",
     "no file at `nowhere.csv`"),
    ("framework: tiny.crit\ntests:\n  - name: x\n    cases: [{case_ref: C1, area: N, q1: yes}]\n",
     "column `q1`: `yes` is not an answer on scale `sufficiency`"),
    ("framework: tiny.crit\ntests:\n  - name: x\n    cases: [{case_ref: C1, area: N, rsh: low}]\n",
     "`rsh` is not a case field or question of the framework"),
    ("framework: tiny.crit\ntests:\n  - cases: c.csv\n", "a test has no `name`"),
    ("framework: !!python/object:os.system x\ntests: []\n", "YAML tags"),
])
def test_problems_in_test_files_never_raise(tiny, capsys, text, message):
    (tiny / "t.test.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "test", "t.test.yaml")
    assert code == 1
    assert message in out


def test_inline_case_problems_point_at_the_yaml(tiny, capsys):
    code, out = check_one(tiny, capsys, "q1: 100%", cases="""
    cases:
      - {case_ref: C1, area: North, rosh: low, q1: sufficient}
      - {case_ref: C2, area: North, rosh: lo, q1: sufficient}
    """)
    assert code == 1
    assert "error[invalid-value]: column `rosh`: `lo` is not a value of `rosh` (row 6)" in out
    assert "--> t.test.yaml:6:43" in out


def test_inline_input_problems_point_at_the_yaml(tiny, capsys):
    code, out = check_one(tiny, capsys, "led: Good",
                          extra="    inputs:\n      North: {leadership: grand}\n")
    assert code == 1
    assert "error[invalid-value]: column `leadership`: `grand` is not a level of `grade`" in out
    assert "--> t.test.yaml:10:27" in out
    code, out = check_one(tiny, capsys, "q1: 75%",
                          extra="    inputs:\n      South: {leadership: good}\n")
    assert code == 0, out
    assert "warning[missing-inputs]: no inspection inputs for `North`" in out
    assert "--> t.test.yaml:9:5" in out  # the `inputs:` key
    assert "warning[unknown-inspection]: inputs given for `South`" in out
    assert "--> t.test.yaml:10:7" in out
    assert "<inputs>" not in out


def test_framework_with_errors_makes_its_tests_errors(tiny, capsys):
    (tiny / "tiny.crit").write_text(TINY.replace("applies when rosh", "applies when rsh"),
                                    encoding="utf-8")
    code, out = check_one(tiny, capsys, "q1: 75%")
    assert code == 1
    assert "tiny.crit:" in out and "error[" in out
    assert "✗ error: North" in out and "the framework cannot be used" in out


def test_no_test_files_is_a_usage_error(tmp_path, capsys):
    code, out, err = run(capsys, "test", tmp_path)
    assert code == 2 and "no test files" in err
    code, out, err = run(capsys, "test", tmp_path / "missing.test.yaml")
    assert code == 2 and "no file or folder" in err


def test_folders_are_searched_recursively_in_order(tiny, capsys):
    (tiny / "b").mkdir()
    (tiny / "a").mkdir()
    (tiny / "a" / "t.test.yaml").write_text(one_test("q1: 75%").replace(
        "tiny.crit", "../tiny.crit"), encoding="utf-8")
    (tiny / "b" / "t.test.yml").write_text(one_test("q2: 50%").replace(
        "tiny.crit", "../tiny.crit"), encoding="utf-8")
    (tiny / "b" / "notes.yaml").write_text("not: a test\n", encoding="utf-8")
    code, out, _ = run(capsys, "test", ".")
    assert code == 0
    assert out.index("a/t.test.yaml") < out.index("b/t.test.yml")
    assert "2 passed, 0 failed" in out


# ----------------------------------------------------------------------------- --update
COMMENTED = '''# Tests for the tiny framework
framework: tiny.crit   # beside this file

tests:
  # the North inspection
  - name: North
    cases:
      - {case_ref: C1, area: North, rosh: low,    q1: sufficient}
      - {case_ref: C2, area: North, rosh: medium, q1: sufficient,   q2: sufficient}
      - {case_ref: C3, area: North, rosh: high,   q1: insufficient, q2: insufficient}
      - {case_ref: C4, area: North, rosh: low,    q1: sufficient}
    expect:
      q1: 100%        # was 100% before the rule changed
      q2: "50%"       # quoted, and right
      1: {value: 70%, band: "Good work."}
      1: 61% ± 0.5
      overall: Poor
  - name: Empty
    cases:
      - {case_ref: C1, area: North, rosh: low, q1: sufficient}
    expect:   # record me
  - name: No expect at all
    cases:
      - {case_ref: C1, area: North, rosh: low, q1: insufficient}
'''


def test_update_rewrites_only_failing_values_and_keeps_comments(tiny, capsys):
    path = tiny / "u.test.yaml"
    path.write_text(COMMENTED.replace("      1: 61% ± 0.5\n", ""), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "test", path.name)
    assert code == 1 and path.read_text(encoding="utf-8") == before  # only when asked
    code, out, _ = run(capsys, "test", "--update", path.name)
    assert code == 0, out
    assert "updated u.test.yaml: re-recorded 3 tests" in out
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# Tests for the tiny framework\nframework: tiny.crit   # beside")
    assert "      q1: 75%         # was 100% before the rule changed\n" in after
    assert '      q2: "50%"       # quoted, and right\n' in after
    assert '      1: {value: 63%, band: "Not good enough."}\n' in after
    assert "      overall: Good\n" in after
    assert "    expect:   # record me\n      1: {value: 100%, band: Good work.}\n" \
           "      q1: 100%\n      q2: n/a\n      overall: Good\n      led: Good\n" in after
    assert after.endswith("q1: insufficient}\n    expect:\n      1: {value: 0%, band: Not "
                          "good enough.}\n      q1: 0%\n      q2: n/a\n      overall: Poor\n"
                          "      led: Poor\n")
    # idempotent: everything passes now, and the file is not touched again
    code, out, _ = run(capsys, "test", "--update", path.name)
    assert code == 0 and "updated" not in out and "3 passed, 0 failed" in out
    assert path.read_text(encoding="utf-8") == after


def test_update_keeps_the_tolerance_as_written(tiny, capsys):
    path = tiny / "u.test.yaml"
    path.write_text(one_test("1: 61% ± 0.5  # tolerance\nq1: 75%"), encoding="utf-8")
    code, _, _ = run(capsys, "test", "--update", path.name)
    assert code == 0
    assert "      1: 62.5% ± 0.5 # tolerance\n" in path.read_text(encoding="utf-8")
    assert run(capsys, "test", path.name)[0] == 0


def test_update_leaves_passing_files_and_files_with_problems_alone(tiny, capsys):
    good = tiny / "good.test.yaml"
    good.write_text(one_test("q1: 75%"), encoding="utf-8")
    bad = tiny / "bad.test.yaml"
    bad.write_text(one_test("q1: 10%\nq9: 1%"), encoding="utf-8")
    stamp = good.stat().st_mtime_ns
    texts = good.read_bytes(), bad.read_bytes()
    code, out, _ = run(capsys, "test", "--update", good.name, bad.name)
    assert code == 1 and "updated" not in out
    assert (good.read_bytes(), bad.read_bytes()) == texts
    assert good.stat().st_mtime_ns == stamp


# ----------------------------------------------------------------------------- JUnit
def test_junit_xml_is_well_formed_and_deterministic(tiny, capsys):
    (tiny / "a.test.yaml").write_text(one_test("q1: 75%"), encoding="utf-8")
    (tiny / "b.test.yaml").write_text(one_test("q1: 10%\n1: {band: Good work.}"),
                                      encoding="utf-8")
    (tiny / "c.test.yaml").write_text("tests: [\n", encoding="utf-8")
    code, _, _ = run(capsys, "test", ".", "--junit", "out/junit.xml")
    assert code == 1
    first = (tiny / "out" / "junit.xml").read_bytes()
    run(capsys, "test", ".", "--junit", "out/junit.xml")
    assert (tiny / "out" / "junit.xml").read_bytes() == first
    root = ET.fromstring(first)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    suites = {s.get("name"): s for s in root}
    assert list(suites) == ["a.test.yaml", "b.test.yaml", "c.test.yaml"]
    failure = suites["b.test.yaml"].find("testcase/failure")
    assert failure.get("message") == "2 expectations not met"
    assert "q1: expected 10%, actual 75%" in failure.text
    assert '1 band verdict: expected "Good work.", actual "Not good enough."' in failure.text
    error = suites["c.test.yaml"].find("testcase/error")
    assert "test-yaml-syntax" in error.text
    assert "time" not in first.decode() and "timestamp" not in first.decode()


# ----------------------------------------------------------------------------- examples
def test_examples_pass(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    code, out, _ = run(capsys, "test", "examples")
    assert code == 0, out
    assert "✗" not in out and " 0 failed" in out


def test_docs_show_the_demo_test_file_and_its_real_output(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    doc = (REPO / "docs" / "testing.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```(\w+)\n(.*?)^```", doc, flags=re.S | re.M)
    demo = (REPO / "examples" / "demo" / "demo.test.yaml").read_text(encoding="utf-8")
    assert blocks[0] == ("yaml", demo)
    kind, shown = blocks[1]
    command, expected = shown.split("\n", 1)
    assert kind == "console" and command == "$ critc test examples/demo/demo.test.yaml"
    code, out, _ = run(capsys, "test", "examples/demo/demo.test.yaml")
    assert code == 0 and out == expected


def test_rules_reproduce_their_published_figures(capsys, monkeypatch):
    """rules/*/published.test.yaml hold the figures of expected.json as test files."""
    monkeypatch.chdir(REPO)
    frameworks = sorted(p.parent.name for p in (REPO / "rules").glob("*/expected.json"))
    assert frameworks == sorted(p.parent.name for p in
                                (REPO / "rules").glob("*/published.test.yaml"))
    code, out, _ = run(capsys, "test", "rules")
    assert code == 0, out
    assert "✗" not in out and out.rstrip().endswith(" 0 failed")


# ----------------------------------------------------------------------------- --framework
def test_framework_runs_a_test_file_against_another_framework(tiny, capsys):
    """`--framework FILE` replaces the file the test file names, for a proposed version."""
    path = tiny / "t.test.yaml"
    path.write_text(one_test("q1: 75%"), encoding="utf-8")
    (tiny / "proposed.crit").write_text(TINY.replace(
        '  question q1 "Was the work sufficient?"\n',
        '  question q1 "Was the work sufficient?"\n    applies when rosh = low\n'),
        encoding="utf-8")
    assert run(capsys, "test", path.name)[0] == 0
    code, out, _ = run(capsys, "test", path.name, "--framework", "proposed.crit")
    assert code == 1 and "q1: expected 75%, actual 100%" in out
    code, out, err = run(capsys, "test", path.name, "--framework", "missing.crit")
    assert code == 2 and "no framework file at `missing.crit`" in err
