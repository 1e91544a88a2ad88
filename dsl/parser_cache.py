"""The built LALR parser, cached in the user's cache directory between runs.

Building the parser from `grammar.lark` takes about 0.2 s, most of a cold `critc check`;
loading the built tables takes 0.02 s. The file is named by a hash of everything the tables
depend on (the grammar, the options, lark's and Python's versions), so a changed grammar
never loads stale tables; it is written atomically (a reader never sees half a file) and
only in the user's own cache directory (`$XDG_CACHE_HOME/critc`, else `~/.cache/critc`),
never in a shared temporary directory, since it is a pickle. When the directory cannot be
written (a read-only home) or the file cannot be read, the parser is built as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import lark
from lark import Lark


def cached_parser(grammar: str, options: str, build: Callable[[], Lark]) -> Lark:
    """The parser `build()` makes from `grammar` with `options` (described as text), from
    the cache when it holds one made from the same grammar, options and versions."""
    path = _cache_file(grammar, options)
    if path is not None:
        try:
            with path.open("rb") as file:
                return Lark.load(file)
        except Exception:  # missing, unreadable, truncated or from another lark: build it
            pass
    parser = build()
    if path is not None:
        _save(parser, path)
    return parser


def _cache_file(grammar: str, options: str) -> Path | None:
    key = "\n".join((grammar, options, lark.__version__, sys.version))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    try:
        home = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    except RuntimeError:  # no home directory: no cache
        return None
    return Path(home) / "critc" / f"parser-{digest}.pickle"


def _save(parser: Lark, path: Path) -> None:
    """Write the parser to `path` through a temporary file; nothing if it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".parser-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            parser.save(file)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
