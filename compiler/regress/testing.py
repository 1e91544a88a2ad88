"""Test files for frameworks: `*.test.yaml`, read, run, compared, re-recorded and reported.

A test file names a framework, gives case records (inline, or a file) and optional
inspection inputs, and says which figures a test expects:

    framework: framework.crit
    tests:
      - name: Ashford as published
        cases: cases.csv
        inputs: inputs.csv
        inspection: Ashford
        expect:
          1.2b: 70%                 # as the report shows it (declared rounding)
          roh: 73.5% ± 0.5          # unrounded, within a tolerance in the units shown
          overall: Well met         # a rating or band label by its label
          1.2: {value: 74%, band: Performance against this criterion was good.}

The YAML is composed into nodes, never constructed into objects: no tag can run code, every
scalar stays the text it was written as (`1.1`, `no` and `2024-04-01` are text, as in the
framework), and every key and value keeps its line and column, so a problem in a test file
is a `Diagnostic` like any other. `--update` edits the file's text at those positions, so
everything else (comments, order, quoting, layout) stays byte for byte as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import numpy as np
import pyarrow as pa
from critc.compiler.check.declare import did_you_mean
from critc.compiler.check.load import display_path
from critc.compiler.check.passes import CheckResult, check_file
from critc.compiler.io.records import ROWS_KEY, RecordsError, read_table, records_table
from critc.compiler.io.session import GroupingError, open_session
from critc.compiler.io.values import NA, defined, labels_for, shown
from critc.compiler.model import framework as m
from critc.dsl.diagnostics import Diagnostic, error, has_errors
from critc.dsl.source import FRAMEWORK_LIMIT, decode_text, read_file
from critc.dsl.span import Span
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

SUFFIXES = (".test.yaml", ".test.yml")
ALL_CASES = "all cases"  # the one inspection of cases scored together
NULLS = ("", "~", "null", "Null", "NULL")
EPSILON = 1e-9  # slack for float noise when comparing in the units shown


def is_test_file(path: Path) -> bool:
    return path.name.endswith(SUFFIXES)


def find_test_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Test files named, or found (recursively, sorted) in folders named; and the paths
    that hold none (a usage problem)."""
    found: list[Path] = []
    empty: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and is_test_file(p))
            if not inside:
                empty.append(f"no test files (*.test.yaml) in `{name}`")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            empty.append(f"no file or folder `{name}`")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return [Path(display_path(p)) for p in unique], empty


