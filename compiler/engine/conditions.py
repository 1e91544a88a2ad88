"""Applicability conditions over a block of cases: the lowered tests (`plan.steps.Test`)
evaluated over columns, three-valued (a blank makes a test unknown, and an unknown
condition does not hold)."""

from __future__ import annotations

import numpy as np
from critc.compiler.engine import runtime
from critc.compiler.engine.cases import CaseTable
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import Plan

ARITH = {"+": np.add, "-": np.subtract, "*": np.multiply}


class Conditions:
    """Evaluates lowered applicability tests (`plan.steps.Test`) over one block of rows."""

    def __init__(self, plan: Plan, table: CaseTable, inputs: dict[str, np.ndarray],
                 rows: np.ndarray | slice, group: np.ndarray):
        self.plan = plan
        self.table = table
        self.inputs = inputs
        self.rows = rows
        self.group = group
        self.memo: dict = {}

    def holds(self, test: s.Test) -> np.ndarray:
        """Where the condition is known to be true."""
        if test not in self.memo:
            self.memo[test] = self.truth(test)[0]
        return self.memo[test]

    def truth(self, test: s.Test) -> tuple[np.ndarray, np.ndarray]:
        """(known true, known false) masks."""
        match test:
            case s.AllOf(tests=tests):
                return runtime.all_of(*[self.truth(t) for t in tests])
            case s.AnyOf(tests=tests):
                return runtime.any_of(*[self.truth(t) for t in tests])
            case s.NotOf(test=t):
                return runtime.negation(self.truth(t))
            case s.Compare(op=op, left=left, right=right):
                a, a_missing = self.value(left)
                b, b_missing = self.value(right)
                if test.text:
                    b = self._one_vocabulary(left, right, b)
                if test.descending:
                    a, b = -a, -b  # levels are listed best first
                return runtime.compare(op, a, a_missing, b, b_missing)
            case s.Member(operand=operand, codes=codes, negated=negated):
                a, a_missing = self.value(operand)
                return member(a, a_missing, [self.code(c) for c in codes], negated)
            case s.Truthy(operand=operand):
                return runtime.truthy(*self.value(operand))
        raise TypeError(f"not a test: {type(test).__name__}")

    def _one_vocabulary(self, left: s.CaseValue, right: s.CaseValue, b):
        """Text is coded in each field's own vocabulary: a second text field is recoded in
        the vocabulary of the field it is compared with."""
        if isinstance(left, s.FieldValue) and isinstance(right, s.FieldValue) \
                and left.field != right.field:
            index = {w: i for i, w in enumerate(self.table.vocab.get(left.field, ()))}
            words = self.table.vocab.get(right.field, ())
            recode = np.asarray([index.get(w, -3) for w in words] + [-1], dtype=np.int64)
            return recode[np.where(b < 0, len(words), b)]
        return b

    def value(self, value: s.CaseValue) -> tuple[np.ndarray, np.ndarray]:
        """(values, missing) for a per-case value, encoded as in `cases`."""
        match value:
            case s.FieldValue(field=name, per_inspection=per_inspection):
                if per_inspection:
                    column = self.inputs[name][self.group]
                else:
                    column = self.table.fields[name][self.rows]
                return column, runtime.missing(column)
            case s.AnswerCode(index=index):
                column = self.table.answers[self.rows, index]
                return column, column < 0
            case s.Code() | s.TextCode():
                return np.asarray(self.code(value)), np.asarray(False)
            case s.CaseArith(op=op, left=left, right=right):
                a, am = self.value(left)
                b, bm = self.value(right)
                out = runtime.divide(a, b) if op == "/" else ARITH[op](a.astype(float), b)
                missing = am | bm | np.isnan(out)
                return out, missing
            case s.CaseNegate(operand=o):
                a, missing = self.value(o)
                return -a.astype(float), missing
        raise TypeError(f"not a per-case value: {type(value).__name__}")

    def code(self, constant: s.Code | s.TextCode):
        """A constant's code; text in the vocabulary of the field it is compared with."""
        if isinstance(constant, s.Code):
            return constant.value
        vocab = self.table.vocab.get(constant.field, ()) if constant.field else ()
        return vocab.index(constant.text) if constant.text in vocab else -2


def member(a, a_missing, codes, negated):
    """As `runtime.member`, with one comparison per code: `np.isin` costs several times
    more on the few codes of a condition."""
    if len(codes) > 8:
        return runtime.member(a, a_missing, codes, negated)
    hit = np.zeros(np.shape(a), dtype=bool)
    for code in codes:
        hit |= a == code
    if negated:
        hit = ~hit
    known = ~np.asarray(a_missing)
    return known & hit, known & ~hit
