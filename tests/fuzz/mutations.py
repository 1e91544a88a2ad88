"""Mutations of text: byte, unicode, line-ending, indentation, token and splice. Each takes
a `random.Random` and returns new text; `mutate` applies one to four of them."""

from __future__ import annotations

import random

# Characters that have tripped text handling somewhere: line and paragraph separators,
# NEL, BOM, NUL, NBSP, zero-width and bidi controls, full-width and Arabic-Indic digits,
# surrogate-free astral characters, quotes and backslashes.
ODD_CHARS = ["\u2028", "\u2029", "\x85", "\ufeff", "\x00", "\xa0", "\u200b", "\u202e", "\x0b",
             "\x0c", "\x1c", "１", "٣", "é", "e\u0301", "😀", "\\", '"', "'", "#", "\t", "\r",
             "\r\n", "{", "}", "%", ":", "=", "\U0010fffd"]

# Words and fragments of the language, and ones that sit next to them.
TOKENS = [
    "framework", "version", "scale", "rating scale", "case fields", "inspection inputs",
    "section", "criterion", "question", "summary question", "key question", "thread", "band",
    "score", "overall", "applies when", "tags", "include", "description", "source", "on",
    "and", "or", "not", "in", "=", "!=", "<=", ">=", "mean", "pooled over", "weighted mean",
    "min", "max", "sum", "count", "points", "of its questions", "of its criteria", "all",
    "above the line", "not applicable", "otherwise:", "and above:", "%", "70%", "1.2a",
    "2008-02-30", "9" * 40, "1" + "0" * 400, "-", "1e400", "(", ")", "{", "}", ",", ":",
    '"', '""', '"\\"', "# critc: allow unused-field (fuzz)", "# critc: allow", "\n", "\n  ",
    "one of {a, b}", "integer", "number", "date", "boolean", "text", "case id", "optional",
    "effective from 2020-01-01", "rounding half up to 0 places", "gives", "rated",
]


def byte_mutation(rng: random.Random, text: str) -> str:
    """Flip, insert or delete a few bytes of the UTF-8 encoding (read back leniently)."""
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        kind = rng.randrange(3)
        if kind == 0 and data and at < len(data):
            data[at] ^= 1 << rng.randrange(8)
        elif kind == 1:
            data[at:at] = bytes([rng.randrange(256)])
        elif data:
            del data[at:at + rng.randint(1, 4)]
    return data.decode("utf-8", errors="surrogateescape").encode(
        "utf-8", errors="surrogateescape").decode("utf-8", errors="replace")


def unicode_mutation(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        odd = rng.choice(ODD_CHARS) * rng.choice([1, 1, 2, 50])
        text = text[:at] + odd + text[at + rng.randint(0, 1):]
    return text


def line_ending_mutation(rng: random.Random, text: str) -> str:
    """All CRLF, all CR-only, or a mix, line by line."""
    lines = text.replace("\r\n", "\n").split("\n")
    kind = rng.randrange(4)
    if kind == 0:
        return "\r\n".join(lines)
    if kind == 1:
        return "\r".join(lines)
    if kind == 2:
        return "".join(line + rng.choice(["\n", "\r\n", "\r", "\x85", "\u2028"])
                       for line in lines)
    return text.rstrip("\n") if rng.random() < 0.5 else text + "\n" * rng.randint(2, 5)


def indentation_mutation(rng: random.Random, text: str) -> str:
    """Tabs for spaces, lines dedented or indented deeper, mixed tabs and spaces."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        n = rng.randrange(len(lines))
        body = lines[n].lstrip(" \t")
        depth = len(lines[n]) - len(body)
        lines[n] = rng.choice([
            "\t" * (depth // 2 + 1), " " * max(depth - 2, 0), " " * (depth + 1),
            " " * (depth + 2), "\t ", " \t", "", " " * 1000]) + body
    if rng.random() < 0.2:
        lines = [line.replace("  ", "\t") for line in lines]
    return "\n".join(lines)


def token_mutation(rng: random.Random, text: str) -> str:
    """Insert, replace or delete a word of the language; or repeat one deeply (nesting)."""
    words = text.split(" ")
    n = rng.randrange(len(words))
    kind = rng.randrange(5)
    if kind == 0:
        words.insert(n, rng.choice(TOKENS))
    elif kind == 1:
        words[n] = rng.choice(TOKENS)
    elif kind == 2 and len(words) > 1:
        del words[n]
    elif kind == 3:
        words[n] = words[n] * rng.randint(2, 5)
    else:
        depth = rng.choice([50, 200, 600])
        words.insert(n, rng.choice(["not " * depth, "- " * depth + "1", "(" * depth + "1"
                                    + ")" * depth, " + ".join(["1"] * depth),
                                    "mean(" * depth + "1" + ")" * depth]))
    return " ".join(words)


def splice_mutation(rng: random.Random, text: str, others: list[str]) -> str:
    """A run of lines from another file (or this one) spliced in, or lines moved."""
    lines = text.split("\n")
    donor = rng.choice(others).split("\n") if others else lines
    start = rng.randrange(len(donor))
    piece = donor[start:start + rng.randint(1, 12)]
    at = rng.randrange(len(lines) + 1)
    if rng.random() < 0.3:
        del lines[at:at + rng.randint(1, 6)]
    return "\n".join(lines[:at] + piece + lines[at:])


def mutate(rng: random.Random, text: str, others: list[str] = ()) -> tuple[str, list[str]]:
    """(mutated text, the names of the mutations applied)."""
    chosen = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(KINDS)
        chosen.append(kind)
        if kind == "splice":
            text = splice_mutation(rng, text, list(others))
        else:
            text = MUTATIONS[kind](rng, text)
    return text, chosen


MUTATIONS = {"byte": byte_mutation, "unicode": unicode_mutation,
             "line-ending": line_ending_mutation, "indentation": indentation_mutation,
             "token": token_mutation}
KINDS = [*MUTATIONS, "splice"]
