"""Issue 16, items 2 and 3: `first of (...)`, `if ... then ... else` and totals that refuse
to be partial, through every stage: parse and format, check, engine, reference oracle,
generated module (`score` and `score_case`) and explain."""

from __future__ import annotations

import importlib.util
import math
import tempfile
from pathlib import Path

import numpy as np
from critc.compiler.check.passes import check_file
from critc.compiler.codegen.generate import generate
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.plan.lower import plan_for
from critc.compiler.report.explain import Explainer
from critc.dsl import ast
from critc.dsl.parser import parse
from critc.dsl.printer import format_module
from engine_strategies import as_dicts, assert_same, direct_table, grouping_for, reference_for
from hypothesis import given, settings
from hypothesis import strategies as st

FRAMEWORK = """framework "Choices"

scale yn
  yes above the line
  no

case fields
  ref: text, case id
  insp: text, inspection

inspection inputs
  judged: rating r
  limit: rating r
  big: boolean
  n: number

rating scale r
  good "Good" 2 points
  fair "Fair" 1 point
  poor "Poor" 0 points

question q1 "Q1?"
question q2 "Q2?"
question q3 "Q3?"

rating rated "Rated" = first of (judged, rb(q1))
rating limited "Limited" = if limit >= fair then rated else min(rated, limit)
score total "Total" = sum(points(rated), points(limit))
score partial "Partial" = sum(points(rated), points(limit)) skipping undefined
score mean3 "Mean" = mean(q1, q2, q3)
score loose "Loose" = mean(q1, q2, q3) skipping undefined
score pick "Pick"
  = if big and not (n > 3) or q3 in {} then q1 + 10% else if q2 > 50% then mean3 else -q1
score count3 "Count" = count(q1, q2, q3)

band rb gives r
  70% and above: good
  40% and above: fair
  otherwise: poor
"""

LEVELS = ("good", "fair", "poor")


def input_arrays(keys, inputs: dict[str, dict]) -> dict[str, np.ndarray]:
    """The inputs as the engine codes them: ratings by level, booleans 1/0, blanks -1/NaN."""
    def code(name, value):
        if value is None:
            return math.nan if name == "n" else -1
        return LEVELS.index(value) if name in ("judged", "limit") else value

    out = {}
    for name in ("judged", "limit", "big", "n"):
        column = [code(name, inputs.get(key, {}).get(name)) for key in keys]
        out[name] = np.asarray(column, dtype=float if name == "n" else np.int32)
    return out


def run(cases: list[dict], inputs: dict[str, dict]):
    result = check_file("choices.crit", FRAMEWORK)
    plan = plan_for(result)
    table = direct_table(result.framework, cases)
    grouping = grouping_for(result.framework, table, "default")
    arrays = input_arrays(grouping.keys, inputs)
    return evaluate(plan, table, grouping, arrays), table, arrays


def engine_scores(cases: list[dict], inputs: dict[str, dict]) -> dict:
    return as_dicts(run(cases, inputs)[0])


def test_the_new_constructs_format_canonically_and_round_trip():
    text = ("score s = (if a then b else c) * 2 + first of (x, y)\n"
            "score t = sum of all questions skipping undefined\n"
            "score u = if p > 1 then mean(q) skipping undefined else if q then 1 else 2\n")
    module = parse(text).module
    formatted = format_module(module)
    assert "(if a then b else c) * 2 + first of (x, y)" in formatted
    assert "sum of all questions skipping undefined" in formatted
    assert "if p > 1 then mean(q) skipping undefined else if q then 1 else 2" in formatted
    assert parse(formatted).module.items == module.items
    pick = module.items[0].formula
    assert isinstance(pick, ast.Binary) and isinstance(pick.left.left, ast.IfThen)


def test_a_total_missing_an_input_is_undefined_unless_it_says_skipping():
    """Regression (issue 16, item 3): sum and mean used to skip an undefined input."""
    cases = [{"ref": "1", "insp": "A", "q1": "yes", "q2": None, "q3": "no"}]
    values = engine_scores(cases, {"A": {"judged": None, "limit": None}})["A"]
    assert values["mean3"] is None  # q2 has no answer
    assert values["loose"] == 0.5
    assert values["total"] is None  # limit not given
    assert values["partial"] == 2.0  # rated: good (q1 at 100%) → 2 points
    assert values["count3"] == 2.0  # count counts the defined ones


def test_first_of_takes_the_judged_rating_and_if_limits_it():
    cases = [{"ref": "1", "insp": "A", "q1": "yes", "q2": "yes", "q3": "yes"}]
    inputs = {"A": {"judged": "poor", "limit": "good", "big": True, "n": 5.0}}
    values = engine_scores(cases, inputs)["A"]
    assert values["rated"] == 2.0  # poor, judged, although q1 gives good
    inputs = {"A": {"judged": None, "limit": "poor", "big": None, "n": 1.0}}
    values = engine_scores(cases, inputs)["A"]
    assert values["rated"] == 0.0  # good, from the band
    assert values["limited"] == 2.0  # no better than the limit, poor
    assert values["pick"] is None  # `big` unknown and no q3 test holds: undefined


