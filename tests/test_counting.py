"""`counting {codes} above the line for questions ...`: an aggregate's own above-the-line
set for questions its formula uses, and only there.

A hand-computed example scored by every back end (engine, oracle, generated module's
`score` and `score_case`, SQL on DuckDB and SQLite), the question's own figure and the
other figures left as the scale counts them, and the clause through fmt, explain, diff
and the language server's index. Generated frameworks carry the clause too
(`engine_strategies.countings`), in the differential tests.
"""

from __future__ import annotations

import csv
import importlib.util
import math
import sys
from pathlib import Path

import critc
import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.cli.main import main
from critc.compiler.codegen.generate import generate
from critc.compiler.lsp.index import Index
from critc.compiler.lsp.tokens import file_tokens
from critc.compiler.plan import steps as s
from critc.compiler.plan.lower import plan_for
from critc.compiler.regress.diff import compare
from critc.compiler.report.drill_down import drill_down
from critc.compiler.sql.query import compile_sql
from critc.dsl.parser import parse
from critc.dsl.printer import format_module
from engine_strategies import compile_text, engine_scores, reference_for

HAND = '''framework "Counting" version "1" default scale quality

scale quality
  sufficient "Sufficient" above the line
  partly "Partly sufficient"
  insufficient "Insufficient"
  na "Not applicable" not applicable

case fields
  ref: text, case id
  area: text, inspection

section 1 "Assessment" = mean of its criteria
  criterion 1.1 "Risk of Harm" = mean of its questions
    counting {sufficient, partly} above the line for question 1.1b
    question 1.1a "Was RoH screened?" tags roh
    question 1.1b "Was the RoH analysis sufficient?" tags roh

thread roh "RoH Thread" = pooled over all questions tagged roh
  counting {partly, sufficient} above the line for questions 1.1a, 1.1b

score scale_roh "RoH as the scale counts it" = pooled over all questions tagged roh
'''

CASES = [
    {"ref": "c1", "area": "A", "1.1a": "sufficient", "1.1b": "partly"},
    {"ref": "c2", "area": "A", "1.1a": "partly", "1.1b": "insufficient"},
    {"ref": "c3", "area": "A", "1.1a": "insufficient", "1.1b": "na"},
    {"ref": "c4", "area": "A", "1.1a": "na", "1.1b": "sufficient"},
]

# By hand: 1.1a counts c1, c2, c3 (c1 sufficient); 1.1b counts c1, c2, c4 (c4 sufficient).
# Criterion 1.1 counts 1.1b's partly too: mean(1/3, 2/3); the thread counts partly for
# both: (2 + 2) / 6; the score and the questions' own figures count the scale's set.
EXPECTED = {"1.1a": 1 / 3, "1.1b": 1 / 3, "1.1": 0.5, "1": 0.5, "roh": 4 / 6,
            "scale_roh": 2 / 6}
WITHOUT_CLAUSES = {"1.1a": 1 / 3, "1.1b": 1 / 3, "1.1": 1 / 3, "1": 1 / 3, "roh": 2 / 6,
                   "scale_roh": 2 / 6}


def without_clauses(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "counting {" not in line) + "\n"


def assert_figures(got: dict, want: dict) -> None:
    assert set(got) >= set(want)
    for node, value in want.items():
        assert math.isclose(got[node], value, abs_tol=1e-12), (node, got[node], value)


def test_the_hand_computed_example_in_the_engine_and_the_oracle():
    assert_figures(engine_scores(HAND, CASES)["A"], EXPECTED)
    assert_figures(reference_for(HAND, {"A": CASES})["A"], EXPECTED)


def test_the_questions_own_figures_and_other_aggregates_keep_the_scales_set():
    """Without the clauses only the two figures that carry one move."""
    plain = engine_scores(without_clauses(HAND), CASES)["A"]
    assert_figures(plain, WITHOUT_CLAUSES)
    counted = engine_scores(HAND, CASES)["A"]
    moved = {node for node in plain if not math.isclose(plain[node], counted[node])}
    assert moved == {"1.1", "1", "roh"}  # section 1 uses criterion 1.1's figure as computed


