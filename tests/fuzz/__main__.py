"""`python -m tests.fuzz --minutes 10 --seed 1 --corpus tests/fuzz/corpus`: fuzz critc
for a while and write minimised crashers to CORPUS/pending/. See README.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import campaign, contract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--fuzzer", action="append", choices=sorted(campaign.FUZZERS),
                        help="run only this fuzzer (repeatable); default all")
    parser.add_argument("--max-inputs", type=int, help="stop each fuzzer after N inputs")
    parser.add_argument("--time-limit", type=float, default=contract.DEFAULT_TIME_LIMIT,
                        help="seconds per input before it counts as a hang")
    parser.add_argument("--no-minimise", action="store_true")
    parser.add_argument("--replay", type=Path, nargs="+", metavar="FILE",
                        help="check corpus files instead of fuzzing")
    args = parser.parse_args(argv)
    if args.replay:
        failed = 0
        with campaign.Workspace() as ws:
            for path in args.replay:
                violations = campaign.replay(path, ws, args.time_limit)
                failed += bool(violations)
                print(f"{path}: " + ("; ".join(map(str, violations)) or "ok"))
        return 1 if failed else 0
    counts = campaign.run(args.minutes * 60, args.seed, args.corpus, args.fuzzer,
                          args.max_inputs, args.time_limit, not args.no_minimise,
                          log=lambda line: print(line, file=sys.stderr, flush=True))
    print(counts.report(args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
