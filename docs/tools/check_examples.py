"""Check the framework examples in the docs: every ```crit block must pass `critc check`
with no errors and no warnings.

A block that starts with `framework` (after comments) is a whole file. Any other block is a
fragment and is checked inside WRAPPER, the small framework printed in docs/language.md.
Blocks fenced as ```crit-bad show a mistake on purpose, blocks fenced as ```crit-part are
one part of a longer file (as in the tutorial), blocks fenced as ```crit-fix are lines
that replace lines of that file (the tutorial's fixes; tests/test_tutorial.py applies them),
and blocks fenced as ```text are syntax sketches; none of these is checked here.

    python docs/tools/check_examples.py [docs/language.md docs/tutorial.md ...]

Without arguments it checks every page: docs/*.md, README.md, rules/README.md, the
frameworks' notes (rules/*/NOTES.md) and editors/vscode/README.md (tests/test_docs.py runs
it so, and checks that no other page holds a ```crit block).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from critc.compiler.check.passes import check_file

WRAPPER = '''framework "Wrapper" version "1"

scale sufficiency "Sufficiency"
  sufficient "Sufficient" above the line
  insufficient "Insufficient"
  na "Not applicable" not applicable

rating scale grade "Grade"
  well_met "Well met" 3 points
  satisfactorily_met "Satisfactorily met" 2 points
  partly_met "Partly met" 1 point
  not_met "Not met" 0 points

case fields
  case_ref "Case reference": text, case id
  area "Probation area": text, inspection
  case_type: one of {community, licence, custody}
  rosh "RoSH classification at start": one of {low, medium, high, very_high}
  ppo "Prolific and priority offender": boolean
  mappa_level: integer, optional
  sentence_date: date

inspection inputs
  grade_4_1 "Leadership and planning": rating grade
  grade_4_2 "Performance against targets": rating grade
'''

BLOCK = re.compile(r"^```(crit)\n(.*?)^```", re.S | re.M)
DOCS = Path(__file__).resolve().parent.parent
ROOT = DOCS.parent


def pages() -> list[Path]:
    """Every page that may hold examples."""
    return sorted(DOCS.glob("*.md")) + [ROOT / "README.md", ROOT / "rules" / "README.md"] \
        + sorted(ROOT.glob("rules/*/NOTES.md")) + [ROOT / "editors" / "vscode" / "README.md"]


def is_whole(text: str) -> bool:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line.startswith(("framework", "include"))
    return False


def check_block(text: str, where: str) -> list[str]:
    source = text if is_whole(text) else WRAPPER + "\n" + text
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "example.crit"
        path.write_text(source, encoding="utf-8")
        result = check_file(path)
    out = []
    for d in result.diagnostics:
        line = d.span.line if d.span else "?"
        out.append(f"{where}: {d.severity.value}[{d.code}] {d.message} (line {line})")
    return out


def check_pages(files: list[Path]) -> tuple[int, list[str]]:
    """How many examples `files` hold, and every problem `critc check` finds in them."""
    problems, count = [], 0
    for file in files:
        text = file.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text[: match.start()].count("\n") + 1
            count += 1
            problems.extend(check_block(match.group(2), f"{file.name}:{line}"))
    return count, problems


def main(argv: list[str]) -> int:
    count, problems = check_pages([Path(a) for a in argv] or pages())
    for problem in problems:
        print(problem)
    print(f"{count} examples checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
