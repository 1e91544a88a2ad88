"""Hypothesis strategies for the scoring engine: random valid frameworks (as text, with the
structure they were built from) and random case archives to score against them.

A `Scenario` holds a `Spec` (what the framework says, in plain Python, so properties can be
checked against the definitions without trusting the checker), the framework text, and the
cases: one dict per case with raw values (answers as code ids, booleans as bools, blanks
None), plus the spelling each value gets in a case file (aliases, `TRUE`, `yes`, `N/A`...).

Helpers at the bottom compile a framework (cached by text), build a `CaseTable` directly or
through a file, and run the engine and the reference evaluator on the same cases.
"""

from __future__ import annotations

import csv
import datetime
import functools
import math
import tempfile
from pathlib import Path

import attrs
import numpy as np
from critc.compiler.check.passes import check_file
from critc.compiler.engine.cases import CaseTable, group_cases
from critc.compiler.engine.evaluate import evaluate
from critc.compiler.io.records import load_cases, load_inputs
from critc.compiler.io.session import decode_key
from critc.compiler.oracle.reference import reference_scores
from critc.compiler.plan.lower import plan_for
from hypothesis import strategies as st

# ----------------------------------------------------------------------------- vocabulary
CODES = ("sufficient", "insufficient", "not_done", "na")
ABOVE = "sufficient"
BELOW = ("insufficient", "not_done")
NA = "na"
# spelling in a case file → code (the scale declares these aliases)
ALIASES = {"Yes": "sufficient", "n/a": "na", "N/A": "na"}
SPELLINGS = {"sufficient": ("sufficient", "Yes"), "insufficient": ("insufficient",),
             "not_done": ("not_done",), "na": ("na", "n/a", "N/A")}
BOOL_SPELLINGS = {True: ("true", "TRUE", "yes", "1", "True"),
                  False: ("false", "FALSE", "no", "0", "No")}
LEVELS = ("good", "fair", "poor")  # rating scale `grade`, best first
POINTS = {"good": 2, "fair": 1, "poor": 0}

# Names that sit next to keywords of the language without being one.
ENUM_NAMES = ("ins", "in_scope", "applies_", "whenever", "means", "its_", "rosh", "alls")
BOOL_NAMES = ("psr", "true_", "falsey", "not_", "or_else", "tagged_", "abovex")
ENUM_VALUES = (("low", "medium", "high"), ("a_", "b2", "c_3", "d"), ("above_", "below_"),
               ("none_", "level_1", "level_2", "level_3"))
TAG_NAMES = ("roh", "in_", "pooledx", "tagged_t", "orx", "mean_", "questions2")
ID_FIELDS = ("case_ref", "id_", "reference")
INSPECTION_FIELDS = ("insp", "area", "inspection_")
INSPECTIONS = ("Ashford", "Brampton", "Çastleton", "Dun,more", 'E"ast', "10", "2", "Fär øer")
FORMULAS = ("mean", "wmean", "wmean_strict", "pooled", "min", "max")

TITLE_TEXT = st.text(
    alphabet=st.one_of(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")),
                       st.sampled_from('"\\\'#{}()%:,')),
    min_size=0, max_size=12)


