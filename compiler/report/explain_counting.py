"""Explaining an aggregate's own above-the-line sets (`counting {sufficient, partly} above
the line for question 1.2d`): which codes counted above the line for each question this
figure names, against its scale's, and the clause's line; and a case's status as this
figure counts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import Plan, QuestionPlan
from critc.compiler.report.explain_lines import Line, source_line

if TYPE_CHECKING:
    from critc.compiler.report.explain import Explainer


def codes_text(codes) -> str:
    return "{" + ", ".join(codes) + "}"


def counted_as(q: QuestionPlan, above: tuple[int, ...] | None) -> str:
    """` (counting {sufficient, partly} above the line here)` for a question counted with
    its own set in this figure; nothing for one counted as its scale says."""
    if above is None:
        return ""
    return f" (counting {codes_text(q.codes[i] for i in above)} above the line here)"


def counting_lines(explainer: Explainer, tree: Line, node: str) -> None:
    """Per question the aggregate's `counting` clauses name: the codes counted above the
    line for this figure, the scale's own, and the clause's line."""
    fw = explainer.fw
    aggregate = fw.aggregates.get(node) or fw.across.get(node)
    for rule in aggregate.counting if aggregate is not None else ():
        scale = fw.scales[fw.questions[rule.question].scale]
        own = codes_text(c for c in scale.codes if c in scale.above)
        span = rule.span
        tree.add(f"question {rule.question} counts {codes_text(rule.codes)} above the line "
                 f"for this figure (its scale `{scale.id}` counts {own}; the question's own "
                 f"figure and other figures keep that): {span.path}:{span.line}: "
                 f"{source_line(explainer.sources, span)}", "note")


def case_status(plan: Plan, node: str, qid: str, status: int, code: int) -> int:
    """A case's status for question `qid` as figure `node` counts it: the scale's, unless
    the figure's `counting` clause names the question (then a counted answer is above the
    line where its code is in the clause's set)."""
    aggregate = plan.framework.aggregates.get(node)
    rule = aggregate.counting_of(qid) if aggregate is not None else None
    if rule is None or status == s.NOT_COUNTED:
        return status
    return s.ABOVE if plan.question(qid).codes[code] in rule.codes else s.BELOW
