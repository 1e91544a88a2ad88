"""Property tests of the language front end and checker.

A strategy builds random *valid* frameworks as ASTs (a scale, case fields with enumerations,
sections with criteria and questions carrying tags, roles and applicability conditions,
threads over tags, scores and a band) and prints them with the formatter. Then:

* the checker reports no errors on them;
* format → parse gives back the same AST, and formatting is idempotent, with or without
  comments sprinkled through the text;
* random damage to such a text (characters or lines deleted, inserted, replaced, swapped,
  re-indented) never makes the checker raise, every diagnostic points at a line ≥ 1 or at
  the whole file, and `critc check` exits 0 or 1.
"""

from __future__ import annotations

import datetime
import itertools

from critc.compiler.check.passes import check_file
from critc.compiler.cli import main as cli
from critc.compiler.report import render
from critc.dsl import ast, parse
from critc.dsl.lalr import keywords
from critc.dsl.printer import format_module
from hypothesis import assume, given, note
from hypothesis import strategies as st

KEYWORDS = keywords()

names = st.builds(lambda head, tail: head + tail, st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
                  st.text("abcdefghijklmnopqrstuvwxyz0123456789_", max_size=7)).filter(
    lambda s: s not in KEYWORDS)

# Any text a title may hold, quotes, backslashes, `#`, tabs and newlines included. A carriage
# return is left out: the parser reads every CR as a line break and text has no escape for it.
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
                max_size=24)
maybe_text = st.none() | texts


def number(value: float) -> ast.Number:
    return ast.Number(value=value, text=f"{value:g}")


def weights(draw, count: int):
    """`count` weights adding up to exactly 1, as percentages or decimals."""
    cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=count - 1, max_size=count - 1,
                                unique=True)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    if draw(st.booleans()):
        return [ast.Percent(value=p / 100, text=f"{p}%") for p in parts]
    if all(p % 10 == 0 for p in parts):
        return [number(p / 100) for p in parts]
    return [ast.Percent(value=p / 100, text=f"{p}%") for p in parts]


def selector(plural="questions", *, scope_word=None, role=None, single=False, tags=(),
             scope_kind=None, scope_ids=()):
    return ast.Selector(scope_word=scope_word, role=role, plural=plural, single=single,
                        tags=tuple(tags), scope_kind=scope_kind, scope_ids=tuple(scope_ids))


# ----------------------------------------------------------------------------- conditions
@st.composite
def atoms(draw, key, field):
    """A test on one enumeration or boolean field, or on an earlier question's answer, that
    some value makes true."""
    kind, values = field
    subject = ast.Name(name=key) if kind != "answer" else ast.ItemRef(kind="question", id=key)
    if kind == "boolean":
        return draw(st.sampled_from([
            subject, ast.Not(operand=subject),
            ast.Compare(op="=", left=subject, right=ast.Boolean(value=draw(st.booleans())))]))
    value = ast.Name(name=draw(st.sampled_from(values)))
    subset = draw(st.lists(st.sampled_from(values), min_size=1, max_size=len(values) - 1,
                           unique=True))
    items = ast.SetLiteral(items=tuple(ast.Name(name=v) for v in subset))
    return draw(st.sampled_from([
        ast.Compare(op="=", left=subject, right=value),
        ast.Compare(op="!=", left=subject, right=value),
        ast.InSet(operand=subject, items=items, negated=False),
        ast.InSet(operand=subject, items=items, negated=True),
        ast.Not(operand=ast.Compare(op="=", left=subject, right=value)),
    ]))


@st.composite
def conditions(draw, fields: dict, depth: int = 2):
    """A satisfiable condition: `and` joins parts over disjoint fields, `or` joins any."""
    keys = list(fields)
    shape = draw(st.sampled_from(["atom", "and", "or"] if depth and len(keys) > 0 else ["atom"]))
    if shape == "atom" or len(keys) < 2:
        key = draw(st.sampled_from(keys))
        return draw(atoms(key, fields[key])), {key}
    if shape == "and":
        chosen = draw(st.permutations(keys))
        split = draw(st.integers(1, len(chosen) - 1))
        left, _ = draw(conditions({k: fields[k] for k in chosen[:split]}, depth - 1))
        right, _ = draw(conditions({k: fields[k] for k in chosen[split:]}, depth - 1))
        parts = [p for side in (left, right)
                 for p in (side.operands if isinstance(side, ast.And) else (side,))]
        return ast.And(operands=tuple(parts)), set(keys)
    left, _ = draw(conditions(fields, depth - 1))
    right, _ = draw(conditions(fields, depth - 1))
    parts = [p for side in (left, right)
             for p in (side.operands if isinstance(side, ast.Or) else (side,))]
    return ast.Or(operands=tuple(parts)), set(keys)


