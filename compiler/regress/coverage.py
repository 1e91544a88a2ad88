"""Coverage: which parts of a framework a set of inspections ever exercised.

Over the inspections added (the ones tests are about, or every inspection of a case
archive), per question: was it ever applicable (some applicable, answered case) and ever
undefined (none); per aggregate: ever defined, ever undefined; per band, wherever it is
used (attached to a figure with `on`, or called in a formula): which rows were reached
and which never were. A row never reached is a rule no test or real case has tried.
"""

from __future__ import annotations

import attrs
import numpy as np
from critc.compiler.engine.cases import with_blank_inputs
from critc.compiler.engine.evaluate import Figures, Results
from critc.compiler.model import framework as m
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import BandTable, Plan


@attrs.define
class BandUse:
    """One place a band is used: on a figure (`conclusion[1.1]`) or in a formula."""

    id: str
    band: str
    where: str  # "on 1.1" or "in overall"
    operand: s.Op
    reached: set[int] = attrs.Factory(set)
    undefined: bool = False  # the value it reads was ever undefined (no row)


def band_uses(plan: Plan) -> list[BandUse]:
    """Every place a band is used, in step order (a band read twice in one formula on
    different values is two uses)."""
    fw = plan.framework
    uses = []
    for step in plan.steps:
        if step.kind == "band label" and isinstance(step.op, s.Band):
            app = fw.applications[step.node]
            uses.append(BandUse(step.node, app.band, f"on {app.target}", step.op.operand))
            continue
        seen: dict[str, list[s.Op]] = {}
        for op in s.walk_ops(step.op):
            if isinstance(op, s.Band) and op.operand not in seen.get(op.band, []):
                seen.setdefault(op.band, []).append(op.operand)
                count = len(seen[op.band])
                suffix = f"#{count}" if count > 1 else ""
                uses.append(BandUse(f"{op.band}(in {step.node}){suffix}", op.band,
                                    f"in {step.node}", op.operand))
    return uses


def row_texts(band: m.Band, table: BandTable, fw: m.Framework) -> list[str]:
    """Each row as `condition: output`, in the order the engine numbers them."""
    unit = "%" if table.percent else ""
    labels = fw.rating_scales[band.gives].labels if band.gives else {}
    return [f"{row.describe(unit)}: {labels.get(row.output, row.output)}"
            for row in band.ordered_rows]


class Coverage:
    """Accumulates what a framework's figures did over inspections."""

    def __init__(self, plan: Plan, name: str):
        self.plan = plan
        self.name = name
        fw = plan.framework
        self.inspections = 0
        nq = len(plan.questions)
        self.applicable = np.zeros(nq, dtype=bool)
        self.question_undefined = np.zeros(nq, dtype=bool)
        self.defined = {a: False for a in fw.aggregates}
        self.undefined = {a: False for a in fw.aggregates}
        self.uses = band_uses(plan)

    def add(self, results: Results, groups=None, inputs: dict | None = None) -> None:
        """Count inspections `groups` of `results` (all of them by default)."""
        size = results.grouping.size
        groups = np.arange(size) if groups is None else np.asarray(list(groups), dtype=int)
        if not len(groups):
            return
        self.inspections += len(groups)
        den = results.denominators[groups]
        self.applicable |= (den > 0).any(axis=0)
        self.question_undefined |= (den == 0).any(axis=0)
        for node in self.defined:
            values = np.asarray(results.values[node], dtype=float)[groups]
            self.defined[node] |= bool((~np.isnan(values)).any())
            self.undefined[node] |= bool(np.isnan(values).any())
        figures = Figures(results.plan, results.values, *results.columns(),
                          _inputs(results, inputs), size)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            for use in self.uses:
                value = np.asarray(figures.compute(use.operand), dtype=float)[groups]
                rows = figures.band_row(use.band, value)
                use.reached.update(int(r) for r in rows[~np.isnan(rows)])
                use.undefined |= bool(np.isnan(value).any())

    # --- reporting
    def as_dict(self) -> dict:
        fw = self.plan.framework
        questions = {q.id: {"applicable": bool(self.applicable[q.index]),
                            "undefined": bool(self.question_undefined[q.index])}
                     for q in self.plan.questions}
        aggregates = {a: {"kind": fw.aggregates[a].kind, "defined": self.defined[a],
                          "undefined": self.undefined[a]} for a in fw.aggregates}
        bands = {}
        for use in self.uses:
            texts = row_texts(fw.bands[use.band], self.plan.bands[use.band], fw)
            bands[use.id] = {"band": use.band, "where": use.where,
                             "rows": [{"row": text, "reached": i in use.reached}
                                      for i, text in enumerate(texts)]}
        return {"framework": self.name, "inspections": self.inspections,
                "questions": questions, "aggregates": aggregates, "bands": bands,
                "summary": [line.strip() for line in self.summary()]}

    def band_rows(self) -> list[tuple[str, list[str], list[tuple[str, list[str]]]]]:
        """Per band: where it is used, and each row with the uses that never reached it."""
        fw = self.plan.framework
        by_band: dict[str, list[BandUse]] = {}
        for use in self.uses:
            by_band.setdefault(use.band, []).append(use)
        out = []
        for band, uses in by_band.items():
            texts = row_texts(fw.bands[band], self.plan.bands[band], fw)
            rows = [(text, [u.where for u in uses if i not in u.reached])
                    for i, text in enumerate(texts)]
            out.append((band, [u.where for u in uses], rows))
        return out

    def summary(self) -> list[str]:
        nq = len(self.plan.questions)
        lines = [f"{int(self.applicable.sum())} of {nq} questions ever applicable, "
                 f"{int(self.question_undefined.sum())} ever n/a"]
        never = [q.id for q in self.plan.questions if not self.applicable[q.index]]
        if never:
            lines.append("  never applicable: " + _list(never))
        na = len(self.defined)
        lines.append(f"{sum(self.defined.values())} of {na} aggregates ever defined, "
                     f"{sum(self.undefined.values())} ever n/a")
        undefined_never = [a for a, v in self.defined.items() if not v]
        if undefined_never:
            lines.append("  never defined: " + _list(undefined_never))
        bands = self.band_rows()
        total = sum(len(rows) for _, _, rows in bands)
        reached = sum(len(uses) > len(missed) for _, uses, rows in bands
                      for _, missed in rows)
        lines.append(f"{reached} of {total} band rows ever reached")
        for band, uses, rows in bands:
            for text, missed in rows:
                if len(missed) == len(uses):
                    lines.append(f"  band `{band}`: never reached `{text}`")
                elif missed:
                    lines.append(f"  band `{band}`: `{text}` not reached "
                                 + _places(missed))
        return lines


def _places(wheres: list[str]) -> str:
    """["on 1.1", "on 1.3", "in overall"] → "on 1.1, 1.3, in overall"."""
    out, last = [], None
    for where in wheres:
        word, _, place = where.partition(" ")
        out.append(place if word == last else where)
        last = word
    return _list(out, 8)


def _list(items: list[str], limit: int = 12) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _inputs(results: Results, inputs: dict | None) -> dict:
    """Inputs per inspection as the engine reads them; blank where not given."""
    return with_blank_inputs(results.plan.framework, inputs, results.grouping.size)
