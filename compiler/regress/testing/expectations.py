"""What a test expects of each figure, read against the framework: a value as shown
(or within a tolerance), band labels, counts.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs
from critc.compiler.check.declare import did_you_mean
from critc.compiler.io.values import NA
from critc.compiler.model import framework as m
from critc.compiler.regress.testing.files import (
    TestCase,
)
from critc.compiler.regress.testing.yaml_nodes import Reader
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

FIGURE_KEYS = ("value", "band", "bands", "counts")  # of `figure: {...}`
NUMBER = r"[-+]?\d+(?:\.\d+)?"
VALUE = re.compile(rf"^\s*(?P<num>{NUMBER})\s*(?P<pct>%)?\s*(?:(?P<pm>±|\+/-|\+-)\s*"
                   rf"(?P<tol>{NUMBER})\s*(?P<tolpct>%)?)?\s*$")
COUNTS = re.compile(r"^\s*(\d+)\s*(?:/|of)\s*(\d+)\s*$")

# how an expected value is written: `n/a`, a number (a score in percent, or a number), a label
ExpectedKind = Literal["na", "number", "label"]


@attrs.frozen
class Expected:
    """One expected value as written."""

    text: str
    node: ScalarNode
    kind: ExpectedKind
    number: float | None = None
    tolerance: float | None = None
    label: str | None = None  # a label as shown (a rating's label, a band's text)
    number_at: tuple[int, int] | None = None  # where the number is in `text`


@attrs.frozen
class Expectation:
    """What one figure is expected to be: its value, its bands' labels, its counts."""

    figure: str
    key: ScalarNode
    node: Node
    value: Expected | None
    bands: tuple[tuple[str, Expected], ...] = ()
    counts: tuple[int, int, ScalarNode] | None = None


def _labels(fw: m.Framework, type_: m.Type) -> dict[str, str]:
    """What a rating or label figure may be written as → the label it is shown as."""
    if type_.kind == "rating":
        scale = fw.rating_scales[type_.scale_id]
        out = {scale.labels[level]: scale.labels[level] for level in scale.levels}
        out.update({level: scale.labels[level] for level in scale.levels})
        return out
    band = fw.bands[type_.scale_id]
    return {row.output: row.output for row in band.rows}


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def parse_expected(reader: Reader, fw: m.Framework, figure: str, type_: m.Type,
                   node: Node, what: str) -> Expected | None:
    text = reader.text_of(node, what)
    if text is None or not isinstance(node, ScalarNode):  # (text_of reads only a scalar)
        return None
    if text.strip().lower() == NA:
        return Expected(text, node, "na")
    if type_.kind in ("rating", "label"):
        labels = _labels(fw, type_)
        if text in labels:
            return Expected(text, node, "label", label=labels[text])
        kind = "rating" if type_.kind == "rating" else "band label"
        choices = list(dict.fromkeys(labels.values()))
        reader.problem("test-bad-value", f"`{text}` is not a {kind} that {what} can have",
                       node, hint=did_you_mean(text, list(labels)) or "expected one of "
                       + ", ".join(f"`{c}`" for c in choices) + ", or `n/a`")
        return None
    match = VALUE.match(text)
    example = "`83%`, `62.5% ± 0.5` or `n/a`" if type_.kind == "score" else \
        "`12`, `12.5 ± 0.1` or `n/a`"
    if match is None:
        reader.problem("test-bad-value", f"cannot read `{text}` as the value of {what}", node,
                       hint=f"write it as {example}")
        return None
    percent = bool(match["pct"] or match["tolpct"])
    if type_.kind == "score" and not percent:
        reader.problem("test-bad-value", f"{what} is a score: write `{text}` as a percentage, "
                       f"as reports show it (e.g. `{match['num']}%`)", node)
        return None
    if type_.kind != "score" and percent:
        reader.problem("test-bad-value", f"{what} is a number, not a percentage", node,
                       hint=f"write it without `%`, e.g. `{match['num']}`")
        return None
    tolerance = float(match["tol"]) if match["tol"] is not None else None
    if tolerance is None:
        places = fw.rounding_of(figure).places
        if _decimals(match["num"]) > places:
            shown_as = "whole numbers" if places == 0 else f"{places} decimal places"
            reader.problem("test-bad-value", f"`{text}` has more decimals than {what} is "
                           f"shown with ({shown_as}), so it can never match", node,
                           hint=f"write it as shown, or give a tolerance: `{match['num']}"
                           f"{'%' if percent else ''} ± 0.05`")
            return None
    return Expected(text, node, "number", number=float(match["num"]), tolerance=tolerance,
                    number_at=match.span("num"))


