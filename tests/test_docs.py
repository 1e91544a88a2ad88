"""The docs are right: every ```crit example on every page checks clean
(docs/tools/check_examples.py), and every command and option of `critc` is documented
(docs/commands.md, and the README's "Using it" list)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pytest
from critc.compiler.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "tools"))
try:
    import check_examples
finally:
    sys.path.remove(str(ROOT / "docs" / "tools"))

FENCES = {"crit", "crit-bad", "crit-part", "crit-fix"}


# ----------------------------------------------------------------------------- examples
def test_the_tool_reads_every_page():
    names = {str(p.relative_to(ROOT)) for p in check_examples.pages()}
    assert {"README.md", "rules/README.md", "docs/language.md", "docs/tutorial.md"} <= names
    assert {str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md")} <= names
    outside = [str(p.relative_to(ROOT)) for folder in ("rules", "editors", "examples")
               for p in (ROOT / folder).rglob("*.md") if "```crit" in p.read_text("utf-8")]
    assert set(outside) <= names  # a page elsewhere with examples would go unchecked


def test_every_example_on_every_page_checks_clean():
    count, problems = check_examples.check_pages(check_examples.pages())
    assert problems == []
    assert count >= 27


@pytest.mark.parametrize("page", check_examples.pages(), ids=lambda p: p.name)
def test_no_crit_block_escapes_the_check(page):
    """A fence the tool does not know (```crit title, ```critc) would go unchecked."""
    fences = re.findall(r"^\s*```(crit\S*)(.*)$", page.read_text(encoding="utf-8"), re.M)
    assert [f for f in fences if f[0] not in FENCES or f[1].strip()] == []


def test_a_broken_example_is_a_problem(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Text.\n\n```crit\nstandard 9.1 \"Broken\" = no_such_input\n```\n\n"
                    "```crit\nframework \"Whole\" version \"1\"\n\nscore x \"X\" = 1 +\n```\n",
                    encoding="utf-8")
    count, problems = check_examples.check_pages([page])
    assert count == 2
    assert any(p.startswith("page.md:3: error[") for p in problems)
    assert any(p.startswith("page.md:7: error[") for p in problems)
    assert check_examples.main([str(page)]) == 1


def test_a_clean_fragment_uses_the_wrapper(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("```crit\nstandard 4.1 \"Leadership\" = grade_4_1\n```\n", encoding="utf-8")
    assert check_examples.check_pages([page]) == (1, [])


# ----------------------------------------------------------------------------- commands
def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser("*")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _options(command: argparse.ArgumentParser) -> list[list[str]]:
    return [a.option_strings for a in command._actions
            if a.option_strings and "--help" not in a.option_strings]


def _section(name: str) -> str:
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.M)
    found = [p for p in parts if p.startswith(f"`critc {name}`\n")]
    assert found, f"docs/commands.md has no section `critc {name}`"
    return found[0]


def _mentions(text: str, option: str) -> bool:
    return re.search(re.escape(option) + r"(?![\w-])", text) is not None




@pytest.mark.parametrize("name", list(_commands()))
def test_every_option_of_a_command_is_on_its_reference_page(name):
    """Each option (any of its spellings) is named in the command's section of
    docs/commands.md, or, for a command that says it takes the reading options, in that
    table at the top of the page."""
    section = _section(name)
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    reading = text.split("## ", 1)[0] if "every reading option" in section else ""
    missing = [spellings for spellings in _options(_commands()[name])
               if not any(_mentions(section + reading, s) for s in spellings)]
    assert missing == []


def test_the_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    using = readme.split("## Using it", 1)[1].split("\n## ", 1)[0]
    assert [n for n in _commands() if not re.search(rf"^critc {n}\b", using, re.M)] == []


def test_the_options_test_can_fail():
    assert not _mentions(_section("lsp"), "--no-such-option")
    assert not _mentions("--dialects", "--dialect")


def test_the_wrapper_is_the_one_language_md_prints():
    """Fragments are checked inside WRAPPER; the reader sees it under "About the examples"."""
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    blocks = [m.group(2) for m in check_examples.BLOCK.finditer(text)]
    assert check_examples.WRAPPER in blocks
