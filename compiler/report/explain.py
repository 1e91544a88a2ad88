"""How a figure was formed: its formula with values substituted, each question's
numerator and denominator, which cases did not apply and why; or one case's answers,
applicability and contribution.

Values come from the lowered plan: each step's operations are computed again per
inspection (`engine.evaluate.Figures`), and a case's contribution is its counting status
(`engine.status`). The model's expressions are read only to show formulas as written;
lowering is one operation per expression, so the two are walked together.
"""

from __future__ import annotations

import datetime

import numpy as np
from critc.compiler.engine.cases import CaseTable
from critc.compiler.engine.evaluate import Conditions, Figures, Results
from critc.compiler.engine.status import case_statuses, status_lookup
from critc.compiler.io.session import decode_value
from critc.compiler.io.values import band_output, defined, labels_for, shown
from critc.compiler.model import framework as m
from critc.compiler.model.text import constant_text, expression_text, reference_text
from critc.compiler.plan import steps as s
from critc.compiler.report.wording import plural
from critc.dsl.source import source_lines
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

MAX_CASES_LISTED = 10
EPOCH = datetime.date(1970, 1, 1)  # dates are coded as days since
ARITH_WORDS = {"+": "sum", "-": "difference", "*": "product", "/": "quotient"}


def source_line(sources: dict[str, str], span) -> str:
    text = sources.get(span.path)
    if text is None or span.line < 1:
        return ""
    lines = source_lines(text)  # numbered as the parser numbers them
    return lines[span.line - 1].strip() if span.line <= len(lines) else ""


