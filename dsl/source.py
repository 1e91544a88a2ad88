"""Reading source files: only regular files, within a size limit, as UTF-8 text.

Frameworks, test files and case files are all read through `read_file`, so a device, a
pipe or a file far too large is refused the same way everywhere, with a diagnostic.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.span import Span

FRAMEWORK_LIMIT = 8 << 20  # bytes: the largest framework in rules/ is about 100 KB


def normalise(text: str) -> str:
    """Source text as the parser reads it, and as every line and column number counts it:
    no byte-order mark, every line ending (CRLF, or CR alone) a newline, a final newline."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def source_lines(text: str) -> list[str]:
    """The lines of a source text, numbered as the parser numbers them (line N is item N-1)."""
    return normalise(text).split("\n")


def open_regular(path: Path, shown: str, at: Span | None = None, *,
                 limit: int | None = None, missing_hint: str = "check the path"
                 ) -> tuple[BinaryIO | None, Diagnostic | None]:
    """A regular file opened for reading in binary, or a diagnostic saying why not.

    Only regular files are opened: a device (`/dev/zero`, `/dev/urandom`), a FIFO or a
    socket would be read without end or block forever. `limit` caps the size in bytes. The
    file is opened without blocking and checked with `fstat`, so nothing is read before the
    check. Readers that stream a large file (case records) read it from the handle."""
    place = at or Span(shown, 1, 1, 1, 1)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None, error("file-not-found", f"no file at `{shown}`", place, hint=missing_hint)
    except IsADirectoryError:
        return None, error("not-a-file", f"`{shown}` is a directory", place)
    except OSError as exc:
        return None, error("unreadable-file", f"cannot read `{shown}`: {exc.strerror}", place)
    info = os.fstat(fd)
    problem = None
    if stat.S_ISDIR(info.st_mode):
        problem = error("not-a-file", f"`{shown}` is a directory", place)
    elif not stat.S_ISREG(info.st_mode):
        problem = error("not-a-regular-file",
                        f"`{shown}` is a device, pipe or socket, not a file", place,
                        hint="critc reads only regular files; save the data to a file first")
    elif limit is not None and info.st_size > limit:
        problem = error("file-too-large",
                        f"`{shown}` is {info.st_size:,} bytes, over the limit of {limit:,} for "
                        "this kind of file", place,
                        hint="a framework is text of at most a few hundred kilobytes; is this "
                        "the right file?")
    if problem is not None:
        os.close(fd)
        return None, problem
    return os.fdopen(fd, "rb"), None


def read_file(path: Path, shown: str, at: Span | None = None, *,
              limit: int | None = None,
              missing_hint: str = "check the path") -> tuple[bytes | None, Diagnostic | None]:
    """A regular file's bytes (see `open_regular`), or a diagnostic saying why not."""
    place = at or Span(shown, 1, 1, 1, 1)
    handle, problem = open_regular(path, shown, at, limit=limit, missing_hint=missing_hint)
    if handle is None:
        return None, problem
    with handle:
        try:
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as exc:
            return None, error("unreadable-file", f"cannot read `{shown}`: {exc.strerror}",
                               place)
    if limit is not None and len(data) > limit:  # the file grew while it was read
        return None, error("file-too-large", f"`{shown}` is over the limit of {limit:,} "
                           "bytes for this kind of file", place)
    return data, None


def decode_text(data: bytes, shown: str, *, hint: str) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 text (a byte-order mark is dropped), or a `not-utf8` diagnostic at the line of
    the first bad byte."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, error("not-utf8", f"`{shown}` is not UTF-8 text (byte "
                           f"0x{data[exc.start]:02x})", Span(shown, line, 1, line, 2), hint=hint)
