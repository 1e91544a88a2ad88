"""Scoring modules (`critc compile`): one case at a time, and a big table at once.

    python benchmarks/compile.py                          # demo + OMI 2012; 1,000,000-case table
    python benchmarks/compile.py --table-cases 100000 --seconds 1

1. `score_case` throughput, one case at a time on one core (plain Python, one thread), on
   the demo framework and on seed frameworks, over their committed case files (cells as
   csv.DictReader gives them: strings, "" for blanks) with each case's inspection inputs.
   The figure is the best of --repeat runs of at least --seconds each. With --before COMMIT,
   the golden modules of tests/golden/compile/ at that commit are timed the same way.
Times are the CPU time of this process (one thread), so other load on a shared machine does
not count against them; --wall measures elapsed time instead.
2. A table of --table-cases cases x 200 questions in 500 inspections (the archive of
   benchmarks/run.py, benchmarks/archive.py) given as Python lists, one per column:
   the module's `score()`, split into its phases, against critc's engine, both on the
   encoded table (as benchmarks/run.py times it) and from the same Python lists (through
   a pyarrow table and the engine's reader). Every figure of every inspection must agree.

Results are measured, never asserted: record them in docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gc
import importlib.util
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import archive  # noqa: E402
from critc.compiler.check.passes import check_file  # noqa: E402
from critc.compiler.codegen.generate import generate  # noqa: E402
from critc.compiler.engine.cases import group_cases  # noqa: E402
from critc.compiler.engine.evaluate import evaluate  # noqa: E402
from critc.compiler.io.records import load_cases  # noqa: E402
from critc.compiler.io.session import decode_key  # noqa: E402
from critc.compiler.plan.lower import plan_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
clock = time.process_time  # --wall: time.perf_counter
FRAMEWORKS = {
    "demo": ROOT / "examples" / "demo" / "framework.crit",
    "omi-2012": ROOT / "rules" / "omi-2012" / "omi-2012.crit",
    "probation-2018": ROOT / "rules" / "probation-2018" / "probation-2018.crit",
}


def compile_module(plan, source: str, text: str, folder: Path, name: str):
    path = folder / f"{name}.py"
    path.write_text(generate(plan, source, text), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# ----------------------------------------------------------------------------- one case
def per_case(name: str, framework: Path, folder: Path, seconds: float, repeat: int):
    """(questions, figures, cases in the file, best cases per second)."""
    result = check_file(framework)
    plan = plan_for(result)
    module = compile_module(plan, str(framework.relative_to(ROOT)),
                            framework.read_text(encoding="utf-8"), folder,
                            "scoring_" + name.replace("-", "_"))
    return len(plan.questions), len(module.FIGURES), *case_rate(module, framework, seconds,
                                                                  repeat)


def golden_module(name: str, commit: str, folder: Path):
    """The module tests/golden/compile/ held for this framework at `commit`."""
    text = subprocess.run(["git", "show", f"{commit}:tests/golden/compile/{name}.py.txt"],
                          cwd=ROOT, check=True, capture_output=True, text=True).stdout
    path = folder / f"before_{name.replace('-', '_')}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def case_rate(module, framework: Path, seconds: float, repeat: int) -> tuple[int, float]:
    """(cases in the file, best cases per second of module.score_case over them)."""
    rows = read_rows(framework.parent / "cases.csv")
    inputs_path = framework.parent / "inputs.csv"
    by_key = {}
    if inputs_path.exists():
        by_key = {r[module.INSPECTION]: r for r in read_rows(inputs_path)}
    work = [(row, by_key.get(row.get(module.INSPECTION))) for row in rows]
    # the same figures as the table path, for every case (and a warm-up)
    for row, given in work[:50]:
        key = row.get(module.INSPECTION) or "(blank)"
        table = module.score([row], inputs={key: given or {}})
        assert module.score_case(row, given) == next(iter(table.values()))
    score_case = module.score_case
    best = 0.0
    for _ in range(repeat):
        gc.collect()
        done = 0
        start = clock()
        while True:
            for row, given in work:
                score_case(row, given)
            done += len(work)
            took = clock() - start
            if took >= seconds:
                break
        best = max(best, done / took)
    return len(rows), best


# ----------------------------------------------------------------------------- a big table
def python_columns(plan, table) -> dict[str, list]:
    """The archive's cases as a dict of Python lists, cells as a case file spells them."""
    fw = plan.framework
    codes = np.asarray([None, *fw.scales["sufficiency"].codes], dtype=object)
    rosh = np.asarray(fw.fields["rosh"].type.values, dtype=object)
    columns = {
        "case_ref": [f"C{i:07d}" for i in range(table.n)],
        "inspection": [str(k) for k in table.fields["inspection"].astype(np.int64).tolist()],
        "rosh": rosh[table.fields["rosh"]].tolist(),
        "custody": np.where(table.fields["custody"] == 1, "true", "false").tolist(),
    }
    for q in plan.questions:
        columns[q.id] = codes[table.answers[:, q.index].astype(np.int64) + 1].tolist()
    return columns


