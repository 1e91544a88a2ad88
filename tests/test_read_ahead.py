"""Reading batches on a thread of their own (`io/read_ahead.py`): the same batches in the
same order, the reader's error raised where its batch would have been, and the thread
stopped when the caller stops."""

from __future__ import annotations

import threading

import pytest
from critc.compiler.io.read_ahead import read_ahead


def test_batches_come_in_order():
    assert list(read_ahead(iter(range(100)), depth=2)) == list(range(100))


def test_an_error_comes_after_the_batches_before_it():
    def batches():
        yield 1
        yield 2
        raise ValueError("row 7")

    got = []
    with pytest.raises(ValueError, match="row 7"):
        for batch in read_ahead(batches()):
            got.append(batch)
    assert got == [1, 2]


def test_the_thread_stops_when_the_caller_does():
    def endless():
        n = 0
        while True:
            yield n
            n += 1

    reader = read_ahead(endless(), depth=1)
    assert next(reader) == 0
    reader.close()
    assert not any(t.name == "critc-read-ahead" for t in threading.enumerate())


def test_nothing_is_read_until_asked():
    started = []

    def batches():
        started.append(True)
        yield 1

    reader = read_ahead(batches())
    assert not started
    assert list(reader) == [1]
