"""Reading a file's next batches on a thread of its own while the caller encodes the last.

Arrow's streaming CSV reader parses in the thread that asks for a batch, and releases the
GIL while it does, as Parquet's decoder does: with the reading on a second thread, parsing
and encoding use both cores. At most `depth` batches wait, so memory stays bounded; the
batches come in the file's order and an error the reader raises (a `RecordsError` naming
its row) is raised to the caller where that batch would have been, so diagnostics are the
same as reading on one thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from queue import Empty, Full, Queue
from typing import TypeVar

T = TypeVar("T")
_END = object()  # the reader has no more batches
_WAIT = 0.1  # seconds between looks at whether the caller has stopped reading


def read_ahead(batches: Iterator[T], depth: int = 2) -> Iterator[T]:
    """`batches`, read by a thread that keeps up to `depth` of them ready. The thread
    starts when the first batch is asked for, and stops when the caller stops (at the end,
    on an error, or when the iterator is closed)."""
    ready: Queue = Queue(maxsize=depth)
    stop = threading.Event()
    thread = threading.Thread(target=_read, args=(batches, ready, stop), daemon=True,
                              name="critc-read-ahead")
    thread.start()
    try:
        while True:
            item, problem = ready.get()
            if problem is not None:
                raise problem
            if item is _END:
                return
            yield item
    finally:
        stop.set()
        _drain(ready, thread)


def _read(batches: Iterator, ready: Queue, stop: threading.Event) -> None:
    """Put each batch, then the end (or the error the reader raised), on `ready`."""
    try:
        for batch in batches:
            if not _put(ready, (batch, None), stop):
                return
        _put(ready, (_END, None), stop)
    except BaseException as exc:  # noqa: BLE001 (raised again in the caller's thread)
        _put(ready, (None, exc), stop)


def _put(ready: Queue, item: tuple, stop: threading.Event) -> bool:
    """Wait for room on `ready` unless the caller has stopped; False if it has."""
    while not stop.is_set():
        try:
            ready.put(item, timeout=_WAIT)
            return True
        except Full:
            continue
    return False


def _drain(ready: Queue, thread: threading.Thread) -> None:
    """Let the reading thread finish (it sees `stop` within a batch) and drop what it
    read."""
    while thread.is_alive():
        try:
            ready.get(timeout=_WAIT)
        except Empty:
            continue
