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
                if scalar:
                    return self.local(name)
                return f"{origin}[{name!r}], missing({origin}[{name!r}])"
            case m.AnswerRef(question=q):
                i = self.index[q]
                return f"a{i}" if scalar else f"a[:, {i}], a[:, {i}] < 0"
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
        table = ", ".join(f"{self.index[q.id]}: _applies_{self.index[q.id]}"
                          for q in self.plan.questions if q.condition is not None)
        out.append(f"CONDITIONS = {{{table}}}\n")
        return "\n\n".join(out)

    # ------------------------------------------------------------------ figures
    def figure(self, expr: m.Expr, scalar: bool) -> str:
        match expr:
            case m.Const(value=v):
                return repr(float(v)) if scalar else f"np.full(size, {float(v)!r})"
            case m.FigureRef(node=node):
                return f"v{self.index[node]}" if scalar else f"v[{self.index[node]}]"
            case m.FieldRef(field=name):
                return f"x{self.inputs.index(name)}" if scalar else f"inp[{name!r}]"
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
                    nums = "".join(f"n{self.index[q]}, " for q in qs)
                    dens = "".join(f"d{self.index[q]}, " for q in qs)
                    return f"s_pool(({nums}), ({dens}))"
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
                if scalar:
                    return f"_band_{self.band_number(band)}({self.figure(o, scalar)})"
                return f"band({self.figure(o, scalar)}, BANDS[{band!r}])"
        raise TypeError(type(expr).__name__)

    def figures(self) -> str:
        out, steps = [], []
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
            steps.append(f"    ({i}, _figure_{i}, {where!r}),")
        out.append("STEPS = (\n" + "\n".join(steps) + "\n)\n" if steps else "STEPS = ()\n")
        return "\n\n".join(out)

    # ------------------------------------------------------------------ one case
    def local(self, name: str) -> str:
        """The local variable holding a case field (f) or inspection input (i) in score_case."""
        field = self.fw.fields[name]
        if field.origin == "inspection":
            return f"i{self.inputs.index(name)}"
        return f"f{[f.id for f in self.fw.case_fields].index(name)}"

    def band_number(self, band: str) -> int:
        return list(self.plan.bands).index(band)

    def band_functions(self) -> str:
        """One plain-Python function per band: round as declared, then test each row."""
        out = []
        for k, table in enumerate(self.plan.bands.values()):
            scale = 10 ** table.rounding.places
            factor = 100.0 * scale if table.percent else float(scale)
            if table.rounding.mode == "half up":
                rounded = [f"    y = value * {factor!r}",
                           "    x = (math.floor(y + 0.5 + 1e-9) if y >= 0 else "
                           f"-math.floor(-y + 0.5 + 1e-9)) / {float(scale)!r}"]
            else:
                shown = f"value * {100.0 if table.percent else 1.0!r}"
                rounded = [f"    x = s_round({shown}, {table.rounding.mode!r}, "
                           f"{table.rounding.places!r})"]
            outputs = table.outputs
            if table.gives:
                levels = self.fw.rating_scales[table.gives].levels
                outputs = tuple(float(levels.index(o)) for o in table.outputs)
            lines = [f"def _band_{k}(value):", f"    # {self.where(table.span)}: band "
                     f"{comment(table.id)}", "    if value is None:", "        return None",
                     *rounded]
            for i, (low, low_inc, high, high_inc) in enumerate(zip(
                    table.lows, table.low_inclusive, table.highs, table.high_inclusive,
                    strict=True)):
                tests = []
                if math.isfinite(low):
                    tests.append(f"x {'>=' if low_inc else '>'} {low!r}")
                if math.isfinite(high):
                    tests.append(f"x {'<=' if high_inc else '<'} {high!r}")
                result = outputs[i] if table.gives else float(i)
                lines += [f"    if {' and '.join(tests) or 'True'}:", f"        return {result!r}"]
            if table.otherwise >= 0:
                result = outputs[table.otherwise] if table.gives else float(table.otherwise)
                lines.append(f"    return {result!r}")
            else:
                lines.append("    return None")
            out.append("\n".join(lines) + "\n")
        return "\n\n".join(out)

    def used_fields(self) -> set[str]:
        used = set()
        for q in self.plan.questions:
            if q.condition is not None:
                used |= {x.field for x in m.walk(q.condition) if isinstance(x, m.FieldRef)}
        return used

    def case_tables(self) -> str:
        """Spelling tables for score_case: each maps a cell to its code, blanks to None."""
        lines = []
        blanks = {None: None, "": None}
        for k, f in enumerate(self.fw.case_fields):
            if f.type.kind in ("enum", "rating"):
                lines.append(f"_F{k} = {literal({**self.field_spellings(f), **blanks})}")
            elif f.type.kind == "boolean":
                lines.append(f"_F{k} = {literal({**BOOLEAN_SPELLINGS, **blanks})}")
        for k, f in enumerate(self.fw.inputs):
            if f.type.kind in ("enum", "rating"):
                lines.append(f"_I{k} = {literal({**self.field_spellings(f), **blanks})}")
        for k, scale in enumerate(self.fw.scales.values()):
            spellings = {c: i for i, c in enumerate(scale.codes)}
            spellings.update({a: scale.codes.index(c) for a, c in scale.aliases.items()})
            valid = frozenset(i for i, c in enumerate(scale.codes)
                              if c not in scale.not_applicable)
            above = frozenset(i for i, c in enumerate(scale.codes) if c in scale.above)
            lines.append(f"_S{k} = {literal({**spellings, **blanks})}")
            lines.append(f"_V{k} = {literal(valid)}")
            lines.append(f"_A{k} = {literal(above)}")
        return "\n".join(lines)

    def score_case(self) -> str:
        fw = self.fw
        body = ['def score_case(case, inputs=None):',
                '    """Score one case (a dict) as an inspection of its own, in plain Python."""',
                "    get = case.get"]
        used = self.used_fields()
        for k, f in enumerate(fw.case_fields):
            if f.id not in used:
                continue
            spec = f"FIELDS[{k}]"
            if f.type.kind in ("enum", "rating", "boolean"):
                body += [f"    f{k} = _F{k}.get(get({f.id!r}), _SLOW)",
                         f"    if f{k} is _SLOW:",
                         f"        f{k} = slow_value({spec}, get({f.id!r}))"]
            else:
                body.append(f"    f{k} = slow_value({spec}, get({f.id!r}))")
        if fw.inputs:
            body.append("    given = inputs or {}")
        for k, f in enumerate(fw.inputs):
            spec = f"INPUTS[{k}]"
            if f.type.kind in ("enum", "rating"):
                body += [f"    i{k} = _I{k}.get(given.get({f.id!r}), _SLOW)",
                         f"    if i{k} is _SLOW:",
                         f"        i{k} = slow_value({spec}, given.get({f.id!r}))"]
            else:
                body.append(f"    i{k} = slow_value({spec}, given.get({f.id!r}))")
            body.append(f"    x{k} = None if i{k} is None else float(i{k})")
        scale_index = {sid: k for k, sid in enumerate(fw.scales)}
        for q in self.plan.questions:
            i, k = self.index[q.id], scale_index[q.scale]
            body += [f"    a{i} = _S{k}.get(get({q.id!r}), _SLOW)",
                     f"    if a{i} is _SLOW:",
                     f"        a{i} = slow_value(({q.id!r}, 'answer', SCALES[{q.scale!r}][1]), "
                     f"get({q.id!r}))"]
        for q in self.plan.questions:
            i, k = self.index[q.id], scale_index[q.scale]
            test = f"a{i} in _V{k}"
            if q.condition is not None:
                test += f" and {self.test(q.condition, True)} is True"
            body += [f"    # {self.where(q.span)}: question {comment(q.id)}",
                     f"    d{i} = 1 if {test} else 0",
                     f"    n{i} = 1 if d{i} and a{i} in _A{k} else 0",
                     f"    v{i} = float(n{i}) if d{i} else None"]
        for step in self.plan.steps:
            i = self.index[step.node]
            body += [f"    # {self.where(step.span)}: {comment(fw.kind_of(step.node))} "
                     f"{comment(step.node)}",
                     f"    v{i} = {self.figure(step.expr, True)}"]
        body.append("    return {")
        for node, i in self.index.items():
            type_ = fw.figure_type(node)
            value = f"v{i}"
            if type_.kind == "rating":
                value = f"name_of(RATINGS[{type_.scale!r}][0], v{i})"
            elif type_.kind == "label":
                value = f"name_of(BANDS[{type_.scale!r}][5], v{i})"
            body.append(f"        {node!r}: {value},")
        body.append("    }")
        return "\n".join(body) + "\n"

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
            "# " + "-" * 76 + " one case, in plain Python", self.case_tables(),
            self.band_functions(), self.score_case(),
        ]
        return "\n\n\n".join(s.strip("\n") for s in sections) + "\n"


BOOLEAN_SPELLINGS = {"true": 1, "false": 0, "yes": 1, "no": 0, "1": 1, "0": 0, True: 1,
                     False: 0}

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
'''


def generate(plan: Plan, source_name: str, source_text: str) -> str:
    return Generator(plan, source_name, source_text).module()
