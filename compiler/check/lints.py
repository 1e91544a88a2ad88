"""Warnings about frameworks that are valid but probably not what was meant.

Each `detect_*` function looks for one problem; `lint` runs them all.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection

from critc.compiler.check.graph import Dependencies
from critc.compiler.model import casewise
from critc.compiler.model import framework as m
from critc.dsl.diagnostics import Diagnostic, error, warning

MAX_COMBINATIONS = 4096


def lint(fw: m.Framework, graph: Dependencies,
         attached: Collection[str] = frozenset()) -> list[Diagnostic]:
    """`attached`: bands with an `on` clause, which are used even if no target resolved."""
    out: list[Diagnostic] = []
    out.extend(detect_constant_applicability(fw))
    out.extend(detect_questions_feeding_no_score(fw, graph))
    out.extend(detect_unused_bands(fw, graph, attached))
    out.extend(detect_partial_totals(fw, graph))
    return out


def _atoms(expr: m.Expr) -> list[m.Expr]:
    """The leaves a condition's truth depends on: enum/boolean/rating fields and answers
    (finite domains), or whole comparisons over numbers, dates and text (free yes/no)."""
    match expr:
        case m.Logic(operands=ops):
            return [a for op in ops for a in _atoms(op)]
        case m.Not(operand=op):
            return _atoms(op)
        case m.Compare() | m.InSet():
            refs: list[m.Expr] = [x for x in m.walk(expr)
                                  if isinstance(x, (m.FieldRef, m.AnswerRef))]
            if refs and all(r.type.kind in ("enum", "rating", "boolean") for r in refs):
                return refs
            return [expr]
        case m.FieldRef() | m.AnswerRef():
            return [expr]
    return []


def _domain(atom: m.Expr, fw: m.Framework) -> list:
    if isinstance(atom, (m.Compare, m.InSet)):
        return [True, False]
    kind = atom.type.kind
    if kind == "boolean":
        return [True, False]
    if kind == "enum":
        return list(atom.type.values)
    if kind == "rating":
        return list(fw.rating_scales[atom.type.scale].levels) \
            if atom.type.scale in fw.rating_scales else []
    return [True, False]


def _key(atom: m.Expr) -> tuple[str, str | int]:
    match atom:
        case m.FieldRef(field=f):
            return ("field", f)
        case m.AnswerRef(question=q):
            return ("answer", q)
    return ("atom", id(atom))


def detect_constant_applicability(fw: m.Framework) -> list[Diagnostic]:
    """A condition that holds for no combination of the values its fields can take, or for
    every one. Numeric, date and text tests count as free yes/no, so a finding is certain."""
    out = []

    def levels(scale: str) -> tuple[str, ...]:
        rs = fw.rating_scales.get(scale)
        return rs.levels if rs else ()

    for q in fw.questions.values():
        if q.applies is None:
            continue
        atoms: dict[tuple[str, str | int], m.Expr] = {}
        for atom in _atoms(q.applies):
            atoms.setdefault(_key(atom), atom)
        domains = [_domain(a, fw) for a in atoms.values()]
        if not atoms or any(not d for d in domains):
            continue
        total = 1
        for d in domains:
            total *= len(d)
        if total > MAX_COMBINATIONS:
            continue
        keys = list(atoms)
        outcomes = set()
        for combo in itertools.product(*domains):
            env = dict(zip(keys, combo, strict=True))

            def lookup(ref: m.Expr, env: dict[tuple[str, str | int], object] = env) -> object:
                return env[_key(ref)]

            outcomes.add(_decide(q.applies, lookup, env, levels))
            if len(outcomes) > 1:
                break
        if outcomes == {False}:
            out.append(error(
                "applicability-never-true", f"question `{q.id}` can never apply",
                q.applies.span, hint="no combination of the declared values makes this "
                "condition hold; check `and`/`or` and the values it names"))
        elif outcomes == {True}:
            out.append(warning(
                "applicability-always-true", f"question `{q.id}` applies to every case",
                q.applies.span, hint="the condition holds for every declared value; remove it "
                "or narrow it"))
    return out


def _decide(expr: m.Expr, lookup: Callable[[m.Expr], object],
            env: dict[tuple[str, str | int], object],
            levels: Callable[[str], tuple[str, ...]]) -> bool:
    """Evaluate with free atoms (whole comparisons) taken from `env`."""
    if ("atom", id(expr)) in env:
        return bool(env[("atom", id(expr))])  # a free atom is true or false
    match expr:
        case m.Logic(op=op, operands=ops):
            values = [_decide(o, lookup, env, levels) for o in ops]
            return all(values) if op == "and" else any(values)
        case m.Not(operand=o):
            return not _decide(o, lookup, env, levels)
    return bool(casewise.evaluate(expr, lookup, levels))


def detect_questions_feeding_no_score(fw: m.Framework, graph: Dependencies) -> list[Diagnostic]:
    out = []
    for q in fw.questions.values():
        if q.id in graph and graph.out_degree(q.id) == 0:
            if _under_broken_formula(fw, q.parent):
                continue  # the missing or failed formula is reported; this would only repeat it
            where = f" in {fw.kind_of(q.parent)} `{q.parent}`" if q.parent else ""
            out.append(warning(
                "question-feeds-no-score", f"question `{q.id}` feeds no score", q.span,
                hint=f"no formula{where} selects it; check the formula's selectors, roles "
                "and tags"))
    return out


def _under_broken_formula(fw: m.Framework, node: str | None) -> bool:
    """True if `node` or an aggregate above it has no formula (missing or in error)."""
    while node is not None:
        aggregate = fw.aggregates.get(node)
        if aggregate is None:
            return False
        if aggregate.formula is None:
            return True
        node = aggregate.parent
    return False


def detect_unused_bands(fw: m.Framework, graph: Dependencies,
                        attached: Collection[str] = frozenset()) -> list[Diagnostic]:
    return [warning("unused-band", f"band `{b.id}` is never used", b.span,
                    hint=f"attach it with `on ...` or apply it in a formula: `{b.id}(...)`")
            for b in fw.bands.values()
            if b.id in graph and graph.out_degree(b.id) == 0 and b.id not in attached]


def detect_partial_totals(fw: m.Framework, graph: Dependencies) -> list[Diagnostic]:
    """A sum written `skipping undefined` (of inputs that can be undefined) that a rating
    or band reads: an inspection missing an input is rated on a partial total."""
    out = []
    for agg in fw.aggregates.values():
        if agg.formula is None or agg.id not in graph:
            continue
        partial = [e for e in m.walk(agg.formula) if isinstance(e, m.Reduce)
                   and e.function == "sum" and e.skipping
                   and not all(isinstance(i, m.Const) for i in e.items)]
        if not partial:
            continue
        downstream = sorted(graph.descendants(agg.id), key=lambda n: graph.nodes[n]["order"])
        for total in partial:
            rated = agg.id if _rates(agg, _is(total)) else \
                _first_rated(fw, downstream, {agg.id, *downstream})
            if rated is None:
                continue
            where = "" if rated == agg.id else f" (in {fw.kind_of(agg.id)} `{agg.id}`)"
            out.append(warning(
                "partial-total", f"`{rated}` is rated from a sum that skips undefined "
                f"inputs{where}: an inspection missing one is rated on a partial total",
                total.span,
                hint="remove `skipping undefined`, so the total is undefined when an input "
                "is missing"))
    return out


def _first_rated(fw: m.Framework, nodes: list[str], reading: set[str]) -> str | None:
    """The first of `nodes` that is a rating or band label, or bands a figure of
    `reading` (those that carry the total)."""
    for node in nodes:
        if node in fw.applications:
            return node
        agg = fw.aggregates.get(node)
        if agg is not None and _rates(agg, lambda e: isinstance(e, m.FigureRef)
                                      and e.node in reading):
            return node
    return None


def _is(target: m.Expr) -> Callable[[m.Expr], bool]:
    return lambda e: e is target


def _rates(agg: m.Aggregate, carries: Callable[[m.Expr], bool]) -> bool:
    """Whether `agg` is a rating or band label, or applies a band to an expression holding
    a part for which `carries` holds (a band inside a sum's operands does not rate the
    sum)."""
    return agg.formula is not None and (
        agg.type.kind in ("rating", "label")
        or any(isinstance(e, m.BandOf) and any(carries(x) for x in m.walk(e.operand))
               for e in m.walk(agg.formula)))
