"""The contract every input must satisfy, and running the `critc` command line in-process
against it.

    * the CLI exits 0, 1 or 2: never 3, never an exception (a traceback), never a hang;
    * every diagnostic it prints has a location (a file and a line);
    * a case cell whose lexical form is outside the documented set gives an error, not a
      score (checked by the case-file fuzzer with `oracle.py`);
    * a compiled module is valid Python and runs no user text (the compile fuzzer).

A violation is a `Violation(kind, detail)`; its `signature` (the kind, and for a crash the
exception type and the innermost frame in critc) decides whether a smaller input still
fails "the same way" while minimising.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import time
import traceback
from collections.abc import Callable, Iterator

import attrs
from critc.compiler.cli import main as cli
from critc.compiler.report import render

CRASH, HANG, EXIT_CODE, UNLOCATED, COERCION, INJECTION = (
    "crash", "hang", "exit-code", "unlocated-diagnostic", "silent-coercion", "injection")
DEFAULT_TIME_LIMIT = 10.0  # seconds per input


class Hang(BaseException):
    """Raised by the alarm when an input runs past its time limit. A BaseException, so that
    the CLI's `except Exception` (exit 3) cannot swallow it."""


@attrs.frozen
class Violation:
    kind: str
    detail: str
    where: str = ""  # for a crash: the exception type and innermost critc frame

    @property
    def signature(self) -> tuple[str, str]:
        return (self.kind, self.where)

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}" + (f" [{self.where}]" if self.where else "")


@attrs.define
class Outcome:
    """What one run of the CLI did."""

    code: int | None  # None if it raised or hung
    stdout: str
    stderr: str
    diagnostics: list = attrs.Factory(list)  # every Diagnostic it rendered
    violations: list[Violation] = attrs.Factory(list)
    seconds: float = 0.0


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `Hang` in this (main) thread if the block runs longer than `seconds`."""
    def expire(_signum, _frame):
        raise Hang(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def tapped_diagnostics(into: list) -> Iterator[None]:
    """Record every diagnostic the CLI hands to the renderer (text or JSON)."""
    original_render, original_json = render.render, render.to_json

    def tap_render(console, diagnostics, *args, **kwargs):
        diagnostics = list(diagnostics)
        into.extend(diagnostics)
        return original_render(console, diagnostics, *args, **kwargs)

    def tap_json(diagnostics):
        diagnostics = list(diagnostics)
        into.extend(diagnostics)
        return original_json(diagnostics)

    render.render, render.to_json = tap_render, tap_json
    try:
        yield
    finally:
        render.render, render.to_json = original_render, original_json


def crash_site(exc: BaseException) -> str:
    """`Type at file:line` of the innermost frame in critc's own code (else the innermost)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/compiler/" in f.filename or "/dsl/" in f.filename]
    frame = (ours or frames or [None])[-1]
    place = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}{place}"


def last_line(exc: BaseException) -> str:
    return traceback.format_exception_only(type(exc), exc)[-1].strip()[:300]


def run_cli(argv: list[str], seconds: float = DEFAULT_TIME_LIMIT,
            main: Callable[[list[str]], int] | None = None) -> Outcome:
    """Run `critc ARGV` in this process (CRITC_DEBUG=1, so a bug raises instead of exit 3),
    with stdout and stderr captured, every rendered diagnostic recorded and a time limit;
    the outcome carries the contract's violations of exit code, crash, hang and location."""
    main = main or cli.main
    out, err, diagnostics = io.StringIO(), io.StringIO(), []
    outcome = Outcome(None, "", "", diagnostics)
    started = time.monotonic()
    with _debug_env(), tapped_diagnostics(diagnostics), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            with time_limit(seconds):
                outcome.code = main(argv)
        except Hang as exc:
            outcome.violations.append(Violation(HANG, str(exc)))
        except SystemExit as exc:  # argparse: a usage error
            outcome.code = exc.code if isinstance(exc.code, int) else 2
        except BaseException as exc:  # noqa: B036 - any exception at all is a crash
            outcome.violations.append(Violation(CRASH, last_line(exc), crash_site(exc)))
    outcome.seconds = time.monotonic() - started
    outcome.stdout, outcome.stderr = out.getvalue(), err.getvalue()
    outcome.violations.extend(exit_violations(outcome))
    outcome.violations.extend(location_violations(diagnostics))
    return outcome


@contextlib.contextmanager
def _debug_env() -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ("CRITC_DEBUG", "COLUMNS")}
    os.environ["CRITC_DEBUG"], os.environ["COLUMNS"] = "1", "200"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def exit_violations(outcome: Outcome) -> list[Violation]:
    found = []
    if outcome.code is not None and outcome.code not in (0, 1, 2):
        found.append(Violation(EXIT_CODE, f"exit {outcome.code}", f"exit {outcome.code}"))
    if "Traceback (most recent call last)" in outcome.stdout + outcome.stderr:
        found.append(Violation(CRASH, "a traceback was printed", "traceback"))
    return found


def is_located(span) -> bool:
    return span is not None and bool(span.path) and span.path != "<builtin>" and span.line >= 1


def location_violations(diagnostics) -> list[Violation]:
    found = []
    for d in diagnostics:
        spans = [d.span] + [label.span for label in d.labels]
        if not all(is_located(s) for s in spans):
            found.append(Violation(UNLOCATED, f"{d.code}: {d.message[:120]}", d.code))
    return found


def json_location_violations(text: str) -> list[Violation]:
    """The same check on `critc check --format json` output: each diagnostic has a span
    with a path and a line ≥ 1."""
    try:
        items = json.loads(text) if text.strip() else []
    except json.JSONDecodeError as exc:
        return [Violation(CRASH, f"check --format json printed invalid JSON ({exc.msg})",
                          "invalid-json")]
    found = []
    for item in items:
        spans = [item.get("span")] + [label.get("span") for label in item.get("labels", [])]
        if not all(s and s.get("path") and (s.get("line") or 0) >= 1 for s in spans):
            found.append(Violation(UNLOCATED, f"{item.get('code')}: (JSON) "
                                   f"{str(item.get('message'))[:120]}", item.get("code", "")))
    return found


def unique(violations: list[Violation]) -> list[Violation]:
    """One violation per signature, in order."""
    seen, out = set(), []
    for v in violations:
        if v.signature not in seen:
            seen.add(v.signature)
            out.append(v)
    return out
