"""The framework explorer (`critc doc`): a static site generated from checked frameworks.

`framework_pages` turns one checked framework into its pages (an overview, a page per
top-level figure with everything under it, the bands and ratings, the fields and scales, a
drawing of the dependency graph, a search page and its index); `versions_pages` does so for
every version of a version directory, with a page per version saying what changed since the
one before. Pages come back as {relative path: bytes}; `write_site` writes them.

All HTML comes from the Jinja2 templates in `templates/`, with autoescaping on: user text
(titles, wording, descriptions, file paths) reaches the page only through it. The one
exception is the graph drawing, Graphviz's SVG, which holds no user text but ids.
The same input gives the same bytes: no timestamps, and every list in declaration or
sorted order.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import attrs
import jinja2
import networkx as nx
from critc.compiler.check.passes import CheckResult
from critc.compiler.model import framework as m
from critc.compiler.model.text import expression_text
from critc.compiler.regress.diff import Edit, compare
from critc.compiler.regress.versions import Version, VersionSet
from critc.compiler.report import graph_drawing
from critc.compiler.report.plain_english import (
    band_row_text,
    condition_text,
    formula_text,
    value_words,
)
from critc.compiler.report.site_changes import edit_view, span_text
from markupsafe import Markup

STATIC_FILES = ("site.css", "search.js")
UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def slug(node: str) -> str:
    """A file name and anchor for an id: letters, digits, `.`, `_`, `-` (others as `_`)."""
    return UNSAFE.sub("_", node) or "_"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("critc.compiler.report", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True)


@attrs.frozen
class Link:
    text: str
    url: str
    kind: str = ""


@attrs.frozen
class CountingView:
    """An aggregate's `counting {...} above the line for questions ...` clause: as written
    (in canonical form) and in words."""

    notation: str
    words: str


def counting_views(fw: m.Framework, a: m.Aggregate) -> tuple[CountingView, ...]:
    """One view per clause: the model keeps a rule per question, each with its clause's span."""
    clauses: dict[tuple, list[m.Counting]] = {}
    for rule in a.counting:
        span = rule.span
        clauses.setdefault((span.path, span.line, span.col, rule.codes), []).append(rule)
    views = []
    for rules in clauses.values():
        ids = [r.question for r in rules]
        scale = fw.scales[fw.questions[ids[0]].scale]
        word = "question" if len(ids) == 1 else "questions"
        own = [scale.labels.get(c, c) for c in scale.codes if c in scale.above]
        views.append(CountingView(
            notation=f"counting {{{', '.join(rules[0].codes)}}} above the line for {word} "
                     f"{', '.join(ids)}",
            words=f"for {word} {', '.join(ids)}, this figure counts "
                  f"{', '.join(scale.labels.get(c, c) for c in rules[0].codes)} above the "
                  f"line (the scale counts {', '.join(own) or 'no answer'}; the questions' "
                  "own figures and other figures keep that)"))
    return tuple(views)


@attrs.frozen(kw_only=True)
class Entry:
    """A question or aggregate as a page shows it."""

    id: str
    anchor: str
    kind: str
    title: str | None
    role: str | None = None
    scale: Link | None = None
    applies_words: str | None = None
    applies_notation: str | None = None
    formula_words: str | None = None
    formula_notation: str | None = None
    counting: tuple[CountingView, ...] = ()
    rounding: str | None = None
    tags: tuple[str, ...] = ()
    description: str | None = None
    source: str | None = None
    where: str = ""
    bands: tuple[Link, ...] = ()
    computed_from: tuple[Link, ...] = ()
    feeds: tuple[Link, ...] = ()
    children: tuple[Entry, ...] = ()
    across: bool = False  # declared `across inspections`: computed once over all of them


# ----------------------------------------------------------------------------- addresses
class Addresses:
    """Where each item of a framework is described: a page and an anchor."""

    def __init__(self, fw: m.Framework) -> None:
        self.fw = fw

    def top(self, node: str) -> str:
        """The top-level figure whose page holds `node`."""
        fw, seen = self.fw, set()
        while node not in seen:
            seen.add(node)
            parent = fw.questions[node].parent if node in fw.questions else \
                fw.aggregates[node].parent if node in fw.aggregates else None
            if parent is None:
                return node
            node = parent
        return node

    def url(self, node: str) -> str | None:
        fw = self.fw
        if node in fw.questions or node in fw.aggregates:
            return f"figure-{slug(self.top(node))}.html#{slug(node)}"
        if node in fw.fields:
            return f"reference.html#field-{slug(node)}"
        if node in fw.bands:
            return f"bands.html#band-{slug(node)}"
        if node in fw.applications:
            return self.url(fw.applications[node].band)
        return None

    def link(self, node: str) -> Link:
        fw = self.fw
        title = fw.questions[node].text if node in fw.questions else \
            fw.aggregates[node].title if node in fw.aggregates else \
            fw.fields[node].title if node in fw.fields else \
            fw.bands[node].title if node in fw.bands else None
        kind = fw.kind_of(node)
        name = f"{kind} {node}" if kind not in ("case field", "inspection input") else node
        text = f"{name}: {title}" if title else name
        return Link(text, self.url(node) or "index.html", kind)


