"""Fuzzer (a): framework text. Mutates every `.crit` file of the repository (byte, unicode,
line-ending, indentation, token and splice mutations) and frameworks generated from the
hypothesis strategies, then runs `critc check --format json` on it, and on a clean one
`critc fmt`, `critc graph --format json` and `critc compile`."""

from __future__ import annotations

import random
from pathlib import Path

import attrs

from . import contract, generated, mutations
from .minimise import minimise_text
from .workspace import REPO, Workspace, crit_files, digest

NAME = "framework"


@attrs.frozen
class FrameworkInput:
    folder: str  # where it sits (relative to the repo), so its includes resolve
    text: str


class FrameworkFuzzer:
    name = NAME

    def __init__(self, rng: random.Random, time_limit: float = contract.DEFAULT_TIME_LIMIT):
        self.rng = rng
        self.time_limit = time_limit
        self.seeds = [(str(p.parent), (REPO / p).read_text(encoding="utf-8", errors="replace"))
                      for p in crit_files()]
        self.generated: list[str] = []

    def _generated_text(self) -> str:
        if not self.generated:
            self.generated = generated.framework_texts(10, self.rng.randrange(2 ** 32))
        return self.generated.pop()

    def generate(self) -> FrameworkInput:
        if self.rng.random() < 0.25:
            folder, text = "fuzz", self._generated_text()
            if self.rng.random() < 0.3:
                return FrameworkInput(folder, text)
        else:
            folder, text = self.rng.choice(self.seeds)
        others = [t for _, t in self.rng.sample(self.seeds, 3)]
        return FrameworkInput(folder, mutations.mutate(self.rng, text, others)[0])

    def check(self, item: FrameworkInput, ws: Workspace) -> list[contract.Violation]:
        path = str(ws.write(Path(item.folder) / "fuzz_input.crit", item.text))
        outcome = contract.run_cli(["check", "--format", "json", path], self.time_limit)
        found = outcome.violations
        if outcome.code is not None:
            found += contract.json_location_violations(outcome.stdout)
        if outcome.code == 0:
            for argv in (["fmt", path], ["graph", "--format", "json", path],
                         ["compile", path, "-o", str(ws.path("fuzz_module.py"))]):
                found += contract.run_cli(argv, self.time_limit).violations
        return contract.unique(found)

    def minimise(self, item: FrameworkInput, still_fails, tests: int) -> FrameworkInput:
        text = minimise_text(item.text, lambda t: still_fails(attrs.evolve(item, text=t)),
                             tests)
        return attrs.evolve(item, text=text)

    def save(self, item: FrameworkInput, folder: Path) -> Path:
        """`<folder>/framework/<where it sat, / as +>__<digest>.crit`."""
        name = f"{item.folder.replace('/', '+')}__{digest(item.text)}.crit"
        path = folder / NAME / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.text.encode("utf-8", errors="surrogatepass"))
        return path

    @staticmethod
    def load(path: Path) -> FrameworkInput:
        folder = path.name.split("__")[0].replace("+", "/")
        return FrameworkInput(folder, path.read_bytes().decode("utf-8", errors="surrogatepass"))
