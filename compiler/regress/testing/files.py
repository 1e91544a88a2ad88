"""Test files and their structure: the framework, the tests, where each test's cases
and inputs come from (its expectations are read against the framework, in expectations.py).
"""

from __future__ import annotations

from pathlib import Path

import attrs
from critc.compiler.check.load import display_path
from critc.compiler.regress.testing.yaml_nodes import Reader, compose
from critc.dsl.diagnostics import Diagnostic
from critc.dsl.source import FRAMEWORK_LIMIT, decode_text, read_file
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

SUFFIXES = (".test.yaml", ".test.yml")
ALL_CASES = "all cases"  # the one inspection of cases scored together
ACROSS = "all inspections"  # a test of figures across inspections only


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



FILE_KEYS = ("framework", "description", "cases", "inputs", "by", "tests")
TEST_KEYS = ("name", "description", "cases", "inputs", "by", "inspection", "expect")


@attrs.define
class FileSource:
    """A test's cases or inputs in a file."""

    node: Node  # the value in the test file: the file's name
    key: ScalarNode
    path: Path  # resolved against the test file's folder


@attrs.define
class InlineSource:
    """A test's cases or inputs written in the test file."""

    node: Node  # a list of case records, or a mapping of inputs
    key: ScalarNode


Source = FileSource | InlineSource  # where a test's cases or inputs come from


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
        return FileSource(node=node, key=key, path=base / node.value)
    if what == "cases" and isinstance(node, SequenceNode):
        return InlineSource(node=node, key=key)
    if what == "inputs" and isinstance(node, MappingNode):
        return InlineSource(node=node, key=key)
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
        assert problem is not None, "read_file gives the bytes or a diagnostic"
        return empty, [problem]
    text, problem = decode_text(data, shown_path, hint="save the test file as UTF-8")
    if text is None:
        assert problem is not None, "decode_text gives the text or a diagnostic"
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
    if entry is None or not isinstance(node, MappingNode):  # (mapping reads only a mapping)
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