def quote(text: str) -> str:
    """A string literal of the framework language."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The scales and identifying fields shared by the small hand-written frameworks of the
# engine and module tests (each adds its own fields after them).
SMALL_PRELUDE = '''scale s
  yes "Yes" above the line
  no "No"
  na "N/A" not applicable

rating scale grade
  good "Good" 2 points
  fair "Fair" 1 point
  poor "Poor" 0 points

case fields
  ref: text, case id
  insp: text, inspection
'''


# ----------------------------------------------------------------------------- the spec
@attrs.define
class Question:
    id: str
    role: str  # individual or summary
    tags: tuple[str, ...]  # its own tags
    condition: str | None  # condition text, or None
    answer_refs: tuple[str, ...]  # questions whose answers the condition reads
    title: str
    all_tags: tuple[str, ...] = ()  # own and inherited (filled in by the spec)


# `counting {codes} above the line for questions ...`: the codes, and the questions
Counting = tuple[tuple[str, ...], tuple[str, ...]]
RECOUNTABLE = ("sufficient", "insufficient", "not_done")  # the scale's counted codes


def counting_line(counting: Counting | None, indent: str) -> list[str]:
    if counting is None:
        return []
    codes, questions = counting
    return [f"{indent}counting {{{', '.join(codes)}}} above the line for questions "
            + ", ".join(questions)]


@attrs.define
class Criterion:
    id: str
    formula: str  # one of FORMULAS
    questions: list[Question]
    tags: tuple[str, ...]
    title: str
    counting: Counting | None = None  # its own above-the-line set for some questions

    @property
    def individual(self) -> list[Question]:
        return [q for q in self.questions if q.role == "individual"]

    @property
    def summary(self) -> list[Question]:
        return [q for q in self.questions if q.role == "summary"]


@attrs.define
class Section:
    id: str
    criteria: list[Criterion]
    title: str


@attrs.define
class Thread:
    id: str
    kind: str  # pooled or mean
    tags: tuple[str, ...]
    sections: tuple[str, ...]  # scope; () for the whole framework
    questions: tuple[str, ...]  # what it should select, worked out from the spec
    counting: Counting | None = None  # its own above-the-line set for some questions


@attrs.define
class BandSpec:
    thresholds: tuple[int, ...]  # percent, descending
    otherwise: bool
    rounding: tuple[str, int] | None  # the band's own rounding clause


@attrs.define
class Spec:
    title: str
    rounding: tuple[str, int] | None
    id_field: str
    inspection_field: str
    enums: dict[str, tuple[str, ...]]
    bools: tuple[str, ...]
    sections: list[Section]
    threads: list[Thread]
    band: BandSpec
    rating: bool  # rating scale, a band that gives it and a points total
    input_rating: bool  # an inspection input rated on it, added to the points
    guard: str | None = None  # a boolean field every condition requires (see `guarded`)
    skipping: bool = True  # means and sums say `skipping undefined` (else they are strict)
    choices: bool = False  # add figures with `if ... then ... else` and `first of (...)`

    @property
    def criteria(self) -> list[Criterion]:
        return [c for s in self.sections for c in s.criteria]

    @property
    def questions(self) -> list[Question]:
        return [q for c in self.criteria for q in c.questions]

    def question(self, qid: str) -> Question:
        return next(q for q in self.questions if q.id == qid)

    @property
    def referenced(self) -> set[str]:
        """Questions whose answers some condition reads."""
        return {r for q in self.questions for r in q.answer_refs}

    @property
    def case_fields(self) -> list[str]:
        return [self.id_field, self.inspection_field, *self.enums, *self.bools] + \
            ([self.guard] if self.guard else [])


# ----------------------------------------------------------------------------- rendering
def rounding_text(rounding: tuple[str, int]) -> str:
    mode, places = rounding
    where = "whole percent" if places == 0 else \
        f"{places} decimal place" + ("s" if places > 1 else "")
    return f"rounding {mode} to {where}"


def render(spec: Spec) -> str:
    skip = " skipping undefined" if spec.skipping else ""
    out = [f"framework {quote(spec.title)} version \"1\""]
    if spec.rounding:
        out.append("  " + rounding_text(spec.rounding))
    out += ["", 'scale sufficiency "Was the work sufficient? ✓"',
            '  sufficient "Sufficient" above the line aliases "Yes"',
            '  insufficient "Insufficient"',
            '  not_done "Not done"',
            '  na "Not applicable" not applicable aliases "n/a", "N/A"', ""]
    if spec.rating:
        out += ['rating scale grade "Grade"', '  good "Good" 2 points',
                '  fair "Fair" 1 point', '  poor "Poor" 0 points', ""]
    out += ["case fields",
            f'  {spec.id_field} "Case reference": text, case id',
            f'  {spec.inspection_field} "Inspection": text, inspection']
    for name, values in spec.enums.items():
        out.append(f'  {name} "Enum {name} — ünï": one of {{{", ".join(values)}}}')
    for name in spec.bools:
        out.append(f'  {name}: boolean')
    if spec.guard:
        out.append(f'  {spec.guard} "In scope": boolean')
    out.append("")
    if spec.input_rating:
        out += ["inspection inputs", '  lead "Leadership \\"grade\\"": rating grade', ""]
    for section in spec.sections:
        out.append(f"section {section.id} {quote(section.title)} = mean of its criteria"
                   + skip)
        for crit in section.criteria:
            head = f"  criterion {crit.id} {quote(crit.title)}"
            if crit.tags:
                head += " tags " + ", ".join(crit.tags)
            out.append(head)
            out.append("    = " + formula_text(crit.formula)
                       + (skip if crit.formula == "mean" else ""))
            out += counting_line(crit.counting, "    ")
            for q in crit.questions:
                role = "summary " if q.role == "summary" else ""
                line = f"    {role}question {q.id} {quote(q.title)}"
                if q.tags:
                    line += " tags " + ", ".join(q.tags)
                out.append(line)
                condition = guarded(spec, q.condition)
                if condition:
                    out.append(f"      applies when {condition}")
        out.append("")
    for thread in spec.threads:
        function = "pooled over" if thread.kind == "pooled" else "mean of"
        selector = f"all questions tagged {' or '.join(thread.tags)}"
        if thread.sections:
            selector += " in sections " + ", ".join(thread.sections)
        out.append(f'thread {thread.id} "Thread {thread.id}" = {function} {selector}'
                   + (skip if thread.kind != "pooled" else ""))
        out += counting_line(thread.counting, "  ")
    out.append("")
    out += ['band conclusion "Criterion conclusion — «é»"', "  on all criteria"]
    if spec.band.rounding:
        out.append("  " + rounding_text(spec.band.rounding))
    for i, t in enumerate(spec.band.thresholds):
        out.append(f'  {t}% and above: "Label {i} \\"q\\" \\\\ é"')
    if spec.band.otherwise:
        out.append('  otherwise: "Label otherwise"')
    out.append("")
    if spec.rating:
        out += ['band gb "Grade from a score"', "  gives grade", "  70% and above: good",
                "  50% and above: fair", "  otherwise: poor", "",
                'band ob "Grade from points"', "  gives grade", "  3 and above: good",
                "  1 and above: fair", "  otherwise: poor", ""]
        parts = [f"points(gb(section {s.id}))" for s in spec.sections]
        if spec.input_rating:
            parts.append("points(lead)")
        out.append(f'score pts "Points" = sum({", ".join(parts)}){skip}')
        out.append('rating overall "Overall" = ob(score pts)')
        grades = ", ".join(f"gb(section {s.id})" for s in spec.sections)
        out.append(f'rating worst "Worst section" = min({grades})')
        out.append(f'rating best "Best section" = max({grades})')
        out.append("")
    if spec.choices:
        out += choice_lines(spec)
    return "\n".join(out)


def choice_lines(spec: Spec) -> list[str]:
    """Figures that choose: `if ... then ... else` over figures and inputs, `first of`."""
    first, last = spec.sections[0].id, spec.sections[-1].id
    out = [f'score chosen "Chosen" = if section {first} >= 60% and not (section {last} < 10%) '
           f"then section {first} else first of (section {last}, criterion "
           f"{spec.criteria[0].id})"]
    if spec.rating:
        out.append(f"score capped \"Capped\" = if worst >= fair or best = good then "
                   f"points(gb(section {first})) else first of (points(worst), 0)")
    if spec.input_rating:
        out.append(f'rating judged "Judged" = first of (lead, gb(section {first}))')
        out.append(f'score limited "Limited" = if lead in {{good, fair}} then '
                   f"points(gb(section {last})) else min(points(gb(section {last})), 1)")
    return out + [""]


def across_lines(spec: Spec) -> list[str]:
    """Figures across inspections over the spec's figures: the mean (strict or skipping
    undefined), min, max, sum and count of per-inspection values, pooled figures, arithmetic
    on them, and a band attached to one (pooled figures never read an inspection input)."""
    skip = " skipping undefined" if spec.skipping else ""
    first, last = spec.sections[0].id, spec.sections[-1].id
    crit, question = spec.criteria[0].id, spec.questions[0].id
    out = ["across inspections",
           f'  section {first}-mean "Section {first}, mean of the inspections" = mean of '
           f"section {first} across inspections{skip}",
           f'  section {first}-pooled "Section {first}, all cases" = pooled over section '
           f"{first} across inspections",
           f"  criterion {crit}-low = min of criterion {crit} across inspections",
           f"  criterion {crit}-high = max of criterion {crit} across inspections",
           f"  score {crit}-range = criterion {crit}-high - criterion {crit}-low",
           f"  score q-all = pooled over question {question} across inspections",
           f"  score q-mean = mean of question {question} across inspections",
           f"  score {last}-count = count of section {last} across inspections",
           f"  score {last}-sum = sum of section {last} across inspections{skip}"]
    for thread in spec.threads:
        out.append(f"  thread {thread.id}-all = pooled over thread {thread.id} across "
                   "inspections")
    if spec.rating:
        out += ["  rating worst-all = min of worst across inspections",
                "  rating best-all = max of best across inspections",
                "  score pts-mean = mean of pts across inspections" + skip,
                "  rating overall-all = ob(mean of pts across inspections" + skip + ")"]
    out += ["", 'band across_band "Across"', f"  on section {first}-mean, score q-all",
            "  60% and above: \"High\"", "  otherwise: \"Low\"", ""]
    return out


def guarded(spec: Spec, condition: str | None) -> str | None:
    if spec.guard is None:
        return condition
    return spec.guard if condition is None else f"{spec.guard} and ({condition})"


def formula_text(kind: str) -> str:
    return {
        "mean": "mean of its questions",
        "wmean": "weighted mean(individual questions: 0.8, summary question: 0.2)",
        "wmean_strict": "weighted mean(individual questions: 80%, summary question: 20%) "
                        "without renormalising",
        "pooled": "pooled over its questions",
        "min": "min of its questions",
        "max": "max of its questions",
    }[kind]


# ----------------------------------------------------------------------------- conditions
@st.composite
def atoms(draw, var: tuple[str, str], enums: dict[str, tuple[str, ...]]) -> str:
    """One test on one variable that is neither always true nor never true."""
    kind, name = var
    if kind == "bool":
        return draw(st.sampled_from([name, f"not {name}", f"{name} = true",
                                     f"{name} = false", f"{name} != true"]))
    if kind == "answer":
        form = draw(st.integers(0, 3))
        if form == 0:
            return f"question {name} = {draw(st.sampled_from(CODES))}"
        if form == 1:
            return f"question {name} != {draw(st.sampled_from(CODES))}"
        subset = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True))
        word = "in" if form == 2 else "not in"
        return f"question {name} {word} {{{', '.join(subset)}}}"
    values = enums[name]
    form = draw(st.integers(0, 5))
    if form in (0, 1):
        subset = draw(st.lists(st.sampled_from(values), min_size=1, max_size=len(values) - 1,
                               unique=True))
        return f"{name} {'in' if form == 0 else 'not in'} {{{', '.join(subset)}}}"
    if form == 2:
        return f"{name} {draw(st.sampled_from(['=', '!=']))} {draw(st.sampled_from(values))}"
    if form == 3:
        if draw(st.booleans()):
            return f"{name} >= {draw(st.sampled_from(values[1:]))}"
        return f"{name} <= {draw(st.sampled_from(values[:-1]))}"
    if form == 4:
        return f"{name} > {draw(st.sampled_from(values[:-1]))}"
    return f"{name} < {draw(st.sampled_from(values[1:]))}"


@st.composite
def conditions(draw, variables: list[tuple[str, str]], enums) -> tuple[str, tuple[str, ...]]:
    """A read-once formula (each variable at most once) over non-constant tests, so it is
    never constant and the checker's never-true lint cannot fire."""
    count = draw(st.integers(1, min(3, len(variables))))
    chosen = draw(st.lists(st.sampled_from(variables), min_size=count, max_size=count,
                           unique=True))
    texts = [draw(atoms(v, enums)) for v in chosen]
    refs = tuple(name for kind, name in chosen if kind == "answer")

    def combine(parts: list[str]) -> str:
        if len(parts) == 1:
            return parts[0]
        split = draw(st.integers(1, len(parts) - 1))
        left, right = combine(parts[:split]), combine(parts[split:])
        op = draw(st.sampled_from(["and", "or"]))
        text = f"({left}) {op} ({right})"
        return f"not ({text})" if draw(st.booleans()) and draw(st.booleans()) else text

    return combine(texts), refs


