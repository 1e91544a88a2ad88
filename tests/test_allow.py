"""`# critc: allow CODE` comments acknowledge a deliberate warning where it is raised."""

from __future__ import annotations

from pathlib import Path

from cli_run import run
from critc.compiler.check.passes import check_file

BASE = (Path(__file__).resolve().parent / "golden" / "checker_base.crit").read_text("utf-8")
SPARE = 'band spare\n  70% and above: "Good"\n  otherwise: "Poor"\n'


def check(text: str):
    return check_file("base.crit", text)


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_without_a_directive_the_warning_stands():
    result = check(BASE + "\n" + SPARE)
    assert codes(result) == ["unused-band"] and result.allowed == ()


def test_a_comment_on_its_own_line_allows_the_next_line():
    text = BASE + "\n# critc: allow unused-band (kept for the 2020 revision)\n\n" + SPARE
    result = check(text)
    assert codes(result) == [] and [d.code for d in result.allowed] == ["unused-band"]


def test_a_trailing_comment_allows_its_own_line():
    text = BASE + "\n" + SPARE.replace('band spare\n', 'band spare  # critc: allow unused-band\n')
    assert codes(check(text)) == []


def test_several_codes_and_only_the_named_ones():
    text = BASE + "\n# critc: allow threshold-gap, unused-band\n" + \
        'band spare\n  70% and above: "Good"\n'
    result = check(text)
    assert codes(result) == []
    assert sorted(d.code for d in result.allowed) == ["threshold-gap", "unused-band"]
    other = BASE + "\n# critc: allow threshold-gap\n" + SPARE
    assert sorted(codes(check(other))) == ["unused-allow", "unused-band"]


def test_a_directive_that_allows_nothing_is_a_warning_at_the_comment():
    text = BASE + "\n# critc: allow unused-band\n" + 'score spare_score = staff\n'
    result = check(text)
    [d] = result.diagnostics
    assert d.code == "unused-allow" and d.span.line == text.split("\n").index(
        "# critc: allow unused-band") + 1
    assert "no `unused-band` warning on line" in d.message


def test_errors_cannot_be_allowed():
    text = BASE + "\n# critc: allow unknown-reference\nscore broken = nosuch\n"
    result = check(text)
    assert sorted(codes(result)) == ["cannot-allow", "unknown-reference"]
    assert not result.ok


def test_an_ordinary_comment_is_no_directive():
    text = BASE + "\n# critc allows unused bands here, but this is prose\n" + SPARE
    assert codes(check(text)) == ["unused-band"]


def test_check_says_how_many_warnings_it_allowed(tmp_path, capsys):
    path = tmp_path / "f.crit"
    path.write_text(BASE + "\n# critc: allow unused-band\n" + SPARE, encoding="utf-8")
    code, out, _ = run(capsys, "check", path)
    assert code == 0
    assert "no problems found (1 allowed warning not shown)" in out
    code, out, _ = run(capsys, "fmt", path)  # an ordinary comment to the formatter
    assert code == 0 and "# critc: allow unused-band\nband spare" in out
    assert codes(check(out)) == []