def parse_expectations(reader: Reader, fw: m.Framework, test: TestCase
                       ) -> list[Expectation] | None:
    """The test's expectations against the framework; None if `expect` is not a mapping."""
    node = test.expect_node
    if node is None or reader.is_null(node):
        return []
    entries = reader.mapping(node, "`expect`")
    if entries is None:
        return None
    figures = list(fw.questions) + list(fw.aggregates) + list(fw.applications) \
        + list(fw.across)
    out = []
    for figure, (key, value) in entries.items():
        if figure not in figures:
            reader.problem("test-unknown-figure", f"no question or aggregate `{figure}` in "
                           "the framework", key, hint=_figure_hint(fw, figure, figures))
            continue
        expectation = _expectation(reader, fw, figure, key, value)
        if expectation is not None:
            out.append(expectation)
    return out


def _figure_hint(fw: m.Framework, figure: str, figures: list[str]) -> str | None:
    """A did-you-mean for an unknown figure: its id without the kind (`section 1` is `1`),
    a figure whose title it is, or an id spelled nearly the same."""
    words = figure.split(maxsplit=1)
    if len(words) == 2 and words[1] in figures:
        return f"write the id alone: `{words[1]}`"
    titles = {q.text.casefold(): qid for qid, q in fw.questions.items() if q.text}
    titles.update({a.title.casefold(): aid for aid, a in fw.aggregates.items() if a.title})
    if figure.casefold() in titles:
        return f"`{figure}` is the title of `{titles[figure.casefold()]}`: write its id"
    # ids are short (`q3`, `1.2a`): one character in two may differ
    return did_you_mean(figure, figures, cutoff=0.5) \
        or did_you_mean(words[-1], figures, cutoff=0.5)


def _expectation(reader: Reader, fw: m.Framework, figure: str, key: ScalarNode,
                 node: Node) -> Expectation | None:
    type_ = fw.figure_type(figure)
    what = f"`{figure}`"
    if not isinstance(node, MappingNode):
        expected = parse_expected(reader, fw, figure, type_, node, what)
        if expected is None:
            return None
        return Expectation(figure, key, node, expected)
    entries = reader.mapping(node, f"the expectation of {what}", FIGURE_KEYS)
    if entries is None:
        return None
    if not entries:
        reader.problem("test-bad-value", f"nothing is expected of {what}", node,
                       hint="give its `value`, `band`, `bands` or `counts`")
        return None
    before = len(reader.diagnostics)
    value = None
    if "value" in entries:
        value = parse_expected(reader, fw, figure, type_, entries["value"][1], what)
    bands = _band_expectations(reader, fw, figure, entries)
    counts = None
    if "counts" in entries:
        counts = _counts_expectation(reader, fw, figure, *entries["counts"])
    if len(reader.diagnostics) > before:
        return None
    return Expectation(figure, key, node, value, tuple(bands), counts)


def _band_expectations(reader: Reader, fw: m.Framework, figure: str,
                       entries: dict[str, tuple[ScalarNode, Node]]
                       ) -> list[tuple[str, Expected]]:
    """`band: LABEL` (the one band attached) and `bands: {BAND: LABEL}`."""
    what = f"`{figure}`"
    bands: list[tuple[str, Expected]] = []
    applied = {app.band: app for app in fw.applied_to(figure)}
    if "band" in entries:
        band_key, band_node = entries["band"]
        if len(applied) != 1:
            message = f"no band is attached to {what}" if not applied else \
                f"{what} has {len(applied)} bands ({', '.join(applied)}): say which with " \
                f"`bands: {{{next(iter(applied))}: ...}}`"
            reader.problem("test-bad-value", message, band_key)
        else:
            app = next(iter(applied.values()))
            label = parse_expected(reader, fw, app.id, fw.figure_type(app.id), band_node,
                                   f"band `{app.band}` of {what}")
            if label is not None:
                bands.append((app.band, label))
    if "bands" in entries:
        given = reader.mapping(entries["bands"][1], f"the bands of {what}")
        for band, (band_key, band_node) in (given or {}).items():
            if band not in applied:
                reader.problem("test-unknown-figure", f"band `{band}` is not attached to "
                               f"{what}", band_key, hint=did_you_mean(band, list(applied))
                               or ("its bands: " + ", ".join(f"`{b}`" for b in applied)
                                   if applied else "no band is attached to it"))
                continue
            app = applied[band]
            label = parse_expected(reader, fw, app.id, fw.figure_type(app.id), band_node,
                                   f"band `{band}` of {what}")
            if label is not None:
                bands.append((band, label))
    return bands


def _counts_expectation(reader: Reader, fw: m.Framework, figure: str, key: ScalarNode,
                        node: Node) -> tuple[int, int, ScalarNode] | None:
    """`counts: 32/46` (or `32 of 46`): above the line / applicable, for a question."""
    what = f"`{figure}`"
    text = reader.text_of(node, f"the counts of {what}")
    if figure not in fw.questions:
        reader.problem("test-bad-value", f"`counts` are kept for questions; {what} is "
                       "not one", key)
        return None
    if text is None or not isinstance(node, ScalarNode):  # (text_of reads only a scalar)
        return None
    match = COUNTS.match(text)
    if match is None:
        reader.problem("test-bad-value", f"cannot read `{text}` as counts", node,
                       hint="write cases above the line / applicable cases, e.g. `32/46`")
        return None
    return int(match[1]), int(match[2]), node
