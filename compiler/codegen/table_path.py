"""The vectorised path of a generated module: `score()` over whole columns with NumPy.

One function per distinct applicability condition (`_applies_<i>`, giving the masks of
cases it holds for) and one per figure in dependency order (`_figure_<i>`), each with a
comment naming its framework line; `GLUE` ties them to the embedded runtimes.
"""

from __future__ import annotations

from critc.compiler.codegen.python_text import comment, where
from critc.compiler.codegen.tables import Layout
from critc.compiler.model.text import expression_text
from critc.compiler.plan import steps as s

VECTOR_REDUCE = {"mean": "mean", "sum": "total", "count": "count", "min": "minimum",
                 "max": "maximum"}


def table_code(constant: s.Code | s.TextCode) -> str:
    """A lowered constant as source for whole columns (text through the shared vocabulary)."""
    if isinstance(constant, s.TextCode):
        return f"vocab_code(vocab, {constant.field!r}, {constant.text!r})"
    return repr(constant.value)


class TableWriter:
    """Source for the table path's conditions and figures."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.index = layout.index

    # ------------------------------------------------------------------ conditions
    def leaf(self, value: s.CaseValue) -> str:
        """A per-case value over whole columns: a (values, missing) pair."""
        match value:
            case s.FieldValue(field=name, per_inspection=per_inspection):
                origin = "ic" if per_inspection else "c"
                return f"{origin}[{name!r}], missing({origin}[{name!r}])"
            case s.AnswerCode(index=i):
                return f"a[:, {i}], a[:, {i}] < 0"
            case s.Code() | s.TextCode():
                return f"np.asarray({table_code(value)}), False"
            case s.CaseArith(op=op, left=left, right=right):
                return f"*v_arith({op!r}, {self.leaf(left)}, {self.leaf(right)})"
            case s.CaseNegate(operand=o):
                return f"*v_neg({self.leaf(o)})"
        raise TypeError(type(value).__name__)

    def test(self, test: s.Test) -> str:
        match test:
            case s.AllOf(tests=tests) | s.AnyOf(tests=tests):
                fn = "all_of" if isinstance(test, s.AllOf) else "any_of"
                return f"{fn}(" + ", ".join(self.test(t) for t in tests) + ")"
            case s.NotOf(test=t):
                return f"negation({self.test(t)})"
            case s.Compare(op=op, left=left, right=right, descending=descending):
                a, b = self.leaf(left), self.leaf(right)
                if descending:
                    a, b = f"*v_neg({a})", f"*v_neg({b})"
                return f"compare({op!r}, {a}, {b})"
            case s.Member(operand=operand, codes=codes, negated=negated):
                listed = "(" + "".join(table_code(c) + ", " for c in codes) + ")"
                return f"member({self.leaf(operand)}, {listed}, {negated})"
            case s.Truthy(operand=operand):
                return f"truthy({self.leaf(operand)})"
        raise TypeError(type(test).__name__)

    def conditions(self) -> str:
        """One function per distinct applicability condition, with a comment naming each
        question that uses it; `score` computes each once."""
        functions: dict[str, int] = {}  # condition code -> its function's number
        notes: dict[str, list[str]] = {}
        table = []
        for q in self.layout.plan.questions:
            if q.condition is None or q.applies is None:
                continue
            i = self.index[q.id]
            code = self.test(q.condition)
            functions.setdefault(code, i)
            notes.setdefault(code, []).append(
                f"    # {where(q.span)}: "
                f"{comment(f'question {q.id}: applies when {expression_text(q.applies)}')}")
            table.append(f"{i}: _applies_{functions[code]}")
        out = [f"def _applies_{i}(c, a, ic, vocab):\n" + "\n".join(notes[code]) + "\n"
               f"    return {code}[0]\n" for code, i in functions.items()]
        out.append(f"CONDITIONS = {{{', '.join(table)}}}\n")
        return "\n\n".join(out)

    # ------------------------------------------------------------------ figures
    def figure(self, op: s.Op) -> str:
        match op:
            case s.Number(value=v):
                return f"np.full(size, {v!r})"
            case s.FigureValue(node=node, above=above) if above is not None:
                column = self.layout.plan.column(node, above)  # counted as this figure says
                return f"proportion(num[:, {column}], den[:, {column}])"
            case s.FigureValue(node=node):
                return f"v[{self.index[node]}]"
            case s.InputNumber(field=name):
                return f"inp[{name!r}]"
            case s.Arith(op=arith, left=a, right=b):
                x, y = self.figure(a), self.figure(b)
                return f"divide({x}, {y})" if arith == "/" else f"({x} {arith} {y})"
            case s.Negate(operand=o):
                return f"(-{self.figure(o)})"
            case s.Reduce(function=fn, items=items, strict=strict, when=when):
                items_code = ", ".join(self.figure(i) for i in items)
                if when:  # items that may not apply: applies.py's APPLIES_GLUE
                    tests = "".join(f"{'None' if t is None else self.figure(t)}, " for t in when)
                    return (f"v_total({VECTOR_REDUCE[fn]}, np.vstack([{items_code}]), "
                            f"({tests}), {strict})")
                if strict:
                    return f"v_strict({VECTOR_REDUCE[fn]}, np.vstack([{items_code}]))"
                return f"{VECTOR_REDUCE[fn]}(np.vstack([{items_code}]))"
            case s.Pooled(questions=qs):
                columns = [self.layout.plan.column(q, op.above_of(i)) for i, q in enumerate(qs)]
                idx = "(" + "".join(f"{c}, " for c in columns) + ")"
                return f"proportion(num[:, {idx}].sum(axis=1), den[:, {idx}].sum(axis=1))"
            case s.WeightedMean(items=items, weights=weights, renormalise=renorm):
                items_code = ", ".join(self.figure(i) for i in items)
                return f"weighted_mean(np.vstack([{items_code}]), {tuple(weights)!r}, {renorm})"
            case s.Points(operand=o, points=points):
                return f"lookup({self.figure(o)}, {points!r})"
            case s.Band(band=band, operand=o):
                return f"band({self.figure(o)}, BANDS[{band!r}])"
        return self.choice(op)

    def choice(self, op: s.Op) -> str:
        """`first of`, `if ... then ... else` and the tests in formulas (truth values)."""
        match op:
            case s.FirstOf(items=items):
                return f"v_first(np.vstack([{', '.join(self.figure(i) for i in items)}]))"
            case s.Choose(condition=c, then=a, otherwise=b):
                return f"v_choose({self.figure(c)}, {self.figure(a)}, {self.figure(b)})"
            case s.FigureCompare(op=compare, left=a, right=b, descending=descending):
                x, y = self.figure(a), self.figure(b)
                if descending:  # levels are listed best first
                    x, y = f"(-{x})", f"(-{y})"
                return f"v_compare({compare!r}, {x}, {y})"
            case s.FigureMember(operand=o, codes=codes, negated=negated):
                return f"v_member({self.figure(o)}, {codes!r}, {negated})"
            case s.FigureLogic(op=logic, operands=ops):
                fn = "all_of" if logic == "and" else "any_of"
                tests = ", ".join(f"v_truth({self.figure(o)})" for o in ops)
                return f"v_value({fn}({tests}))"
            case s.FigureNot(operand=o):
                return f"v_value(negation(v_truth({self.figure(o)})))"
        raise TypeError(type(op).__name__)

    def figures(self) -> str:
        fw = self.layout.fw
        out, steps = [], []
        for step in self.layout.plan.steps:
            i = self.index[step.node]
            kind = fw.kind_of(step.node)
            title = fw.aggregates[step.node].title if step.node in fw.aggregates else None
            note = comment(f"{kind} {step.node}" + (f" {title!r}" if title else ""))
            located = f"{where(step.span)} ({kind} {step.node})"
            value = self.figure(step.op)
            if step.applies is not None:  # not applicable, or unknown: undefined
                value = f"v_choose({self.figure(step.applies)}, {value}, np.full(size, np.nan))"
            out.append(f"def _figure_{i}(v, num, den, inp, size):\n"
                       f"    # {where(step.span)}: {note}\n"
                       f"    return {value}\n")
            steps.append(f"    ({i}, _figure_{i}, {located!r}),")
        out.append("STEPS = (\n" + "\n".join(steps) + "\n)\n" if steps else "STEPS = ()\n")
        return "\n\n".join(out)


# NumPy takes about 100 ms to import; `score_case` does not need it, so it is imported
# the first time the table path uses it.
LAZY_NUMPY = '''class _LazyNumPy:
    """Imports NumPy on first use, so importing this module stays fast."""

    def __getattr__(self, name):
        numpy = importlib.import_module("numpy")
        globals()["np"] = numpy
        return getattr(numpy, name)


np = _LazyNumPy()'''


# The part of every module that ties the tables to the runtime.
GLUE = '''
def v_arith(op, a, a_missing, b, b_missing):
    out = divide(a, b) if op == "/" else {"+": np.add, "-": np.subtract,
                                          "*": np.multiply}[op](np.asarray(a, float), b)
    return out, np.asarray(a_missing) | np.asarray(b_missing) | np.isnan(out)


def v_neg(a, a_missing):
    return -np.asarray(a, float), a_missing


def v_strict(reduce, rows):
    """A sum or mean that is undefined where any of its inputs is."""
    return np.where(np.isnan(rows).any(axis=0), np.nan, reduce(rows))


def v_first(rows):
    defined = ~np.isnan(rows)
    out = rows[defined.argmax(axis=0), np.arange(rows.shape[1])]
    return np.where(defined.any(axis=0), out, np.nan)


def v_choose(holds, then, otherwise):
    return np.where(np.isnan(holds), np.nan, np.where(holds == 1.0, then, otherwise))


def v_truth(x):
    return truthy(x, np.isnan(x))


def v_value(test):
    true, false = test
    return np.where(true, 1.0, np.where(false, 0.0, np.nan))


def v_compare(op, a, b):
    return v_value(compare(op, a, np.isnan(a), b, np.isnan(b)))


def v_member(a, codes, negated):
    return v_value(member(a, np.isnan(a), list(codes), negated))


def vocab_code(vocab, name, value):
    words = vocab.get(name, [])
    return words.index(value) if value in words else -2


def band(values, table):
    lows, low_inc, highs, high_inc, otherwise, outputs, mode, places, percent = table
    shown = values * 100.0 if percent else values
    row = band_index(ROUNDING[mode](shown, places), lows, low_inc, highs, high_inc, otherwise)
    if isinstance(outputs[0], float):
        return lookup(row, outputs)
    return row


def group_of(encoded, vocab, by, n):
    """(inspection index per case, keys) for grouping by a case field, or all together."""
    if by is None:
        return np.zeros(n, dtype=np.int64), ["all cases"]
    if by not in encoded:
        raise ScoringError(f"cannot group by {by!r}: not a case field")
    return group_index(encoded[by], key_label(FIELDS, vocab, by), np.int64)


def _inspection_inputs(inputs, keys, vocab):
    """Per inspection, each input as a float: a number, a date as days, a code (text in the
    shared vocabulary); NaN for a blank or an inspection without inputs."""
    out = {}
    for name, kind, spellings in INPUTS:
        column = [(inputs or {}).get(key, {}).get(name) for key in keys]
        values = [_encode_one(kind, spellings, _text(v), f"inputs, {name!r}") for v in column]
        if kind == "text":
            index = {w: i for i, w in enumerate(vocab[name])}
            values = [index[v] if v != -1 else -1 for v in values]
        values = np.asarray(values, dtype=float)
        if kind not in ("number", "integer", "date"):
            values[values < 0] = np.nan
        out[name] = values
    return out


def _input_texts(inputs):
    """Every text inspection input's values, to join the case fields' vocabulary."""
    return {name: [_text(row.get(name)) for row in (inputs or {}).values()]
            for name, kind, _spellings in INPUTS if kind == "text"}


def _per_case(inp, group):
    """Inspection inputs spread over cases, encoded as case fields are (codes, -1 blank)."""
    out = {}
    for name, kind, _spellings in INPUTS:
        values = inp[name][group]
        out[name] = values if kind in ("number", "integer", "date") else \
            np.where(np.isnan(values), -1, values).astype(np.int64)
    return out


def score(records, by=None, inputs=None):
    """Score a table of cases; returns {inspection key: {figure id: value}}."""
    n, columns = as_columns(records)
    by = by if by is not None else INSPECTION
    encoded, vocab, answers = encode(columns, n, FIELDS, QUESTIONS, SCALES,
                                     _input_texts(inputs), (*TEXT_READ, by))
    group, keys = group_of(encoded, vocab, by, n)
    inp = _inspection_inputs(inputs, keys, vocab)
    case_inputs = _per_case(inp, group)
    computed = {}
    for condition in CONDITIONS.values():  # each distinct condition once
        if condition not in computed:
            computed[condition] = condition(encoded, answers, case_inputs, vocab)
    applicable = [computed[CONDITIONS[i]] if i in CONDITIONS else None
                  for i in range(len(QUESTIONS))]  # None: applies to every case
    lookups = {scale: status_lookup(status) for scale, (_codes, _spellings, status)
               in SCALES.items()}
    num, den = counts(answers, applicable, group, len(keys), lookups, QUESTIONS)
    values = [None] * len(FIGURES)
    with np.errstate(invalid="ignore", divide="ignore"):
        proportions = proportion(num, den)
    for i in range(len(QUESTIONS)):
        values[i] = proportions[:, i]
    run_steps(STEPS, values, num, den, inp, len(keys))
    return {key: {FIGURES[i][0]: decode(FIGURES, RATINGS, BANDS, i, float(values[i][g]))
                  for i in range(len(FIGURES))}
            for g, key in enumerate(keys)}
'''
