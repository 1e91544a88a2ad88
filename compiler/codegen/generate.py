"""Evaluation plan → a standalone Python scoring module (`critc compile`).

The module needs only the standard library and NumPy. It holds the framework's tables as
plain data; a vectorised path for whole tables (`score`), with one function per
applicability condition and per figure in dependency order; and a straight-line
pure-Python path for one case (`score_case`, see `CaseWriter`). Every block of either path
has a comment naming the framework line it comes from. User text only ever reaches the
module through `repr`, so quotes, backslashes, newlines and unicode are safe. The same
plan always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import math
import pprint

from critc.compiler import __version__
from critc.compiler.model import framework as m
from critc.compiler.model.text import expression_text
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import BandTable, Plan

WIDTH = 99


def _body(package: str, module: str, after: str = "import numpy as np") -> str:
    """A runtime module's source after its `import numpy as np` (or `after`) line."""
    text = importlib.resources.files(package).joinpath(module).read_text("utf-8")
    return text.split(f"\n{after}\n", 1)[1].strip("\n")


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
    """The one escape for text that reaches a comment of generated code (paths, ids, labels,
    wording): `repr` escapes every line break Python knows (\\n, \\r, \\x0c, \\x85, \\u2028...)
    and every other unprintable character, so the text can never end the comment."""
    return repr(str(text))[1:-1] if text else ""


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
        """`path:line` for a comment; the path is user text (a file name, an include string)."""
        return comment(f"{span.path}:{span.line}")

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
        fields = tuple((f.id, f.cell_kind, self.field_spellings(f)) for f in fw.case_fields)
        inputs = tuple((f.id, f.cell_kind, self.field_spellings(f)) for f in fw.inputs)
        scales = {}
        for sc in fw.scales.values():
            status = plan.scales[sc.id]
            scales[sc.id] = (sc.codes, spellings_of(sc), s.counted_codes(status),
                             s.above_codes(status))
        questions = tuple((q.id, q.scale) for q in plan.questions)
        ratings = {r.id: (r.levels, tuple(r.points[lv] for lv in r.levels))
                   for r in fw.rating_scales.values()}
        bands = {b.id: (b.lows, b.low_inclusive, b.highs, b.high_inclusive, b.otherwise,
                        band_outputs(b), b.rounding.mode, b.rounding.places, b.percent)
                 for b in plan.bands.values()}
        figures = tuple((node, fw.figure_type(node).kind, fw.figure_type(node).scale)
                        for node in self.index)
        structure = self.structure()
        in_conditions = condition_fields(plan)
        # text fields that conditions compare (score reads no other text field unless it
        # groups by it: any text is a valid value, so there is nothing to check)
        text_read = tuple(f.id for f in fw.case_fields
                          if f.type.kind == "text" and f.id in in_conditions)
        parts = [
            ("METADATA", metadata), ("STRUCTURE", structure), ("FIELDS", fields),
            ("INPUTS", inputs), ("INSPECTION", fw.inspection), ("CASE_ID", fw.case_id),
            ("TEXT_READ", text_read),
            ("SCALES", scales), ("QUESTIONS", questions), ("RATINGS", ratings),
            ("BANDS", bands), ("FIGURES", figures),
        ]
        return "\n\n".join(f"{name} = {literal(value)}" for name, value in parts)

    def structure(self) -> dict:
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
        for q in self.plan.questions:
            if q.condition is None:
                continue
            i = self.index[q.id]
            code = self.test(q.condition)
            functions.setdefault(code, i)
            notes.setdefault(code, []).append(
                f"    # {self.where(q.span)}: "
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
            case s.FigureValue(node=node):
                return f"v[{self.index[node]}]"
            case s.InputNumber(field=name):
                return f"inp[{name!r}]"
            case s.Arith(op=arith, left=a, right=b):
                x, y = self.figure(a), self.figure(b)
                return f"divide({x}, {y})" if arith == "/" else f"({x} {arith} {y})"
            case s.Negate(operand=o):
                return f"(-{self.figure(o)})"
            case s.Reduce(function=fn, items=items):
                items_code = ", ".join(self.figure(i) for i in items)
                return f"{VECTOR_REDUCE[fn]}(np.vstack([{items_code}]))"
            case s.Pooled(questions=qs):
                idx = "(" + "".join(f"{self.index[q]}, " for q in qs) + ")"
                return f"proportion(num[:, {idx}].sum(axis=1), den[:, {idx}].sum(axis=1))"
            case s.WeightedMean(items=items, weights=weights, renormalise=renorm):
                items_code = ", ".join(self.figure(i) for i in items)
                return f"weighted_mean(np.vstack([{items_code}]), {tuple(weights)!r}, {renorm})"
            case s.Points(operand=o, points=points):
                return f"lookup({self.figure(o)}, {points!r})"
            case s.Band(band=band, operand=o):
                return f"band({self.figure(o)}, BANDS[{band!r}])"
        raise TypeError(type(op).__name__)

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
                       f"    return {self.figure(step.op)}\n")
            steps.append(f"    ({i}, _figure_{i}, {where!r}),")
        out.append("STEPS = (\n" + "\n".join(steps) + "\n)\n" if steps else "STEPS = ()\n")
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
            "# " + "-" * 76 + " shared runtime", _body("critc.compiler.engine", "runtime.py"),
            _body("critc.compiler.model", "cells.py", after="import datetime"),
            _body("critc.compiler.codegen", "module_runtime.py"), GLUE,
            "# " + "-" * 76 + " applicability", self.conditions(),
            "# " + "-" * 76 + " figures, in dependency order", self.figures(),
            "# " + "-" * 76 + " one case, in plain Python", *CaseWriter(self).sections(),
        ]
        return "\n\n\n".join(s.strip("\n") for s in sections) + "\n"


