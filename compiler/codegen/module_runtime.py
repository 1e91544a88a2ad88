"""The fixed part of every generated scoring module: reading records and running steps.

`critc compile` copies this file (below the import line) and `runtime.py` into each
module, after the framework's tables. It imports only NumPy and the standard library, and
takes the framework's tables as arguments, so it stands alone and is tested as it is.
The functions under "one case" serve the generated `score_case`, which is plain Python.

Cells are read by the rules of `model/cells.py`, which `critc compile` copies into the
module before this file; the import below (dropped from the copy) finds them when this
file is imported as it is, in critc's tests.
"""

import datetime  # noqa: I001 - cells' import stays above numpy's, where the copy starts
import math

from critc.compiler.model.cells import BOOLEANS, EPOCH, is_blank, number_text, read_cell

import numpy as np


class ScoringError(ValueError):
    """Records that cannot be scored, or a figure that failed (naming its framework line)."""


def _text(value):
    """A cell as text, the way critc's readers see it; None for a blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    text = str(value)
    return None if is_blank(text) else text


def _encode_one(kind, spellings, text, where):
    """One cell → its code (int, -1 blank) or number (float, NaN blank)."""
    if text is None:
        return math.nan if kind in ("number", "integer", "date") else -1
    if kind in ("enum", "rating", "answer"):
        if text in spellings:
            return spellings[text]
    elif kind in ("boolean", "number", "integer", "date"):
        value = read_cell(kind, text)
        if value is not None:
            return value
    elif kind == "text":
        return text
    raise ScoringError(f"{where}: {text!r} is not a valid value")


def as_columns(records):
    """A dict of columns, or a list of dicts (rows), as (number of rows, dict of lists)."""
    if isinstance(records, dict):
        columns = {k: v if isinstance(v, list) else list(v) for k, v in records.items()}
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            raise ScoringError("the columns have different lengths")
        return (lengths.pop() if lengths else 0), columns
    rows = list(records)
    names = []
    for row in rows:
        for name in row:
            if name not in names:
                names.append(name)
    return len(rows), {name: [row.get(name) for row in rows] for name in names}


# Cells of these types that compare equal are read alike, so a column of them can be read
# one distinct value at a time (True == 1, but True reads as "true" and 1 as "1").
_PLAIN = {str, int, float, type(None), datetime.date, datetime.datetime}
_TEXT = {str, type(None)}


def _encode_column(kind, spellings, column, name, dtype=None):
    """A column's codes (or numbers, or texts), each distinct cell read once: an array of
    `dtype`, or a list if no dtype is given. Cells spelt exactly as the scale or field
    declares them are looked up straight away."""
    if dtype is not None and kind not in ("number", "integer", "date"):
        known = {text: code for text, code in (spellings or BOOLEANS).items()}
        known[None] = known[""] = -1
        try:
            return np.fromiter(map(known.__getitem__, column), dtype=dtype, count=len(column))
        except (KeyError, TypeError):  # another spelling, or an unhashable cell
            pass
    try:
        distinct = dict.fromkeys(column)
    except TypeError:  # an unhashable cell
        distinct = None
    if distinct is not None and not set(map(type, distinct)) <= _TEXT:
        types = set(map(type, column))  # a key may stand for equal cells of other types
        if not (types <= _PLAIN or types <= {bool, str, type(None)}):
            distinct = None
    if distinct is None:
        values = [_encode_one(kind, spellings, _text(v), f"row {i + 1}, column {name!r}")
                  for i, v in enumerate(column)]
        return values if dtype is None else np.asarray(values, dtype=dtype)
    codes = {}
    for value in distinct:
        try:
            codes[value] = _encode_one(kind, spellings, _text(value), "")
        except ScoringError:
            row = next(i for i, v in enumerate(column) if v is value or v == value)
            raise ScoringError(f"row {row + 1}, column {name!r}: {_text(value)!r} is not "
                               "a valid value") from None
    if dtype is None:
        return [codes[v] for v in column]
    return np.fromiter(map(codes.__getitem__, column), dtype=dtype, count=len(column))


def encode(columns, n, fields, questions, scales, text_inputs=None, text_fields=None):
    """Encode every case field and answer. Text fields share one vocabulary, so two text
    fields (or a text field and a text constant) compare by the same codes. `text_inputs`
    ({input: its texts}) adds text inspection inputs to that vocabulary; `text_fields`, if
    given, are the only text fields encoded (any text is valid, so others need no check)."""
    encoded, raw = {}, {}
    for name, kind, spellings in fields:
        if kind == "text" and text_fields is not None and name not in text_fields:
            continue
        if name not in columns:
            encoded[name] = np.full(n, math.nan if kind in ("number", "integer", "date") else -1)
        elif kind == "text":
            raw[name] = _encode_column(kind, spellings, columns[name], name)
        else:
            dtype = float if kind in ("number", "integer", "date") else np.int32
            encoded[name] = _encode_column(kind, spellings, columns[name], name, dtype)
    texts = [*raw.values(), *(text_inputs or {}).values()]
    words = sorted({v for values in texts for v in set(values) if v is not None and v != -1})
    index = {w: i for i, w in enumerate(words)}
    index[-1] = -1
    vocab = {name: words for name in text_inputs or {}}
    for name, values in raw.items():
        vocab[name] = words
        encoded[name] = np.fromiter(map(index.__getitem__, values), dtype=np.int32,
                                    count=len(values))
    answers = np.full((n, len(questions)), -1, dtype=np.int8, order="F")  # by question
    for index_q, (qid, scale) in enumerate(questions):
        if qid not in columns:
            raise ScoringError(f"no column for question {qid!r}")
        answers[:, index_q] = _encode_column("answer", scales[scale][1], columns[qid], qid,
                                             np.int8)
    return encoded, vocab, answers


def counts(answers, applicable, group, size, lookups, questions):
    """Per inspection and question: above-the-line answers and applicable answers. Each
    case is 0 (not counted), 1 (counted, below the line) or 2 (above), as its scale's
    status lookup (per scale: answer code as uint8 -> state) says, and one bincount over
    inspection x 3 + that state counts all three at once."""
    num = np.zeros((size, answers.shape[1]), dtype=np.int64)
    den = np.zeros((size, answers.shape[1]), dtype=np.int64)
    codes = answers.view(np.uint8)  # a blank (-1) is 255
    slots = group * 3
    for index, (_qid, scale) in enumerate(questions):
        case_state = lookups[scale][codes[:, index]]
        if applicable[index] is not None:  # None: the question applies to every case
            case_state *= applicable[index]
        tally = np.bincount(slots + case_state, minlength=3 * size).reshape(size, 3)
        den[:, index] = tally[:, 1] + tally[:, 2]
        num[:, index] = tally[:, 2]
    return num, den


def decode(figures, ratings, bands, index, value):
    """A figure's value as plain data: float or None; a rating level; a band label."""
    _node, kind, scale = figures[index]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "rating":
        return ratings[scale][0][int(value)]
    if kind == "label":
        return bands[scale][5][int(value)]
    return float(value)


