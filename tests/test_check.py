"""The checker: every diagnostic code fires where it should, and none fires on a clean
framework."""

from __future__ import annotations

from pathlib import Path

import pytest
from critc.compiler.check.passes import check_file
from critc.dsl.diagnostics import Severity

BASE = (Path(__file__).resolve().parent / "golden" / "checker_base.crit").read_text("utf-8")


def check(text: str):
    return check_file("base.crit", text)


def variant(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def extra(snippet: str) -> str:
    return BASE + "\n" + snippet


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def only(text: str, code: str, at: str | None = None, severity: str = "error"):
    """Check `text`: `code` is the only code reported, as `severity`, on the line of `at`."""
    result = check(text)
    found = [d for d in result.diagnostics if d.code == code]
    others = [(d.code, d.message) for d in result.diagnostics if d.code != code]
    assert found, f"{code} not reported; got {others}"
    assert not others, others
    for d in found:
        assert d.severity is Severity(severity)
    if at is not None:
        assert found[0].span.line == line_of(text, at)
    return found[0]


# ----------------------------------------------------------------------------- clean
def test_the_base_framework_is_clean():
    result = check(BASE)
    assert result.diagnostics == ()
    assert result.ok
    fw = result.framework
    assert list(fw.questions) == ["1.1a", "1.1b", "1.1s", "1.2a", "1.2k"]
    assert fw.aggregates["1"].type.kind == "score"
    assert fw.aggregates["lead"].type.kind == "number"
    assert (fw.case_id, fw.inspection_date) == ("case_ref", "visit")
    assert fw.questions["1.1a"].tags == ("roh",)
    assert set(fw.applications) == {"verdict[1.1]", "verdict[1.2]", "grading[lead]"}
    assert result.order and result.graph is not None


def test_warnings_do_not_make_a_check_fail():
    result = check(extra('band spare\n  70% and above: "Good"\n  otherwise: "Poor"\n'))
    assert [d.code for d in result.diagnostics] == ["unused-band"]
    assert result.ok


# ----------------------------------------------------------------------------- declarations
def test_duplicate_names_share_one_namespace():
    text = extra('score rosh = mean(section 1)\n')
    d = only(text, "duplicate-name", "score rosh")
    assert d.labels[0].span.line == line_of(text, "rosh: one of")
    assert "case field" in d.message


def test_duplicate_scale_names():
    only(extra("rating scale sufficiency\n  a 1 point\n"), "duplicate-name",
         "rating scale sufficiency")


def test_duplicate_header():
    only(extra('framework "Again"\n'), "duplicate-header", 'framework "Again"')


def test_missing_header_is_a_warning():
    text = variant('framework "Base" version "1"\n  effective 2006-05-01 to 2009-03-31\n', "")
    only(text, "missing-header", "section 1 \"Assessment\"", severity="warning")


def test_effective_dates_reversed():
    only(variant("effective 2006-05-01 to 2009-03-31", "effective 2009-05-01 to 2006-03-31"),
         "effective-dates-reversed", 'framework "Base"')


@pytest.mark.parametrize(("old", "new", "code"), [
    ('  no "No"\n', '  no "No"\n  yes "Again"\n', "duplicate-code"),
    ('aliases "n/a"', 'aliases "yes"', "duplicate-code"),
    ('na "Not applicable" not applicable', 'na "Not applicable" above the line not applicable',
     "contradictory-code"),
    ('yes "Yes" above the line', 'yes "Yes"', "no-answer-above-the-line"),
    ('poor "Poor" 0 points', 'poor "Poor"', "missing-points"),
])
def test_scale_problems(old, new, code):
    only(variant(old, new), code)


def test_scale_warnings():
    only(variant('no "No"', 'no "No" above the line'), "no-answer-below-the-line",
         "scale sufficiency", severity="warning")
    only(variant('good "Good" 2 points\n  poor "Poor" 0 points',
                 'poor "Poor" 0 points\n  good "Good" 2 points'),
         "levels-out-of-order", "rating scale grade", severity="warning")


def test_empty_scale():
    text = variant('version "1"\n', 'version "1"\n  default scale sufficiency\n')
    only(text + "\nscale spare\n", "empty-scale", "scale spare")


def test_field_roles():
    only(variant("staff: number", "staff: number, case id"), "misplaced-role", "staff: number")
    text = variant("rosh: one of {low, medium, high}", "rosh: one of {low, medium, high}, case id")
    d = only(text, "duplicate-role", "rosh: one of")
    assert d.labels[0].span.line == line_of(text, "case_ref: text")
    only(variant("case_ref: text, case id", "case_ref: date, case id"), "type-mismatch",
         "case_ref: date")
    only(variant("visit: date, inspection date", "visit: text, inspection date"),
         "type-mismatch", "visit: text")


# ----------------------------------------------------------------------------- names
def test_unknown_names_with_did_you_mean():
    text = variant("applies when age >= 18", "applies when ag >= 18")
    d = only(text, "unknown-reference", "applies when ag")
    assert d.hint == "did you mean `age`?"
    d = only(variant("0.5 * thread roh", "0.5 * thread rho"), "unknown-reference", "thread rho")
    assert "`roh`" in d.hint
    d = only(variant("+ staff", "+ staf"), "unknown-reference", "+ staf")
    assert "`staff`" in d.hint


@pytest.mark.parametrize(("old", "new"), [
    ("leadership: rating grade", "leadership: rating grad"),
    ("band grading gives grade", "band grading gives grad"),
    ('criterion 1.2 "Planning" = pooled over its questions',
     'criterion 1.2 "Planning" = pooled over its questions\n    rated grad'),
])
def test_unknown_rating_scales(old, new):
    d = only(variant(old, new), "unknown-reference")
    assert "`grade`" in d.hint


def test_unknown_answer_scale():
    d = only(variant('question 1.2a "Was there a plan?"',
                     'question 1.2a "Was there a plan?"\n      on sufficency'),
             "unknown-reference", 'question 1.2a "Was there a plan?"')
    assert "`sufficiency`" in d.hint


def test_wrong_kind():
    d = only(variant("0.5 * section 1 +", "0.5 * criterion 1.1a +"), "wrong-kind",
             "criterion 1.1a")
    assert d.message == "`1.1a` is a question, not a criterion"
    assert d.hint == "write `question 1.1a`"


def test_no_scale_when_two_scales_and_no_default():
    text = extra("scale other\n  good above the line\n  bad\n")
    result = check(text)
    assert {d.code for d in result.diagnostics} == {"no-scale"}
    assert len(result.diagnostics) == 5  # one per question
    fixed = text.replace('version "1"\n', 'version "1"\n  default scale sufficiency\n')
    assert check(fixed).diagnostics == ()


# ----------------------------------------------------------------------------- selectors
def test_selector_problems():
    only(variant("pooled over its questions", "pooled over its individual criteria"),
         "invalid-selector", "individual criteria")
    only(variant("band verdict \"Verdict\" on criteria in sections 1",
                 "band verdict \"Verdict\" on its criteria"), "invalid-selector", "band verdict")
    d = only(variant("tagged roh in sections 1", "tagged rho in sections 1"), "unknown-tag",
             "tagged rho")
    assert d.hint == "did you mean `roh`?"


def test_empty_and_ambiguous_selections():
    d = only(variant("pooled over its questions", "pooled over its summary question"),
             "empty-selection", "its summary question")
    assert "in criterion `1.2`" in d.message


def test_ambiguous_single_selector():
    text = variant('question 1.1a "Was risk screened?"',
                   'summary question 1.1a "Was risk screened?"')
    d = only(text, "ambiguous-selection", "criterion 1.1")
    assert "1.1a, 1.1s" in d.message


def test_a_set_where_one_figure_is_expected():
    only(variant("0.5 * section 1 +", "0.5 * criteria in sections 1 +"),
         "set-where-figure-expected", "0.5 * criteria")


# ----------------------------------------------------------------------------- types
@pytest.mark.parametrize(("new", "code"), [
    ("points(leadership) + staff", None),
    ("leadership + staff", "rating-as-number"),
    ("verdict(section 1) + staff", "label-as-number"),
    ("visit + staff", "type-mismatch"),
    ("age + staff", "case-field-in-formula"),
    ("verdict + staff", "band-as-figure"),
    ("staff > 3", "condition-in-formula"),
    ('"text" + staff', "not-a-figure"),
    ("points(leadership, leadership)", "wrong-arguments"),
    ("points(staff)", "type-mismatch"),
    ("mean() + staff", "no-inputs"),
    ("pooled(section 1) + staff", "pooled-needs-questions"),
    ("weighted mean(staff: 0.5, staff: 0.6)", "weights-do-not-sum-to-one"),
])
def test_formula_type_errors(new, code):
    text = variant("points(leadership) + staff", new)
    if code is None:
        assert check(text).diagnostics == ()
    else:
        only(text, code, 'score lead "Leadership"')


def test_weights_may_be_percentages_adding_up_to_100():
    text = variant("weighted mean(individual questions: 0.8, summary question: 0.2)",
                   "weighted mean(individual questions: 80%, summary question: 20%)")
    assert check(text).diagnostics == ()
    d = only(text.replace("20%)", "30%)"), "weights-do-not-sum-to-one", "criterion 1.1")
    assert d.message == "the weights add up to 110%, not 100%"


def test_points_need_a_scale_with_points():
    text = variant('good "Good" 2 points\n  poor "Poor" 0 points', 'good "Good"\n  poor "Poor"')
    only(text, "missing-points", 'score lead "Leadership"')


def test_a_formula_giving_text_is_not_a_figure():
    text = variant("staff: number", "staff: number\n  area_name: text")
    only(text + "score named = area_name\n", "not-a-figure", "score named")


def test_rated_aggregate_must_give_its_scale():
    text = extra("rating scale other\n  top 1 point\n  bottom 0 points\n\n"
                 "inspection inputs\n  other_grade: rating other\n\n"
                 "score r = max(other_grade)\n  rated grade\n")
    only(text, "type-mismatch", "score r")


@pytest.mark.parametrize(("condition", "code"), [
    ("rosh = very_high", "unknown-value"),
    ("rosh in {low, hgh}", "unknown-value"),
    ("question 1.2a = maybe", "unknown-value"),
    ("age + 1", "condition-not-boolean"),
    ("rosh", "condition-not-boolean"),
    ("age >= 18 and rosh", "condition-not-boolean"),
    ("criterion 1.1 = yes", "figure-in-condition"),
    ("mean(section 1) > 50%", "figure-in-condition"),
    ("staff_count > 3", "unknown-reference"),
    ("rosh = 3", "type-mismatch"),
    ("sex_offender < true", "type-mismatch"),
    ("case_ref + 1 > 2", "type-mismatch"),
    ("rosh in {low, age}", "not-a-value"),
    ("rosh not in {rosh}", "not-a-value"),
])
def test_condition_errors(condition, code):
    text = variant("applies when age >= 18 or question 1.2a = yes", f"applies when {condition}")
    only(text, code, f"applies when {condition}\n")


def test_conditions_may_use_inspection_inputs_and_ratings():
    text = variant("applies when age >= 18 or question 1.2a = yes",
                   "applies when leadership = good and visit >= 2007-01-01 and staff > 2")
    assert check(text).diagnostics == ()


# ----------------------------------------------------------------------------- structure
def test_missing_formula():
    d = only(variant('criterion 1.2 "Planning" = pooled over its questions',
                     'criterion 1.2 "Planning"'), "missing-formula", 'criterion 1.2 "Planning"')
    assert d.hint == "add a formula such as `= mean of its questions`"


def test_band_targets():
    only(variant("band grading gives grade on score lead", "band grading gives grade on staff"),
         "invalid-band-target", "band grading")
    only(variant("on criteria in sections 1\n",
                 "on criteria in sections 1, 1\n  on criterion 1.1\n"),
         "duplicate-band-target", "on criterion 1.1", severity="warning")
    text = variant("on score lead", "on score lead, section 1")
    d = only(text, "type-mismatch", "band grading")
    assert "both scores and plain numbers" in d.message


def test_cycle():
    text = variant("score overall \"Overall\" = 0.5 * section 1 + 0.5 * thread roh",
                   "score overall \"Overall\" = 0.5 * section 1 + 0.5 * score lead")
    text = text.replace("points(leadership) + staff", "points(leadership) + score overall")
    d = only(text, "cyclic-dependency", 'score overall "Overall"')
    assert d.message == "circular definition: `overall` → `lead` → `overall`"
    assert [lb.message for lb in d.labels] == [
        "`overall` is used here in the definition of `lead`",
        "`lead` is used here in the definition of `overall`"]
    assert [lb.span.line for lb in d.labels] == [line_of(text, 'score lead "Leadership"'),
                                                 line_of(text, 'score overall "Overall"')]


def test_self_reference_is_a_cycle():
    text = variant("+ staff", "+ score lead")
    d = only(text, "cyclic-dependency", 'score lead "Leadership"')
    assert d.message == "circular definition: `lead` → `lead`"


# ----------------------------------------------------------------------------- lints
def test_applicability_that_never_holds():
    text = variant("rosh in {medium, high} and not sex_offender",
                   "rosh = low and rosh in {medium, high}")
    d = only(text, "applicability-never-true", "rosh = low and")
    assert d.span.col == text.splitlines()[d.span.line - 1].index("rosh") + 1


def test_applicability_that_always_holds():
    only(variant("rosh in {medium, high} and not sex_offender",
                 "rosh in {medium, high} or rosh = low"),
         "applicability-always-true", "rosh = low", severity="warning")


def test_numeric_tests_are_free_so_they_are_never_constant():
    text = variant("rosh in {medium, high} and not sex_offender", "age > 18 or age <= 18")
    assert check(text).diagnostics == ()


def test_question_feeding_no_score():
    text = variant("individual questions: 0.8, summary question: 0.2",
                   "individual questions: 1")
    d = only(text, "question-feeds-no-score", "summary question 1.1s", severity="warning")
    assert "criterion `1.1`" in d.hint


def test_unused_band():
    only(extra('band spare\n  70% and above: "Good"\n  otherwise: "Poor"\n'), "unused-band",
         "band spare", severity="warning")


def test_a_band_applied_in_a_formula_is_used():
    text = extra("band spare gives grade\n  70% and above: good\n  otherwise: poor\n\n"
                 "rating labelled = spare(section 1)\n")
    assert check(text).diagnostics == ()
    assert check(text).framework.aggregates["labelled"].type.kind == "rating"


def test_a_text_band_label_is_not_a_figure():
    text = extra('band spare\n  70% and above: "Good"\n  otherwise: "Poor"\n\n'
                 "score labelled = spare(section 1)\n")
    only(text, "not-a-figure", "score labelled")


# ----------------------------------------------------------------------------- cascades
def test_a_syntax_error_hides_cascading_errors():
    text = variant("thread roh \"Risk of harm\" = pooled over questions tagged roh in sections 1",
                   "thread roh \"Risk of harm\" = pooled over questions tagged roh in (")
    assert [d.code for d in check(text).diagnostics] == ["syntax-error"]


def test_a_duplicate_id_does_not_also_empty_its_section():
    text = extra('section 9 "Nine" = mean of its questions\n  question 1.1a "Again"\n')
    assert [d.code for d in check(text).diagnostics] == ["duplicate-name"]


def test_a_missing_include_hides_cascading_errors(tmp_path):
    root = tmp_path / "root.crit"
    root.write_text('framework "F"\ninclude "missing.crit"\n\nsection 1 = mean of its questions\n'
                    '  question 1a "A"\n')
    assert [d.code for d in check_file(root).diagnostics] == ["file-not-found"]


def test_includes_contribute_declarations(tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "scales.crit").write_text(
        "scale sufficiency\n  yes above the line\n  no\n")
    root = tmp_path / "root.crit"
    root.write_text('framework "F"\ninclude "shared/scales.crit"\n\n'
                    "section 1 = mean of its questions\n  question 1a \"A\"\n")
    result = check_file(root)
    assert result.diagnostics == ()
    assert len(result.program.modules) == 2


def test_check_file_reads_the_file_when_no_text_is_given(tmp_path):
    path = tmp_path / "base.crit"
    path.write_text(BASE, encoding="utf-8")
    assert check_file(path).diagnostics == ()


def test_min_of_a_rating_and_an_unknown_name_reports_the_name():
    """An item of unknown type beside ratings must not crash the scale comparison."""
    only(extra("rating bad = min(nosuch)\nrating worst = min(leadership, bad)\n"),
         "unknown-reference", "rating bad")


@pytest.mark.parametrize("word", ["count", "score", "key", "criteria", "if", "first"])
def test_a_field_named_by_a_keyword_is_warned_about(word):
    d = only(extra(f"inspection inputs\n  {word}: integer\n"), "reserved-name", f"  {word}:",
             severity="warning")
    assert f"`case_{word}`" in d.hint
