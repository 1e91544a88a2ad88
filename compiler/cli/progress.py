"""Progress on the terminal while a command works through a large case file: one transient
line on stderr naming the phase (reading, checking, scoring, writing), with a bar where
the phase knows how far it has got. Only when stderr is a terminal, and only once the
command has run for about a second; never in piped or redirected output.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn

DELAY = 1.0  # seconds before the line appears: a short command shows nothing
READING_SHARE = 0.8  # load_cases: reading is the first 80% of its progress, checking the rest


def on_terminal() -> bool:
    return sys.stderr.isatty()


class Phases:
    """`with Phases() as phases:` then `phases.phase("scoring")`, `phases.update(0.5)`."""

    def __init__(self, active: bool | None = None, delay: float | None = None,
                 console: Console | None = None):
        self.active = on_terminal() if active is None else active
        self.delay = DELAY if delay is None else delay
        self.console = console or Console(stderr=True)
        self.lock = threading.Lock()
        self.shown = False
        self.closed = False

    def __enter__(self) -> Phases:
        if self.active:
            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                     BarColumn(), TaskProgressColumn(), transient=True,
                                     console=self.console)
            self.task = self.progress.add_task("", total=None)
            self.timer = threading.Timer(self.delay, self._show)
            self.timer.daemon = True
            self.timer.start()
        return self

    def _show(self) -> None:
        with self.lock:
            if not self.closed:
                self.progress.start()
                self.shown = True

    def phase(self, description: str, fraction: float | None = None) -> None:
        """Now doing `description`; how far, if it is known."""
        if self.active:
            self.progress.update(self.task, description=description,
                                 total=None if fraction is None else 100,
                                 completed=0 if fraction is None else 100 * fraction)

    def update(self, fraction: float) -> None:
        if self.active:
            self.progress.update(self.task, total=100, completed=100 * fraction)

    def reading(self, path: str) -> Callable[[float], None]:
        """The progress callback of `load_cases` for `path`: reading, then checking."""
        def update(fraction: float) -> None:
            if fraction >= 1.0:
                self.phase("checking answers and scoring")
            elif fraction >= READING_SHARE:
                self.phase(f"checking {path}", fraction)
            else:
                self.phase(f"reading {path}", fraction)
        return update

    @contextmanager
    def writing(self, path: str | None) -> Iterator[None]:
        self.phase(f"writing {path}" if path else "formatting the results")
        yield

    def __exit__(self, *exc) -> None:
        if self.active:
            with self.lock:
                self.closed = True
                self.timer.cancel()
                if self.shown:
                    self.progress.stop()
