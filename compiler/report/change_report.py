"""The change report of `critc diff` as Markdown (`--format md`) and as one self-contained
HTML page (`--format html`): the same model and the same words as the terminal report
(`change_model.py`), with every moved figure and every changed case listed."""

from __future__ import annotations

import re

import jinja2
from critc.compiler.report.change_model import ChangeReport, Matrix
from critc.compiler.report.diff import unrounded_move
from critc.compiler.report.wording import plural

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!])")


def md(text: str) -> str:
    """User text made literal in Markdown (and one line in a table cell)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def code(text: str) -> str:
    """User text as a Markdown code span (backslashes are literal there): fenced with more
    backticks than it holds."""
    fence = "`" * (max((len(r) for r in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace(chr(10), ' ')}{pad}{fence}"


# ----------------------------------------------------------------------------- Markdown
def as_markdown(report: ChangeReport) -> str:
    compared = report.compared
    out = [f"# Change report: {md(report.old_name)} → {md(report.new_name)}", "",
           f"{code(compared.old)} → {code(compared.new)}, scored over "
           f"{md(report.scope)}.", ""]
    out += [f"> **Warning:** {md(w)}\n" for w in report.warnings]
    out += _md_edits(report) + _md_impact(report)
    for matrix in report.matrices:
        out += _md_matrix(matrix)
    out += _md_cases(report)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_edits(report: ChangeReport) -> list[str]:
    out = [f"## {md(report.edits_heading)}", ""]
    if not report.edits:
        out += ["None: the two versions declare the same rules.", ""]
    for edit in report.edits:
        facets = f" ({md(', '.join(edit.facets))})" if edit.facets else ""
        wording = " *(wording only: moves no figure)*" if not edit.scoring else ""
        words = f": {md(edit.words)}" if edit.words else ""
        out.append(f"- **{edit.change} {md(edit.name)}**{facets}{wording}{words}")
        out += [f"  - {line.side} {code(line.where)}: {code(line.text)}" for line in edit.lines]
    return out + [""]


def _md_impact(report: ChangeReport) -> list[str]:
    out = [f"## {md(report.impact_heading)}", ""]
    if report.only:
        out += [md(report.only), ""]
    banded = [mv for mv in report.moves if mv.band_moved]
    if banded:
        out += [f"### Band or rating changed in {plural(len(report.banded), 'inspection')}", "",
                "| Inspection | Figure | Band or rating | Old | New |", "|---|---|---|---|---|"]
        for move in banded:
            for band, old, new in move.bands:
                out.append(f"| {md(move.inspection)} | {md(move.figure)} | {md(band)} | "
                           f"{md(old)} | {md(new)} |")
        out.append("")
    if report.moves:
        out += ["### Moved figures", "",
                "| Inspection | Figure | Published | Unrounded | Because |",
                "|---|---|---|---|---|"]
        out += [f"| {md(mv.inspection)} | {md(mv.figure)} | {md(mv.old.shown)} → "
                f"{md(mv.new.shown)} | {md(unrounded_move(mv))} | {md(mv.because)} |"
                for mv in report.moves]
        out.append("")
    return out


def _md_matrix(matrix: Matrix) -> list[str]:
    out = [f"### Band migration: {md(matrix.title)}", "",
           f"{matrix.moved} of {plural(matrix.total, 'inspection')} moved. Rows: old "
           "label; columns: new label.", "",
           "| Old ↓ new → | " + " | ".join(md(label) for label in matrix.news) + " |",
           "|---|" + "---:|" * len(matrix.news)]
    for label, row in zip(matrix.olds, matrix.counts, strict=True):
        out.append(f"| {md(label)} | " + " | ".join(str(n) if n else "·" for n in row) + " |")
    return out + [""]


def _md_cases(report: ChangeReport) -> list[str]:
    out = [f"## {md(report.cases_heading)}", ""]
    if report.cases:
        out += ["| Case | Inspection | Question | Old | New |", "|---|---|---|---|---|"]
    for case in report.cases:
        for question, old, new in case.questions:
            out.append(f"| {md(case.case)} | {md(case.inspection)} | {md(question)} | "
                       f"{old} | {new} |")
    return out + [""]


# ----------------------------------------------------------------------------- HTML
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("critc.compiler.report", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True)


def as_html(report: ChangeReport) -> str:
    """One page, its stylesheet inline: no network, prints as it shows."""
    template = _environment().get_template("change_report.html")
    return template.render(report=report, plural=plural, unrounded_move=unrounded_move, zip=zip)
