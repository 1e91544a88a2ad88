"""critc compile: the generated module is deterministic, clean, standalone and agrees with
the engine, whole-table and one case at a time."""

from __future__ import annotations

import csv
import importlib.util
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from critc.compiler.cases import group_cases
from critc.compiler.check import check_file
from critc.compiler.cli import main
from critc.compiler.codegen import generate
from critc.compiler.evaluate import evaluate
from critc.compiler.plan import plan_for
from critc.compiler.records import load_cases, load_inputs
from critc.compiler.session import decode_value

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
GOLDEN = Path(__file__).parent / "golden" / "compile"


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
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
        given, _ = load_inputs(inputs, fw, grouping.keys)
    return fw, evaluate(plan, table, grouping, given), grouping


def same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-12)


def test_demo_module_equals_engine(tmp_path):
    path = compile_to(tmp_path, DEMO / "framework.crit", "scoring_demo")
    module = load_module(path, "scoring_demo")
    rows = list(csv.DictReader(open(DEMO / "cases.csv", encoding="utf-8")))
    inputs = {r["area"]: {"leadership": r["leadership"]}
              for r in csv.DictReader(open(DEMO / "inputs.csv", encoding="utf-8"))}
    scored = module.score(rows, inputs=inputs)
    fw, results, grouping = engine_results(DEMO / "framework.crit", DEMO / "cases.csv",
                                           DEMO / "inputs.csv")
    from critc.compiler.report import shown

    for g, key in enumerate(grouping.keys):
        for node, value in scored[key].items():
            engine = results.values[node][g]
            kind = fw.figure_type(node).kind
            if kind in ("rating", "label"):
                expected = None if np.isnan(engine) else shown(fw, node, engine)
                if kind == "rating" and expected is not None:
                    scale = fw.rating_scales[fw.figure_type(node).scale]
                    expected = scale.levels[int(engine)]
                assert value == expected, (key, node)
            else:
                assert same(value, None if np.isnan(engine) else float(engine)), (key, node)


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
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    path = compile_to(tmp_path, DEMO / "framework.crit", "scoring_lint")
    done = subprocess.run([ruff, "check", "--isolated", "--no-cache", str(path)],
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


@pytest.mark.parametrize("name", ["demo"])
def test_golden_module(name, request, monkeypatch):
    """The generated module for the demo, compared with its golden copy (--update)."""
    monkeypatch.chdir(ROOT)
    framework = "examples/demo/framework.crit"
    result = check_file(framework)
    text = generate(plan_for(result), framework, (ROOT / framework).read_text(encoding="utf-8"))
    golden = GOLDEN / f"{name}.py.txt"
    if request.config.getoption("--update", default=False) or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
