"""The VS Code extension in editors/vscode: its TextMate grammar's scopes on lines of every
framework in rules/ (vscode-tmgrammar-test), and the .vsix build (@vscode/vsce).

Both need the Node packages (`npm ci` in editors/vscode, which tests/services/install.sh
runs); without them these tests skip, or fail under CI=true."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from services import require

REPO = Path(__file__).resolve().parent.parent
EXTENSION = REPO / "editors" / "vscode"
GRAMMAR_TESTS = sorted((EXTENSION / "test").glob("*.crit-test"))
ASSERTION = re.compile(r"#\s*(?:<-*|\^+) ")  # `# <---- scope` or `#    ^^^ scope`
FRAMEWORKS = sorted(p.parent.name for p in (REPO / "rules").glob("*/*.crit")
                    if p.parent.name != "shared")


def npm(*args: str) -> subprocess.CompletedProcess:
    require(shutil.which("npm") is not None and (EXTENSION / "node_modules").is_dir(),
            "the editor extension's Node packages (editors/vscode/node_modules)")
    return subprocess.run(["npm", "run", "-s", *args], cwd=EXTENSION, capture_output=True,
                          text=True, timeout=300)


def test_every_framework_in_rules_has_grammar_tests_on_its_own_lines():
    assert [p.name.removesuffix(".crit-test") for p in GRAMMAR_TESTS] == FRAMEWORKS
    for test in GRAMMAR_TESTS:
        name = test.name.removesuffix(".crit-test")
        source = set((REPO / "rules" / name / f"{name}.crit").read_text("utf-8").split("\n"))
        lines = test.read_text("utf-8").split("\n")[1:]
        checked = [line for line in lines if line and not ASSERTION.match(line)]
        assert checked, test.name
        assert [line for line in checked if line not in source] == [], test.name


def test_the_grammar_gives_the_asserted_scopes():
    run = npm("test:grammar")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("successfuly") == len(GRAMMAR_TESTS), run.stdout


def test_a_wrong_scope_fails_the_grammar_test(tmp_path: Path):
    wrong = tmp_path / "wrong.crit-test"
    original = (EXTENSION / "test" / "omi-2012.crit-test").read_text("utf-8")
    wrong.write_text(original.replace("entity.name.item.crit", "entity.name.other.crit"), "utf-8")
    assert npm("test:grammar").returncode == 0
    run = subprocess.run(["npx", "--no-install", "vscode-tmgrammar-test", "-g",
                          "syntaxes/crit.tmLanguage.json", str(wrong)], cwd=EXTENSION,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "entity.name.other.crit" in run.stdout + run.stderr


@pytest.mark.slow
def test_the_vsix_builds_with_the_grammar_and_the_language_client(tmp_path: Path):
    target = tmp_path / "critc.vsix"
    run = npm("package", "--", "-o", str(target))
    assert run.returncode == 0, run.stdout + run.stderr
    names = zipfile.ZipFile(target).namelist()
    for needed in ("extension/extension.js", "extension/syntaxes/crit.tmLanguage.json",
                   "extension/language-configuration.json",
                   "extension/node_modules/vscode-languageclient/package.json"):
        assert needed in names