def module_phases(module, columns) -> tuple[dict, dict[str, float]]:
    """module.score(columns), step by step as score() runs them, timing each phase."""
    times = {}
    start = clock()
    n, cols = module.as_columns(columns)
    encoded, vocab, answers = module.encode(cols, n, module.FIELDS, module.QUESTIONS,
                                            module.SCALES, module._input_texts(None),
                                            (*module.TEXT_READ, module.INSPECTION))
    times["read and check every cell (encode)"] = clock() - start
    start = clock()
    group, keys = module.group_of(encoded, vocab, module.INSPECTION, n)
    inp = module._inspection_inputs(None, keys, vocab)
    case_inputs = module._per_case(inp, group)
    times["group by inspection"] = clock() - start
    start = clock()
    computed = {}
    for condition in module.CONDITIONS.values():
        if condition not in computed:
            computed[condition] = condition(encoded, answers, case_inputs, vocab)
    applicable = [computed[module.CONDITIONS[i]] if i in module.CONDITIONS else None
                  for i in range(len(module.QUESTIONS))]
    lookups = {scale: module.status_lookup(table[2]) for scale, table in module.SCALES.items()}
    num, den = module.counts(answers, applicable, group, len(keys), lookups, module.QUESTIONS)
    times["conditions and counts"] = clock() - start
    start = clock()
    values = [None] * len(module.FIGURES)
    with np.errstate(invalid="ignore", divide="ignore"):
        proportions = module.proportion(num, den)
    for i in range(len(module.QUESTIONS)):
        values[i] = proportions[:, i]
    module.run_steps(module.STEPS, values, num, den, inp, len(keys))
    out = {key: {module.FIGURES[i][0]: module.decode(module.FIGURES, module.RATINGS,
                                                     module.BANDS, i, float(values[i][g]))
                 for i in range(len(module.FIGURES))}
           for g, key in enumerate(keys)}
    times["figures and results"] = clock() - start
    return out, times


def engine_from_columns(plan, columns):
    """critc's engine from the same Python lists: a pyarrow table, the reader, evaluate."""
    import pyarrow as pa

    fw = plan.framework
    table, problems = load_cases(pa.table(columns), fw)
    assert table is not None and not [p for p in problems if p.is_error], problems[:3]
    grouping = group_cases(table, fw.inspection, lambda f, c: decode_key(fw, table, f, c))
    return evaluate(plan, table, grouping, detail=False)


def compare(plan, module_out: dict, results) -> float:
    """Largest difference between the module's and the engine's figures (inf if a label,
    a rating or an undefined figure differs)."""
    fw = plan.framework
    worst = 0.0
    for g, key in enumerate(results.grouping.keys):
        for node, values in results.values.items():
            mine, theirs = module_out[key][node], float(values[g])
            kind = fw.figure_type(node)
            if np.isnan(theirs) or mine is None:
                if not (np.isnan(theirs) and mine is None):
                    return float("inf")
            elif kind.kind == "label":
                if mine != plan.bands[kind.scale].outputs[int(theirs)]:
                    return float("inf")
            elif kind.kind == "rating":
                if mine != fw.rating_scales[kind.scale].levels[int(theirs)]:
                    return float("inf")
            else:
                worst = max(worst, abs(mine - theirs))
    return worst


