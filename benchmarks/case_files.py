"""The benchmark archive written as case files, spelt as a user's export would be.

Columns: case_ref (C0000000...), inspection (an integer), rosh (low...very_high),
custody (true/false), then one column per question holding the answer's code
(sufficient, insufficient, na) or nothing for a blank. CSV through pyarrow's writer;
Parquet with pyarrow's defaults (dictionary-encoded strings, snappy).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq


def _spelt(codes: np.ndarray, dictionary: list[str]) -> pa.Array:
    """Codes (-1 blank) as strings through a dictionary; a blank is null (written empty)."""
    codes = np.asarray(codes)
    indices = pa.array(np.where(codes < 0, 0, codes).astype(np.int8), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(indices, pa.array(dictionary)).cast(pa.string())


def case_table(spec: dict, table) -> pa.Table:
    n = table.n
    columns = {
        "case_ref": pa.array(np.char.add("C", np.char.zfill(np.arange(n).astype(str), 7))),
        "inspection": pa.array(table.fields["inspection"].astype(np.int64)),
        "rosh": _spelt(table.fields["rosh"], spec["rosh"]),
        "custody": _spelt(table.fields["custody"], ["false", "true"]),
    }
    for i, q in enumerate(spec["questions"]):
        columns[q] = _spelt(table.answers[:, i], spec["codes"])
    return pa.table(columns)


def write(spec: dict, table, folder: Path, stem: str = "cases") -> tuple[Path, Path]:
    """(CSV path, Parquet path) of the archive written under `folder`."""
    cases = case_table(spec, table)
    csv_path, parquet_path = folder / f"{stem}.csv", folder / f"{stem}.parquet"
    options = pa_csv.WriteOptions(quoting_style="none")
    pa_csv.write_csv(cases, csv_path, write_options=options)
    pq.write_table(cases, parquet_path)
    return csv_path, parquet_path
