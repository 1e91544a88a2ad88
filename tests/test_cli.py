"""`critc check`, `critc graph` and `critc fmt`: exit codes, outputs, files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run
from critc.compiler.cli import main as cli

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "diagnostics"
BASE = (HERE / "golden" / "checker_base.crit").read_text("utf-8")


@pytest.fixture
def base(tmp_path) -> Path:
    path = tmp_path / "base.crit"
    path.write_text(BASE, encoding="utf-8")
    return path




def exit_code_of(*argv) -> int:
    with pytest.raises(SystemExit) as info:
        cli.main([str(a) for a in argv])
    return info.value.code


# ----------------------------------------------------------------------------- check
def test_check_a_clean_file_exits_0(capsys, base):
    code, out, _ = run(capsys, "check", base)
    assert code == 0
    assert out.strip() == f"{base}: no problems found"


def test_check_with_only_warnings_exits_0(capsys, tmp_path):
    path = tmp_path / "warn.crit"
    path.write_text(BASE + '\nband spare\n  70% and above: "Good"\n  otherwise: "Poor"\n')
    code, out, _ = run(capsys, "check", path)
    assert code == 0
    assert "warning[unused-band]" in out and "1 warning" in out


def test_check_with_errors_exits_1(capsys, tmp_path, base):
    bad = tmp_path / "bad.crit"
    bad.write_text(BASE.replace("+ staff", "+ staf"))
    code, out, _ = run(capsys, "check", base, bad)
    assert code == 1
    assert "error[unknown-reference]: `staf` is not defined" in out
    assert f"{base}: no problems found" in out  # every file is reported


def test_check_json(capsys, tmp_path):
    bad = tmp_path / "bad.crit"
    bad.write_text(BASE.replace("+ staff", "+ staf"))
    code, out, _ = run(capsys, "check", "--format", "json", bad)
    assert code == 1
    (d,) = json.loads(out)
    assert d["code"] == "unknown-reference" and d["severity"] == "error"
    assert d["span"]["line"] == BASE[: BASE.index("+ staff")].count("\n") + 1
    assert d["hint"] == "did you mean `staff`?"


def test_check_json_of_a_clean_file_is_an_empty_list(capsys, base):
    code, out, _ = run(capsys, "check", "--format", "json", base)
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize("name", ["random_bytes", "empty", "cycle", "not_utf8",
                                  "include_cycle_a", "bad_indentation"])
def test_check_of_broken_files_exits_1_with_diagnostics(capsys, name):
    code, out, _ = run(capsys, "check", GOLDEN / f"{name}.crit")
    assert code == 1
    assert "error[" in out


def test_check_of_a_missing_file_exits_1(capsys, tmp_path):
    code, out, _ = run(capsys, "check", tmp_path / "nowhere.crit")
    assert code == 1
    assert "error[file-not-found]" in out


def test_usage_errors_exit_2(capsys, base):
    assert exit_code_of("check") == 2
    assert exit_code_of("nonsense") == 2
    assert exit_code_of("check", "--format", "yaml", base) == 2
    assert exit_code_of("graph", base, "--deps-of", "1", "--used-by", "1") == 2
    assert exit_code_of("fmt", base, "--write", "--check") == 2
    capsys.readouterr()


@pytest.mark.slow  # runs the installed command in fresh processes
def test_the_installed_command_never_shows_a_traceback(tmp_path):
    """The real `critc` program, on random bytes, an empty file and a cycle."""
    noise = tmp_path / "noise.crit"
    noise.write_bytes(bytes(range(256)) * 4)
    files = [noise, GOLDEN / "empty.crit", GOLDEN / "cycle.crit"]
    exe = shutil.which("critc", path=os.path.dirname(sys.executable)) or "critc"
    proc = subprocess.run([exe, "check", *map(str, files)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    for code in ("not-text", "empty-file", "cyclic-dependency"):
        assert f"error[{code}]" in proc.stdout


# ----------------------------------------------------------------------------- graph
def test_graph_dot(capsys, base):
    code, out, _ = run(capsys, "graph", base)
    assert code == 0
    assert out.startswith('digraph "Base" {') and '"rosh" -> "1.1b"' in out


def test_graph_json(capsys, base):
    code, out, _ = run(capsys, "graph", base, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"from": "1", "to": "overall"} in [{k: e[k] for k in ("from", "to")}
                                              for e in data["edges"]]


def test_graph_to_a_file(capsys, base, tmp_path):
    out_file = tmp_path / "graph.dot"
    code, out, _ = run(capsys, "graph", base, "-o", out_file)
    assert code == 0 and out == ""
    assert out_file.read_text().startswith("digraph")


def test_graph_deps_of_and_used_by(capsys, base):
    code, out, _ = run(capsys, "graph", base, "--deps-of", "roh")
    assert code == 0
    assert [line.split()[-1] for line in out.splitlines()] == ["rosh", "sex_offender", "1.1a",
                                                               "1.1b"]
    code, out, _ = run(capsys, "graph", base, "--used-by", "staff", "--format", "json")
    assert code == 0
    assert json.loads(out) == [{"id": "lead", "kind": "score"},
                               {"id": "grading[lead]", "kind": "band label"}]


def test_graph_of_an_unknown_item_is_a_usage_error(capsys, base):
    code, _, err = run(capsys, "graph", base, "--deps-of", "overal")
    assert code == 2
    assert "no item `overal`" in err and "`overall`" in err


def test_graph_of_a_broken_framework_exits_1(capsys):
    code, _, err = run(capsys, "graph", GOLDEN / "cycle.crit")
    assert code == 1
    assert "error[cyclic-dependency]" in err


# ----------------------------------------------------------------------------- fmt
UGLY = 'framework   "F"  version "1"\nscale s\n    yes above the line   # the good one\n    no\n'
PRETTY = 'framework "F" version "1"\n\nscale s\n  yes above the line  # the good one\n  no\n'


def test_fmt_prints_the_canonical_form(capsys, tmp_path):
    path = tmp_path / "f.crit"
    path.write_text(UGLY)
    code, out, _ = run(capsys, "fmt", path)
    assert (code, out) == (0, PRETTY)
    assert path.read_text() == UGLY  # printing leaves the file alone


def test_fmt_check(capsys, tmp_path):
    path = tmp_path / "f.crit"
    path.write_text(UGLY)
    code, _, err = run(capsys, "fmt", path, "--check")
    assert code == 1 and "not in canonical form" in err
    path.write_text(PRETTY)
    assert run(capsys, "fmt", path, "--check")[0] == 0


def test_fmt_write_rewrites_atomically(capsys, tmp_path):
    path = tmp_path / "f.crit"
    path.write_text(UGLY)
    os.chmod(path, 0o640)
    before = os.stat(path).st_ino
    code, _, err = run(capsys, "fmt", path, "--write")
    assert code == 0 and "formatted" in err
    assert path.read_text() == PRETTY
    assert os.stat(path).st_ino != before  # a new file renamed into place ...
    assert os.stat(path).st_mode & 0o777 == 0o640  # ... keeping the old one's permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.crit"]  # no temporary left
    mtime = os.stat(path).st_mtime_ns
    assert run(capsys, "fmt", path, "--write")[0] == 0
    assert os.stat(path).st_mtime_ns == mtime  # already canonical: not touched


def test_fmt_refuses_a_file_with_syntax_errors(capsys, tmp_path):
    path = tmp_path / "f.crit"
    broken = 'band b\n  70% and above "Good"\n'
    path.write_text(broken)
    code, _, err = run(capsys, "fmt", path, "--write")
    assert code == 1 and "error[syntax-error]" in err
    assert path.read_text() == broken


@pytest.mark.parametrize("name", ["random_bytes", "empty", "not_utf8"])
def test_fmt_of_unusable_files_exits_1(capsys, name):
    assert run(capsys, "fmt", GOLDEN / f"{name}.crit")[0] == 1


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_fmt_keeps_the_files_line_endings(capsys, tmp_path, ending):
    """A canonical file saved with CR LF (or CR) line endings is canonical: `--check`
    passes, `--write` leaves it alone, and `fmt` prints it with its own line endings."""
    path = tmp_path / "f.crit"
    path.write_bytes(PRETTY.replace("\n", ending).encode())
    assert run(capsys, "fmt", path, "--check")[0] == 0
    mtime = os.stat(path).st_mtime_ns
    assert run(capsys, "fmt", path, "--write")[0] == 0
    assert os.stat(path).st_mtime_ns == mtime
    assert run(capsys, "fmt", path)[1] == PRETTY.replace("\n", ending)
    path.write_bytes(UGLY.replace("\n", ending).encode())
    assert run(capsys, "fmt", path, "--write")[0] == 0
    assert path.read_bytes() == PRETTY.replace("\n", ending).encode()


def test_fmt_check_says_when_only_line_endings_differ(capsys, tmp_path):
    path = tmp_path / "f.crit"
    path.write_bytes(PRETTY.replace("\n", "\r\n", 1).encode())  # CR LF, then LF
    code, _, err = run(capsys, "fmt", path, "--check")
    assert code == 1
    assert err.strip() == f"{path} is not in canonical form: only its line endings differ " \
        "(its lines do not all end as its first line does); run `critc fmt --write`"
    path.write_bytes(UGLY.replace("\n", "\r\n", 1).encode())
    code, _, err = run(capsys, "fmt", path, "--check")
    assert code == 1 and "line endings" not in err
