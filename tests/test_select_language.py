"""Issue 16, items 5 and 6: selectors with `except`, number/percentage mixing in `+` and
`-`, and `to whole numbers` kept by the formatter."""

from __future__ import annotations

from critc.compiler.check.passes import check_file
from critc.compiler.model import framework as m
from critc.dsl.parser import parse
from critc.dsl.printer import format_module

THREADS = """framework "Except"

scale yn
  yes above the line
  no

section 1 "S1" = mean of its criteria
  criterion 1.1 "C" = mean of its questions
    question 1.1a "Q?" tags roh
    question 1.1b "Q?" tags roh
  criterion 1.2 "C" = mean of its questions
    question 1.2a "Q?" tags roh

section 2 "S2" = mean of its criteria
  criterion 2.3 "C" = mean of its questions
    question 2.3a "Q?" tags roh
  criterion 2.4 "C" = mean of its questions
    question 2.4a "Q?" tags roh

thread roh = pooled over questions tagged roh in sections 1, 2 except 2.3, 1.1b
score flat = mean((all questions except 1.2a), question 1.2a)
score crits = mean of all criteria except 1
"""


def test_except_takes_out_items_and_what_they_hold():
    result = check_file("except.crit", THREADS)
    assert result.diagnostics == ()
    aggregates = result.framework.aggregates
    pooled = aggregates["roh"].formula
    assert isinstance(pooled, m.Pooled) and pooled.questions == ("1.1a", "1.2a", "2.4a")
    flat = aggregates["flat"].formula
    assert isinstance(flat, m.Reduce)
    assert [i.node for i in flat.items] == ["1.1a", "1.1b", "2.3a", "2.4a", "1.2a"]
    crits = aggregates["crits"].formula
    assert isinstance(crits, m.Reduce) and [i.node for i in crits.items] == ["2.3", "2.4"]


def test_except_errors_name_the_id():
    text = THREADS + ("score a = mean(questions in section 1 except 2.3)\n"
                      "score b = mean(questions in section 1 except 1.1c)\n"
                      "score c = mean(questions in criterion 1.2 except 1.2a)\n")
    found = [(d.code, d.message) for d in check_file("except.crit", text).diagnostics]
    assert [code for code, _ in found] == ["except-not-selected", "unknown-reference",
                                           "empty-selection"]
    assert "`except 2.3` takes out nothing" in found[0][1]
    assert "`except 1.1c`" in found[1][1]


def test_except_formats_canonically_and_round_trips():
    text = ("score s = mean((questions in sections 1, 2 except 2.3), q)\n"
            "score t = mean(q, questions tagged a except 1.2a, 1.2b)\n"
            "band b\n  on questions except 1.2a\n  on criterion 1\n  70% and above: \"ok\"\n")
    module = parse(text).module
    formatted = format_module(module)
    assert "mean((questions in sections 1, 2 except 2.3), q)" in formatted
    assert "mean(q, questions tagged a except 1.2a, 1.2b)" in formatted
    assert "  on questions except 1.2a\n  on criterion 1\n" in formatted
    assert parse(formatted).module.items == module.items
    assert format_module(parse(formatted).module) == formatted


def test_a_number_plus_a_percentage_is_a_type_error():
    text = ("framework \"M\"\n\ninspection inputs\n  staff: number\n\n"
            "score a = staff + 50%\nscore b = 50% - staff\nscore c = staff * 50%\n"
            "score d = 50% + 5%\n")
    found = check_file("mixed.crit", text).diagnostics
    assert [(d.code, d.span.line) for d in found] == [("type-mismatch", 6),
                                                       ("type-mismatch", 7)]
    assert "`+` mixes plain numbers and percentages" in found[0].message


def test_fmt_keeps_whole_numbers_where_written():
    text = ("score total = sum(a, b)\n  rounding half up to whole numbers\n\n"
            "score share = mean(a, b)\n  rounding half up to whole percent\n\n"
            "score n = sum(a, b)\n  rounding down to whole number\n")
    formatted = format_module(parse(text).module)
    assert formatted.count("to whole numbers") == 2
    assert formatted.count("to whole percent") == 1
    assert parse(formatted).module.items == parse(text).module.items


SHARED_BAND = """band conclusion "Conclusion"
  on all criteria
  on questions tagged roh
  on all standards
  70% and above: "Good."
  otherwise: "Needs work."
"""

NO_CRITERIA = """include "shared/bands.crit"

framework "No criteria"

scale yn
  yes above the line
  no

standard 1 "S" = mean of its questions
  question 1a "Q?"
"""


def test_a_band_shared_by_include_attaches_to_what_it_finds(tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "bands.crit").write_text(SHARED_BAND, encoding="utf-8")
    root = tmp_path / "fw.crit"
    root.write_text(NO_CRITERIA, encoding="utf-8")
    result = check_file(root)
    assert result.diagnostics == ()
    assert list(result.framework.applications) == ["conclusion[1]"]
    # the same band written in the framework itself still says it selects nothing
    root.write_text(NO_CRITERIA.replace('include "shared/bands.crit"\n', "") + "\n"
                    + SHARED_BAND, encoding="utf-8")
    codes = [d.code for d in check_file(root).diagnostics]
    assert codes == ["empty-selection", "unknown-tag"]
