"""The per-case part of the query: the case table's cells decoded, the applicability
conditions, each case's counting status per question, and the sums per inspection."""

from __future__ import annotations

from critc.compiler.model import framework as m
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import Plan
from critc.compiler.sql import build as b
from critc.compiler.sql.cases import Tests, answer, cell, decode
from sqlglot import exp

KEY = "inspection"  # the inspection key column, all the way through
BLANK_KEY = "(blank)"  # the inspection of cases whose key is blank (engine/cases.py)
WHOLE = "all cases"  # the one inspection of a framework without an inspection field
CASES, INPUTS = "c", "i"  # the aliases of the two tables


class CaseRows:
    """Column names: v (a decoded field or input read by a condition), a (an answer code),
    w (an input read as a number by a figure), t (a condition holds), c / h (a case is
    counted / above the line), n / d (numerator / denominator), r / m (above the line /
    numerator of a recount: a question counted with a figure's own set), k (cases behind a
    figure), i (an input per inspection). `count_columns` names the per-inspection columns."""

    def __init__(self, fw: m.Framework, plan: Plan, cases: exp.Table, inputs: exp.Table,
                 field: str | None):
        self.fw, self.plan = fw, plan
        self.field = field  # the case field grouping cases into inspections (None: one)
        self.cases_table, self.inputs_table = cases, inputs
        read = [v for c in plan.conditions for v in s.case_values(c.test)
                if isinstance(v, s.FieldValue)]
        self.fields: dict[str, str] = {}
        for field, _ in dict.fromkeys((v.field, v.per_inspection) for v in read):
            self.fields.setdefault(field, f"v{len(self.fields) + 1}")
        numbers = [op.field for step in plan.steps for root in step.ops()
                   for op in s.walk_ops(root)
                   if isinstance(op, s.InputNumber)]
        self.numbers = {name: f"w{i}" for i, name in enumerate(dict.fromkeys(numbers), 1)}
        self.tests = {c.test: f"t{i}" for i, c in enumerate(plan.conditions, 1)}
        self.count_columns: dict[tuple[str, object], str] = {}
        for q in plan.questions:
            self.count_columns[("num", q.index)] = f"n{q.index + 1}"
            self.count_columns[("den", q.index)] = f"d{q.index + 1}"
        for j, recount in enumerate(plan.recounts, 1):  # a question counted another way
            self.count_columns[("num", recount.column)] = f"m{j}"
        for j, node in enumerate((n for n, qs in plan.questions_of.items() if qs), 1):
            self.count_columns[("cases", node)] = f"k{j}"
        for name, column in self.numbers.items():
            self.count_columns[("input", name)] = "i" + column[1:]

    def uses_inputs(self) -> bool:
        return bool(self.numbers) or any(self.fw.fields[f].origin == "inspection"
                                         for f in self.fields)

    def key(self) -> exp.Expression:
        """The inspection each case belongs to, as text."""
        field = self.field
        if field is None:
            return b.text(WHOLE)
        column = b.col(field, CASES)
        if self.fw.fields[field].type.kind == "boolean":
            flag = decode(self.fw, self.fw.fields[field], column)
            text = b.lookup(flag, [(b.integer(1), b.text("true")),
                                   (b.integer(0), b.text("false"))])
        else:
            text = cell(column)
        return exp.Coalesce(this=text, expressions=[b.text(BLANK_KEY)])

    def select(self) -> exp.Select:
        columns = [exp.alias_(self.key(), KEY, quoted=True)]
        for field, name in self.fields.items():
            table = INPUTS if self.fw.fields[field].origin == "inspection" else CASES
            columns.append(exp.alias_(decode(self.fw, self.fw.fields[field],
                                             b.col(field, table)), name, quoted=True))
        for field, name in self.numbers.items():
            columns.append(exp.alias_(b.as_double(decode(
                self.fw, self.fw.fields[field], b.col(field, INPUTS))), name, quoted=True))
        for q in self.plan.questions:
            columns.append(exp.alias_(answer(self.fw, self.fw.questions[q.id],
                                             b.col(q.id, CASES)), f"a{q.index + 1}",
                                      quoted=True))
        select = exp.select(*columns).from_(exp.alias_(self.cases_table, CASES, table=True,
                                                       quoted=True))
        if self.uses_inputs():
            key = b.col(self.fw.inspection or "inspection", INPUTS)
            select = select.join(exp.alias_(self.inputs_table, INPUTS, table=True,
                                            quoted=True),
                                 on=b.compare("=", cell(key), self.key()), join_type="left")
        return select

    def column_of(self, value: s.FieldValue | s.AnswerCode) -> str:
        if isinstance(value, s.AnswerCode):
            return f"a{value.index + 1}"
        return self.fields[value.field]

    def with_tests(self) -> exp.Select:
        tests = Tests(self.column_of)
        return exp.select(exp.Star(), *[exp.alias_(b.flag(tests.condition(test)), name,
                                                   quoted=True)
                                        for test, name in self.tests.items()]
                          ).from_(b.name("case_rows"))

    def status(self) -> exp.Select:
        columns = []
        for q in self.plan.questions:
            code = b.col(f"a{q.index + 1}")
            applies = [b.compare("=", b.col(self.tests[q.condition]), b.integer(1))] \
                if q.condition is not None else []
            for prefix, codes in (("c", s.counted_codes(q.status)), ("h", q.above)):
                if not codes:
                    value: exp.Expression = b.integer(0)
                else:
                    member = exp.In(this=code, expressions=[b.integer(c) for c in codes])
                    value = b.flag(b.all_of(applies + [member]))
                columns.append(exp.alias_(value, f"{prefix}{q.index + 1}", quoted=True))
        for j, recount in enumerate(self.plan.recounts, 1):  # above the line as it says
            q = self.plan.questions[recount.source]
            applies = [b.compare("=", b.col(self.tests[q.condition]), b.integer(1))] \
                if q.condition is not None else []
            member = exp.In(this=b.col(f"a{q.index + 1}"),
                            expressions=[b.integer(c) for c in recount.above])
            columns.append(exp.alias_(b.flag(b.all_of(applies + [member])), f"r{j}",
                                      quoted=True))
        return exp.select(exp.Star(), *columns).from_(b.name("case_tests"))

    def counts(self) -> exp.Select:
        columns: list = [b.col(KEY)]  # columns and aliases
        for q in self.plan.questions:
            for prefix, source in (("n", "h"), ("d", "c")):
                columns.append(exp.alias_(exp.Sum(this=b.col(f"{source}{q.index + 1}")),
                                          f"{prefix}{q.index + 1}", quoted=True))
        for j in range(1, len(self.plan.recounts) + 1):
            columns.append(exp.alias_(exp.Sum(this=b.col(f"r{j}")), f"m{j}", quoted=True))
        for key, name in self.count_columns.items():
            if key[0] == "cases":
                counted = b.total([b.col(f"c{self.plan.question(qid).index + 1}")
                                   for qid in self.plan.questions_of[str(key[1])]])
                columns.append(exp.alias_(exp.Sum(this=b.flag(
                    b.compare(">", counted, b.integer(0)))), name, quoted=True))
            elif key[0] == "input":
                columns.append(exp.alias_(exp.Max(this=b.col("w" + name[1:])), name,
                                          quoted=True))
        return exp.select(*columns).from_(b.name("case_status")).group_by(b.col(KEY))
