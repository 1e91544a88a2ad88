"""A figure's drill-down in the results report: its formula in words and as written, the
explanation `critc explain` prints (as indented lines of text: the figure's line in the
framework file, its formula with every value put in), the figures it is computed
from, and for a question the cases counted above the line, below it, and not counted, each
with the reason (its answer, or the values that made its condition fail).

Plain data, from `report.explain.Explainer` and the engine's case statuses.
"""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.engine.evaluate import Conditions
from critc.compiler.engine.status import case_statuses
from critc.compiler.model import framework as m
from critc.compiler.model.text import expression_text
from critc.compiler.plan import steps as s
from critc.compiler.report.explain import Explainer
from critc.compiler.report.explain_lines import Line
from critc.compiler.report.plain_english import condition_text, formula_text
from critc.compiler.report.site import CountingView, counting_views

MAX_CASES_LISTED = 25  # per list; the rest are counted


@attrs.frozen(kw_only=True)
class CaseList:
    title: str  # `Counted above the line`
    cases: tuple[tuple[str, str], ...]  # (case, its answer or why it is not counted)
    more: int = 0  # cases not listed


@attrs.frozen(kw_only=True)
class DrillDown:
    node: str
    name: str  # `criterion 1.2`
    title: str | None
    formula_words: str | None = None
    formula_notation: str | None = None
    # its `counting {...} above the line for questions ...` clauses, as `critc doc` shows them
    counting: tuple[CountingView, ...] = ()
    applies_words: str | None = None
    lines: tuple[tuple[int, str], ...] = ()  # the explanation: (depth, text)
    inputs: tuple[tuple[str, str], ...] = ()  # the figures it is computed from: (id, name)
    case_lists: tuple[CaseList, ...] = ()


def tree_lines(tree: Line, depth: int = 0) -> list[tuple[int, str]]:
    """An explanation's lines as (depth, plain text), depth first."""
    out = [(depth, line.strip()) for line in tree.text.splitlines() if line.strip()]
    for child in tree.children:
        out.extend(tree_lines(child, depth + 1))
    return out


def explanation(explainer: Explainer, node: str, g: int,
                deepest: int | None = None) -> tuple[tuple[int, str], ...]:
    """What `critc explain` prints under the figure's own line (which the drill-down's
    heading and table say), down to depth `deepest` (None: all of it)."""
    lines = [line for child in explainer.figure(node, g).children
             for line in tree_lines(child)]
    return tuple(line for line in lines if deepest is None or line[0] <= deepest)


def drill_down(fw: m.Framework, node: str, g: int, inputs: tuple[str, ...],
               explainer: Explainer | None) -> DrillDown:
    """Figure `node` of inspection `g`; without an explainer (no case records at hand),
    its formula (with its `counting` clauses) and inputs only."""
    named = tuple((n, f"{fw.kind_of(n)} {n}") for n in inputs)
    if node in fw.questions:
        q = fw.questions[node]
        applies = q.applies
        return DrillDown(
            node=node, name=f"question {node}", title=q.text, inputs=named,
            applies_words=condition_text(applies, fw) if applies is not None else None,
            formula_notation=expression_text(applies, fw) if applies is not None else None,
            lines=tuple(line for line in explanation(explainer, node, g, deepest=0)
                        if not line[1].startswith("applies ")) if explainer else (),
            case_lists=question_cases(explainer, node, g) if explainer else ())
    aggregate = fw.aggregates[node]
    formula = aggregate.formula
    return DrillDown(
        node=node, name=f"{aggregate.kind} {node}", title=aggregate.title, inputs=named,
        lines=explanation(explainer, node, g) if explainer else (),
        formula_words=formula_text(formula, fw) if formula is not None else None,
        formula_notation=expression_text(formula, fw) if formula is not None else None,
        counting=counting_views(fw, aggregate))


def question_cases(explainer: Explainer, qid: str, g: int) -> tuple[CaseList, ...]:
    """The inspection's cases above the line, below it, and not counted (with why)."""
    plan, table = explainer.plan, explainer.table
    question = plan.question(qid)
    rows = np.flatnonzero(explainer.results.grouping.group == g)
    group = explainer.results.grouping.group[rows]
    status = case_statuses(plan, table, explainer.inputs, rows, group)[:, question.index]
    if question.condition is None:
        applies = np.ones(len(rows), dtype=bool)
    else:
        applies = Conditions(plan, table, explainer.inputs, rows, group).holds(
            question.condition)
    codes = table.answers[rows, question.index]
    applies_expr = explainer.fw.questions[qid].applies

    def answer(k: int) -> str:
        code = int(codes[k])
        return f"answer {question.codes[code]}" if code >= 0 else "blank"

    def why_not(k: int) -> str:
        if not applies[k]:
            return f"does not apply: {explainer.condition_values(applies_expr, int(rows[k]))}"
        if codes[k] < 0:
            return "applies, but left blank (missing)"
        return f"{answer(k)}: not applicable"

    lists = [("Counted above the line", status == s.ABOVE, answer),
             ("Counted below the line", status == s.BELOW, answer),
             ("Not counted", status == s.NOT_COUNTED, why_not)]
    out = []
    for title, chosen, text in lists:
        picked = np.flatnonzero(chosen)
        cases = tuple((explainer.case_name(int(rows[k])), text(int(k)))
                      for k in picked[:MAX_CASES_LISTED])
        out.append(CaseList(title=title, cases=cases,
                            more=max(0, len(picked) - MAX_CASES_LISTED)))
    return tuple(out)
