"""Large synthetic archives for the benchmarks: a framework and an in-memory CaseTable.

The framework has `sections` × `criteria` × `questions_per_criterion` questions (the last
question of each criterion is its summary question, weighted 80/20), two threads pooled
over tagged questions, and a band on every criterion. About a third of the questions have
an applicability condition over an enum or boolean case field.
"""

from __future__ import annotations

import numpy as np
import spec
from critc.compiler.check.passes import check_file
from critc.compiler.engine.cases import CaseTable, Grouping
from critc.compiler.plan.lower import plan_for
from critc.compiler.report.explain import expression_text


def framework_text(sections: int = 10, criteria: int = 4, per_criterion: int = 5) -> str:
    lines = [
        'framework "Benchmark framework" version "1"',
        "",
        "scale sufficiency",
        "  sufficient above the line",
        "  insufficient",
        "  na not applicable",
        "",
        "case fields",
        "  case_ref: text, case id",
        "  inspection: integer, inspection",
        "  rosh: one of {low, medium, high, very_high}",
        "  custody: boolean",
        "",
    ]
    conditions = ["rosh in {medium, high, very_high}", "not custody", "rosh >= high or custody"]
    q = 0
    for s in range(1, sections + 1):
        lines.append(f'section {s} "Section {s}" = mean of its criteria')
        for c in range(1, criteria + 1):
            lines.append(f'  criterion {s}.{c} "Criterion {s}.{c}"')
            lines.append("    = weighted mean(individual questions: 0.8, summary question: 0.2)")
            for k in range(per_criterion):
                role = "summary " if k == per_criterion - 1 else ""
                tag = ["roh", "lor", "roh, lor", "none"][q % 4]
                tags = f" tags {tag}" if tag != "none" else ""
                lines.append(f'    {role}question q{q} "Question {q}"{tags}')
                if q % 3 == 1:
                    lines.append(f"      applies when {conditions[(q // 3) % len(conditions)]}")
                q += 1
    lines += [
        "",
        'thread roh "Risk of harm" = pooled over all questions tagged roh',
        'thread lor "Likelihood of reoffending" = pooled over all questions tagged lor',
        "",
        "band conclusion on all criteria",
        '  70% and above: "good"',
        '  60% and above: "priority"',
        '  otherwise: "urgent"',
    ]
    return "\n".join(lines) + "\n"


def build(cases: int, questions_per_criterion: int = 5, sections: int = 10, criteria: int = 4,
          inspections: int = 500, seed: int = 12345):
    """(plan, table, grouping) with `cases` cases in `inspections` contiguous inspections."""
    text = framework_text(sections, criteria, questions_per_criterion)
    result = check_file("benchmark.crit", text)
    assert result.ok, [d.message for d in result.diagnostics]
    plan = plan_for(result)
    rng = np.random.default_rng(seed)
    nq = len(plan.questions)
    # answers: 0 sufficient, 1 insufficient, 2 na, -1 blank
    answers = rng.choice(np.array([0, 1, 2, -1], dtype=np.int8), size=(cases, nq),
                         p=[0.68, 0.25, 0.05, 0.02])
    fields = {
        "rosh": rng.choice(4, size=cases, p=[0.3, 0.45, 0.2, 0.05]).astype(np.int32),
        "custody": (rng.random(cases) < 0.1).astype(np.int8),
        "inspection": np.repeat(np.arange(inspections, dtype=float),
                                -(-cases // inspections))[:cases],
        "case_ref": np.arange(cases, dtype=np.int32),
    }
    # question-major, as critc's readers lay the matrix out (`io/case_columns.py`)
    table = CaseTable(n=cases, fields=fields, vocab={"case_ref": ()},
                      answers=np.asfortranarray(answers),
                      question_ids=tuple(q.id for q in plan.questions))
    group = fields["inspection"].astype(np.int32)
    grouping = Grouping(group, tuple(str(i) for i in range(inspections)), "inspection")
    return plan, table, grouping


def spec_of(plan) -> dict:
    """The framework of benchmarks/archive.py as plain data (raises on any other shape)."""
    fw = plan.framework
    index = {q.id: q.index for q in plan.questions}
    criteria, sections, threads = [], [], []
    for agg in fw.aggregates.values():
        if agg.kind == "criterion":
            kids = agg.children
            criteria.append({
                "id": agg.id,
                "individual": [index[k] for k in kids if fw.questions[k].role == "individual"],
                "summary": next(index[k] for k in kids if fw.questions[k].role == "summary"),
                "weights": list(agg.formula.weights),
            })
        elif agg.kind == "section":
            sections.append({"id": agg.id, "children": list(agg.children)})
        elif agg.kind == "thread":
            threads.append({"id": agg.id, "questions": [
                index[q] for q in fw.questions if agg.id in fw.questions[q].tags]})
    band = plan.bands["conclusion"]
    assert band.percent and band.rounding.mode == "half up" and band.rounding.places == 0
    return {
        "questions": [q.id for q in plan.questions],
        "condition": [_condition(fw.questions[q.id].applies) for q in plan.questions],
        "codes": list(fw.scales["sufficiency"].codes),
        "rosh": list(fw.fields["rosh"].type.values),
        "criteria": criteria,
        "sections": sections,
        "threads": threads,
        "band": {"id": band.id, "lows": list(band.lows), "otherwise": band.otherwise},
    }


def _condition(applies) -> int:
    """The number spec.CONDITIONS gives a question's applicability condition (0: none)."""
    return 0 if applies is None else spec.CONDITIONS[expression_text(applies)]
