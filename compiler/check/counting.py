"""An aggregate's own above-the-line sets: `counting {sufficient, partly} above the line
for questions 1.2d, 2.2a`, checked against the questions it names and the formula it
changes.

Each named question must be one the formula uses itself (a question's figure, or a
question pooled), not through another aggregate: the clause changes this figure's use of
the question and nothing else. Each code must be on the question's scale, and not a
not-applicable one; a question is named once per aggregate; a set equal to the scale's own
changes nothing and is reported as redundant.
"""

from __future__ import annotations

from collections.abc import Callable

from critc.compiler.check.declare import Symbols, did_you_mean
from critc.compiler.model import framework as m
from critc.dsl import ast
from critc.dsl.diagnostics import Diagnostic, Label, error, warning
from critc.dsl.span import Span

ScaleOf = Callable[[ast.Question], ast.Scale | None]


def used_questions(formula: m.Expr | None, questions: set[str] | dict) -> list[str]:
    """The questions a formula uses itself, in order: their figures and those it pools
    (not inside `... across inspections`, which reads another figure)."""
    if formula is None:
        return []
    out: dict[str, None] = {}
    stack = [formula]
    while stack:
        expr = stack.pop()
        match expr:
            case m.Across():
                continue
            case m.FigureRef(node=node) if node in questions:
                out[node] = None
            case m.Pooled(questions=qids):
                out.update(dict.fromkeys(qids))
        stack.extend(reversed(m.children(expr)))
    return list(out)


def counting_rules(item: ast.Aggregate, formula: m.Expr | None, symbols: Symbols,
                   scale_of: ScaleOf, diagnostics: list[Diagnostic]) -> tuple[m.Counting, ...]:
    """The aggregate's `counting` clauses, one rule per question named, with every problem
    reported; a question with a problem gets no rule (its scale's set stands)."""
    questions = {n for n, node in symbols.nodes.items() if isinstance(node, ast.Question)}
    used = used_questions(formula, questions)
    named: dict[str, Span] = {}
    rules = []
    for clause in item.counting:
        for qid, span in zip(clause.questions, _spans(clause.question_spans, clause),
                             strict=True):
            if qid in named:
                diagnostics.append(error(
                    "duplicate-counting", f"question `{qid}` is given an above-the-line set "
                    f"twice in {item.kind} `{item.id}`", span,
                    labels=(Label(named[qid], "first given here"),),
                    hint="name each question in one `counting` clause"))
                continue
            named[qid] = span
            if not _question_used(item, qid, span, questions, used, diagnostics):
                continue
            question = symbols.nodes[qid]
            assert isinstance(question, ast.Question)
            scale = scale_of(question)
            codes = _codes(clause, qid, scale, diagnostics) if scale is not None else None
            if scale is None or codes is None:
                continue
            if set(codes) == {c.id for c in scale.codes if c.above}:
                diagnostics.append(warning(
                    "redundant-counting", f"{{{', '.join(codes)}}} is already what scale "
                    f"`{scale.id}` counts above the line for question `{qid}`", span,
                    hint="remove the question from the clause: it changes nothing"))
            rules.append(m.Counting(question=qid, codes=codes, span=clause.span))
    return tuple(rules)


def _spans(spans: tuple[Span, ...], clause: ast.Counting) -> tuple[Span, ...]:
    """One span per question (the clause's, in a tree built by hand)."""
    return spans if len(spans) == len(clause.questions) else (clause.span,) * len(
        clause.questions)


def _question_used(item: ast.Aggregate, qid: str, span: Span, questions: set[str],
                   used: list[str], diagnostics: list[Diagnostic]) -> bool:
    """Whether `qid` is a question the formula uses itself; else a diagnostic."""
    if qid not in questions:
        diagnostics.append(error(
            "unknown-reference", f"there is no question `{qid}`", span,
            hint=did_you_mean(qid, used or questions)))
        return False
    if qid in used:
        return True
    shown = ", ".join(used[:6]) + (", ..." if len(used) > 6 else "")
    diagnostics.append(error(
        "counting-unused-question", f"{item.kind} `{item.id}` does not use question `{qid}` "
        "itself, so it cannot count it differently", span,
        hint=(f"its formula uses questions {shown}; " if used else "its formula uses no "
              "question itself; ") + "an aggregate that uses another's figure uses it as "
        "computed, so put the clause on the aggregate that uses the question"))
    return False


def _codes(clause: ast.Counting, qid: str, scale: ast.Scale,
           diagnostics: list[Diagnostic]) -> tuple[str, ...] | None:
    """The clause's codes in the scale's order, or None after reporting a code that is not
    on the scale or is not applicable (a repeated code is reported and counted once)."""
    declared = {c.id: c for c in scale.codes}
    spans = clause.code_spans if len(clause.code_spans) == len(clause.codes) else \
        (clause.span,) * len(clause.codes)
    ok, seen = True, set()
    for code, span in zip(clause.codes, spans, strict=True):
        if code in seen:
            diagnostics.append(warning(
                "duplicate-counting", f"`{code}` is named twice in the set", span,
                hint="name each code once"))
        seen.add(code)
        if code not in declared:
            ok = False
            diagnostics.append(error(
                "unknown-value", f"`{code}` is not a code of scale `{scale.id}`, on which "
                f"question `{qid}` is answered", span,
                hint=did_you_mean(code, declared) or "its codes are "
                + ", ".join(declared)))
        elif declared[code].not_applicable:
            ok = False
            diagnostics.append(error(
                "not-applicable-above-the-line", f"`{code}` is a not-applicable code of scale "
                f"`{scale.id}`: a case answered with it does not count, so it cannot count "
                "above the line", span,
                hint="count only codes that count for the question; a not-applicable "
                "answer is left out of every figure"))
    return tuple(c.id for c in scale.codes if c.id in seen) if ok else None
