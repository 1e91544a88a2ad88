"""The front end: text → AST shapes for every construct, spans, syntax errors and recovery."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from critc.dsl import ast, parse, parser
from critc.dsl.parser import ParseCache
from critc.dsl.span import Span


def items(text: str):
    result = parse(text, "t.crit")
    assert result.diagnostics == (), [d.message for d in result.diagnostics]
    return result.module.items


def one(text: str):
    (item,) = items(text)
    return item


def formula(text: str):
    return one(f"score s = {text}\n").formula


def condition(text: str):
    return one(f'question q "t" applies when {text}\n').applies


def errors(text: str):
    return parse(text, "t.crit").diagnostics


# ----------------------------------------------------------------------------- items
def test_framework_header_with_clauses_inline_and_indented():
    header = one('framework "OMI" version "2008"\n'
                 "  effective 2006-05-01 to 2009-03-31\n"
                 "  default scale sufficiency\n"
                 "  rounding half even to 1 decimal place\n"
                 '  description "Offender management"\n'
                 '  source "Appendix 4"\n')
    assert header == ast.Framework(
        name="OMI", version="2008", effective_from=datetime.date(2006, 5, 1),
        effective_to=datetime.date(2009, 3, 31), default_scale="sufficiency",
        rounding=ast.Rounding(mode="half even", places=1), description="Offender management",
        source="Appendix 4")


@pytest.mark.parametrize(("text", "mode", "places"), [
    ("rounding half up to whole percent", "half up", 0),
    ("rounding half down to whole numbers", "half down", 0),
    ("rounding up to 2 decimal places", "up", 2),
    ("rounding down to 1 decimal", "down", 1),
])
def test_rounding_clauses(text, mode, places):
    header = one(f'framework "F"\n  {text}\n')
    assert header.rounding == ast.Rounding(mode=mode, places=places)


def test_effective_from_without_end():
    header = one('framework "F" effective from 2006-05-01\n')
    assert (header.effective_from, header.effective_to) == (datetime.date(2006, 5, 1), None)


def test_include():
    assert items('include "shared/scales.crit"\ninclude "b.crit"\n') == (
        ast.Include(path="shared/scales.crit"), ast.Include(path="b.crit"))


def test_answer_scale_with_flags_and_aliases():
    scale = one('scale sufficiency "Sufficiency"\n'
                '  sufficient "Sufficient" above the line\n'
                "  insufficient\n"
                '  na "Not applicable" not applicable aliases "n/a", "N/A"\n'
                '  description "How well"\n')
    assert scale == ast.Scale(
        id="sufficiency", title="Sufficiency", description="How well", codes=(
            ast.ScaleCode(id="sufficient", label="Sufficient", above=True),
            ast.ScaleCode(id="insufficient"),
            ast.ScaleCode(id="na", label="Not applicable", not_applicable=True,
                          aliases=("n/a", "N/A"))))


def test_rating_scale_levels_with_points():
    scale = one('rating scale grade "Grade"\n  well_met "Well met" 3 points\n'
                "  partly 1 point\n  not_met\n")
    assert scale.id == "grade" and scale.title == "Grade"
    assert [(lv.id, lv.label, lv.points.value if lv.points else None) for lv in scale.levels] \
        == [("well_met", "Well met", 3.0), ("partly", None, 1.0), ("not_met", None, None)]


def test_case_fields_of_every_type_and_role():
    block = one("case fields\n"
                '  case_ref "Case reference": text, case id\n'
                "  area: text, inspection\n"
                "  age: integer, optional\n"
                "  score: number\n"
                "  start: date\n"
                "  sex_offender: boolean\n"
                "  rosh: one of {low, medium, high}\n"
                '    description "RoSH at start"\n'
                "  grade: rating grade\n")
    assert block.kind == "case"
    fields = {f.id: f for f in block.fields}
    assert fields["case_ref"] == ast.Field(id="case_ref", title="Case reference",
                                           type=ast.TypeRef(kind="text"), roles=("case id",))
    assert fields["area"].roles == ("inspection",)
    assert fields["age"].type.kind == "integer" and fields["age"].roles == ("optional",)
    assert [fields[n].type.kind for n in ("score", "start", "sex_offender")] == \
        ["number", "date", "boolean"]
    assert fields["rosh"].type == ast.TypeRef(kind="enum", values=("low", "medium", "high"))
    assert fields["rosh"].description == "RoSH at start"
    assert fields["grade"].type == ast.TypeRef(kind="rating", scale="grade")


def test_inspection_inputs():
    block = one("inspection inputs\n  visit: date, inspection date\n  grade_4: rating grade\n")
    assert block.kind == "inspection"
    assert [(f.id, f.type.kind, f.roles) for f in block.fields] == [
        ("visit", "date", ("inspection date",)), ("grade_4", "rating", ())]


def test_questions_with_roles_tags_scale_and_applicability():
    section = one('section 1 "Assessment" = mean of its questions\n'
                  '  question 1a "Screened?" tags roh, lor\n'
                  "    on sufficiency\n"
                  "    applies when rosh in {high}\n"
                  '  summary question 1s "Overall?"\n'
                  '  key question 1k "Key?"\n'
                  '  individual question 1i "Plain?"\n')
    q1a, q1s, q1k, q1i = section.children
    assert q1a == ast.Question(
        id="1a", text="Screened?", tags=("roh", "lor"), scale="sufficiency",
        applies=ast.InSet(operand=ast.Name(name="rosh"),
                          items=ast.SetLiteral(items=(ast.Name(name="high"),)), negated=False))
    assert [q.role for q in section.children] == ["individual", "summary", "key", "individual"]
    assert (q1s.id, q1k.id, q1i.id) == ("1s", "1k", "1i")


def test_nested_aggregates_keep_their_children_in_order():
    section = one('section 1 "S" = mean of its criteria\n'
                  '  criterion 1.1 "C1" = mean of its questions\n'
                  '    question 1.1a "A"\n'
                  '    question 1.1b "B"\n'
                  '  criterion 1.2 "C2"\n'
                  "    = pooled over its questions\n"
                  "    rated grade\n"
                  "    rounding half up to whole percent\n"
                  "    tags roh\n"
                  '    question 1.2a "C"\n')
    assert section.kind == "section" and section.id == "1"
    c1, c2 = section.children
    assert [q.id for q in c1.children] == ["1.1a", "1.1b"]
    assert c2 == ast.Aggregate(
        kind="criterion", id="1.2", title="C2",
        formula=ast.Call(function="pooled", args=(ast.Selector(scope_word="its", role=None,
                                                               plural="questions"),)),
        rated="grade", rounding=ast.Rounding(mode="half up", places=0), tags=("roh",),
        children=(ast.Question(id="1.2a", text="C"),))


@pytest.mark.parametrize("kind", ["section", "criterion", "domain", "standard", "outcome",
                                  "thread", "headline", "score", "rating", "phase"])
def test_every_aggregate_kind(kind):
    assert one(f"{kind} x1 = mean(question q)\n").kind == kind


def test_band_with_every_kind_of_row():
    band = one('band verdict "Verdict"\n'
               "  on criteria in sections 1, 2\n"
               "  on section 3\n"
               "  rounding half up to 1 decimal place\n"
               '  70% and above: "Good"\n'
               '  above 60%: "Fair"\n'
               '  50% to 60%: "Poor"\n'
               '  40% and below: "Bad"\n'
               '  below 10%: "Awful"\n'
               '  otherwise: "None"\n')
    assert band.targets == (
        ast.Selector(scope_word=None, role=None, plural="criteria", scope_kind="sections",
                     scope_ids=("1", "2")),
        ast.ItemRef(kind="section", id="3"))
    assert band.rounding == ast.Rounding(mode="half up", places=1)
    assert [r.test for r in band.rows] == ["at_least", "above", "between", "at_most", "below",
                                           "otherwise"]
    between = band.rows[2]
    assert (between.low.value, between.high.value, between.low.percent) == (50.0, 60.0, True)
    assert band.rows[3].high.value == 40.0 and band.rows[3].low is None
    assert [r.label for r in band.rows] == ["Good", "Fair", "Poor", "Bad", "Awful", "None"]


def test_band_giving_rating_levels_on_plain_numbers():
    band = one("band grading gives grade on score s\n  3 and above: well_met\n"
               "  otherwise: not_met\n")
    assert band.gives == "grade" and band.targets == (ast.ItemRef(kind="score", id="s"),)
    assert band.rows[0].low == ast.Threshold(value=3.0, percent=False, text="3")
    assert [(r.label, r.level) for r in band.rows] == [(None, "well_met"), (None, "not_met")]


# ----------------------------------------------------------------------------- expressions
def n(value):
    return ast.Number(value=value, text=str(value))


def test_arithmetic_precedence_and_left_associativity():
    assert formula("1 + 2 * 3 - 4") == ast.Binary(
        op="-", left=ast.Binary(op="+", left=n(1), right=ast.Binary(op="*", left=n(2),
                                                                      right=n(3))),
        right=n(4))
    assert formula("(1 + 2) * -3") == ast.Binary(
        op="*", left=ast.Binary(op="+", left=n(1), right=n(2)), right=ast.Negate(operand=n(3)))


def test_percent_values_are_fractions_keeping_their_text():
    value = formula("70%")
    assert value == ast.Percent(value=0.7, text="70%") and value.text == "70%"
    assert formula("12.5%").value == pytest.approx(0.125)


def test_boolean_operators_nest_by_precedence():
    got = condition("not a = x or b != y and c in {p, q}")
    assert got == ast.Or(operands=(
        ast.Not(operand=ast.Compare(op="=", left=ast.Name(name="a"), right=ast.Name(name="x"))),
        ast.And(operands=(
            ast.Compare(op="!=", left=ast.Name(name="b"), right=ast.Name(name="y")),
            ast.InSet(operand=ast.Name(name="c"), negated=False, items=ast.SetLiteral(
                items=(ast.Name(name="p"), ast.Name(name="q"))))))))


def test_not_in_set_and_literals():
    got = condition('a not in {x, 2, "t", 2008-01-01} and flag = true and other = false')
    inset, flag, other = got.operands
    assert inset.negated and inset.items.items == (
        ast.Name(name="x"), n(2), ast.String(value="t"),
        ast.DateLiteral(value=datetime.date(2008, 1, 1)))
    assert flag.right == ast.Boolean(value=True) and other.right == ast.Boolean(value=False)


@pytest.mark.parametrize("op", ["=", "!=", "<", "<=", ">", ">="])
def test_every_comparison(op):
    assert condition(f"age {op} 18") == ast.Compare(op=op, left=ast.Name(name="age"),
                                                    right=n(18))


def test_call_forms():
    assert formula("mean(section 1, criterion 1.2)") == ast.Call(function="mean", args=(
        ast.ItemRef(kind="section", id="1"), ast.ItemRef(kind="criterion", id="1.2")))
    assert formula("pooled over questions tagged roh or lor in sections 1, 2") == ast.Call(
        function="pooled", args=(ast.Selector(scope_word=None, role=None, plural="questions",
                                              tags=("roh", "lor"), scope_kind="sections",
                                              scope_ids=("1", "2")),))
    assert formula("max of its criteria").function == "max"
    assert formula("points(grade_4)") == ast.Call(function="points",
                                                  args=(ast.Name(name="grade_4"),))
    assert formula("count()") == ast.Call(function="count", args=())


def test_weighted_mean_with_number_and_percent_weights():
    got = formula("weighted mean(individual questions: 0.8, summary question: 20%)")
    assert got == ast.WeightedMean(weights=(
        ast.Weight(expr=ast.Selector(scope_word=None, role="individual", plural="questions"),
                   weight=n(0.8)),
        ast.Weight(expr=ast.Selector(scope_word=None, role="summary", plural="questions",
                                     single=True),
                   weight=ast.Percent(value=0.2, text="20%"))))
    assert got.renormalise
    assert not formula("weighted mean(a: 0.5, b: 0.5) without renormalising").renormalise


def test_band_application_and_selectors():
    assert formula("verdict(section 1)") == ast.Apply(band="verdict",
                                                      arg=ast.ItemRef(kind="section", id="1"))
    sel = formula("mean of all key questions tagged roh in criterion 1.2").args[0]
    assert sel == ast.Selector(scope_word="all", role="key", plural="questions", tags=("roh",),
                               scope_kind="criterion", scope_ids=("1.2",))


def test_a_formula_may_wrap_inside_brackets():
    got = one("score s = weighted mean(\n    section 1: 0.5,\n    section 2: 0.5\n)\n").formula
    assert [w.expr.id for w in got.weights] == ["1", "2"]


# ----------------------------------------------------------------------------- spans
def test_spans_point_at_the_source():
    text = ('section 1 "S" = mean of its questions\n'
            '  question 1a "A"\n'
            "    applies when rosh = high\n")
    section = one(text)
    q = section.children[0]
    assert (q.span.line, q.span.col) == (2, 3)
    assert q.applies.span == Span("t.crit", 3, 18, 3, 29)
    assert q.applies.left.span == Span("t.crit", 3, 18, 3, 22)
    assert section.formula.span.line == 1 and section.formula.span.col == 17
    assert section.formula.args[0].span == Span("t.crit", 1, 25, 1, 38)


def test_threshold_and_number_spans():
    band = one('band b\n  70% and above: "Good"\n')
    assert band.rows[0].low.span == Span("t.crit", 2, 3, 2, 6)
    assert band.rows[0].span.line == 2


def test_spans_are_left_out_of_equality():
    parsed = one('question q1 "Text"\n')
    assert parsed == ast.Question(id="q1", text="Text")
    assert parsed.span != ast.Question(id="q1", text="Text").span


def test_comments_are_collected_but_not_inside_text():
    result = parse('# head\nquestion q "a # not a comment" # tail\n', "t.crit")
    assert result.diagnostics == ()
    assert [(c.line, c.col, c.text) for c in result.comments] == [(1, 1, "# head"),
                                                                   (2, 32, "# tail")]
    assert result.module.items[0].text == "a # not a comment"


def test_escapes_in_text():
    assert one(r'question q "say \"hi\" \\ \n"' + "\n").text == 'say "hi" \\ \n'


def test_crlf_and_byte_order_mark_are_accepted():
    assert items('\ufeffquestion q "A"\r\nquestion r "B"\r\n') == (
        ast.Question(id="q", text="A"), ast.Question(id="r", text="B"))


def test_a_file_without_final_newline_parses():
    assert one('question q "A"') == ast.Question(id="q", text="A")


# ----------------------------------------------------------------------------- errors
def test_two_broken_items_give_two_errors_and_the_good_items_still_parse():
    text = ('framework "F"\n\n'
            "scale s\n  yes above the line\n\n"
            'section 1 "S" = mean of its questions\n  question 1a "A" applies if x = y\n\n'
            'section 2 "T" = mean of its questions\n  question 2a "B"\n\n'
            "band b\n  70% and above \"Good\"\n\n"
            'score z "Z" = mean(section 2)\n')
    result = parse(text, "t.crit")
    assert [d.code for d in result.diagnostics] == ["syntax-error", "syntax-error"]
    assert [d.span.line for d in result.diagnostics] == [7, 13]
    assert [getattr(i, "id", None) for i in result.module.items] == [None, "s", "2", "z"]


@pytest.mark.parametrize(("text", "hint"), [
    ('question q1 "Text" applies if x = y\n', "applies when"),
    ('section 1 = mean of its questions\n  question 1a "Q" applies if kind = a\n',
     "applies when"),
    ('band b\n  70% and above "Good"\n', "put a colon"),
    ('band b on x\n  otherwise "Poor"\n', "put a colon"),
    ("score s = weighted mean(x, y)\n", "give every entry of a weighted mean a weight"),
    ("section 1 = weighted mean(individual questions, summary question)\n",
     "give every entry of a weighted mean a weight"),
    ("case fields\n  rosh: one of low, high\n", "in braces"),
    ('question q1 "t" applies when x == y\n', "single `=`"),
    ('section 1 = mean of its questions\n  question 1a "t"\n    applies when x == y\n',
     "single `=`"),
    ('question q1 "t" tags roh lor\n', "separate tags with commas"),
    ('question "Text"\n', "needs an id"),
    ("case fields\n  rosh one of {low, high}\n", "with a colon"),
])
def test_syntax_errors_carry_plain_language_hints(text, hint):
    (diagnostic,) = errors(text)
    assert diagnostic.code == "syntax-error"
    assert hint in diagnostic.hint


def test_unclosed_text():
    (diagnostic,) = errors('section 1 "Assessment = mean of its questions\n')
    assert diagnostic.message == "text in double quotes is not closed on this line"
    assert (diagnostic.span.line, diagnostic.span.col) == (1, 11)


def test_an_unclosed_bracket_is_named_where_it_was_opened():
    (diagnostic,) = errors("case fields\n  rosh: one of {low, high\n  kind: text\n")
    assert diagnostic.span.line == 3
    assert diagnostic.hint == "the `{` on line 2 is not closed"


def test_bad_indentation():
    (diagnostic,) = errors('section 1 = mean of its questions\n    question 1a "A"\n'
                           '  question 1b "B"\n')
    assert diagnostic.code == "bad-indentation"
    assert diagnostic.span.line == 3


def test_a_file_that_ends_too_early():
    (diagnostic,) = errors("score s = mean(section 1,\n")
    assert diagnostic.message == "the file ends too early"


def test_clause_problems_the_grammar_cannot_see():
    codes = [d.code for d in errors('question q1 "t" rated grade\n  tags a\n  tags b\n'
                                    'framework "F" effective 2008-02-30\n')]
    assert codes == ["misplaced-clause", "repeated-clause", "invalid-date"]


def test_misplaced_item_inside_a_question():
    codes = [d.code for d in errors('question q1 "t"\n  question q2 "u"\n')]
    assert codes == ["misplaced-item"]


@pytest.mark.parametrize("text", ["", "\n\n", "   ", "#", "\x00", "\t\tx", "))))", '"',
                                  "section", "band", "{\n}\n", "\\", "é", "\u2028",
                                  "score s = " + "(" * 200])
def test_parse_never_raises(text):
    result = parse(text, "t.crit")
    for d in result.diagnostics:
        assert d.span is not None and d.span.line >= 1


# ----------------------------------------------------------------------------- parse cache
ROOT = Path(__file__).resolve().parent.parent
def _utf8(path: Path) -> bool:
    try:
        path.read_text("utf-8")
    except UnicodeDecodeError:
        return False
    return True


FRAMEWORKS = sorted(p for p in ROOT.glob("**/*.crit") if ".venv" not in p.parts and _utf8(p))


def edits(text: str):
    """Edits a typist makes, each a new text: a character changed inside a wording, a line
    removed, a stray word, an unclosed bracket, a continuation line in column 1, a tab, a
    new item at the top, and the text emptied."""
    lines = text.split("\n")
    quote = text.find('"')
    if quote >= 0:
        yield text[:quote + 1] + "X" + text[quote + 1:]
        yield text[:quote] + "X " + text[quote:]
    for index in range(0, len(lines), max(1, len(lines) // 3)):
        yield "\n".join(lines[:index] + lines[index + 1:])
        yield "\n".join(lines[:index] + [lines[index] + " ("] + lines[index + 1:])
        yield "\n".join(lines[:index] + ["\t" + lines[index]] + lines[index + 1:])
    yield text.replace("(", "(\n", 1)
    yield 'score extra = mean(question 1)\n' + text
    yield ""


@pytest.mark.parametrize("name", ["examples/demo/framework.crit",
                                  "tests/golden/diagnostics/syntax_recovery.crit"])
def test_a_cached_parse_is_the_parse(name: str):
    """With a cache, each edit parses only the items it changed, to the same result as a
    parse from scratch, syntax errors and recovery included."""
    text = (ROOT / name).read_text("utf-8")
    cache, fresh = ParseCache(), parse(text, "t.crit")
    assert parse(text, "t.crit", cache) == fresh
    for edited in edits(text):
        assert parse(edited, "t.crit", cache) == parse(edited, "t.crit")
        assert parse(text, "t.crit", cache) == fresh


@pytest.mark.slow
@pytest.mark.parametrize("path", FRAMEWORKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_cached_parse_is_the_parse_of_every_framework(path: Path):
    test_a_cached_parse_is_the_parse(path.relative_to(ROOT).as_posix())


def test_an_unchanged_item_is_not_parsed_again(monkeypatch):
    text = 'framework "F" version "1"\n\nscale s\n  yes "Yes"\n  no "No"\n\n' \
           'question 1 "One" on s\n\nquestion 2 "Two" on s\n'
    cache = ParseCache()
    parse(text, "t.crit", cache)
    parsed = []
    original = parser._parse_chunk
    monkeypatch.setattr(parser, "_parse_chunk", lambda chunk, *rest: parsed.append(
        chunk.strip()) or original(chunk, *rest))
    assert parse(text.replace('"Two"', '"Deux"'), "t.crit", cache).diagnostics == ()
    assert parsed == ['question 2 "Deux" on s']
    parse(text.replace('"Two"', '"Deux"'), "t.crit", cache)
    assert parsed == ['question 2 "Deux" on s'], "the same text is not parsed again"