# ----------------------------------------------------------------------------- frameworks
@st.composite
def countings(draw, formula: ast.Expr, questions: list[ast.Question]):
    """Now and then, for a formula over every question of the aggregate, its own
    above-the-line set for some of them (`counting {yes, no} above the line for ...`)."""
    every = isinstance(formula, ast.Call) and isinstance(formula.args[0], ast.Selector) \
        and formula.args[0].role is None
    if not every or draw(st.integers(0, 3)) > 0:
        return ()
    named = draw(st.lists(st.sampled_from([q.id for q in questions]), min_size=1,
                          unique=True))
    codes = draw(st.sampled_from([("no",), ("yes", "no"), ("no", "yes")]))
    return (ast.Counting(codes=codes, questions=tuple(named)),)


@st.composite
def question_formulas(draw, questions: list[ast.Question]):
    """A formula over an aggregate's own questions that selects something."""
    roles = [q.role for q in questions]
    options = [
        ast.Call(function="mean", args=(selector(scope_word="its"),)),
        ast.Call(function="pooled", args=(selector(),)),
        ast.Call(function=draw(st.sampled_from(["min", "max"])), args=(selector(),)),
    ]
    if "individual" in roles:
        options.append(ast.Call(function="mean", args=(selector(role="individual"),)))
    if "individual" in roles and roles.count("summary") == 1:
        w = weights(draw, 2)
        options.append(ast.WeightedMean(weights=(
            ast.Weight(expr=selector(role="individual"), weight=w[0]),
            ast.Weight(expr=selector(role="summary", single=True), weight=w[1]))))
    if len(questions) >= 2:
        chosen = draw(st.lists(st.sampled_from(questions), min_size=2, max_size=3, unique=True))
        w = weights(draw, len(chosen))
        options.append(ast.WeightedMean(
            weights=tuple(ast.Weight(expr=ast.ItemRef(kind="question", id=q.id), weight=x)
                          for q, x in zip(chosen, w, strict=True)),
            renormalise=draw(st.booleans())))
    return draw(st.sampled_from(options))


