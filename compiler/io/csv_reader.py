"""CSV case records, streamed: one pass over the bytes checks what the documented rules
ask of the whole file (not empty, not binary, UTF-8, every line ending as the first does),
then Arrow reads the file itself in blocks, as record batches of text, so that no more than
a block of the file is held at once (parsed on a thread of its own, a batch or two ahead
of the encoding: `read_ahead`).

The checks give the same diagnostics, at the same lines, as reading the file whole would:
the bytes are taken in pieces that end at a line feed, which never falls inside a UTF-8
character or between the CR and LF of a CR LF.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from critc.compiler.io.delimiter import check_delimiter
from critc.compiler.io.read_ahead import read_ahead
from critc.compiler.io.tables import Records, RecordsError, check_header, clip, empty, where
from critc.dsl.diagnostics import Diagnostic, error
from critc.dsl.source import open_regular

CSV_BLOCK = 1 << 24  # bytes of CSV that Arrow parses at a time
# every column is read as text, dictionary-encoded: a batch holds each distinct spelling
# once (the encoder codes the spellings, not the cells)
TEXT = pa.dictionary(pa.int32(), pa.string())
PIECE = 1 << 24  # bytes of the file checked at a time
HEAD = 1 << 16  # a file with a NUL byte in this many first bytes is binary
BOM = b"\xef\xbb\xbf"
ENDINGS = {b"\n": "LF", b"\r\n": "CR LF", b"\r": "CR"}
LINE_BREAK = re.compile(rb"\r\n|\r|\n")
NOT_UTF8_HINT = "re-save the file as UTF-8 (in Excel: 'CSV UTF-8')"


@attrs.define
class Scan:
    """What the pass over the bytes found."""

    ending: bytes | None = None  # the first line's ending
    endings: int = 0  # line endings like the first line's, so far
    newlines: int = 0  # LF bytes
    breaks: int = 0  # line breaks of any kind
    offset: int = 0  # bytes of the file scanned before the current piece
    nonblank: bool = False
    last: bytes = b""  # the file's last byte
    bom: bool = False
    mixed: Diagnostic | None = None  # the first line that ends unlike the first


def read_csv(path: Path, shown: str) -> Records:
    handle, problem = open_regular(path, shown)
    if handle is None:
        raise RecordsError(problem)
    with handle:
        scan = _scan(handle, shown)
    header = _read_header(path, shown)
    check_delimiter(header, shown)
    check_header(header, shown)
    if scan.mixed is not None:
        raise RecordsError(scan.mixed)
    if scan.breaks == 0:  # the header alone, with no line ending after it
        raise empty(shown, 2, "has a header but no cases")
    lines = scan.newlines + (0 if scan.last == b"\n" else 1)
    try:
        reader = pacsv.open_csv(
            path, read_options=pacsv.ReadOptions(use_threads=True, block_size=CSV_BLOCK),
            convert_options=pacsv.ConvertOptions(
                column_types={name: TEXT for name in header}, null_values=[""],
                strings_can_be_null=True, quoted_strings_can_be_null=False),
            parse_options=pacsv.ParseOptions(newlines_in_values=False))
    except (pa.ArrowInvalid, ValueError):
        raise _malformed(path, header, shown, lines) from None
    if len(reader.schema.names) != len(header):
        raise _malformed(path, header, shown, lines)

    def rows(count: int) -> np.ndarray:
        if count == 0:
            raise empty(shown, 2, "has a header but no cases")
        if lines != count + 1:  # blank lines, or values spanning lines
            starts = _record_lines(path)
            if len(starts) == count:
                return np.asarray(starts, dtype=np.int64)
        return np.arange(2, count + 2, dtype=np.int64)

    return Records(list(header), read_ahead(_batches(reader, path, header, shown, lines)),
                   rows,
                   most=scan.breaks + 1)


def _batches(reader, path: Path, header: list[str], shown: str, lines: int
             ) -> Iterator[pa.RecordBatch]:
    try:
        yield from reader
    except (pa.ArrowInvalid, ValueError):
        raise _malformed(path, header, shown, lines) from None


def _pieces(handle: BinaryIO, head: bytes) -> Iterator[bytes]:
    """The file (whose first bytes are `head`) in pieces of about PIECE bytes, each but the
    last ending in LF."""
    carry = head
    while True:
        block = handle.read(PIECE)
        if not block:
            if carry:
                yield carry
            return
        data = carry + block
        cut = data.rfind(b"\n") + 1
        carry = data[cut:]
        if cut:
            yield data[:cut]


def _scan(handle: BinaryIO, shown: str) -> Scan:
    """Refuse an empty, binary or non-UTF-8 file; find the first line that ends unlike the
    first line (kept in `mixed`, reported after the header is checked)."""
    head = handle.read(HEAD)
    scan = Scan(bom=head.startswith(BOM))
    if b"\x00" in head and head.strip():
        raise RecordsError(error("not-text", f"`{shown}` is a binary file, not text",
                                 where(shown, 1, 1),
                                 hint="save case records as UTF-8 CSV or JSON Lines, or use "
                                 ".xlsx/.parquet"))
    tail = b""
    for piece in _pieces(handle, head):
        scan.nonblank = scan.nonblank or not piece.isspace()
        _check_utf8(piece, scan.offset, tail, scan, shown)
        _check_endings(piece, scan, shown, handle)
        scan.last, scan.offset, tail = piece[-1:], scan.offset + len(piece), piece[-3:]
    if not scan.nonblank:
        raise empty(shown)
    return scan


def _check_utf8(piece: bytes, offset: int, tail: bytes, scan: Scan, shown: str) -> None:
    """Refuse a piece that is not UTF-8, at the line (and byte) reading the whole file
    names: both are counted in the file with its byte-order mark left out."""
    if piece.isascii():
        return
    skip = 3 if offset == 0 and scan.bom else 0
    try:
        piece[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start + skip - (3 if scan.bom else 0)  # in the piece, shifted as said
        byte = piece[at] if at >= 0 else tail[at]
        before = piece[:at].count(b"\n") if at >= 0 else -tail[at:].count(b"\n")
        line = scan.newlines + before + 1
        raise RecordsError(error("not-utf8", f"`{shown}` is not UTF-8 text (byte "
                                 f"0x{byte:02x})", where(shown, line, 1),
                                 hint=NOT_UTF8_HINT)) from None


def _count(piece: bytes, byte: bytes) -> int:
    """How many times `byte` occurs in `piece` (`bytes.count` compares a byte at a time:
    memchr finds a byte that is absent at once, and NumPy counts one that is not about
    twice as fast)."""
    if piece.find(byte) < 0:
        return 0
    return int(np.count_nonzero(np.frombuffer(piece, dtype=np.uint8) == ord(byte)))


def _quotes_before(handle: BinaryIO, end: int) -> int:
    """Double quotes in the first `end` bytes of the file (read without moving `handle`)."""
    quotes, at = 0, 0
    while at < end:
        block = os.pread(handle.fileno(), min(PIECE, end - at), at)
        if not block:
            break
        quotes, at = quotes + _count(block, b'"'), at + len(block)
    return quotes


def _check_endings(piece: bytes, scan: Scan, shown: str, handle: BinaryIO) -> None:
    """Every line of a CSV file ends as its first line does (LF, CR LF or CR alone), so a
    stray CR is never taken for a line ending: `insufficient` then CR in a file of LF lines
    is refused, as `insufficient ` is, rather than read as `insufficient`. Inside quotes,
    CR and LF are part of the cell."""
    if scan.ending is None:
        first = LINE_BREAK.search(piece)
        scan.ending = first.group() if first else None
    cr, lf = _count(piece, b"\r"), _count(piece, b"\n")
    crlf = piece.count(b"\r\n") if cr and lf else 0
    scan.breaks += cr + lf - crlf
    scan.newlines += lf
    ending = scan.ending
    if ending is None:
        return
    if scan.mixed is None and not (crlf == cr == lf if ending == b"\r\n" else
                                   (cr if ending == b"\n" else lf) == 0):
        scan.mixed = _first_mixed(piece, scan, shown, _quotes_before(handle, scan.offset))
    scan.endings += {b"\n": lf, b"\r": cr, b"\r\n": crlf}[ending]


def _first_mixed(piece: bytes, scan: Scan, shown: str, quotes: int) -> Diagnostic | None:
    """The first line break in `piece` outside quotes that is not the file's line ending
    (`quotes`: the double quotes in the file before `piece`)."""
    ending = scan.ending or b"\n"
    previous = 0
    for found in LINE_BREAK.finditer(piece):
        quotes, previous = quotes + piece.count(b'"', previous, found.start()), found.start()
        if quotes % 2 == 0 and found.group() != ending:
            line = scan.endings + piece.count(ending, 0, found.start()) + 1
            return error(
                "malformed-records", f"line {line} ends in {ENDINGS[found.group()]} but the "
                f"file's lines end in {ENDINGS[ending]}", where(shown, line, 1),
                hint="save the file again so that every line ends the same way (a value "
                "that holds a line break must be in double quotes)")
    return None


def _text_rows(path: Path):
    """A csv reader over the file as text (it has passed the UTF-8 check)."""
    handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed by caller)
    return handle, csv.reader(handle)


def _read_header(path: Path, shown: str) -> list[str]:
    handle, reader = _text_rows(path)
    with handle:
        try:
            return next(reader)
        except (StopIteration, csv.Error):
            raise empty(shown, 1, "has no header row") from None


def _record_lines(path: Path) -> list[int]:
    """The line each record after the header starts on (blank lines hold no record)."""
    handle, reader = _text_rows(path)
    out, end = [], 0
    with handle:
        try:
            for index, row in enumerate(reader):
                start, end = end + 1, reader.line_num
                if index and row:
                    out.append(start)
        except csv.Error:
            return []
    return out


def _malformed(path: Path, header: list[str], shown: str, lines: int) -> RecordsError:
    """The first row with the wrong number of values, or else "not well-formed"."""
    handle, reader = _text_rows(path)
    with handle:
        next(reader)
        try:
            for row in reader:
                if len(row) != len(header) and row:
                    return RecordsError(_wrong_width(len(row), len(header), reader.line_num,
                                                     lines, shown))
        except csv.Error as exc:
            return RecordsError(error("malformed-records", "cannot read the CSV: "
                                      f"{clip(str(exc))}", where(shown, reader.line_num, 1)))
    return RecordsError(error("malformed-records", f"`{shown}` is not well-formed CSV",
                              where(shown, 1, 1)))


def _wrong_width(width: int, expected: int, line: int, lines: int, shown: str) -> Diagnostic:
    if line == lines:
        message = f"the last row has {width} values, not {expected}: the file looks truncated"
    else:
        message = f"row has {width} values but the header has {expected}"
    return error("malformed-records", message, where(shown, line, 1),
                 hint="every row needs one value per column (leave a value empty for a blank)")
