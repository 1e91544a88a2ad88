"""The formatter: format → parse gives an equal AST, formatting is idempotent, comments stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from critc.dsl import ast, parse
from critc.dsl.printer import expr_text, format_module

GOLDEN = Path(__file__).resolve().parent / "golden" / "diagnostics"

SAMPLE = '''\
# OMI1 sketch
framework "Offender Management Inspection" version "2008"
  effective 2006-05-01 to 2009-03-31
  source "West Mercia report, November 2008, Appendix 4"
  rounding half up to whole percent

scale sufficiency "Sufficiency"
  sufficient "Sufficient" above the line
  insufficient "Insufficient"
  na "Not applicable" not applicable aliases "n/a", "N/A"

rating scale grade "Section 4 grade"
  well_met "Well met" 3 points
  not_met "Not met" 0 points

case fields
  case_ref "Case reference": text, case id
  area: text, inspection
  case_type: one of {community, licence, custody}
  rosh: one of {low, medium, high, very_high}  # risk of serious harm
    description "RoSH at start"

inspection inputs
  grade_4_1: rating grade

section 1 "Assessment and sentence planning" = mean of its criteria
  criterion 1.2 "Assessment of Risk of Harm"
    = weighted mean(individual questions: 0.8, summary question: 0.2)
    question 1.2a "Was a RoH screening completed at the start of sentence?"  tags roh
    question 1.2d "Was the full RoH analysis of sufficient quality?"  tags roh
      applies when rosh in {medium, high, very_high} and case_type != custody
    summary question 1.2s "Overall, was RoH assessment sufficient?"  tags roh

thread roh "RoH Thread" = pooled over questions tagged roh in sections 1
score x = 0.8 * mean(individual questions in criterion 1.2) + 0.2 * question 1.2s

band conclusion on criteria in sections 1
  rounding half up to whole percent
  70% and above: "Performance against this criterion was good."
  60% and above: "This criterion represents a priority for improvement."
  otherwise:    "This criterion represents an urgent priority for improvement."
'''


def fmt(text: str, path: str = "t.crit") -> str:
    result = parse(text, path)
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    return format_module(result.module, result.comments, text)


def assert_round_trip(text: str) -> str:
    before = parse(text, "t.crit")
    assert not before.diagnostics, [d.message for d in before.diagnostics]
    out = format_module(before.module, before.comments, text)
    after = parse(out, "t.crit")
    assert not after.diagnostics, (out, [d.message for d in after.diagnostics])
    assert after.module == before.module, out
    assert format_module(after.module, after.comments, out) == out, "not idempotent"
    return out


def test_sample_round_trips_and_is_idempotent():
    out = assert_round_trip(SAMPLE)
    assert out != SAMPLE  # the sample is not canonical ...
    assert fmt(out) == out  # ... its formatting is


@pytest.mark.parametrize("case", sorted(p for p in GOLDEN.glob("*.crit")
                                        if p.stem in ("clean", "cycle", "weights_sum",
                                                      "applicability", "type_errors",
                                                      "bands_order", "empty_selection")),
                         ids=lambda p: p.stem)
def test_golden_inputs_round_trip(case):
    assert_round_trip(case.read_text("utf-8"))


def test_canonical_layout():
    out = fmt('framework "F"   version "1"\ninclude "a.crit"\ninclude "b.crit"\n'
              "scale s\n    yes   above the line\n"
              'section 1 "S"\n     = mean of its questions\n     question 1a "A"   tags x,y\n')
    assert out == ('framework "F" version "1"\n\ninclude "a.crit"\ninclude "b.crit"\n\n'
                   "scale s\n  yes above the line\n\n"
                   'section 1 "S" = mean of its questions\n  question 1a "A" tags x, y\n')


def test_a_points_band_keeps_whole_numbers_and_a_score_band_whole_percent():
    text = (
        'score total "Total" = sum(points(criteria))\n\n'
        'band overall "Overall" on score total\n  rounding half up to whole numbers\n'
        '  3 and above: "Good"\n  otherwise: "Poor"\n\n'
        'band verdict "Verdict" on section 1\n  rounding half up to whole numbers\n'
        '  70% and above: "Good"\n  otherwise: "Poor"\n')
    out = assert_round_trip(text)
    assert "rounding half up to whole numbers\n  3 and above" in out
    assert "rounding half up to whole percent\n  70% and above" in out


def test_a_long_formula_moves_to_its_own_line():
    weights = ", ".join(f"criterion 1.{i}: 0.25" for i in range(1, 5))
    out = assert_round_trip(f'section 1 "A long title for a section" = weighted mean({weights})\n')
    head, formula_line = out.splitlines()
    assert head == 'section 1 "A long title for a section"'
    assert formula_line.startswith("  = weighted mean(")


def test_comments_are_kept_in_place():
    text = ("# Top comment\n"
            'framework "F" version "1"   # on the header\n\n'
            "# before the scale\n"
            "scale s\n  yes above the line  # a code\n  no\n\n"
            'section 1 "S" = mean of its questions  # on the formula\n'
            "  # before a question\n"
            '  question 1a "A"\n'
            "    applies when rosh = high  # on the condition\n"
            "# at the end\n")
    out = assert_round_trip(text)
    assert out == text.replace("   # on the header", "  # on the header")


def test_a_comment_inside_a_wrapped_formula_stays_on_its_line():
    out = assert_round_trip("score s = weighted mean(\n  section 1: 0.5,  # half\n"
                            "  section 2: 0.5\n)\n")
    assert out == "score s = weighted mean(section 1: 0.5, section 2: 0.5)  # half\n"


def test_every_comment_survives():
    out = fmt(SAMPLE)
    assert [c for c in SAMPLE.splitlines() if "#" in c and '"' not in c.split("#")[0]] != []
    assert out.count("# OMI1 sketch") == 1 and out.count("# risk of serious harm") == 1


def test_a_hash_inside_text_is_not_a_comment():
    assert assert_round_trip('question q "Item #3"\n') == 'question q "Item #3"\n'


def test_text_with_quotes_backslashes_and_escapes():
    assert_round_trip(r'question q "He said \"no\" \\ then\tleft\n"' + "\n")


@pytest.mark.parametrize("formula", [
    "1 + 2 * 3 - 4",
    "(1 + 2) * 3",
    "1 - (2 - 3)",
    "1 / (2 * 3)",
    "--1",
    "-(1 + 2)",
    "mean(section 1, criterion 1.2)",
    "mean of its criteria",
    "pooled over all questions tagged roh or lor in sections 1, 2",
    "max(mean of questions in sections 1, 2, 0.5)",
    "max((0.5 * mean of questions in sections 1), 0.2)",
    "min(mean(questions in sections 1) * 0.5, 0.2)",
    "sum(points(grade_4_1), points(grade_4_2))",
    "weighted mean(individual questions: 0.8, summary question: 20%)",
    "weighted mean(section 1: 0.5, section 2: 0.5) without renormalising",
    "weighted mean(questions in sections 1, 2: 0.5, section 3: 0.5)",
    "verdict(mean(section 1, section 2))",
    "count()",
    "70% * section 1",
])
def test_formulas_round_trip(formula):
    assert_round_trip(f"score s = {formula}\n")


@pytest.mark.parametrize("condition", [
    "a = x and b != y or not c in {p, q}",
    "(a = x or b = y) and c = z",
    "not (a = x and b = y)",
    "not not a",
    "a not in {x, 2, \"t\", 2008-01-01}",
    "(a = b) = c",
    "a and (b and c)",
    "(a or b) or c",
    "age + 1 > 18 - 2",
])
def test_conditions_round_trip(condition):
    assert_round_trip(f'question q "t"\n  applies when {condition}\n')


def test_band_targets_ending_in_a_scope_are_not_run_together():
    out = assert_round_trip('band b\n  on criteria in sections 1\n  on section 2\n'
                            '  70% and above: "Good"\n')
    assert "  on criteria in sections 1\n  on section 2\n" in out


def test_a_tag_filter_before_or_is_kept_apart():
    tagged = ast.Selector(scope_word=None, role=None, plural="questions", tags=("a",))
    expr = ast.Or(operands=(tagged, ast.Name(name="b")))
    text = expr_text(expr)
    back = parse(f'question q "t"\n  applies when {text}\n', "t.crit").module.items[0].applies
    assert back == expr


def test_hand_built_ast_prints_and_parses_back():
    module = ast.Module(path="t.crit", items=(
        ast.Framework(name="F", version="1"),
        ast.Scale(id="s", codes=(ast.ScaleCode(id="yes", above=True), ast.ScaleCode(id="no"))),
        ast.FieldBlock(kind="case", fields=(
            ast.Field(id="rosh", type=ast.TypeRef(kind="enum", values=("low", "high"))),)),
        ast.Aggregate(kind="section", id="1", title="S", formula=ast.Call(
            function="mean", args=(ast.Selector(scope_word="its", role=None,
                                                plural="questions"),)),
            children=(ast.Question(id="1a", text="A", tags=("roh",), applies=ast.Compare(
                op="=", left=ast.Name(name="rosh"), right=ast.Name(name="high"))),)),
        ast.Band(id="b", targets=(ast.ItemRef(kind="section", id="1"),), rows=(
            ast.BandRow(test="at_least", low=ast.Threshold(value=70, percent=True, text="70%"),
                        label="Good"),
            ast.BandRow(test="otherwise", label="Poor"))),
    ))
    text = format_module(module)
    result = parse(text, "t.crit")
    assert result.diagnostics == ()
    assert result.module == module
