"""The compiled module's `score_case` loop: what a per-case rules engine costs.

The framework is compiled with `critc compile` (docs/compile.md) and the module's
`score_case` is called once per case, cells spelt as a case file spells them (strings,
as `csv.DictReader` gives them). Only a sample of cases is scored; the time for the whole
archive is extrapolated linearly and labelled as such. `score_case` scores a case as an
inspection of its own, so its figures are checked against critc's engine with each
sampled case its own inspection.
"""

from __future__ import annotations

import importlib.util
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import spec as specs
from critc.compiler.engine.cases import CaseTable, Grouping
from critc.compiler.engine.evaluate import evaluate


def compile_module(framework: Path, folder: Path):
    """`critc compile framework -o folder/scoring_benchmark.py`, imported."""
    out = folder / "scoring_benchmark.py"
    critc = Path(sys.executable).with_name("critc")
    subprocess.run([str(critc), "compile", str(framework), "-o", str(out)], check=True)
    module_spec = importlib.util.spec_from_file_location("scoring_benchmark", out)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def case_rows(spec: dict, table, rows: int) -> list[dict[str, str]]:
    """The first `rows` cases as dicts of strings, as a case file spells them."""
    codes = ["", *spec["codes"]]  # answer code -1 (blank) is ""
    out = []
    for i in range(rows):
        case = {"case_ref": f"C{i:07d}",
                "inspection": str(int(table.fields["inspection"][i])),
                "rosh": spec["rosh"][table.fields["rosh"][i]],
                "custody": "true" if table.fields["custody"][i] else "false"}
        answers = table.answers[i].tolist()
        for q, code in zip(spec["questions"], answers, strict=True):
            case[q] = codes[code + 1]
        out.append(case)
    return out


def each_case_alone(plan, table, rows: int):
    """critc's engine over the first `rows` cases, each case an inspection of its own."""
    sample = CaseTable(n=rows, fields={k: v[:rows] for k, v in table.fields.items()},
                       vocab=table.vocab, answers=table.answers[:rows],
                       question_ids=table.question_ids)
    grouping = Grouping(np.arange(rows, dtype=np.int32), tuple(map(str, range(rows))),
                        "case_ref")
    return evaluate(plan, sample, grouping, detail=False)


def check_cases(spec: dict, band_labels, scored: list[dict], results) -> float:
    """Raise spec.Mismatch unless each case's figures equal the engine's; the largest
    difference otherwise."""
    worst = 0.0
    for g, figures in enumerate(scored):
        for node, values in results.values.items():
            mine, theirs = figures[node], float(values[g])
            if "[" in node:  # a band: its label
                expected = None if math.isnan(theirs) else band_labels[int(theirs)]
                if mine != expected:
                    raise specs.Mismatch(f"score_case: case {g} {node} {mine!r} {expected!r}")
            elif mine is None or math.isnan(theirs):
                if not (mine is None and math.isnan(theirs)):
                    raise specs.Mismatch(f"score_case: case {g} {node} undefined on one side")
            elif abs(mine - theirs) > 1e-12:
                raise specs.Mismatch(f"score_case: case {g} {node} {mine} vs {theirs}")
            else:
                worst = max(worst, abs(mine - theirs))
    return worst


def loop(module, rows: list[dict]) -> tuple[float, list[dict]]:
    """Seconds to call score_case on every row, and what it returned."""
    score_case = module.score_case
    start = time.perf_counter()
    scored = [score_case(row) for row in rows]
    return time.perf_counter() - start, scored