# ----------------------------------------------------------------------------- YAML nodes
def span_of(path: str, node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    if end.line != start.line or end.index <= start.index:
        end_line, end_col = start.line + 1, start.column + 2
        if isinstance(node, ScalarNode) and node.value and "\n" not in node.value:
            end_col = start.column + 1 + len(node.value)
        return Span(path, start.line + 1, start.column + 1, end_line, end_col)
    return Span(path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


_FRIENDLY = [
    ("found character '\\t'", "a tab character: YAML is indented with spaces only",
     "replace the tab with spaces"),
    ("expected <block end>", "this line is not indented like the lines before it",
     "keys of one mapping, and items of one list, start in the same column"),
    ("mapping values are not allowed here", "a second `: ` on one line",
     "put text that holds `: ` in quotes, or start a new indented line"),
    ("expected ',' or ']'", "a `[` is not closed", "close the list with `]`"),
    ("expected ',' or '}'", "a `{` is not closed", "close the mapping with `}`"),
    ("could not find expected ':'", "a key without `: ` after it",
     "write `key: value`, with a space after the colon"),
    ("found undefined alias", "an alias (`*name`) with no anchor (`&name`)",
     "test files do not need anchors or aliases"),
    ("but found another document", "more than one YAML document (`---`) in the file",
     "a test file holds one document"),
]


def yaml_problem(exc: YAMLError, path: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    message, hint = f"not valid YAML: {problem}", None
    for pattern, friendly, advice in _FRIENDLY:
        if pattern in str(exc):
            message, hint = f"not valid YAML: {friendly}", advice
            break
    span = None
    if mark is not None:
        span = Span(path, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)
    return error("test-yaml-syntax", message, span, hint=hint)


def compose(text: str, path: str) -> tuple[Node | None, list[Diagnostic]]:
    """The document's node tree; no Python object is constructed from it."""
    yaml = YAML(typ="rt")
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        return None, [yaml_problem(exc, path)]
    except YAMLError as exc:
        return None, [error("test-yaml-syntax", f"not valid YAML: {exc}", Span(path, 1, 1, 1, 2))]
    if node is None:
        return None, [error("test-empty", "the test file is empty", Span(path, 1, 1, 1, 2),
                            hint="start with `framework: FILE.crit` and a list of `tests:`")]
    return node, []


KINDS = {MappingNode: "a mapping (`key: value` lines)", SequenceNode: "a list (`- ` items)",
         ScalarNode: "a single value"}


class Reader:
    """Reads a node tree with a schema in mind; every problem is a diagnostic."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.diagnostics: list[Diagnostic] = []

    def span(self, node: Node) -> Span:
        return span_of(self.path, node)

    def problem(self, code: str, message: str, node: Node, hint: str | None = None) -> None:
        self.diagnostics.append(error(code, message, self.span(node), hint=hint))

    def _tagged(self, node: Node) -> bool:
        start = node.start_mark.index
        if self.text[start:start + 1] == "!":
            self.problem("test-bad-shape", "YAML tags (`!...`) are not used in test files",
                         node, hint="remove the tag")
            return True
        return False

    def kind(self, node: Node, want: type, what: str) -> bool:
        if self._tagged(node):
            return False
        if isinstance(node, want):
            return True
        self.problem("test-bad-shape", f"{what} should be {KINDS[want]}, not "
                     f"{KINDS.get(type(node), 'this')}", node)
        return False

    def is_null(self, node: Node) -> bool:
        return isinstance(node, ScalarNode) and node.style is None and node.value in NULLS

    def text_of(self, node: Node, what: str, allow_null: bool = False) -> str | None:
        """A scalar's text; None (reported unless allowed) if it is not one or is empty."""
        if self.is_null(node):
            if not allow_null:
                self.problem("test-bad-value", f"{what} is empty", node)
            return None
        if not self.kind(node, ScalarNode, what):
            return None
        return node.value

    def mapping(self, node: Node, what: str, known: tuple[str, ...] | None = None
                ) -> dict[str, tuple[ScalarNode, Node]] | None:
        """{key: (key node, value node)}; duplicate and (with `known`) unknown keys are
        reported and left out."""
        if not self.kind(node, MappingNode, what):
            return None
        out: dict[str, tuple[ScalarNode, Node]] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or self.is_null(key):
                self.problem("test-bad-shape", f"a key in {what} should be a single value",
                             key)
                continue
            name = key.value
            if name in out:
                first = out[name][0].start_mark.line + 1
                self.problem("test-duplicate-key", f"`{name}` is given twice in {what} "
                             f"(first on line {first})", key,
                             hint="give each key once; the second would silently replace "
                             "the first")
                continue
            if known is not None and name not in known:
                self.problem("test-unknown-key", f"`{name}` is not a key of {what}", key,
                             hint=did_you_mean(name, known) or "expected one of "
                             + ", ".join(f"`{k}`" for k in known))
                continue
            out[name] = (key, value)
        return out


# ----------------------------------------------------------------------------- structure
FILE_KEYS = ("framework", "description", "cases", "inputs", "by", "tests")
TEST_KEYS = ("name", "description", "cases", "inputs", "by", "inspection", "expect")
FIGURE_KEYS = ("value", "band", "bands", "counts")


@attrs.define
class Source:
    """Where a test's cases or inputs come from: a file, or records written in the test."""

    node: Node  # the value in the test file
    key: ScalarNode
    path: Path | None = None  # a file, resolved against the test file's folder
    inline: Node | None = None  # a list of records, or a mapping of inputs


@attrs.define
class TestCase:
    __test__ = False  # not a pytest class

    name: str
    node: MappingNode
    name_node: Node
    cases: Source | None
    inputs: Source | None
    by: str | None
    by_node: Node | None
    inspection: str | None
    inspection_node: Node | None
    expect_key: ScalarNode | None
    expect_node: Node | None
    line: int


@attrs.define
class TestFile:
    __test__ = False

    path: str  # as shown
    text: str
    framework: Path | None
    framework_node: Node | None
    tests: list[TestCase]
    root: Node | None


def _source(reader: Reader, base: Path, key: ScalarNode, node: Node, what: str
            ) -> Source | None:
    if isinstance(node, ScalarNode) and not reader.is_null(node):
        if reader._tagged(node):
            return None
        return Source(node=node, key=key, path=base / node.value)
    if what == "cases" and isinstance(node, SequenceNode):
        return Source(node=node, key=key, inline=node)
    if what == "inputs" and isinstance(node, MappingNode):
        return Source(node=node, key=key, inline=node)
    shape = "a file name or a list of case records" if what == "cases" else \
        "a file name or a mapping of inspection inputs"
    reader.problem("test-bad-shape", f"`{what}` should be {shape}", node)
    return None


def read_test_file(path: Path) -> tuple[TestFile, list[Diagnostic]]:
    """The file's structure (not yet its expectations, which need the framework)."""
    shown_path = str(path)
    empty = TestFile(shown_path, "", None, None, [], None)
    data, problem = read_file(path, shown_path, limit=FRAMEWORK_LIMIT)
    if data is None:
        return empty, [problem]
    text, problem = decode_text(data, shown_path, hint="save the test file as UTF-8")
    if text is None:
        return empty, [problem]
    file = TestFile(shown_path, text, None, None, [], None)
    root, problems = compose(text, shown_path)
    if root is None:
        return file, problems
    file.root = root
    reader = Reader(shown_path, text)
    top = reader.mapping(root, "the test file", FILE_KEYS)
    if top is None:
        return file, reader.diagnostics
    base = path.parent
    defaults: dict[str, object] = {}
    if "framework" not in top:
        reader.problem("test-missing-key", "the test file names no `framework`", root,
                       hint="add `framework: FILE.crit` (relative to this test file)")
    else:
        key, node = top["framework"]
        name = reader.text_of(node, "`framework`")
        if name is not None:
            file.framework, file.framework_node = base / name, node
    for what in ("cases", "inputs"):
        if what in top:
            defaults[what] = _source(reader, base, *top[what], what)
    if "by" in top:
        defaults["by"] = (reader.text_of(top["by"][1], "`by`"), top["by"][1])
    if "tests" not in top:
        reader.problem("test-missing-key", "the test file has no `tests`", root,
                       hint="add `tests:` with a list of tests, each starting `- name: ...`")
        return file, reader.diagnostics
    tests_node = top["tests"][1]
    if reader.is_null(tests_node) or not reader.kind(tests_node, SequenceNode, "`tests`"):
        if reader.is_null(tests_node):
            reader.problem("test-missing-key", "`tests` lists no tests", top["tests"][0])
        return file, reader.diagnostics
    for item in tests_node.value:
        test = _read_test(reader, base, item, defaults)
        if test is not None:
            file.tests.append(test)
    return file, reader.diagnostics


def _read_test(reader: Reader, base: Path, node: Node, defaults: dict) -> TestCase | None:
    entry = reader.mapping(node, "a test", TEST_KEYS)
    if entry is None:
        return None
    if "name" not in entry:
        reader.problem("test-missing-key", "a test has no `name`", node,
                       hint="start each test with `- name: what it checks`")
        return None
    name = reader.text_of(entry["name"][1], "`name`")
    if name is None:
        return None
    test = TestCase(name=name, node=node, name_node=entry["name"][1], cases=None, inputs=None,
                    by=None, by_node=None, inspection=None, inspection_node=None,
                    expect_key=None, expect_node=None, line=node.start_mark.line + 1)
    for what in ("cases", "inputs"):
        if what in entry:
            setattr(test, what, _source(reader, base, *entry[what], what))
        elif what == "cases" or "cases" not in entry:  # the file's inputs go with its cases
            setattr(test, what, defaults.get(what))
    if "by" in entry:
        test.by, test.by_node = reader.text_of(entry["by"][1], "`by`"), entry["by"][1]
    elif "by" in defaults:
        test.by, test.by_node = defaults["by"]
    if "inspection" in entry:
        test.inspection_node = entry["inspection"][1]
        test.inspection = reader.text_of(test.inspection_node, "`inspection`")
    if "expect" in entry:
        test.expect_key, test.expect_node = entry["expect"]
    return test


# ----------------------------------------------------------------------------- expectations
NUMBER = r"[-+]?\d+(?:\.\d+)?"
VALUE = re.compile(rf"^\s*(?P<num>{NUMBER})\s*(?P<pct>%)?\s*(?:(?P<pm>±|\+/-|\+-)\s*"
                   rf"(?P<tol>{NUMBER})\s*(?P<tolpct>%)?)?\s*$")
COUNTS = re.compile(r"^\s*(\d+)\s*(?:/|of)\s*(\d+)\s*$")


@attrs.frozen
class Expected:
    """One expected value as written."""

    text: str
    node: ScalarNode
    kind: str  # "na", "number" (a score in percent, or a number) or "label"
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
        scale = fw.rating_scales[type_.scale]
        out = {scale.labels[level]: scale.labels[level] for level in scale.levels}
        out.update({level: scale.labels[level] for level in scale.levels})
        return out
    band = fw.bands[type_.scale]
    return {row.output: row.output for row in band.rows}


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def parse_expected(reader: Reader, fw: m.Framework, figure: str, type_: m.Type,
                   node: Node, what: str) -> Expected | None:
    text = reader.text_of(node, what)
    if text is None:
        if reader.is_null(node):
            return None
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
    figures = list(fw.questions) + list(fw.aggregates) + list(fw.applications)
    out = []
    for figure, (key, value) in entries.items():
        if figure not in fw.questions and figure not in fw.aggregates \
                and figure not in fw.applications:
            reader.problem("test-unknown-figure", f"no question or aggregate `{figure}` in "
                           "the framework", key, hint=did_you_mean(figure, figures))
            continue
        expectation = _expectation(reader, fw, figure, key, value)
        if expectation is not None:
            out.append(expectation)
    return out


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
    counts = None
    if "counts" in entries:
        counts_node = entries["counts"][1]
        text = reader.text_of(counts_node, f"the counts of {what}")
        if figure not in fw.questions:
            reader.problem("test-bad-value", f"`counts` are kept for questions; {what} is "
                           "not one", entries["counts"][0])
        elif text is not None:
            match = COUNTS.match(text)
            if match is None:
                reader.problem("test-bad-value", f"cannot read `{text}` as counts", counts_node,
                               hint="write cases above the line / applicable cases, e.g. "
                               "`32/46`")
            else:
                counts = (int(match[1]), int(match[2]), counts_node)
    if len(reader.diagnostics) > before:
        return None
    return Expectation(figure, key, node, value, tuple(bands), counts)


# ----------------------------------------------------------------------------- results
@attrs.frozen
class Mismatch:
    figure: str
    what: str  # "", "band NAME" or "counts"
    expected: str
    actual: str
    detail: str = ""
    node: ScalarNode | None = None  # the scalar --update rewrites
    replacement: str | None = None

    def describe(self) -> str:
        name = self.figure + (f" {self.what}" if self.what else "")
        text = f"{name}: expected {self.expected}, actual {self.actual}"
        return text + (f" ({self.detail})" if self.detail else "")


@attrs.define
class TestRun:
    __test__ = False

    test: TestCase
    status: str  # "pass", "fail" or "error"
    mismatches: list[Mismatch] = attrs.Factory(list)
    problem: str | None = None  # why an error test could not run
    results: object | None = None  # Results, for coverage
    group: int | None = None
    inputs: dict | None = None
    framework: Path | None = None
    expectations: list[Expectation] | None = None

    @property
    def name(self) -> str:
        return self.test.name


@attrs.define
class FileRun:
    path: str
    text: str
    file: TestFile | None
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    sources: dict[str, str] = attrs.Factory(dict)
    tests: list[TestRun] = attrs.Factory(list)
    problem: str | None = None  # the file itself could not be read

    @property
    def ok(self) -> bool:
        return self.problem is None and all(t.status == "pass" for t in self.tests)


def _quoted(label: str) -> str:
    return label if label == NA else f'"{label}"'


def _plain_number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def unrounded(fw: m.Framework, figure: str, value) -> str:
    """The unrounded value in the units shown (percent for scores)."""
    if not defined(value):
        return NA
    if fw.figure_type(figure).kind == "score":
        return _plain_number(float(value) * 100) + "%"
    return _plain_number(float(value))


def _shown_number(text: str) -> float:
    return float(text.rstrip("%"))


def _tolerance_text(expected: Expected, value: float, percent: bool) -> str:
    """`expected.text` with its number replaced by `value`, precise enough to pass."""
    tolerance = expected.tolerance or 0.0
    shown_value = value * 100 if percent else value
    if tolerance > 0:
        digits = max(1, -int(np.floor(np.log10(tolerance))) + 1)
        number = f"{shown_value:.{digits}f}".rstrip("0").rstrip(".")
    else:
        number = f"{shown_value:.12g}"
    start, end = expected.number_at
    return expected.text[:start] + number + expected.text[end:]


def compare(expectation: Expectation, fw: m.Framework, results, g: int) -> list[Mismatch]:
    figure = expectation.figure
    value = results.values[figure][g]
    out = []
    detail = ""
    if figure in fw.questions:
        q = results.plan.question(figure)
        num, den = int(results.numerators[g, q.index]), int(results.denominators[g, q.index])
        detail = f"{num} of {den} applicable cases above the line" if den else \
            "no applicable cases"
    if expectation.value is not None:
        mismatch = _compare_value(expectation.value, fw, figure, value, detail)
        if mismatch is not None:
            out.append(mismatch)
    if expectation.bands:
        labels = dict(labels_for(results, figure, g))
        for band, expected in expectation.bands:
            actual = labels.get(band, NA)
            if not _label_matches(expected, actual):
                out.append(Mismatch(figure, f"band {band}", _quoted(expected.text),
                                    _quoted(actual), f"{figure} is {shown(fw, figure, value)}",
                                    expected.node, actual))
    if expectation.counts is not None:
        num_e, den_e, node = expectation.counts
        q = results.plan.question(figure)
        num, den = int(results.numerators[g, q.index]), int(results.denominators[g, q.index])
        if (num, den) != (num_e, den_e):
            written = node.value
            replacement = f"{num} of {den}" if " of " in written else f"{num}/{den}"
            out.append(Mismatch(figure, "counts", written, f"{num}/{den}",
                                "above the line / applicable", node, replacement))
    return out


def _label_matches(expected: Expected, actual: str) -> bool:
    if expected.kind == "na":
        return actual == NA
    return expected.label == actual


def _compare_value(expected: Expected, fw: m.Framework, figure: str, value,
                   detail: str) -> Mismatch | None:
    actual = shown(fw, figure, value)
    kind = fw.figure_type(figure).kind
    if expected.kind == "na" or expected.kind == "label":
        if _label_matches(expected, actual):
            return None
        written = _quoted(expected.text) if expected.kind == "label" else expected.text
        return Mismatch(figure, "", written, _quoted(actual) if kind in ("rating", "label")
                        else actual, detail, expected.node, actual)
    percent = kind == "score"
    if expected.tolerance is None:
        if actual != NA and abs(_shown_number(actual) - expected.number) < EPSILON:
            return None
        extra = f"unrounded {unrounded(fw, figure, value)}" if defined(value) else ""
        return Mismatch(figure, "", expected.text, actual,
                        "; ".join(p for p in (extra, detail) if p), expected.node, actual)
    if defined(value):
        in_units = float(value) * 100 if percent else float(value)
        if abs(in_units - expected.number) <= expected.tolerance + EPSILON:
            return None
        off = abs(in_units - expected.number)
        units = " percentage points" if percent else ""
        extra = f"unrounded {unrounded(fw, figure, value)}, off by {_plain_number(off)}{units}"
        return Mismatch(figure, "", expected.text, actual,
                        "; ".join(p for p in (extra, detail) if p), expected.node,
                        _tolerance_text(expected, float(value), percent))
    return Mismatch(figure, "", expected.text, NA, detail, expected.node, NA)


# ----------------------------------------------------------------------------- running
@attrs.define
class _Scored:
    session: object | None
    results: object | None


class Runner:
    """Runs test files, reading each framework and each case file once per run."""

    def __init__(self):
        self.frameworks: dict[Path, CheckResult] = {}
        self.tables: dict[Path, tuple[pa.Table | None, Diagnostic | None]] = {}
        self.scored: dict[tuple, _Scored] = {}

    # --- frameworks and case files
    def framework(self, path: Path, run: FileRun, reader: Reader, node: Node
                  ) -> CheckResult | None:
        key = path.resolve()
        first = key not in self.frameworks
        if first:
            if not path.is_file():
                reader.problem("file-not-found", f"no framework file at `{display_path(path)}`",
                               node, hint="the path is relative to the test file's folder")
                self.frameworks[key] = None
                return None
            self.frameworks[key] = check_file(display_path(path))
        result = self.frameworks[key]
        if result is None:
            if not first:
                reader.problem("file-not-found", f"no framework file at "
                               f"`{display_path(path)}`", node)
            return None
        if first and result.diagnostics:
            run.diagnostics.extend(result.diagnostics)
            run.sources.update(result.program.sources)
        if not result.ok or result.framework is None:
            return None
        return result

    def table(self, path: Path) -> tuple[pa.Table | None, Diagnostic | None]:
        key = path.resolve()
        if key not in self.tables:
            try:
                self.tables[key] = (read_table(display_path(path)), None)
            except RecordsError as exc:
                self.tables[key] = (None, exc.diagnostic)
        return self.tables[key]

    # --- files
    def run_file(self, path: Path) -> FileRun:
        file, problems = read_test_file(path)
        run = FileRun(str(path), file.text, file, list(problems))
        run.sources[str(path)] = file.text
        if has_errors(problems) and file.root is None:
            run.problem = "the test file cannot be read"
            return run
        reader = Reader(str(path), file.text)
        result = None
        if file.framework is not None:
            result = self.framework(file.framework, run, reader, file.framework_node)
        for test in file.tests:
            run.tests.append(self._run_test(test, file, result, run, reader))
        run.diagnostics.extend(reader.diagnostics)
        if has_errors(problems):
            run.problem = "the test file has problems (see above)"
        elif not file.tests:
            run.problem = "the test file holds no tests"
        return run

    def _run_test(self, test: TestCase, file: TestFile, result: CheckResult | None,
                  run: FileRun, reader: Reader) -> TestRun:
        if file.framework is None:
            return TestRun(test, "error", problem="the test file names no framework")
        if result is None:
            return TestRun(test, "error", problem="the framework cannot be used (see the "
                           "problems above)")
        fw = result.framework
        before = len(reader.diagnostics)
        expectations = parse_expectations(reader, fw, test)
        if test.cases is None:
            reader.problem("test-missing-key", f"test `{test.name}` has no `cases`", test.node,
                           hint="give `cases:` in the test, or once at the top of the file")
        if len(reader.diagnostics) > before or expectations is None:
            return TestRun(test, "error", problem="the test has problems (see above)")
        whole = test.inspection == ALL_CASES or fw.inspection is None and test.by is None
        scored = self._score(test, result, run, reader, whole)
        if scored.results is None:
            return TestRun(test, "error", problem="its cases or inputs cannot be scored "
                           "(see the problems above)")
        results = scored.results
        keys = list(results.grouping.keys)
        if test.inspection is not None and not (whole and test.inspection == ALL_CASES):
            if test.inspection not in keys:
                reader.problem("test-unknown-inspection", f"no inspection `{test.inspection}` "
                               "in the cases", test.inspection_node,
                               hint=did_you_mean(test.inspection, keys)
                               or "the cases hold: " + ", ".join(f"`{k}`" for k in keys[:10]))
                return TestRun(test, "error", problem="the test has problems (see above)")
            g = keys.index(test.inspection)
        elif len(keys) == 1:
            g = 0
        else:
            shown_keys = ", ".join(f"`{k}`" for k in keys[:6]) + (", ..." if len(keys) > 6
                                                                  else "")
            reader.problem("test-unknown-inspection", f"the cases form {len(keys)} inspections "
                           f"({shown_keys}): say which this test is about", test.name_node,
                           hint=f"add `inspection: {keys[0]}` to the test (or `inspection: "
                           f"{ALL_CASES}` to score every case together)")
            return TestRun(test, "error", problem="the test has problems (see above)")
        out = TestRun(test, "pass", results=results, group=g, inputs=scored.session.inputs,
                      framework=file.framework, expectations=expectations)
        if not expectations:
            out.status = "fail"
            out.problem = "it expects nothing yet: `critc test --update` records the " \
                "figures it gives now"
            return out
        for expectation in expectations:
            out.mismatches.extend(compare(expectation, fw, results, g))
        if out.mismatches:
            out.status = "fail"
        return out

    def _score(self, test: TestCase, result: CheckResult, run: FileRun, reader: Reader,
               whole: bool) -> _Scored:
        fw = result.framework
        cases, inputs = test.cases, test.inputs
        key = (str(Path(result.program.root).resolve()),
               _source_key(cases, test), _source_key(inputs, test), test.by, whole)
        if key in self.scored:
            return self.scored[key]
        problems: list[Diagnostic] = []
        scored = _Scored(None, None)
        self.scored[key] = scored
        by = test.by if not whole else None
        inline_cases: _Inline | None = None
        if cases.path is not None:
            table, problem = self.table(cases.path)
            if problem is not None:
                if problem.span is None:
                    problem = attrs.evolve(problem, span=reader.span(cases.node))
                run.diagnostics.append(problem)
                return scored
            case_input, shown_cases = table, display_path(cases.path)
        else:
            inline_cases = _inline_cases(reader, fw, cases)
            if inline_cases is None:
                return scored
            case_input, shown_cases = inline_cases.table, inline_cases.shown
        inline_inputs = None
        if inputs is None:
            input_arg = None
        elif inputs.path is not None:
            if not inputs.path.is_file():
                reader.problem("file-not-found", f"no inputs file at "
                               f"`{display_path(inputs.path)}`", inputs.node,
                               hint="the path is relative to the test file's folder")
                return scored
            input_arg = display_path(inputs.path)
        else:
            field = None if whole else (by or fw.inspection)
            inline_inputs = _inline_inputs(reader, fw, inputs, case_input, field)
            if inline_inputs is None:
                return scored
            input_arg = inline_inputs.table
        try:
            session, problems = open_session(
                result, case_input, input_arg, by=by, whole=whole, shown=shown_cases,
                inputs_shown=inline_inputs.shown if inline_inputs is not None else None)
        except GroupingError as exc:
            reader.problem("test-bad-value", str(exc), test.by_node or test.node)
            return scored
        for inline in (inline_cases, inline_inputs):
            if inline is not None:  # point its problems at the lines of the test file
                problems = inline.relocate(problems)
        run.diagnostics.extend(problems)
        if session is None:
            return scored
        scored.session = session
        scored.results = session.evaluate()
        return scored


def _source_key(source: Source | None, test: TestCase):
    if source is None:
        return None
    if source.path is not None:
        return str(source.path.resolve())
    return ("inline", id(source.node))


@attrs.define
class _Inline:
    """Records written in the test file, as a table, and where each cell was written."""

    table: pa.Table
    shown: str
    columns: list[str]
    cells: dict[tuple[int, str], Node]  # (line of the record, column) → value node
    records: dict[int, Node]  # line → the record
    anchor: Node  # the `cases:` or `inputs:` key
    added: set[str] = attrs.Factory(set)  # columns the test did not write (all blank)
    path_of: str = ""  # the test file

    def locate(self, span: Span | None, code: str) -> Span | None:
        if span is None or span.path != self.shown:
            return span
        header = code in ("missing-column", "unknown-column", "duplicate-column",
                          "missing-inputs") or span.line not in self.records
        if header:
            return span_of(self.path_of, self.anchor)
        column = self.columns[span.col - 1] if 0 < span.col <= len(self.columns) else None
        node = self.cells.get((span.line, column)) or self.records[span.line]
        return span_of(self.path_of, node)

    def relocate(self, problems: list[Diagnostic]) -> list[Diagnostic]:
        """`problems`, those about these records moved to where they were written."""
        out = []
        for d in problems:
            if d.span is not None and d.span.path == self.shown:
                if d.code == "applicable-left-blank" and self._blank_column(d) in self.added:
                    continue  # a question the test leaves out on purpose
                d = attrs.evolve(d, span=self.locate(d.span, d.code))
            out.append(d)
        return out

    def _blank_column(self, d: Diagnostic) -> str | None:
        col = d.span.col
        return self.columns[col - 1] if 0 < col <= len(self.columns) else None


def _inline_name(reader: Reader, source: Source) -> str:
    """How records written in the test file are named while they are read (`cases` or
    `inputs` and the line of the key), until `_Inline.relocate` points at the YAML."""
    return f"{reader.path}#{source.key.value}@{source.key.start_mark.line + 1}"


def _inline_cases(reader: Reader, fw: m.Framework, source: Source) -> _Inline | None:
    known = [f.id for f in fw.case_fields] + list(fw.questions)
    objects, lines, cells, records = [], [], {}, {}
    before = len(reader.diagnostics)
    for item in source.inline.value:
        entries = reader.mapping(item, "a case record")
        if entries is None:
            continue
        line = item.start_mark.line + 1
        record = {}
        for name, (key, value) in entries.items():
            if name not in known:
                what = "an inspection input: give it under `inputs`" \
                    if name in fw.fields else "not a case field or question of the framework"
                reader.problem("test-unknown-field", f"`{name}` is {what}", key,
                               hint=did_you_mean(name, known) if name not in fw.fields
                               else None)
                continue
            text = reader.text_of(value, f"`{name}`", allow_null=True)
            record[name] = text
            cells[(line, name)] = value
        objects.append(record)
        lines.append(line)
        records[line] = item
    if len(reader.diagnostics) > before:
        return None
    if not objects:
        reader.problem("test-bad-value", "`cases` lists no case records", source.key)
        return None
    shown_as = _inline_name(reader, source)
    table = records_table(objects, shown_as)
    added = set()
    for name in known:
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
            added.add(name)
    table = table.replace_schema_metadata({ROWS_KEY: json.dumps(lines).encode()})
    return _Inline(table, shown_as, list(table.column_names), cells, records, source.key,
                   added, path_of=reader.path)


def _inline_inputs(reader: Reader, fw: m.Framework, source: Source, cases: pa.Table,
                   field: str | None) -> _Inline | None:
    """`inputs: {inspection: {input: value}}`, or `inputs: {input: value}` for every
    inspection in the cases."""
    entries = reader.mapping(source.inline, "`inputs`")
    if entries is None:
        return None
    ids = [f.id for f in fw.inputs]
    key_column = fw.inspection or "inspection"
    before = len(reader.diagnostics)
    # (inspection, its line, the node naming it, {input: (key node, value node)})
    given: list[tuple[str, int, Node, dict]] = []
    if all(isinstance(v, ScalarNode) for _, v in entries.values()):  # one set for all
        if field is None:
            keys = [ALL_CASES]
        elif field in cases.column_names:
            keys = sorted({k for k in cases.column(field).to_pylist() if k is not None})
        else:
            keys = []
        line = source.key.start_mark.line + 1
        given = [(k, line, source.key, entries) for k in keys]
        checks = [entries]
    else:
        checks = []
        for inspection, (key, value) in entries.items():
            inputs = reader.mapping(value, f"the inputs of `{inspection}`")
            if inputs is not None:
                given.append((inspection, key.start_mark.line + 1, key, inputs))
                checks.append(inputs)
    for inputs in checks:
        for name, (key, _value) in inputs.items():
            if name not in ids:
                reader.problem("test-unknown-field", f"`{name}` is not an inspection input",
                               key, hint=did_you_mean(name, ids) or (
                                   "the framework's inputs: " + ", ".join(f"`{i}`" for i in ids)
                                   if ids else "the framework has none"))
    if len(reader.diagnostics) > before:
        return None
    columns: dict[str, list] = {key_column: [], **{name: [] for name in ids}}
    cells, records, lines = {}, {}, []
    for inspection, line, node, inputs in given:
        columns[key_column].append(inspection)
        for name in ids:
            value = inputs.get(name, (None, None))[1]
            columns[name].append(None if value is None else
                                 reader.text_of(value, f"`{name}`", allow_null=True))
            if value is not None:
                cells[(line, name)] = value
        records[line] = node
        lines.append(line)
    table = pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()})
    if lines:
        table = table.replace_schema_metadata({ROWS_KEY: json.dumps(lines).encode()})
    return _Inline(table, _inline_name(reader, source), list(table.column_names), cells,
                   records, source.key, path_of=reader.path)


# ----------------------------------------------------------------------------- counts
def summary(runs: list[FileRun]) -> tuple[int, int, int]:
    """(passed, failed, errors); a file that cannot be read is one error."""
    passed = sum(t.status == "pass" for r in runs for t in r.tests)
    failed = sum(t.status == "fail" for r in runs for t in r.tests)
    errors = sum(t.status == "error" for r in runs for t in r.tests)
    errors += sum(1 for r in runs if r.problem is not None)
    return passed, failed, errors



# ----------------------------------------------------------------------------- update
_PLAIN = re.compile(r"^[A-Za-z0-9(][^\n]*$")


def scalar_text(value: str, flow: bool = False, style: str | None = None) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same text, else quoted
    (in the quotes it had, if any)."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    plain = (_PLAIN.match(value) and ": " not in value and " #" not in value
             and not value.endswith((" ", ":")) and value not in NULLS
             and not (flow and any(c in value for c in ",[]{}")))
    if plain and style is None:
        return value
    return json.dumps(value, ensure_ascii=False)


