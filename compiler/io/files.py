"""Writing output files atomically: a reader sees the old file or the new one, never half.

The new content goes to a temporary file `.NAME.XXXXXXXX.tmp` beside the output, which is
then renamed over it. If the write is interrupted, the temporary file is removed: on an
exception, on Ctrl-C, and on SIGTERM or SIGHUP (the signal then does what it did before).
A kill that cannot be caught (SIGKILL, a power cut) leaves it behind; the next write of the
same output removes such files, if they are older than the current run.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

RUN_STARTED = time.time()  # temporary files older than this are left from an earlier run
CAUGHT = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP")
               if hasattr(signal, name))


def write_atomic(path: Path, data: str | bytes) -> None:
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    remove_stale(directory, path.name)
    payload = data if isinstance(data, bytes) else data.encode("utf-8")  # "\n" stays "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with _removed_on_signal(tmp):
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            else:
                os.chmod(tmp, 0o644)
            os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def remove_stale(directory: Path, name: str) -> None:
    """Remove temporary files of an earlier, interrupted write of `name`: only files named
    exactly as `write_atomic` names them, and only those older than this run."""
    pattern = re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and \
                    entry.stat(follow_symlinks=False).st_mtime < RUN_STARTED:
                os.unlink(entry.path)


@contextlib.contextmanager
def _removed_on_signal(tmp: str) -> Iterator[None]:
    """While the block runs, SIGTERM, SIGINT and SIGHUP first remove `tmp`, then do what
    they did before (the previous handlers are restored afterwards)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers
        return
    previous = {sig: signal.getsignal(sig) for sig in CAUGHT}

    def handler(signum, frame):
        _unlink(tmp)
        before = previous[signum]
        signal.signal(signum, before if before is not None else signal.SIG_DFL)
        if callable(before):
            before(signum, frame)
        elif before != signal.SIG_IGN:
            os.kill(os.getpid(), signum)  # the default action, now that it is restored

    for sig in CAUGHT:
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, before in previous.items():
            signal.signal(sig, before if before is not None else signal.SIG_DFL)


def _unlink(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
