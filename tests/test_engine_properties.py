"""Properties of scores that hold for every framework and case archive: the formulas equal
their definitions, the order of cases and cases that count nowhere change nothing, better
answers never lower a figure, and rounding and bands behave as declared."""

from __future__ import annotations

import decimal
import json
import math
from fractions import Fraction

import numpy as np
import pytest
from critc.compiler.engine import runtime
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.model import framework as m
from critc.compiler.report import results as report
from engine_strategies import (
    ABOVE,
    BELOW,
    CODES,
    LEVELS,
    POINTS,
    as_dicts,
    compile_text,
    direct_table,
    grouping_for,
    input_arrays,
    scenarios,
)
from hypothesis import assume, given
from hypothesis import strategies as st

TOL = 1e-9


def run(text: str, cases: list[dict], inputs: dict | None = None, by="default"):
    result, plan = compile_text(text)
    fw = result.framework
    table = direct_table(fw, cases)
    grouping = grouping_for(fw, table, by)
    return evaluate(plan, table, grouping, input_arrays(fw, grouping.keys, inputs or {}))


def scores(results) -> dict[str, dict[str, float | None]]:
    return as_dicts(results)


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOL


# ----------------------------------------------------------------------------- definitions
def expected_criterion(crit, q: dict[str, float | None], counts) -> float | None:
    values = [q[x.id] for x in crit.questions]
    if crit.formula == "mean":
        return mean(values)
    if crit.formula == "min":
        defined = [v for v in values if v is not None]
        return min(defined) if defined else None
    if crit.formula == "max":
        defined = [v for v in values if v is not None]
        return max(defined) if defined else None
    if crit.formula == "pooled":
        num = sum(counts[x.id][0] for x in crit.questions)
        den = sum(counts[x.id][1] for x in crit.questions)
        return num / den if den else None
    individual = mean(q[x.id] for x in crit.individual)
    summary = q[crit.summary[0].id]
    if crit.formula == "wmean_strict":
        return None if individual is None or summary is None else \
            0.8 * individual + 0.2 * summary
    if individual is None:
        return summary  # 0.2 × s / 0.2
    if summary is None:
        return individual  # 0.8 × m / 0.8
    return 0.8 * individual + 0.2 * summary


@given(scenarios())
def test_formulas_equal_their_definitions(scenario):
    """Each criterion (mean, 80/20 weighted mean with and without renormalising, pooled,
    min, max), each section (mean of its criteria) and each thread (pooled or mean over
    exactly the questions carrying one of its tags, inherited tags included)."""
    spec = scenario.spec
    results = run(scenario.text, scenario.cases, scenario.inputs)
    plan = results.plan
    for g, key in enumerate(results.grouping.keys):
        values = scores(results)[key]
        counts = {q.id: (int(results.numerators[g, plan.question(q.id).index]),
                         int(results.denominators[g, plan.question(q.id).index]))
                  for q in spec.questions}
        for q in spec.questions:
            num, den = counts[q.id]
            assert close(values[q.id], num / den if den else None)
        for section in spec.sections:
            for crit in section.criteria:
                assert close(values[crit.id], expected_criterion(crit, values, counts)), \
                    (key, crit.id, crit.formula, scenario.text)
            assert close(values[section.id], mean(values[c.id] for c in section.criteria))
        for thread in spec.threads:
            if thread.kind == "pooled":
                num = sum(counts[x][0] for x in thread.questions)
                den = sum(counts[x][1] for x in thread.questions)
                expected = num / den if den else None
            else:
                expected = mean(values[x] for x in thread.questions)
            assert close(values[thread.id], expected), (key, thread, scenario.text)


@given(scenarios())
def test_threads_select_exactly_their_tagged_questions(scenario):
    """The checked model pools exactly the questions the spec tags (a question with the tags
    of two threads is in both)."""
    result, _ = compile_text(scenario.text)
    fw = result.framework
    for thread in scenario.spec.threads:
        formula = fw.aggregates[thread.id].formula
        if thread.kind == "pooled":
            assert isinstance(formula, m.Pooled)
            selected = formula.questions
        else:
            assert isinstance(formula, m.Reduce) and formula.function == "mean"
            selected = tuple(item.node for item in formula.items)
        assert selected == thread.questions


