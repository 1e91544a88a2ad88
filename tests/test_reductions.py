"""The fast parse (`dsl/driver.py` + `dsl/reductions.py`: one loop over lark's tables,
building the AST as rules reduce) equals lark's own: its parse tree transformed by
`ToAst.transform`, with every span, every diagnostic, and the same error where lark raises."""

from __future__ import annotations

import random
from pathlib import Path

import attrs
import pytest
from critc.dsl import driver, reductions
from critc.dsl.lalr import lark_parser
from critc.dsl.parser import MAX_NESTING, _too_deep, _top_level_chunks
from critc.dsl.source import normalise
from critc.dsl.to_ast import ToAst
from lark import Tree

REPO = Path(__file__).resolve().parent.parent

FRAMEWORKS = sorted(p for p in REPO.glob("**/*.crit")
                    if not {".venv", "build", "node_modules"} & set(p.relative_to(REPO).parts))


def full(value):
    """A value as nested tuples, spans included (the AST's equality leaves them out)."""
    if attrs.has(type(value)):
        return (type(value).__name__,) + tuple(
            (a.name, full(getattr(value, a.name))) for a in attrs.fields(type(value)))
    if isinstance(value, (tuple, list)):
        return tuple(full(v) for v in value)
    if isinstance(value, Tree):
        meta = value.meta
        return ("Tree", value.data, full(value.children),
                (meta.line, meta.column, meta.end_line, meta.end_column))
    return (type(value).__name__, value)


def lark_way(text: str, path: str):
    """What parsing gave before: lark's tree (checked for nesting), then `ToAst`."""
    try:
        tree = lark_parser().parse(text)
    except Exception as exc:  # noqa: BLE001 - the error itself is compared
        return ("error", type(exc).__name__, str(exc))
    if _too_deep(tree, path) is not None:
        return ("too deep",)
    builder = ToAst(path)
    return full(builder.transform(tree)), full(builder.diagnostics)


def fast_way(text: str, path: str):
    try:
        value, diagnostics, depth = reductions.parse_to_ast(text, path)
    except Exception as exc:  # noqa: BLE001
        return ("error", type(exc).__name__, str(exc))
    if depth > MAX_NESTING:
        return ("too deep",)
    return full(value), full(diagnostics)


def texts(path):
    """A file's text and each of its top-level items alone (as error recovery parses)."""
    text = normalise(path.read_text(encoding="utf-8", errors="replace"))
    return [text] + ["\n" * (start - 1) + chunk for start, chunk in _top_level_chunks(text)]


@pytest.mark.parametrize("path", FRAMEWORKS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_framework_parses_the_same_either_way(path):
    for text in texts(path):
        assert fast_way(text, str(path)) == lark_way(text, str(path))


@pytest.mark.parametrize("path", [REPO / "rules/omi-2008/omi-2008.crit",
                                  REPO / "examples/demo/framework.crit"])
def test_text_that_parses_never_falls_back_to_lark(path):
    """The loop itself handles every framework that parses (else it would gain nothing)."""
    text = normalise(path.read_text(encoding="utf-8"))
    root = driver.run(text, reductions._callbacks(ToAst(str(path))))
    assert root.value.items


def test_text_that_does_not_parse_falls_back():
    with pytest.raises(driver.Fallback):
        driver.run('question 1 "x"\n  = mean(\n', reductions._callbacks(ToAst("t")))


def _edits(text: str, rng: random.Random, count: int):
    """Small random edits of a framework: a line dropped, indented or dedented, a
    character or a token inserted or removed."""
    lines = text.split("\n")
    inserts = ["(", ")", "{", "}", '"', ",", ":", " and", "\t", "  ", "\n", "= ", "1.5", "%"]
    for _ in range(count):
        edited = list(lines)
        i = rng.randrange(len(edited))
        match rng.randrange(5):
            case 0:
                del edited[i]
            case 1:
                edited[i] = "   " + edited[i]
            case 2:
                edited[i] = edited[i].lstrip()
            case 3:
                at = rng.randrange(len(edited[i]) + 1)
                edited[i] = edited[i][:at] + rng.choice(inserts) + edited[i][at:]
            case _:
                at = rng.randrange(len(edited[i]) + 1)
                edited[i] = edited[i][:at] + edited[i][at + rng.randrange(1, 6):]
        yield "\n".join(edited)


@pytest.mark.slow  # about a second per framework
@pytest.mark.parametrize("name", ["demo", "omi-2012", "probation-2018"])
def test_edited_frameworks_parse_or_fail_the_same_either_way(name):
    path = (REPO / "examples/demo/framework.crit" if name == "demo"
            else REPO / f"rules/{name}/{name}.crit")
    text = normalise(path.read_text(encoding="utf-8"))
    chunks = [chunk for _, chunk in _top_level_chunks(text)][:40]
    rng = random.Random(11)
    outcomes = set()
    for chunk in chunks:
        for edited in _edits(chunk, rng, 6):
            fast, lark = fast_way(edited, "t.crit"), lark_way(edited, "t.crit")
            assert fast == lark, edited
            outcomes.add(fast[0] if isinstance(fast[0], str) else "parsed")
    assert {"parsed", "error"} <= outcomes  # the edits exercised both ways
