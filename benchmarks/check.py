"""How long checking a framework takes in-process: `check_file` and, of it, `dsl.parse`.

    python benchmarks/check.py                        # rules/omi-2008/omi-2008.crit
    python benchmarks/check.py examples/demo/framework.crit --runs 50

Each is called once to warm up (the parser's tables are loaded then), then --runs times;
the median of the elapsed (wall) time and of this process's CPU time are printed, since on
a shared machine the wall clock mostly measures the other work. Results are measured, never
asserted: record them in docs/performance.md ("Check and start-up").
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from critc.compiler.check.passes import check_file
from critc.dsl import parse

ROOT = Path(__file__).resolve().parent.parent


def timed(function, runs: int) -> tuple[float, float]:
    """(median wall ms, median CPU ms) of `runs` calls after one warm-up call."""
    function()
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall) * 1e3, statistics.median(cpu) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(ROOT / "rules/omi-2008/omi-2008.crit"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    text = Path(args.path).read_text(encoding="utf-8")
    print(f"{args.path}: {len(text.splitlines())} lines; load average "
          f"{os.getloadavg()[0]:.2f}; median of {args.runs}")
    for name, function in (("check_file", lambda: check_file(args.path)),
                           ("parse (this file only)", lambda: parse(text, args.path))):
        wall, cpu = timed(function, args.runs)
        print(f"{name:24} wall {wall:6.1f} ms   CPU {cpu:6.1f} ms")


if __name__ == "__main__":
    main()