TWO_THREADS = """\
framework "Two threads" version "1"

scale sufficiency
  sufficient "Sufficient" above the line
  insufficient "Insufficient"
  na "Not applicable" not applicable

case fields
  ref: text, case id
  insp: text, inspection

section 1 "S" = mean of its questions
  question 1a "In both" tags roh, lor
  question 1b "RoH only" tags roh
  question 1c "LoR only" tags lor
  question 1d "Neither"

thread roh "RoH" = pooled over all questions tagged roh
thread lor "LoR" = pooled over all questions tagged lor
thread either "Either" = mean of all questions tagged roh or lor skipping undefined
"""


@given(st.lists(st.tuples(st.sampled_from(CODES[:2] + ("na", None)),
                          st.sampled_from(CODES[:2] + ("na", None)),
                          st.sampled_from(CODES[:2] + ("na", None)),
                          st.sampled_from(CODES[:2] + ("na", None))),
                min_size=1, max_size=20))
def test_a_question_tagged_with_two_threads_counts_in_both(answers):
    cases = [{"ref": f"c{i}", "insp": "X", "1a": a, "1b": b, "1c": c, "1d": d}
             for i, (a, b, c, d) in enumerate(answers)]
    values = scores(run(TWO_THREADS, cases))["X"]

    def pooled(qids):
        num = sum(1 for case in cases for q in qids if case[q] == "sufficient")
        den = sum(1 for case in cases for q in qids if case[q] in ("sufficient",
                                                                  "insufficient"))
        return num / den if den else None

    assert close(values["roh"], pooled(["1a", "1b"]))
    assert close(values["lor"], pooled(["1a", "1c"]))
    assert close(values["either"], mean(values[q] for q in ("1a", "1b", "1c")))


# ----------------------------------------------------------------------------- invariance
@given(st.data())
def test_reordering_cases_changes_nothing(data):
    scenario = data.draw(scenarios())
    order = data.draw(st.permutations(range(len(scenario.cases))))
    before = scores(run(scenario.text, scenario.cases, scenario.inputs))
    after = scores(run(scenario.text, [scenario.cases[i] for i in order], scenario.inputs))
    assert before.keys() == after.keys()
    for key in before:
        for node, value in before[key].items():
            assert close(after[key][node], value), (key, node)


@st.composite
def stray_case(draw, scenario, guarded: bool):
    """A case that counts for no question: either no condition holds (the framework's
    guard field is false or blank), or every answer is N/A or blank."""
    spec = scenario.spec
    case = dict(draw(st.sampled_from(scenario.cases)))
    case[spec.id_field] = "stray"
    for name, values in spec.enums.items():
        case[name] = draw(st.one_of(st.none(), st.sampled_from(values)))
    for name in spec.bools:
        case[name] = draw(st.sampled_from([True, False, None]))
    if guarded:
        case[spec.guard] = draw(st.sampled_from([False, None]))
        for q in spec.questions:
            case[q.id] = draw(st.sampled_from(CODES + (None,)))
    else:
        if spec.guard:
            case[spec.guard] = draw(st.sampled_from([True, False, None]))
        for q in spec.questions:
            case[q.id] = draw(st.sampled_from(["na", None]))
    return case


@given(st.data())
def test_adding_a_case_where_nothing_applies_changes_nothing(data):
    scenario = data.draw(scenarios(guard=True))
    guarded = data.draw(st.booleans())
    extra = data.draw(stray_case(scenario, guarded))
    position = data.draw(st.integers(0, len(scenario.cases)))
    before = scores(run(scenario.text, scenario.cases, scenario.inputs))
    cases = scenario.cases[:position] + [extra] + scenario.cases[position:]
    after_results = run(scenario.text, cases, scenario.inputs)
    after = scores(after_results)
    for key in before:
        for node, value in before[key].items():
            assert close(after[key][node], value), (key, node, extra, scenario.text)
    assert int(after_results.denominators.sum()) == \
        int(run(scenario.text, scenario.cases, scenario.inputs).denominators.sum())


# ----------------------------------------------------------------------------- monotonicity
def _label_rank(value):
    """Band rows and rating levels are listed best first; no label ranks last."""
    return math.inf if value is None else value