VECTOR_REDUCE = {"mean": "mean", "sum": "total", "count": "count", "min": "minimum",
                 "max": "maximum"}


def spellings_of(scale: m.Scale) -> dict[str, int]:
    """Every spelling of a scale's codes (the codes and their aliases) → code index."""
    spellings = {c: i for i, c in enumerate(scale.codes)}
    spellings.update({a: scale.codes.index(c) for a, c in scale.aliases.items()})
    return spellings


def band_outputs(table: BandTable) -> tuple:
    """What each row gives: a rating level's index, or the label itself."""
    return table.level_codes if table.gives else table.outputs


def condition_fields(plan: Plan) -> set[str]:
    """The fields and inputs that applicability conditions read."""
    return {v.field for q in plan.questions if q.condition is not None
            for v in s.case_values(q.condition) if isinstance(v, s.FieldValue)}


def case_code(constant: s.Code | s.TextCode) -> str:
    """A lowered constant as source for one case: its code, or the text itself."""
    return repr(constant.text if isinstance(constant, s.TextCode) else constant.value)


def table_code(constant: s.Code | s.TextCode) -> str:
    """A lowered constant as source for whole columns (text through the shared vocabulary)."""
    if isinstance(constant, s.TextCode):
        return f"vocab_code(vocab, {constant.field!r}, {constant.text!r})"
    return repr(constant.value)


def runtime_constant(name: str) -> str:
    """A constant of the embedded runtime (`engine/runtime.py`) as its source writes it, so
    the straight-line code for one case uses the very value the table path does."""
    text = importlib.resources.files("critc.compiler.engine").joinpath("runtime.py") \
        .read_text("utf-8")
    for line in text.splitlines():
        if line.startswith(f"{name} = "):
            return line.split("=", 1)[1].split("#", 1)[0].strip()
    raise LookupError(f"runtime.py defines no {name}")


# The negation of a comparison between two known values, and the comparison with its
# operands swapped (ratings order best first, so `a < b` on levels is `index a > index b`).
NEGATED = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
SWAPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
# Rounding for one case, as the runtime's ROUNDING rounds whole columns, with its EPSILON.
_EPS = runtime_constant("EPSILON")
ROUNDERS = {
    "half up": [f"r = _floor(y + 0.5 + {_EPS}) if y >= 0 else -_floor(-y + 0.5 + {_EPS})"],
    "half down": [f"r = _ceil(y - 0.5 - {_EPS}) if y >= 0 else -_ceil(-y - 0.5 - {_EPS})"],
    "half even": [f"r = _floor(y + {_EPS})",
                  f"r = r + (r % 2 != 0) if abs(y - r - 0.5) < {_EPS} else _floor(y + 0.5)"],
    "up": [f"r = _ceil(y - {_EPS})"],
    "down": [f"r = _floor(y + {_EPS})"],
}


