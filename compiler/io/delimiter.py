"""A CSV file separated by something other than commas: Excel saves "CSV" with semicolons
where the computer's language writes decimal commas (French, German, Dutch, ...), and some
exports separate values with tabs. Read with commas, such a file's header is one column
holding every name; that is reported as what it is, rather than as every column missing.
"""

from __future__ import annotations

from critc.compiler.io.tables import RecordsError, clip, where
from critc.dsl.diagnostics import error

SEPARATORS = {";": "semicolons (`;`)", "\t": "tabs"}


def check_delimiter(header: list[str], shown: str) -> None:
    """Refuse a CSV header that is one column holding semicolons or tabs between names."""
    if len(header) != 1:
        return
    found = [sep for sep in SEPARATORS if sep in header[0]]
    if not found:
        return
    separator = max(found, key=header[0].count)
    names = header[0].split(separator)
    raise RecordsError(error(
        "wrong-delimiter", f"`{shown}` separates its values with {SEPARATORS[separator]}, "
        f"not commas: its header is one column, `{clip(header[0])}`", where(shown, 1, 1),
        hint=f"save it as comma-separated CSV, so that the header is `{clip(','.join(names))}` "
        "(in Excel: Save As, 'CSV UTF-8 (Comma delimited)'), or save it as .xlsx"
        + (WHY_SEMICOLONS if separator == ";" else "")))


WHY_SEMICOLONS = "; Excel separates with semicolons where the computer's language writes " \
    "decimal commas"
