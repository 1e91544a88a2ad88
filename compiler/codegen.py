"""Evaluation plan → a standalone Python scoring module (`critc compile`).

The module needs only the standard library and NumPy. It holds the framework's tables as
plain data, one function per applicability condition and per figure (in dependency order,
each with a comment naming the framework line it comes from), a vectorised path for
whole tables (`score`) and a pure-Python path for one case (`score_case`). User text only
ever reaches it through `repr`, so quotes, backslashes, newlines and unicode are safe.
The same plan always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import math
import pprint

from critc.compiler import __version__
from critc.compiler import model as m
from critc.compiler.cases import date_number
from critc.compiler.plan import Plan

WIDTH = 99


def _body(module: str) -> str:
    """A runtime module's source after its `import numpy as np` line."""
    text = importlib.resources.files("critc.compiler").joinpath(module).read_text("utf-8")
    return text.split("\nimport numpy as np\n", 1)[1].strip("\n")


class _Source:
    """A value that prints as the given source text (for math.inf)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _safe(value):
    if isinstance(value, float) and not math.isfinite(value):
        return _Source("math.nan" if math.isnan(value) else
                       ("math.inf" if value > 0 else "-math.inf"))
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_safe(v) for v in value)
    return value


def literal(value) -> str:
    """Python source for plain data; deterministic, and only `repr` touches user text."""
    return pprint.pformat(_safe(value), width=WIDTH, sort_dicts=False)


def comment(text: str) -> str:
    """User text made safe for a one-line comment."""
    return repr(text)[1:-1] if text else ""


class Generator:
    def __init__(self, plan: Plan, source_name: str, source_text: str):
        self.plan = plan
        self.fw = plan.framework
        self.source_name = source_name
        self.source_text = source_text
        self.index = {q.id: i for i, q in enumerate(plan.questions)}
        for step in plan.steps:
            self.index[step.node] = len(self.index)
        self.inputs = [f.id for f in self.fw.inputs]

    # ------------------------------------------------------------------ tables
    def where(self, span) -> str:
        return f"{span.path}:{span.line}"

    def field_spellings(self, field: m.Field) -> dict:
        if field.type.kind == "enum":
            return {v: i for i, v in enumerate(field.type.values)}
        if field.type.kind == "rating":
            return {v: i for i, v in enumerate(self.fw.rating_scales[field.type.scale].levels)}
        return {}

    def tables(self) -> str:
        fw, plan = self.fw, self.plan
        h = fw.header
        metadata = {
            "name": h.name, "version": h.version,
            "effective_from": h.effective_from.isoformat() if h.effective_from else None,
            "effective_to": h.effective_to.isoformat() if h.effective_to else None,
            "source": self.source_name,
            "source_sha256": hashlib.sha256(self.source_text.encode("utf-8")).hexdigest(),
            "compiler": f"critc {__version__}",
        }
        fields = tuple((f.id, f.type.kind, self.field_spellings(f)) for f in fw.case_fields)
        inputs = tuple((f.id, f.type.kind, self.field_spellings(f)) for f in fw.inputs)
        scales = {}
        for s in fw.scales.values():
            spellings = {c: i for i, c in enumerate(s.codes)}
            spellings.update({a: s.codes.index(c) for a, c in s.aliases.items()})
            scales[s.id] = (s.codes, spellings,
                            tuple(i for i, c in enumerate(s.codes) if c not in s.not_applicable),
                            tuple(i for i, c in enumerate(s.codes) if c in s.above))
        questions = tuple((q.id, q.scale) for q in plan.questions)
        ratings = {r.id: (r.levels, tuple(r.points[lv] for lv in r.levels))
                   for r in fw.rating_scales.values()}
        bands = {}
        for b in plan.bands.values():
            outputs = b.outputs
            if b.gives:
                levels = fw.rating_scales[b.gives].levels
                outputs = tuple(float(levels.index(o)) for o in b.outputs)
            bands[b.id] = (b.lows, b.low_inclusive, b.highs, b.high_inclusive, b.otherwise,
                           outputs if b.gives else b.outputs, b.rounding.mode,
                           b.rounding.places, b.percent)
        figures = tuple((node, fw.figure_type(node).kind, fw.figure_type(node).scale)
                        for node in self.index)
        structure = self.structure()
        parts = [
            ("METADATA", metadata), ("STRUCTURE", structure), ("FIELDS", fields),
            ("INPUTS", inputs), ("INSPECTION", fw.inspection), ("CASE_ID", fw.case_id),
            ("SCALES", scales), ("QUESTIONS", questions), ("RATINGS", ratings),
            ("BANDS", bands), ("FIGURES", figures),
        ]
        return "\n\n".join(f"{name} = {literal(value)}" for name, value in parts)

    def structure(self) -> dict:
        from critc.compiler.explain import expression_text

        fw = self.fw
        return {
            "questions": [{"id": q.id, "text": q.text, "role": q.role, "scale": q.scale,
                           "tags": list(q.tags), "parent": q.parent,
                           "applies_when": expression_text(q.applies, fw) if q.applies else None}
                          for q in fw.questions.values()],
            "aggregates": [{"id": a.id, "kind": a.kind, "title": a.title, "parent": a.parent,
                            "children": list(a.children), "type": a.type.kind,
                            "formula": expression_text(a.formula, fw) if a.formula else None}
                           for a in fw.aggregates.values()],
            "bands": [{"id": b.id, "title": b.title, "gives": b.gives,
                       "rows": [{"when": r.describe(), "gives": r.output} for r in b.rows]}
                      for b in fw.bands.values()],
            "labels": [{"id": a.id, "band": a.band, "figure": a.target}
                       for a in fw.applications.values()],
        }

    # ------------------------------------------------------------------ conditions
    def const_code(self, expr: m.Const, operand: m.Expr, scalar: bool) -> str:
        kind = expr.type.kind
        value = expr.value
        if kind == "enum":
            return repr(expr.type.values.index(value)) if value in expr.type.values else "-2"
        if kind == "rating":
            levels = self.fw.rating_scales[expr.type.scale].levels
            return repr(levels.index(value)) if value in levels else "-2"
        if kind == "date":
            return repr(date_number(value))
        if kind == "boolean":
            return "1" if value else "0"
        if kind == "text":
            if scalar:
                return repr(value)
            name = operand.field if isinstance(operand, m.FieldRef) else None
            return f"vocab_code(vocab, {name!r}, {value!r})"
        return repr(float(value))

    def leaf(self, expr: m.Expr, other: m.Expr | None, scalar: bool) -> str:
        """A per-case value: vector mode gives a (values, missing) pair."""
        match expr:
            case m.FieldRef(field=name):
                origin = "ic" if self.fw.fields[name].origin == "inspection" else "c"
                return f"{origin}[{name!r}]" if scalar else \
                    f"{origin}[{name!r}], missing({origin}[{name!r}])"
            case m.AnswerRef(question=q):
                i = self.index[q]
                return f"a[{i}]" if scalar else f"a[:, {i}], a[:, {i}] < 0"
            case m.Const():
                code = self.const_code(expr, other or expr, scalar)
                return code if scalar else f"np.asarray({code}), False"
            case m.Arith(op=op, left=left, right=right):
                if scalar:
                    return f"s_arith({op!r}, {self.leaf(left, None, True)}, " \
                           f"{self.leaf(right, None, True)})"
                return f"*v_arith({op!r}, {self.leaf(left, None, False)}, " \
                       f"{self.leaf(right, None, False)})"
            case m.Negate(operand=o):
                return f"s_neg({self.leaf(o, None, True)})" if scalar else \
                    f"*v_neg({self.leaf(o, None, False)})"
        raise TypeError(type(expr).__name__)

    def test(self, expr: m.Expr, scalar: bool) -> str:
        s = "s_" if scalar else ""
        match expr:
            case m.Logic(op=op, operands=ops):
                fn = ("s_all" if scalar else "all_of") if op == "and" else \
                    ("s_any" if scalar else "any_of")
                return f"{fn}(" + ", ".join(self.test(o, scalar) for o in ops) + ")"
            case m.Not(operand=o):
                return f"{'s_not' if scalar else 'negation'}({self.test(o, scalar)})"
            case m.Compare(op=op, left=left, right=right):
                a = self.leaf(left, right, scalar)
                b = self.leaf(right, left, scalar)
                if op not in ("=", "!=") and left.type.kind == "rating":
                    a = f"s_neg({a})" if scalar else f"*v_neg({a})"
                    b = f"s_neg({b})" if scalar else f"*v_neg({b})"
                return f"{s}compare({op!r}, {a}, {b})"
            case m.InSet(operand=operand, values=values, negated=negated):
                codes = "(" + "".join(
                    self.const_code(m.Const(value=v, type=operand.type), operand, scalar) + ", "
                    for v in values) + ")"
                return f"{s}member({self.leaf(operand, None, scalar)}, {codes}, {negated})"
        return f"{s}truthy({self.leaf(expr, None, scalar)})"

    def conditions(self) -> str:
        out = []
        for q in self.plan.questions:
            if q.condition is None:
                continue
            i = self.index[q.id]
            from critc.compiler.explain import expression_text

            note = comment(f"question {q.id}: applies when {expression_text(q.condition)}")
            out.append(f"def _applies_{i}(c, a, ic, vocab):\n"
                       f"    # {self.where(q.span)}: {note}\n"
                       f"    return {self.test(q.condition, False)}[0]\n")
            out.append(f"def _case_applies_{i}(c, a, ic):\n"
                       f"    # {self.where(q.span)}\n"
                       f"    return {self.test(q.condition, True)} is True\n")
        table = ", ".join(f"{self.index[q.id]}: _applies_{self.index[q.id]}"
                          for q in self.plan.questions if q.condition is not None)
        case_table = ", ".join(f"{self.index[q.id]}: _case_applies_{self.index[q.id]}"
                               for q in self.plan.questions if q.condition is not None)
        out.append(f"CONDITIONS = {{{table}}}\n")
        out.append(f"CASE_CONDITIONS = {{{case_table}}}\n")
        return "\n\n".join(out)

    # ------------------------------------------------------------------ figures
    def figure(self, expr: m.Expr, scalar: bool) -> str:
        match expr:
            case m.Const(value=v):
                return repr(float(v)) if scalar else f"np.full(size, {float(v)!r})"
            case m.FigureRef(node=node):
                return f"v[{self.index[node]}]"
            case m.FieldRef(field=name):
                return f"inp[{name!r}]"
            case m.Arith(op=op, left=a, right=b):
                x, y = self.figure(a, scalar), self.figure(b, scalar)
                if scalar:
                    return f"s_arith({op!r}, {x}, {y})"
                return f"divide({x}, {y})" if op == "/" else f"({x} {op} {y})"
            case m.Negate(operand=o):
                return f"s_neg({self.figure(o, scalar)})" if scalar else \
                    f"(-{self.figure(o, scalar)})"
            case m.Reduce(function=fn, items=items):
                if expr.type.kind == "rating":
                    fn = {"min": "max", "max": "min"}[fn]
                items_code = ", ".join(self.figure(i, scalar) for i in items)
                if scalar:
                    return f"s_{fn}([{items_code}])"
                vector = {"mean": "mean", "sum": "total", "count": "count", "min": "minimum",
                          "max": "maximum"}[fn]
                return f"{vector}(np.vstack([{items_code}]))"
            case m.Pooled(questions=qs):
                idx = "(" + "".join(f"{self.index[q]}, " for q in qs) + ")"
                if scalar:
                    return f"s_ratio(num, den, {idx})"
                return f"proportion(num[:, {idx}].sum(axis=1), den[:, {idx}].sum(axis=1))"
            case m.WeightedMean(items=items, weights=weights, renormalise=renorm):
                items_code = ", ".join(self.figure(i, scalar) for i in items)
                if scalar:
                    return f"s_weighted([{items_code}], {tuple(weights)!r}, {renorm})"
                return f"weighted_mean(np.vstack([{items_code}]), {tuple(weights)!r}, {renorm})"
            case m.Points(operand=o):
                scale = self.fw.rating_scales[o.type.scale]
                table = tuple(scale.points[lv] for lv in scale.levels)
                fn = "s_lookup" if scalar else "lookup"
                return f"{fn}({self.figure(o, scalar)}, {table!r})"
            case m.BandOf(band=band, operand=o):
                fn = "s_band" if scalar else "band"
                return f"{fn}({self.figure(o, scalar)}, BANDS[{band!r}])"
        raise TypeError(type(expr).__name__)

    def figures(self) -> str:
        out, steps, case_steps = [], [], []
        for step in self.plan.steps:
            i = self.index[step.node]
            kind = self.fw.kind_of(step.node)
            title = self.fw.aggregates[step.node].title if step.node in self.fw.aggregates \
                else None
            note = comment(f"{kind} {step.node}" + (f" {title!r}" if title else ""))
            where = f"{self.where(step.span)} ({kind} {step.node})"
            out.append(f"def _figure_{i}(v, num, den, inp, size):\n"
                       f"    # {self.where(step.span)}: {note}\n"
                       f"    return {self.figure(step.expr, False)}\n")
            out.append(f"def _case_figure_{i}(v, num, den, inp):\n"
                       f"    # {self.where(step.span)}\n"
                       f"    return {self.figure(step.expr, True)}\n")
            steps.append(f"    ({i}, _figure_{i}, {where!r}),")
            case_steps.append(f"    ({i}, _case_figure_{i}),")
        out.append("STEPS = (\n" + "\n".join(steps) + "\n)\n" if steps else "STEPS = ()\n")
        out.append("CASE_STEPS = (\n" + "\n".join(case_steps) + "\n)\n" if case_steps
                   else "CASE_STEPS = ()\n")
        return "\n\n".join(out)

    # ------------------------------------------------------------------ module
    def module(self) -> str:
        header = (
            f"# Generated by critc {__version__} from {comment(self.source_name)}; do not edit.\n"
            f"# Framework: {comment(self.fw.header.name or '')} "
            f"(version {comment(self.fw.header.version or '')}).\n"
            "# Regenerate with `critc compile`; compare METADATA['source_sha256'] with the\n"
            "# framework file to see whether this module is current.\n")
        doc = '''"""A scoring module generated by critc from a framework file.

