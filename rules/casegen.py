"""Build the regression case records of a framework from its published counts.

    python rules/casegen.py                  # regenerate every framework's files
    python rules/casegen.py omi-2012 esi-2006  # only these
    python rules/casegen.py --out DIR omi-2012  # write DIR/omi-2012/cases.csv instead
    python rules/casegen.py --table omi-2012  # print the spec: n, k, %, kind, note

Each framework folder holds a spec, `cases_spec.py`, that states per inspection:

- the sample: how many cases, and how the case attributes are assigned (`assign` steps give
  an exact number of cases a value, chosen among the cases that match a condition; `default`
  fills in the rest), so that every sub-population has its published size;
- for every question of the framework, the cases it is answered in (`n`, answered with a
  non-N/A code) and how many of them are above the line (`k`), each marked with where the
  numbers come from: `published` (the report gives the counts, "25 out of 38"), `percent`
  (the report gives a percentage; it is realised on a stated denominator), `fitted` (the
  report says it only in words, or not at all, so the counts were chosen to make the
  framework's published aggregate figures come out; the note says why), or `blank` (left
  unanswered on purpose, with the reason).

The generator is deterministic: a fixed seed (the spec's `SEED` and the inspection's key)
decides which cases get which attribute values and which of a question's cases are above the
line. The spec decides only the numbers. Applicability comes from the framework itself: the
generator reads the rules with critc's checker and answers a question only in the cases its
`applies when` selects, and it fails if the number of those cases is not the spec's `n`
(a condition-free question may be `na` in the remaining cases). So a spec cannot claim a
denominator the rules and the sample do not produce.

Stdlib only, apart from critc's checker and per-case condition evaluator.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

RULES = Path(__file__).resolve().parent
FRAMEWORKS = ("esi-2006", "omi-2008", "omi-2012", "iaow-2014", "probation-2018")
KINDS = ("published", "percent", "fitted", "blank")
# The specs `from casegen import ...`: when this file runs as a script, make that import
# find this module rather than load a second copy with its own classes.
sys.modules.setdefault("casegen", sys.modules[__name__])


class SpecError(Exception):
    """The spec asks for something the rules and the sample cannot give."""


# ----------------------------------------------------------------------------- spec types
@dataclass(frozen=True)
class Q:
    """One question's numbers: `k` above the line out of `n` answered (non-N/A) cases."""

    n: int
    k: int
    kind: str
    note: str
    published: str | None = None  # the figure as the report prints it, e.g. "66%"
    not_done: int = 0  # how many of the n - k below-the-line answers are `not_done`
    na_where: Callable[[dict], bool] | None = None  # where the N/A answers go, if not anywhere
    # (condition, count): exactly `count` of the answered cases meeting the condition are
    # above the line (the rest of k comes from cases meeting none of them). Used where a
    # later question applies to "cases where this one is sufficient and ..." and its
    # published denominator fixes the overlap.
    strata: tuple = ()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise SpecError(f"unknown kind {self.kind!r}")
        if self.kind != "blank" and not 0 <= self.k <= self.n:
            raise SpecError(f"k = {self.k} is not between 0 and n = {self.n}")
        if not 0 <= self.not_done <= self.n - self.k:
            raise SpecError(f"not_done = {self.not_done} exceeds the {self.n - self.k} "
                            "below-the-line answers")


def pct(k: int, n: int) -> int:
    """k/n as a whole percent, rounded half up (the frameworks' display rounding)."""
    return (200 * k + n) // (2 * n)


def published(k: int, n: int, note: str, **kw) -> Q:
    """The report gives both counts ("25 out of 38")."""
    return Q(n, k, "published", note, published=kw.pop("shown", f"{pct(k, n)}%"), **kw)


def percent(p: int, n: int, note: str, k: int | None = None, **kw) -> Q:
    """The report gives p% and (at most) the denominator: k is the count that prints as p%
    on n cases (the one nearest p% if several do). Fails if no k/n prints as p%."""
    if k is None:
        fits = [k for k in range(n + 1) if pct(k, n) == p]
        if not fits:
            raise SpecError(f"no k/{n} prints as {p}%")
        k = min(fits, key=lambda k: abs(k / n - p / 100))
    elif pct(k, n) != p:
        raise SpecError(f"{k}/{n} prints as {pct(k, n)}%, not {p}%")
    return Q(n, k, "percent", note, published=f"{p}%", **kw)


def fitted(k: int, n: int, note: str, **kw) -> Q:
    """Counts chosen (the report gives words or nothing); the note says why these."""
    return Q(n, k, "fitted", note, **kw)


def blank(note: str) -> Q:
    """Left unanswered in every case on purpose; the note says why."""
    return Q(0, 0, "blank", note)


