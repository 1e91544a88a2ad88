"""The lowered plan: every model expression kind lowers to an operation, one per
expression, with the model's decisions (constant codes, rating order, points, band
outputs, counting status) taken once."""

from __future__ import annotations

import math
import typing
from pathlib import Path

import numpy as np
from critc.compiler.model import framework as m
from critc.compiler.plan import steps as s
from engine_strategies import compile_text

ROOT = Path(__file__).resolve().parents[1]

# Every kind of expression: formulas (constants, figures, inputs, arithmetic, negation,
# reductions, pooled, weighted means strict and renormalising, points, bands) and
# conditions (fields, inputs, answers, constants of each type, arithmetic, negation,
# comparisons, sets, and/or/not, a boolean standing alone).
FRAMEWORK = """\
framework "Every kind" version "1"

scale yn "Yes or no"
  yes "Yes" above the line
  no "No"
  na "Not applicable" not applicable aliases "n/a"

rating scale grade "Grade"
  good "Good" 2 points
  fair "Fair" 1 point
  poor "Poor" 0 points

case fields
  ref "Reference": text, case id
  area "Area": text, inspection
  kind "Kind": one of {a, b, c}
  tier "Tier": number
  opened "Opened": date
  flagged "Flagged": boolean

inspection inputs
  leadership "Leadership": rating grade
  size "Size": number

criterion 1 "One" = weighted mean(individual questions: 0.8, summary question: 0.2)
  question 1a "A" tags t
    applies when kind in {a, b} and not flagged
  question 1b "B" tags t
    applies when question 1a = yes or -tier + 1 > 2 * size
  question 1c "C"
    applies when opened >= 2020-01-01 and area != "North" and leadership >= fair
  summary question 1s "S"
    applies when flagged or kind not in {c}

criterion 2 "Two" = weighted mean(question 2a: 0.5, question 2b: 0.5) without renormalising
  question 2a "A"
  question 2b "B"

thread t "T" = pooled over all questions tagged t

score s1 "Scores" = mean(criterion 1, criterion 2) - 5% + -(1 / size) * 1%
score n1 "Numbers" = sum(points(leadership), count(criterion 1, criterion 2), 3)
rating worst "Worst" = min(leadership, verdict(criterion 1))
rating best "Best" = max(leadership, verdict(criterion 2))
score pts "Points" = points(best)
score pick "Choice" = if best >= fair and not (size < 3) then first of (criterion 1, 50%) else 0%

across inspections
  score everywhere "All" = (mean of criterion 1 across inspections
    - pooled over thread t across inspections)

band conclusion "Conclusion"
  on criterion 1
  70% and above: "Good."
  otherwise: "Not good."

band verdict "Verdict" gives grade
  70% and above: good
  50% and above: fair
  otherwise: poor
"""


def plan():
    return compile_text(FRAMEWORK)[1]


def _model_exprs(p) -> list[m.Expr]:
    out: list[m.Expr] = []
    for step in (*p.steps, *p.across):
        out.extend(m.walk(step.source))
    for q in p.questions:
        if q.applies is not None:
            out.extend(m.walk(q.applies))
    return out


def test_every_expression_kind_is_lowered():
    p = plan()
    kinds = {type(e) for e in _model_exprs(p)}
    assert kinds == set(typing.get_args(m.Expr)), "the framework above misses a kind"


def test_lowering_is_one_operation_per_expression():
    """Explain walks a step's operation and its source expression together."""
    def pairs(expr, op):
        yield expr, op
        if isinstance(op, s.Pooled | s.AcrossOf):  # leaves that name what they read
            return
        children, ops = m.children(expr), s.op_children(op)
        assert len(children) == len(ops), (expr, op)
        for child, sub in zip(children, ops, strict=True):
            yield from pairs(child, sub)

    lowered = {m.Const: s.Number, m.FigureRef: s.FigureValue, m.FieldRef: s.InputNumber,
               m.Arith: s.Arith, m.Negate: s.Negate, m.Reduce: s.Reduce, m.Pooled: s.Pooled,
               m.WeightedMean: s.WeightedMean, m.Points: s.Points, m.BandOf: s.Band,
               m.FirstOf: s.FirstOf, m.IfElse: s.Choose, m.Compare: s.FigureCompare,
               m.InSet: s.FigureMember, m.Logic: s.FigureLogic, m.Not: s.FigureNot,
               m.Across: s.AcrossOf}
    p = plan()
    for step in (*p.steps, *p.across):
        for expr, op in pairs(step.source, step.op):
            assert isinstance(op, lowered[type(expr)])


def test_conditions_lower_to_tests_with_coded_constants():
    p = plan()
    q = {q.id: q for q in p.questions}
    assert q["1a"].condition == s.AllOf(tests=(
        s.Member(operand=s.FieldValue(field="kind", per_inspection=False),
                 codes=(s.Code(value=0), s.Code(value=1)), negated=False),
        s.NotOf(test=s.Truthy(operand=s.FieldValue(field="flagged", per_inspection=False)))))
    first, second = q["1b"].condition.tests
    assert first == s.Compare(op="=", left=s.AnswerCode(question="1a", index=0),
                              right=s.Code(value=0))
    assert isinstance(second.left, s.CaseArith) and isinstance(second.left.left, s.CaseNegate)
    assert second.right == s.CaseArith(op="*", left=s.Code(value=2.0),
                                       right=s.FieldValue(field="size", per_inspection=True))
    opened, area, leadership = q["1c"].condition.tests
    assert opened.right == s.Code(value=float((np.datetime64("2020-01-01")
                                               - np.datetime64("1970-01-01")).astype(int)))
    assert area.text and area.right == s.TextCode(text="North", field="area")
    assert leadership.descending and leadership.right == s.Code(value=1)


def test_two_questions_with_one_condition_share_one_applicability_step():
    p = plan()
    names = [c.name for c in p.conditions]
    assert len(names) == len(set(names)) == 4  # 1a, 1b, 1c, and 1s
    assert all(len(c.questions) == 1 for c in p.conditions)


def test_figures_lower_with_the_model_decisions_taken():
    p = plan()
    ops = {step.node: step.op for step in p.steps}
    assert ops["worst"] == s.Reduce(function="max", items=(  # best first: worst is max index
        s.InputNumber(field="leadership", rating=True),
        s.Band(band="verdict", operand=s.FigureValue(node="1", question=False))))
    assert ops["best"].function == "min"
    assert ops["pts"] == s.Points(operand=s.FigureValue(node="best", question=False),
                                  scale="grade", points=(2.0, 1.0, 0.0))
    assert ops["2"] == s.WeightedMean(items=(s.FigureValue(node="2a", question=True),
                                             s.FigureValue(node="2b", question=True)),
                                      weights=(0.5, 0.5), renormalise=False)
    assert ops["t"] == s.Pooled(questions=("1a", "1b"))
    assert ops["conclusion[1]"] == s.Band(band="conclusion",
                                          operand=s.FigureValue(node="1", question=False))


def test_status_and_band_tables():
    p = plan()
    assert p.scales["yn"] == (s.ABOVE, s.BELOW, s.NOT_COUNTED)
    assert p.question("1a").status == p.scales["yn"]
    assert s.counted_codes(p.scales["yn"]) == (0, 1) and s.above_codes(p.scales["yn"]) == (0,)
    assert p.bands["verdict"].level_codes == (0.0, 1.0, 2.0)
    assert p.bands["conclusion"].level_codes == ()
    assert math.isinf(p.bands["verdict"].highs[0])