class CaseWriter:
    """The plain-Python path for one case (`score_case`), as straight-line code.

    Every cell the module reads goes through a dict from spelling to code, built when the
    module is generated: an answer's spelling gives the pair (counted, above the line) at
    once. Conditions become Python boolean expressions over local variables (Kleene logic
    spelled out: a test on a blank is neither true nor false), and each figure a few
    statements over locals, in dependency order, with a comment naming its framework line.
    For one case a question's value is 1, 0 or undefined, so a mean of questions or a pooled
    figure is (above the line) / (counted) over integers. A spelling that is not in the
    tables (`TRUE`, 1.0, a date object, a typo) makes `score_case` check every cell the slow
    way, as `score` does, and either try again or raise ScoringError naming the column.
    """

    def __init__(self, gen: Generator):
        self.gen = gen
        self.fw = gen.fw
        self.plan = gen.plan
        self.index = gen.index
        self.case_fields = [f.id for f in self.fw.case_fields]
        self.inputs = gen.inputs
        self.scales = {sid: k for k, sid in enumerate(self.fw.scales)}
        self.ratings = {rid: k for k, rid in enumerate(self.fw.rating_scales)}
        self.bands = {bid: k for k, bid in enumerate(self.plan.bands)}
        self.lines: list[str] = []
        self.temps = 0
        ops = [step.op for step in self.plan.steps]
        self.answer_refs = {v.question for q in self.plan.questions if q.condition is not None
                            for v in s.case_values(q.condition) if isinstance(v, s.AnswerCode)}
        in_conditions = condition_fields(self.plan)
        self.formula_inputs = {x.field for op in ops for x in s.walk_ops(op)
                               if isinstance(x, s.InputNumber)}
        # the cells score_case reads: fields and inputs that some figure depends on
        self.case_reads = [f for f in self.fw.case_fields if f.id in in_conditions]
        self.input_reads = [f for f in self.fw.inputs
                            if f.id in in_conditions or f.id in self.formula_inputs]
        self.value_refs = set()  # questions whose own value a figure reads
        for op in ops:
            self._find_value_refs(op)

    def _find_value_refs(self, op: s.Op) -> None:
        if _question_mean(op) is not None:
            return
        if isinstance(op, s.FigureValue) and op.question:
            self.value_refs.add(op.node)
        for child in s.op_children(op):
            if not (_counts_items(op) and isinstance(child, s.FigureValue)):
                self._find_value_refs(child)

    # ------------------------------------------------------------------ tables
    def tables(self) -> str:
        fw, gen = self.fw, self.gen
        lines = []
        blanks = {None: None, "": None}
        for f in self.case_reads:
            k = self.case_fields.index(f.id)
            if f.type.kind in ("enum", "rating"):
                lines.append(f"_F{k} = {literal({**gen.field_spellings(f), **blanks})}")
            elif f.type.kind == "boolean":
                lines.append(f"_F{k} = {literal({**BOOLEAN_SPELLINGS, **blanks})}")
        for f in self.input_reads:
            k = self.inputs.index(f.id)
            if f.type.kind in ("enum", "rating"):
                lines.append(f"_I{k} = {literal({**gen.field_spellings(f), **blanks})}")
            elif f.type.kind == "boolean":
                lines.append(f"_I{k} = {literal({**BOOLEAN_SPELLINGS, **blanks})}")
        used_scales = {q.scale for q in self.plan.questions}
        code_scales = {self.plan.question(q).scale for q in self.answer_refs}
        for sid, k in self.scales.items():
            if sid not in used_scales:
                continue
            spellings, status = spellings_of(fw.scales[sid]), self.plan.scales[sid]
            pairs = {text: (int(status[i] != s.NOT_COUNTED), int(status[i] == s.ABOVE))
                     for text, i in spellings.items()}
            lines.append(f"# scale {comment(sid)}: spelling -> (counted, above the line)")
            lines.append(f"_S{k} = {literal({**pairs, None: (0, 0), '': (0, 0)})}")
            if sid in code_scales:
                lines.append(f"_C{k} = {literal({**spellings, **blanks})}")
        for rid, k in self.ratings.items():
            scale = fw.rating_scales[rid]
            names = {float(i): lv for i, lv in enumerate(scale.levels)}
            points = {float(i): _points(scale.points[lv]) for i, lv in enumerate(scale.levels)}
            lines.append(f"# rating scale {comment(rid)}: level index -> level, and its points")
            lines.append(f"_LEVELS{k} = {literal({**names, None: None})}")
            lines.append(f"_POINTS{k} = {literal({**points, None: None})}")
        lines.append(f"_CASE_CELLS = {self.cells()}")
        lines.append("_INPUT_CELLS = (" + "".join(
            f"INPUTS[{self.inputs.index(f.id)}], " for f in self.input_reads
            if f.type.kind in ("enum", "rating", "boolean")) + ")")
        lines.append("_NO_INPUTS = {}")
        lines.append("_floor, _ceil = math.floor, math.ceil")
        return "\n".join(lines)

    def cells(self) -> str:
        """The cells read through the tables, as (column, kind, spellings) for the slow way."""
        fields = "".join(f"FIELDS[{self.case_fields.index(f.id)}], " for f in self.case_reads
                         if f.type.kind in ("enum", "rating", "boolean"))
        return (f"({fields}) + tuple((qid, 'answer', SCALES[scale][1]) "
                "for qid, scale in QUESTIONS)")

    def band_lines(self, bid: str, value: str, blank: bool, target: str) -> list[str]:
        """Statements that leave the band's output for `value` in `target`: round as the
        band declares, then test each row in order (an `otherwise` row last)."""
        table = self.plan.bands[bid]
        outputs = band_outputs(table)
        result = outputs[table.otherwise] if table.otherwise >= 0 else None
        if not table.lows:  # only an `otherwise` row
            return [f"{target} = {result!r} if {value} is not None else None" if blank
                    else f"{target} = {result!r}"]
        scale = 10 ** table.rounding.places
        y = value + (" * 100.0" if table.percent else "") + \
            (f" * {float(scale)!r}" if scale != 1 else "")
        lines = [f"y = {y}", *ROUNDERS[table.rounding.mode]]
        x = "r"
        if scale != 1:
            x = "x"
            lines.append(f"x = r / {float(scale)!r}")
        for i, (low, low_inc, high, high_inc) in enumerate(zip(
                table.lows, table.low_inclusive, table.highs, table.high_inclusive,
                strict=True)):
            tests = []
            if math.isfinite(low):
                tests.append(f"{x} {'>=' if low_inc else '>'} {low!r}")
            if math.isfinite(high):
                tests.append(f"{x} {'<=' if high_inc else '<'} {high!r}")
            lines += [f"{'if' if i == 0 else 'elif'} {' and '.join(tests) or 'True'}:",
                      f"    {target} = {outputs[i]!r}"]
        lines += ["else:", f"    {target} = {result!r}"]
        if not blank:  # a constant
            return lines
        return [f"if {value} is None:", f"    {target} = None", "else:",
                *("    " + line for line in lines)]

    # ------------------------------------------------------------------ conditions
    def operand(self, value: s.CaseValue) -> tuple[str, bool]:
        """A per-case value as (local or constant, whether it may be blank): a case field
        is local f<k>, an inspection input i<k>, an answer code a<i>."""
        match value:
            case s.FieldValue(field=name, per_inspection=True):
                return f"i{self.inputs.index(name)}", True
            case s.FieldValue(field=name):
                return f"f{self.case_fields.index(name)}", True
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
            case s.FigureValue(node=node):
                return f"v{self.index[node]}", True
            case s.InputNumber(field=name, rating=rating):
                k = self.inputs.index(name)
                return (f"x{k}" if rating else f"i{k}"), True
        self.temps += 1
        name = f"t{self.temps}"
        self.compute(op, name)
        return name, True

    def emit(self, line: str) -> None:
        self.lines.append("    " + line)

    def compute(self, op: s.Op, target: str) -> None:
        """Statements that leave the figure's value (None if undefined) in `target`."""
        emit = self.emit
        questions = _question_mean(op)
        if questions is None and isinstance(op, s.Pooled):
            questions = op.questions
        if questions is not None:
            idx = [self.index[q] for q in questions]
            emit("answered = " + " + ".join(f"d{i}" for i in idx))
            emit(f"{target} = (" + " + ".join(f"n{i}" for i in idx)
                 + ") / answered if answered else None")
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
                emit(f"{target} = _POINTS{self.ratings[scale]}[{self.atom(o)[0]}]")
            case s.Band(band=band, operand=o):
                for line in self.band_lines(band, *self.atom(o), target):
                    emit(line)
            case _:
                raise TypeError(type(op).__name__)

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
        emit("total = 0.0" if fn != "count" else "count = 0")
        if fn != "count":
            emit("count = 0")
        for a, defined in values:
            self.when(defined, ([f"total += {a}"] if fn != "count" else []) + ["count += 1"])
        emit({"mean": f"{target} = total / count if count else None",
              "sum": f"{target} = total if count else None",
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
            i = self.index[op.node]
            return f"n{i}", f"d{i}"
        a, blank = self.atom(op)
        return a, (f"{a} is not None" if blank else None)

    def when(self, test: str | None, body: list[str]) -> None:
        if test:
            self.emit(f"if {test}:")
            body = ["    " + line for line in body]
        for line in body:
            self.emit(line)

    def guarded(self, target: str, code: str, guards: list[str]) -> None:
        if guards:
            self.emit(f"{target} = {code} if {' and '.join(guards)} else None")
        else:
            self.emit(f"{target} = {code}")

    # ------------------------------------------------------------------ the function
    def body(self) -> str:
        fw, gen, emit = self.fw, self.gen, self.emit
        self.lines = ["def _score_case(get, given):",
                      '    """score_case for cells read with `get` (case) and `given` '
                      '(inspection inputs)."""']
        emit("# case fields that conditions read (score_case reads no other field)")
        for f in self.case_reads:
            k = self.case_fields.index(f.id)
            if f.type.kind in ("enum", "rating", "boolean"):
                emit(f"f{k} = _F{k}[get({f.id!r})]")
            else:
                emit(f"f{k} = cell_value(FIELDS[{k}], get({f.id!r}))")
        if self.input_reads:
            emit("# inspection inputs that figures read")
        for f in self.input_reads:
            k = self.inputs.index(f.id)
            if f.type.kind in ("enum", "rating", "boolean"):
                emit(f"i{k} = _I{k}[given({f.id!r})]")
            else:
                emit(f"i{k} = cell_value(INPUTS[{k}], given({f.id!r}))")
            if f.id in self.formula_inputs and f.type.kind == "rating":
                emit(f"x{k} = None if i{k} is None else float(i{k})")
        emit("# answers: (counted, above the line); a condition can make a question not count")
        for q in self.plan.questions:
            i, k = self.index[q.id], self.scales[q.scale]
            if q.id in self.answer_refs:
                emit(f"a{i} = _C{k}[get({q.id!r})]")
            emit(f"d{i}, n{i} = _S{k}[get({q.id!r})]  # {gen.where(q.span)}: question "
                 f"{comment(q.id)}")
        for q in self.plan.questions:
            if q.condition is None:
                continue
            i = self.index[q.id]
            emit(f"# {gen.where(q.span)}: question {comment(q.id)} applies when "
                 f"{comment(expression_text(q.applies))}")
            emit(f"if {self.truth(q.condition, True, holds=False)}:")
            emit(f"    d{i} = n{i} = 0")
        for q in self.plan.questions:
            if q.id in self.value_refs:
                i = self.index[q.id]
                emit(f"v{i} = n{i} / d{i} if d{i} else None  # question {comment(q.id)}")
        for step in self.plan.steps:
            i = self.index[step.node]
            emit(f"# {gen.where(step.span)}: {comment(fw.kind_of(step.node))} "
                 f"{comment(step.node)}")
            self.compute(step.op, f"v{i}")
        emit("return {")
        for node, i in self.index.items():
            type_ = fw.figure_type(node)
            if node in fw.questions:
                value = f"v{i}" if node in self.value_refs else f"n{i} / d{i} if d{i} else None"
            elif type_.kind == "rating":
                value = f"_LEVELS{self.ratings[type_.scale]}[v{i}]"
            else:
                value = f"v{i}"
            emit(f"    {node!r}: {value},")
        emit("}")
        return "\n".join(self.lines) + "\n"

    def sections(self) -> list[str]:
        entry = '''def score_case(case, inputs=None):
    """Score one case (a dict) as an inspection of its own, in plain Python. `inputs` are
    its inspection's inputs ({input: value})."""
    try:
        return _score_case(case.get, (inputs or _NO_INPUTS).get)
    except (KeyError, TypeError):  # a spelling the tables do not hold: check every cell
        case, inputs = checked_cells(case, inputs, _CASE_CELLS, _INPUT_CELLS)
        return _score_case(case.get, inputs.get)
'''
        return [self.tables(), self.body(), entry]


def _counts_items(op: s.Op) -> bool:
    """Whether the figure reads a question item as (counted, above the line)."""
    return isinstance(op, s.WeightedMean) or (
        isinstance(op, s.Reduce) and op.function in ("mean", "sum", "count"))


def _question_mean(op: s.Op) -> tuple[str, ...] | None:
    """The questions of a mean over questions only (for one case, a pooled ratio)."""
    if isinstance(op, s.Reduce) and op.function == "mean" and op.items and all(
            isinstance(i, s.FigureValue) and i.question for i in op.items):
        return tuple(i.node for i in op.items if isinstance(i, s.FigureValue))
    return None


def _points(value):
    return None if value is None else float(value)


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
    group, keys = group_of(encoded, vocab, FIELDS, by, n)
    inp = _inspection_inputs(inputs, keys, vocab)
    case_inputs = _per_case(inp, group)
    computed = {}
    for condition in CONDITIONS.values():  # each distinct condition once
        if condition not in computed:
            computed[condition] = condition(encoded, answers, case_inputs, vocab)
    applicable = [computed[CONDITIONS[i]] if i in CONDITIONS else None
                  for i in range(len(QUESTIONS))]  # None: applies to every case
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
