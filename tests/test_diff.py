"""`critc diff`: the structural difference of two framework versions, the impact on an
archive, attribution of moved figures to rule edits, and the band-change gate."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from critc.compiler.check import graph as graphs
from critc.compiler.check.passes import check_file
from critc.compiler.cli.main import main
from critc.compiler.regress.diff import compare
from critc.compiler.regress.impact import diff_archive
from engine_strategies import scenarios, write_cases_csv, write_inputs_csv
from hypothesis import assume, given
from hypothesis import strategies as st

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"
DEMO_TEXT = (DEMO / "framework.crit").read_text(encoding="utf-8")
CASES, INPUTS = str(DEMO / "cases.csv"), str(DEMO / "inputs.csv")

WEIGHTS_12 = ("    = weighted mean(individual questions: 0.8, summary question: 0.2)", 46)
RISK_12B = ("      applies when rosh in {medium, high, very_high}", 49)
THRESHOLD = ('  60% and above: "This criterion represents a priority for improvement."', 97)


def edited(*changes: tuple[tuple[str, int], str]) -> str:
    """The demo framework with whole lines replaced (each line checked first)."""
    lines = DEMO_TEXT.split("\n")
    for (line, number), replacement in changes:
        assert lines[number - 1] == line, (number, lines[number - 1])
        lines[number - 1] = replacement
    return "\n".join(lines)


def checked(text: str, name: str):
    result = check_file(name, text)
    assert result.ok, [d.message for d in result.diagnostics if d.is_error]
    return result


def structure_of(new_text: str, old_text: str = DEMO_TEXT):
    return compare(checked(old_text, "old.crit"), checked(new_text, "new.crit"))


def write(tmp_path: Path, text: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ----------------------------------------------------------------------------- structure
def test_layout_comments_and_spelling_are_no_edit():
    text = DEMO_TEXT.replace("\n\n", "\n\n# a comment the diff ignores\n", 3)
    assert structure_of(text).edits == ()


def test_a_reweighting_is_a_weights_edit_with_its_line_in_both_files():
    s = structure_of(edited((WEIGHTS_12, "    = weighted mean(individual questions: 0.7, "
                                         "summary question: 0.3)")))
    [edit] = s.edits
    assert (edit.kind, edit.id, edit.change, edit.facets) == ("criterion", "1.2", "changed",
                                                               ("weights",))
    assert edit.scoring
    assert edit.old.facet("weights").span.line == 46 == edit.new.facet("weights").span.line
    assert "0.8" in edit.old.facet("weights").text and "0.7" in edit.new.facet("weights").text


def test_applicability_and_thresholds_are_told_apart():
    s = structure_of(edited(
        (RISK_12B, "      applies when rosh in {high, very_high}"),
        (THRESHOLD, '  65% and above: "This criterion represents a priority for improvement."')))
    facets = {(e.kind, e.id): e.facets for e in s.edits}
    assert facets == {("question", "1.2b"): ("applicability",),
                      ("band", "conclusion"): ("thresholds",)}
    band = next(e for e in s.edits if e.kind == "band")
    # the row that moved, not the whole band, with its own line
    assert [span.line for text, span in band.new.facet("thresholds").parts
            if "65" in text] == [97]


def test_wording_edits_are_listed_but_move_no_figure():
    text = DEMO_TEXT.replace("\"Was the report of", "\"Was the pre-sentence report of", 1)
    assert text != DEMO_TEXT
    s = structure_of(text)
    assert [e.scoring for e in s.edits] == [False]
    assert s.edits[0].facets == ("wording",)


def test_added_question_reads_as_never_answered_in_an_old_archive(tmp_path):
    lines = DEMO_TEXT.split("\n")
    at = lines.index(RISK_12B[0]) + 1
    lines[at:at] = ['    question 1.2z "A question the archive predates"']
    new = "\n".join(lines)
    structure, impact, problems = diff_archive(checked(DEMO_TEXT, "old.crit"),
                                               checked(new, "new.crit"), CASES, INPUTS)
    assert [(e.change, e.id) for e in structure.edits if e.kind == "question"] == \
        [("added", "1.2z")]
    assert [d.code for d in problems["new"] if d.code == "missing-column"] == ["missing-column"]
    added = [c for c in impact.changes if c.figure == "1.2z"]
    assert added and all(c.old.shown == "(absent)" and c.new.shown == "n/a" for c in added)
    assert impact.cases == ()  # no case counted differently


# ----------------------------------------------------------------------------- the CLI
@pytest.fixture
def versions(tmp_path):
    old = write(tmp_path, DEMO_TEXT, "old.crit")
    new = write(tmp_path, edited(
        (WEIGHTS_12, "    = weighted mean(individual questions: 0.7, summary question: 0.3)"),
        (RISK_12B, "      applies when rosh in {high, very_high}"),
        (THRESHOLD, '  65% and above: "This criterion represents a priority for improvement."'),
    ), "new.crit")
    return old, new


def test_diff_report_names_edits_moves_migrations_and_cases(versions, capsys):
    old, new = versions
    assert main(["diff", old, new, CASES, "--inputs", INPUTS]) == 0
    out = capsys.readouterr().out
    assert "Rule changes: 3 (3 can move figures)" in out
    # the change in words, then the lines of both files as written
    assert "individual questions 0.8 → 0.7, summary question 0.2 → 0.3" in out
    assert re.search(r"old\s+\S*old.crit:97\s+60% and above:", out)
    assert re.search(r"new\s+\S*new.crit:46\s+= weighted mean\(.*0\.7", out)
    assert "60% to under 70% → 65% to under 70%" in out
    assert "3 inspections changed band" in out
    assert "Band migrations" in out and "section 1 · band improvement" in out
    assert "Cases whose contribution changed: 173 of 360" in out
    assert "ASH-003 (Ashford)  1.2b: above the line → not counted" in out


def test_diff_json_attributes_each_move_to_edits_on_its_path(versions, capsys):
    old, new = versions
    assert main(["diff", old, new, CASES, "--inputs", INPUTS, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["inspections_changing_band"] == ["Ashford", "Castleton",
                                                            "Fairhaven"]
    by = {(c["inspection"], c["figure"]): c for c in data["changes"]}
    # criterion 1.1 only changes band: the thresholds explain it, nothing else does
    assert by["Castleton", "1.1"]["because"] == ["band conclusion"]
    assert by["Castleton", "1.1"]["old"]["shown"] == by["Castleton", "1.1"]["new"]["shown"]
    # a question's proportion moves only through its own applicability
    assert by["Ashford", "1.2b"]["because"] == ["question 1.2b"]
    # the value of criterion 1.2 moved, its band did not: the band edit is not blamed
    assert by["Ashford", "1.2"]["because"] == ["question 1.2b", "criterion 1.2"]
    migration = next(m for m in data["band_migrations"] if m["figure"] == "1")
    assert {"old": "MODERATE improvement required", "new": "MINIMUM improvement required",
            "inspections": 1} in migration["counts"]
    edits = {e["id"]: e for e in data["edits"]}
    assert edits["conclusion"]["facets"][0]["old"]["line"] == 93


@pytest.mark.parametrize("limit, code", [(2, 1), (3, 0)])
def test_band_change_gate(versions, capsys, limit, code):
    old, new = versions
    assert main(["diff", old, new, CASES, "--inputs", INPUTS,
                 "--fail-if-band-changes", str(limit)]) == code
    if code:
        assert "3 inspections change band" in capsys.readouterr().err


def test_a_framework_against_itself_is_empty(capsys):
    path = str(DEMO / "framework.crit")
    assert main(["diff", path, path, CASES, "--inputs", INPUTS,
                 "--fail-if-band-changes", "0"]) == 0
    out = capsys.readouterr().out
    assert "none: the two versions declare the same rules" in out
    assert "0 figures moved" in out


def test_diff_usage_and_file_problems(tmp_path, capsys):
    path = str(DEMO / "framework.crit")
    assert main(["diff", path, path, CASES, "--fail-if-band-changes", "-1"]) == 2
    assert main(["diff", path, str(tmp_path / "missing.crit"), CASES]) == 1
    assert main(["diff", path, path, str(tmp_path / "missing.csv")]) == 1
    broken = write(tmp_path, "framework \"x\"\nquestion\n", "broken.crit")
    assert main(["diff", path, broken, CASES]) == 1
    err = capsys.readouterr().err
    assert "no file at" in err and "error[" in err


def test_diff_output_file_is_the_report(versions, tmp_path, capsys):
    old, new = versions
    out = tmp_path / "impact.txt"
    assert main(["diff", old, new, CASES, "--inputs", INPUTS, "-o", str(out)]) == 0
    assert "Band migrations" in out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == ""


# ----------------------------------------------------------------------------- properties
def run_diff(old_text: str, new_text: str, scenario):
    old, new = check_file("old.crit", old_text), check_file("new.crit", new_text)
    with tempfile.TemporaryDirectory() as tmp:
        cases = write_cases_csv(Path(tmp) / "cases.csv", scenario)
        inputs = str(write_inputs_csv(Path(tmp) / "inputs.csv", scenario)) \
            if scenario.inputs else None
        structure, impact, problems = diff_archive(old, new, str(cases), inputs)
    assert impact is not None, problems
    return old, new, structure, impact


@given(scenarios())
def test_self_diff_is_empty_on_any_archive(scenario):
    _, _, structure, impact = run_diff(scenario.text, scenario.text, scenario)
    assert structure.edits == ()
    assert impact.changes == () and impact.cases == ()
    assert all(m.moved == 0 for m in impact.migrations)


WEIGHTS_LINE = "    = weighted mean(individual questions: 0.8, summary question: 0.2)"


# weights that still sum to 1, so the new version checks and the reweighting is kept (not
# discarded by `assume`)
REWEIGHTINGS = st.sampled_from([("0.5", "0.5"), ("0.6", "0.4"), ("0.7", "0.3"),
                                ("0.9", "0.1"), ("0.25", "0.75")])


def reweighted(individual: str, summary: str) -> str:
    return (f"    = weighted mean(individual questions: {individual}, "
            f"summary question: {summary})")


@st.composite
def mutations(draw, text: str) -> str:
    """`text` with some of: a criterion reweighted, a condition dropped, a band threshold
    moved, a question reworded."""
    lines = text.split("\n")
    kinds = draw(st.sets(st.sampled_from(["weights", "condition", "threshold", "wording"]),
                         min_size=1))
    if "weights" in kinds:
        at = [i for i, line in enumerate(lines) if line == WEIGHTS_LINE]
        if at:
            i = draw(st.sampled_from(at))
            lines[i] = reweighted(*draw(REWEIGHTINGS))
    if "condition" in kinds:
        at = [i for i, line in enumerate(lines) if line.startswith("      applies when ")]
        if at:
            del lines[draw(st.sampled_from(at))]
    if "threshold" in kinds:
        at = [i for i, line in enumerate(lines) if re.match(r"  \d+% and above: \"Label", line)]
        if at:
            i = draw(st.sampled_from(at))
            number = int(lines[i].split("%")[0])
            moved = max(0, min(100, number + draw(st.sampled_from([-7, -1, 1, 3]))))
            lines[i] = f"  {moved}%" + lines[i].split("%", 1)[1]
    if "wording" in kinds:
        at = [i for i, line in enumerate(lines) if line.lstrip().startswith(
            ("question ", "summary question "))]
        if at:
            i = draw(st.sampled_from(at))
            lines[i] = lines[i].rstrip('"') + ' reworded"' if lines[i].endswith('"') \
                else lines[i]
    return "\n".join(lines)


def path_of(result, figure: str) -> set[str]:
    """The figure, what it is computed from, and the bands reported with it (graph module,
    not the diff's own walk)."""
    fw, graph = result.framework, result.graph
    if figure not in graph:
        return set()
    nodes = {figure} | set(graphs.deps_of(graph, figure))
    for app in fw.applications.values():
        if app.target == figure:
            nodes |= {app.id} | set(graphs.deps_of(graph, app.id))
    return nodes


@given(st.data(), scenarios())
def test_attribution_names_only_edits_on_the_path_and_never_misses_one(data, scenario):
    new_text = data.draw(mutations(scenario.text))
    assume(new_text != scenario.text)
    new_check = check_file("new.crit", new_text)
    assume(new_check.ok)
    old, new, structure, impact = run_diff(scenario.text, new_text, scenario)
    for change in impact.changes:
        path = path_of(old, change.figure) | path_of(new, change.figure)
        assert change.because, f"{change.figure} moved with no edit named"
        for edit in change.because:
            assert edit.scoring
            touched = set(edit.nodes)
            assert touched & path, (edit.key, change.figure)


@given(st.data(), scenarios())
def test_attribution_names_a_reweighting_that_keeps_weights_summing_to_one(data, scenario):
    """Any reweighting that keeps the weights summing to 1: the new version checks (nothing
    is discarded), the diff is that weights edit alone, and every figure it moves is
    downstream of the criterion and names the edit."""
    lines = scenario.text.split("\n")
    at = [i for i, line in enumerate(lines) if line == WEIGHTS_LINE]
    assume(at)
    i = data.draw(st.sampled_from(at))
    lines[i] = reweighted(*data.draw(REWEIGHTINGS))
    criterion = lines[i - 1].split()[1]
    new_text = "\n".join(lines)
    assert check_file("new.crit", new_text).ok
    old, new, structure, impact = run_diff(scenario.text, new_text, scenario)
    assert [(e.id, e.facets) for e in structure.edits] == [(criterion, ("weights",))]
    weights = structure.edits[0]
    downstream = {criterion} | set(graphs.used_by(new.graph, criterion))
    for change in impact.changes:
        assert change.figure in downstream, change.figure
        assert [e.key for e in change.because] == [weights.key], change.figure
    assert impact.cases == ()  # reweighting changes no case's contribution


# ----------------------------------------------------------------------------- docs, determinism
VERSIONS = DEMO.parent / "versions"


def test_the_report_in_regression_md_is_what_critc_prints(capsys):
    page = (DEMO.parent.parent / "docs" / "regression.md").read_text(encoding="utf-8")
    block = page.split("## Reading `critc diff`")[1].split("```text\n")[1].split("```")[0]
    assert main(["diff", str(VERSIONS / "v1.crit"), str(VERSIONS / "v2.crit"),
                 str(VERSIONS / "cases.csv")]) == 0
    root = str(DEMO.parent.parent) + "/"
    printed = {line.rstrip().replace(root, "") for line in capsys.readouterr().out.split("\n")}
    shown = [line.rstrip() for line in block.split("\n") if line.strip() and line != "…"]
    assert [line for line in shown if line not in printed] == []


@pytest.mark.slow  # two fresh interpreters
def test_diff_json_is_byte_identical_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"diff{seed}.json"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "critc.compiler", "diff",
                        str(VERSIONS / "v1.crit"), str(VERSIONS / "v3.crit"),
                        str(VERSIONS / "cases.csv"), "--format", "json", "-o", str(out)],
                       check=True, env=env, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["edits"]


def test_an_added_input_reads_as_blank_in_an_old_inputs_file(tmp_path):
    """A new version that adds an inspection input can still be compared over inputs
    gathered under the old one: the input is blank (a warning), its figures n/a."""
    new = DEMO_TEXT.replace("inspection inputs\n", "inspection inputs\n"
                            '  caseload "Average caseload": number\n', 1)
    assert new != DEMO_TEXT
    structure, impact, problems = diff_archive(checked(DEMO_TEXT, "old.crit"),
                                               checked(new, "new.crit"), CASES, INPUTS)
    assert impact is not None
    assert [(e.change, e.kind, e.id) for e in structure.edits] == \
        [("added", "inspection input", "caseload")]
    assert any(d.code == "missing-column" and not d.is_error for d in problems["new"])
    assert impact.changes == ()
