"""The one escaping of user text into generated Python source.

User text (file names, ids, wording, labels, spellings) reaches a generated module only
through `literal` (plain data, written by `repr`) or `comment` (text in a `#` comment), so
quotes, backslashes, line breaks and unicode can never end a string or a comment.
"""

from __future__ import annotations

import math
import pprint

WIDTH = 99


class _Source:
    """A value that prints as the given source text (for math.inf)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _safe(value):
    if isinstance(value, float) and not math.isfinite(value):
        return _Source("math.nan" if math.isnan(value) else
                       ("math.inf" if value > 0 else "-math.inf"))
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_safe(v) for v in value)
    return value


def literal(value) -> str:
    """Python source for plain data; deterministic, and only `repr` touches user text."""
    return pprint.pformat(_safe(value), width=WIDTH, sort_dicts=False)


def comment(text: str) -> str:
    """The one escape for text that reaches a comment of generated code (paths, ids, labels,
    wording): `repr` escapes every line break Python knows (\\n, \\r, \\x0c, \\x85, \\u2028...)
    and every other unprintable character, so the text can never end the comment."""
    return repr(str(text))[1:-1] if text else ""


def where(span) -> str:
    """`path:line` for a comment; the path is user text (a file name, an include string)."""
    return comment(f"{span.path}:{span.line}")
