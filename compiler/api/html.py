"""Scores as HTML for Jupyter (`Scores._repr_html_`): one table per inspection. Every
piece of user text (titles, keys, labels) is escaped."""

from __future__ import annotations

from html import escape

from critc.compiler.api.figures import Figure, across_record, figure_ids, figure_record
from critc.compiler.engine.evaluate import Results
from critc.compiler.report import across
from critc.compiler.report.results import depth_of, title_of
from critc.compiler.report.wording import plural

MAX_INSPECTIONS = 20  # a notebook shows this many inspections' tables; to_pandas() has all


def _row(results: Results, node: str, g: int) -> str:
    fw = results.plan.framework
    indent = "&nbsp;" * 4 * depth_of(fw, node)
    title = escape(title_of(fw, node))
    if node not in fw.questions:
        title = f"<b>{title}</b>"
    return _cells(figure_record(results, node, g), indent + title)


def _cells(f: Figure, title: str) -> str:
    rated = f.type in ("rating", "label")
    score = "" if rated else f.shown
    band = f.shown if rated else "; ".join(label for label in f.bands.values() if label)
    cases = "" if f.cases is None else str(f.cases)
    return (f'<tr><td style="text-align:left">{title}</td>'
            f'<td style="text-align:right">{escape(score)}</td>'
            f'<td style="text-align:left">{escape(band)}</td>'
            f'<td style="text-align:right">{cases}</td></tr>')


def _table(results: Results, g: int) -> str:
    key = results.grouping.keys[g]
    by = results.grouping.by
    what = f"{by} = {key}" if by else key
    body = "".join(_row(results, node, g) for node in figure_ids(results))
    return _wrap(f"{escape(what)} ({plural(int(results.case_totals[g]), 'case')})", body)


def _across_table(results: Results) -> str:
    """The figures across inspections, one table after the inspections' ("" if none)."""
    nodes = across.across_figures(results)
    if not nodes:
        return ""
    fw = results.plan.framework
    body = "".join(_cells(across_record(results, node),
                          f"<b>{escape(across.title(fw, node))}</b>") for node in nodes)
    return _wrap(f"across all {plural(results.across.inspections, 'inspection')}", body)


def _wrap(caption: str, body: str) -> str:
    head = "<tr><th>Figure</th><th>Score</th><th>Band / rating</th><th>Cases</th></tr>"
    return (f'<table><caption style="text-align:left"><b>{caption}</b></caption>'
            f"<thead>{head}</thead><tbody>{body}</tbody></table>")


def scores_html(results: Results) -> str:
    header = results.plan.framework.header
    name = header.name or "framework"
    if header.version:
        name += f" (version {header.version})"
    keys = results.grouping.keys
    tables = "".join(_table(results, g) for g in range(min(len(keys), MAX_INSPECTIONS)))
    more = len(keys) - MAX_INSPECTIONS
    tail = f"<p>... and {plural(more, 'more inspection')} (see .to_pandas())</p>" \
        if more > 0 else ""
    return f"<div><h4>{escape(name)}</h4>{tables}{tail}{_across_table(results)}</div>"
