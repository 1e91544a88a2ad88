"""critc compile: the generated module is deterministic, clean, standalone and agrees with
the engine, whole-table and one case at a time."""

from __future__ import annotations

import csv
import datetime
import hashlib
import importlib.util
import math
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.cli.main import main
from critc.compiler.codegen.case_tables import ROUNDERS, runtime_constant
from critc.compiler.codegen.generate import generate
from critc.compiler.engine import runtime
from critc.compiler.engine.cases import group_cases
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.io.records import load_cases, load_inputs
from critc.compiler.io.session import decode_value
from critc.compiler.oracle.reference import reference_scores
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import plan_for
from engine_strategies import (
    SMALL_PRELUDE,
    adversarial_scenarios,
    as_dicts,
    cell,
    compile_text,
    engine_and_reference,
    engine_scores,
    grouping_for,
    reference_for,
)
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
GOLDEN = Path(__file__).parent / "golden" / "compile"
RULES = ROOT / "rules"
SEEDS = ("omi-2012", "probation-2018")  # seed frameworks with golden modules
RULES_WITH_CASES = sorted(p.name for p in RULES.iterdir() if (p / "cases.csv").exists())


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. a SyntaxWarning for `1.0 is not None`
        spec.loader.exec_module(module)
    return module


def compile_to(tmp_path: Path, framework: Path, name: str) -> Path:
    out = tmp_path / f"{name}.py"
    assert main(["compile", str(framework), "-o", str(out)]) == 0
    return out


def engine_results(framework: Path, cases: Path, inputs: Path | None):
    result = check_file(framework)
    fw = result.framework
    plan = plan_for(result)
    table, problems = load_cases(cases, fw)
    assert not [p for p in problems if p.is_error]
    grouping = group_cases(table, fw.inspection, lambda f, c: decode_value(
        fw, table, f, int(np.argmax(table.fields[f] == c))))
    given = {}
    if inputs is not None:
        given, _ = load_inputs(inputs, fw, grouping.keys, table.vocab)
    return fw, evaluate(plan, table, grouping, given), grouping


def same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-12)


def as_module_values(plan, figures: dict) -> dict:
    """Engine or reference figures as a module gives them: ratings by level, band labels by
    their text, undefined as None."""
    fw = plan.framework
    out = {}
    for node, value in figures.items():
        kind = fw.figure_type(node)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            out[node] = None
        elif kind.kind == "rating":
            out[node] = fw.rating_scales[kind.scale].levels[int(value)]
        elif kind.kind == "label":
            out[node] = plan.bands[kind.scale].outputs[int(value)]
        else:
            out[node] = float(value)
    return out


def assert_figures(got: dict, expected: dict, context: str = "", tol: float = 1e-12) -> None:
    assert got.keys() == expected.keys(), context
    for node, value in expected.items():
        if value is None or got[node] is None or isinstance(value, str):
            assert got[node] == value, f"{node}: module {got[node]!r}, expected {value!r}\n" \
                                       f"{context}"
        else:
            assert math.isclose(got[node], value, rel_tol=0, abs_tol=tol), \
                f"{node}: module {got[node]!r}, expected {value!r}\n{context}"


def read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def archive(framework: Path):
    """(cases.csv, inputs.csv or None) of the demo or a seed framework."""
    folder = framework.parent
    inputs = folder / "inputs.csv"
    return folder / "cases.csv", inputs if inputs.exists() else None


def check_module_against_engine(module, framework: Path) -> None:
    """`score` on the framework's case file equals the engine, figure by figure; and
    `score_case`, summed over each inspection's cases, gives the engine's counts for every
    question and every pooled figure."""
    cases, inputs_path = archive(framework)
    rows = read_rows(cases)
    key_field = module.INSPECTION
    inputs = {r[key_field]: r for r in read_rows(inputs_path)} if inputs_path else {}
    fw, results, grouping = engine_results(framework, cases, inputs_path)
    plan = results.plan
    scored = module.score(rows, inputs=inputs)
    across = scored.pop(None, None)  # figures across inspections, if the framework has any
    assert list(scored) == list(grouping.keys)
    engine = as_dicts(results)
    for key in grouping.keys:
        assert_figures(scored[key], as_module_values(plan, engine[key]), key)
    assert (across is None) == (not plan.across)
    if across is not None:
        assert_figures(across, as_module_values(plan, results.across.values), "across", 1e-9)

    above: dict[tuple[str, str], int] = {}
    counted: dict[tuple[str, str], int] = {}
    for row in rows:
        key = row[key_field]
        one = module.score_case(row, inputs.get(key))
        for q in plan.questions:
            if one[q.id] is not None:
                above[key, q.id] = above.get((key, q.id), 0) + int(one[q.id])
                counted[key, q.id] = counted.get((key, q.id), 0) + 1
    for g, key in enumerate(grouping.keys):
        for q in plan.questions:
            assert (above.get((key, q.id), 0), counted.get((key, q.id), 0)) == \
                (results.numerators[g, q.index], results.denominators[g, q.index]), (key, q.id)
        for step in plan.steps:
            if isinstance(step.op, s.Pooled):
                num = sum(above.get((key, q), 0) for q in step.op.questions)
                den = sum(counted.get((key, q), 0) for q in step.op.questions)
                assert same(num / den if den else None, engine[key][step.node]), \
                    (key, step.node)


