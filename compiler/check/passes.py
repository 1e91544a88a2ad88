"""Check a framework: load → declare → resolve → bands → graph → lints.

`check_file` never raises on user input; everything it finds is a diagnostic, and it
returns the checked model whenever one could be built.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from critc.compiler.check import across, allow, lints
from critc.compiler.check import bands as band_rules
from critc.compiler.check import graph as graphs
from critc.compiler.check.counting import counting_rules
from critc.compiler.check.declare import Symbols, declare, did_you_mean
from critc.compiler.check.load import Program, load
from critc.compiler.check.resolve import Resolver, field_type, rounding_of
from critc.compiler.model import framework as m
from critc.dsl import ast
from critc.dsl.diagnostics import Diagnostic, Label, error, has_errors, warning
from critc.dsl.parser import ParseCache
from critc.dsl.span import Span

if TYPE_CHECKING:
    import networkx as nx

# Diagnostics that a syntax error elsewhere can cause; hidden while syntax errors stand.
CASCADING = {"unknown-reference", "unknown-tag", "empty-selection", "question-feeds-no-score",
             "unused-band", "no-scale", "missing-formula"}

# Diagnostics after which some declarations are missing or misplaced: a syntax error, a tab
# that may put lines in the wrong block, or an included file that could not be read.
LOST_DECLARATIONS = {"syntax-error", "bad-indentation", "tab-indentation", "file-not-found",
                     "not-a-file", "unreadable-file", "not-text", "not-utf8"}


@attrs.frozen
class CheckResult:
    program: Program
    framework: m.Framework | None
    dependencies: graphs.Dependencies | None
    diagnostics: tuple[Diagnostic, ...]
    order: tuple[str, ...] = ()
    allowed: tuple[Diagnostic, ...] = ()  # warnings acknowledged by `# critc: allow`

    @property
    def graph(self) -> nx.DiGraph | None:
        """The dependency graph as networkx's DiGraph (imported only when first asked for)."""
        return self.dependencies.to_networkx() if self.dependencies is not None else None

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def model(self) -> m.Framework:
        """The checked framework, for a caller that has seen `ok`: a check without errors
        always builds one, so its absence is a bug."""
        if self.framework is None:
            raise AssertionError("no framework: the check failed (test `ok` first)")
        return self.framework


def check_file(path: str | Path, text: str | None = None,
               overlay: Mapping[Path, str] | None = None,
               cache: ParseCache | None = None) -> CheckResult:
    """Check `path` (or `text` under its name) with its includes; `overlay` and `cache` are
    an editor's unsaved buffers and parses kept between checks (`load`)."""
    program = load(path, text, overlay, cache)
    diagnostics = list(program.diagnostics)
    if not program.modules:
        return CheckResult(program, None, None, _sorted(diagnostics))
    symbols = declare(program.modules, diagnostics)
    framework, resolver = build_model(symbols, diagnostics, program)
    graph = graphs.build(framework, symbols.order)
    cycle_diagnostics = graphs.cycles(graph)
    diagnostics.extend(cycle_diagnostics)
    order: tuple[str, ...] = ()
    if not cycle_diagnostics:
        order = tuple(graphs.evaluation_order(graph))
        attached = {bid for bid, band in symbols.bands.items() if band.targets}
        diagnostics.extend(lints.lint(framework, graph, attached))
    if any(d.code in LOST_DECLARATIONS for d in diagnostics):
        diagnostics = [d for d in diagnostics if d.code not in CASCADING]
    diagnostics, allowed = allow.apply(diagnostics, program.sources, program.comments)
    return CheckResult(program, framework, graph, _sorted(diagnostics), order,
                       _sorted(allowed))


