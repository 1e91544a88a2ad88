"""How a figure was formed: its formula with values substituted, each question's
numerator and denominator, which cases did not apply and why; or one case's answers,
applicability and contribution."""

from __future__ import annotations

import numpy as np
from critc.compiler.engine.cases import CaseTable
from critc.compiler.engine.evaluate import Conditions, Figures, Results
from critc.compiler.model import framework as m
from critc.compiler.model.text import constant_text, expression_text, reference_text
from critc.compiler.report.results import defined, labels_for, shown
from critc.dsl.source import source_lines
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

MAX_CASES_LISTED = 10


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

    # ------------------------------------------------------------------ values
    def figure_value(self, g: int, expr: m.Expr) -> float:
        figures = Figures(self.plan, self.results.values,
                          self.results.numerators, self.results.denominators, self.inputs,
                          self.results.grouping.size)
        with np.errstate(invalid="ignore", divide="ignore"):
            return figures.compute(expr)[g]

    def value_text(self, expr: m.Expr, value) -> str:
        if not defined(value):
            return "n/a (undefined)"
        kind = expr.type.kind
        if kind == "score":
            return f"{value * 100:.2f}%"
        if kind == "rating":
            scale = self.fw.rating_scales[expr.type.scale]
            return scale.labels[scale.levels[int(value)]]
        if kind == "label":
            from critc.compiler.report.results import band_output

            return f'"{band_output(self.fw.bands[expr.type.scale], int(value))}"'
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
        kind = fw.figure_type(node).kind
        if defined(value) and kind in ("score", "number"):
            exact = self.value_text(m.FigureRef(node=node, type=fw.figure_type(node)), value)
            label.append(f" (unrounded {exact})", style="dim")
        for band, text in labels_for(self.results, node, g):
            label.append(f"\n  band {band}: {text}", style="magenta")
        tree = Tree(label)
        if node in fw.questions:
            self._question_detail(tree, node, g)
        elif node in fw.aggregates:
            agg = fw.aggregates[node]
            span = agg.formula.span
            tree.add(Text(f"{span.path}:{span.line}: {source_line(self.sources, span)}",
                          style="dim"))
            self._expr(tree, agg.formula, g, top=True)
        return tree

    def _expr(self, tree: Tree, expr: m.Expr, g: int, top: bool = False) -> None:
        value = self.figure_value(g, expr)
        match expr:
            case m.FigureRef(node=node):
                if node in self.fw.questions:
                    tree.add(self._question_line(node, g))
                else:
                    tree.add(Text(f"{reference_text(self.fw, node)} = "
                                  f"{self.value_text(expr, value)}"))
                return
            case m.Const():
                tree.add(Text(f"{constant_text(expr)}"))
                return
        branch = tree.add(Text(f"{self._describe(expr)} = {self.value_text(expr, value)}",
                               style="bold" if top else ""))
        match expr:
            case m.WeightedMean(items=items, weights=weights):
                for item, weight in zip(items, weights, strict=True):
                    sub = branch.add(Text(f"weight {weight:g}:"))
                    self._expr(sub, item, g)
            case m.Pooled(questions=qs):
                for q in qs:
                    branch.add(self._question_line(q, g))
            case m.BandOf(operand=o):
                self._expr(branch, o, g)
            case _:
                for child in m.children(expr):
                    self._expr(branch, child, g)

    def _describe(self, expr: m.Expr) -> str:
        match expr:
            case m.Reduce(function=fn, items=items):
                return f"{fn} of {len(items)} figure{'s' * (len(items) != 1)} " \
                       "(undefined ones skipped)"
            case m.Pooled(questions=qs):
                g_num = sum(int(self.results.numerators[self._g, self.plan.question(q).index])
                            for q in qs)
                g_den = sum(int(self.results.denominators[self._g,
                                                          self.plan.question(q).index])
                            for q in qs)
                return f"pooled over {len(qs)} questions: {g_num} above the line / {g_den} " \
                       "answers"
            case m.WeightedMean(renormalise=renorm):
                return "weighted mean" + (", renormalised over defined inputs" if renorm
                                          else " (undefined if any input is)")
            case m.Arith(op=op):
                return {"+": "sum", "-": "difference", "*": "product", "/": "quotient"}[op]
            case m.Negate():
                return "negation"
            case m.Points():
                return "points of"
            case m.BandOf(band=band):
                return f"band {band}"
        return expression_text(expr, self.fw)

    def _question_line(self, qid: str, g: int) -> Text:
        q = self.plan.question(qid)
        num = int(self.results.numerators[g, q.index])
        den = int(self.results.denominators[g, q.index])
        missing = int(self.results.missing[g, q.index])
        value = self.results.values[qid][g]
        text = Text(f"question {qid}: ")
        text.append(self.value_text(m.FigureRef(node=qid, type=m.SCORE), value), style="cyan")
        text.append(f" = {num} above the line / {den} applicable and answered")
        if missing:
            text.append(f" ({missing} applicable but blank)", style="yellow")
        return text

    @property
    def _g(self) -> int:
        return self._current

    def _question_detail(self, tree: Tree, qid: str, g: int) -> None:
        q = self.plan.question(qid)
        tree.add(self._question_line(qid, g))
        rows = np.flatnonzero(self.results.grouping.group == g)
        conditions = Conditions(self.plan, self.table, self.inputs, rows,
                                self.results.grouping.group[rows])
        if q.condition is None:
            tree.add(Text("applies to every case"))
            applies = np.ones(len(rows), dtype=bool)
        else:
            tree.add(Text(f"applies when {expression_text(q.condition, self.fw)}"))
            applies = conditions.holds(q.condition)
        excluded = rows[~applies]
        if len(excluded):
            sub = tree.add(Text(f"{len(excluded)} case(s) excluded: the condition does not hold",
                                style="yellow"))
            for i in excluded[:MAX_CASES_LISTED]:
                sub.add(Text(f"{self.case_name(i)}: {self.condition_values(q.condition, i)}"))
            if len(excluded) > MAX_CASES_LISTED:
                sub.add(Text(f"... and {len(excluded) - MAX_CASES_LISTED} more"))
        answers = self.table.answers[rows, q.index]
        na = np.isin(answers, q.not_applicable) & applies
        if na.any():
            tree.add(Text(f"{int(na.sum())} case(s) answered not applicable", style="yellow"))

    # ------------------------------------------------------------------ one case
    def case_name(self, i: int) -> str:
        name = f"row {int(self.table.rows[i])}" if self.table.rows is not None else f"case {i}"
        if self.table.case_ids is not None and self.table.case_ids[i] is not None:
            name = f"case {self.table.case_ids[i]} ({name})"
        return name

    def raw(self, field: str, i: int) -> str:
        from critc.compiler.io.session import decode_value

        return decode_value(self.fw, self.table, field, i)

    def condition_values(self, condition: m.Expr | None, i: int) -> str:
        if condition is None:
            return ""
        names = []
        for sub in m.walk(condition):
            if isinstance(sub, m.FieldRef) and sub.field not in names:
                names.append(sub.field)
            if isinstance(sub, m.AnswerRef) and sub.question not in names:
                names.append(sub.question)
        parts = []
        for name in names:
            if name in self.fw.questions:
                code = int(self.table.answers[i, self.plan.question(name).index])
                q = self.plan.question(name)
                parts.append(f"question {name} = {q.codes[code] if code >= 0 else '(blank)'}")
            elif self.fw.fields[name].origin == "inspection":
                parts.append(f"{name} = (inspection input)")
            else:
                parts.append(f"{name} = {self.raw(name, i)}")
        return ", ".join(parts)

    def case(self, node: str, i: int, g: int) -> Tree:
        fw = self.fw
        qids = [node] if node in fw.questions else list(self.plan.questions_of.get(node, ()))
        tree = Tree(Text(f"{self.case_name(i)} in {reference_text(fw, node)}", style="bold"))
        conditions = Conditions(self.plan, self.table, self.inputs, np.asarray([i]),
                                self.results.grouping.group[[i]])
        for qid in qids:
            q = self.plan.question(qid)
            code = int(self.table.answers[i, q.index])
            answer = q.codes[code] if code >= 0 else "(blank)"
            applies = True if q.condition is None else bool(conditions.holds(q.condition)[0])
            if not applies:
                effect = "not counted: does not apply"
            elif code < 0:
                effect = "not counted: blank (missing)"
            elif code in q.not_applicable:
                effect = "not counted: answered not applicable"
            elif code in q.above:
                effect = "counted above the line (+1 numerator, +1 denominator)"
            else:
                effect = "counted below the line (+1 denominator)"
            line = Text(f"question {qid}: answer {answer} → {effect}")
            branch = tree.add(line)
            if q.condition is not None:
                branch.add(Text(f"applies when {expression_text(q.condition, fw)}: "
                                f"{self.condition_values(q.condition, i)} → "
                                f"{'holds' if applies else 'does not hold'}", style="dim"))
        return tree

    def render(self, console: Console, node: str, g: int, case: int | None) -> None:
        self._current = g
        key = self.results.grouping.keys[g]
        by = self.results.grouping.by
        console.print(Text(f"{by + ' = ' if by else ''}{key}", style="bold underline"))
        console.print(self.figure(node, g))
        if case is not None:
            console.print(self.case(node, case, g))
