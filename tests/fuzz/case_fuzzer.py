"""Fuzzer (b): case and inputs files in every format (CSV, JSON Lines, JSON, XLSX,
Parquet), built from the repository's case files with structural mutations (odd numbers
and dates, surrounding whitespace and CRs, huge and odd cells, many or duplicate columns,
list/struct/typed columns, formula cells, duplicate JSON keys, duplicate rows) and, for the
text formats, byte and line-ending mutations and odd encodings; scored with `critc score`
against the frameworks in rules/, examples/demo/ and this harness's `typed.crit`."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import attrs
from critc.compiler.check.passes import check_file

from . import case_files, contract, mutations, oracle
from .case_files import Recipe
from .minimise import ddmin, minimise_text
from .workspace import REPO, Workspace, digest

NAME = "cases"
# target → (framework, case file, inputs file or None), relative to the repository (the
# harness's own files, under tests/fuzz/frameworks/, sit at fuzz/ in the workspace)
TARGETS = {
    "demo": ("examples/demo/framework.crit", "examples/demo/cases.csv",
             "examples/demo/inputs.csv"),
    "typed": ("fuzz/typed.crit", "fuzz/cases.csv", "fuzz/inputs.csv"),
    **{name: (f"rules/{name}/{name}.crit", f"rules/{name}/cases.csv",
              f"rules/{name}/inputs.csv" if name != "iaow-2014" else None)
       for name in ("esi-2006", "iaow-2014", "omi-2008", "omi-2012", "probation-2018")},
}
ODD = {
    "number": ["1_000", "１２", "1e-400", "٣", " 6", "6 ", "+6", "1e3", ".5e1", "6.", "\xa06",
               "NaN", "inf", "-0", "0x10", "1,5", "--1", "1e308", "9" * 400, "6\r"],
    "integer": ["1e1", "1_0", "7e0", "7.", "9007199254740993", "1e308", "+7", "０", "٣",
                " 7", "7\r", "7.0", "7.5", "-", "99999999999999999999999"],
    "date": ["20230601", "2023-W22-4", "2023-6-1", " 2023-06-01", "2023-06-01T00:00",
             "2023-02-30", "２０２３-06-01", "2023-06-01\r", "0000-01-01", "9999-12-31",
             "+2023-06-01", "2023-06-01Z"],
}
SPACES = [" ", "\r", "\xa0", "\t", "\n", "\u2028", "\x85", "\u3000", "\r\n"]


@attrs.frozen
class CaseInput:
    target: str
    role: str  # "cases" or "inputs": which file of the target it replaces
    fmt: str
    data: bytes
    recipe: Recipe | None = attrs.field(default=None, eq=False)  # to shrink XLSX/Parquet


@functools.lru_cache(maxsize=None)
def column_kinds(target: str, role: str) -> tuple[dict[str, str], str | None]:
    """(column → cell kind, inspection column) of a target's cases or inputs file."""
    framework = TARGETS[target][0]
    source = REPO / "tests/fuzz/frameworks" / Path(framework).name \
        if framework.startswith("fuzz/") else REPO / framework
    fw = check_file(str(source)).framework
    key = next((f.id for f in fw.fields.values() if "inspection" in f.roles), None)
    if role == "inputs":
        kinds = {f.id: f.cell_kind for f in fw.inputs}
        return ({**kinds, key: "text"} if key else kinds), key
    kinds = {f.id: f.cell_kind for f in fw.case_fields}
    return {**kinds, **{q: "answer" for q in fw.questions}}, None