def test_demo_module_equals_engine(tmp_path):
    path = compile_to(tmp_path, DEMO / "framework.crit", "scoring_demo")
    check_module_against_engine(load_module(path, "scoring_demo"), DEMO / "framework.crit")


@pytest.mark.parametrize("name", RULES_WITH_CASES)
def test_rules_module_equals_engine(name, tmp_path):
    """Every framework in rules/, over its own cases and inputs."""
    framework = RULES / name / f"{name}.crit"
    module_name = "scoring_" + name.replace("-", "_")
    path = compile_to(tmp_path, framework, module_name)
    check_module_against_engine(load_module(path, module_name), framework)


@pytest.mark.parametrize("by", ["area", "psr", "rosh", "case_type", "case_ref"])
def test_grouping_by_any_field_gives_the_engines_keys_and_figures(tmp_path, by):
    path = compile_to(tmp_path, DEMO / "framework.crit", "scoring_demo_by")
    module = load_module(path, "scoring_demo_by")
    result = check_file(DEMO / "framework.crit")
    plan = plan_for(result)
    table, _ = load_cases(DEMO / "cases.csv", result.framework)
    engine = as_dicts(evaluate(plan, table, grouping_for(result.framework, table, by), {}))
    scored = module.score({k: [r[k] for r in read_rows(DEMO / "cases.csv")]
                           for k in read_rows(DEMO / "cases.csv")[0]}, by=by)
    assert list(scored) == list(engine)
    for key in scored:
        assert_figures(scored[key], as_module_values(plan, engine[key]), key)


def test_score_case_equals_score_of_one_case(tmp_path):
    path = compile_to(tmp_path, DEMO / "framework.crit", "scoring_demo_one")
    module = load_module(path, "scoring_demo_one")
    rows = list(csv.DictReader(open(DEMO / "cases.csv", encoding="utf-8")))
    for row in rows[:40]:
        inputs = {"leadership": "partly_met"}
        one = module.score_case(row, inputs)
        table = module.score([row], inputs={row["area"]: inputs})[row["area"]]
        assert one.keys() == table.keys()
        for node in one:
            assert same(one[node], table[node]), node


