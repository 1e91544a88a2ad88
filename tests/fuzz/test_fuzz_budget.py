"""CI's short, derandomised fuzzing budget: a fixed seed and a fixed number of inputs per
fuzzer, no minimisation. A failure prints the inputs' violations; reproduce with
`python -m tests.fuzz --seed 20240601 --max-inputs 12 --corpus /tmp/c` (see README.md)."""

from __future__ import annotations

from . import campaign, contract

SEED = 20240601
INPUTS = 12  # per fuzzer: about 10 s in all on a 2-core machine


def test_a_short_fuzzing_budget_keeps_the_contract():
    found = []
    counts = campaign.run(seconds=60, seed=SEED, corpus=None, max_inputs=INPUTS,
                          time_limit=contract.DEFAULT_TIME_LIMIT, minimise=False,
                          log=found.append)
    assert sum(counts.inputs.values()) == INPUTS * len(campaign.FUZZERS)
    assert found == []