@given(st.data())
def test_a_better_answer_never_lowers_a_figure(data):
    scenario = data.draw(scenarios())
    spec = scenario.spec
    # Questions no condition reads (changing those answers changes who a question applies to).
    free = [q.id for q in spec.questions if q.id not in spec.referenced]
    spots = [(i, q) for i, case in enumerate(scenario.cases) for q in free
             if case[q] in BELOW]
    assume(spots)
    i, qid = data.draw(st.sampled_from(spots))
    better = [dict(c) for c in scenario.cases]
    better[i][qid] = ABOVE
    results = run(scenario.text, scenario.cases, scenario.inputs)
    fw = results.plan.framework
    before = scores(results)
    after = scores(run(scenario.text, better, scenario.inputs))
    for key in before:
        for node, value in before[key].items():
            new = after[key][node]
            kind = fw.figure_type(node).kind
            if kind in ("score", "number"):
                assert (value is None) == (new is None), (key, node)
                if value is not None:
                    assert new >= value - TOL, (key, node, value, new, scenario.text)
            else:  # a band label or rating: row / level index, best first
                assert _label_rank(new) <= _label_rank(value), (key, node, value, new)


# ----------------------------------------------------------------------------- ranges
@given(scenarios())
def test_every_percentage_lies_between_0_and_100(scenario):
    results = run(scenario.text, scenario.cases, scenario.inputs)
    fw = results.plan.framework
    for node, values in results.values.items():
        if fw.figure_type(node).kind != "score":
            continue
        for value in values:
            if math.isnan(value):
                assert report.shown(fw, node, value) == "n/a"
                continue
            assert -TOL <= value <= 1 + TOL, (node, value)
            text = report.shown(fw, node, value)
            assert text.endswith("%") and 0 <= float(text[:-1]) <= 100, (node, text)


@given(st.data())
def test_all_sufficient_gives_100_percent(data):
    scenario = data.draw(scenarios())
    spec = scenario.spec
    cases = [dict(c, **{q.id: ABOVE for q in spec.questions}) for c in scenario.cases]
    results = run(scenario.text, cases, scenario.inputs)
    fw = results.plan.framework
    values = scores(results)
    for key, figures in values.items():
        for node, value in figures.items():
            kind = fw.figure_type(node).kind
            if kind == "score" and value is not None:
                assert value == 1.0, (key, node, value)
                rounding = fw.rounding_of(node)
                assert report.shown(fw, node, value) == \
                    f"{100:.{rounding.places}f}%"
        for crit in spec.criteria:
            label = figures[f"conclusion[{crit.id}]"]
            assert label == (None if figures[crit.id] is None else 0.0)
        if spec.rating:
            sections = [figures[s.id] for s in spec.sections if figures[s.id] is not None]
            lead = scenario.inputs.get(key, {}).get("lead")
            total = POINTS["good"] * len(sections) + (POINTS[lead] if lead else 0)
            assert figures["pts"] == (total if sections or lead else None)
            best = LEVELS.index("good") if sections else None
            assert figures["worst"] == figures["best"] == best


# ----------------------------------------------------------------------------- undefined
@given(st.data())
def test_no_countable_answer_leaves_every_figure_undefined_and_bands_n_a(data):
    """A proportion with no applicable, answered case is undefined (never 0); aggregates of
    undefined inputs are undefined; their bands and ratings are n/a."""
    scenario = data.draw(scenarios())
    spec = scenario.spec
    cases = [dict(c, **{q.id: data.draw(st.sampled_from(["na", None]))
                        for q in spec.questions}) for c in scenario.cases]
    results = run(scenario.text, cases, scenario.inputs)
    fw = results.plan.framework
    payload = json.loads(report.as_json(results))
    for g, key in enumerate(results.grouping.keys):
        lead = scenario.inputs.get(key, {}).get("lead")
        for node, values in results.values.items():
            if node in ("pts", "overall") and lead:
                assert not math.isnan(values[g])
                continue
            assert math.isnan(values[g]), (key, node)
            assert report.shown(fw, node, values[g]) == "n/a"
        for crit in spec.criteria:
            assert report.labels_for(results, crit.id, g) == [("conclusion", "n/a")]
    for inspection in payload["inspections"]:
        for node, entry in inspection["figures"].items():
            if entry["type"] == "score":
                assert entry["value"] is None and entry["shown"] == "n/a", (node, entry)
                # JSON says null where tables say n/a
                assert all(label is None for label in entry.get("bands", {}).values())


