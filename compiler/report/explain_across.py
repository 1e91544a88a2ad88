"""`critc explain` of a figure across inspections: its formula, and for each figure it
combines, the value of every inspection (or, pooled, the cases of all of them together).
As data (`explain_lines.Line`), as a figure of one inspection is explained.

Kept apart from `report/explain.py`, which explains a figure of one inspection.
"""

from __future__ import annotations

import numpy as np
from critc.compiler.engine.evaluate import Results
from critc.compiler.io.values import labels_for, shown
from critc.compiler.model import framework as m
from critc.compiler.model.text import expression_text, reference_text
from critc.compiler.report.across_values import Combination, combination, pooled_figures
from critc.compiler.report.explain_lines import Line, source_line
from critc.compiler.report.wording import plural

MAX_INSPECTIONS_LISTED = 20


def across_line(results: Results, node: str, sources: dict[str, str]) -> Line:
    """How figure `node`, computed across inspections, was formed."""
    fw = results.plan.framework
    step = next(st for st in results.plan.across if st.node == node)
    value = results.across.values.get(node, np.nan)
    tree = Line.of(reference_text(fw, node), "name")
    title = fw.across[node].title if node in fw.across else None
    if title:
        tree.append(f' "{title}"')
    tree.append(f"  {shown(fw, node, value)}", "value")
    tree.append(f"  across {plural(results.across.inspections, 'inspection')}", "note")
    for band, text in labels_for(results, node, 0):
        tree.append(f"\n  band {band}: {text}", "band")
    span = step.source.span
    tree.add(f"{span.path}:{span.line}: {source_line(sources, span)}", "note")
    tree.add(f"= {expression_text(step.source, fw)}", "name")
    pooled = pooled_figures(results)
    for expr in m.walk(step.source):
        if isinstance(expr, m.Across):
            tree.add(_combined(results, combination(results, expr, pooled)))
    return tree


def _combined(results: Results, c: Combination) -> Line:
    total = f" ({plural(c.cases, 'case')})" if c.cases is not None else ""
    if c.pooled:
        return Line.of(f"{c.name} over the cases of every inspection together{total} = "
                       f"{c.result}")
    branch = Line.of(f"{c.function} of {c.name} over "
                     f"{plural(len(c.inspections), 'inspection')} ({c.rule}) = {c.result}")
    for i in c.inspections[:MAX_INSPECTIONS_LISTED]:
        mark = "" if i.defined else "  (undefined)"
        branch.add(f"{i.key}: {i.shown}{mark}")
    if len(c.inspections) > MAX_INSPECTIONS_LISTED:
        more = len(c.inspections) - MAX_INSPECTIONS_LISTED
        branch.add(f"... and {more} more", "note")
    return branch
