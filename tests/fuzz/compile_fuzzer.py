"""Fuzzer (c): names and text that reach a generated module. A small framework whose file
name, included file name (and `include` string), field and question ids, labels, titles,
descriptions and source hold newlines, quotes, backslashes, `\\u2028`, `\\x85`, form feeds
and Python payloads; `critc compile` it, then check the module is valid Python, holds no
payload as code (tokenize), and sets no sentinel when imported and run in a subprocess."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import tokenize
from pathlib import Path

import attrs
from critc.dsl.printer import quote

from . import contract
from .minimise import minimise_text
from .workspace import Workspace, digest

NAME = "compile"
SENTINEL = "CRITC_FUZZ_PWNED"
MARKER = "pwned_marker_7f"  # a name only injected code would use
PAYLOADS = [
    f"import os; os.environ['{SENTINEL}'] = '1'; {MARKER} = 1",
    f"__import__('os').environ.__setitem__('{SENTINEL}', '1')",
    f"{MARKER} = __import__('os').environ.setdefault('{SENTINEL}', '1')",
]
BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d",
          "\x1e", '"', "'", "'''", '"""', "\\", "\\n", "#", "{", "}", "%s", "\x00", "\t"]
WRITABLE_BREAKS = [b for b in BREAKS if "\r" not in b and b != "\x00"]
IDS = {"case_ref": ["case_ref", "class", "def", "np", "score", "_score_case", "None"],
       "area": ["area", "import", "lambda", "self", "inputs", "True"],
       "q": ["1.1a", "while", "for", "x0", "1.1_", "return"]}
TEMPLATE = '''framework "{name}" version "{version}"
  description "{description}"
  source "{source}"

include "{include}"

case fields
  {case_ref} "{field_title}": text, case id
  {area} "Area": text, inspection
    description "{field_description}"

section 1 "{section_title}" = mean of its criteria
  criterion 1.1 "Criterion" = mean(questions)
    question {q} "{question_text}"
      description "{question_description}"

band b "{band_title}"
  on all sections
  50% and above: "{label_good}"
  otherwise: "{label_bad}"
'''
INCLUDED = '''scale yesno "{scale_title}"
  yes "{yes_label}" above the line
  no "No"
'''
TEXT_SLOTS = ("name", "version", "description", "source", "field_title", "field_description",
              "section_title", "question_text", "question_description", "band_title",
              "label_good", "label_bad", "scale_title", "yes_label")


@attrs.frozen
class CompileInput:
    file_name: str  # the framework's file name
    include: str  # the included file's name (also the `include` string)
    texts: dict[str, str]  # slot → text as the user meant it (escaped when written)
    ids: dict[str, str]  # case_ref, area, q → identifiers used


def crit_string(text: str) -> str:
    """Text as the inside of a framework string literal (the formatter's escapes)."""
    return quote(text)[1:-1]


def safe_file_name(name: str) -> str:
    name = name.replace("/", "_").replace("\x00", "_")[:60]
    return name if name not in ("", ".", "..") else name + "_f"


