"""One analysis: an open document checked as a framework root, with what the features need
to answer from it (its index, each file's lines, paths as URIs)."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path

from critc.compiler.check.load import display_path
from critc.compiler.check.passes import CheckResult, check_file
from critc.compiler.lsp.index import Index, Occurrence
from critc.compiler.lsp.positions import Lines
from critc.dsl.parser import ParseCache
from critc.dsl.span import Span
from lsprotocol import types as lsp
from pygls.uris import from_fs_path, to_fs_path


def uri_of(path: str) -> str:
    """The URI of a path as critc shows it (relative to the working directory, or absolute)."""
    return from_fs_path(os.path.abspath(path)) or path


def shown_path(uri: str) -> str:
    """A document's path as critc shows it in spans."""
    return display_path(Path(to_fs_path(uri) or uri))


class Analysis:
    """`check_file` on a document's text, read lazily by the features; the files it includes
    are read from `overlay` (the open documents' texts, by resolved path) when there, and
    what `cache` holds from earlier checks is not parsed again."""

    def __init__(self, uri: str, text: str, overlay: Mapping[Path, str] | None = None,
                 cache: ParseCache | None = None):
        self.uri = uri
        self.path = shown_path(uri)
        self.text = text
        self.result: CheckResult = check_file(to_fs_path(uri) or uri, text=text,
                                              overlay=overlay, cache=cache)

    @functools.cached_property
    def index(self) -> Index:
        return Index(self.result)

    @property
    def files(self) -> list[str]:
        """The paths of every file of the framework, as spans show them."""
        return list(self.result.program.sources)

    @functools.cached_property
    def absolute_files(self) -> frozenset[str]:
        return frozenset(os.path.abspath(path) for path in self.files)

    def holds(self, path: str) -> bool:
        """Whether `path` is a file of this framework (spans may spell it `a/../b`)."""
        return os.path.abspath(path) in self.absolute_files

    def lines(self, path: str) -> Lines:
        return self._lines(path)

    @functools.cache  # noqa: B019  one analysis lives as long as its document's version
    def _lines(self, path: str) -> Lines:
        if path == self.path:
            return Lines(self.text)
        return Lines(self.result.program.sources.get(path, ""))

    def location(self, span: Span) -> lsp.Location:
        return lsp.Location(uri=uri_of(span.path), range=self.lines(span.path).range(span))

    def occurrence_at(self, position: lsp.Position) -> Occurrence | None:
        line, col = self.lines(self.path).column(position)
        return self.index.at(self.path, line, col)
