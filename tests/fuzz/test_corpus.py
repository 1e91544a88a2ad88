"""Every crasher in the corpus is a regression test: replayed, it must keep the contract.
Crashers whose cause is not fixed yet sit in corpus/pending/ and are expected to fail
(non-strict: an XPASS says one is fixed and can move up a folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import campaign

CORPUS = Path(__file__).resolve().parent / "corpus"
FIXED = campaign.corpus_files(CORPUS)
PENDING = campaign.corpus_files(CORPUS / "pending")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.fixture(scope="module")
def ws():
    with campaign.Workspace() as workspace:
        yield workspace


@pytest.mark.parametrize("path", FIXED, ids=[_id(p) for p in FIXED])
def test_a_fixed_crasher_keeps_the_contract(path, ws):
    assert [str(v) for v in campaign.replay(path, ws)] == []


PENDING_TIME_LIMIT = 3.0  # seconds: a pending hang need not cost the full limit


@pytest.mark.xfail(reason="a known defect not fixed yet (issue 15)", strict=False)
@pytest.mark.parametrize("path", PENDING, ids=[_id(p) for p in PENDING])
def test_a_pending_crasher(path, ws):
    assert [str(v) for v in campaign.replay(path, ws, PENDING_TIME_LIMIT)] == []
