"""Latency of `critc lsp`: from a didChange on rules/omi-2008/omi-2008.crit to the
publishDiagnostics that answers it, over the protocol with a real server process.

    .venv/bin/python benchmarks/lsp.py [--edits 20]

It runs twice: with no debounce (the time the server takes to re-check the buffer and
publish) and with the default 200 ms debounce (what a typist waits after the last key).
Each edit alternates a one-character change in a question's wording, so every check is
of a new text. Target (issue 14): under 100 ms without the debounce.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import make_test_lsp_client

FRAMEWORK = Path(__file__).resolve().parent.parent / "rules" / "omi-2008" / "omi-2008.crit"


async def published(client, uri: str) -> None:
    """Wait for the diagnostics of `uri` (those of its include come too)."""
    while True:
        params = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri:
            return


async def measure(edits: int, debounce_ms: int) -> list[float]:
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "critc.compiler.lsp")
    await client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), initialization_options={"debounce": debounce_ms}))
    uri = from_fs_path(str(FRAMEWORK))
    text = FRAMEWORK.read_text("utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="crit", version=1, text=text)))
    await published(client, uri)
    times = []
    for version in range(2, edits + 2):
        edited = text.replace('"', '"X' if version % 2 else '"Y', 2)
        started = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeEvent_Type2(text=edited)]))
        await published(client, uri)
        times.append(time.perf_counter() - started)
    await client.shutdown_session()
    await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    for debounce in (0, 200):
        times = asyncio.run(measure(args.edits, debounce))
        ms = sorted(t * 1000 for t in times)
        print(f"debounce {debounce:>3} ms: didChange → publishDiagnostics median "
              f"{statistics.median(ms):.0f} ms, best {ms[0]:.0f} ms, worst {ms[-1]:.0f} ms "
              f"({len(ms)} edits of {FRAMEWORK.name}, {len(FRAMEWORK.read_text().splitlines())} "
              "lines)")


if __name__ == "__main__":
    main()