# ----------------------------------------------------------------------------- frameworks
@st.composite
def specs(draw, guard: bool = False, max_sections: int = 3, extended: bool = False,
          counting: bool | None = None) -> Spec:
    """`extended`: totals may be strict, and figures that choose may be added. `counting`
    (by default, as `extended`): aggregates may count some questions with their own
    above-the-line set."""
    recount = extended if counting is None else counting
    names = list(draw(st.permutations(ENUM_NAMES + BOOL_NAMES)))
    n_enums = draw(st.integers(1, 2))
    n_bools = draw(st.integers(1, 2))
    enum_names = [n for n in names if n in ENUM_NAMES][:n_enums]
    bool_names = [n for n in names if n in BOOL_NAMES][:n_bools]
    enums = {n: draw(st.sampled_from(ENUM_VALUES)) for n in enum_names}
    tag_pool = draw(st.lists(st.sampled_from(TAG_NAMES), min_size=1, max_size=4, unique=True))
    variables = [("enum", n) for n in enum_names] + [("bool", n) for n in bool_names]

    sections = []
    answered: list[str] = []  # questions declared so far (conditions may read them)
    n_sections = draw(st.integers(1, max_sections))
    for s in range(1, n_sections + 1):
        criteria = []
        for k in range(1, draw(st.integers(1, 3)) + 1):
            cid = f"{s}.{k}"
            formula = draw(st.sampled_from(FORMULAS))
            n_ind = draw(st.integers(1, 3))
            n_sum = 1 if formula.startswith("wmean") else draw(st.integers(0, 1))
            style = draw(st.integers(0, 3))
            questions = []
            for j in range(n_ind + n_sum):
                summary = j >= n_ind
                if summary:
                    qid = f"{cid}s"
                elif style == 0:
                    qid = f"{cid}{'abcdefgh'[j]}"
                elif style == 1:
                    qid = f"{cid}-0{j + 1}a"  # e.g. 1.2-01a
                elif style == 2:
                    qid = f"{cid}_q{j + 1}"
                else:
                    qid = f"{cid}.{j + 1}x"
                tags = tuple(draw(st.lists(st.sampled_from(tag_pool), max_size=2, unique=True)))
                condition, refs = None, ()
                if draw(st.integers(0, 9)) < 6:
                    pool = variables + [("answer", a) for a in answered[-4:]]
                    condition, refs = draw(conditions(pool, enums))
                questions.append(Question(id=qid, role="summary" if summary else "individual",
                                          tags=tags, condition=condition, answer_refs=refs,
                                          title=draw(TITLE_TEXT)))
                answered.append(qid)
            ctags = tuple(draw(st.lists(st.sampled_from(tag_pool), max_size=1)))
            criteria.append(Criterion(
                id=cid, formula=formula, questions=questions, tags=ctags,
                title=draw(TITLE_TEXT),
                counting=draw(countings([q.id for q in questions])) if recount else None))
        sections.append(Section(id=str(s), criteria=criteria, title=draw(TITLE_TEXT)))
    for crit in [c for sec in sections for c in sec.criteria]:
        for q in crit.questions:
            q.all_tags = tuple(sorted(set(q.tags) | set(crit.tags)))

    threads = []
    used = sorted({t for sec in sections for c in sec.criteria for q in c.questions
                   for t in q.all_tags})
    for tag in draw(st.lists(st.sampled_from(used), unique=True, max_size=3)) if used else []:
        tags = (tag,)
        extra = [t for t in used if t != tag]
        if extra and draw(st.booleans()) and draw(st.booleans()):
            tags += (draw(st.sampled_from(extra)),)
        scope: tuple[str, ...] = ()
        if len(sections) > 1 and draw(st.booleans()):
            scope = tuple(draw(st.lists(st.sampled_from([s.id for s in sections]),
                                        min_size=1, unique=True)))
        selected = tuple(q.id for sec in sections if not scope or sec.id in scope
                         for c in sec.criteria for q in c.questions
                         if set(q.all_tags) & set(tags))
        if not selected:
            continue
        tid = tag if draw(st.booleans()) else f"t_{tag}"
        if any(t.id == tid for t in threads):
            continue
        threads.append(Thread(id=tid, kind=draw(st.sampled_from(["pooled", "mean"])),
                              tags=tags, sections=scope, questions=selected,
                              counting=draw(countings(list(selected))) if recount else None))

    thresholds = tuple(sorted(draw(st.lists(st.sampled_from([90, 80, 75, 70, 65, 60, 50, 40]),
                                            min_size=1, max_size=3, unique=True)),
                              reverse=True))
    modes = st.sampled_from(["half up", "half even", "half down", "up", "down"])
    band = BandSpec(thresholds=thresholds, otherwise=draw(st.integers(0, 3)) > 0,
                    rounding=(draw(modes), draw(st.integers(0, 1)))
                    if draw(st.integers(0, 3)) == 0 else None)
    rating = draw(st.booleans())
    return Spec(
        title=draw(TITLE_TEXT), rounding=(draw(modes), draw(st.integers(0, 2)))
        if draw(st.booleans()) else None,
        id_field=draw(st.sampled_from(ID_FIELDS)),
        inspection_field=draw(st.sampled_from(INSPECTION_FIELDS)),
        enums=enums, bools=tuple(bool_names), sections=sections, threads=threads, band=band,
        rating=rating, input_rating=rating and draw(st.booleans()),
        guard="in_scope_" if guard else None,
        skipping=not extended or draw(st.booleans()),
        choices=extended and draw(st.booleans()))