def test_module_is_byte_identical_whatever_the_hash_seed(tmp_path):
    outputs = []
    for seed in ("0", "1", "12345"):
        out = tmp_path / f"m{seed}.py"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "critc.compiler", "compile",
                        str(DEMO / "framework.crit"), "-o", str(out)], check=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_module_passes_ruff(tmp_path):
    """The modules of the demo, the seed frameworks and the test frameworks are clean."""
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    paths = [compile_to(tmp_path, DEMO / "framework.crit", "scoring_lint")]
    for name in SEEDS:
        paths.append(compile_to(tmp_path, RULES / name / f"{name}.crit", name.replace("-", "_")))
    for name, text in (("weird", ADVERSARIAL), ("input_types", INPUT_TYPES),
                       ("nested", NESTED), ("one", ONE_QUESTION), ("none", NO_QUESTION)):
        source = tmp_path / f"{name}.crit"
        source.write_text(text, encoding="utf-8")
        paths.append(compile_to(tmp_path, source, f"scoring_{name}_lint"))
    done = subprocess.run([ruff, "check", "--isolated", "--no-cache", *map(str, paths)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_module_needs_only_numpy_and_imports_fast(tmp_path):
    compile_to(tmp_path, DEMO / "framework.crit", "scoring_fast")
    code = ("import sys, time; sys.path.insert(0, %r); start = time.perf_counter(); "
            "import scoring_fast; took = time.perf_counter() - start; "
            "assert 'critc' not in sys.modules and 'numpy' not in sys.modules; "
            "print(took)" % str(tmp_path))
    subprocess.run([sys.executable, "-c", code], check=True)  # compiles the .pyc
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True)
    assert float(done.stdout) < 1.0  # measured, not a benchmark: ~10 ms when warm


ADVERSARIAL = r'''
framework "Quote \" backslash \\ and\nnewline" version "1\"2"
  source "line one\nline two \u00e9 \u2028 end"

scale s "Scale \"s\""
  yes "Yes \"quoted\"" above the line aliases "Y\\es", "ja\n"
  no "No"
  na "N/A" not applicable

case fields
  ref: text, case id
  class: text, inspection
  def: one of {lambda, import, none_}
  None_: boolean

section 1 "\"\"\" docstring breaker \"\"\"" = mean of its questions
  question import "import os; os.system('x')  # \n not code" tags for, while
    applies when def in {lambda, import}
  question 1.2-3a "Ünïcödé \u00e9 ☃" tags for
    applies when not None_
  question while "What about \\ backslashes \\" tags while

thread for "Thread \"for\"" = pooled over all questions tagged for

band b "Band \"b\"" on all sections, thread for
  50% and above: "Good \"enough\"\n(really)"
  otherwise: "Not \\ good"
'''


def test_adversarial_names_give_a_module_that_imports_and_behaves(tmp_path):
    source = tmp_path / "weird.crit"
    source.write_text(ADVERSARIAL, encoding="utf-8")
    result = check_file(source)
    assert result.ok, [d.message for d in result.diagnostics]
    text = generate(plan_for(result), "weird.crit", ADVERSARIAL)
    path = tmp_path / "scoring_weird.py"
    path.write_text(text, encoding="utf-8")
    module = load_module(path, "scoring_weird")
    assert module.METADATA["name"] == 'Quote " backslash \\ and\nnewline'
    rows = [
        {"ref": "a", "class": "x", "def": "lambda", "None_": "false", "import": 'Y\\es',
         "1.2-3a": "no", "while": "yes"},
        {"ref": "b", "class": "x", "def": "none_", "None_": "true", "import": "na",
         "1.2-3a": "yes", "while": "ja\n"},
    ]
    scored = module.score(rows)["x"]
    assert scored["import"] == 1.0
    assert scored["1.2-3a"] == 0.0
    assert scored["while"] == 1.0
    assert scored["for"] == 0.5
    assert scored["b[for]"] == 'Good "enough"\n(really)'
    one = module.score_case(rows[0])
    assert one["import"] == 1.0 and one["1.2-3a"] == 0.0
    with pytest.raises(module.ScoringError):
        module.score([dict(rows[0], **{"import": "Yes "})])


def test_a_failing_figure_names_its_framework_line(tmp_path):
    source = tmp_path / "div.crit"
    source.write_text(
        'framework "d"\n\nscale s\n  y above the line\n  n\n\ncase fields\n'
        "  k: text, inspection\n\nscore a = mean of all questions\n  question q\n\n"
        "score b = score a / 0\n", encoding="utf-8")
    result = check_file(source)
    assert result.ok
    module_path = tmp_path / "scoring_div.py"
    module_path.write_text(generate(plan_for(result), "div.crit", source.read_text()),
                           encoding="utf-8")
    module = load_module(module_path, "scoring_div")
    assert module.score([{"k": "x", "q": "y"}])["x"]["b"] is None  # undefined, not an error
    module.STEPS = ((1, lambda *args: 1 / 0, "div.crit:13 (score b)"),)
    with pytest.raises(module.ScoringError, match=r"div\.crit:13"):
        module.score([{"k": "x", "q": "y"}])


GOLDEN_SOURCES = {"demo": "examples/demo/framework.crit",
                  **{name: f"rules/{name}/{name}.crit" for name in SEEDS}}


@pytest.mark.parametrize("name", list(GOLDEN_SOURCES))
def test_golden_module(name, request, monkeypatch):
    """The generated module for the demo and two seed frameworks, compared with its golden
    copy (pytest --update rewrites them)."""
    monkeypatch.chdir(ROOT)
    framework = GOLDEN_SOURCES[name]
    result = check_file(framework)
    text = generate(plan_for(result), framework, (ROOT / framework).read_text(encoding="utf-8"))
    golden = GOLDEN / f"{name}.py.txt"
    if request.config.getoption("--update", default=False) or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- one case
def test_score_case_reads_cells_as_score_does(tmp_path):
    """Spellings outside the fast tables (booleans as TRUE or True, aliases, numbers as
    floats, NaN as a blank) take the slow way and give the same figures; a value the
    framework does not declare raises ScoringError naming the column."""
    path = compile_to(tmp_path, DEMO / "framework.crit", "scoring_demo_cells")
    module = load_module(path, "scoring_demo_cells")
    row = read_rows(DEMO / "cases.csv")[1]
    inputs = {"leadership": "partly_met"}
    expected = module.score_case(row, inputs)
    variants = [
        dict(row, psr="TRUE" if row["psr"] == "true" else "No"),
        dict(row, psr=row["psr"] == "true", child_protection=row["child_protection"] == "true"),
        dict(row, psr=1.0 if row["psr"] == "true" else 0),
        dict(row, **{q: "N/A" for q in row if row[q] == "na"}),
    ]
    for variant in variants:
        assert module.score_case(variant, inputs) == expected, variant
        assert module.score_case(variant, inputs) == module.score(
            [variant], inputs={row["area"]: inputs})[row["area"]]
    blank = dict(row, rosh=math.nan, **{"1.1a": None})
    assert module.score_case(blank, inputs) == module.score(
        [blank], inputs={row["area"]: inputs})[row["area"]]
    missing = {k: v for k, v in row.items() if k not in ("rosh", "1.2b")}
    assert module.score_case(missing, inputs)["1.2b"] is None
    with pytest.raises(module.ScoringError, match=r"column 'rosh'.*'extreme'"):
        module.score_case(dict(row, rosh="extreme"), inputs)
    with pytest.raises(module.ScoringError, match=r"column '1.2a'.*'Sufficient '"):
        module.score_case(dict(row, **{"1.2a": "Sufficient "}), inputs)
    with pytest.raises(module.ScoringError, match=r"inputs, column 'leadership'"):
        module.score_case(row, {"leadership": "excellent"})
    with pytest.raises(module.ScoringError):
        module.score_case(dict(row, psr=["unhashable"]), inputs)
    assert module.score_case(row) == module.score_case(row, {"leadership": None})
    # the demo's overall rating sums points without skipping undefined: no leadership input,
    # no overall rating (strict totals), while the case's own figures stand
    assert module.score_case(row)["overall"] is None
    assert module.score_case(row)["case_work"] == expected["case_work"] is not None


def test_score_reads_columns_of_any_spelling_as_cells(tmp_path):
    """A column mixing types and spellings (True, 1, 'TRUE', 1.0, NaN, None, aliases) reads
    cell by cell as critc reads them; an invalid cell is reported with its row."""
    path = compile_to(tmp_path, DEMO / "framework.crit", "scoring_demo_columns")
    module = load_module(path, "scoring_demo_columns")
    rows = read_rows(DEMO / "cases.csv")[:8]
    canonical = module.score(rows)
    spellings = {"true": [True, 1, "TRUE", 1.0, "yes", "1"], "false": [False, 0, "No", 0.0],
                 "": [None, math.nan, ""]}
    mixed = []
    for i, row in enumerate(rows):
        options = spellings[row["psr"]]
        answers = {q: ("N/A" if v == "na" else v) for q, v in row.items() if v == "na"}
        mixed.append(dict(row, psr=options[i % len(options)], **answers))
    assert module.score(mixed) == canonical
    columns = {k: [r[k] for r in mixed] for k in mixed[0]}
    assert module.score(columns) == canonical
    columns["rosh"] = [r["rosh"] for r in rows[:2]] + ["extreme"] + [r["rosh"] for r in rows[3:]]
    with pytest.raises(module.ScoringError, match=r"row 3, column 'rosh': 'extreme'"):
        module.score(columns)
    columns = {k: [r[k] for r in rows] for k in rows[0]}
    columns["1.1a"][4] = ["unhashable"]
    with pytest.raises(module.ScoringError, match=r"row 5, column '1.1a'"):
        module.score(columns)


INPUT_TYPES = '''\
framework "Inspection inputs of every type" version "1"

''' + SMALL_PRELUDE + '''  team: text
  seen: date
  age: number

inspection inputs
  region: text
  tier: one of {small, large}
  lead: rating grade
  since: date
  staff: number
  remote: boolean

section 1 "S" = mean of its questions
  question 1a
    applies when region = "north" or region = team
  question 1b
    applies when tier = large and not remote
  question 1c
    applies when lead >= fair
  question 1d
    applies when seen >= since
  question 1e
    applies when staff * 2 > age / 10 or -staff < -5
  question 1f
    applies when region in {"south", "west"} or tier != small
  question 1g
    applies when region != team and remote

score s2 "x" = section 1 * staff / 10 + points(lead) * 1%
rating r2 "Lead" = lead
'''
INPUT_QUESTIONS = ["1a", "1b", "1c", "1d", "1e", "1f", "1g"]
WORDS = st.one_of(st.none(), st.sampled_from(["north", "south", "west", "North", "é 'q\""]))
DATES = st.one_of(st.none(), st.sampled_from(
    [datetime.date(2023, 12, 31), datetime.date(2024, 1, 1), datetime.date(1969, 12, 31)]))
INPUT_CASES = st.lists(st.fixed_dictionaries({
    "insp": st.sampled_from(["A", "B"]), "team": WORDS, "seen": DATES,
    "age": st.one_of(st.none(), st.sampled_from([0, 17, 18.5, 65, 90])),
    **{q: st.sampled_from(["yes", "no", "na", None]) for q in INPUT_QUESTIONS},
}), min_size=1, max_size=8)
INPUT_VALUES = st.fixed_dictionaries({k: st.fixed_dictionaries({
    "region": WORDS, "tier": st.one_of(st.none(), st.sampled_from(["small", "large"])),
    "lead": st.one_of(st.none(), st.sampled_from(["good", "fair", "poor"])),
    "since": DATES, "staff": st.one_of(st.none(), st.sampled_from([0, 1, 2.5, 10])),
    "remote": st.one_of(st.none(), st.booleans())}) for k in ["A", "B"]})


@pytest.fixture(scope="module")
def module_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("modules")


_compiled: dict[str, object] = {}


def module_for(text: str, folder: Path):
    """The scoring module of a framework text (compiled and imported once per text)."""
    if text not in _compiled:
        _result, plan = compile_text(text)
        name = "scoring_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        path = folder / f"{name}.py"
        path.write_text(generate(plan, "generated.crit", text), encoding="utf-8")
        _compiled[text] = load_module(path, name)
    return _compiled[text]


@settings(max_examples=50, deadline=None)
@given(INPUT_CASES, INPUT_VALUES)
def test_inputs_of_every_type_through_score_and_score_case(module_dir, cases, inputs):
    """Text, enumeration, rating, date, number and boolean inspection inputs, in conditions
    (with case fields of the same types) and in formulas: the module's `score` and
    `score_case` give the engine's and the reference evaluator's figures."""
    for i, case in enumerate(cases):
        case["ref"] = f"c{i}"
    result, plan = compile_text(INPUT_TYPES, "inputs.crit")
    fw = result.framework
    module = module_for(INPUT_TYPES, module_dir)
    columns = ["ref", "insp", "team", "seen", "age", *INPUT_QUESTIONS]
    names = ["region", "tier", "lead", "since", "staff", "remote"]
    engine, reference, table = engine_and_reference(INPUT_TYPES, cases, columns, inputs,
                                                    names, "inputs.crit")

    as_text = [{k: cell(c[k]) for k in columns} for c in cases]
    text_inputs = {k: {n: cell(v[n]) for n in names} for k, v in inputs.items()}
    for rows, given_values in ((as_text, text_inputs), (cases, inputs)):
        scored = module.score(rows, inputs=given_values)
        assert sorted(scored) == sorted(engine) == sorted(reference)
        for key in scored:
            assert_figures(scored[key], as_module_values(plan, engine[key]), key, 1e-9)
            assert_figures(scored[key], as_module_values(plan, reference[key]), key, 1e-9)
    for by in ("seen", "age", "team"):  # keys as critc shows them, in critc's order
        by_field = as_dicts(evaluate(plan, table, grouping_for(fw, table, by), {}))
        scored = module.score(as_text, by=by)
        assert list(scored) == list(by_field)
        for key in scored:
            assert_figures(scored[key], as_module_values(plan, by_field[key]), key, 1e-9)
    for case, spelled in zip(cases, as_text, strict=True):
        key = case["insp"]
        one = reference_scores(fw, {key: [case]}, {key: inputs[key]})[key]
        for row, given_values in ((case, inputs[key]), (spelled, text_inputs[key])):
            assert_figures(module.score_case(row, given_values), as_module_values(plan, one),
                           str(row), 1e-9)


# ----------------------------------------------------------------------------- generated frameworks
@settings(max_examples=50, deadline=None)
@given(adversarial_scenarios(counting=True))
def test_module_equals_engine_and_reference_on_generated_frameworks(module_dir, scenario):
    """On random frameworks whose names are Python keywords and whose labels hold quotes,
    backslashes and newlines: the module's `score` (from case-file spellings) equals the
    engine and the reference evaluator for every inspection; its `score_case` equals the
    reference on each case as an inspection of its own (given raw values or spellings);
    and score_case's question values, summed over an inspection, give the engine's."""
    result, plan = compile_text(scenario.text)
    fw = result.framework
    module = module_for(scenario.text, module_dir)
    engine = engine_scores(scenario.text, scenario.cases, scenario.inputs)
    by_inspection = scenario.by_inspection()
    reference = reference_for(scenario.text, by_inspection, scenario.inputs)
    inputs = {k: {"lead": v["lead"]} for k, v in scenario.inputs.items()}
    scored = module.score(scenario.spellings, inputs=inputs)
    assert sorted(scored) == sorted(engine) == sorted(reference)
    for key in scored:
        assert_figures(scored[key], as_module_values(plan, engine[key]), scenario.text, 1e-9)
        assert_figures(scored[key], as_module_values(plan, reference[key]), scenario.text, 1e-9)

    key_field = scenario.spec.inspection_field
    sums: dict[tuple[str, str], list[float]] = {}
    for case, spelled in zip(scenario.cases, scenario.spellings, strict=True):
        key = case[key_field]
        one = reference_scores(fw, {key: [case]}, {key: scenario.inputs.get(key, {})})[key]
        expected = as_module_values(plan, one)
        for row in (case, spelled):
            got = module.score_case(row, inputs.get(key))
            assert_figures(got, expected, f"{row}\n{scenario.text}", 1e-9)
        for q in fw.questions:
            if got[q] is not None:
                sums.setdefault((key, q), []).append(got[q])
    for key, figures in engine.items():
        for q in fw.questions:
            values = sums.get((key, q), [])
            assert same(sum(values) / len(values) if values else None, figures[q]), (key, q)


NESTED = '''\
framework "Nested formulas" version "1"
  rounding half even to 1 decimal place

''' + SMALL_PRELUDE + '''  kind: one of {a, b, c}

inspection inputs
  lead: rating grade
  staff: number

section 1 "One" = mean(mean of its questions, question 1a - question 1b, 50%)
  question 1a
    applies when kind != c
  question 1b
    applies when question 1a = yes or kind in {b}
  question 1c

section 2 "Two"
  = weighted mean(question 2a: 0.5,
                  mean(question 2b, min(section 1, question 1c)): 0.5) without renormalising
  question 2a
    applies when not (kind = a)
  question 2b

score mixed "Mixed" = (max(section 1, min(section 2, 25%), -section 1 / staff)
                      - sum(count(section 1), points(lead)) * 2%)
score ratio "Ratio" = section 1 / (section 2 - section 2) * 1% + section 2 / 0 - section 2 / 4
score nested "Nested" = mean(sum(section 1, mean(section 2, mean(question 1a, question 2b))),
                             count(mixed, ratio))
rating best "Best" = max(g(section 1), g(section 2), lead)
rating worst "Worst" = min(g(section 1), lead)
score pts "Points" = sum(points(best), points(worst), points(g(mixed)), points(g(62.5%)))
rating fixed "Fixed" = g(40%)

band g "Grade"
  gives grade
  rounding down to whole percent
  75% and above: good
  40% and above: fair
  otherwise: poor

band lab "Label"
  rounding up to 1 decimal place
  on all sections, score mixed
  66.7% and above: "high"
  33.4% to 66.6%: "mid"
  0% to 33.3%: "low"

band every "Every"
  on all sections, score mixed
  otherwise: "every \\ 'one'"
'''
NESTED_CASES = st.lists(st.fixed_dictionaries({
    "insp": st.sampled_from(["A", "B", "C"]),
    "kind": st.sampled_from(["a", "b", "c", None]),
    **{q: st.sampled_from(["yes", "no", "na", None]) for q in ["1a", "1b", "1c", "2a", "2b"]},
}), min_size=1, max_size=10)
NESTED_INPUTS = st.fixed_dictionaries({k: st.fixed_dictionaries({
    "lead": st.sampled_from(["good", "fair", "poor", None]),
    "staff": st.sampled_from([None, 0, 2, -4, 0.5])}) for k in ["A", "B", "C"]})


@settings(max_examples=60, deadline=None)
@given(NESTED_CASES, NESTED_INPUTS)
def test_nested_formulas_and_bands(module_dir, cases, inputs):
    """Reductions inside reductions, arithmetic with undefined and zero divisors, ratings
    from bands and inputs, points with a level that has none, bands with gaps and other
    rounding: `score` and `score_case` give the engine's and the reference's figures."""
    for i, case in enumerate(cases):
        case["ref"] = f"c{i}"
    result, plan = compile_text(NESTED, "nested.crit")
    fw = result.framework
    module = module_for(NESTED, module_dir)
    by_inspection: dict[str, list[dict]] = {}
    for case in cases:
        by_inspection.setdefault(case["insp"], []).append(case)
    reference = reference_for(NESTED, by_inspection, inputs)
    scored = module.score(cases, inputs=inputs)
    assert sorted(scored) == sorted(reference)
    for key in scored:
        assert_figures(scored[key], as_module_values(plan, reference[key]), key, 1e-9)
    for case in cases:
        key = case["insp"]
        one = reference_scores(fw, {key: [case]}, {key: inputs[key]})[key]
        assert_figures(module.score_case(case, inputs[key]), as_module_values(plan, one),
                       str(case), 1e-9)


def test_the_example_in_docs_compile_md_runs(tmp_path, in_repo):
    """The 'Using the module' example of docs/compile.md runs from the repository root and
    prints what its comments say (the module compiled in this process, run in a new one)."""
    import re

    text = (ROOT / "docs" / "compile.md").read_text(encoding="utf-8")
    example = re.search(r"## Using the module\n\n```python\n(.*?)```", text, re.S).group(1)
    assert main(["compile", "rules/omi-2012/omi-2012.crit", "-o",
                 str(tmp_path / "scoring_omi_2012.py")]) == 0
    done = subprocess.run([sys.executable, "-c", example], cwd=ROOT, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(tmp_path)))
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert "'source': 'rules/omi-2012/omi-2012.crit'" in printed[0]
    assert "'name': 'Offender Management Inspection (OMI2)'" in printed[0]
    assert printed[1].startswith("0.8473")
    assert printed[2] == "MINIMUM improvement required."