# ----------------------------------------------------------------------------- rounding
ONE_QUESTION = """\
framework "Rounding" version "1"
  rounding {mode} to {places}

scale sufficiency
  sufficient "Sufficient" above the line
  insufficient "Insufficient"

case fields
  ref: text, case id
  insp: text, inspection

section 1 "S" = mean of its questions
  question 1a "Q"

band good
  on section 1
  {threshold} and above: "good"
  otherwise: "not good"
"""


def one_question(mode="half up", places="whole percent", threshold="70%") -> str:
    return ONE_QUESTION.format(mode=mode, places=places, threshold=threshold)


def answered(k: int, n: int) -> list[dict]:
    return [{"ref": f"c{i}", "insp": "X", "1a": "sufficient" if i < k else "insufficient"}
            for i in range(n)]


def section_shown(text: str, k: int, n: int) -> tuple[str, str]:
    results = run(text, answered(k, n))
    fw = results.plan.framework
    value = results.values["1"][0]
    return report.shown(fw, "1", value), report.labels_for(results, "1", 0)[0][1]


@pytest.mark.parametrize("k, n", [(29, 40), (145, 200), (725, 1000), (1, 8)])
def test_half_up_rounds_x_point_5_up(k, n):
    shown, _ = section_shown(one_question(), k, n)
    exact = Fraction(k * 100, n)
    assert shown == f"{math.floor(exact + Fraction(1, 2))}%"
    if (k, n) in ((29, 40), (145, 200), (725, 1000)):
        assert shown == "73%"


@pytest.mark.parametrize("k, n, label", [
    (7, 10, "good"),  # exactly 70%
    (139, 200, "good"),  # 69.5% rounds to 70%
    (6949, 10000, "not good"),  # 69.49% rounds to 69%
    (1391, 2000, "good"),  # 69.55%
    (69, 100, "not good"),
])
def test_band_edges_land_on_the_declared_side(k, n, label):
    shown, got = section_shown(one_question(), k, n)
    assert got == label, shown


EDGES = """\
framework "Edges" version "1"

scale sufficiency
  sufficient "Sufficient" above the line
  insufficient "Insufficient"

case fields
  ref: text, case id
  insp: text, inspection

section 1 "S" = mean of its questions
  question 1a "Q"

band edges
  on section 1
  above 90%: "A"
  70% to 90%: "B"
  60% and above: "C"
  below 60%: "D"
"""


@pytest.mark.parametrize("k, n, label", [
    (9, 10, "B"), (1809, 2000, "B"), (1811, 2000, "A"), (91, 100, "A"),
    (7, 10, "B"), (139, 200, "B"), (1389, 2000, "C"), (6, 10, "C"),
    (119, 200, "C"), (1189, 2000, "D"), (0, 5, "D"), (5, 5, "A"),
])
def test_exclusive_and_inclusive_edges(k, n, label):
    results = run(EDGES, answered(k, n))
    assert report.labels_for(results, "1", 0)[0][1] == label


# docs/language.md, "Rounding": `half up` rounds a half away from zero and `half down`
# towards zero; `up` always rounds to the next higher value (ceiling) and `down` to the next
# lower one (floor), also below zero.
DECIMAL_MODES = {"half up": decimal.ROUND_HALF_UP, "half down": decimal.ROUND_HALF_DOWN,
                 "half even": decimal.ROUND_HALF_EVEN, "up": decimal.ROUND_CEILING,
                 "down": decimal.ROUND_FLOOR}
PLACES = {0: "whole percent", 1: "1 decimal place", 2: "2 decimal places"}


def decimal_percent(k: int, n: int, mode: str, places: int) -> decimal.Decimal:
    with decimal.localcontext() as ctx:
        ctx.prec = 50
        exact = decimal.Decimal(k * 100) / decimal.Decimal(n)
        return exact.quantize(decimal.Decimal(1).scaleb(-places), rounding=DECIMAL_MODES[mode])


