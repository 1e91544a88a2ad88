"""Case files in every format from one recipe (a header, rows of cells, a type per column),
and reading any of them back neutrally (with the standard library, openpyxl and pyarrow,
not critc) so the oracle can judge what a file holds."""

from __future__ import annotations

import csv
import datetime
import io
import json
import random

import attrs

TEXT_FORMATS = ("csv", "jsonl", "json")
FORMATS = (*TEXT_FORMATS, "xlsx", "parquet")
SUFFIX = {"csv": ".csv", "jsonl": ".jsonl", "json": ".json", "xlsx": ".xlsx",
          "parquet": ".parquet"}
# column types a recipe may ask for (xlsx uses number, date, bool, formula; parquet all)
COLUMN_TYPES = ("string", "int64", "float64", "bool", "date32", "timestamp", "binary",
                "list", "struct", "null", "dictionary", "large_string", "formula", "number")


@attrs.define
class Recipe:
    header: list[str]
    rows: list[list[str | None]]
    types: dict[int, str] = attrs.Factory(dict)  # column index → a COLUMN_TYPES entry
    duplicate_key_row: int | None = None  # JSON: repeat a key in this row's object
    json_numbers: bool = False  # JSON: numeric-looking cells written unquoted

    def width(self) -> int:
        return len(self.header)


def from_csv(text: str, max_rows: int) -> Recipe:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return Recipe(rows[0], [[c if c != "" else None for c in r] for r in rows[1:max_rows + 1]])


def _objects_text(recipe: Recipe, rng_seed: int) -> list[str]:
    """Each row as a JSON object's text (keys in header order, blanks as null)."""
    rng = random.Random(rng_seed)
    out = []
    for index, row in enumerate(recipe.rows):
        pairs = [(k, row[i] if i < len(row) else None) for i, k in enumerate(recipe.header)]
        if recipe.duplicate_key_row == index and pairs:
            key, _ = rng.choice(pairs)
            pairs.append((key, rng.choice([p[1] for p in pairs])))
        parts = [f"{json.dumps(k, ensure_ascii=False)}: {_json_value(v, recipe)}"
                 for k, v in pairs]
        out.append("{" + ", ".join(parts) + "}")
    return out


