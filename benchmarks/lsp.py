"""Latency of `critc lsp`: from a didChange on rules/omi-2008/omi-2008.crit to the
publishDiagnostics that answers it, over the protocol with a real server process.

    .venv/bin/python benchmarks/lsp.py [--edits 20]

Each edit changes one character in a question's wording, alternating, so every check is of
a new text that still checks clean; a second series types a stray character after the
header's name, a syntax error, so the parser's recovery runs on every check. Both run with
no debounce (the time the server takes to re-check the buffer and publish); the first also
runs with the default 200 ms debounce (what a typist waits after the last key). Besides
wall time it reports the server process's CPU time per edit (user + system, from /proc),
which the load of other processes on the machine inflates far less. Target (issue 14):
a median under 100 ms without the debounce.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import make_test_lsp_client

FRAMEWORK = Path(__file__).resolve().parent.parent / "rules" / "omi-2008" / "omi-2008.crit"


def wording_edit(text: str) -> Callable[[int], str]:
    """Edit `version`: one character at the start of the first question's wording."""
    at = re.search(r'\n\s*question \S+ "', text)
    assert at is not None, "the framework has a question"
    return lambda version: text[:at.end()] + ("X" if version % 2 else "Y") + text[at.end():]


def stray_character(text: str) -> Callable[[int], str]:
    """Edit `version`: a stray word after the header's name (a syntax error on line 1)."""
    at = text.index('"', text.index('"') + 1) + 1
    return lambda version: text[:at] + (" X" if version % 2 else " Y") + text[at:]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def published(client, uri: str) -> None:
    """Wait for the diagnostics of `uri` (those of its include come too)."""
    while True:
        params = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri:
            return


async def measure(edits: int, debounce_ms: int, make_edit: Callable[[str], Callable[[int], str]]
                  ) -> tuple[list[float], float]:
    """Seconds from each didChange to its diagnostics, and the server's CPU seconds per edit."""
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "critc.compiler.lsp")
    await client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), initialization_options={"debounce": debounce_ms}))
    uri = from_fs_path(str(FRAMEWORK))
    text = FRAMEWORK.read_text("utf-8")
    edited = make_edit(text)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="crit", version=1, text=text)))
    await published(client, uri)
    pid = client._server.pid  # the server process pytest-lsp started
    cpu_before, times = cpu_seconds(pid), []
    for version in range(2, edits + 2):
        started = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeEvent_Type2(text=edited(version))]))
        await published(client, uri)
        times.append(time.perf_counter() - started)
    cpu = (cpu_seconds(pid) - cpu_before) / edits
    await client.shutdown_session()
    await client.stop()
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    lines = len(FRAMEWORK.read_text("utf-8").splitlines())
    print(f"{args.edits} edits of {FRAMEWORK.name} ({lines} lines), load average "
          f"{os.getloadavg()[0]:.1f} at the start")
    for name, make_edit, debounce in (("wording edit", wording_edit, 0),
                                      ("syntax error", stray_character, 0),
                                      ("wording edit", wording_edit, 200)):
        times, cpu = asyncio.run(measure(args.edits, debounce, make_edit))
        ms = sorted(t * 1000 for t in times)
        p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
        print(f"{name}, debounce {debounce:>3} ms: didChange → publishDiagnostics median "
              f"{statistics.median(ms):.0f} ms, p90 {p90:.0f} ms, best {ms[0]:.0f} ms, "
              f"worst {ms[-1]:.0f} ms; server CPU {cpu * 1000:.0f} ms per edit")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