class CompileFuzzer:
    name = NAME

    def __init__(self, rng: random.Random, time_limit: float = contract.DEFAULT_TIME_LIMIT):
        self.rng = rng
        self.time_limit = time_limit

    def hostile(self, in_crit: bool) -> str:
        """Text with line breaks, quotes and a payload. Text written inside the framework
        mostly leaves out NUL and CR, which make it unreadable (a diagnostic, not a module)."""
        rng = self.rng
        breaks = BREAKS if not in_crit or rng.random() < 0.05 else WRITABLE_BREAKS
        parts = [rng.choice(["x", "", "é", "a b"])]
        for _ in range(rng.randint(1, 3)):
            parts += [rng.choice(breaks), rng.choice(PAYLOADS + ["", "#", "x"]),
                      rng.choice(breaks)]
        return "".join(parts)

    def generate(self) -> CompileInput:
        rng = self.rng
        hostile_slots = rng.sample(TEXT_SLOTS, rng.randint(0, 3))
        texts = {slot: self.hostile(True) if slot in hostile_slots else "plain"
                 for slot in TEXT_SLOTS}
        ids = {k: rng.choice(v) for k, v in IDS.items()}
        return CompileInput(
            file_name=(self.hostile(False) if rng.random() < 0.6 else "framework") + ".crit",
            include=(self.hostile(True) if rng.random() < 0.6 else "scales") + ".crit",
            texts=texts, ids=ids)

    def write(self, item: CompileInput, ws: Workspace) -> Path:
        folder = ws.path(f"fuzz_compile/{digest(repr(item))}")
        folder.mkdir(parents=True, exist_ok=True)
        include = safe_file_name(item.include)
        (folder / include).write_text(
            INCLUDED.format(**{k: crit_string(v) for k, v in item.texts.items()}),
            encoding="utf-8", errors="surrogatepass")
        main = folder / safe_file_name(item.file_name)
        if main.name == include:
            main = folder / ("main_" + main.name)
        values = {k: crit_string(v) for k, v in item.texts.items()}
        main.write_text(TEMPLATE.format(include=crit_string(include), **item.ids, **values),
                        encoding="utf-8", errors="surrogatepass")
        return main

    def check(self, item: CompileInput, ws: Workspace) -> list[contract.Violation]:
        try:
            framework = self.write(item, ws)
        except OSError:  # a name this file system refuses: nothing to test
            return []
        module = framework.parent / "generated_module.py"
        outcome = contract.run_cli(["compile", str(framework), "-o", str(module)],
                                   self.time_limit)
        found = list(outcome.violations)
        if outcome.code == 0:
            found += module_violations(module, item, self.time_limit)
        return contract.unique(found)

    def minimise(self, item: CompileInput, still_fails, tests: int) -> CompileInput:
        for field in ("file_name", "include"):
            value = minimise_text(getattr(item, field),
                                  lambda t, f=field, i=item: still_fails(attrs.evolve(i, **{f: t})),
                                  tests // 4)
            item = attrs.evolve(item, **{field: value})
        for slot in TEXT_SLOTS:
            if item.texts[slot] != "plain" and still_fails(
                    attrs.evolve(item, texts={**item.texts, slot: "plain"})):
                item = attrs.evolve(item, texts={**item.texts, slot: "plain"})
        return item

    def save(self, item: CompileInput, folder: Path) -> Path:
        text = json.dumps(attrs.asdict(item), indent=1, ensure_ascii=True)
        path = folder / NAME / f"{digest(text)}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        return path

    @staticmethod
    def load(path: Path) -> CompileInput:
        return CompileInput(**json.loads(path.read_text(encoding="utf-8")))


def module_violations(module: Path, item: CompileInput, seconds: float
                      ) -> list[contract.Violation]:
    """Valid Python; the marker never a name token; the sentinel unset after running it."""
    source = module.read_text(encoding="utf-8")
    try:
        compile(source, str(module), "exec")
    except SyntaxError as exc:
        return [contract.Violation(contract.INJECTION, f"module is not valid Python: {exc.msg} "
                                   f"(line {exc.lineno})", "syntax")]
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    if any(t.type == tokenize.NAME and t.string == MARKER for t in tokens):
        return [contract.Violation(contract.INJECTION, "user text became code in the module",
                                   "marker")]
    return _run_module(module, item, seconds)


RUNNER = """import importlib.util, json, os, sys
spec = importlib.util.spec_from_file_location('generated', sys.argv[1])
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
ids = json.loads(sys.argv[2])
mod.score({ids['case_ref']: ['c1'], ids['area']: ['A'], ids['q']: ['yes']})
mod.score_case({ids['case_ref']: 'c1', ids['area']: 'A', ids['q']: 'yes'})
print('PWNED' if os.environ.get(sys.argv[3]) else 'clean')
"""


def _run_module(module: Path, item: CompileInput, seconds: float) -> list[contract.Violation]:
    env = {k: v for k, v in os.environ.items() if k != SENTINEL}
    try:
        done = subprocess.run([sys.executable, "-c", RUNNER, str(module), json.dumps(item.ids),
                               SENTINEL], env=env, capture_output=True, text=True,
                              timeout=seconds + 20)
    except subprocess.TimeoutExpired:
        return [contract.Violation(contract.HANG, "importing the module timed out", "import")]
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1][:200]
        return [contract.Violation(contract.CRASH, f"importing or running the module: {last}",
                                   "module " + last.split(":")[0])]
    if done.stdout.strip() != "clean":
        return [contract.Violation(contract.INJECTION, "the sentinel was set by the module",
                                   "sentinel")]
    return []