# ----------------------------------------------------------------------------- entries
def _figures(graph: nx.DiGraph, nodes: list[str]) -> list[str]:
    """The questions and aggregates among `nodes`, in declaration order."""
    kinds = ("case field", "inspection input", "band", "band label")
    return sorted((n for n in nodes if graph.nodes[n]["kind"] not in kinds),
                  key=lambda n: (graph.nodes[n]["order"], n))


def _feeds(graph: nx.DiGraph, node: str, addresses: Addresses) -> tuple[Link, ...]:
    return tuple(addresses.link(n) for n in _figures(graph, list(nx.descendants(graph, node))))


def _computed_from(graph: nx.DiGraph, node: str, addresses: Addresses) -> tuple[Link, ...]:
    inputs = sorted(graph.predecessors(node), key=lambda n: (graph.nodes[n]["order"], n))
    return tuple(addresses.link(n) for n in inputs)


def question_entry(fw: m.Framework, graph: nx.DiGraph, q: m.Question,
                   addresses: Addresses) -> Entry:
    scale = fw.scales.get(q.scale)
    return Entry(
        id=q.id, anchor=slug(q.id), kind="question", title=q.text, role=q.role,
        scale=Link(scale.title or scale.id if scale else q.scale,
                   f"reference.html#scale-{slug(q.scale)}"),
        applies_words=condition_text(q.applies, fw) if q.applies is not None else None,
        applies_notation=expression_text(q.applies, fw) if q.applies is not None else None,
        tags=q.tags, description=q.description, source=q.source, where=span_text(q.span),
        computed_from=_computed_from(graph, q.id, addresses),
        feeds=_feeds(graph, q.id, addresses))


def aggregate_entry(fw: m.Framework, graph: nx.DiGraph, a: m.Aggregate,
                    addresses: Addresses) -> Entry:
    children = tuple(
        question_entry(fw, graph, fw.questions[c], addresses) if c in fw.questions
        else aggregate_entry(fw, graph, fw.aggregates[c], addresses)
        for c in a.children if c in fw.questions or c in fw.aggregates)
    rounding = fw.rounding_of(a.id).describe(a.type.kind == "score") \
        if a.type.kind in ("score", "number") else None
    return Entry(
        id=a.id, anchor=slug(a.id), kind=a.kind, title=a.title,
        formula_words=formula_text(a.formula, fw) if a.formula is not None else None,
        formula_notation=expression_text(a.formula, fw) if a.formula is not None else None,
        counting=counting_views(fw, a), rounding=rounding, tags=a.tags,
        description=a.description, source=a.source,
        where=span_text(a.span),
        bands=tuple(addresses.link(app.band) for app in fw.applied_to(a.id)),
        computed_from=_computed_from(graph, a.id, addresses),
        feeds=_feeds(graph, a.id, addresses), children=children, across=a.id in fw.across)


def top_entries(fw: m.Framework, graph: nx.DiGraph, addresses: Addresses) -> list[Entry]:
    """Every figure with no parent, each with everything under it, in declaration order."""
    out = []
    for node in _figures(graph, list(graph.nodes)):
        if addresses.top(node) != node:
            continue
        if node in fw.questions:
            out.append(question_entry(fw, graph, fw.questions[node], addresses))
        else:
            agg = fw.aggregates.get(node) or fw.across[node]  # or across inspections
            out.append(aggregate_entry(fw, graph, agg, addresses))
    return out


# ----------------------------------------------------------------------------- bands
@attrs.frozen(kw_only=True)
class BandRowView:
    words: str
    notation: str
    output: str


def band_rows(fw: m.Framework, band: m.Band) -> list[BandRowView]:
    percent = band.input_type.kind == "score"
    scale = fw.rating_scales.get(band.gives) if band.gives else None
    return [BandRowView(words=band_row_text(row, percent),
                        notation=row.describe("%" if percent else ""),
                        output=scale.labels.get(row.output, row.output) if scale
                        else row.output)
            for row in band.rows]


def band_targets(fw: m.Framework, band: m.Band, addresses: Addresses) -> list[Link]:
    """The figures a band is reported beside, and those whose formula uses it."""
    targets = [app.target for app in fw.applications.values() if app.band == band.id]
    users = [a.id for a in fw.aggregates.values() if a.formula is not None and any(
        isinstance(e, m.BandOf) and e.band == band.id for e in m.walk(a.formula))]
    return [addresses.link(n) for n in dict.fromkeys(targets + users)]


