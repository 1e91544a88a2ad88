"""A cold `critc check` imports only what checking needs (issue 11, item 5).

Start-up time is measured in docs/performance.md, never asserted here: these tests assert
which modules a command imports, which is what makes it start fast or slow.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from critc.compiler.cli import main as cli
from critc.dsl import lalr, parser_cache
from critc.dsl.source import normalise
from lark import Lark

ROOT = Path(__file__).resolve().parent.parent

# Heavy modules that checking a framework does not need: the dependency graph library,
# the engine's arrays, the readers of case files, the reports and the package metadata.
NOT_FOR_CHECKING = ("networkx", "numpy", "pyarrow", "openpyxl", "jinja2", "matplotlib",
                    "sqlglot", "ruamel", "yaml", "importlib.metadata")

RUN_AND_LIST_MODULES = """
import json, sys
from critc.compiler.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules_imported_by(*argv: str) -> tuple[int, set[str]]:
    """Run `critc ARGV` in a fresh interpreter: its exit code and every module it imported."""
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST_MODULES, *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    result = json.loads(done.stdout.splitlines()[-1])
    return result["code"], set(result["modules"])


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in NOT_FOR_CHECKING
                  or m.startswith(NOT_FOR_CHECKING))


@pytest.mark.parametrize("path", ["examples/demo/framework.crit",
                                  "rules/omi-2008/omi-2008.crit"])
def test_check_imports_nothing_heavy(path):
    code, modules = modules_imported_by("check", path)
    assert code == 0
    assert heavy(modules) == []
    assert "critc.compiler.cli.check_commands" in modules
    # the other commands' modules stay unimported
    assert "critc.compiler.cli.score_command" not in modules
    assert "critc.compiler.cli.report_command" not in modules


def test_check_of_a_cycle_still_describes_it(tmp_path):
    """networkx, imported only to describe a cycle, is still there when there is one."""
    base = (ROOT / "tests" / "golden" / "checker_base.crit").read_text("utf-8")
    path = tmp_path / "cycle.crit"
    path.write_text(base.replace("0.5 * thread roh", "0.5 * score lead").replace(
        "points(leadership) + staff", "points(leadership) + mean(score overall, section 1)"),
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "critc.compiler", "check", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "circular definition: `overall` → `lead` → `overall`" in done.stdout


def test_importing_the_command_line_imports_no_command():
    code = ("import sys, json; import critc.compiler.cli.main; "
            "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    modules = set(json.loads(done.stdout))
    assert heavy(modules) == []
    assert not any(m.startswith("critc.compiler.cli.") and m.endswith(("command", "commands"))
                   for m in modules)


def test_help_lists_every_command_as_its_module_registers_it():
    """The table in cli/main.py, which stands in for modules not imported, says what the
    modules themselves register: `critc --help` reads the same either way."""
    assert cli.build_parser().format_help() == cli.build_parser("*").format_help()


@pytest.mark.parametrize("command", list(cli.COMMANDS))
def test_each_command_registers_in_full_when_chosen(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: critc {command} ")


# ---------------------------------------------------------------------------- parser cache
GRAMMAR_OPTIONS = "test options"


GRAMMAR = (ROOT / "dsl" / "grammar.lark").read_text("utf-8")


def build_parser_counting(calls: list[int]):
    def build() -> Lark:
        calls.append(1)
        return Lark(GRAMMAR, postlex=lalr.FrameworkIndenter(), **lalr.PARSER_OPTIONS)
    return build


def test_the_cached_parser_reads_every_framework_as_the_built_one(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    grammar, calls = "the grammar's text", []
    built = parser_cache.cached_parser(grammar, GRAMMAR_OPTIONS, build_parser_counting(calls))
    loaded = parser_cache.cached_parser(grammar, GRAMMAR_OPTIONS, build_parser_counting(calls))
    assert calls == [1]  # built once, then loaded
    assert len(list((tmp_path / "critc").glob("parser-*.pickle"))) == 1
    for path in sorted(ROOT.glob("rules/*/*.crit")) + [ROOT / "examples/demo/framework.crit"]:
        text = normalise(path.read_text("utf-8"))
        assert loaded.parse(text) == built.parse(text), path


def test_another_grammar_or_a_broken_cache_file_builds_the_parser(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls: list[int] = []
    parser_cache.cached_parser("grammar 1", GRAMMAR_OPTIONS, build_parser_counting(calls))
    parser_cache.cached_parser("grammar 2", GRAMMAR_OPTIONS, build_parser_counting(calls))
    assert calls == [1, 1]
    for cached in (tmp_path / "critc").glob("parser-*.pickle"):
        cached.write_bytes(cached.read_bytes()[:1000])  # as if cut short
    made = parser_cache.cached_parser("grammar 1", GRAMMAR_OPTIONS, build_parser_counting(calls))
    assert calls == [1, 1, 1]
    assert made.parse('framework "F"\n') is not None


def test_a_cache_directory_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    calls: list[int] = []
    for _ in range(2):
        parser_cache.cached_parser("grammar", GRAMMAR_OPTIONS, build_parser_counting(calls))
    assert calls == [1, 1]
    assert blocked.read_text("utf-8") == "not a directory"