@st.composite
def countings(draw, questions: list[str]) -> Counting | None:
    """Now and then, an aggregate's own above-the-line set (never the scale's own) for some
    of the questions its formula uses."""
    if draw(st.integers(0, 7)) > 0:
        return None
    codes = draw(st.lists(st.sampled_from(RECOUNTABLE), min_size=1, unique=True)
                 .filter(lambda c: set(c) != {"sufficient"}))
    named = draw(st.lists(st.sampled_from(questions), min_size=1, max_size=3, unique=True))
    return tuple(c for c in RECOUNTABLE if c in codes), tuple(named)


# ----------------------------------------------------------------------------- cases
@attrs.define
class Scenario:
    spec: Spec
    text: str
    cases: list[dict]  # raw values
    spellings: list[dict]  # the text each value has in a case file ("" = blank)
    inputs: dict[str, dict]  # inspection → {input: level or None}; absent = no row

    def by_inspection(self, cases: list[dict] | None = None) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for case in cases if cases is not None else self.cases:
            out.setdefault(case[self.spec.inspection_field], []).append(case)
        return out


ANSWERS = st.sampled_from(["sufficient"] * 8 + ["insufficient"] * 5 + ["not_done"]
                          + ["na"] * 3 + [None] * 3)


@st.composite
def case_values(draw, spec: Spec, key: str, number: int) -> tuple[dict, dict]:
    case, spelled = {}, {}
    case_id = f"C-{number:03d}" + draw(st.sampled_from(["", "é", "/x", " 2"]))
    case[spec.id_field] = spelled[spec.id_field] = case_id
    case[spec.inspection_field] = spelled[spec.inspection_field] = key
    for name, values in spec.enums.items():
        value = draw(st.one_of(st.sampled_from(values), st.none()))
        case[name], spelled[name] = value, value or ""
    for name in spec.bools + ((spec.guard,) if spec.guard else ()):
        value = draw(st.sampled_from([True, False, True, False, None]))
        case[name] = value
        spelled[name] = "" if value is None else draw(st.sampled_from(BOOL_SPELLINGS[value]))
    for q in spec.questions:
        answer = draw(ANSWERS)
        case[q.id] = answer
        spelled[q.id] = "" if answer is None else draw(st.sampled_from(SPELLINGS[answer]))
    return case, spelled