def big_table(args, folder: Path) -> None:
    plan, table, grouping = archive.build(args.table_cases, inspections=args.inspections)
    text = archive.framework_text()
    module = compile_module(plan, "benchmark.crit", text, folder, "scoring_benchmark")
    start = clock()
    columns = python_columns(plan, table)
    print(f"\n{args.table_cases:,} cases x {len(plan.questions)} questions in "
          f"{args.inspections} inspections, as {len(columns)} Python lists of cells "
          f"(built in {clock() - start:.1f} s)")

    t_engine = float("inf")
    for _ in range(args.repeat):
        gc.collect()
        start = clock()
        results = evaluate(plan, table, grouping, detail=False)
        t_engine = min(t_engine, clock() - start)
    gc.collect()
    start = clock()
    engine_lists = engine_from_columns(plan, columns)
    t_engine_lists = clock() - start

    gc.collect()
    start = clock()
    scored = module.score(columns)
    t_module = clock() - start
    gc.collect()
    phased, phases = module_phases(module, columns)
    assert phased == scored

    rows = [("critc engine on the encoded table (as benchmarks/run.py)", t_engine),
            ("critc engine from the Python lists (pyarrow + reader)", t_engine_lists),
            ("module score() from the Python lists", t_module)]
    print(f"{'':60} {'seconds':>8} {'cases/s':>12}")
    for name, seconds in rows:
        print(f"{name:60} {seconds:8.2f} {args.table_cases / seconds:12,.0f}")
    for name, seconds in phases.items():
        print(f"  {name:58} {seconds:8.2f}")
    print(f"module vs engine (encoded table): max |diff| {compare(plan, scored, results):.1e}; "
          f"vs engine from lists: {compare(plan, scored, engine_lists):.1e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frameworks", nargs="*", default=["demo", "omi-2012",
                                                             "probation-2018"],
                        choices=list(FRAMEWORKS))
    parser.add_argument("--seconds", type=float, default=2.0,
                        help="minimum length of each score_case run")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--table-cases", type=int, default=1_000_000,
                        help="cases in the big table (0 to skip it)")
    parser.add_argument("--inspections", type=int, default=500)
    parser.add_argument("--before", metavar="COMMIT",
                        help="also time the golden modules of tests/golden/compile/ at COMMIT")
    parser.add_argument("--wall", action="store_true",
                        help="measure elapsed time, not this process's CPU time")
    args = parser.parse_args()
    if args.wall:
        global clock
        clock = time.perf_counter

    print(f"{datetime.date.today().isoformat()}; machine: "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}; Python {platform.python_version()}, "
          f"NumPy {np.__version__}; times: {'elapsed' if args.wall else 'CPU'}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"\nscore_case, one case at a time (best of {args.repeat} runs of at least "
              f"{args.seconds:g} s):")
        print(f"{'framework':16} {'questions':>9} {'figures':>8} {'cases':>6} {'cases/s':>10} "
              f"{'µs/case':>8}")
        for name in args.frameworks:
            questions, figures, cases, rate = per_case(name, FRAMEWORKS[name], folder,
                                                       args.seconds, args.repeat)
            print(f"{name:16} {questions:9} {figures:8} {cases:6} {rate:10,.0f} "
                  f"{1e6 / rate:8.1f}")
            if args.before:
                old = golden_module(name, args.before, folder)
                _cases, before = case_rate(old, FRAMEWORKS[name], args.seconds, args.repeat)
                print(f"{'  before':16} {'':9} {'':8} {'':6} {before:10,.0f} "
                      f"{1e6 / before:8.1f}  (the module at {args.before}; now "
                      f"{rate / before:.2f}x)")
        if args.table_cases:
            big_table(args, folder)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(f"\npeak resident memory of the whole run: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