FRACTIONS = st.integers(1, 1000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
TIES = st.sampled_from([(29, 40), (145, 200), (1, 8), (3, 8), (5, 8), (7, 8), (1, 16),
                        (13, 16), (1, 40), (7, 40), (33, 40), (69, 200), (139, 200),
                        (1, 2000), (2001, 4000), (1449, 2000), (1, 400), (0, 7), (0, 1),
                        (3, 400), (1, 1)])


@given(st.one_of(FRACTIONS, TIES), st.sampled_from([1, -1]),
       st.sampled_from(sorted(DECIMAL_MODES)), st.sampled_from(sorted(PLACES)))
def test_runtime_rounding_agrees_with_decimal(fraction, sign, mode, places):
    """Negative values too (a number figure can be below zero): `up` and `down` are ceiling
    and floor there, a half rounds away from (half up) or towards (half down) zero."""
    k, n = fraction
    k *= sign
    expected = decimal_percent(k, n, mode, places)
    got = float(runtime.ROUNDING[mode](np.asarray([k / n * 100]), places)[0])
    assert got == float(expected), (k, n, mode, places, got, expected)


@pytest.mark.parametrize("mode, value, rounded", [
    ("up", -72.4, -72.0), ("down", -72.6, -73.0), ("half up", -72.5, -73.0),
    ("half down", -72.5, -72.0), ("half even", -72.5, -72.0), ("up", 72.4, 73.0),
    ("down", 72.6, 72.0),
])
def test_rounding_below_zero_is_as_documented(mode, value, rounded):
    assert float(runtime.ROUNDING[mode](np.asarray([value]), 0)[0]) == rounded


@given(st.one_of(FRACTIONS, TIES), st.sampled_from(sorted(DECIMAL_MODES)),
       st.sampled_from(sorted(PLACES)))
def test_declared_rounding_is_what_reports_show(fraction, mode, places):
    k, n = fraction
    text = one_question(mode, PLACES[places])
    shown, _ = section_shown(text, k, n)
    assert shown == f"{decimal_percent(k, n, mode, places)}%", (k, n, mode, places)


@given(st.one_of(FRACTIONS, TIES), st.sampled_from(sorted(DECIMAL_MODES)))
def test_bands_compare_the_rounded_value(fraction, mode):
    """A band with threshold t gives its row exactly when the value, rounded as declared,
    is at least t."""
    k, n = fraction
    rounded = decimal_percent(k, n, mode, 0)
    threshold = max(1, int(rounded) if k % 2 else min(int(rounded) + 1, 100))
    _, label = section_shown(one_question(mode, "whole percent", f"{threshold}%"), k, n)
    assert label == ("good" if rounded >= threshold else "not good"), (k, n, mode, rounded)


def test_rounding_is_only_where_declared():
    """Without a rounding clause values stay exact: JSON carries the unrounded value."""
    results = run(one_question(), answered(29, 40))
    assert results.values["1"][0] == pytest.approx(0.725, abs=1e-15)
    assert '"value": 0.725' in report.as_json(results)
    assert '"shown": "73%"' in report.as_json(results)


# ----------------------------------------------------------------------------- blanks
BLANKS = """\
framework "Blanks" version "1"

scale sufficiency
  sufficient "Sufficient" above the line
  insufficient "Insufficient"
  na "Not applicable" not applicable

case fields
  ref: text, case id
  insp: text, inspection
  risk: one of {low, high}
  flag: boolean

section 1 "S" = mean of its questions
  question 1a "Applies when high"
    applies when risk = high
  question 1b "Applies unless high"
    applies when not (risk = high)
  question 1c "Applies when flag or high"
    applies when flag or risk = high
  question 1d "Applies when 1a was sufficient"
    applies when question 1a = sufficient
"""


def test_blank_field_makes_a_condition_unknown_and_it_does_not_hold():
    cases = [
        {"ref": "c1", "insp": "X", "risk": None, "flag": None, "1a": "sufficient",
         "1b": "sufficient", "1c": "sufficient", "1d": "sufficient"},
        {"ref": "c2", "insp": "X", "risk": None, "flag": True, "1a": None,
         "1b": "insufficient", "1c": "insufficient", "1d": "sufficient"},
        {"ref": "c3", "insp": "X", "risk": "low", "flag": None, "1a": "sufficient",
         "1b": "sufficient", "1c": "insufficient", "1d": "insufficient"},
    ]
    results = run(BLANKS, cases)
    plan = results.plan
    den = {q: int(results.denominators[0, plan.question(q).index]) for q in plan.framework
           .questions}
    num = {q: int(results.numerators[0, plan.question(q).index]) for q in plan.framework
           .questions}
    # 1a: risk blank (unknown) or low → applies nowhere, so undefined, not 0%.
    assert den["1a"] == 0 and math.isnan(results.values["1a"][0])
    # 1b: `not (risk = high)` with risk blank is unknown too: only c3 counts.
    assert (num["1b"], den["1b"]) == (1, 1)
    # 1c: c2's flag is true, so `flag or risk = high` holds although risk is blank;
    # c1 and c3: unknown or false.
    assert (num["1c"], den["1c"]) == (0, 1)
    # 1d reads 1a's answer: blank in c2 → unknown; c1, c3 sufficient → applies.
    assert (num["1d"], den["1d"]) == (1, 2)


def test_blank_answer_where_applicable_is_missing_not_not_applicable():
    cases = [{"ref": f"c{i}", "insp": "X", "risk": "high", "flag": True, "1a": a,
              "1b": None, "1c": None, "1d": None}
             for i, a in enumerate(["sufficient", None, "na", "insufficient", None])]
    results = run(BLANKS, cases)
    index = results.plan.question("1a").index
    assert results.denominators[0, index] == 2  # the two real answers
    assert results.missing[0, index] == 2  # the blanks: missing
    assert results.values["1a"][0] == 0.5
    # 1b does not apply (risk high): its blanks are not missing.
    assert results.missing[0, results.plan.question("1b").index] == 0


# ----------------------------------------------------------------------------- ratings
RATINGS = """\
framework "Ratings" version "1"

scale sufficiency
  sufficient "Sufficient" above the line
  insufficient "Insufficient"

rating scale grade
  good "Good" 2 points
  fair "Fair" 1 point
  poor "Poor" 0 points

case fields
  ref: text, case id
  insp: text, inspection

inspection inputs
  lead: rating grade

section 1 "S" = mean of its questions
  question 1a "Q"

band gb
  gives grade
  70% and above: good
  50% and above: fair
  otherwise: poor

band ob
  gives grade
  3 and above: good
  1 and above: fair
  otherwise: poor

score pts "Points" = sum(points(gb(section 1)), points(lead)) skipping undefined
rating overall "Overall" = ob(score pts)
"""


def test_rating_levels_points_and_inputs():
    text = RATINGS
    cases = answered(7, 10) + [dict(c, insp="Y") for c in answered(5, 10)] + \
        [dict(c, insp="Z") for c in answered(4, 10)]
    for c in cases:
        c["ref"] += c["insp"]
    results = run(text, cases, {"X": {"lead": "fair"}, "Y": {"lead": None}})
    values = scores(results)
    assert values["X"]["pts"] == 3 and values["X"]["overall"] == LEVELS.index("good")
    assert values["Y"]["pts"] == 1 and values["Y"]["overall"] == LEVELS.index("fair")
    assert values["Z"]["pts"] == 0 and values["Z"]["overall"] == LEVELS.index("poor")
    assert report.shown(results.plan.framework, "overall", results.values["overall"][0]) \
        == "Good"


def test_inputs_not_given_are_blank_not_an_error():
    result, plan = compile_text(RATINGS)
    table = direct_table(result.framework, answered(7, 10))
    grouping = grouping_for(result.framework, table)
    results = evaluate(plan, table, grouping)  # no inputs at all
    assert results.values["pts"][0] == 2  # points(lead) is skipped as undefined


@pytest.mark.parametrize("k, n, shown, label", [
    (29, 40, "73%", "good"), (145, 200, "73%", "good"), (1449, 2000, "72%", "not good"),
])
def test_default_rounding_is_half_up_to_whole_percent(k, n, shown, label):
    text = one_question(threshold="73%").replace("  rounding half up to whole percent\n", "")
    assert "rounding" not in text
    got_shown, got_label = section_shown(text, k, n)
    assert (got_shown, got_label) == (shown, label)