@st.composite
def scenarios(draw, guard: bool = False, max_cases: int = 8, max_inspections: int = 3,
              extended: bool = False, counting: bool | None = None) -> Scenario:
    spec = draw(specs(guard=guard, extended=extended, counting=counting))
    keys = draw(st.lists(st.sampled_from(INSPECTIONS), min_size=1, max_size=max_inspections,
                         unique=True))
    cases, spellings = [], []
    for key in keys:
        for _ in range(draw(st.integers(1, max_cases))):
            case, spelled = draw(case_values(spec, key, len(cases) + 1))
            cases.append(case)
            spellings.append(spelled)
    order = draw(st.permutations(range(len(cases))))  # inspections interleaved in the file
    cases = [cases[i] for i in order]
    spellings = [spellings[i] for i in order]
    inputs = {}
    if spec.input_rating:
        for key in keys:
            if draw(st.integers(0, 5)) > 0:
                inputs[key] = {"lead": draw(st.one_of(st.sampled_from(LEVELS), st.none()))}
    return Scenario(spec=spec, text=render(spec), cases=cases, spellings=spellings,
                    inputs=inputs)


# ----------------------------------------------------------------------------- helpers
@functools.lru_cache(maxsize=256)
def compile_text(text: str, name: str = "generated.crit"):
    """(check result, plan) of a framework text; asserts it checks without errors."""
    result = check_file(name, text)
    errors = [d for d in result.diagnostics if d.is_error]
    assert not errors, "\n".join(f"{d.code}: {d.message}" for d in errors) + "\n\n" + text
    return result, plan_for(result)


