"""How a figure was formed: its formula with values substituted, each question's
numerator and denominator, the cases counted below the line and those left out and why,
the rounding before each band; or one case's answers, applicability and contribution.
Inputs, bands and rating scales are explained in `explain_items.py`.

This module builds the explanation as data (`explain_lines.Line`); `explain_render.py`
prints it, and the Python API returns it.

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
from critc.compiler.io.values import band_output, defined, shown
from critc.compiler.model import framework as m
from critc.compiler.model.text import constant_text, expression_text, reference_text
from critc.compiler.plan import steps as s
from critc.compiler.report import explain_counting, explain_items
from critc.compiler.report.explain_lines import Line, Role, source_line
from critc.compiler.report.plain_english import condition_text
from critc.compiler.report.wording import plural

__all__ = ["Explainer", "source_line"]
MAX_CASES_LISTED = 1000  # per list; the rest are counted
EPOCH = datetime.date(1970, 1, 1)  # dates are coded as days since
ARITH_WORDS = {"+": "sum", "-": "difference", "*": "product", "/": "quotient"}


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
        self.figures = Figures(self.plan, results.values, *results.columns(), inputs,
                               results.grouping.size)

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
    # ------------------------------------------------------------------ figure tree
    def explain(self, node: str, g: int, case: int | None = None) -> list[Line]:
        """What `critc explain` shows: the inspection, how `node` was formed in it (a
        figure, band label, input, band or rating scale), and with `case`, that case's
        part in it."""
        key = self.results.grouping.keys[g]
        by = self.results.grouping.by
        lines = [Line.of(f"{by + ' = ' if by else ''}{key}", "heading"), self.item(node, g)]
        if case is not None:
            lines.append(self.case(node, case, g))
        return lines

    def item(self, node: str, g: int) -> Line:
        """`node` explained in inspection `g`."""
        fw = self.fw
        if node in fw.questions or node in self.steps:
            return self.figure(node, g)
        if node in fw.fields and fw.fields[node].origin == "inspection":
            return explain_items.input_lines(self, node, g)
        if node in fw.bands:
            return explain_items.band_lines(self, node, g)
        if node in fw.rating_scales:
            return explain_items.scale_lines(self, node, g)
        raise KeyError(f"no figure, inspection input, band or rating scale `{node}`")

    def explainable(self) -> list[str]:
        """Every id `item` explains: figures and band labels, inspection inputs, bands and
        rating scales."""
        fw = self.fw
        return [*self.plan.figures, *(f.id for f in fw.inputs), *fw.bands, *fw.rating_scales]

    def figure(self, node: str, g: int) -> Line:
        fw = self.fw
        value = self.results.values[node][g]
        tree = Line.of(reference_text(fw, node), "name")
        title = fw.questions[node].text if node in fw.questions else \
            fw.aggregates[node].title if node in fw.aggregates else None
        if title:
            tree.append(f' "{title}"')
        tree.append(f"  {shown(fw, node, value)}", "value")
        if defined(value) and fw.figure_type(node).kind in ("score", "number"):
            exact = self.value_text(fw.figure_type(node), value)
            tree.append(f" (unrounded {exact})", "note")
        for app in fw.applied_to(node):
            tree.add(f"band {app.band}: {explain_items.band_step(self, app.band, value)}", "band")
        if node in fw.questions:
            self._question_detail(tree, node, g)
        elif node in self.steps:
            step = self.steps[node]
            span = step.source.span
            tree.add(f"{span.path}:{span.line}: {source_line(self.sources, span)}", "note")
            explain_counting.counting_lines(self, tree, node)
            applies = fw.aggregates[node].applies if node in fw.aggregates else None
            if step.applies is not None and applies is not None:
                holds = self.figure_value(g, step.applies)
                tree.add(f"applies when {expression_text(applies, fw)}: " + (
                    "unknown, so undefined" if not defined(holds) else "yes" if holds else
                    "no, so not applicable (left out of totals)"))
            self._expr(tree, step.source, step.op, g, top=True)
        if fw.figure_type(node).kind == "rating" and defined(value):
            tree.add(explain_items.points_line(self, fw.figure_type(node).scale_id, value))
        explain_items.used_by_line(self, tree, node)
        return tree

    def _expr(self, tree: Line, expr: m.Expr, op: s.Op, g: int, top: bool = False) -> None:
        """`op` (with `expr`, the expression it lowers, for its text) and its operands."""
        value = self.figure_value(g, op)
        match op:
            case s.FigureValue(node=node, question=True, above=above):
                tree.add(self._question_line(node, g, above))
                return
            case s.FigureValue(node=node):
                tree.add(f"{reference_text(self.fw, node)} = "
                         f"{self.value_text(expr.type, value)}")
                return
            case s.Number() if isinstance(expr, m.Const):
                tree.add(f"{constant_text(expr)}")
                return
            case s.Points(operand=s.FigureValue(node=node) as operand) \
                    if defined(self.figure_value(g, operand)):
                level = self.value_text(self.fw.figure_type(node),
                                        self.figure_value(g, operand))
                tree.add(f"points of {reference_text(self.fw, node)} = {value:g} ({level})")
                return
        text = self._describe(expr, op, g)
        if not isinstance(op, s.Band):  # a band's line ends with what it gives
            text += f" = {self.value_text(expr.type, value)}"
        branch = tree.add(text, "name" if top else "")
        match op:
            case s.WeightedMean(items=items, weights=weights):
                for sub_expr, item, weight in zip(m.children(expr), items, weights, strict=True):
                    sub = branch.add(f"weight {weight:g}:")
                    self._expr(sub, sub_expr, item, g)
            case s.Pooled(questions=qs):
                for i, q in enumerate(qs):
                    branch.add(self._question_line(q, g, op.above_of(i)))
            case _:
                for sub_expr, item in zip(m.children(expr), s.op_children(op), strict=True):
                    self._expr(branch, sub_expr, item, g)

    def _describe(self, expr: m.Expr, op: s.Op, g: int) -> str:
        match op:
            case s.Reduce(items=items, strict=strict, when=when):
                fn = expr.function if isinstance(expr, m.Reduce) else op.function
                out = sum(1 for test in when if test is not None
                          and defined(holds := self.figure_value(g, test)) and not holds)
                left = f"; {out} not applicable, left out" if out else ""
                return f"{fn} of {len(items)} figure{'s' * (len(items) != 1)} " + \
                    ("(undefined if any is" if strict else self._skipped(items, g)[:-1]) + \
                    left + ")"
            case s.FirstOf(items=items):
                return f"the first defined of {len(items)} figures"
            case s.Choose(condition=condition):
                holds = self.figure_value(g, condition)
                chosen = "unknown, so undefined" if not defined(holds) else \
                    "true, so the first choice" if holds else "false, so the second choice"
                if isinstance(expr, m.IfElse):
                    return f"if {condition_text(expr.condition, self.fw)}: {chosen}"
                return f"if ... then ... else (the condition is {chosen})"
            case s.Pooled(questions=qs):
                idx = [self.plan.column(q, op.above_of(i)) for i, q in enumerate(qs)]
                num = int(self.figures.num[g, idx].sum())  # as this figure counts them
                den = int(self.figures.den[g, idx].sum())
                return f"pooled over {len(qs)} questions: {num} above the line / {den} " \
                       "answers"
            case s.WeightedMean(items=items, renormalise=renorm):
                return "weighted mean" + (self._renormalised(items, g) if renorm
                                          else " (undefined if any input is)")
            case s.Arith(op=arith):
                return ARITH_WORDS[arith]
            case s.Negate():
                return "negation"
            case s.Points(scale=scale):
                return f"points on the {scale} scale ({explain_items.points_rule(self, scale)})"
            case s.Band(band=band, operand=operand):
                step = explain_items.band_step(self, band, self.figure_value(g, operand))
                return f"band {band}: {step}"
        return expression_text(expr, self.fw)

    def _undefined_items(self, items: tuple[s.Op, ...], g: int) -> int:
        return sum(not defined(self.figure_value(g, item)) for item in items)

    def _skipped(self, items: tuple[s.Op, ...], g: int) -> str:
        """Said only when a figure was skipped: `(2 undefined, skipped)`."""
        missing = self._undefined_items(items, g)
        return f"({missing} undefined, skipped)" if missing else "(none undefined)"

    def _renormalised(self, items: tuple[s.Op, ...], g: int) -> str:
        """Said only when an input was missing: renormalised over the defined ones."""
        missing = self._undefined_items(items, g)
        if not missing:
            return ""
        if missing == len(items):
            return " (every input is undefined)"
        return (f", renormalised: {missing} of {len(items)} inputs undefined, so the "
                "others' weights are scaled to add up to 1")

    def _question_line(self, qid: str, g: int, above: tuple[int, ...] | None = None) -> Line:
        """A question's proportion, counted as its scale says or (`above`) as a figure's
        `counting` clause says."""
        q = self.plan.question(qid)
        column = self.plan.column(qid, above)
        num = int(self.figures.num[g, column])
        den = int(self.figures.den[g, column])
        missing = int(self.results.missing[g, q.index])
        value = num / den if den else np.nan
        line = Line.of(f"question {qid}{explain_counting.counted_as(q, above)}: ")
        line.append(self.value_text(m.SCORE, value), "value")
        line.append(f" = {num} above the line / {den} applicable and answered")
        if missing:
            line.append(f" ({missing} applicable but blank)", "warning")
        return line

    def _question_detail(self, tree: Line, qid: str, g: int) -> None:
        q = self.plan.question(qid)
        tree.add(self._question_line(qid, g))
        rows = np.flatnonzero(self.results.grouping.group == g)
        if q.condition is None or q.applies is None:
            tree.add("applies to every case")
            applies = np.ones(len(rows), dtype=bool)
        else:
            tree.add(f"applies when {condition_text(q.applies, self.fw)}")
            conditions = Conditions(self.plan, self.table, self.inputs, rows,
                                    self.results.grouping.group[rows])
            applies = conditions.holds(q.condition)
        answers = self.table.answers[rows, q.index]
        status = status_lookup(q.status)[answers.view(np.uint8)]
        self._cases(tree, "counted below the line", rows[applies & (status == s.BELOW)])
        self._cases(tree, "not counted: answered not applicable",
                    rows[applies & (answers >= 0) & (status == s.NOT_COUNTED)], "warning")
        self._cases(tree, "not counted: blank (applicable, no answer)",
                    rows[applies & (answers < 0)], "warning")
        self._cases(tree, "not counted: the condition does not hold", rows[~applies],
                    "warning", q.applies)

    def _cases(self, tree: Line, what: str, rows: np.ndarray, role: Role = "",
               condition: m.Expr | None = None) -> None:
        """`N cases WHAT`, then every one of them by its case id (or row), grouped by the
        values `condition` reads in them."""
        if not len(rows):
            return
        sub = tree.add(f"{plural(len(rows), 'case')} {what}", role)
        groups: dict[str, list[str]] = {}
        for i in rows[:MAX_CASES_LISTED]:
            groups.setdefault(self.condition_values(condition, int(i)), []).append(
                self.case_ref(int(i)))
        for values, refs in groups.items():
            sub.add((f"{values}: " if values else "") + ", ".join(refs))
        if len(rows) > MAX_CASES_LISTED:
            sub.add(f"... and {len(rows) - MAX_CASES_LISTED} more")

    # ------------------------------------------------------------------ one case
    def case_ref(self, i: int) -> str:
        """A case by its case id, or by its row when it has none."""
        if self.table.case_ids is not None and self.table.case_ids[i] is not None:
            return str(self.table.case_ids[i])
        return f"row {int(self.table.rows[i])}" if self.table.rows is not None else f"case {i}"

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
            g = int(self.results.grouping.group[i])
            return f"{name} = {explain_items.input_text(self, name, g)} (inspection input)"
        return f"{name} = {self.raw(name, i)}"

    def case(self, node: str, i: int, g: int) -> Line:
        fw = self.fw
        qids = [node] if node in fw.questions else list(self.plan.questions_of.get(node, ()))
        tree = Line.of(f"{self.case_name(i)} in {reference_text(fw, node)}", "name")
        rows = np.asarray([i])
        group = self.results.grouping.group[rows]
        status = case_statuses(self.plan, self.table, self.inputs, rows, group)[0]
        conditions = Conditions(self.plan, self.table, self.inputs, rows, group)
        for qid in qids:
            q = self.plan.question(qid)
            code = int(self.table.answers[i, q.index])
            applies = q.condition is None or bool(conditions.holds(q.condition)[0])
            answer = q.codes[code] if code >= 0 else "(blank)"
            effect = _effect(explain_counting.case_status(self.plan, node, qid, int(
                status[q.index]), code), applies, code)
            branch = tree.add(f"question {qid}: answer {answer} → {effect}")
            if q.applies is not None:
                branch.add(f"applies when {condition_text(q.applies, fw)}: "
                           f"{self.condition_values(q.applies, i)} → "
                           f"{'holds' if applies else 'does not hold'}", "note")
        return tree


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
