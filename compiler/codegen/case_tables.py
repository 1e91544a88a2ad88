"""What the one-case path (`score_case`) reads, and the tables it reads it through.

Every cell `score_case` reads goes through a dict from spelling to code, built when the
module is generated: an answer's spelling gives its tally at once, one integer holding
whether it counts and whether it is above the line (`CaseReads.tally`), so that a sum of
tallies over questions holds both counts.
Bands round as the runtime's ROUNDING does, with the runtime's EPSILON as written.
"""

from __future__ import annotations

import importlib.resources
import math

from critc.compiler.codegen.python_text import comment, literal
from critc.compiler.codegen.recount_path import recount_tables
from critc.compiler.codegen.tables import Layout, band_outputs, condition_fields, spellings_of
from critc.compiler.plan import steps as s

BOOLEAN_SPELLINGS = {"true": 1, "false": 0, "yes": 1, "no": 0, "1": 1, "0": 0, True: 1,
                     False: 0}


def runtime_constant(name: str) -> str:
    """A constant of the embedded runtime (`engine/runtime.py`) as its source writes it, so
    the straight-line code for one case uses the very value the table path does."""
    text = importlib.resources.files("critc.compiler.engine").joinpath("runtime.py") \
        .read_text("utf-8")
    for line in text.splitlines():
        if line.startswith(f"{name} = "):
            return line.split("=", 1)[1].split("#", 1)[0].strip()
    raise LookupError(f"runtime.py defines no {name}")


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


def counts_items(op: s.Op) -> bool:
    """Whether the figure reads a question item as (counted, above the line)."""
    return isinstance(op, s.WeightedMean) or (
        isinstance(op, s.Reduce) and op.function in ("mean", "sum", "count"))


QuestionUse = tuple[str, tuple[int, ...] | None]  # a question, and its own above set here


def question_mean(op: s.Op) -> tuple[QuestionUse, ...] | None:
    """The questions of a mean over questions only (for one case, a pooled ratio), each
    with the codes above the line there if not its scale's."""
    if isinstance(op, s.Reduce) and op.function == "mean" and op.items and all(
            isinstance(i, s.FigureValue) and i.question for i in op.items):
        return tuple((i.node, i.above) for i in op.items if isinstance(i, s.FigureValue))
    return None


class CaseReads:
    """The cells, codes and question values that `score_case` reads, and the numbering of
    its tables (`_F<k>` case fields, `_I<k>` inputs, `_S<k>`/`_C<k>` scales, `_LEVELS<k>`
    and `_POINTS<k>` rating scales)."""

    def __init__(self, layout: Layout):
        plan, fw = layout.plan, layout.fw
        self.layout = layout
        self.case_fields = [f.id for f in fw.case_fields]
        self.inputs = layout.inputs
        self.scales = {sid: k for k, sid in enumerate(fw.scales)}
        self.ratings = {rid: k for k, rid in enumerate(fw.rating_scales)}
        ops = [op for step in plan.steps for op in step.ops()]
        self.answer_refs = {v.question for q in plan.questions if q.condition is not None
                            for v in s.case_values(q.condition) if isinstance(v, s.AnswerCode)}
        in_conditions = condition_fields(plan)
        self.formula_inputs = {x.field for op in ops for x in s.walk_ops(op)
                               if isinstance(x, s.InputNumber)}
        # the cells score_case reads: fields and inputs that some figure depends on
        self.case_reads = [f for f in fw.case_fields if f.id in in_conditions]
        self.input_reads = [f for f in fw.inputs
                            if f.id in in_conditions or f.id in self.formula_inputs]
        # a tally is 1 if the answer counts, plus K = 2**bits if it is above the line: a sum
        # over questions is (counted) + K * (above the line), as counted < K
        self.bits = max(1, len(plan.questions).bit_length())
        self.value_refs: set[str] = set()  # questions whose own value a figure reads
        for op in ops:
            self._find_value_refs(op)

    def tally(self, status: int) -> int:
        """The tally of an answer with this status (the plan's status per code)."""
        if status == s.ABOVE:
            return 1 + (1 << self.bits)
        return 0 if status == s.NOT_COUNTED else 1

    def counted(self, tally: str) -> str:
        """Source for the number of counted answers in a tally (or a sum of tallies)."""
        return f"({tally} & {(1 << self.bits) - 1})"

    def above(self, tally: str) -> str:
        """Source for the number of answers above the line in a tally (or a sum of them)."""
        return f"({tally} >> {self.bits})"

    def _find_value_refs(self, op: s.Op) -> None:
        if question_mean(op) is not None:
            return
        if isinstance(op, s.FigureValue) and op.question and op.above is None:
            self.value_refs.add(op.node)
        for child in s.op_children(op):
            if not (counts_items(op) and isinstance(child, s.FigureValue)):
                self._find_value_refs(child)


