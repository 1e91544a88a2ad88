"""The plain-Python path of a generated module: `score_case()` as straight-line code.

Conditions become Python boolean expressions over local variables (Kleene logic spelled
out: a test on a blank is neither true nor false), and each figure a few statements over
locals, in dependency order, with a comment naming its framework line. For one case a
question's value is 1, 0 or undefined, so a mean of questions or a pooled figure is (above
the line) / (counted) over integers. A spelling that is not in the tables (`TRUE`, 1.0, a
date object, a typo) makes `score_case` check every cell the slow way, as `score` does,
and either try again or raise ScoringError naming the column.
"""

from __future__ import annotations

from critc.compiler.codegen.case_reads import answer_reads, cell_reads
from critc.compiler.codegen.case_tables import CaseReads, band_lines, case_tables, question_mean
from critc.compiler.codegen.python_text import comment, where
from critc.compiler.codegen.recount_path import recount_lines, tally_number
from critc.compiler.codegen.tables import Layout
from critc.compiler.model.text import expression_text
from critc.compiler.plan import steps as s

# The negation of a comparison between two known values, and the comparison with its
# operands swapped (ratings order best first, so `a < b` on levels is `index a > index b`).
NEGATED = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
SWAPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}

ENTRY = '''def score_case(case, inputs=None):
    """Score one case (a dict) as an inspection of its own, in plain Python. `inputs` are
    its inspection's inputs ({input: value})."""
    try:
        return _score_case(case, (inputs or _NO_INPUTS).get)
    except (KeyError, TypeError):  # a spelling the tables do not hold, or a missing cell:
        case, inputs = checked_cells(case, inputs, _CASE_CELLS, _INPUT_CELLS)  # check each
        return _score_case(case, inputs.get)
'''


def case_code(constant: s.Code | s.TextCode) -> str:
    """A lowered constant as source for one case: its code, or the text itself."""
    return repr(constant.text if isinstance(constant, s.TextCode) else constant.value)