def write_cases_csv(path: Path, scenario: Scenario) -> Path:
    spec = scenario.spec
    columns = spec.case_fields + [q.id for q in spec.questions]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for spelled in scenario.spellings:
            writer.writerow([spelled[c] for c in columns])
    return path


def write_inputs_csv(path: Path, scenario: Scenario) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([scenario.spec.inspection_field, "lead"])
        for key, values in scenario.inputs.items():
            writer.writerow([key, values["lead"] or ""])
    return path


def direct_table(fw, cases: list[dict]) -> CaseTable:
    """A CaseTable encoded by hand from raw case dicts (no reader involved)."""
    n = len(cases)
    fields, vocab = {}, {}
    for field in fw.case_fields:
        values = [case.get(field.id) for case in cases]
        kind = field.type.kind
        if kind == "enum":
            fields[field.id] = np.asarray([field.type.values.index(v) if v is not None else -1
                                           for v in values], dtype=np.int32)
        elif kind == "boolean":
            fields[field.id] = np.asarray([-1 if v is None else int(v) for v in values],
                                          dtype=np.int8)
        elif kind == "text":
            words = tuple(dict.fromkeys(v for v in values if v is not None))
            vocab[field.id] = words
            fields[field.id] = np.asarray([words.index(v) if v is not None else -1
                                           for v in values], dtype=np.int32)
        else:
            raise NotImplementedError(kind)
    answers = np.full((n, len(fw.questions)), -1, dtype=np.int8)
    for j, (qid, q) in enumerate(fw.questions.items()):
        codes = fw.scales[q.scale].codes
        for i, case in enumerate(cases):
            if case.get(qid) is not None:
                answers[i, j] = codes.index(case[qid])
    ids = np.asarray([case.get(fw.case_id) for case in cases], dtype=object) \
        if fw.case_id else None
    return CaseTable(n=n, fields=fields, vocab=vocab, answers=answers,
                     question_ids=tuple(fw.questions), case_ids=ids,
                     rows=np.arange(2, n + 2))


