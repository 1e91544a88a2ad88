"""The fixed part of every generated scoring module: reading records and running steps.

`critc compile` copies this file (below the import line) and `runtime.py` into each
module, after the framework's tables. It imports only NumPy and the standard library, and
takes the framework's tables as arguments, so it stands alone and is tested as it is.
Functions named `s_*` are the plain-Python versions used by the generated `score_case`.
"""

import datetime
import math

import numpy as np

_EPOCH = datetime.date(1970, 1, 1)
_BOOLEANS = {"true": 1, "false": 0, "yes": 1, "no": 0, "1": 1, "0": 0}


class ScoringError(ValueError):
    """Records that cannot be scored, or a figure that failed (naming its framework line)."""


def _text(value):
    """A cell as text, the way critc's readers see it; None for a blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    text = str(value)
    return text if text != "" else None


def _encode_one(kind, spellings, text, where):
    """One cell → its code (int, -1 blank) or number (float, NaN blank)."""
    if text is None:
        return math.nan if kind in ("number", "date") else -1
    if kind in ("enum", "rating", "answer"):
        if text in spellings:
            return spellings[text]
    elif kind == "boolean":
        if text.strip() == text and text.lower() in _BOOLEANS:
            return _BOOLEANS[text.lower()]
    elif kind == "number":
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return number
    elif kind == "date":
        try:
            return float((datetime.date.fromisoformat(text) - _EPOCH).days)
        except ValueError:
            pass
    elif kind == "text":
        return text
    raise ScoringError(f"{where}: {text!r} is not a valid value")


def as_columns(records):
    """A dict of columns, or a list of dicts (rows), as (number of rows, dict of lists)."""
    if isinstance(records, dict):
        columns = {k: list(v) for k, v in records.items()}
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


def encode(columns, n, fields, questions, scales):
    """Encode every case field and answer. Text fields share one vocabulary, so two text
    fields (or a text field and a text constant) compare by the same codes."""
    encoded, raw = {}, {}
    for name, kind, spellings in fields:
        if name not in columns:
            encoded[name] = np.full(n, math.nan if kind in ("number", "date") else -1)
            continue
        values = [_encode_one(kind, spellings, _text(v), f"row {i + 1}, column {name!r}")
                  for i, v in enumerate(columns[name])]
        if kind == "text":
            raw[name] = values
            continue
        dtype = float if kind in ("number", "date") else np.int32
        encoded[name] = np.asarray(values, dtype=dtype)
    words = sorted({v for values in raw.values() for v in values if v != -1})
    index = {w: i for i, w in enumerate(words)}
    vocab = {}
    for name, values in raw.items():
        vocab[name] = words
        encoded[name] = np.asarray([index[v] if v != -1 else -1 for v in values],
                                   dtype=np.int32)
    answers = np.full((n, len(questions)), -1, dtype=np.int8)
    for index_q, (qid, scale) in enumerate(questions):
        if qid not in columns:
            raise ScoringError(f"no column for question {qid!r}")
        spellings = scales[scale][1]
        answers[:, index_q] = [
            _encode_one("answer", spellings, _text(v), f"row {i + 1}, column {qid!r}")
            for i, v in enumerate(columns[qid])]
    return encoded, vocab, answers


def counts(answers, applicable, group, size, scales, questions):
    """Per inspection and question: above-the-line answers and applicable answers."""
    num = np.zeros((size, answers.shape[1]), dtype=np.int64)
    den = np.zeros((size, answers.shape[1]), dtype=np.int64)
    codes = answers.view(np.uint8)
    for index, (_qid, scale) in enumerate(questions):
        valid, above = scales[scale][2], scales[scale][3]
        column = codes[:, index]
        counted = np.isin(column, valid) & applicable[index]
        den[:, index] = np.bincount(group[counted], minlength=size)
        num[:, index] = np.bincount(group[counted & np.isin(column, above)], minlength=size)
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


def group_of(encoded, vocab, fields, by, n):
    """(group index per case, keys) for grouping by a field, or everything together."""
    if by is None:
        return np.zeros(n, dtype=np.int64), ["all cases"]
    if by not in encoded:
        raise ScoringError(f"cannot group by {by!r}: not a case field")
    kinds = {name: (kind, spellings) for name, kind, spellings in fields}
    kind, spellings = kinds[by]
    values = encoded[by]
    labels = []
    for v in values.tolist():
        if kind == "text":
            labels.append(vocab[by][v] if v >= 0 else "(blank)")
        elif kind in ("enum", "rating"):
            names = {code: text for text, code in spellings.items()}
            labels.append(names.get(v, "(blank)"))
        else:
            labels.append("(blank)" if math.isnan(v) else str(v))
    keys = sorted(set(labels))
    index = {k: i for i, k in enumerate(keys)}
    return np.asarray([index[label] for label in labels], dtype=np.int64), keys


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
def s_mean(values):
    total = 0.0
    count = 0
    for value in values:
        if value is not None:
            total += value
            count += 1
    return total / count if count else None


def s_sum(values):
    defined = [v for v in values if v is not None]
    return sum(defined) if defined else None


def s_count(values):
    return float(sum(v is not None for v in values))


def s_min(values):
    defined = [v for v in values if v is not None]
    return min(defined) if defined else None


def s_max(values):
    defined = [v for v in values if v is not None]
    return max(defined) if defined else None


def s_weighted(values, weights, renormalise):
    weighted = total = 0.0
    for value, weight in zip(values, weights, strict=True):
        if value is None:
            if not renormalise:
                return None
            continue
        weighted += value * weight
        total += weight
    if not renormalise:
        return weighted
    return weighted / total if total else None


def s_pool(numerators, denominators):
    answered = sum(denominators)
    return sum(numerators) / answered if answered else None


_SLOW = object()  # a spelling not in the fast tables: validate it the slow way


def slow_value(spec, value):
    """A cell for score_case: its code, number or text; None for a blank."""
    name, kind, spellings = spec
    out = _encode_one(kind, spellings, _text(value), repr(name))
    if out == -1 and kind != "number" or (isinstance(out, float) and math.isnan(out)):
        return None
    return out


def name_of(names, value):
    return None if value is None else names[int(value)]


def s_arith(op, a, b):
    if a is None or b is None:
        return None
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a / b if b != 0 else None


def s_neg(a):
    return None if a is None else -a


def s_lookup(index, table):
    return None if index is None else table[int(index)]


def s_compare(op, a, b):
    if a is None or b is None:
        return None
    if op == "=":
        return a == b
    if op == "!=":
        return a != b
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def s_member(a, codes, negated):
    if a is None:
        return None
    return (a in codes) != negated


def s_truthy(a):
    if a is None:
        return None
    return a != 0


def s_all(*tests):
    if any(t is False for t in tests):
        return False
    return None if any(t is None for t in tests) else True


def s_any(*tests):
    if any(t is True for t in tests):
        return True
    return None if any(t is None for t in tests) else False


def s_not(test):
    return None if test is None else not test


def s_round(x, mode, places):
    """One value rounded as runtime.ROUNDING does it, in plain Python."""
    scale = 10.0 ** places
    y = x * scale
    eps = 1e-9
    if mode == "half up":
        r = math.floor(y + 0.5 + eps) if y >= 0 else -math.floor(-y + 0.5 + eps)
    elif mode == "half down":
        r = math.ceil(y - 0.5 - eps) if y >= 0 else -math.ceil(-y - 0.5 - eps)
    elif mode == "half even":
        floor = math.floor(y + eps)
        if abs(y - floor - 0.5) < eps:
            r = floor + (floor % 2 != 0)
        else:
            r = math.floor(y + 0.5)
    elif mode == "up":
        r = math.ceil(y - eps)
    else:
        r = math.floor(y + eps)
    return r / scale


def s_band(value, table):
    """A band's output for one value: a row index, or a level index for rating bands."""
    if value is None:
        return None
    lows, low_inc, highs, high_inc, otherwise, outputs, mode, places, percent = table
    shown = s_round(value * 100.0 if percent else value, mode, places)
    row = None
    for i in range(len(lows)):
        if (shown >= lows[i] if low_inc[i] else shown > lows[i]) and \
                (shown <= highs[i] if high_inc[i] else shown < highs[i]):
            row = i
            break
    if row is None:
        row = otherwise if otherwise >= 0 else None
    if row is None:
        return None
    return outputs[row] if isinstance(outputs[0], float) else float(row)
