"""Read a framework file and the files it includes, and parse them all.

Problems with the files themselves (missing, binary, wrong encoding, empty, include cycles)
become diagnostics like any other.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import attrs
from critc.dsl import ast, parse
from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.parser import Comment, ParseCache
from critc.dsl.source import FRAMEWORK_LIMIT, decode_text, read_file
from critc.dsl.span import Span


@attrs.frozen
class Program:
    """A root file with its includes: modules in include order (includes before includers)."""

    root: str
    modules: tuple[ast.Module, ...]
    sources: dict[str, str]
    comments: dict[str, tuple[Comment, ...]]
    diagnostics: tuple[Diagnostic, ...]


def display_path(path: Path) -> str:
    """A path as the user would write it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def read_text(path: Path, shown: str, at: Span | None) -> tuple[str | None, Diagnostic | None]:
    """The file's text, or a diagnostic saying why it cannot be read as a framework."""
    data, problem = read_file(path, shown, at, limit=FRAMEWORK_LIMIT, missing_hint="check the "
                              "path; include paths are relative to the including file")
    if data is None:
        return None, problem
    if b"\x00" in data:
        return None, error("not-text", f"`{shown}` is a binary file, not framework text",
                           Span(shown, 1, 1, 1, 1),
                           hint="framework files are plain UTF-8 text ending in .crit")
    return decode_text(data, shown, hint="save the file as UTF-8; spreadsheets and old editors "
                       "often write Windows-1252")


def _cycle(chain: list[Path], shown: str, at: Span | None) -> Diagnostic:
    """`a.crit` includes itself: a.crit → b.crit → a.crit."""
    names = " → ".join(display_path(p) for p in chain)
    return error("include-cycle", f"`{shown}` includes itself: {names} → {shown}", at,
                 hint="remove one of the includes")


def load(path: str | Path, text: str | None = None,
         overlay: Mapping[Path, str] | None = None, cache: ParseCache | None = None) -> Program:
    """Load `path` (or the given `text` under that name) with everything it includes; a file
    whose resolved path is in `overlay` is read from there (an editor's unsaved buffers).
    With a `cache` (an editor's, kept between checks), a file or top-level item whose text
    has not changed is not parsed again."""
    root = Path(path)
    loader = _Loader(overlay, cache)
    loader.visit(root, None, text)
    return Program(display_path(root), tuple(loader.modules), loader.sources, loader.comments,
                   tuple(loader.diagnostics))


@attrs.define
class _Loader:
    """Files read so far, depth first: each once, include cycles reported."""

    overlay: Mapping[Path, str] | None
    cache: ParseCache | None
    modules: list[ast.Module] = attrs.Factory(list)
    sources: dict[str, str] = attrs.Factory(dict)
    comments: dict[str, tuple[Comment, ...]] = attrs.Factory(dict)
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    visiting: list[Path] = attrs.Factory(list)
    done: set[Path] = attrs.Factory(set)

    def visit(self, file: Path, at: Span | None, given: str | None = None) -> None:
        shown = display_path(file)
        try:
            resolved = file.resolve()
        except (RuntimeError, OSError) as exc:  # a symbolic link that points to itself
            self.diagnostics.append(error("unreadable-file", f"cannot read `{shown}`: {exc}",
                                          at))
            return
        if resolved in self.visiting:
            self.diagnostics.append(_cycle(self.visiting[self.visiting.index(resolved):],
                                           shown, at))
            return
        if resolved in self.done:
            return
        if given is None and self.overlay is not None:
            given = self.overlay.get(resolved)
        content, problem = (given, None) if given is not None else read_text(file, shown, at)
        if content is None:
            assert problem is not None, "read_text gives the text or a diagnostic"
            self.diagnostics.append(problem)
            return
        self.visiting.append(resolved)
        result = parse(content, shown, self.cache)
        self.sources[shown] = content
        self.comments[shown] = result.comments
        self.diagnostics.extend(result.diagnostics)
        if not result.module.items and not result.diagnostics:
            self.diagnostics.append(error("empty-file", f"`{shown}` declares nothing",
                                          Span(shown, 1, 1, 1, 1),
                                          hint="a framework starts with a line such as "
                                          '`framework "Name" version "1"`'))
        for item in result.module.items:
            if isinstance(item, ast.Include):
                self.visit(file.parent / item.path, item.span)
        self.visiting.pop()
        self.done.add(resolved)
        self.modules.append(result.module)
