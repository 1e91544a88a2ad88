"""Running the fuzzers: round-robin until a time or input budget is spent; every input that
breaks the contract is counted, and the first of each kind of failure (its signature) is
minimised and written to the corpus's `pending/` folder, to be fixed and moved up."""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import attrs

from . import contract
from .case_fuzzer import CaseFuzzer
from .compile_fuzzer import CompileFuzzer
from .framework_fuzzer import FrameworkFuzzer
from .workspace import Workspace

FUZZERS = {f.name: f for f in (FrameworkFuzzer, CaseFuzzer, CompileFuzzer)}
MINIMISE_TESTS = {contract.HANG: 8}  # a hang costs a time limit per test
DEFAULT_MINIMISE_TESTS = 150


@attrs.define
class Counts:
    inputs: Counter = attrs.Factory(Counter)  # fuzzer → inputs tried
    failures: Counter = attrs.Factory(Counter)  # (fuzzer, violation kind) → inputs
    written: list[tuple[Path, contract.Violation]] = attrs.Factory(list)
    signatures: set = attrs.Factory(set)
    violations: list[contract.Violation] = attrs.Factory(list)  # the first of each signature
    seconds: float = 0.0

    def total(self, kind: str) -> int:
        return sum(n for (_, k), n in self.failures.items() if k == kind)

    def report(self, corpus: Path) -> str:
        kinds = (contract.CRASH, contract.HANG, contract.EXIT_CODE, contract.UNLOCATED,
                 contract.COERCION, contract.INJECTION)
        lines = [f"fuzzing ran {self.seconds:.0f} s"]
        for name in FUZZERS:
            per = ", ".join(f"{k} {self.failures[(name, k)]}" for k in kinds
                            if self.failures[(name, k)])
            lines.append(f"  {name:<10} {self.inputs[name]:>6} inputs"
                         + (f"; {per}" if per else "; no violations"))
        lines.append(f"inputs {sum(self.inputs.values())}, crashes {self.total(contract.CRASH)}"
                     f", hangs {self.total(contract.HANG)}, contract violations "
                     f"{sum(self.failures.values())} (distinct failures "
                     f"{len(self.signatures)})")
        if self.written:
            lines.append(f"minimised crashers written to {corpus / 'pending'}:")
            lines += [f"  {path}  {violation}" for path, violation in self.written]
        else:
            lines.append(f"no crashers written (corpus: {corpus})")
        return "\n".join(lines)


def run(seconds: float, seed: int, corpus: Path | None, names: list[str] | None = None,
        max_inputs: int | None = None, time_limit: float = contract.DEFAULT_TIME_LIMIT,
        minimise: bool = True, log=print) -> Counts:
    """Fuzz for `seconds` (or `max_inputs` inputs per fuzzer), reproducibly from `seed`."""
    counts = Counts()
    fuzzers = [FUZZERS[n](random.Random(f"{seed}:{n}"), time_limit)
               for n in (names or list(FUZZERS))]
    started = time.monotonic()
    with Workspace() as ws:
        while fuzzers and time.monotonic() - started < seconds:
            for fuzzer in list(fuzzers):
                if max_inputs is not None and counts.inputs[fuzzer.name] >= max_inputs:
                    fuzzers.remove(fuzzer)
                    continue
                item = fuzzer.generate()
                counts.inputs[fuzzer.name] += 1
                violations = fuzzer.check(item, ws)
                for v in violations:
                    counts.failures[(fuzzer.name, v.kind)] += 1
                new = [v for v in violations if (fuzzer.name, v.signature) not in counts.signatures]
                for v in new:
                    counts.signatures.add((fuzzer.name, v.signature))
                    counts.violations.append(v)
                    log(f"[{fuzzer.name}] {v}")
                    if corpus is not None:
                        path = save_minimised(fuzzer, item, v, ws, corpus, minimise)
                        counts.written.append((path, v))
    counts.seconds = time.monotonic() - started
    return counts


def save_minimised(fuzzer, item, violation: contract.Violation, ws: Workspace, corpus: Path,
                   minimise: bool) -> Path:
    def still_fails(candidate) -> bool:
        return any(v.signature == violation.signature for v in fuzzer.check(candidate, ws))

    if minimise:
        tests = MINIMISE_TESTS.get(violation.kind, DEFAULT_MINIMISE_TESTS)
        item = fuzzer.minimise(item, still_fails, tests)
    return fuzzer.save(item, corpus / "pending")


def replay(path: Path, ws: Workspace, time_limit: float = contract.DEFAULT_TIME_LIMIT
           ) -> list[contract.Violation]:
    """The contract's violations for one corpus file (`<corpus>/<fuzzer>/<file>`)."""
    fuzzer = FUZZERS[path.parent.name](random.Random(0), time_limit)
    return fuzzer.check(fuzzer.load(path), ws)


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for name in FUZZERS for p in (folder / name).glob("*") if p.is_file())