def key_label(fields, vocab, by):
    """A function from a value of field `by` (as encoded) to the inspection key critc
    shows for it."""
    kind, spellings = {name: (kind, spellings) for name, kind, spellings in fields}[by]
    names: dict = {}
    for text, code in spellings.items():
        names.setdefault(code, text)
    words = vocab.get(by)
    return lambda value: _shown(kind, names, words, value)


def _shown(kind, names, words, value):
    """A field's value as critc shows it (as an inspection key)."""
    if kind in ("number", "integer"):
        return f"{float(value):g}"
    if kind == "date":
        return (EPOCH + datetime.timedelta(days=int(value))).isoformat()
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "text":
        return words[int(value)]
    return names[int(value)]


def run_steps(steps, values, num, den, inputs, size):
    """Compute every figure in dependency order; a failure names its framework line."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for index, function, where in steps:
            try:
                values[index] = function(values, num, den, inputs, size)
            except Exception as exc:  # report where in the framework the figure is defined
                raise ScoringError(f"{where}: {type(exc).__name__}: {exc}") from exc
    return values


# ----------------------------------------------------------------------------- one case
def cell_value(spec, value):
    """A number, date or text cell for score_case: a float (dates as days since 1970) or
    the text; None for a blank. Raises ScoringError naming the column if it is not valid."""
    name, kind, spellings = spec
    text = _text(value)
    if text is None:
        return None
    return _encode_one(kind, spellings, text, f"column {name!r}")


class Memo(dict):
    """A one-argument function's results by argument, each worked out once (for the first
    4,096 arguments; None gives None): score_case looks up a band's output by the value it
    bands, most values being a few fractions of small counts."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, key):
        out = None if key is None else self.function(key)
        if len(self) < 4096:
            self[key] = out
        return out


def checked_cells(case, inputs, case_cells, input_cells):
    """The case and its inputs with every cell that score_case reads through its tables
    spelled as the tables spell it: a code by its own name, a boolean as 'true' or 'false',
    a blank as None. Cells are read as `score` reads them; a value the framework does not
    declare raises ScoringError naming the column."""
    return _respelled(case, case_cells, ""), _respelled(inputs or {}, input_cells, "inputs, ")


def _respelled(row, cells, where):
    out = dict(row)
    for name, kind, spellings in cells:
        code = _encode_one(kind, spellings, _text(row.get(name)), f"{where}column {name!r}")
        if code == -1:
            out[name] = None
        elif kind == "boolean":
            out[name] = "true" if code else "false"
        else:
            out[name] = next(text for text, c in spellings.items() if c == code)
    return out


def s_arith(op, a, b):
    """Arithmetic in a condition, for one case: None if either side is blank, for a
    division by zero, or for a result that is not a number (as the table path)."""
    if a is None or b is None:
        return None
    if op == "+":
        out = a + b
    elif op == "-":
        out = a - b
    elif op == "*":
        out = a * b
    elif b == 0:
        return None
    else:
        out = a / b
    return None if math.isnan(out) else out


def s_neg(a):
    return None if a is None else -a