@attrs.frozen
class Edit:
    start: int
    end: int
    text: str


def _in_flow(node: Node, parents: dict[int, Node]) -> bool:
    parent = parents.get(id(node))
    while parent is not None:
        if getattr(parent, "flow_style", False):
            return True
        parent = parents.get(id(parent))
    return False


def _parents(root: Node) -> dict[int, Node]:
    out: dict[int, Node] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        children = []
        if isinstance(node, MappingNode):
            children = [c for pair in node.value for c in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        for child in children:
            out[id(child)] = node
            stack.append(child)
    return out


def _last_leaf(node: Node) -> Node:
    while isinstance(node, (MappingNode, SequenceNode)) and node.value \
            and not getattr(node, "flow_style", False):
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node


def _line_end(text: str, index: int) -> int:
    """The index just past the end of the line holding `index`."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def record_all(run: TestRun) -> list[str]:
    """`key: value` lines for every question and aggregate, in report order."""
    results, g = run.results, run.group
    fw = results.plan.framework
    out = []
    for node in results.plan.figures:
        if node in fw.applications:
            continue
        value = shown(fw, node, results.values[node][g])
        bands = labels_for(results, node, g)
        if not bands:
            text = scalar_text(value)
        elif len(bands) == 1:
            text = "{value: " + scalar_text(value, True) + ", band: " \
                + scalar_text(bands[0][1], True) + "}"
        else:
            inner = ", ".join(f"{b}: {scalar_text(label, True)}" for b, label in bands)
            text = "{value: " + scalar_text(value, True) + ", bands: {" + inner + "}}"
        out.append(f"{scalar_text(node)}: {text}")
    return out


def updates(file_run: FileRun) -> list[Edit]:
    """Edits that make every failing test of a file expect what it gives now."""
    file = file_run.file
    text = file.text
    newline = "\r\n" if "\r\n" in text else "\n"
    parents = _parents(file.root)
    edits = []
    for run in file_run.tests:
        if run.status != "fail" or run.results is None:
            continue
        if run.expectations:
            for mismatch in run.mismatches:
                node = mismatch.node
                if node is None or mismatch.replacement is None:
                    continue
                flow = _in_flow(node, parents)
                new = scalar_text(mismatch.replacement, flow, node.style)
                edits.append(_keeping_comment(text, node.start_mark.index,
                                              node.end_mark.index, new))
            continue
        test = run.test
        lines = record_all(run)
        column = test.node.value[0][0].start_mark.column if test.node.value else 0
        if test.expect_key is not None:  # `expect:` with nothing (or {} or null) after it
            indent = " " * (test.expect_key.start_mark.column + 2)
            value = test.expect_node
            at = _line_end(text, test.expect_key.start_mark.index)
            block = "".join(indent + line + newline for line in lines)
            if not (isinstance(value, ScalarNode) and value.start_mark.index
                    == value.end_mark.index):
                key_end = test.expect_key.end_mark.index
                colon = text.index(":", key_end) + 1
                edits.append(Edit(colon, value.end_mark.index, ""))
            edits.append(Edit(at, at, block))
        elif not getattr(test.node, "flow_style", False):
            indent = " " * column
            at = _line_end(text, max(_last_leaf(test.node).end_mark.index - 1,
                                     test.node.start_mark.index))
            block = indent + "expect:" + newline + "".join(
                indent + "  " + line + newline for line in lines)
            if at == len(text) and not text.endswith("\n"):
                block = newline + block
            edits.append(Edit(at, at, block))
    return edits


def _keeping_comment(text: str, start: int, end: int, new: str) -> Edit:
    """Replace text[start:end] with `new`, keeping a comment after it in its column."""
    gap = end
    while gap < len(text) and text[gap] == " ":
        gap += 1
    if gap > end and text.startswith("#", gap):
        spaces = max(1, (gap - end) - (len(new) - (end - start)))
        return Edit(start, gap, new + " " * spaces)
    return Edit(start, end, new)


def apply_edits(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text