def grouping_for(fw, table: CaseTable, by: str | None = "default"):
    by = fw.inspection if by == "default" else by
    return group_cases(table, by, lambda f, code: decode_key(fw, table, f, code))


def input_arrays(fw, keys: tuple[str, ...], inputs: dict[str, dict]) -> dict[str, np.ndarray]:
    out = {}
    for field in fw.inputs:
        levels = fw.rating_scales[field.type.scale].levels
        out[field.id] = np.asarray(
            [levels.index(inputs[k][field.id]) if inputs.get(k, {}).get(field.id) else -1
             for k in keys], dtype=np.int32)
    return out


def engine_scores(text: str, cases: list[dict], inputs: dict[str, dict] | None = None,
                  by: str | None = "default") -> dict[str, dict[str, float | None]]:
    """{inspection: {figure: value or None}} from the engine on a directly built table."""
    result, plan = compile_text(text)
    fw = result.framework
    table = direct_table(fw, cases)
    grouping = grouping_for(fw, table, by)
    results = evaluate(plan, table, grouping, input_arrays(fw, grouping.keys, inputs or {}))
    return as_dicts(results)


def as_dicts(results) -> dict[str, dict[str, float | None]]:
    out = {}
    for g, key in enumerate(results.grouping.keys):
        out[key] = {node: (None if math.isnan(v[g]) else float(v[g]))
                    for node, v in results.values.items()}
    return out


def reference_for(text: str, cases_by_inspection: dict[str, list[dict]],
                  inputs: dict[str, dict] | None = None):
    result, _ = compile_text(text)
    return reference_scores(result.framework, cases_by_inspection, inputs or {})


def assert_same(engine: dict, reference: dict, context: str = "") -> None:
    """Every figure of every inspection: NaN ⇔ None, values within 1e-9."""
    assert set(engine) == set(reference), (sorted(engine), sorted(reference))
    for key, figures in reference.items():
        for node, expected in figures.items():
            got = engine[key][node]
            if expected is None or got is None:
                assert got is None and expected is None, \
                    f"{key} {node}: engine {got}, reference {expected}\n{context}"
            else:
                assert math.isclose(got, expected, rel_tol=0, abs_tol=1e-9), \
                    f"{key} {node}: engine {got}, reference {expected}\n{context}"


# ----------------------------------------------------------------------------- adversarial names
# Python keywords and names the generated scoring module uses for itself, as case field
# names, enumeration values and question ids (three disjoint pools: the language shares one
# namespace for fields and questions, and a value spelt like a field would be the field).
PY_FIELD_NAMES = ("class", "def", "lambda", "import", "return", "get", "given", "total", "case",
                  "np", "math", "slow")
PY_VALUE_NAMES = ("None", "True", "False", "yield", "answered", "weights", "inputs", "d0",
                  "n0", "x0", "r", "y", "if", "else", "pass")
PY_QUESTION_NAMES = ("while", "for", "try", "except", "with", "assert", "global", "f1", "v0",
                     "t1", "_score_case", "self")
# Band labels and a framework source that a module must carry through `repr` unharmed:
# quotes of every kind, backslashes, newlines, tabs, comment and format characters, unicode.
ADVERSARIAL_LABELS = ("'''\\\"\\\"\\\" \\\\ \\n # {x} %s é ☃ 😀", "\\\\", "tab\there\\n",
                      "print('x') # not code", "")