def _sorted(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    unique = list(dict.fromkeys(diagnostics))
    return tuple(sorted(unique, key=Diagnostic.sort_key))


def build_model(symbols: Symbols, diagnostics: list[Diagnostic],
                program: Program) -> tuple[m.Framework, Resolver]:
    resolver = Resolver(symbols, diagnostics)
    header = symbols.header
    rounding = rounding_of(header.rounding) if header and header.rounding else m.Rounding()
    _check_header(symbols, program, diagnostics)
    scales = {sid: _scale(s) for sid, s in symbols.scales.items()}
    rating_scales = {sid: _rating_scale(s) for sid, s in symbols.rating_scales.items()}
    fields = _fields(symbols, rating_scales, diagnostics)
    roles = _field_roles(fields, diagnostics)
    questions, aggregates = _figures(symbols, resolver, rating_scales, diagnostics)
    applications, band_types = _band_targets(symbols, resolver, diagnostics, program.root)
    bands = _bands(symbols, resolver, band_types, rounding, rating_scales, diagnostics)
    framework = m.Framework(
        header=_header(header), rounding=rounding, scales=scales, rating_scales=rating_scales,
        fields=fields, questions=questions, aggregates=aggregates, bands=bands,
        applications=applications, case_id=roles.get("case id"),
        inspection=roles.get("inspection"), inspection_date=roles.get("inspection date"),
        files=tuple(module.path for module in program.modules))
    return across.finish(framework, symbols, resolver, diagnostics), resolver


def _fields(symbols: Symbols, rating_scales: Mapping[str, m.RatingScale],
            diagnostics: list[Diagnostic]) -> dict[str, m.Field]:
    fields = {}
    for fid, (f, origin) in symbols.fields.items():
        rated = f.type.scale if f.type is not None and f.type.kind == "rating" else None
        if f.type is not None and rated is not None and rated not in rating_scales:
            diagnostics.append(error("unknown-reference", f"there is no rating scale "
                                     f"`{rated}`", f.type.span,
                                     hint=did_you_mean(rated, rating_scales)))
        fields[fid] = m.Field(id=fid, title=f.title, type=field_type(f.type), origin=origin,
                              roles=f.roles, description=f.description, source=f.source,
                              whole=f.type is not None and f.type.kind == "integer",
                              span=f.span)
    return fields


def _figures(symbols: Symbols, resolver: Resolver, rating_scales: Mapping[str, m.RatingScale],
             diagnostics: list[Diagnostic]
             ) -> tuple[dict[str, m.Question], dict[str, m.Aggregate]]:
    """Questions with their applicability, aggregates with their formulas."""
    questions, aggregates = {}, {}
    for node, item in symbols.nodes.items():
        parent = symbols.parent[node]
        if isinstance(item, ast.Question):
            scale = resolver.question_scale(item)
            applies = resolver.condition(item.applies, node) if item.applies else None
            questions[node] = m.Question(
                id=node, text=item.text, role=item.role, scale=scale.id if scale else "",
                applies=applies, tags=tuple(sorted(symbols.tags[node])), parent=parent,
                description=item.description, source=item.source, span=item.span)
            continue
        formula = resolver.aggregate_formula(node)
        if item.rated and item.rated not in rating_scales:
            diagnostics.append(error("unknown-reference", f"there is no rating scale "
                                     f"`{item.rated}`", item.span,
                                     hint=did_you_mean(item.rated, rating_scales)))
        aggregates[node] = m.Aggregate(
            id=node, kind=item.kind, title=item.title, formula=formula,
            type=resolver.types.get(node, m.UNKNOWN), parent=parent,
            children=tuple(symbols.children.get(node, ())),
            tags=tuple(sorted(symbols.tags[node])),
            rounding=rounding_of(item.rounding) if item.rounding else None,
            applies=resolver.aggregate_condition(node),
            counting=counting_rules(item, formula, symbols, _scale_of(resolver), diagnostics),
            description=item.description, source=item.source, span=item.span)
    return questions, aggregates


def _scale_of(resolver: Resolver) -> Callable[[ast.Question], ast.Scale | None]:
    """A question's scale, without reporting again what its declaration reports."""
    return lambda question: resolver.question_scale(question, report=False)


def _bands(symbols: Symbols, resolver: Resolver, band_types: dict[str, list[BandUse]],
           rounding: m.Rounding, rating_scales: Mapping[str, m.RatingScale],
           diagnostics: list[Diagnostic]) -> dict[str, m.Band]:
    """Each band built against the type of what it bands and its rounding (its own, else
    the framework's)."""
    bands = {}
    for bid, band in symbols.bands.items():
        input_type = _band_input_type(band, band_types.get(bid, []), resolver.band_uses,
                                      diagnostics)
        band_rounding = rounding_of(band.rounding) if band.rounding else rounding
        bands[bid] = band_rules.build_band(band, input_type, band_rounding,
                                           symbols.rating_scales, diagnostics)
        if band.gives and band.gives not in rating_scales:
            diagnostics.append(error("unknown-reference", f"there is no rating scale "
                                     f"`{band.gives}`", band.span,
                                     hint=did_you_mean(band.gives, rating_scales)))
    return bands


def _header(header: ast.Framework | None) -> m.Header:
    if header is None:
        return m.Header()
    return m.Header(name=header.name, version=header.version,
                    effective_from=header.effective_from, effective_to=header.effective_to,
                    description=header.description, source=header.source, span=header.span)


def _check_header(symbols: Symbols, program: Program, diagnostics: list[Diagnostic]) -> None:
    header = symbols.header
    if header is None:
        if symbols.nodes:
            first = next(iter(symbols.nodes.values()))
            diagnostics.append(warning(
                "missing-header", "this framework has no `framework` header", first.span,
                hint='start the file with `framework "Name" version "1"`'))
        return
    if header.effective_from and header.effective_to and \
            header.effective_to < header.effective_from:
        diagnostics.append(error("effective-dates-reversed", "the framework stops being "
                                 "effective before it starts", header.span))
    if header.default_scale and header.default_scale not in symbols.scales:
        diagnostics.append(error("unknown-reference", f"there is no answer scale "
                                 f"`{header.default_scale}`", header.span,
                                 hint=did_you_mean(header.default_scale, symbols.scales)))


def _scale(s: ast.Scale) -> m.Scale:
    aliases = {}
    for code in s.codes:
        for alias in code.aliases:
            aliases[alias] = code.id
    return m.Scale(
        id=s.id, title=s.title, codes=tuple(c.id for c in s.codes),
        labels={c.id: c.label or c.id for c in s.codes},
        above=frozenset(c.id for c in s.codes if c.above),
        not_applicable=frozenset(c.id for c in s.codes if c.not_applicable),
        aliases=aliases, description=s.description, span=s.span)


def _rating_scale(s: ast.RatingScale) -> m.RatingScale:
    return m.RatingScale(
        id=s.id, title=s.title, levels=tuple(lv.id for lv in s.levels),
        labels={lv.id: lv.label or lv.id for lv in s.levels},
        points={lv.id: lv.points.value if lv.points else None for lv in s.levels},
        description=s.description, span=s.span)


def _field_roles(fields: dict[str, m.Field], diagnostics: list[Diagnostic]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for field in fields.values():
        for role in field.roles:
            if role == "optional":
                continue
            if field.origin == "inspection" and role != "inspection date":
                diagnostics.append(error("misplaced-role", f"`{role}` marks a case field, not "
                                         "an inspection input", field.span))
                continue
            if role in roles:
                first = fields[roles[role]]
                diagnostics.append(error(
                    "duplicate-role", f"two fields are marked `{role}`", field.span,
                    labels=(Label(first.span, f"`{first.id}` is already the {role}"),)))
                continue
            roles[role] = field.id
            if role in ("case id", "inspection") and field.type.kind not in (
                    "text", "number", "enum", "unknown"):
                diagnostics.append(error("type-mismatch", f"the {role} field must be text, a "
                                         f"number or an enumeration, not {field.type}",
                                         field.span))
            if role == "inspection date" and field.type.kind != "date":
                diagnostics.append(error("type-mismatch", "the inspection date field must be a "
                                         "date", field.span))
    return roles


BandUse = tuple[m.Type, Span]  # the type of what a band bands, and where


def _band_targets(symbols: Symbols, resolver: Resolver, diagnostics: list[Diagnostic],
                  root: str) -> tuple[dict[str, m.BandApplication], dict[str, list[BandUse]]]:
    """Each band attached with `on`. A band shared by `include` (declared in another file
    than the root) attaches to what its selectors find here, which may be nothing."""
    applications: dict[str, m.BandApplication] = {}
    types: dict[str, list[BandUse]] = {}
    for bid, band in symbols.bands.items():
        for target in band.targets:
            if isinstance(target, ast.Selector):
                members = resolver.select(target, None, shared=band.span.path != root)
                if members is None:
                    continue
            else:
                value = resolver.formula(target, None)
                if value is None:
                    continue
                if not isinstance(value, m.FigureRef):
                    diagnostics.append(error("invalid-band-target", "a band is attached to "
                                             "figures: questions or aggregates", target.span))
                    continue
                members = [value.node]
            for node in members:
                ftype = resolver.figure_type(node)
                if ftype.kind not in ("score", "number", "unknown"):
                    diagnostics.append(error("type-mismatch", f"band `{bid}` is attached to "
                                             f"`{node}`, which is {ftype}, not a score or "
                                             "number", target.span))
                    continue
                app_id = f"{bid}[{node}]"
                if app_id in applications:
                    diagnostics.append(warning("duplicate-band-target", f"band `{bid}` is "
                                               f"attached to `{node}` twice", target.span))
                    continue
                applications[app_id] = m.BandApplication(id=app_id, band=bid, target=node,
                                                         span=target.span)
                types.setdefault(bid, []).append((ftype, target.span))
    return applications, types


def _band_input_type(band: ast.Band, targets: list[BandUse],
                     uses: list[tuple[str, m.Type, Span]],
                     diagnostics: list[Diagnostic]) -> m.Type:
    seen = list(targets) + [(t, span) for b, t, span in uses if b == band.id]
    kinds = {t.kind for t, _ in seen} - {"unknown"}
    if len(kinds) > 1:
        diagnostics.append(error("type-mismatch", f"band `{band.id}` is used on both scores and "
                                 "plain numbers", band.span,
                                 labels=tuple(Label(span, f"a {t.kind}") for t, span in seen)))
        return m.UNKNOWN  # its thresholds cannot be right for both; say so once
    if kinds:
        return m.SCORE if "score" in kinds else m.NUMBER
    thresholds = [t for row in band.rows for t in (row.low, row.high) if t is not None]
    return m.SCORE if any(t.percent for t in thresholds) or not thresholds else m.NUMBER
