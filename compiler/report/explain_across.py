"""`critc explain` of a figure across inspections: its formula, and for each figure it
combines, the value of every inspection (or, pooled, the cases of all of them together).

Kept apart from `report/explain.py`, which explains a figure of one inspection.
"""

from __future__ import annotations

import numpy as np
from critc.compiler.engine.across import REDUCE, pooled_values
from critc.compiler.engine.evaluate import Figures, Results
from critc.compiler.io.values import defined, labels_for, shown
from critc.compiler.model import framework as m
from critc.compiler.model.text import expression_text, reference_text
from critc.compiler.report.explain import source_line
from critc.compiler.report.wording import plural
from rich.text import Text
from rich.tree import Tree

MAX_INSPECTIONS_LISTED = 20


def across_tree(results: Results, node: str, sources: dict[str, str]) -> Tree:
    """How figure `node`, computed across inspections, was formed."""
    fw = results.plan.framework
    step = next(st for st in results.plan.across if st.node == node)
    value = results.across.values.get(node, np.nan)
    label = Text()
    label.append(reference_text(fw, node), style="bold")
    title = fw.across[node].title if node in fw.across else None
    if title:
        label.append(f' "{title}"')
    label.append(f"  {shown(fw, node, value)}", style="bold cyan")
    label.append(f"  across {plural(results.across.inspections, 'inspection')}", style="dim")
    for band, text in labels_for(results, node, 0):
        label.append(f"\n  band {band}: {text}", style="magenta")
    tree = Tree(label)
    span = step.source.span
    tree.add(Text(f"{span.path}:{span.line}: {source_line(sources, span)}", style="dim"))
    tree.add(Text(f"= {expression_text(step.source, fw)}", style="bold"))
    pooled = pooled_values(results.plan, *results.columns(), Figures)
    for expr in m.walk(step.source):
        if isinstance(expr, m.Across):
            tree.add(_combined(results, expr, pooled))
    return tree


def _combined(results: Results, expr: m.Across, pooled: dict[str, np.ndarray]) -> Tree:
    fw = results.plan.framework
    figure = expr.figure.node
    name = reference_text(fw, figure)
    cases = results.cases.get(figure)
    total = f" ({plural(int(cases.sum()), 'case')})" if cases is not None else ""
    if expr.function == "pooled":
        return Tree(Text(f"{name} over the cases of every inspection together{total} = "
                         f"{shown(fw, figure, pooled[figure][0])}"))
    column = results.values[figure]
    defined_count = int(np.sum(~np.isnan(column)))
    combined = float(np.atleast_1d(REDUCE[expr.function](column[:, np.newaxis]))[0])
    if expr.strict and defined_count < len(column):
        combined = np.nan
    rule = "undefined if any inspection's is" if expr.strict else \
        "skipping inspections where it is undefined"
    result = shown(fw, figure, combined) if expr.type == expr.figure.type else \
        ("n/a" if not defined(combined) else f"{combined:g}")
    branch = Tree(Text(f"{expr.function} of {name} over {plural(len(column), 'inspection')} "
                       f"({rule}) = {result}"))
    keys = results.grouping.keys
    for g, key in enumerate(keys[:MAX_INSPECTIONS_LISTED]):
        mark = "" if defined(column[g]) else "  (undefined)"
        branch.add(Text(f"{key}: {shown(fw, figure, column[g])}{mark}"))
    if len(keys) > MAX_INSPECTIONS_LISTED:
        branch.add(Text(f"... and {len(keys) - MAX_INSPECTIONS_LISTED} more", style="dim"))
    return branch