# ----------------------------------------------------------------------------- search
def search_index(fw: m.Framework, entries: list[Entry], addresses: Addresses) -> bytes:
    """Every question, figure, band and field with its words and page, as a script that
    sets `critcSearchIndex` (a script, not JSON, so it loads from file:// too)."""
    rows: list[dict[str, str]] = []

    def add(entry: Entry) -> None:
        rows.append({"id": entry.id, "kind": entry.kind, "title": entry.title or "",
                     "text": " ".join(filter(None, (entry.description, *entry.tags))),
                     "url": addresses.url(entry.id) or "index.html"})
        for child in entry.children:
            add(child)

    for entry in entries:
        add(entry)
    for band in fw.bands.values():
        rows.append({"id": band.id, "kind": "band", "title": band.title or "",
                     "text": " ".join(r.output for r in band.rows),
                     "url": addresses.url(band.id) or "bands.html"})
    for field in fw.fields.values():
        rows.append({"id": field.id, "kind": fw.kind_of(field.id), "title": field.title or "",
                     "text": field.description or "",
                     "url": addresses.url(field.id) or "reference.html"})
    payload = json.dumps(rows, ensure_ascii=True, indent=0, sort_keys=True)
    for char in "<>&":  # harmless in a script file; escaped anyway, so it never ends a tag
        payload = payload.replace(char, f"\\u{ord(char):04x}")
    return f"window.critcSearchIndex = {payload};\n".encode()


# ----------------------------------------------------------------------------- pages
@attrs.frozen(kw_only=True)
class Chrome:
    """What every page of one framework shares: its title, where the static files and the
    site's home are, and the page it belongs to in a versions site."""

    title: str
    static: str = "static/"
    home: str | None = None  # the versions index, in a versions site
    changes: bool = False  # whether this version has a changes page


def _graph_svg(graph: nx.DiGraph, addresses: Addresses) -> Markup | None:
    try:
        svg = graph_drawing.graph_svg(graph, addresses.url)
    except graph_drawing.GraphvizMissing:
        return None
    return Markup(svg)  # Graphviz's output: ids only, escaped by Graphviz (see module doc)


def framework_pages(result: CheckResult, chrome: Chrome | None = None,
                    changes: list[Edit] | None = None,
                    previous: Version | None = None) -> dict[str, bytes]:
    """The pages of one framework's site, by path relative to the site's folder."""
    fw, graph = result.framework, result.graph
    if fw is None or graph is None:
        raise ValueError("the explorer needs a framework that checks without errors")
    addresses = Addresses(fw)
    entries = top_entries(fw, graph, addresses)
    chrome = chrome or Chrome(title=fw.header.name or result.program.root,
                              changes=changes is not None)
    env = _environment()
    common = {"fw": fw, "chrome": chrome, "files": list(result.program.sources),
              "value_words": value_words, "slug": slug}

    def render(template: str, **values: object) -> bytes:
        return env.get_template(template).render(**common, **values).encode()

    pages = {"index.html": render("index.html", entries=entries, page="index")}
    for entry in entries:
        pages[f"figure-{entry.anchor}.html"] = render("figure.html", entry=entry,
                                                       page="figure")
    bands = [(b, band_rows(fw, b), band_targets(fw, b, addresses)) for b in fw.bands.values()]
    pages["bands.html"] = render("bands.html", bands=bands, page="bands")
    pages["reference.html"] = render("reference.html", page="reference")
    pages["graph.html"] = render("graph.html", svg=_graph_svg(graph, addresses),
                                 page="graph")
    pages["search.html"] = render("search.html", page="search")
    pages["search-index.js"] = search_index(fw, entries, addresses)
    if changes is not None:
        pages["changes.html"] = render("changes.html", page="changes", previous=previous,
                                       edits=[edit_view(e) for e in changes])
    return pages


# ----------------------------------------------------------------------------- versions
def version_folder(version: Version) -> str:
    return slug(Path(version.name).stem)


def versions_pages(versions: VersionSet) -> dict[str, bytes]:
    """A site for a version directory: an index of the versions, and each version's own
    pages in a folder named after its file, with what changed since the one before."""
    pages: dict[str, bytes] = {}
    previous: Version | None = None
    for version in versions.versions:
        fw = version.framework
        title = fw.header.name or version.name
        if fw.header.version:
            title += f", version {fw.header.version}"
        chrome = Chrome(title=title, static="../static/", home="../index.html",
                        changes=previous is not None)
        edits = list(compare(previous.result, version.result).edits) if previous else None
        folder = version_folder(version)
        for path, data in framework_pages(version.result, chrome, edits, previous).items():
            pages[f"{folder}/{path}"] = data
        previous = version
    listing = [(v, version_folder(v)) for v in versions.versions]
    pages["index.html"] = _environment().get_template("versions.html").render(
        directory=versions.directory, versions=listing,
        chrome=Chrome(title=versions.first.framework.header.name or versions.directory),
        page="versions").encode()
    return pages


# ----------------------------------------------------------------------------- writing
def static_files() -> dict[str, bytes]:
    """The stylesheet and search script every site carries, by path in the site."""
    folder = resources.files("critc.compiler.report") / "templates"
    return {f"static/{name}": (folder / name).read_bytes() for name in STATIC_FILES}


def write_site(pages: dict[str, bytes], target: Path) -> list[Path]:
    """Write every page and the static files under `target`; the paths written, sorted."""
    written = []
    for path, data in sorted({**pages, **static_files()}.items()):
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        written.append(out)
    return written
