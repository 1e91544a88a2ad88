"""Explain reads the lowered plan: figures, pooled counts and a case's counting status."""

from __future__ import annotations

from pathlib import Path

from critc.compiler.check.passes import check_file
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.io.session import open_session
from critc.compiler.report.explain import Explainer
from rich.console import Console

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


def explainer():
    path = DEMO / "framework.crit"
    result = check_file(str(path), path.read_text(encoding="utf-8"))
    session, _problems = open_session(result, str(DEMO / "cases.csv"),
                                      str(DEMO / "inputs.csv"))
    results = evaluate(session.plan, session.table, session.grouping, session.inputs)
    return Explainer(results, session.table, session.inputs, result.program.sources), results


def text_of(tree) -> str:
    console = Console(record=True, width=200, highlight=False)
    console.print(tree)
    return console.export_text()


def test_a_pooled_figure_is_explained_before_anything_is_rendered():
    """Regression: figure() read the inspection from state set by render(), so explaining
    a pooled figure on its own raised AttributeError."""
    explain, results = explainer()
    g = 1
    plan = results.plan
    idx = [plan.question(q).index for q in plan.questions_of["roh"]]
    num, den = int(results.numerators[g, idx].sum()), int(results.denominators[g, idx].sum())
    text = text_of(explain.figure("roh", g))
    assert f"pooled over {len(idx)} questions: {num} above the line / {den} answers" in text


def test_a_cases_contribution_follows_its_counting_status():
    explain, results = explainer()
    table = explain.table
    i = 0
    text = text_of(explain.case("1.2", i, int(results.grouping.group[i])))
    for qid in results.plan.questions_of["1.2"]:
        assert f"question {qid}: answer" in text
    assert "counted above the line (+1 numerator, +1 denominator)" in text
    assert table.case_ids[i] in text