class CaseFuzzer:
    name = NAME

    def __init__(self, rng: random.Random, time_limit: float = contract.DEFAULT_TIME_LIMIT):
        self.rng = rng
        self.time_limit = time_limit

    # ------------------------------------------------------------------ generating
    def generate(self) -> CaseInput:
        rng = self.rng
        target = rng.choice(sorted(TARGETS))
        role = "inputs" if TARGETS[target][2] and rng.random() < 0.25 else "cases"
        fmt = rng.choice(["csv", "csv", "jsonl", "json", "xlsx", "parquet", "parquet"])
        seed_file = TARGETS[target][1 if role == "cases" else 2]
        text = (self._seed_path(seed_file)).read_text(encoding="utf-8")
        recipe = case_files.from_csv(text, max_rows=rng.choice([3, 10, 25]))
        kinds = column_kinds(target, role)[0]
        for _ in range(rng.randint(1, 3)):
            rng.choice(TABLE_MUTATIONS)(rng, recipe, kinds, fmt)
        try:
            data = case_files.to_bytes(recipe, fmt)
        except Exception:  # noqa: BLE001 - a recipe the writing library refuses: CSV then
            fmt = "csv"
            data = case_files.to_bytes(recipe, fmt)
        if fmt in case_files.TEXT_FORMATS and rng.random() < 0.3:
            data = text_mutation(rng, data)
        keep = recipe if fmt not in case_files.TEXT_FORMATS else None
        return CaseInput(target, role, fmt, data, keep)

    @staticmethod
    def _seed_path(relative: str) -> Path:
        if relative.startswith("fuzz/"):
            return REPO / "tests/fuzz/frameworks" / Path(relative).name
        return REPO / relative

    # ------------------------------------------------------------------ checking
    def check(self, item: CaseInput, ws: Workspace) -> list[contract.Violation]:
        framework, cases, inputs = TARGETS[item.target]
        written = str(ws.write(f"fuzz_cases/input{case_files.SUFFIX[item.fmt]}", item.data))
        if item.role == "cases":
            cases = written
        else:
            inputs = written
        argv = ["score", str(ws.path(framework)), str(ws.path(cases)), "--format", "json"]
        if inputs:
            argv += ["--inputs", str(ws.path(inputs))]
        outcome = contract.run_cli(argv, self.time_limit)
        found = list(outcome.violations)
        if outcome.code == 0:
            kinds, key = column_kinds(item.target, item.role)
            header, rows, problems = case_files.read_back(item.data, item.fmt)
            reasons = oracle.must_fail_reasons(header, rows, problems, kinds, key)
            if reasons:
                found.append(contract.Violation(contract.COERCION, reasons[0],
                                                coercion_class(reasons[0])))
        return contract.unique(found)

    # ------------------------------------------------------------------ shrinking, corpus
    def minimise(self, item: CaseInput, still_fails, tests: int) -> CaseInput:
        if item.recipe is None:  # a text format: shrink its bytes (as latin-1 text)
            text = minimise_text(
                item.data.decode("latin-1"),
                lambda t: still_fails(attrs.evolve(item, data=t.encode("latin-1"))), tests)
            return attrs.evolve(item, data=text.encode("latin-1"))
        budget = [tests]

        def build(recipe: Recipe) -> CaseInput:
            return attrs.evolve(item, data=case_files.to_bytes(recipe, item.fmt), recipe=recipe)

        recipe = item.recipe
        rows = ddmin(recipe.rows, lambda rs: still_fails(build(attrs.evolve(recipe, rows=rs))),
                     budget)
        recipe = attrs.evolve(recipe, rows=rows)
        columns = ddmin(list(range(recipe.width())),
                        lambda cs: still_fails(build(only_columns(recipe, cs))), budget)
        return build(only_columns(recipe, columns))

    def save(self, item: CaseInput, folder: Path) -> Path:
        """`<folder>/cases/<target>__<role>__<digest>.<format suffix>`."""
        name = f"{item.target}__{item.role}__{digest(item.data)}{case_files.SUFFIX[item.fmt]}"
        path = folder / NAME / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.data)
        return path

    @staticmethod
    def load(path: Path) -> CaseInput:
        target, role, _ = path.name.split("__")
        fmt = next(f for f, s in case_files.SUFFIX.items() if s == path.suffix)
        return CaseInput(target, role, fmt, path.read_bytes())


def coercion_class(reason: str) -> str:
    for word in ("whitespace", "number", "integer", "date", "JSON key", "formula", "two rows"):
        if word in reason:
            return word
    return "other"


def only_columns(recipe: Recipe, columns: list[int]) -> Recipe:
    return Recipe([recipe.header[c] for c in columns],
                  [[row[c] if c < len(row) else None for c in columns] for row in recipe.rows],
                  {new: recipe.types[old] for new, old in enumerate(columns)
                   if old in recipe.types}, recipe.duplicate_key_row, recipe.json_numbers)


# ----------------------------------------------------------------------------- mutations
def _cell_at(rng: random.Random, recipe: Recipe, columns: list[int]) -> tuple[int, int] | None:
    if not recipe.rows or not columns:
        return None
    row = rng.randrange(len(recipe.rows))
    col = rng.choice(columns)
    while len(recipe.rows[row]) <= col:
        recipe.rows[row].append(None)
    return row, col


def odd_value(rng, recipe: Recipe, kinds, fmt) -> None:
    typed = [i for i, h in enumerate(recipe.header) if kinds.get(h) in ODD]
    place = _cell_at(rng, recipe, typed or list(range(recipe.width())))
    if place:
        kind = kinds.get(recipe.header[place[1]], "number")
        recipe.rows[place[0]][place[1]] = rng.choice(ODD.get(kind, ODD["number"]))