Needs only Python 3.11+ and NumPy. `METADATA` names the framework, its version, its
effective dates and the hash of its source; `STRUCTURE` lists its questions, aggregates
and bands as plain data.

    score(records, by=None, inputs=None) -> {inspection: {figure id: value}}
    score_case(case, inputs=None) -> {figure id: value}

`records` is a dict of columns or a list of dicts, one per case, with a value per case
field and per question (answers as the scale's codes or declared aliases). `by` groups
cases (default: the framework's inspection field). `inputs` maps each inspection to its
inspection inputs. Scores are fractions (0.75 is 75%), undefined ones None; ratings
and band labels are given by name; band labels are keyed "band[figure]".
"""'''
        sections = [
            header + doc,
            "import datetime\nimport importlib\nimport math\nimport operator\n\n\n"
            + LAZY_NUMPY + "\n\n\n# " + "-" * 76 + " framework tables", self.tables(),
            "# " + "-" * 76 + " shared runtime", _body("runtime.py"),
            _body("module_runtime.py"), GLUE,
            "# " + "-" * 76 + " applicability", self.conditions(),
            "# " + "-" * 76 + " figures, in dependency order", self.figures(),
        ]
        return "\n\n\n".join(s.strip("\n") for s in sections) + "\n"


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


def _inspection_inputs(inputs, keys):
    out = {}
    for name, kind, spellings in INPUTS:
        column = [(inputs or {}).get(key, {}).get(name) for key in keys]
        values = np.asarray([_encode_one(kind, spellings, _text(v), f"inputs, {name!r}")
                             for v in column], dtype=float)
        if kind not in ("number", "date"):
            values[values < 0] = np.nan
        out[name] = values
    return out


def _per_case(inp, group):
    """Inspection inputs spread over cases, encoded as case fields are (codes, -1 blank)."""
    out = {}
    for name, kind, _spellings in INPUTS:
        values = inp[name][group]
        out[name] = values if kind in ("number", "date") else \
            np.where(np.isnan(values), -1, values).astype(np.int64)
    return out


def score(records, by=None, inputs=None):
    """Score a table of cases; returns {inspection key: {figure id: value}}."""
    n, columns = as_columns(records)
    encoded, vocab, answers = encode(columns, n, FIELDS, QUESTIONS, SCALES)
    group, keys = group_of(encoded, vocab, FIELDS, by if by is not None else INSPECTION, n)
    inp = _inspection_inputs(inputs, keys)
    case_inputs = _per_case(inp, group)
    applicable = [CONDITIONS[i](encoded, answers, case_inputs, vocab) if i in CONDITIONS
                  else np.ones(n, dtype=bool) for i in range(len(QUESTIONS))]
    num, den = counts(answers, applicable, group, len(keys), SCALES, QUESTIONS)
    values = [None] * len(FIGURES)
    with np.errstate(invalid="ignore", divide="ignore"):
        proportions = proportion(num, den)
    for i in range(len(QUESTIONS)):
        values[i] = proportions[:, i]
    run_steps(STEPS, values, num, den, inp, len(keys))
    return {key: {FIGURES[i][0]: decode(FIGURES, RATINGS, BANDS, i, float(values[i][g]))
                  for i in range(len(FIGURES))}
            for g, key in enumerate(keys)}


def score_case(case, inputs=None):
    """Score one case (a dict) as an inspection of its own, in plain Python."""
    c = {}
    for name, kind, spellings in FIELDS:
        value = _encode_one(kind, spellings, _text(case.get(name)), f"field {name!r}")
        c[name] = None if value == -1 or (isinstance(value, float) and math.isnan(value)) \\
            else value
    ic = {}
    for name, kind, spellings in INPUTS:
        value = _encode_one(kind, spellings, _text((inputs or {}).get(name)), f"{name!r}")
        ic[name] = None if value == -1 or (isinstance(value, float) and math.isnan(value)) \\
            else value
    a, num, den = [], [], []
    for qid, scale in QUESTIONS:
        code = _encode_one("answer", SCALES[scale][1], _text(case.get(qid)), f"{qid!r}")
        a.append(None if code == -1 else code)
    values = [None] * len(FIGURES)
    for i, (_qid, scale) in enumerate(QUESTIONS):
        code = a[i]
        counted = code is not None and code in SCALES[scale][2] and \\
            (i not in CASE_CONDITIONS or CASE_CONDITIONS[i](c, a, ic))
        num.append(1 if counted and code in SCALES[scale][3] else 0)
        den.append(1 if counted else 0)
        values[i] = float(num[i]) if counted else None
    inp = {name: (None if value is None else float(value)) for name, value in ic.items()}
    for i, function in CASE_STEPS:
        values[i] = function(values, num, den, inp)
    return {FIGURES[i][0]: decode(FIGURES, RATINGS, BANDS, i, values[i])
            for i in range(len(FIGURES))}
'''


def generate(plan: Plan, source_name: str, source_text: str) -> str:
    return Generator(plan, source_name, source_text).module()
