"""What `score_case` reads first: the cells of the case fields and inspection inputs that
figures depend on, and each answer's tally, as lines of its body (locals f<k>, i<k>, x<k>,
w<i>, a<i>, as `case_path.CaseWriter` names them).

The cells read through a table (enumerations, ratings, booleans) and the answers are taken
from the case at once (`operator.itemgetter`, one C call each) and the answers of a scale
looked up at once too, since one Python statement per cell costs more than the lookup.
A missing column raises KeyError there, and `score_case` then reads the case the slow,
checked way (where a missing cell is blank).
"""

from __future__ import annotations

from critc.compiler.codegen.case_tables import CaseReads
from critc.compiler.codegen.python_text import comment, where

TABLED = ("enum", "rating", "boolean")  # cells read through a table from spelling to code


def cell_reads(reads: CaseReads) -> list[str]:
    """Locals for the case fields and inspection inputs that something reads: the fields
    read through a table at once (`_FIELD_CELLS`, one C call), each then looked up."""
    out: list[str] = []
    emit = out.append
    emit("# case fields that conditions read (score_case reads no other field)")
    tabled = [f for f in reads.case_reads if f.type.kind in TABLED]
    names = [f"f{reads.case_fields.index(f.id)}" for f in tabled]
    if len(tabled) > 1:
        emit(f"{', '.join(names)} = _FIELD_CELLS(case)")
    elif tabled:
        emit(f"{names[0]} = case.get({tabled[0].id!r})")
    for name in names:
        emit(f"{name} = _{name.upper()}[{name}]")
    if len(tabled) < len(reads.case_reads):
        emit("get = case.get")
    for f in reads.case_reads:
        if f.type.kind not in TABLED:
            k = reads.case_fields.index(f.id)
            emit(f"f{k} = cell_value(FIELDS[{k}], get({f.id!r}))")
    if reads.input_reads:
        emit("# inspection inputs that figures read")
    for f in reads.input_reads:
        k = reads.inputs.index(f.id)
        if f.type.kind in TABLED:
            emit(f"i{k} = _I{k}[given({f.id!r})]")
        else:
            emit(f"i{k} = cell_value(INPUTS[{k}], given({f.id!r}))")
        if f.id in reads.formula_inputs and f.type.kind == "rating":
            emit(f"x{k} = None if i{k} is None else float(i{k})")
    return out


def answer_reads(reads: CaseReads, index: dict[str, int]) -> list[str]:
    """Each question's tally (the answers of a scale looked up at once, one C call), and
    the codes that conditions read."""
    out: list[str] = []
    emit, questions = out.append, reads.layout.plan.questions
    emit(f"# answers: tallies (1 if it counts, + {1 << reads.bits} if above the line); "
         "a condition can make a question not count")
    if len(questions) > 1:
        emit("answers = _ANSWERS(case)")
    elif questions:
        emit(f"answers = (case[{questions[0].id!r}],)")
    by_scale: dict[int, list[int]] = {}
    for q in questions:
        i, k = index[q.id], reads.scales[q.scale]
        by_scale.setdefault(k, []).append(i)
        emit(f"# w{i}: {where(q.span)}: question {comment(q.id)}")
    for k, idx in by_scale.items():
        if len(idx) == 1:
            emit(f"w{idx[0]} = _S{k}[answers[{idx[0]}]]")
        elif len(idx) == len(questions) and idx == sorted(idx) == list(range(len(idx))):
            emit(f"{', '.join(f'w{i}' for i in idx)} = _itemgetter(*answers)(_S{k})")
        else:
            cells = ", ".join(f"answers[{i}]" for i in idx)
            emit(f"{', '.join(f'w{i}' for i in idx)} = _itemgetter({cells})(_S{k})")
    for q in questions:
        if q.id in reads.answer_refs:
            i, k = index[q.id], reads.scales[q.scale]
            emit(f"a{i} = _C{k}[answers[{i}]]")
    return out
