"""JSON and JSON Lines case records: objects of text, numbers, true/false and null, each
value as the text of a cell (numbers written as number cells are); a key given twice in
one object is refused."""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

import pyarrow as pa
from critc.compiler.io.tables import (
    BATCH_ROWS,
    Progress,
    Records,
    RecordsError,
    check_columns,
    clip,
    empty,
    no_progress,
    table_records,
    where,
    with_rows,
)
from critc.compiler.model.cells import number_text
from critc.dsl.diagnostics import error
from critc.dsl.source import decode_text, read_file


def read_text(path: Path, shown: str) -> str:
    """A whole file as text: not empty, not binary, UTF-8."""
    data, problem = read_file(path, shown)
    if data is None:
        raise RecordsError(problem)
    if not data.strip():
        raise empty(shown)
    if b"\x00" in data[:65536]:
        raise RecordsError(error("not-text", f"`{shown}` is a binary file, not text",
                                 where(shown, 1, 1),
                                 hint="save case records as UTF-8 CSV or JSON Lines, or use "
                                 ".xlsx/.parquet"))
    text, problem = decode_text(data, shown,
                                hint="re-save the file as UTF-8 (in Excel: 'CSV UTF-8')")
    if text is None:
        raise RecordsError(problem)
    return text


def json_text(value, shown: str, row: int, column: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.date):  # a date written unquoted in YAML
        return value.isoformat()
    raise RecordsError(error("malformed-records", f"column `{clip(column)}` holds a nested value",
                             where(shown, row, 1), hint="each value must be text, a number, "
                             "true/false or null"))


def from_objects(objects: list[tuple[int, dict]], shown: str, lines: bool = False
                 ) -> pa.Table:
    columns: dict[str, list] = {}
    for index, (line, obj) in enumerate(objects):
        for key, value in obj.items():
            column = columns.setdefault(key, [None] * index)
            column.append(json_text(value, shown, line, key))
        check_columns(len(columns), shown, line if lines else 1)
        for column in columns.values():
            if len(column) < index + 1:
                column.append(None)
    if not objects:
        raise empty(shown, 1, "holds no cases")
    table = pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()})
    return with_rows(table, [line for line, _ in objects]) if lines else table


def records_table(objects: list[dict], shown: str) -> pa.Table:
    """Case records given as a list of mappings (e.g. inline in a test file) as a table;
    row numbers count from 1, one per record."""
    return from_objects([(i, o) for i, o in enumerate(objects, start=1)], shown, lines=True)


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _object(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object, refusing a key given twice (json would keep the last silently)."""
    out = dict(pairs)
    if len(out) < len(pairs):
        keys = [k for k, _ in pairs]
        raise _DuplicateKey(next(k for i, k in enumerate(keys) if k in keys[:i]))
    return out


class _Unholdable(Exception):
    """A JSON number that a float cannot hold: too small (it would read as 0) or too large."""

    def __init__(self, literal: str):
        super().__init__(literal)
        self.literal = literal


def _json_float(literal: str) -> float:
    """A JSON number with a fraction or exponent, refusing one a float cannot hold: `1e-400`
    would silently read as 0 and `1e400` as infinity."""
    value = float(literal)
    mantissa = literal.lower().split("e")[0]
    if not math.isfinite(value) or (value == 0 and any(c in "123456789" for c in mantissa)):
        raise _Unholdable(literal)
    return value


def parse_json(text: str, shown: str, line: int = 1, what: str = "not JSON",
               hint: str | None = None):
    """JSON text parsed with duplicate keys refused; problems raised as RecordsError, with
    `line` the line the text starts on."""
    try:
        return json.loads(text, object_pairs_hook=_object, parse_float=_json_float)
    except _Unholdable as exc:
        offset = text.find(exc.literal)
        raise RecordsError(error(
            "invalid-value", f"the number `{clip(exc.literal)}` cannot be held: it would read "
            "as 0 or as infinity", where(shown, line + text.count("\n", 0, offset),
                                         offset - text.rfind("\n", 0, offset)),
            hint="write the value as decimal digits, e.g. 0.25")) from None
    except _DuplicateKey as exc:
        quoted = json.dumps(exc.key, ensure_ascii=False)
        second = text.find(quoted, text.find(quoted) + 1)
        at = (line + text.count("\n", 0, second), second - text.rfind("\n", 0, second)) \
            if second >= 0 else (line, 1)
        raise RecordsError(error("duplicate-key", f"key `{clip(exc.key)}` appears twice in "
                                 "one object", where(shown, *at), hint="each column of a "
                                 "record is given once; remove one of them")) from None
    except json.JSONDecodeError as exc:
        raise RecordsError(error("malformed-records", f"{what}: {exc.msg}",
                                 where(shown, line + exc.lineno - 1, exc.colno),
                                 hint=hint)) from None
    except (ValueError, RecursionError) as exc:  # a number of over 4,300 digits; deep nesting
        raise RecordsError(error("malformed-records", f"{what}: {clip(str(exc))}",
                                 where(shown, line, 1))) from None


def read_jsonl(path: Path, shown: str, progress: Progress = no_progress) -> Records:
    text = read_text(path, shown)
    objects = []
    lines = text.splitlines()
    for line_no, line in enumerate(lines, start=1):
        if line_no % 10000 == 0:
            progress(line_no / len(lines))
        if not line.strip():
            continue
        obj = parse_json(line, shown, line_no, f"line {line_no} is not JSON",
                         hint="JSON Lines holds one JSON object per line")
        if not isinstance(obj, dict):
            raise RecordsError(error("malformed-records", f"line {line_no} is not a JSON object",
                                     where(shown, line_no, 1)))
        objects.append((line_no, obj))
    return table_records(from_objects(objects, shown, lines=True))


def read_json(path: Path, shown: str) -> Records:
    data = parse_json(read_text(path, shown), shown)
    if isinstance(data, dict):  # {"inspection key": {...}, ...}
        data = [dict(v, **{"": k}) if isinstance(v, dict) else v for k, v in data.items()]
    if not isinstance(data, list) or not all(isinstance(o, dict) for o in data):
        raise RecordsError(error("malformed-records", "expected a list of objects",
                                 where(shown, 1, 1)))
    return table_records(from_objects([(i + 1, o) for i, o in enumerate(data)], shown))


__all__ = ["BATCH_ROWS", "read_json", "read_jsonl", "records_table"]
