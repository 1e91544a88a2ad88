"""Plain-language hints for common syntax mistakes, matched by parser state.

Each entry is a hint and a few short malformed snippets. Lark's `match_examples` re-parses
the snippets and picks the hint whose failure happens in the same parser state as the
user's error (this is our counterpart of Catala's `parser.messages`).
"""

from __future__ import annotations

import functools
import re

import attrs
from critc.dsl.lalr import keywords, lark_parser
from lark.exceptions import UnexpectedInput, UnexpectedToken

EXAMPLES: dict[str, list[str]] = {
    "write `applies when` before the condition": [
        'question q1 "Text" applies if x = y\n',
        'question q1 "Text" applies x = y\n',
    ],
    "put a colon between the threshold and its label, e.g. `70% and above: \"Good\"`": [
        'band b\n  70% and above "Good"\n',
        'band b\n  otherwise "Poor"\n',
        'band b\n  60 to 69 "Fair"\n',
    ],
    "give every entry of a weighted mean a weight, e.g. `weighted mean(a: 0.8, b: 0.2)`": [
        "score s = weighted mean(x, y)\n",
        "score s = weighted mean(question q1)\n",
    ],
    "list the values of an enumeration in braces, e.g. `one of {low, medium, high}`": [
        "case fields\n  rosh: one of low, high\n",
    ],
    "compare with a single `=`": [
        'question q1 "t" applies when x == y\n',
    ],
    "separate tags with commas, e.g. `tags roh, lor`": [
        'question q1 "t" tags roh lor\n',
    ],
    "a question or aggregate needs an id after its keyword, e.g. `question 1.2a \"...\"`": [
        'question "Text"\n',
        'criterion "Text"\n',
        'section "Text"\n',
    ],
    "a field needs a type after the colon: boolean, integer, number, date, text, "
    "`one of {...}` or `rating SCALE`": [
        "case fields\n  age: years\n",
        "case fields\n  age:\n",
    ],
    "give a field a type with a colon, e.g. `rosh: one of {low, high}`": [
        "case fields\n  rosh one of {low, high}\n",
    ],
    "refer to an item by its kind and id, e.g. `criterion 1.2` or `question 1.2a`": [
        "score s = mean(1.2, 1.3)\n",
    ],
    "list the codes counted above the line in braces, all of them, e.g. `counting "
    "{sufficient, partly} above the line for question 1.2d`": [
        "score s = pooled over all questions\n  counting partly above the line for question q\n",
    ],
    "a scope lists the ids of one kind: `in sections 1, 2`": [
        "score s = mean of questions in 1, 2\n",
    ],
}


# Words that end an unquoted wording: the clauses that may follow it on the same line.
_CLAUSE_WORDS = frozenset({"rated", "applies", "tags", "gives", "rounding", "source",
                           "description", "version", "aliases"})
_BAND_ROW = re.compile(r'^(\s*(?:otherwise|below|\d)[^:"#]*:\s*)([^"#]*?)\s*(?:#.*)?$')
_WORDY = frozenset({"ID", "NAME"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@attrs.frozen
class UnquotedText:
    """Text the author meant as a wording or label but did not put in double quotes."""
    message: str
    hint: str
    column: int  # 1-based column of the text's first character
    length: int


def unquoted_text(exc: UnexpectedInput, text: str) -> UnquotedText | None:
    """An unquoted wording (`question 1a Was risk assessed?`) or a band label of more than
    one word (`70% and above: Requires improvement`), if that is what broke the parse."""
    if not isinstance(exc, UnexpectedToken) or exc.token.type not in _WORDY:
        return None
    line = text.split("\n")[exc.line - 1] if 0 < exc.line <= text.count("\n") + 1 else ""
    start = exc.column - 1
    accepts = set(exc.accepts or ())
    if "STRING" in accepts:
        words = _wording(line[start:])
        return UnquotedText("text must be in double quotes", f'write "{words}"',
                            start + 1, len(words))
    row = _BAND_ROW.match(line)
    if accepts == {"_NL"} and row and len(row.group(1)) < exc.column <= len(line):
        label = row.group(2)
        return UnquotedText("a label of more than one word must be in double quotes",
                            f'write "{label}"', len(row.group(1)) + 1, len(label))
    return None


def keyword_before(exc: UnexpectedInput, text: str) -> str | None:
    """The keyword just before the offending token, when the parser wanted that keyword to
    go on (`points` in `= points + 1`): most likely an item named after a keyword."""
    if not isinstance(exc, UnexpectedToken) or "_NL" in (exc.accepts or ()) \
            or exc.token.type in _WORDY | {"NUMBER", "PERCENT", "STRING", "DATE"}:
        return None
    line = text.split("\n")[exc.line - 1] if 0 < exc.line <= text.count("\n") + 1 else ""
    words = re.findall(r"[A-Za-z_]+$", line[:exc.column - 1].rstrip())
    return words[0] if words and words[0] in keywords() else None


def _wording(rest: str) -> str:
    """The unquoted words at the start of `rest`, up to a clause keyword, a question's
    `on SCALE`, `above the line`, `=`, a quote or a comment."""
    rest = re.split(r'[="#]|\s(?:not\s+)?above the line', rest, maxsplit=1)[0]
    words = re.split(r"\s+", rest.strip())
    for i, word in enumerate(words):
        if word in _CLAUSE_WORDS or _scale_clause(words, i):
            return " ".join(words[:i])
    return " ".join(words)


def _scale_clause(words: list[str], i: int) -> bool:
    """Whether `words[i]` starts a question's `on SCALE` clause: `on` and a name, at the
    end or before another clause (`Was work done on time?` keeps its `on`)."""
    return i > 0 and words[i] == "on" and len(words) > i + 1 \
        and _NAME.fullmatch(words[i + 1]) is not None \
        and (len(words) == i + 2 or words[i + 2] in _CLAUSE_WORDS)


def hint_for(exc: UnexpectedInput, text: str) -> str | None:
    """The hint whose examples fail in the same parser state as `exc`, if any."""
    if not isinstance(exc, UnexpectedToken):
        return None
    try:
        return _match(exc)
    except Exception:  # a hint is a nicety; never let it turn into a traceback
        return None


def _position(exc: UnexpectedToken):
    """The LALR state the parser was in. Lark's own `match_examples` also compares the depth
    of the parser's stack, so an example written at top level would never match the same
    mistake inside a section; we compare the state alone."""
    state = exc.state
    return getattr(state, "position", state)


@functools.cache
def _example_failures() -> tuple[tuple[str, object, frozenset, object], ...]:
    """(hint, parser state, accepted tokens, offending token) for every example."""
    out = []
    for hint, examples in EXAMPLES.items():
        for example in examples:
            try:
                lark_parser().parse(example)
            except UnexpectedToken as ut:
                out.append((hint, _position(ut), frozenset(ut.accepts or ()), ut.token))
            except UnexpectedInput:
                continue
    return tuple(out)


def _match(exc: UnexpectedToken) -> str | None:
    position, accepts, candidate = _position(exc), frozenset(exc.accepts or ()), None
    for hint, where, example_accepts, token in _example_failures():
        if where != position or example_accepts != accepts:
            continue
        if token == exc.token:
            return hint
        candidate = candidate or hint
    return candidate