@dataclass(frozen=True)
class Assign:
    """Give `count` cases the value `value` for `field`, chosen at random among the cases
    whose `field` is still unset and that satisfy `where`."""

    field: str
    value: object
    count: int
    where: Callable[[dict], bool] | None = None


@dataclass(frozen=True)
class Default:
    """Every case whose `field` is still unset gets `value`, or a seeded random choice from
    `choices` (only for fields whose value no question's applicability depends on in a way
    the spec counts on; the denominator check catches any mistake)."""

    field: str
    value: object = None
    choices: tuple = ()


def assign(field: str, value, count: int, where=None) -> Assign:
    return Assign(field, value, count, where)


def default(field: str, value=None, choices=()) -> Default:
    return Default(field, value, tuple(choices))


@dataclass
class Inspection:
    key: str  # the inspection field's value (for a pooled sample, see the spec)
    cases: int
    ref_prefix: str
    attributes: list
    questions: dict[str, Q]
    inputs: dict[str, str] = field(default_factory=dict)
    note: str = ""
    # True for a pooled sample whose cases carry their own inspection value (assigned by the
    # attribute steps, e.g. IAOW's six Trusts); `key` then only names the sample.
    pooled: bool = False


# ----------------------------------------------------------------------------- generation
def load_spec(fw_name: str):
    path = RULES / fw_name / "cases_spec.py"
    if str(RULES) not in sys.path:
        sys.path.insert(0, str(RULES))
    module_spec = importlib.util.spec_from_file_location(f"cases_spec_{fw_name.replace('-', '_')}",
                                                         path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def load_framework(fw_name: str):
    from critc.compiler.check.passes import check_file
    from critc.dsl.diagnostics import has_errors

    result = check_file(RULES / fw_name / f"{fw_name}.crit")
    if has_errors(result.diagnostics) or result.framework is None:
        raise SpecError(f"{fw_name}.crit does not check clean")
    return result.framework


def _answer_refs(expr) -> list[str]:
    from critc.compiler.model import framework as m

    found = []

    def walk(e):
        if isinstance(e, m.AnswerRef):
            found.append(e.question)
        for name in ("left", "right", "operand"):
            if hasattr(e, name):
                walk(getattr(e, name))
        for item in getattr(e, "operands", ()) or ():
            walk(item)

    if expr is not None:
        walk(expr)
    return found


def question_order(fw) -> list[str]:
    """Questions in declaration order, except that a question whose applicability reads
    another's answer comes after that one."""
    done: list[str] = []
    seen: set[str] = set()

    def visit(qid):
        if qid in seen:
            return
        seen.add(qid)
        for dep in _answer_refs(fw.questions[qid].applies):
            visit(dep)
        done.append(qid)

    for qid in fw.questions:
        visit(qid)
    return done


def build_cases(fw, spec_seed, insp: Inspection) -> list[dict]:
    from critc.compiler.oracle.reference import Reference

    rng = random.Random(f"{spec_seed}:{insp.key}")
    inspection_field = fw.inspection
    cases = [{fw.case_id: f"{insp.ref_prefix}-{i:03d}"} for i in range(1, insp.cases + 1)]
    if not insp.pooled:
        for case in cases:
            case[inspection_field] = insp.key
    for step in insp.attributes:
        if step.field not in fw.fields or fw.fields[step.field].origin != "case":
            raise SpecError(f"{insp.key}: `{step.field}` is not a case field of the framework")
        if isinstance(step, Assign):
            pool = [c for c in cases if step.field not in c and (step.where is None
                                                                 or step.where(c))]
            if len(pool) < step.count:
                raise SpecError(f"{insp.key}: {step.field} = {step.value!r} wanted in "
                                f"{step.count} cases, only {len(pool)} are eligible")
            for case in rng.sample(pool, step.count):
                case[step.field] = step.value
        else:
            for case in cases:
                if step.field not in case:
                    case[step.field] = (rng.choice(step.choices) if step.choices
                                        else step.value)
    unset = [c[fw.case_id] for c in cases if c.get(inspection_field) is None]
    if unset:
        raise SpecError(f"{insp.key}: no {inspection_field} for {unset[:3]}...")
    reference = Reference(fw, [])
    missing = [qid for qid in fw.questions if qid not in insp.questions]
    extra = [qid for qid in insp.questions if qid not in fw.questions]
    if missing or extra:
        raise SpecError(f"{insp.key}: questions without a spec: {missing}; "
                        f"spec entries that are not questions: {extra}")
    for qid in question_order(fw):
        q = insp.questions[qid]
        if q.kind == "blank":
            continue
        question = fw.questions[qid]
        scale = fw.scales[question.scale]
        above = sorted(scale.above)[0]
        na = sorted(scale.not_applicable)[0] if scale.not_applicable else None
        below = [c for c in scale.codes if c not in scale.above and c not in scale.not_applicable]
        insufficient, not_done = below[0], below[-1]
        applicable = [c for c in cases if reference.applies(qid, c)]
        if q.n > len(applicable):
            raise SpecError(f"{insp.key}: question {qid} wants n = {q.n} but its condition "
                            f"selects {len(applicable)} cases")
        answered = applicable
        if q.n < len(applicable):
            if question.applies is not None and q.na_where is None:
                raise SpecError(f"{insp.key}: question {qid}: its condition selects "
                                f"{len(applicable)} cases, the spec says n = {q.n}; give "
                                "na_where (with the reason in the note) or fix the sample")
            if na is None:
                raise SpecError(f"{insp.key}: question {qid}: the scale has no N/A code")
            pool = [c for c in applicable if q.na_where is None or q.na_where(c)]
            if len(pool) < len(applicable) - q.n:
                raise SpecError(f"{insp.key}: question {qid}: na_where selects {len(pool)} "
                                f"cases, {len(applicable) - q.n} needed")
            skipped = rng.sample(pool, len(applicable) - q.n)
            skipped_ids = {id(c) for c in skipped}
            for case in skipped:
                case[qid] = na
            answered = [c for c in applicable if id(c) not in skipped_ids]
        chosen: list[dict] = []
        taken: set[int] = set()
        for condition, count in q.strata:
            pool = [c for c in answered if id(c) not in taken and condition(c)]
            if count > len(pool):
                raise SpecError(f"{insp.key}: question {qid}: a stratum wants {count} above "
                                f"the line among {len(pool)} cases")
            taken.update(id(c) for c in pool)
            chosen.extend(rng.sample(pool, count))
        rest = [c for c in answered if id(c) not in taken]
        if q.k - len(chosen) > len(rest) or len(chosen) > q.k:
            raise SpecError(f"{insp.key}: question {qid}: strata do not fit k = {q.k}")
        chosen.extend(rng.sample(rest, q.k - len(chosen)))
        chosen_ids = {id(c) for c in chosen}
        below_cases = rng.sample([c for c in answered if id(c) not in chosen_ids],
                                 len(answered) - q.k)
        for case in chosen:
            case[qid] = above
        for i, case in enumerate(below_cases):
            case[qid] = not_done if i < q.not_done else insufficient
    return cases


def _text(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def cases_csv(fw, cases: list[dict]) -> str:
    used = [f.id for f in fw.case_fields if any(f.id in c for c in cases)]
    columns = used + list(fw.questions)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for case in cases:
        writer.writerow([_text(case.get(col)) for col in columns])
    return out.getvalue()


def inputs_csv(fw, inspections: list[Inspection]) -> str | None:
    if not any(i.inputs for i in inspections):
        return None
    columns = [f.id for f in fw.inputs if any(f.id in i.inputs for i in inspections)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([fw.inspection] + columns)
    for insp in inspections:
        writer.writerow([insp.key] + [_text(insp.inputs.get(c)) for c in columns])
    return out.getvalue()


def generate(fw_name: str) -> dict[str, str]:
    """The files of one framework: {file name: text}."""
    spec = load_spec(fw_name)
    fw = load_framework(fw_name)
    cases = []
    for insp in spec.INSPECTIONS:
        cases.extend(build_cases(fw, spec.SEED, insp))
    files = {"cases.csv": cases_csv(fw, cases)}
    inputs = inputs_csv(fw, spec.INSPECTIONS)
    if inputs is not None:
        files["inputs.csv"] = inputs
    return files


def table(fw_name: str) -> str:
    spec = load_spec(fw_name)
    lines = []
    for insp in spec.INSPECTIONS:
        counts = {kind: 0 for kind in KINDS}
        lines.append(f"# {fw_name}: {insp.key} ({insp.cases} cases)")
        for qid, q in insp.questions.items():
            counts[q.kind] += 1
            shown = f"{pct(q.k, q.n)}%" if q.n else "-"
            lines.append(f"{qid:<22} {q.k:>4}/{q.n:<4} {shown:>5} {q.kind:<9} "
                         f"{q.published or '':<6} {q.note}")
        lines.append("# " + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("frameworks", nargs="*", default=list(FRAMEWORKS))
    parser.add_argument("--out", type=Path, default=RULES,
                        help="write DIR/<framework>/ instead of rules/<framework>/")
    parser.add_argument("--table", action="store_true", help="print the specs, write nothing")
    args = parser.parse_args(argv)
    for name in args.frameworks:
        if args.table:
            sys.stdout.write(table(name))
            continue
        target = args.out / name
        target.mkdir(parents=True, exist_ok=True)
        for file_name, text in generate(name).items():
            (target / file_name).write_text(text, encoding="utf-8", newline="")
            print(f"wrote {target / file_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
