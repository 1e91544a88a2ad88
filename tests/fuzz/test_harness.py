"""The harness itself: it reports a crash, a hang, a bad exit code, an unlocated
diagnostic, a silent coercion and an injection when a fake target commits one; its
minimiser shrinks while the failure persists; its generation is reproducible."""

from __future__ import annotations

import random
import sys

from critc.dsl.diagnostics import error, warning
from critc.dsl.span import Span

from . import campaign, contract, oracle
from .case_fuzzer import CaseFuzzer, CaseInput
from .compile_fuzzer import module_violations
from .framework_fuzzer import FrameworkFuzzer
from .minimise import minimise_text


def kinds(outcome: contract.Outcome) -> list[str]:
    return [v.kind for v in outcome.violations]


def test_a_crashing_target_is_a_crash_with_its_site():
    def crashes(_argv):
        return [][1]

    outcome = contract.run_cli([], main=crashes)
    assert kinds(outcome) == [contract.CRASH]
    assert outcome.violations[0].where.startswith("IndexError at test_harness.py:")


def test_a_hanging_target_is_a_hang():
    def hangs(_argv):
        while True:
            pass

    outcome = contract.run_cli([], seconds=0.2, main=hangs)
    assert kinds(outcome) == [contract.HANG]


def test_exit_3_and_a_printed_traceback_are_violations():
    def exits_3(_argv):
        print("Traceback (most recent call last):", file=sys.stderr)
        return 3

    assert kinds(contract.run_cli([], main=exits_3)) == [contract.EXIT_CODE, contract.CRASH]


def test_a_usage_error_and_problems_are_fine():
    assert contract.run_cli(["check"]).violations == []  # argparse: exit 2
    assert contract.run_cli([], main=lambda _argv: 1).violations == []


def test_an_unlocated_diagnostic_is_reported_through_the_renderer():
    from critc.compiler.report import render

    def unlocated(_argv):
        render.render(render.plain_console(), [
            error("located", "fine", Span("f.crit", 1, 1, 1, 2)),
            warning("nowhere", "no place", None),
            error("line-zero", "no line", Span("f.crit", 0, 0, 0, 0))], {}, "f.crit")
        return 1

    outcome = contract.run_cli([], main=unlocated)
    assert [v.where for v in outcome.violations] == ["nowhere", "line-zero"]
    assert kinds(outcome) == [contract.UNLOCATED] * 2


def test_unlocated_diagnostics_in_json_output_are_reported():
    text = ('[{"code": "a", "message": "m", "span": null, "labels": []},'
            ' {"code": "b", "message": "m", "span": {"path": "f", "line": 3}, "labels": []}]')
    assert [v.where for v in contract.json_location_violations(text)] == ["a"]


def test_the_oracle_knows_the_documented_lexical_forms():
    for good in ("12", "-3", "0.5", "2023-06-01"):
        kind = "date" if "-0" in good else "number"
        assert oracle.lexical_problem(kind, good) is None
    for odd in ("1_000", "１２", "1e-400", "٣", " 6", "+6", "6.", ".5", "6\r"):
        assert oracle.lexical_problem("number", odd), odd
    for odd in ("7.5", "7.", "1e1", "9007199254740993"):
        assert oracle.lexical_problem("integer", odd), odd
    assert oracle.lexical_problem("integer", "7.0") is None
    for odd in ("20230601", "2023-W22-4", "2023-02-30", "2023-06-01 "):
        assert oracle.lexical_problem("date", odd), odd
    assert oracle.lexical_problem("answer", "insufficient\r")
    assert oracle.lexical_problem("text", " any text ") is None


def test_a_score_of_an_odd_cell_is_a_silent_coercion(monkeypatch):
    """A fake critc that scores anything: the case fuzzer reports the odd cell."""
    monkeypatch.setattr(contract, "run_cli", lambda argv, seconds: contract.Outcome(0, "", ""))
    csv = b"case_ref,area,age,tier,sentenced,kind,ppo,1a,1b,1c\nC1,N,1_000,,,,,,,\n"
    with campaign.Workspace() as ws:
        found = CaseFuzzer(random.Random(0)).check(CaseInput("typed", "cases", "csv", csv), ws)
    assert [(v.kind, v.where) for v in found] == [(contract.COERCION, "number")]


def test_user_text_that_became_code_is_an_injection(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("x = 1\npwned_marker_7f = 1\n", encoding="utf-8")
    assert [v.where for v in module_violations(module, None, 5)] == ["marker"]
    module.write_text("x = (\n", encoding="utf-8")
    assert [v.where for v in module_violations(module, None, 5)] == ["syntax"]


def test_minimising_keeps_the_failure_and_drops_the_rest():
    text = "".join(f"line {i}\n" for i in range(50)) + "BOOM here\n"
    small = minimise_text(text, lambda t: "BOOM" in t)
    assert small == "BOOM"


def test_generation_is_reproducible_from_a_seed():
    first = [FrameworkFuzzer(random.Random(5)).generate() for _ in range(1)]
    again = [FrameworkFuzzer(random.Random(5)).generate() for _ in range(1)]
    assert first == again
    cases = [CaseFuzzer(random.Random(5)).generate().data for _ in range(3)]
    assert cases == [CaseFuzzer(random.Random(5)).generate().data for _ in range(3)]