@st.composite
def frameworks(draw) -> ast.Module:
    pool = iter(draw(st.lists(names, min_size=40, max_size=40, unique=True)))
    tags = [next(pool) for _ in range(draw(st.integers(1, 3)))]

    # header, scale, fields
    start = draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 1, 1)))
    end = draw(st.none() | st.dates(start, datetime.date(2035, 1, 1)))
    header = ast.Framework(
        name=draw(texts), version=draw(maybe_text), effective_from=start, effective_to=end,
        rounding=draw(st.none() | st.just(ast.Rounding(mode="half up", places=0))),
        description=draw(maybe_text), source=draw(maybe_text))
    codes = [ast.ScaleCode(id="yes", label=draw(maybe_text), above=True),
             ast.ScaleCode(id="no", label=draw(maybe_text))]
    if draw(st.booleans()):
        codes.append(ast.ScaleCode(id="na", label=draw(maybe_text), not_applicable=True,
                                   aliases=tuple(draw(st.lists(st.sampled_from(
                                       ["n/a", "N/A", "NA", "not applicable"]), unique=True,
                                       max_size=2)))))
    scale = ast.Scale(id="sufficiency", title=draw(maybe_text), codes=tuple(codes))

    enum_fields: dict[str, tuple[str, tuple[str, ...]]] = {}
    field_items = []
    if draw(st.booleans()):
        field_items.append(ast.Field(id=next(pool), title=draw(maybe_text),
                                     type=ast.TypeRef(kind="text"), roles=("case id",)))
    for _ in range(draw(st.integers(1, 3))):
        fid = next(pool)
        values = tuple(next(pool) for _ in range(draw(st.integers(2, 4))))
        enum_fields[fid] = ("enum", values)
        field_items.append(ast.Field(id=fid, title=draw(maybe_text),
                                     type=ast.TypeRef(kind="enum", values=values),
                                     description=draw(maybe_text)))
    if draw(st.booleans()):
        fid = next(pool)
        enum_fields[fid] = ("boolean", ())
        field_items.append(ast.Field(id=fid, type=ast.TypeRef(kind="boolean"),
                                     roles=draw(st.sampled_from([(), ("optional",)]))))
    fields = ast.FieldBlock(kind="case", fields=tuple(field_items))

    # sections, criteria, questions
    answerable: dict[str, tuple] = {}  # earlier questions a condition may test
    tagged: dict[str, set[str]] = {}  # tag → sections holding a question with it

    def make_questions(prefix: str, section: str, inherited: set[str]):
        out = []
        roles = draw(st.lists(st.sampled_from(["individual", "individual", "key", "summary"]),
                              min_size=1, max_size=4))
        if roles.count("summary") > 1 or "individual" not in roles and draw(st.booleans()):
            roles = ["individual" if r == "summary" else r for r in roles]
            roles[-1] = draw(st.sampled_from(["individual", "summary"]))
        for i, role in enumerate(roles):
            qid = f"{prefix}{'abcdefgh'[i]}"
            own = tuple(draw(st.lists(st.sampled_from(tags), unique=True, max_size=2)))
            for tag in set(own) | inherited:
                tagged.setdefault(tag, set()).add(section)
            applies = None
            if draw(st.integers(0, 2)) == 0:
                usable = dict(enum_fields)
                if answerable and draw(st.booleans()):
                    earlier = draw(st.sampled_from(sorted(answerable)))
                    usable[earlier] = answerable[earlier]
                applies, _ = draw(conditions(usable))
            out.append(ast.Question(id=qid, text=draw(maybe_text), role=role, tags=own,
                                    applies=applies, description=draw(maybe_text)))
            answerable[qid] = ("answer", tuple(c.id for c in codes))
        return out

    sections = []
    with_criteria = []
    for s in range(1, draw(st.integers(1, 3)) + 1):
        sid = str(s)
        section_tags = tuple(draw(st.lists(st.sampled_from(tags), unique=True, max_size=1)))
        if draw(st.booleans()):
            criteria = []
            for c in range(1, draw(st.integers(1, 3)) + 1):
                cid = f"{s}.{c}"
                criterion_tags = tuple(draw(st.lists(st.sampled_from(tags), unique=True,
                                                     max_size=1)))
                qs = make_questions(cid, sid, set(section_tags) | set(criterion_tags))
                formula = draw(question_formulas(qs))
                criteria.append(ast.Aggregate(
                    kind="criterion", id=cid, title=draw(maybe_text),
                    formula=formula, tags=criterion_tags, children=tuple(qs),
                    counting=draw(countings(formula, qs))))
            choices = [ast.Call(function=fn, args=(selector("criteria", scope_word="its"),))
                       for fn in ("mean", "min", "max")]
            choices.append(ast.Call(function="pooled", args=(selector(scope_word="its"),)))
            if len(criteria) >= 2:
                w = weights(draw, len(criteria))
                choices.append(ast.WeightedMean(weights=tuple(
                    ast.Weight(expr=ast.ItemRef(kind="criterion", id=c.id), weight=x)
                    for c, x in zip(criteria, w, strict=True))))
            formula = draw(st.sampled_from(choices))
            children = tuple(criteria)
            with_criteria.append(sid)
        else:
            qs = make_questions(f"{s}.", sid, set(section_tags))
            formula = draw(question_formulas(qs))
            children = tuple(qs)
        rounding = draw(st.none() | st.just(ast.Rounding(mode="half even", places=1)))
        sections.append(ast.Aggregate(kind="section", id=sid, title=draw(maybe_text),
                                      formula=formula, tags=section_tags, rounding=rounding,
                                      description=draw(maybe_text), children=children))
    section_ids = [s.id for s in sections]

    # threads over tags, an overall score
    extras = []
    for tag in draw(st.lists(st.sampled_from(sorted(tagged)), unique=True, max_size=2)) \
            if tagged else []:
        scope = sorted(tagged[tag] | set(draw(st.lists(st.sampled_from(section_ids),
                                                        unique=True))), key=int)
        sel = draw(st.sampled_from([
            selector(tags=[tag], scope_kind="sections", scope_ids=scope),
            selector(scope_word="all", tags=[tag]),
            selector(tags=[tag, *[t for t in sorted(tagged) if t != tag][:1]],
                     scope_kind="sections", scope_ids=scope),
        ]))
        fn = draw(st.sampled_from(["pooled", "mean"]))
        extras.append(ast.Aggregate(kind="thread", id=next(pool), title=draw(maybe_text),
                                    formula=ast.Call(function=fn, args=(sel,))))
    overall = None
    if draw(st.booleans()):
        refs = [ast.ItemRef(kind="section", id=s) for s in section_ids]
        w = weights(draw, len(refs)) if len(refs) > 1 else [number(1)]
        formula = draw(st.sampled_from([
            ast.Call(function="mean", args=tuple(refs)),
            ast.WeightedMean(weights=tuple(ast.Weight(expr=r, weight=x)
                                           for r, x in zip(refs, w, strict=True))),
            ast.Call(function="mean", args=(selector("sections", scope_word="all"),)),
        ]))
        overall = next(pool)
        extras.append(ast.Aggregate(kind="score", id=overall, title=draw(maybe_text),
                                    formula=formula))

    # a band, read top down or bottom up
    targets = [[ast.ItemRef(kind="section", id=draw(st.sampled_from(section_ids)))]]
    if with_criteria:
        targets.append([selector("criteria", scope_kind="sections", scope_ids=with_criteria)])
    if overall:
        targets.append([ast.ItemRef(kind="score", id=overall)])
    if len(targets) > 1 and draw(st.booleans()):
        targets.append(targets[1] + targets[0])  # a scoped target first, then another
    thresholds = sorted(draw(st.lists(st.integers(1, 99), min_size=1, max_size=4, unique=True)))

    def at(value):
        return ast.Threshold(value=float(value), percent=True, text=f"{value}%")

    labels = iter(draw(st.lists(texts, min_size=len(thresholds) + 1,
                                max_size=len(thresholds) + 1)))
    if draw(st.booleans()):
        rows = [ast.BandRow(test="at_least", low=at(t), label=next(labels))
                for t in reversed(thresholds)]
        rows.append(ast.BandRow(test="otherwise", label=next(labels)))
        rounding = draw(st.none() | st.sampled_from([ast.Rounding(mode="half up", places=0),
                                                     ast.Rounding(mode="down", places=2)]))
    else:
        rows = [ast.BandRow(test="below", high=at(thresholds[0]), label=next(labels))]
        rows += [ast.BandRow(test="between", low=at(a), high=at(b - 1), label=next(labels))
                 for a, b in itertools.pairwise(thresholds)]
        rows.append(ast.BandRow(test="at_least", low=at(thresholds[-1]), label=next(labels)))
        rounding = ast.Rounding(mode="half up", places=0)  # rows meet at whole percents
    band = ast.Band(id=next(pool), title=draw(maybe_text),
                    targets=tuple(draw(st.sampled_from(targets))), rounding=rounding,
                    rows=tuple(rows))

    return ast.Module(path="gen.crit", items=(header, scale, fields, *sections, *extras, band))


