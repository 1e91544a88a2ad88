"""Golden diagnostics: each tests/golden/diagnostics/NAME.crit is checked and its plain
rendering, followed by `exit: N` (what `critc check` exits with), must equal NAME.expected.

Run `pytest tests/test_golden_diagnostics.py --update` to rewrite the .expected files after
a deliberate change, and read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from critc.compiler.check.passes import check_file
from critc.compiler.cli import main as cli
from critc.compiler.report import render

GOLDEN = Path(__file__).resolve().parent / "golden" / "diagnostics"
CASES = sorted(GOLDEN.glob("*.crit"))


def rendering(relative: str, exit_code: int) -> str:
    result = check_file(relative)
    return render.to_plain(result.diagnostics, result.program.sources, relative) \
        + f"exit: {exit_code}\n"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path, in_repo: Path, update: bool, capsys):
    relative = case.relative_to(in_repo).as_posix()
    exit_code = cli.main(["check", relative])
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    actual = rendering(relative, exit_code)
    expected_file = case.with_suffix(".expected")
    if update:
        expected_file.write_text(actual, encoding="utf-8")
        return
    assert expected_file.exists(), f"no golden file for {case.name}; run pytest --update"
    assert actual == expected_file.read_text(encoding="utf-8")
    # `critc check` prints the same rendering as the golden file holds
    assert printed.out.rstrip() == actual.rsplit("exit:", 1)[0].rstrip()


def test_every_expected_file_has_an_input():
    for expected in GOLDEN.glob("*.expected"):
        assert expected.with_suffix(".crit").exists(), f"{expected.name} has no input"


def test_the_golden_set_covers_the_required_diagnostics(in_repo: Path):
    codes = set()
    for case in CASES:
        codes.update(d.code for d in check_file(case.relative_to(in_repo).as_posix()).diagnostics)
    required = {
        "syntax-error", "bad-indentation", "unknown-reference", "duplicate-name", "wrong-kind",
        "rating-as-number", "unknown-value", "condition-not-boolean", "case-field-in-formula",
        "cyclic-dependency", "weights-do-not-sum-to-one", "thresholds-out-of-order",
        "overlapping-thresholds", "threshold-gap", "threshold-not-percent",
        "applicability-never-true", "applicability-always-true", "question-feeds-no-score",
        "empty-selection", "missing-formula", "empty-file", "not-text", "not-utf8",
        "include-cycle", "file-not-found",
    }
    assert required <= codes, f"no golden file shows {sorted(required - codes)}"


# Messages about case records and inputs: `critc score` on the files in tests/golden/records,
# its error output followed by `exit: N` compared with NAME.expected there.
RECORDS = GOLDEN.parent / "records"
RECORD_RUNS = {
    "semicolons": ["semicolons.csv"],
    "dates": ["dates.csv"],
    "date_format": ["dates.csv", "--date-format", "%d/%m/%Y"],
    "inputs_file": ["good.csv", "--inputs", "bad-inputs.csv"],
    "first_sheet_empty": ["book.xlsx"],
    "unknown_sheet": ["book.xlsx", "--sheet", "cases", "--inputs", "book.xlsx",
                      "--inputs-sheet", "Inputs"],
}


@pytest.mark.parametrize("name", list(RECORD_RUNS))
def test_golden_records(name: str, in_repo: Path, update: bool, capsys):
    folder = RECORDS.relative_to(in_repo).as_posix()
    argv = [f"{folder}/{a}" if a.endswith((".csv", ".xlsx")) else a for a in RECORD_RUNS[name]]
    exit_code = cli.main(["score", f"{folder}/framework.crit", *argv])
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    actual = printed.err + f"exit: {exit_code}\n"
    expected_file = RECORDS / f"{name}.expected"
    if update:
        expected_file.write_text(actual, encoding="utf-8")
        return
    assert expected_file.exists(), f"no golden file for {name}; run pytest --update"
    assert actual == expected_file.read_text(encoding="utf-8")