def rename_words(text: str, mapping: dict[str, str]) -> str:
    """Replace whole names (not parts of ids such as 1.2a or not_done) in one pass."""
    import re

    if not mapping:
        return text
    pattern = re.compile(r"(?<![\w.\-])(" + "|".join(
        re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")(?![\w.\-])")
    return pattern.sub(lambda match: mapping[match.group(1)], text)


@st.composite
def adversarial_scenarios(draw, **kwargs) -> Scenario:
    """A scenario whose case fields, enumeration values and some question ids are Python
    keywords or names the generated module uses itself, with an extra band (on every
    section) whose labels and the framework's source hold quotes, backslashes, newlines,
    tabs and unicode. Conditions, cases and spellings are renamed to match."""
    import copy

    scenario = draw(scenarios(**kwargs))
    spec = copy.deepcopy(scenario.spec)
    fields = [*spec.enums, *spec.bools, spec.id_field, spec.inspection_field]
    new_fields = draw(st.permutations(PY_FIELD_NAMES))
    field_map = {old: new for old, new in zip(fields, new_fields, strict=False)
                 if draw(st.integers(0, 3)) > 0}
    values = sorted({v for vs in spec.enums.values() for v in vs})
    new_values = draw(st.permutations(PY_VALUE_NAMES))
    value_map = {old: new for old, new in zip(values, new_values, strict=False)
                 if draw(st.integers(0, 2)) > 0}
    qids = [q.id for q in spec.questions]
    new_qids = draw(st.permutations(PY_QUESTION_NAMES))
    question_map = {old: new for old, new in zip(qids, new_qids, strict=False)
                    if draw(st.integers(0, 2)) == 0}

    spec.enums = {field_map.get(k, k): tuple(value_map.get(v, v) for v in vs)
                  for k, vs in spec.enums.items()}
    spec.bools = tuple(field_map.get(b, b) for b in spec.bools)
    spec.id_field = field_map.get(spec.id_field, spec.id_field)
    spec.inspection_field = field_map.get(spec.inspection_field, spec.inspection_field)
    names = {**field_map, **value_map}
    for q in spec.questions:
        if q.condition:
            q.condition = rename_words(q.condition, names)
            q.condition = rename_words(q.condition, question_map)
        q.answer_refs = tuple(question_map.get(r, r) for r in q.answer_refs)
        q.id = question_map.get(q.id, q.id)
    for thread in spec.threads:
        thread.questions = tuple(question_map.get(r, r) for r in thread.questions)
    for aggregate in [*spec.criteria, *spec.threads]:
        if aggregate.counting is not None:
            codes, named = aggregate.counting
            aggregate.counting = codes, tuple(question_map.get(q, q) for q in named)

    text = render(spec)
    source = draw(st.sampled_from(ADVERSARIAL_LABELS))
    head, rest = text.split("\n", 1)
    text = f'{head}\n  source "{source}"\n{rest}'
    labels = draw(st.lists(st.sampled_from(ADVERSARIAL_LABELS), min_size=2, max_size=2))
    text += (f'\nband adv "Adversarial \\"band\\" \\\\ \\n {labels[0]}"\n  on all sections\n'
             f'  50% and above: "{labels[0]}"\n  otherwise: "{labels[1]} "\n')

    def renamed(case: dict) -> dict:
        out = {}
        for key, value in case.items():
            key = question_map.get(key, field_map.get(key, key))
            out[key] = value_map.get(value, value) if key in spec.enums else value
        return out

    return Scenario(spec=spec, text=text, cases=[renamed(c) for c in scenario.cases],
                    spellings=[renamed(s) for s in scenario.spellings], inputs=scenario.inputs)


def cell(value) -> str:
    """A raw value as a case or inputs file spells it ("" for a blank)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def engine_and_reference(text: str, cases: list[dict], columns: list[str],
                         inputs: dict[str, dict], input_names: list[str],
                         name: str = "generated.crit"):
    """(engine, reference, case table): the figures of a framework text whose inspection
    field is `insp`, the engine reading `cases` and `inputs` through CSV files as
    `critc score` does, and the table it read."""
    result, plan = compile_text(text, name)
    fw = result.framework
    with tempfile.TemporaryDirectory() as tmp:
        path, inputs_path = Path(tmp) / "cases.csv", Path(tmp) / "inputs.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows([cell(c[k]) for k in columns] for c in cases)
        with open(inputs_path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["insp", *input_names])
            writer.writerows([k, *(cell(v[n]) for n in input_names)]
                             for k, v in inputs.items())
        table, problems = load_cases(path, fw)
        assert not [d for d in problems if d.is_error], problems
        grouping = grouping_for(fw, table)
        given, problems = load_inputs(inputs_path, fw, grouping.keys, table.vocab)
        assert not [d for d in problems if d.is_error], problems
    engine = as_dicts(evaluate(plan, table, grouping, given))
    by_inspection: dict[str, list[dict]] = {}
    for case in cases:
        by_inspection.setdefault(case["insp"], []).append(case)
    return engine, reference_for(text, by_inspection, inputs), table
