"""A test file's YAML as a node tree, read with a schema in mind: every value keeps
its text and position, and every problem is a diagnostic.
"""

from __future__ import annotations

from critc.compiler.check.declare import did_you_mean
from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.span import Span
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

NULLS = ("", "~", "null", "Null", "NULL")


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

    def kind(self, node: Node, want: type[Node], what: str) -> bool:
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
