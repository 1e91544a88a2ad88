"""The framework's tables in a generated module, as plain data, and where each figure sits.

`Layout` numbers the questions and figures (the index of each in `FIGURES`, the suffix of
its functions and locals); `tables` writes METADATA, STRUCTURE, FIELDS, INPUTS, SCALES,
QUESTIONS, RATINGS, BANDS and FIGURES, which both the table path and the case path read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import PurePath

from critc.compiler import __version__
from critc.compiler.codegen.python_text import literal
from critc.compiler.model import framework as m
from critc.compiler.model.text import expression_text
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import BandTable, Plan


class Layout:
    """A plan with its figures numbered: questions first, then steps in dependency order."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.fw = plan.framework
        self.index = {q.id: i for i, q in enumerate(plan.questions)}
        for step in plan.steps:
            self.index[step.node] = len(self.index)
        self.inputs = [f.id for f in self.fw.inputs]

    def field_spellings(self, field: m.Field) -> dict:
        """An enum or rating field's spellings → code; empty for other fields."""
        if field.type.kind == "enum":
            return {v: i for i, v in enumerate(field.type.values)}
        if field.type.kind == "rating" and field.type.scale is not None:
            return self.fw.rating_scales[field.type.scale].spellings()
        return {}


def tables(layout: Layout, source_name: str, source_text: str,
           included: Mapping[str, str] | None = None) -> str:
    """The module's data tables, one assignment each (`included`: the text of each file
    the framework includes, by its path)."""
    fw, plan = layout.fw, layout.plan
    fields = tuple((f.id, f.cell_kind, layout.field_spellings(f)) for f in fw.case_fields)
    inputs = tuple((f.id, f.cell_kind, layout.field_spellings(f)) for f in fw.inputs)
    # per scale: codes, spellings, and how each code counts (0 not, 1 below, 2 above)
    scales = {sc.id: (sc.codes, spellings_of(sc), plan.scales[sc.id]) for sc in fw.scales.values()}
    ratings = {r.id: (r.levels, tuple(r.points[lv] for lv in r.levels))
               for r in fw.rating_scales.values()}
    bands = {b.id: (b.lows, b.low_inclusive, b.highs, b.high_inclusive, b.otherwise,
                    band_outputs(b), b.rounding.mode, b.rounding.places, b.percent)
             for b in plan.bands.values()}
    figures = tuple((node, fw.figure_type(node).kind, fw.figure_type(node).scale)
                    for node in layout.index)
    in_conditions = condition_fields(plan)
    # text fields that conditions compare (score reads no other text field unless it
    # groups by it: any text is a valid value, so there is nothing to check)
    text_read = tuple(f.id for f in fw.case_fields
                      if f.type.kind == "text" and f.id in in_conditions)
    parts = [
        ("METADATA", metadata(fw, source_name, source_text, included)),
        ("STRUCTURE", structure(fw)),
        ("FIELDS", fields), ("INPUTS", inputs), ("INSPECTION", fw.inspection),
        ("CASE_ID", fw.case_id), ("TEXT_READ", text_read),
        ("SCALES", scales), ("QUESTIONS", tuple((q.id, q.scale) for q in plan.questions)),
        ("RATINGS", ratings), ("BANDS", bands), ("FIGURES", figures),
    ]
    return "\n\n".join(f"{name} = {literal(value)}" for name, value in parts)


def metadata(fw: m.Framework, source_name: str, source_text: str,
             included: Mapping[str, str] | None = None) -> dict:
    h = fw.header
    return {
        "name": h.name, "version": h.version,
        "effective_from": h.effective_from.isoformat() if h.effective_from else None,
        "effective_to": h.effective_to.isoformat() if h.effective_to else None,
        "source": source_name,
        "source_sha256": source_sha256(source_name, source_text, included or {}),
        "compiler": f"critc {__version__}",
    }


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_sha256(source_name: str, source_text: str, included: Mapping[str, str]) -> str:
    """The SHA-256 of a framework's source: of its one file (as `sha256sum FILE` gives);
    for a framework that includes files, of the `sha256sum` listing of it and every file it
    includes, one line each (`HASH  PATH`, the path relative to the framework file's folder,
    with `/`), sorted by path. A change in any file changes the hash; where the files are
    does not."""
    if not included:
        return _sha256(source_text)
    folder = PurePath(source_name).parent
    files = {_relative(source_name, folder): source_text}
    files.update({_relative(name, folder): text for name, text in included.items()})
    return _sha256("".join(f"{_sha256(files[name])}  {name}\n" for name in sorted(files)))


def _relative(name: str, folder: PurePath) -> str:
    try:
        return PurePath(os.path.relpath(name, folder)).as_posix()
    except ValueError:  # on another drive
        return PurePath(name).as_posix()


def structure(fw: m.Framework) -> dict:
    """The framework's questions, aggregates, bands and labels as plain data."""
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