class Explainer:
    def __init__(self, results: Results, table: CaseTable, inputs: dict[str, np.ndarray],
                 sources: dict[str, str]):
        self.results = results
        self.plan = results.plan
        self.fw = results.plan.framework
        self.table = table
        self.inputs = inputs
        self.sources = sources
        self.steps = {step.node: step for step in self.plan.steps}
        self.figures = Figures(self.plan, results.values, results.numerators,
                               results.denominators, inputs, results.grouping.size)

    # ------------------------------------------------------------------ values
    def figure_value(self, g: int, op: s.Op) -> float:
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.figures.compute(op)[g]

    def value_text(self, type_: m.Type, value) -> str:
        if not defined(value):
            return "n/a (undefined)"
        kind = type_.kind
        if kind == "score":
            return f"{value * 100:.2f}%"
        if kind == "boolean":
            return "yes" if value else "no"
        if kind == "enum":
            return type_.values[int(value)]
        if kind == "date":
            return (EPOCH + datetime.timedelta(days=int(value))).isoformat()
        if kind == "rating":
            scale = self.fw.rating_scales[type_.scale_id]
            return scale.labels[scale.levels[int(value)]]
        if kind == "label":
            return f'"{band_output(self.fw.bands[type_.scale_id], int(value))}"'
        return f"{value:g}"

    # ------------------------------------------------------------------ figure tree
    def figure(self, node: str, g: int) -> Tree:
        fw = self.fw
        value = self.results.values[node][g]
        label = Text()
        label.append(reference_text(fw, node), style="bold")
        title = fw.questions[node].text if node in fw.questions else \
            fw.aggregates[node].title if node in fw.aggregates else None
        if title:
            label.append(f' "{title}"')
        label.append(f"  {shown(fw, node, value)}", style="bold cyan")
        if defined(value) and fw.figure_type(node).kind in ("score", "number"):
            exact = self.value_text(fw.figure_type(node), value)
            label.append(f" (unrounded {exact})", style="dim")
        for band, text in labels_for(self.results, node, g):
            label.append(f"\n  band {band}: {text}", style="magenta")
        tree = Tree(label)
        if node in fw.questions:
            self._question_detail(tree, node, g)
        elif node in fw.aggregates:
            step = self.steps[node]
            span = step.source.span
            tree.add(Text(f"{span.path}:{span.line}: {source_line(self.sources, span)}",
                          style="dim"))
            applies = fw.aggregates[node].applies
            if step.applies is not None and applies is not None:
                holds = self.figure_value(g, step.applies)
                tree.add(Text(f"applies when {expression_text(applies, fw)}: " + (
                    "unknown, so undefined" if not defined(holds) else "yes" if holds else
                    "no, so not applicable (left out of totals)")))
            self._expr(tree, step.source, step.op, g, top=True)
        return tree

    def _expr(self, tree: Tree, expr: m.Expr, op: s.Op, g: int, top: bool = False) -> None:
        """`op` (with `expr`, the expression it lowers, for its text) and its operands."""
        value = self.figure_value(g, op)
        match op:
            case s.FigureValue(node=node, question=True):
                tree.add(self._question_line(node, g))
                return
            case s.FigureValue(node=node):
                tree.add(Text(f"{reference_text(self.fw, node)} = "
                              f"{self.value_text(expr.type, value)}"))
                return
            case s.Number() if isinstance(expr, m.Const):
                tree.add(Text(f"{constant_text(expr)}"))
                return
        branch = tree.add(Text(f"{self._describe(expr, op, g)} = "
                               f"{self.value_text(expr.type, value)}",
                               style="bold" if top else ""))
        match op:
            case s.WeightedMean(items=items, weights=weights):
                for sub_expr, item, weight in zip(m.children(expr), items, weights, strict=True):
                    sub = branch.add(Text(f"weight {weight:g}:"))
                    self._expr(sub, sub_expr, item, g)
            case s.Pooled(questions=qs):
                for q in qs:
                    branch.add(self._question_line(q, g))
            case _:
                for sub_expr, item in zip(m.children(expr), s.op_children(op), strict=True):
                    self._expr(branch, sub_expr, item, g)

    def _describe(self, expr: m.Expr, op: s.Op, g: int) -> str:
        match op:
            case s.Reduce(items=items, strict=strict):
                fn = expr.function if isinstance(expr, m.Reduce) else op.function
                return f"{fn} of {len(items)} figure{'s' * (len(items) != 1)} " + \
                    ("(undefined if any is)" if strict else "(undefined ones skipped)")
            case s.FirstOf(items=items):
                return f"the first defined of {len(items)} figures"
            case s.Choose(condition=condition):
                holds = self.figure_value(g, condition)
                chosen = "unknown, so undefined" if not defined(holds) else \
                    "true, so the first choice" if holds else "false, so the second choice"
                return f"if ... then ... else (the condition is {chosen})"
            case s.Pooled(questions=qs):
                idx = [self.plan.question(q).index for q in qs]
                num = int(self.results.numerators[g, idx].sum())
                den = int(self.results.denominators[g, idx].sum())
                return f"pooled over {len(qs)} questions: {num} above the line / {den} " \
                       "answers"
            case s.WeightedMean(renormalise=renorm):
                return "weighted mean" + (", renormalised over defined inputs" if renorm
                                          else " (undefined if any input is)")
            case s.Arith(op=arith):
                return ARITH_WORDS[arith]
            case s.Negate():
                return "negation"
            case s.Points():
                return "points of"
            case s.Band(band=band):
                return f"band {band}"
        return expression_text(expr, self.fw)

    def _question_line(self, qid: str, g: int) -> Text:
        q = self.plan.question(qid)
        num = int(self.results.numerators[g, q.index])
        den = int(self.results.denominators[g, q.index])
        missing = int(self.results.missing[g, q.index])
        value = self.results.values[qid][g]
        text = Text(f"question {qid}: ")
        text.append(self.value_text(m.SCORE, value), style="cyan")
        text.append(f" = {num} above the line / {den} applicable and answered")
        if missing:
            text.append(f" ({missing} applicable but blank)", style="yellow")
        return text

    def _question_detail(self, tree: Tree, qid: str, g: int) -> None:
        q = self.plan.question(qid)
        tree.add(self._question_line(qid, g))
        rows = np.flatnonzero(self.results.grouping.group == g)
        if q.condition is None or q.applies is None:
            tree.add(Text("applies to every case"))
            applies = np.ones(len(rows), dtype=bool)
        else:
            tree.add(Text(f"applies when {expression_text(q.applies, self.fw)}"))
            conditions = Conditions(self.plan, self.table, self.inputs, rows,
                                    self.results.grouping.group[rows])
            applies = conditions.holds(q.condition)
        excluded = rows[~applies]
        if len(excluded):
            sub = tree.add(Text(f"{plural(len(excluded), 'case')} excluded: the condition "
                                "does not hold", style="yellow"))
            for i in excluded[:MAX_CASES_LISTED]:
                sub.add(Text(f"{self.case_name(i)}: {self.condition_values(q.applies, i)}"))
            if len(excluded) > MAX_CASES_LISTED:
                sub.add(Text(f"... and {len(excluded) - MAX_CASES_LISTED} more"))
        answers = self.table.answers[rows, q.index]
        answered_na = (answers >= 0) & \
            (status_lookup(q.status)[answers.view(np.uint8)] == s.NOT_COUNTED)
        na = answered_na & applies
        if na.any():
            tree.add(Text(f"{plural(int(na.sum()), 'case')} answered not applicable",
                          style="yellow"))

    # ------------------------------------------------------------------ one case
    def case_name(self, i: int) -> str:
        name = f"row {int(self.table.rows[i])}" if self.table.rows is not None else f"case {i}"
        if self.table.case_ids is not None and self.table.case_ids[i] is not None:
            name = f"case {self.table.case_ids[i]} ({name})"
        return name

    def raw(self, field: str, i: int) -> str:
        return decode_value(self.fw, self.table, field, i)

    def condition_values(self, condition: m.Expr | None, i: int) -> str:
        """The values in case `i` of the fields and answers `condition` (as written) reads."""
        if condition is None:
            return ""
        names = []
        for sub in m.walk(condition):
            if isinstance(sub, m.FieldRef) and sub.field not in names:
                names.append(sub.field)
            if isinstance(sub, m.AnswerRef) and sub.question not in names:
                names.append(sub.question)
        return ", ".join(self._named_value(name, i) for name in names)

    def _named_value(self, name: str, i: int) -> str:
        if name in self.fw.questions:
            q = self.plan.question(name)
            code = int(self.table.answers[i, q.index])
            return f"question {name} = {q.codes[code] if code >= 0 else '(blank)'}"
        if self.fw.fields[name].origin == "inspection":
            return f"{name} = (inspection input)"
        return f"{name} = {self.raw(name, i)}"

    def case(self, node: str, i: int, g: int) -> Tree:
        fw = self.fw
        qids = [node] if node in fw.questions else list(self.plan.questions_of.get(node, ()))
        tree = Tree(Text(f"{self.case_name(i)} in {reference_text(fw, node)}", style="bold"))
        rows = np.asarray([i])
        group = self.results.grouping.group[rows]
        status = case_statuses(self.plan, self.table, self.inputs, rows, group)[0]
        conditions = Conditions(self.plan, self.table, self.inputs, rows, group)
        for qid in qids:
            q = self.plan.question(qid)
            code = int(self.table.answers[i, q.index])
            applies = q.condition is None or bool(conditions.holds(q.condition)[0])
            answer = q.codes[code] if code >= 0 else "(blank)"
            effect = _effect(int(status[q.index]), applies, code)
            branch = tree.add(Text(f"question {qid}: answer {answer} → {effect}"))
            if q.applies is not None:
                branch.add(Text(f"applies when {expression_text(q.applies, fw)}: "
                                f"{self.condition_values(q.applies, i)} → "
                                f"{'holds' if applies else 'does not hold'}", style="dim"))
        return tree

    def render(self, console: Console, node: str, g: int, case: int | None) -> None:
        key = self.results.grouping.keys[g]
        by = self.results.grouping.by
        console.print(Text(f"{by + ' = ' if by else ''}{key}", style="bold underline"))
        console.print(self.figure(node, g))
        if case is not None:
            console.print(self.case(node, case, g))


def _effect(status: int, applies: bool, code: int) -> str:
    """How a case with this status counts, and why it does not."""
    if status == s.ABOVE:
        return "counted above the line (+1 numerator, +1 denominator)"
    if status == s.BELOW:
        return "counted below the line (+1 denominator)"
    if not applies:
        return "not counted: does not apply"
    if code < 0:
        return "not counted: blank (missing)"
    return "not counted: answered not applicable"
