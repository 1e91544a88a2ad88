"""The part of a generated module for aggregates with `applies when` (issue 16, item 5):
totals that leave out the items that do not apply. It is written into a module only when
its plan has such a total, so other modules stay as they were."""

from __future__ import annotations

from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import Plan

APPLIES_GLUE = '''
def v_total(reduce, rows, tests, strict):
    """A total whose items whose test is false (0.0) do not apply and are left out; a
    strict sum or mean is undefined where an item that applies is."""
    kept = np.vstack([np.ones(rows.shape[1], bool) if t is None else t != 0.0
                      for t in tests])
    out = reduce(np.where(kept, rows, np.nan))
    return np.where((np.isnan(rows) & kept).any(axis=0), np.nan, out) if strict else out
'''


def needs_glue(plan: Plan) -> bool:
    return any(isinstance(op, s.Reduce) and op.when
               for step in plan.steps for root in step.ops() for op in s.walk_ops(root))