def surrounding_space(rng, recipe: Recipe, kinds, fmt) -> None:
    typed = [i for i, h in enumerate(recipe.header) if kinds.get(h) not in (None, "text")]
    place = _cell_at(rng, recipe, typed)
    if place:
        row, col = place
        value = recipe.rows[row][col] or "x"
        space = rng.choice(SPACES)
        recipe.rows[row][col] = rng.choice([value + space, space + value])


def odd_cell(rng, recipe: Recipe, kinds, fmt) -> None:
    place = _cell_at(rng, recipe, list(range(recipe.width())))
    if place:
        value = rng.choice(["", "x" * rng.choice([1000, 70000, 300000]), "\x00", "=1+1",
                            "@SUM(A1)", '"', "\ufeff", "null", "None", "NaN", "true"])
        if rng.random() < 0.5:
            value = mutations.unicode_mutation(rng, recipe.rows[place[0]][place[1]] or "")
        recipe.rows[place[0]][place[1]] = value


def many_columns(rng, recipe: Recipe, kinds, fmt) -> None:
    count = rng.choice([30, 2000, 20000 if fmt in ("csv", "parquet") else 2000])
    recipe.header += [f"extra_{i}" for i in range(count)]
    for row in recipe.rows:
        row += [None] * (len(recipe.header) - count - len(row)) + ["1"] * count


def header_mutation(rng, recipe: Recipe, kinds, fmt) -> None:
    if not recipe.header:
        return
    col = rng.randrange(recipe.width())
    kind = rng.randrange(4)
    if kind == 0:
        recipe.header.append(recipe.header[col])  # a duplicate column
        for row in recipe.rows:
            row.append(row[col] if col < len(row) else None)
    elif kind == 1:
        recipe.header[col] = rng.choice(["", " ", recipe.header[col] + " ",
                                         recipe.header[col].upper(), "\ufeff" + recipe.header[col]])
    elif kind == 2:
        del recipe.header[col]
        for row in recipe.rows:
            del row[col:col + 1]
    else:
        recipe.header[col] = mutations.unicode_mutation(rng, recipe.header[col])


def row_mutation(rng, recipe: Recipe, kinds, fmt) -> None:
    if not recipe.rows:
        return
    kind = rng.randrange(4)
    n = rng.randrange(len(recipe.rows))
    if kind == 0:
        recipe.rows.insert(n, list(recipe.rows[n]))  # a duplicate row
    elif kind == 1:
        del recipe.rows[rng.randrange(len(recipe.rows)):]
    elif kind == 2:  # a ragged row
        recipe.rows[n] = recipe.rows[n][:rng.randrange(recipe.width() + 1)] \
            + ["x"] * rng.randint(0, 2)
    else:
        rng.shuffle(recipe.rows)


def structure_mutation(rng, recipe: Recipe, kinds, fmt) -> None:
    """Typed, list and struct columns; formula cells; duplicate keys; JSON numbers."""
    if fmt in ("jsonl", "json"):
        if recipe.rows and rng.random() < 0.5:
            recipe.duplicate_key_row = rng.randrange(len(recipe.rows))
        else:
            recipe.json_numbers = True
        return
    if fmt == "csv" or not recipe.header:
        return odd_value(rng, recipe, kinds, fmt)
    col = rng.randrange(recipe.width())
    if fmt == "xlsx":
        recipe.types[col] = rng.choice(["formula", "formula", "number", "timestamp", "bool"])
    else:
        recipe.types[col] = rng.choice(["list", "struct", "int64", "float64", "bool",
                                        "date32", "timestamp", "binary", "null",
                                        "dictionary", "large_string"])


TABLE_MUTATIONS = [odd_value, odd_value, surrounding_space, odd_cell, many_columns,
                   header_mutation, row_mutation, structure_mutation, structure_mutation]


def text_mutation(rng: random.Random, data: bytes) -> bytes:
    """Line endings, a BOM, another encoding, or damaged bytes, of a text case file."""
    text = data.decode("utf-8", errors="surrogatepass")
    kind = rng.randrange(5)
    if kind == 0:
        return mutations.line_ending_mutation(rng, text).encode("utf-8", errors="surrogatepass")
    if kind == 1:
        return b"\xef\xbb\xbf" + data
    if kind == 2:
        encoding = rng.choice(["utf-16", "utf-16-le", "latin-1", "cp1252", "utf-32"])
        return text.encode(encoding, errors="replace")
    if kind == 3:
        return mutations.byte_mutation(rng, text).encode("utf-8")
    return mutations.splice_mutation(rng, text, []).encode("utf-8", errors="surrogatepass")