def _json_value(value, recipe: Recipe) -> str:
    if recipe.json_numbers and isinstance(value, str) and _looks_numeric(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _looks_numeric(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return text.strip() == text and text[:1] in "-0123456789"


def to_bytes(recipe: Recipe, fmt: str) -> bytes:
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(recipe.header)
        writer.writerows([["" if c is None else c for c in row] for row in recipe.rows])
        return out.getvalue().encode("utf-8", errors="surrogatepass")
    if fmt == "jsonl":
        return "\n".join(_objects_text(recipe, 0)).encode("utf-8", errors="surrogatepass") + b"\n"
    if fmt == "json":
        return ("[\n" + ",\n".join(_objects_text(recipe, 0)) + "\n]\n").encode(
            "utf-8", errors="surrogatepass")
    if fmt == "xlsx":
        return _xlsx(recipe)
    return _parquet(recipe)


def _typed(value: str | None, kind: str):
    """A cell's text as a value of a column type (None where it does not convert)."""
    if value is None or kind in ("string", "large_string", "dictionary", "formula"):
        return value
    try:
        if kind == "int64":
            return int(value)
        if kind in ("float64", "number"):
            return float(value)
        if kind == "bool":
            return value.lower() in ("true", "yes", "1")
        if kind in ("date32", "timestamp"):
            day = datetime.date.fromisoformat(value)
            return day if kind == "date32" else datetime.datetime.combine(day, datetime.time())
    except (ValueError, OverflowError):
        return None
    if kind == "binary":
        return value.encode("utf-8", errors="surrogatepass")
    if kind == "list":
        return [value, value]
    if kind == "struct":
        return {"v": value}
    return None  # "null"


def _xlsx(recipe: Recipe) -> bytes:
    import openpyxl  # heavy: only when an Excel file is written

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([_xlsx_safe(h) for h in recipe.header])
    for row in recipe.rows:
        cells = []
        for i, value in enumerate(row):
            kind = recipe.types.get(i, "string")
            if kind == "formula" and value is not None:
                value = "=" + value if not value.startswith("=") else value
            cells.append(_typed(value, {"date32": "timestamp"}.get(kind, kind)))
        sheet.append([_xlsx_safe(c) for c in cells])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_safe(value):
    """openpyxl refuses control characters and lists; keep the rest as it is."""
    if isinstance(value, (list, dict, bytes)):
        return str(value)
    if isinstance(value, str):
        return "".join(c if c >= " " or c in "\t\n\r" else "?" for c in value)[:32000]
    return value


def _parquet(recipe: Recipe) -> bytes:
    import pyarrow as pa  # heavy: only when a Parquet file is written
    import pyarrow.parquet as pq

    columns = {}
    for i, name in enumerate(recipe.header):
        kind = recipe.types.get(i, "string")
        values = [_typed(row[i] if i < len(row) else None, kind) for row in recipe.rows]
        try:
            array = pa.array(values, type=pa.null() if kind == "null" else None)
            if kind == "dictionary":
                array = array.dictionary_encode()
            elif kind == "large_string":
                array = array.cast(pa.large_string())
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            array = pa.array([None if v is None else str(v) for v in values], type=pa.string())
        columns[f"{name}\x00{i}"] = array  # unique while building; renamed below
    table = pa.table(columns).rename_columns(recipe.header)
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


# ----------------------------------------------------------------------------- reading back
class Lexeme(str):
    """A JSON number kept as the text it was written as."""


class DuplicateKey(Exception):
    pass


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise DuplicateKey(next(k for k in keys if keys.count(k) > 1))
    return dict(pairs)


def read_back(data: bytes, fmt: str) -> tuple[list[str], list[list], list[str]]:
    """(header, rows, structural problems) of a file, read without critc. Cells are str
    (JSON numbers as `Lexeme`), None, or other Python values from typed cells; a problem is
    something the file holds that must be an error (a duplicate JSON key, an Excel formula
    without a value). Unreadable files give no rows: critc must then refuse them anyway."""
    try:
        if fmt in TEXT_FORMATS:
            text = data.decode("utf-8")
            if text.startswith("\ufeff"):
                text = text[1:]
            if fmt == "csv":
                rows = list(csv.reader(io.StringIO(text, newline="")))
                return (rows[0], rows[1:], []) if rows else ([], [], [])
            return _read_json_back(text, fmt)
        if fmt == "xlsx":
            return _read_xlsx_back(data)
        return _read_parquet_back(data)
    except DuplicateKey as exc:
        return [], [], [f"duplicate JSON key `{exc}`"]
    except Exception:  # noqa: BLE001 - unreadable here: no expectations about its cells
        return [], [], []


def _read_json_back(text: str, fmt: str):
    load = lambda s: json.loads(s, object_pairs_hook=_no_duplicates,  # noqa: E731
                                parse_float=Lexeme, parse_int=Lexeme)
    if fmt == "jsonl":
        objects = [load(line) for line in text.splitlines() if line.strip()]
    else:
        objects = load(text)
        if isinstance(objects, dict):
            objects = list(objects.values())
    objects = [o for o in objects if isinstance(o, dict)]
    header = list(dict.fromkeys(k for o in objects for k in o))
    return header, [[o.get(k) for k in header] for o in objects], []


def _read_xlsx_back(data: bytes):
    import openpyxl  # heavy: only when an Excel file is read

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    problems = [f"formula cell {v!r} with no cached value" for r in rows[1:] for v in r
                if isinstance(v, str) and v.startswith("=")]
    header = [str(h) if h is not None else "" for h in rows[0]] if rows else []
    return header, rows[1:], problems


def _read_parquet_back(data: bytes):
    import pyarrow.parquet as pq  # heavy: only when a Parquet file is read

    table = pq.read_table(io.BytesIO(data))
    columns = [c.to_pylist() for c in table.columns]
    return table.column_names, [list(r) for r in zip(*columns, strict=True)], []