# ----------------------------------------------------------------------------- properties
@given(frameworks())
def test_generated_frameworks_check_without_errors(module):
    text = format_module(module)
    note(text)
    result = check_file("gen.crit", text)
    errors = [(d.code, d.message, d.span and d.span.line) for d in result.diagnostics
              if d.is_error]
    assert errors == []
    assert result.graph is not None and len(result.order) == result.graph.number_of_nodes()


@given(frameworks())
def test_format_parse_round_trips_and_formatting_is_idempotent(module):
    text = format_module(module)
    note(text)
    parsed = parse(text, "gen.crit")
    assert parsed.diagnostics == ()
    assert parsed.module == module
    assert format_module(parsed.module, parsed.comments, text) == text


@given(frameworks(), st.data())
def test_comments_survive_formatting(module, data):
    lines = format_module(module).split("\n")[:-1]
    words = data.draw(st.lists(st.from_regex(r"[A-Za-z0-9 #\"\\]{0,12}", fullmatch=True),
                               min_size=1, max_size=6))
    for word in words:
        at = data.draw(st.integers(0, len(lines)))
        comment = "# " + word.strip()
        if at < len(lines) and lines[at].strip() and data.draw(st.booleans()):
            lines[at] += "  " + comment
        else:
            indent = data.draw(st.sampled_from(["", "  ", "    "]))
            lines.insert(at, indent + comment)
    text = "\n".join(lines) + "\n"
    note(text)
    before = parse(text, "gen.crit")
    assert before.diagnostics == ()
    out = format_module(before.module, before.comments, text)
    note(out)
    after = parse(out, "gen.crit")
    assert after.diagnostics == ()
    assert after.module == before.module
    assert sorted(c.text for c in after.comments) == sorted(c.text for c in before.comments)
    assert format_module(after.module, after.comments, out) == out


