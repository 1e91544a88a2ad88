"""Security regressions (issue 15): nothing a user writes can run as code in a generated
module, start a formula in a spreadsheet, or make critc read without bound."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from critc.compiler.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"

# Text that would end a `#` comment or a string literal if pasted into Python source.
HOSTILE = [
    "x\nimport os; os.environ['CRITC_PWNED'] = '1'\n#",
    "x\rimport os; os.environ['CRITC_PWNED'] = '1'\r#",
    "x\u2028import os; os.environ['CRITC_PWNED'] = '1'\u2028#",
    "x\x0cimport os; os.environ['CRITC_PWNED'] = '1'\n#",
    "q'\"\\\nimport os; os.environ['CRITC_PWNED'] = '1'\n#",
]

SMALL = '''framework "Injection" version "1"

scale yesno "Yes or no"
  yes "Yes" above the line
  no "No"

case fields
  case_ref "Case": text, case id
  area "Area": text, inspection

section 1 "Work" = mean of its criteria
  criterion 1.1 "Criterion" = mean(questions)
    question 1.1a "Was it done?"
'''


def _run_module(module: Path) -> str:
    """Import the module in a fresh interpreter, call score() and score_case(), and report
    whether the sentinel was set by anything in it."""
    program = (
        "import importlib.util, os, sys\n"
        "spec = importlib.util.spec_from_file_location('generated', sys.argv[1])\n"
        "mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)\n"
        "mod.score({'case_ref': ['c1'], 'area': ['A'], '1.1a': ['yes']})\n"
        "mod.score_case({'case_ref': 'c1', 'area': 'A', '1.1a': 'yes'})\n"
        "print('PWNED' if os.environ.get('CRITC_PWNED') else 'clean')\n")
    env = {k: v for k, v in os.environ.items() if k != "CRITC_PWNED"}
    done = subprocess.run([sys.executable, "-c", program, str(module)], env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_framework_file_name_never_runs_in_the_module(tmp_path, hostile):
    folder = tmp_path / hostile.replace("/", "_")
    folder.mkdir()
    framework = folder / (hostile.replace("/", "_") + ".crit")
    framework.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "module.py"
    assert main(["compile", str(framework), "-o", str(out)]) == 0
    assert _run_module(out) == "clean"
    source = out.read_text(encoding="utf-8")
    assert "os.environ['CRITC_PWNED'] = '1'\n" not in source
    compile(source, str(out), "exec")  # still valid Python


# A carriage return cannot stand in a .crit string (the parser reads it as a line end).
WRITABLE_IN_CRIT = [h for h in HOSTILE if "\r" not in h]


@pytest.mark.parametrize("hostile", WRITABLE_IN_CRIT, ids=range(len(WRITABLE_IN_CRIT)))
def test_a_hostile_include_string_never_runs_in_the_module(tmp_path, hostile):
    name = hostile.replace("/", "_") + ".crit"
    included = tmp_path / name
    included.write_text('scale extra "Extra"\n  yes "Yes" above the line\n  no "No"\n',
                        encoding="utf-8")
    quoted = name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    framework = tmp_path / "root.crit"
    framework.write_text(SMALL.replace(
        "case fields", f'include "{quoted}"\n\ncase fields', 1).replace(
        '"Was it done?"', '"Was it done?" on extra'), encoding="utf-8")
    out = tmp_path / "module.py"
    assert main(["compile", str(framework), "-o", str(out)]) == 0
    assert _run_module(out) == "clean"


# ----------------------------------------------------------------------------- CSV injection
FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def test_cell_text_neutralises_formulas_and_keeps_numbers():
    from critc.compiler.io.spreadsheet import cell_text

    for text in FORMULAS:
        assert cell_text(text) == "'" + text
    for number in ("-0.25", "-3", "+6", "1e-3", "-.5", "0.75"):
        assert cell_text(number) == number
    assert cell_text("Ashford") == "Ashford" and cell_text(None) == ""


def _demo_with_keys(tmp_path: Path, keys: list[str], ids: bool = False) -> Path:
    """The demo cases as JSON Lines (a CSV cannot hold a carriage return in a cell), with
    the areas renamed to `keys` (and, with `ids`, the case ids too)."""
    import json

    rows = list(csv.DictReader((DEMO / "cases.csv").read_text(encoding="utf-8").splitlines()))
    rename = dict(zip(sorted({r["area"] for r in rows})[:len(keys)], keys, strict=True))
    lines = []
    for i, r in enumerate(rows):
        r["area"] = rename.get(r["area"], r["area"])
        if ids:
            r["case_ref"] = f"{keys[i % len(keys)]}{i}"
        lines.append(json.dumps(r))
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("by", [None, "case_ref"])
def test_csv_output_never_starts_a_cell_with_a_formula(tmp_path, capsys, by):
    cases = _demo_with_keys(tmp_path, FORMULAS, ids=by is not None)
    out = tmp_path / "out.csv"
    argv = ["score", str(DEMO / "framework.crit"), str(cases), "--format", "csv", "-o", str(out)]
    argv += ["--by", by] if by else []
    assert main(argv) in (0, 1)
    capsys.readouterr()
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) > 1
    cells = [c for r in rows[1:] for c in r]
    for c in cells:
        if c.startswith(("=", "+", "@", "\t", "\r")) or (c.startswith("-") and
                                                        not c[1:2].isdigit()):
            raise AssertionError(f"formula cell {c!r}")
    firsts = {r[0] for r in rows[1:]}
    assert any(k.startswith("'") for k in firsts)


def test_json_output_keeps_inspection_keys_as_they_are(tmp_path, capsys):
    import json

    cases = _demo_with_keys(tmp_path, FORMULAS)
    assert main(["score", str(DEMO / "framework.crit"), str(cases), "--format", "json"]) in (0, 1)
    payload = json.loads(capsys.readouterr().out)
    keys = {i["inspection"] for i in payload["inspections"]}
    assert "@SUM(A1)" in keys and "=HYPERLINK(\"http://x\",\"y\")" in keys


# ----------------------------------------------------------------------------- special files
def _check(path: str, capsys) -> tuple[int, str]:
    code = main(["check", path])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_as_a_framework(capsys, device):
    code, text = _check(device, capsys)
    assert code == 1 and "not-a-regular-file" in text


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_as_an_include(tmp_path, capsys, device):
    root = tmp_path / "root.crit"
    root.write_text(f'framework "F" version "1"\ninclude "{device}"\n', encoding="utf-8")
    code, text = _check(str(root), capsys)
    assert code == 1 and "not-a-regular-file" in text and "root.crit:2:" in text


def _fifo(tmp_path: Path, name: str) -> Path:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    return fifo


def _in_time(function, seconds=10):
    """Run function in a thread; fail (not hang) if it does not return in time."""
    result = []
    worker = threading.Thread(target=lambda: result.append(function()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, "blocked"
    return result[0]


def test_a_fifo_never_blocks_as_framework_include_or_cases(tmp_path, capsys):
    fifo = _fifo(tmp_path, "pipe.crit")
    code, text = _in_time(lambda: _check(str(fifo), capsys))
    assert code == 1 and "not-a-regular-file" in text
    root = tmp_path / "root.crit"
    root.write_text('framework "F" version "1"\ninclude "pipe.crit"\n', encoding="utf-8")
    code, text = _in_time(lambda: _check(str(root), capsys))
    assert code == 1 and "not-a-regular-file" in text
    cases = _fifo(tmp_path, "cases.csv")
    code = _in_time(lambda: main(["score", str(DEMO / "framework.crit"), str(cases)]))
    assert code == 1 and "not-a-regular-file" in capsys.readouterr().err


def test_a_huge_framework_file_is_refused_with_its_size(tmp_path, capsys):
    from critc.dsl.source import FRAMEWORK_LIMIT

    big = tmp_path / "big.crit"
    with open(big, "wb") as handle:
        handle.truncate(FRAMEWORK_LIMIT + 1)  # sparse: no disk used
    code, text = _check(str(big), capsys)
    assert code == 1 and "file-too-large" in text


def test_a_huge_cell_is_refused_and_never_echoed(tmp_path, capsys):
    rows = (DEMO / "cases.csv").read_text(encoding="utf-8").splitlines()
    cells = rows[1].split(",")
    cells[3] = "x" * 2_000_000
    rows[1] = ",".join(cells)
    cases = tmp_path / "cases.csv"
    cases.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["score", str(DEMO / "framework.crit"), str(cases)]) == 1
    err = capsys.readouterr().err
    assert "cell-too-long" in err and "cases.csv:2:4" in err and len(err) < 5000


def test_a_long_invalid_cell_is_clipped_in_the_message(tmp_path, capsys):
    rows = (DEMO / "cases.csv").read_text(encoding="utf-8").splitlines()
    cells = rows[1].split(",")
    cells[3] = "y" * 50_000
    rows[1] = ",".join(cells)
    cases = tmp_path / "cases.csv"
    cases.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["score", str(DEMO / "framework.crit"), str(cases)]) == 1
    err = capsys.readouterr().err
    assert "invalid-value" in err and "50,000 characters" in err and len(err) < 5000