def test_check_warns_on_a_partial_total_under_a_rating():
    text = FRAMEWORK + "\nrating overall = rb2(score partial)\n\nband rb2 gives r\n" \
        "  3 and above: good\n  otherwise: poor\n"
    result = check_file("choices.crit", text)
    assert [d.code for d in result.diagnostics] == ["partial-total"]
    assert check_file("choices.crit", FRAMEWORK).diagnostics == ()


def test_a_band_inside_a_partial_sum_s_operands_does_not_rate_the_sum():
    """`sum(points(rb(q1)), ...) skipping undefined` bands q1, not the sum: no rating reads
    the partial total, so no warning (it once said "`s` is rated from a sum ...")."""
    inner = FRAMEWORK + "\nscore s = sum(points(rb(q1)), points(rb(q2))) skipping undefined\n"
    assert check_file("choices.crit", inner).diagnostics == ()
    outer = inner + "rating overall = rb2(score s)\n\nband rb2 gives r\n" \
        "  3 and above: good\n  otherwise: poor\n"
    [warning] = check_file("choices.crit", outer).diagnostics
    assert warning.code == "partial-total" and warning.message.startswith(
        "`overall` is rated from a sum that skips undefined inputs (in score `s`)")
    mixed = inner + "score t = s + points(rb(q3))\n"  # a band beside the total, not on it
    assert check_file("choices.crit", mixed).diagnostics == ()
    banded = FRAMEWORK + "\nrating u = rb2(sum(points(rb(q1)), points(rb(q2))) skipping " \
        "undefined)\n\nband rb2 gives r\n  3 and above: good\n  otherwise: poor\n"
    assert [d.message.split(" is")[0] for d in check_file("choices.crit", banded).diagnostics
            ] == ["`u`"]


ANSWER = st.sampled_from(["yes", "no", None])
LEVEL = st.sampled_from(LEVELS + (None,))
INPUT = st.fixed_dictionaries({"judged": LEVEL, "limit": LEVEL,
                               "big": st.sampled_from([True, False, None]),
                               "n": st.sampled_from([1.0, 5.0, None])})


def _module(text: str, folder: Path):
    result = check_file("choices.crit", text)
    path = folder / "choices_module.py"
    path.write_text(generate(plan_for(result), "choices.crit", text), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("choices_module", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MODULE = _module(FRAMEWORK, Path(tempfile.mkdtemp()))


def _spelled(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else value


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B"]), ANSWER, ANSWER, ANSWER), min_size=1,
                max_size=8),
       st.fixed_dictionaries({"A": INPUT, "B": INPUT}))
def test_engine_oracle_module_and_explain_agree(rows, inputs):
    cases = [{"ref": str(i), "insp": k, "q1": a, "q2": b, "q3": c}
             for i, (k, a, b, c) in enumerate(rows)]
    engine = engine_scores(cases, inputs)
    by_inspection: dict[str, list[dict]] = {}
    for case in cases:
        by_inspection.setdefault(case["insp"], []).append(case)
    assert_same(engine, reference_for(FRAMEWORK, by_inspection, inputs), FRAMEWORK)

    records = [{k: _spelled(v) for k, v in case.items()} for case in cases]
    spelled = {k: {"insp": k, **{f: _spelled(v) for f, v in row.items()}}
               for k, row in inputs.items()}
    scored = MODULE.score(records, inputs=spelled)
    for key, figures in engine.items():
        for node in ("rated", "limited"):
            level = figures[node]
            assert scored[key][node] == (None if level is None else LEVELS[int(level)]), node
        for node in ("total", "partial", "mean3", "loose", "pick", "count3"):
            _close(scored[key][node], figures[node], node)
        if len(by_inspection[key]) == 1:  # one case: score_case is the inspection
            one = MODULE.score_case(records[cases.index(by_inspection[key][0])],
                                    spelled[key])
            for node in ("total", "partial", "mean3", "loose", "pick"):
                _close(one[node], figures[node], node)

    results, table, arrays = run(cases, inputs)
    explainer = Explainer(results, table, arrays, {})
    for step in results.plan.steps:
        for g, key in enumerate(results.grouping.keys):
            shown = explainer.figure_value(g, step.op)
            expected = as_dicts(results)[key][step.node]
            assert (expected is None) == math.isnan(shown)


def _close(got, expected, node) -> None:
    if expected is None or got is None:
        assert got is None and expected is None, (node, got, expected)
    else:
        assert math.isclose(got, expected, abs_tol=1e-12), (node, got, expected)