def test_the_plan_carries_each_use_s_set_explicitly():
    _result, plan = compile_text(HAND)
    assert [(r.question, r.above) for r in plan.recounts] == [("1.1b", (0, 1)), ("1.1a", (0, 1))]
    steps = {step.node: step.op for step in plan.steps}
    pooled = steps["roh"]
    assert isinstance(pooled, s.Pooled) and pooled.above == ((0, 1), (0, 1))
    assert isinstance(steps["scale_roh"], s.Pooled) and steps["scale_roh"].above == ()
    mean = steps["1.1"]
    assert isinstance(mean, s.Reduce)
    assert [(i.node, i.above) for i in mean.items if isinstance(i, s.FigureValue)] == \
        [("1.1a", None), ("1.1b", (0, 1))]


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_generated_module_scores_the_example(tmp_path):
    _result, plan = compile_text(HAND)
    path = tmp_path / "counting_module.py"
    path.write_text(generate(plan, "counting.crit", HAND), encoding="utf-8")
    module = load(path, "counting_module")
    assert_figures(module.score(CASES)["A"], EXPECTED)
    # one case as an inspection of its own: c1 is above the line in both of the thread's
    # questions, 1.1b's partly only where the figure counts it so
    one = module.score_case(CASES[0])
    assert one["1.1b"] == 0.0 and one["1.1"] == 1.0 and one["roh"] == 1.0
    assert one["scale_roh"] == 0.5


@pytest.mark.parametrize("engine", ["duckdb", "sqlite"])
def test_the_sql_query_scores_the_example(engine, tmp_path):
    from test_sql import read_csv, run_sql  # the SQL tests' helpers

    cases = tmp_path / "cases.csv"
    with open(cases, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["ref", "area", "1.1a", "1.1b"])
        writer.writeheader()
        writer.writerows(CASES)
    sql, problems = compile_sql(plan_for(compile_text(HAND)[0]), engine)
    assert sql is not None, problems
    rows = run_sql(engine, sql, read_csv(cases))
    assert_figures({node: row[3] for (key, node), row in rows.items()}, EXPECTED)


def test_fmt_writes_the_clause_canonically_and_keeps_its_meaning():
    text = HAND.replace("    counting {sufficient, partly} above the line for question 1.1b\n",
                        "").replace('= mean of its questions\n',
                                    '= mean of its questions counting {partly, sufficient} '
                                    'above the line for questions 1.1b\n', 1)
    parsed = parse(text, "counting.crit")
    assert not parsed.diagnostics
    out = format_module(parsed.module)
    assert "    counting {partly, sufficient} above the line for question 1.1b\n" in out
    assert "  counting {partly, sufficient} above the line for questions 1.1a, 1.1b\n" in out
    again = parse(out, "counting.crit")
    assert again.module == parsed.module and format_module(again.module) == out
    canonical = format_module(parse(HAND, "hand.crit").module)
    assert "\n    counting {sufficient, partly} above the line for question 1.1b\n" in canonical
    assert format_module(parse(canonical, "hand.crit").module) == canonical


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_explain_says_which_codes_counted_above_the_line_and_why(tmp_path):
    fw = write(tmp_path, "hand.crit", HAND)
    cases = tmp_path / "cases.csv"
    with open(cases, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["ref", "area", "1.1a", "1.1b"])
        writer.writeheader()
        writer.writerows(CASES)
    scores = critc.load(fw).score(cases)
    text = "\n".join(line.text for line in _flat(scores.explain("roh").lines))
    assert "question 1.1b counts {sufficient, partly} above the line for this figure (its " \
        "scale `quality` counts {sufficient}" in text
    assert f"{fw}:20: counting {{partly, sufficient}} above the line for questions 1.1a, " \
        "1.1b" in text
    assert "pooled over 2 questions: 4 above the line / 6 answers" in text
    assert "question 1.1a (counting {sufficient, partly} above the line here): 66.67% = 2 " \
        "above the line / 3" in text
    own = "\n".join(line.text for line in _flat(scores.explain("1.1b").lines))
    assert "question 1.1b: 33.33% = 1 above the line / 3" in own and "counting" not in own
    case = "\n".join(line.text for line in _flat(scores.explain("roh", case="c2").lines))
    assert "question 1.1a: answer partly → counted above the line" in case


