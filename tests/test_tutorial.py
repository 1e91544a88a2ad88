"""docs/tutorial.md runs as written: every shell command in it, in order, in a copy of the
files it needs, with the exit status and the output lines it shows.

The tutorial is read from top to bottom as a reader follows it:

- ```crit-part blocks are typed into `roh.crit`, one after another;
- ```crit-fix blocks are edits: each line replaces the one line of the file being edited
  that starts the same way (its first FIX_KEY characters, spaces aside); the file being
  edited is the last `.crit` file a `cp` made, else `roh.crit`;
- the ```crit block is the formatted file: it must be `examples/tutorial/roh.crit`, and the
  reader's `roh.crit` at that point;
- ```sh blocks are commands (one a line; `#` starts a comment), and ```console blocks are
  `$ command` lines each followed by the output it shows.

`critc` runs in-process; `source` (activating the virtual environment) is skipped, and
`mkdir`, `cd` and `cp` are carried out here. Any other command fails the test, so the
tutorial cannot hold a command this test does not run. A command is expected to fail
(exit 1) when the output shown for it has an error, says a file is not in canonical form,
or reports failed tests that were not re-recorded; otherwise it must exit 0. Every line
of shown output (except `...`) must be a line of the real output.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from critc.compiler.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "tutorial.md"
FINISHED = ROOT / "examples" / "tutorial" / "roh.crit"
FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```\n", re.S | re.M)
FIX_KEY = 15
FAILS = re.compile(r"error\[|is not in canonical form|\b[1-9]\d* failed\b")


@attrs.define
class Command:
    words: list[str]
    shown: list[str]  # the output the tutorial shows (may be empty)
    line: int  # in docs/tutorial.md

    def expected_status(self) -> int:
        text = "\n".join(self.shown)
        return 1 if FAILS.search(text) and "re-recorded" not in text else 0


@attrs.define
class Reader:
    """Follows the tutorial in `cwd`: the reader's files and what they typed."""

    cwd: Path
    capsys: pytest.CaptureFixture
    monkeypatch: pytest.MonkeyPatch
    editing: str = "roh.crit"
    doc: str = "docs/tutorial.md"
    ran: list[str] = attrs.field(factory=list)

    def run(self, command: Command) -> None:
        name, *args = command.words
        where = f"{self.doc}:{command.line}: {shlex.join(command.words)}"
        match name:
            case "source":
                assert args == [".venv/bin/activate"], where
            case "mkdir":
                (self.cwd / args[0]).mkdir()
            case "cd":
                self.cwd = (self.cwd / args[0]).resolve()
            case "cp":
                target = self.cwd / args[1]
                shutil.copy(self.cwd / args[0], target)
                if args[1].endswith(".crit"):
                    self.editing = args[1]
            case "critc":
                self.critc(args, command, where)
            case _:
                pytest.fail(f"{where}: the test does not know how to run `{name}`")
        self.ran.append(name)

    def critc(self, args: list[str], command: Command, where: str) -> None:
        self.monkeypatch.chdir(self.cwd)
        status = cli.main(args)
        out, err = self.capsys.readouterr()
        lines = [line.rstrip() for line in (out + err).splitlines()]
        assert "Traceback" not in out + err, where
        assert status == command.expected_status(), f"{where}: exit {status}\n{out}{err}"
        for shown in command.shown:
            if shown.strip() and shown.strip() != "...":
                assert shown.rstrip() in lines, f"{where}: no line {shown!r} in\n{out}{err}"

    def type_part(self, text: str) -> None:
        path = self.cwd / "roh.crit"
        before = path.read_text(encoding="utf-8") + "\n" if path.exists() else ""
        path.write_text(before + text, encoding="utf-8")

    def fix(self, text: str, line: int) -> None:
        path = self.cwd / self.editing
        lines = path.read_text(encoding="utf-8").splitlines()
        for new in text.splitlines():
            key = new.strip()[:FIX_KEY]
            found = [i for i, old in enumerate(lines) if old.strip()[:FIX_KEY] == key]
            assert len(found) == 1, f"docs/tutorial.md:{line}: {key!r} is in {len(found)} " \
                f"lines of {self.editing}"
            lines[found[0]] = new
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def blocks(path: Path = TUTORIAL) -> list[tuple[str, str, int]]:
    """(info string, text, line of its first line) of every fenced block."""
    text = path.read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), text.count("\n", 0, m.start(2)) + 1)
            for m in FENCE.finditer(text)]


def commands(info: str, text: str, first: int) -> list[Command]:
    out: list[Command] = []
    for number, line in enumerate(text.splitlines(), first):
        if info == "sh":
            words = shlex.split(line, comments=True)
            if words:
                out.append(Command(words, [], number))
        elif line.startswith("$ "):
            out.append(Command(shlex.split(line[2:], comments=True), [], number))
        elif out:
            out[-1].shown.append(line)
    return out


def test_the_tutorial_runs_as_written(tmp_path, capsys, monkeypatch):
    clone = tmp_path / "clone"
    shutil.copytree(ROOT / "examples" / "tutorial", clone / "examples" / "tutorial")
    reader = Reader(clone, capsys, monkeypatch)
    for info, text, line in blocks():
        if info == "crit-part":
            reader.type_part(text)
        elif info == "crit-fix":
            reader.fix(text, line)
        elif info == "crit":
            assert text == FINISHED.read_text(encoding="utf-8"), \
                f"docs/tutorial.md:{line}: the formatted file is not {FINISHED}"
            assert (reader.cwd / "roh.crit").read_text(encoding="utf-8") == text, \
                f"docs/tutorial.md:{line}: `critc fmt --write` does not give this file"
        elif info in ("sh", "console", "text"):
            for command in commands(info, text, line):
                reader.run(command)
    assert reader.ran.count("critc") >= 15, "the tutorial's commands were not all found"
    assert {"source", "mkdir", "cd", "cp"} <= set(reader.ran)


def test_a_command_that_breaks_fails_the_test(tmp_path, capsys, monkeypatch):
    """The runner notices a wrong exit status and a shown line that is not printed."""
    reader = Reader(tmp_path, capsys, monkeypatch)
    (tmp_path / "roh.crit").write_text(FINISHED.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(AssertionError, match="exit 0"):
        reader.run(Command(["critc", "check", "roh.crit"], ["roh.crit: 2 errors",
                                                            "error[x]: y"], 1))
    with pytest.raises(AssertionError, match="no line"):
        reader.run(Command(["critc", "check", "roh.crit"], ["roh.crit: 1 problem"], 1))
    with pytest.raises(pytest.fail.Exception):
        reader.run(Command(["rm", "roh.crit"], [], 1))


def test_the_tutorial_archive_is_what_its_generator_makes(tmp_path):
    script = ROOT / "examples" / "tutorial" / "generate.py"
    copy = tmp_path / "generate.py"
    copy.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run([sys.executable, str(copy)], check=True)
    for name in ("cases.csv", "archive.csv"):
        assert (tmp_path / name).read_bytes() == \
            (ROOT / "examples" / "tutorial" / name).read_bytes()