def case_tables(reads: CaseReads) -> str:
    """The spelling tables of the cells score_case reads, and its rating tables."""
    layout = reads.layout
    lines = []
    blanks = {None: None, "": None}
    cells = [("_F", reads.case_fields.index(f.id), f) for f in reads.case_reads] + \
            [("_I", reads.inputs.index(f.id), f) for f in reads.input_reads]
    for prefix, k, f in cells:
        if f.type.kind in ("enum", "rating"):
            lines.append(f"{prefix}{k} = {literal({**layout.field_spellings(f), **blanks})}")
        elif f.type.kind == "boolean":
            lines.append(f"{prefix}{k} = {literal({**BOOLEAN_SPELLINGS, **blanks})}")
    lines += scale_tables(reads)
    lines += recount_tables(layout, reads.tally)
    above = reads.tally(s.ABOVE)
    lines.append(f"_Q = (None, 0.0) + (None,) * {above - 2} + (1.0,)  # a question's value "
                 "by tally (a tuple: indexed faster than a dict)")
    for rid, k in reads.ratings.items():
        scale = layout.fw.rating_scales[rid]
        names = {float(i): lv for i, lv in enumerate(scale.levels)}
        points = {float(i): _points(scale.points[lv]) for i, lv in enumerate(scale.levels)}
        lines.append(f"# rating scale {comment(rid)}: level index -> level, and its points")
        lines.append(f"_LEVELS{k} = {literal({**names, None: None})}")
        lines.append(f"_POINTS{k} = {literal({**points, None: None})}")
    lines.append(f"_CASE_CELLS = {checked_cells(reads)}")
    lines.append("_INPUT_CELLS = (" + "".join(
        f"INPUTS[{reads.inputs.index(f.id)}], " for f in reads.input_reads
        if f.type.kind in ("enum", "rating", "boolean")) + ")")
    lines.append("_NO_INPUTS = {}")
    lines.append("_floor, _ceil = math.floor, math.ceil")
    lines += ["", "", "def _fraction(tally):",
              '    """A mean of questions for one case by its sum of tallies: above the line / '
              'counted."""',
              f"    counted = {reads.counted('tally')}",
              f"    return {reads.above('tally')} / counted if counted else None", "", "",
              "_FRACTION = Memo(_fraction)"]
    lines += answer_tables(reads)
    return "\n".join(lines)


def scale_tables(reads: CaseReads) -> list[str]:
    """Per answer scale: spelling → tally, and spelling → code for the
    scales whose codes a condition reads."""
    plan = reads.layout.plan
    lines = []
    used_scales = {q.scale for q in plan.questions}
    code_scales = {plan.question(q).scale for q in reads.answer_refs}
    for sid, k in reads.scales.items():
        if sid not in used_scales:
            continue
        spellings, status = spellings_of(reads.layout.fw.scales[sid]), plan.scales[sid]
        tallies = {text: reads.tally(status[i]) for text, i in spellings.items()}
        lines.append(f"# scale {comment(sid)}: spelling -> tally (1 if it counts, "
                     f"+ {1 << reads.bits} if above the line)")
        lines.append(f"_S{k} = {literal({**tallies, None: 0, '': 0})}")
        if sid in code_scales:
            lines.append(f"_C{k} = {literal({**spellings, None: None, '': None})}")
    return lines


def answer_tables(reads: CaseReads) -> list[str]:
    """The answers of a case at once (`_ANSWERS`, one C call), the case fields read through
    tables (`_FIELD_CELLS`), and the result's keys in order (`_RESULT`, copied for each
    case: cheaper than building a dict of 200 figures)."""
    lines = ["_itemgetter = operator.itemgetter"]
    if len(reads.layout.plan.questions) > 1:
        lines.append("_ANSWERS = operator.itemgetter(*(qid for qid, _scale in QUESTIONS))")
    tabled = [f for f in reads.case_reads if f.type.kind in ("enum", "rating", "boolean")]
    if len(tabled) > 1:  # the case fields read through tables, at once (one C call)
        lines.append("_FIELD_CELLS = operator.itemgetter(" + "".join(
            f"FIELDS[{reads.case_fields.index(f.id)}][0], " for f in tabled) + ")")
    lines.append("_RESULT = dict.fromkeys(node for node, _kind, _scale in FIGURES)")
    return lines


def checked_cells(reads: CaseReads) -> str:
    """The cells read through the tables, as (column, kind, spellings) for the slow way."""
    fields = "".join(f"FIELDS[{reads.case_fields.index(f.id)}], " for f in reads.case_reads
                     if f.type.kind in ("enum", "rating", "boolean"))
    return (f"({fields}) + tuple((qid, 'answer', SCALES[scale][1]) "
            "for qid, scale in QUESTIONS)")


def _points(value):
    return None if value is None else float(value)


def band_lines(layout: Layout, bid: str, value: str, blank: bool, target: str) -> list[str]:
    """Statements that leave the band's output for `value` in `target`: round as the band
    declares, then test each row in order (an `otherwise` row last)."""
    table = layout.plan.bands[bid]
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
            table.lows, table.low_inclusive, table.highs, table.high_inclusive, strict=True)):
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