# ----------------------------------------------------------------------------- damage
noise = st.text(st.sampled_from(list('abz019 \t\n"#{}()=:,.%-_') + ["\x00", "é", "\u2028",
                                                                       "\r", "\ufeff"]),
                min_size=1, max_size=6) | st.sampled_from([
    " section 9 ", " question 1.a ", "criterion 1.1", " applies when ", " and ", " or not ",
    " = mean of its questions", " = pooled over questions tagged ", " in sections 1, 2",
    " summary question", " weighted mean(question 1.a: 0.5, section 1: 0.5)", " band b on ",
    "70% and above: ", '"x"', "otherwise: ", " rating ", " points(", " score 1 ", " tags ",
    "\n  ", "\n    ", "case fields\n  ", " one of {", "include \"gen.crit\"\n", " = ",
    " 1.1 ", " <= ", "2008-02-30", " gives ", " individual questions", " its ", "all "])


@st.composite
def damaged(draw):
    text = format_module(draw(frameworks()))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(["delete", "insert", "replace", "delete line",
                                     "duplicate line", "swap lines", "indent", "insert line"]))
        i = draw(st.integers(0, max(len(text) - 1, 0)))
        j = draw(st.integers(i, min(i + 8, len(text))))
        n = draw(st.integers(0, len(lines) - 1))
        m = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "insert":
            text = text[:i] + draw(noise) + text[i:]
        elif kind == "replace":
            text = text[:i] + draw(noise) + text[j:]
        elif kind == "delete line":
            del lines[n]
        elif kind == "duplicate line":
            lines.insert(n, lines[n])
        elif kind == "swap lines":
            lines[n], lines[m] = lines[m], lines[n]
        elif kind == "indent":
            lines[n] = draw(st.sampled_from(["", " ", "   ", "\t", "      ", " \t"])) \
                + lines[n].lstrip(" \t")
        else:
            lines.insert(n, draw(noise))
        if kind not in ("delete", "insert", "replace"):
            text = "\n".join(lines)
    return text


def spans_of(diagnostic):
    return [diagnostic.span] + [label.span for label in diagnostic.labels]


@given(damaged())
def test_damaged_files_never_crash_the_checker(text):
    note(repr(text))
    result = check_file("gen.crit", text)
    for d in result.diagnostics:
        for span in spans_of(d):
            assert span is None or span.line >= 1, (d.code, d.message, span)
            if span is not None and span.path == "gen.crit":
                lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n")
                assert span.line <= lines + 2, (d.code, span)
    rendered = render.to_plain(result.diagnostics, result.program.sources, "gen.crit")
    assert rendered.endswith("\n")


@given(damaged())
def test_critc_check_on_damaged_files_exits_0_or_1(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("damaged") / "gen.crit"
    path.write_text(text, encoding="utf-8")
    assume(path.read_text(encoding="utf-8") == text)
    assert cli.main(["check", "--format", "json", str(path)]) in (0, 1)
