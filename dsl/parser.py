"""Text → AST, with every syntax error reported as a `Diagnostic`.

The whole file is parsed first. If that fails, the file is cut into top-level items
(lines starting in column 1) and each is parsed alone, so one run reports a syntax error
in every broken item and still returns the items that parse.
"""

from __future__ import annotations

import re

import attrs
from critc.dsl import ast, syntax_errors
from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.lalr import FrameworkIndenter, lark_parser
from critc.dsl.reductions import EXPRESSION_RULES, parse_to_ast
from critc.dsl.source import normalise
from critc.dsl.span import Span
from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.indenter import DedentError


@attrs.frozen
class Comment:
    line: int
    col: int
    text: str  # including the leading '#'


@attrs.frozen
class ParseResult:
    module: ast.Module
    diagnostics: tuple[Diagnostic, ...]
    comments: tuple[Comment, ...]


Chunk = tuple[ast.Module | None, tuple[Diagnostic, ...]]  # one item's parse, or its errors


class ParseCache:
    """What an editor keeps between parses of files it checks again on every keystroke: each
    file's last parse (by path and text), and the parse of each of its top-level items (by
    first line and text), so an edit parses again only the item it changed."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[str, ParseResult]] = {}
        self.items: dict[str, dict[tuple[int, str], Chunk]] = {}


def parse(text: str, path: str = "<text>", cache: ParseCache | None = None) -> ParseResult:
    """Parse framework source text; never raises for any input string. With a `cache`, a
    text parsed before is not parsed again, and neither is an unchanged top-level item."""
    if cache is None:
        return _parse(text, path, None)
    last = cache.files.get(path)
    if last is not None and last[0] == text:
        return last[1]
    items: dict[tuple[int, str], Chunk] = {}
    result = _parse(text, path, (cache.items.get(path, {}), items))
    cache.files[path], cache.items[path] = (text, result), items
    return result


Memo = tuple[dict[tuple[int, str], Chunk], dict[tuple[int, str], Chunk]]  # before, now


def _parse(text: str, path: str, memo: Memo | None) -> ParseResult:
    """The whole text as one parse; if it fails, each top-level item alone, so that every
    broken item is reported. With `memo` (item parses from before, and a dict to fill), the
    items come first: when each parses alone, the whole text parses to the same items."""
    text = normalise(text)
    diagnostics: list[Diagnostic] = []
    items: list[ast.Item] = []
    chunks = _parsed_chunks(text, path, memo, exact=True) if memo is not None else None
    if chunks is not None and all(part is not None for part, _ in chunks):
        for part, found in chunks:
            items.extend(part.items if part is not None else ())
            diagnostics.extend(found)
    elif (module := _parse_chunk(text, path, diagnostics)) is not None:
        items = list(module.items)
    else:
        diagnostics.clear()
        for part, found in _parsed_chunks(text, path, memo):
            items.extend(part.items if part is not None else ())
            diagnostics.extend(found)
    mixed = _mixed_indentation(text, path)
    if mixed is not None:
        # the tab explains any indentation error; report it instead
        diagnostics[:] = [d for d in diagnostics if d.code != "bad-indentation"] + [mixed]
    module = ast.Module(path=path, items=tuple(items), span=Span(path, 1, 1, 1, 1))
    return ParseResult(module, tuple(diagnostics), tuple(find_comments(text)))


def _parsed_chunks(text: str, path: str, memo: Memo | None, exact: bool = False
                   ) -> list[Chunk]:
    """Each top-level item parsed alone (from `memo`'s earlier parses when there)."""
    before, now = memo if memo is not None else ({}, {})
    out = []
    for start_line, chunk in _top_level_chunks(text, exact):
        key = (start_line, chunk)
        if key not in before:
            found: list[Diagnostic] = []
            padded = "\n" * (start_line - 1) + chunk
            before[key] = (_parse_chunk(padded, path, found), tuple(found))
        now[key] = before[key]
        out.append(before[key])
    return out


def _parse_chunk(text: str, path: str, diagnostics: list[Diagnostic]) -> ast.Module | None:
    try:
        module, found, depth = parse_to_ast(text, path)
    except UnexpectedInput as exc:
        diagnostics.append(_syntax_diagnostic(exc, text, path))
        return None
    except DedentError as exc:
        diagnostics.append(_dedent_diagnostic(exc, text, path))
        return None
    if depth > MAX_NESTING:  # rare: lark's tree shows where (`_too_deep`)
        too_deep = _too_deep(lark_parser().parse(text), path)
        if too_deep is not None:
            diagnostics.append(too_deep)
            return None
    diagnostics.extend(found)
    return module


# How deeply expressions may nest: `not not ... x`, `- - ... 1`, `mean(mean(...))`, and a
# chain of `a + b + ...` (each operator nests the sum before it). Every pass after the
# parser walks expressions recursively, so the limit is checked on the parse tree, before
# anything recurses; real formulas nest a handful of levels. The AST is built without
# recursion (`reductions.py`), which also measures the nesting.
MAX_NESTING = 50


def _too_deep(tree: Tree, path: str) -> Diagnostic | None:
    """An `expression-too-deep` error at the first expression nested more than MAX_NESTING
    deep, found without recursion (the tree may be far deeper than Python's stack)."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        depth += node.data in EXPRESSION_RULES
        if depth > MAX_NESTING:
            meta = node.meta
            span = Span(path, meta.line, meta.column, meta.end_line, meta.end_column)
            return error("expression-too-deep", f"this expression nests more than "
                         f"{MAX_NESTING} levels deep", span,
                         hint="split it into smaller aggregates, each with its own formula")
        stack.extend((child, depth) for child in node.children if isinstance(child, Tree))
    return None


def _top_level_chunks(text: str, exact: bool = False):
    """Yield (first line number, text) for each run of lines that starts in column 1. The
    recovery gives the last run one more newline than the text has; `exact` gives the text's
    own, so that the runs' parses are the whole text's."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line[:1] not in ("", " ", "\t", "#")]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    for a, b in zip(starts, starts[1:] + [len(lines)], strict=True):
        chunk = "\n".join(lines[a:b])
        if chunk.strip():
            yield a + 1, chunk + ("" if exact and b == len(lines) else "\n")


# ---------------------------------------------------------------------------- syntax errors
TOKEN_WORDS = {
    "_NL": "end of line",
    "_INDENT": "an indented line",
    "_DEDENT": "end of the indented block",
    "$END": "end of file",
    "STRING": 'a text in double quotes ("...")',
    "NAME": "a name",
    "ID": "an id (such as 1.2a)",
    "NUMBER": "a number",
    "PERCENT": "a percentage",
    "DATE": "a date (YYYY-MM-DD)",
}


def describe_tokens(names) -> list[str]:
    terminals = {t.name: t for t in lark_parser().terminals}
    words = set()
    for name in names:
        if name in TOKEN_WORDS:
            words.add(TOKEN_WORDS[name])
        elif name in terminals and terminals[name].pattern.type == "str":
            words.add(f"`{terminals[name].pattern.value}`")
        else:
            words.add(name.lower())
    return sorted(words)


def _syntax_diagnostic(exc: UnexpectedInput, text: str, path: str) -> Diagnostic:
    line, col = max(exc.line, 1), max(exc.column, 1)
    length = 1
    hint = syntax_errors.hint_for(exc, text)
    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream  # typed Optional by lark; always set on this exception
        char = text[pos] if pos is not None and pos < len(text) else ""
        message = f"unexpected character {char!r}"
        if char == '"':
            message = "text in double quotes is not closed on this line"
            hint = hint or 'end the text with a closing " on the same line'
        elif not hint and exc.allowed:
            hint = "expected " + _one_of(describe_tokens(exc.allowed))
    elif isinstance(exc, UnexpectedToken):
        token: Token = exc.token
        if token.type == "$END":
            message = "the file ends too early"
            line, col = _last_position(text)
        elif (unquoted := syntax_errors.unquoted_text(exc, text)) is not None:
            message, hint = unquoted.message, unquoted.hint
            col, length = unquoted.column, max(unquoted.length, 1)
        else:
            message = f"unexpected {_token_text(token)}"
            length = max(len(str(token)), 1) if token.type not in ("_NL", "_DEDENT") else 1
        opener = _unclosed_bracket(text, token.start_pos or 0) \
            if token.type != "$END" else _unclosed_bracket(text, len(text))
        if opener is not None and opener[0] < line:
            # newlines are ignored inside brackets, so the error shows up lines later
            hint = f"the `{opener[2]}` on line {opener[0]} is not closed"
        keyword = syntax_errors.keyword_before(exc, text)
        if not hint and keyword is not None:
            message += f" after the keyword `{keyword}`"
            hint = f"`{keyword}` is a word of the language, so it cannot name an item here: " \
                f"rename the item, or follow `{keyword}` with " \
                + _one_of(describe_tokens(exc.accepts or exc.expected))
        if not hint:
            hint = "expected " + _one_of(describe_tokens(exc.accepts or exc.expected))
    elif isinstance(exc, UnexpectedEOF):
        message = "the file ends too early"
        line, col = _last_position(text)
    else:
        message = "syntax error"
    span = Span(path, line, col, line, col + length)
    return error("syntax-error", message, span, hint)


def _unclosed_bracket(text: str, end: int) -> tuple[int, int, str] | None:
    """(line, column, bracket) of the innermost `(` or `{` still open at offset `end`."""
    stack: list[tuple[int, int, str]] = []
    line, col, i = 1, 1, 0
    while i < min(end, len(text)):
        ch = text[i]
        if ch == '"' or ch == "#":
            match = _STRING_OR_COMMENT.match(text, i)
            step = max(len(match.group()), 1) if match else 1
            col += step
            i += step
            continue
        if ch in "({":
            stack.append((line, col, ch))
        elif ch in ")}" and stack:
            stack.pop()
        if ch == "\n":
            line, col = line + 1, 1
        else:
            col += 1
        i += 1
    return stack[-1] if stack else None


def _dedent_diagnostic(exc: DedentError, text: str, path: str) -> Diagnostic:
    match = re.search(r"(\d+)", str(exc))
    width = int(match.group(1)) if match else 0
    line = _first_line_indented(text, width)
    return error("bad-indentation", "this line's indentation matches no enclosing block",
                 Span(path, line, 1, line, width + 1),
                 hint="indent it exactly as far as the item or block it belongs to")


def _mixed_indentation(text: str, path: str) -> Diagnostic | None:
    """A `tab-indentation` error at the first tab in a file that indents other lines with
    spaces: a tab counts as four columns, so it easily puts a line in the wrong block."""
    if "\t" not in text:
        return None
    tabbed: list[tuple[int, int]] = []
    spaced = False
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" in indent:
            tabbed.append((number, indent.index("\t") + 1))
        spaced = spaced or " " in indent
    if not tabbed or not spaced:
        return None
    first, col = tabbed[0]
    more = len(tabbed) - 1
    also = f" ({more} more line{'' if more == 1 else 's'} too)" if more else ""
    return error("tab-indentation", f"this line is indented with a tab, others with "
                 f"spaces{also}", Span(path, first, col, first, col + 1),
                 hint="indent with spaces only: a tab counts as four columns, so this line "
                      "may belong to a different block than it appears to")


def _first_line_indented(text: str, width: int) -> int:
    stack = [0]
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        leading = line[:len(line) - len(stripped)]
        indent = leading.count(" ") + leading.count("\t") * FrameworkIndenter.tab_len
        if indent > stack[-1]:
            stack.append(indent)
        else:
            while indent < stack[-1]:
                stack.pop()
            if indent != stack[-1]:
                return number
    return 1


def _last_position(text: str) -> tuple[int, int]:
    lines = text.rstrip("\n").split("\n")
    return len(lines), len(lines[-1]) + 1


def _token_text(token: Token) -> str:
    if token.type == "_NL":
        return "end of line"
    if token.type == "_INDENT":
        return "indentation"
    if token.type == "_DEDENT":
        return "end of the indented block"
    return f"`{token}`"


def _one_of(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    if len(words) > 8:
        return "one of " + ", ".join(words[:8]) + f" (or {len(words) - 8} more)"
    return "one of " + ", ".join(words)


# ---------------------------------------------------------------------------- comments
_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*')


def find_comments(text: str) -> list[Comment]:
    """Every `# ...` comment outside double-quoted text, with its position."""
    comments = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "#" not in line:
            continue
        for match in _STRING_OR_COMMENT.finditer(line):
            if match.group().startswith("#"):
                comments.append(Comment(number, match.start() + 1, match.group().rstrip()))
    return comments