def test_a_real_inspection_named_blank_keeps_apart_from_blank_ones(tmp_path):
    """Cases whose inspection is literally "(blank)" and cases with no inspection are two
    groups, named alike by the engine and the module."""
    rows = read_rows(DEMO / "cases.csv")
    for row in rows[:10]:
        row["area"] = "(blank)"
    for row in rows[10:20]:
        row["area"] = ""
    cases = tmp_path / "cases.csv"
    with open(cases, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = check_file(DEMO / "framework.crit")
    plan = plan_for(result)
    table, _ = load_cases(cases, result.framework)
    grouping = grouping_for(result.framework, table, "area")
    assert grouping.keys[-1] == "((blank))"  # the blank ones, last
    assert np.bincount(grouping.group)[grouping.keys.index("(blank)")] == 10
    engine = as_dicts(evaluate(plan, table, grouping, {}))
    path = compile_to(tmp_path, DEMO / "framework.crit", "scoring_demo_blank")
    module = load_module(path, "scoring_demo_blank")
    scored = module.score({k: [r[k] for r in rows] for k in rows[0]})
    assert list(scored) == list(engine)
    for key in scored:
        assert_figures(scored[key], as_module_values(plan, engine[key]), key)


def test_integer_fields_refuse_a_fractional_part_in_the_module(module_dir):
    """An `integer` case field or input reads `7` and `7.0`, and refuses `7.5`, in `score`
    and `score_case` alike (as `critc score` does)."""
    text = INPUT_TYPES.replace("  age: number\n", "  age: integer\n") \
        .replace("  staff: number\n", "  staff: integer\n")
    module = module_for(text, module_dir)
    case = {"ref": "c1", "insp": "A", "team": "north", "seen": "", "age": "7.0",
            **{q: "yes" for q in INPUT_QUESTIONS}}
    inputs = {"region": "north", "tier": "", "lead": "", "since": "", "staff": "3",
              "remote": ""}
    assert module.score_case(case, inputs)["1e"] == 1.0
    with pytest.raises(module.ScoringError, match=r"'age'.*'7\.5'"):
        module.score_case(dict(case, age="7.5"), inputs)
    with pytest.raises(module.ScoringError, match=r"'age'.*'7\.5'"):
        module.score([dict(case, age="7.5")], inputs={"A": inputs})
    with pytest.raises(module.ScoringError, match=r"'staff'.*'2\.5'"):
        module.score_case(case, dict(inputs, staff="2.5"))


def test_one_case_rounds_with_the_runtime_epsilon():
    """score_case's rounding is written with the embedded runtime's EPSILON, not its own."""
    assert float(runtime_constant("EPSILON")) == runtime.EPSILON
    assert all(runtime_constant("EPSILON") in "".join(lines) for lines in ROUNDERS.values())


def test_module_counts_by_the_plans_status_per_code(tmp_path):
    """The module's scale table carries the plan's status per answer code (0 not counted,
    1 below, 2 above the line), which the runtime's status_lookup reads as the engine
    does; a blank (-1, seen as 255) is not counted."""
    framework = RULES / "omi-2012" / "omi-2012.crit"
    module = load_module(compile_to(tmp_path, framework, "scoring_status"), "scoring_status")
    plan = plan_for(check_file(framework))
    assert {sid: table[2] for sid, table in module.SCALES.items()} == plan.scales
    for status in plan.scales.values():
        lookup = module.status_lookup(status)
        assert lookup[: len(status)].tolist() == list(status)
        assert lookup[255] == s.NOT_COUNTED


def test_inspection_keys_sort_and_name_the_blank_key_as_the_engine_does():
    """One natural sort and one blank key, in the runtime the engine and modules share."""
    keys = ["10", "2", "a10", "a9", "B", "(blank)"]
    assert sorted(keys, key=runtime.natural_key) == ["2", "10", "(blank)", "B", "a9", "a10"]
    assert runtime.blank_key(["(blank)", "((blank))"]) == "(((blank)))"


ONE_QUESTION = """framework "One" version "1"

scale s
  yes "Yes" above the line
  no "No"
  na "N/A" not applicable

case fields
  ref: text, case id
  insp: text, inspection

section 1 "Only" = pooled over its questions
  question 1a "Is it?" on s
"""

NO_QUESTION = """framework "None" version "1"

rating scale grade
  good "Good" 2 points
  poor "Poor" 0 points

case fields
  ref: text, case id
  insp: text, inspection

inspection inputs
  lead "Leadership": rating grade

score total "Total" = points(lead)
"""


def test_frameworks_of_one_question_and_of_none(tmp_path):
    """score_case reads the answers of one question, or of none, as score does; a missing
    answer column reads as blank."""
    modules = []
    for name, text in (("one", ONE_QUESTION), ("none", NO_QUESTION)):
        source = tmp_path / f"{name}.crit"
        source.write_text(text, encoding="utf-8")
        modules.append(load_module(compile_to(tmp_path, source, f"scoring_{name}"),
                                   f"scoring_{name}"))
    one, none = modules
    for answer in ("yes", "no", "na", ""):
        case = {"ref": "1", "insp": "A", "1a": answer}
        assert one.score_case(case) == one.score([case])["A"]
    assert one.score_case({"ref": "1", "insp": "A"}) == {"1a": None, "1": None}
    assert none.score_case({"ref": "1", "insp": "A"}, {"lead": "good"}) == {"total": 2.0}
    assert none.score_case({}) == {"total": None}



def test_compile_says_what_it_wrote(tmp_path, capsys):
    out = tmp_path / "scoring_module.py"
    assert main(["compile", str(ROOT / "rules/omi-2012/omi-2012.crit"), "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err.strip() == f"wrote {out}: 178 questions, 209 figures"
    # to stdout, the module is all that is printed
    assert main(["compile", str(ROOT / "rules/omi-2012/omi-2012.crit")]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith("# Generated by critc") and printed.err == ""


def test_rating_inputs_may_be_written_as_their_labels(tmp_path):
    """`Requires improvement` reads as `requires_improvement`, in the engine and the module."""
    probation = ROOT / "rules" / "probation-2018"
    framework, cases = probation / "probation-2018.crit", probation / "cases.csv"
    by_label = tmp_path / "inputs.csv"
    by_label.write_text((probation / "inputs.csv").read_text(encoding="utf-8")
                        .replace(",requires_improvement", ",Requires improvement")
                        .replace(",good", ",Good"), encoding="utf-8")
    assert "Requires improvement" in by_label.read_text(encoding="utf-8")
    _, by_id, _ = engine_results(framework, cases, probation / "inputs.csv")
    _, labelled, _ = engine_results(framework, cases, by_label)
    assert as_dicts(labelled) == as_dicts(by_id)
    module = load_module(compile_to(tmp_path, framework, "probation_labels"), "probation_labels")
    rows, key = read_rows(cases), module.INSPECTION
    scored = module.score(rows, inputs={r[key]: r for r in read_rows(by_label)})
    assert scored == module.score(rows, inputs={r[key]: r for r in read_rows(
        probation / "inputs.csv")})