def _flat(lines):
    for line in lines:
        yield line
        yield from _flat(line.children)


def test_diff_attributes_an_edit_of_the_clause(tmp_path, capsys):
    old = write(tmp_path, "old.crit", HAND)
    new = write(tmp_path, "new.crit", HAND.replace(
        "counting {partly, sufficient} above the line for questions 1.1a, 1.1b",
        "counting {partly, sufficient} above the line for question 1.1b").replace(
        'version "1"', 'version "2"'))
    structure = compare(check_file(str(old)), check_file(str(new)))
    edit = next(e for e in structure.edits if e.id == "roh")
    assert edit.facets == ("counting",) and edit.scoring
    assert structure.attribution("roh") == (edit,)
    assert structure.attribution("scale_roh") == ()
    cases = write(tmp_path, "cases.csv", "ref,area,1.1a,1.1b\n" + "".join(
        f"{c['ref']},{c['area']},{c['1.1a']},{c['1.1b']}\n" for c in CASES))
    assert main(["diff", str(old), str(new), str(cases)]) == 0
    out = capsys.readouterr().out
    assert "changed thread roh (counting): counting 1.1a: sufficient, partly; 1.1b: " \
        "sufficient, partly → 1.1b: sufficient, partly" in " ".join(out.split())
    assert "c2 (A)  1.1a in thread roh: above the line → below the line" in out


def test_the_language_server_indexes_the_clause_s_questions_and_keywords():
    result = check_file("hand.crit", HAND)
    index = Index(result)
    line = HAND.splitlines().index(
        "  counting {partly, sufficient} above the line for questions 1.1a, 1.1b") + 1
    uses = [o for o in index.of(("item", "1.1b")) if o.span.line == line]
    assert len(uses) == 1 and not uses[0].definition
    tokens = {(t[0], t[1]): t[3] for t in file_tokens(result, index, "hand.crit")}
    assert tokens[line, 3] == "keyword" and tokens[line, uses[0].span.col] == "variable"


def test_hover_on_the_aggregate_shows_its_own_sets():
    from critc.compiler.lsp.hover import hover_text

    text = hover_text(check_file("hand.crit", HAND), ("item", "roh"))
    assert text is not None
    assert "Counts `sufficient`, `partly` above the line for question 1.1a (this figure " \
        "only)" in text


def _drill(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start:html.index("</section>", start)]


def test_the_report_drill_down_shows_the_clause_with_and_without_case_records(tmp_path):
    fw = write(tmp_path, "hand.crit", HAND)
    cases = write(tmp_path, "cases.csv", "ref,area,1.1a,1.1b\n" + "".join(
        f"{c['ref']},{c['area']},{c['1.1a']},{c['1.1b']}\n" for c in CASES))
    out = tmp_path / "report.html"
    assert main(["report", str(fw), str(cases), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    criterion = _drill(html, "i1-1.1")
    assert "<code>counting {sufficient, partly} above the line for question 1.1b</code>: " \
        "for question 1.1b, this figure counts Sufficient, Partly sufficient above the line " \
        "(the scale counts Sufficient;" in criterion
    assert "counting {partly, sufficient} above the line for questions 1.1a, 1.1b" in \
        _drill(html, "i1-roh")
    assert 'class="counting"' not in _drill(html, "i1-scale_roh")
    assert 'class="counting"' not in _drill(html, "i1-1.1b")
    # a versions directory's report has no case records at hand: the clause still shows
    bare = drill_down(check_file(str(fw)).framework, "1.1", 0, ("1.1a", "1.1b"), None)
    assert bare.lines == () and [c.notation for c in bare.counting] == [
        "counting {sufficient, partly} above the line for question 1.1b"]
