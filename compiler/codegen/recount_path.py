"""Questions counted with another above-the-line set in a generated module (a figure's
`counting` clause; the plan's `recounts`).

Only a framework whose figures declare such a set gets this part, so every other module is
unchanged. `score()` counts each recount's numerators as a column of its own after the
questions' (its denominators are its question's), and `score_case()` gives each recount a
tally `w<N + j>` of its own, read from `_R<j>` where its question counts.
"""

from __future__ import annotations

from critc.compiler.codegen.python_text import comment, literal
from critc.compiler.codegen.tables import Layout, spellings_of
from critc.compiler.plan import steps as s

# the line of `score()` after which the recounts are counted
COUNTS = "    num, den = counts(answers, applicable, group, len(keys), lookups, QUESTIONS)\n"
RECOUNT = "    num, den = recounted(answers, applicable, group, len(keys), num, den)\n"

RUNTIME = '''def recounted(answers, applicable, group, size, num, den):
    """The counts with a column per recount after the questions': its question's answers
    counted with its own status per code; its denominators are its question's."""
    sources = [source for source, _status in RECOUNTS]
    lookups = {k: status_lookup(status) for k, (_source, status) in enumerate(RECOUNTS)}
    extra, _den = counts(answers[:, sources], [applicable[i] for i in sources], group, size,
                         lookups, tuple((None, k) for k in range(len(RECOUNTS))))
    return np.c_[num, extra], np.c_[den, den[:, sources]]
'''


def with_recounts(layout: Layout, glue: str) -> tuple[str, list[str]]:
    """The glue (with `score()` counting the recounts) and the sections to add before the
    per-inspection figures; unchanged and none without recounts."""
    plan = layout.plan
    if not plan.recounts:
        return glue, []
    if COUNTS not in glue:
        raise AssertionError("score() no longer counts as recount_path.COUNTS expects")
    lines = [f"# question {comment(r.question)} counted with {_codes(layout, r)} above the "
             "line" for r in plan.recounts]
    table = tuple((r.source, r.status) for r in plan.recounts)
    return glue.replace(COUNTS, COUNTS + RECOUNT), [
        "# " + "-" * 76 + " questions counted with another above-the-line set",
        "\n".join(lines) + f"\nRECOUNTS = {literal(table)}", RUNTIME]


def _codes(layout: Layout, recount: s.Recount) -> str:
    codes = layout.plan.question(recount.question).codes
    return "{" + ", ".join(comment(codes[i]) for i in recount.above) + "}"


def recount_tables(layout: Layout, tally) -> list[str]:
    """`_R<j>`: per recount, spelling → tally under its own status (`tally` as
    `CaseReads.tally`)."""
    lines = []
    for j, recount in enumerate(layout.plan.recounts):
        scale = layout.fw.scales[layout.plan.question(recount.question).scale]
        tallies = {text: tally(recount.status[i]) for text, i in spellings_of(scale).items()}
        lines.append(f"# question {comment(recount.question)} counted with "
                     f"{_codes(layout, recount)} above the line: spelling -> tally")
        lines.append(f"_R{j} = {literal({**tallies, None: 0, '': 0})}")
    return lines


def tally_number(layout: Layout, question: str, above: tuple[int, ...] | None) -> int:
    """The number of a question's tally local in `score_case`: w<i> its own, or w<N + j>
    (N figures) counted as recount j."""
    if above is None:
        return layout.index[question]
    return len(layout.index) + layout.plan.column(question, above) - len(layout.plan.questions)


def recount_lines(layout: Layout) -> list[str]:
    """`score_case` statements giving each recount its tally, where its question counts
    (after applicability has set a question that does not apply to 0)."""
    out = []
    for j, recount in enumerate(layout.plan.recounts):
        i = layout.index[recount.question]
        out.append(f"w{len(layout.index) + j} = _R{j}[answers[{i}]] if w{i} else 0  "
                   f"# question {comment(recount.question)}, as some figure counts it")
    return out
