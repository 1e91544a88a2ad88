"""How long `critc diff` takes on a large archive, and the memory it needs.

    python benchmarks/diff.py [--cases 1000000] [--inspections 500]

Both versions score the same in-memory archive (benchmarks/archive.py): the new version
reweights every criterion of section 1 and narrows one applicability condition, so figures
move, bands migrate and many cases change contribution. Timed: the structural comparison,
scoring with both versions, and the whole impact (figures, migrations, changed cases).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
import tracemalloc

import archive
import numpy as np
from critc.compiler.check.passes import check_file
from critc.compiler.io.session import Session
from critc.compiler.plan.lower import plan_for
from critc.compiler.regress.diff import compare
from critc.compiler.regress.impact import measure


def versions():
    old_text = archive.framework_text()
    lines = old_text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("  criterion 1."):
            lines[i + 1] = "    = weighted mean(individual questions: 0.7, summary question: 0.3)"
    new_text = "\n".join(lines).replace("applies when rosh in {medium, high, very_high}",
                                        "applies when rosh in {high, very_high}", 1)
    old, new = check_file("old.crit", old_text), check_file("new.crit", new_text)
    assert old.ok and new.ok
    return old, new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--inspections", type=int, default=500)
    args = parser.parse_args()

    _, table, grouping = archive.build(args.cases, inspections=args.inspections)
    old, new = versions()
    sessions = [Session(r, plan_for(r), table, grouping, {}) for r in (old, new)]
    print(f"archive: {args.cases:,} cases x {len(sessions[0].plan.questions)} questions in "
          f"{args.inspections} inspections")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, NumPy {np.__version__}")

    start = time.perf_counter()
    structure = compare(old, new)
    t_structure = time.perf_counter() - start
    start = time.perf_counter()
    results = [s.evaluate(detail=False) for s in sessions]
    t_score = time.perf_counter() - start
    start = time.perf_counter()
    impact = measure(structure, sessions[0], sessions[1], *results)
    t_impact = time.perf_counter() - start
    tracemalloc.start()  # a second run for memory: tracing slows Python code down
    measure(structure, sessions[0], sessions[1], *results)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"edits: {len(structure.edits)}; figures moved: {len(impact.moved)}; inspections "
          f"changing band: {len(impact.inspections_changing_band())}; cases changed: "
          f"{len(impact.cases):,}")
    print(f"structural comparison      {t_structure:8.3f} s")
    print(f"scoring with both versions {t_score:8.3f} s")
    print(f"impact (figures, migrations, changed cases) {t_impact:8.3f} s; "
          f"peak {peak / 2**20:.0f} MiB beyond the inputs")
    print(f"whole diff                 {t_structure + t_score + t_impact:8.3f} s")


if __name__ == "__main__":
    main()