class CaseWriter:
    """`_score_case(case, given)` as straight-line code over locals: f<k> case fields, i<k>
    inspection inputs (x<k> a rating input as a float), `answers` the answer cells, a<i>
    answer codes, w<i> a question's tally (`CaseReads.tally`) or the sum of a figure's
    questions' tallies, v<i> figures, t<n> and e<n> temporaries, `out` the result."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.fw = layout.fw
        self.plan = layout.plan
        self.index = layout.index
        self.reads = CaseReads(layout)
        self.lines: list[str] = []
        self.temps = 0
        self.sums: dict[frozenset[int], str] = {}  # question numbers -> local with their sum
        self.bands: dict[str, int] = {}  # band id -> k of its `_BAND<k>` (by value, memoised)

    # ------------------------------------------------------------------ conditions
    def operand(self, value: s.CaseValue) -> tuple[str, bool]:
        """A per-case value as (local or constant, whether it may be blank): a case field
        is local f<k>, an inspection input i<k>, an answer code a<i>."""
        match value:
            case s.FieldValue(field=name, per_inspection=True):
                return f"i{self.reads.inputs.index(name)}", True
            case s.FieldValue(field=name):
                return f"f{self.reads.case_fields.index(name)}", True
            case s.AnswerCode(index=i):
                return f"a{i}", True
            case s.Code() | s.TextCode():
                return case_code(value), False
            case s.CaseArith(op=op, left=left, right=right):
                a, b = self.operand(left)[0], self.operand(right)[0]
                return self.temp(f"s_arith({op!r}, {a}, {b})", "e"), True
            case s.CaseNegate(operand=o):
                return self.temp(f"s_neg({self.operand(o)[0]})", "e"), True
        raise TypeError(type(value).__name__)

    def temp(self, code: str, prefix: str = "t") -> str:
        self.temps += 1
        name = f"{prefix}{self.temps}"
        self.lines.append(f"    {name} = {code}")
        return name

    def truth(self, test: s.Test, want: bool, holds: bool = True) -> str:
        """A Python expression that is true when the condition is known to be `want` (or,
        with `holds` false, when it is not known to be). A test on a blank is unknown, so
        it is neither known true nor known false."""
        match test:
            case s.AllOf(tests=tests) | s.AnyOf(tests=tests):
                joiner = " and " if (isinstance(test, s.AllOf) == want) == holds else " or "
                return joiner.join(f"({self.truth(t, want, holds)})" for t in tests)
            case s.NotOf(test=t):
                return self.truth(t, not want, holds)
            case s.Compare():
                return self.comparison(test, want, holds)
            case s.Member(operand=operand, codes=codes, negated=negated):
                a, blank = self.operand(operand)
                listed = "(" + "".join(case_code(c) + ", " for c in codes) + ")"
                if want != negated:  # known to be in the set (a blank is in no set)
                    return f"{a} in {listed}" if holds else f"{a} not in {listed}"
                if holds:
                    return " and ".join([f"{a} is not None"] * blank + [f"{a} not in {listed}"])
                return " or ".join([f"{a} is None"] * blank + [f"{a} in {listed}"])
            case s.Truthy(operand=operand):
                a, _blank = self.operand(operand)
                return f"{a} {'==' if holds else '!='} {1 if want else 0}"
        raise TypeError(type(test).__name__)

    def comparison(self, test: s.Compare, want: bool, holds: bool) -> str:
        """`truth` of a comparison: a blank on either side makes it unknown."""
        (a, a_blank), (b, b_blank) = self.operand(test.left), self.operand(test.right)
        op = SWAPPED[test.op] if test.descending else test.op
        py = "==" if op == "=" else op
        if not want:
            py = NEGATED[py]
        blanks = [x for x, blank in ((a, a_blank), (b, b_blank)) if blank]
        if py == "==" and len(blanks) < 2:
            blanks = []  # a blank equals no constant
        if holds:
            return " and ".join([f"{x} is not None" for x in blanks] + [f"{a} {py} {b}"])
        return " or ".join([f"{x} is None" for x in blanks] + [f"{a} {NEGATED[py]} {b}"])

    # ------------------------------------------------------------------ figures
    def atom(self, op: s.Op) -> tuple[str, bool]:
        """A figure as a local or constant (computing it first if need be), and whether it
        may be undefined."""
        match op:
            case s.Number(value=v):
                return repr(v), False
            case s.FigureValue(node=node, above=above) if above is not None:  # its own set
                return f"_Q[w{tally_number(self.layout, node, above)}]", True
            case s.FigureValue(node=node):
                return f"v{self.index[node]}", True
            case s.InputNumber(field=name, rating=rating):
                k = self.reads.inputs.index(name)
                return (f"x{k}" if rating else f"i{k}"), True
        self.temps, name = self.temps + 1, f"t{self.temps + 1}"
        self.compute(op, name)
        return name, True

    def emit(self, line: str) -> None:
        self.lines.append("    " + line)

    def compute(self, op: s.Op, target: str) -> None:
        """Statements that leave the figure's value (None if undefined) in `target`."""
        emit = self.emit
        questions = question_mean(op)
        if questions is None and isinstance(op, s.Pooled):
            questions = tuple((q, op.above_of(i)) for i, q in enumerate(op.questions))
        if questions is not None:
            tally = self.tally_sum([tally_number(self.layout, q, above)
                                    for q, above in questions], target)
            counted = self.reads.counted(tally)
            if isinstance(op, s.Reduce) and op.strict:  # undefined if any question is
                emit(f"{target} = {self.reads.above(tally)} / {counted} if {counted} == "
                     f"{len(questions)} else None")
            else:  # above / counted, worked out once per sum of tallies
                emit(f"{target} = _FRACTION[{tally}]")
            return
        match op:
            case s.Number() | s.FigureValue() | s.InputNumber():
                emit(f"{target} = {self.atom(op)[0]}")
            case s.Arith(op=arith, left=left, right=right):
                (a, a_blank), (b, b_blank) = self.atom(left), self.atom(right)
                guards = [f"{x} is not None" for x, blank in ((a, a_blank), (b, b_blank))
                          if blank]
                if arith == "/" and b_blank:
                    guards.append(f"{b} != 0")
                if arith == "/" and not b_blank and float(b) == 0:
                    emit(f"{target} = None  # divided by zero")
                else:
                    self.guarded(target, f"{a} {arith} {b}", guards)
            case s.Negate(operand=o):
                a, blank = self.atom(o)
                self.guarded(target, f"-{a}", [f"{a} is not None"] * blank)
            case s.Reduce():
                self.reduce(op, target)
            case s.WeightedMean():
                self.weighted_mean(op, target)
            case s.Points(operand=o, scale=scale):
                emit(f"{target} = _POINTS{self.reads.ratings[scale]}[{self.atom(o)[0]}]")
            case s.Band(band=band, operand=o):
                value, blank = self.atom(o)
                if blank:  # looked up by value: each band's rows run once per value
                    k = self.bands.setdefault(band, len(self.bands))
                    emit(f"{target} = _BAND{k}[{value}]")
                else:
                    for line in band_lines(self.layout, band, value, blank, target):
                        emit(line)
            case _:
                self.choice(op, target)

    def tally_sum(self, idx: list[int], target: str) -> str:
        """A local holding the sum of the questions' tallies. A figure's sum (`target` v<i>
        gives w<i>) is kept for later figures: a section's sum adds its criteria's."""
        if target.startswith("v") and len(set(idx)) == len(idx):
            name, todo = f"w{target[1:]}", set(idx)
            parts = []
            for questions, local in sorted(self.sums.items(), key=lambda x: -len(x[0])):
                if questions <= todo:
                    parts.append(local)
                    todo -= questions
            self.sums[frozenset(idx)] = name
            parts += [f"w{i}" for i in idx if i in todo]
        else:  # in a nested formula, or a question twice
            name, parts = "tally", [f"w{i}" for i in idx]
        self.emit(f"{name} = {' + '.join(parts)}")
        return name

    def choice(self, op: s.Op, target: str) -> None:
        """`first of`, `if ... then ... else` and the tests in formulas (1.0, 0.0 or None)."""
        emit = self.emit
        match op:
            case s.FirstOf(items=items):
                values = [self.atom(i)[0] for i in items]
                emit(f"{target} = next((x for x in ({', '.join(values)},) if x is not None), "
                     "None)")
            case s.Choose(condition=c, then=a, otherwise=b):
                holds, x, y = self.atom(c), self.atom(a)[0], self.atom(b)[0]
                self.guarded(target, f"{x} if {holds[0]} == 1.0 else {y}", unknown([holds]))
            case s.FigureCompare(op=compare, left=a, right=b, descending=descending):
                left, right = self.atom(a), self.atom(b)
                py = "==" if compare == "=" else SWAPPED[compare] if descending else compare
                self.guarded(target, f"float({left[0]} {py} {right[0]})", unknown([left, right]))
            case s.FigureMember(operand=o, codes=codes, negated=negated):
                value = self.atom(o)
                self.guarded(target, f"float(({value[0]} in {codes!r}) != {negated})",
                             unknown([value]))
            case s.FigureLogic(op=logic, operands=ops):
                truths = "(" + "".join(f"{self.truth_of(o)}, " for o in ops) + ")"
                decisive, other = ("0.0", "1.0") if logic == "and" else ("1.0", "0.0")
                emit(f"{target} = {decisive} if {decisive} in {truths} else {other} if all(x "
                     f"== {other} for x in {truths}) else None")
            case s.FigureNot(operand=o):
                truth = self.truth_of(o)
                emit(f"{target} = None if {truth} is None else 1.0 - {truth}")
            case _:
                raise TypeError(type(op).__name__)

    def truth_of(self, op: s.Op) -> str:
        """A figure or input as a truth value: 1.0, 0.0 or None."""
        x, blank = self.atom(op)
        if isinstance(op, s.FigureCompare | s.FigureMember | s.FigureLogic | s.FigureNot):
            return x
        return f"(None if {x} is None else float({x} != 0))" if blank else f"float({x} != 0)"

    def reduce(self, op: s.Reduce, target: str) -> None:
        """min and max keep the best defined item; mean, sum and count skip undefined ones."""
        emit, fn = self.emit, op.function
        if fn in ("min", "max"):
            emit(f"{target} = None")
            for a, blank in [self.atom(i) for i in op.items]:
                better = f"({target} is None or {a} {'<' if fn == 'min' else '>'} {target})"
                emit(f"if {a} is not None and {better}:" if blank else f"if {better}:")
                emit(f"    {target} = {a}")
            return
        values = [self.item(i) for i in op.items]  # before the sums: items may use them
        tests = [None if t is None else self.truth_of(t) for t in op.when] or [None] * len(values)
        emit("total = 0.0" if fn != "count" else "count = 0")
        if fn != "count":
            emit("count = 0")
        if any(tests):
            emit(f"needed = {len(values)}")  # less the items that do not apply
        for (a, defined), test in zip(values, tests, strict=True):
            if test is not None:  # an aggregate that does not apply (0.0) is left out
                self.when(f"{test} == 0.0", ["needed -= 1"])
                defined = f"{test} != 0.0" + (f" and {defined}" if defined else "")
            self.when(defined, ([f"total += {a}"] if fn != "count" else []) + ["count += 1"])
        needed = "needed" if any(tests) else len(values)
        enough = f"count == {needed}" if op.strict else "count"
        emit({"mean": f"{target} = total / count if {enough} else None",
              "sum": f"{target} = total if {enough} else None",
              "count": f"{target} = float(count)"}[fn])

    def weighted_mean(self, op: s.WeightedMean, target: str) -> None:
        pairs = list(zip([self.item(i) for i in op.items], op.weights, strict=True))
        if not op.renormalise:
            self.guarded(target, " + ".join(f"{a} * {float(w)!r}" for (a, _), w in pairs),
                         [defined for (_, defined), _w in pairs if defined])
            return
        self.emit("weighted = weights = 0.0")
        for (a, defined), w in pairs:
            self.when(defined, [f"weighted += {a} * {float(w)!r}", f"weights += {float(w)!r}"])
        self.emit(f"{target} = weighted / weights if weights > 0 else None")

    def item(self, op: s.Op) -> tuple[str, str | None]:
        """An item of a mean, sum, count or weighted mean, as (value, test that it is
        defined, or None if it always is). A question's value in one case is its above the
        line count (0 or 1) when it counted."""
        if isinstance(op, s.FigureValue) and op.question:
            i = tally_number(self.layout, op.node, op.above)
            return self.reads.above(f"w{i}"), f"w{i}"
        a, blank = self.atom(op)
        return a, (f"{a} is not None" if blank else None)

    def when(self, test: str | None, body: list[str]) -> None:
        if test:
            self.emit(f"if {test}:")
            body = ["    " + line for line in body]
        for line in body:
            self.emit(line)

    def guarded(self, target: str, code: str, guards: list[str]) -> None:
        self.emit(f"{target} = {code}" + (f" if {' and '.join(guards)} else None" if guards
                                           else ""))

    # ------------------------------------------------------------------ the function
    def body(self) -> str:
        self.lines = ["def _score_case(case, given):",
                      '    """score_case for a case and its inspection inputs read with `given`'
                      '."""']
        for line in cell_reads(self.reads) + answer_reads(self.reads, self.index):
            self.emit(line)
        self.applicability()
        for step in self.plan.steps:
            i = self.index[step.node]
            self.emit(f"# {where(step.span)}: {comment(self.fw.kind_of(step.node))} "
                      f"{comment(step.node)}")
            self.compute(step.op, f"v{i}")
            if step.applies is not None:  # not applicable, or unknown: undefined
                self.when(f"{self.truth_of(step.applies)} != 1.0", [f"v{i} = None"])
        self.result()
        return "\n".join(self.lines) + "\n"

    def applicability(self) -> None:
        """A question whose condition does not hold does not count (one test for the
        questions that share a condition); then the values of the questions that a figure
        reads as values."""
        groups: dict[str, tuple[list[str], list[str]]] = {}  # test -> (comments, tallies)
        for q in self.plan.questions:
            if q.condition is None or q.applies is None:
                continue
            i = self.index[q.id]
            test = self.truth(q.condition, True, holds=False)
            notes, tallies = groups.setdefault(test, ([], []))
            notes.append(f"# {where(q.span)}: question {comment(q.id)} applies when "
                         f"{comment(expression_text(q.applies))}")
            tallies.append(f"w{i}")
        for test, (notes, tallies) in groups.items():
            for note in notes:
                self.emit(note)
            self.emit(f"if {test}:")
            self.emit(f"    {' = '.join(tallies)} = 0")
        for line in recount_lines(self.layout):
            self.emit(line)
        for q in self.plan.questions:
            if q.id in self.reads.value_refs:
                i = self.index[q.id]
                self.emit(f"v{i} = _Q[w{i}]  # question {comment(q.id)}")

    def result(self) -> None:
        """The result, a copy of `_RESULT` (cheaper than a new dict of many figures, every
        value None) with every figure's value: a question's only if it counted."""
        fw = self.fw
        self.emit("out = _RESULT.copy()")
        for node, i in self.index.items():
            type_ = fw.figure_type(node)
            if node in fw.questions and node not in self.reads.value_refs:
                self.emit(f"if w{i}:  # counted (else None, as in _RESULT)")
                self.emit(f"    out[{node!r}] = _Q[w{i}]")
                continue
            if type_.kind == "rating" and type_.scale is not None:
                value = f"_LEVELS{self.reads.ratings[type_.scale]}[v{i}]"
            else:
                value = f"v{i}"
            self.emit(f"out[{node!r}] = {value}")
        self.emit("return out")

    def band_functions(self) -> str:
        """Each band that figures look up (`_BAND<k>`): its rows as a function of the value,
        memoised by value (`Memo`)."""
        out = []
        for band, k in self.bands.items():
            lines = band_lines(self.layout, band, "value", False, "out")
            out.append(f"def _band{k}(value):\n    # band {comment(band)}\n"
                       + "".join(f"    {line}\n" for line in lines) + "    return out\n\n\n"
                       f"_BAND{k} = Memo(_band{k})")
        return "\n\n\n".join(out)

    def sections(self) -> list[str]:
        body = self.body()  # first: it finds the bands
        return [case_tables(self.reads), self.band_functions(), body, ENTRY]


def unknown(atoms: list[tuple[str, bool]]) -> list[str]:
    """Guards that the atoms which may be undefined are defined."""
    return [f"{a} is not None" for a, blank in atoms if blank]

