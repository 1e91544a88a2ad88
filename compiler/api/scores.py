"""The scores of a set of cases: every figure of every inspection, as a tidy table
(Arrow, pandas, Polars), as typed records, as the JSON and CSV `critc score` writes, as
tables, and explained."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from critc.compiler.api.explanation import Explanation
from critc.compiler.api.figures import (
    Figure,
    across_record,
    figure_ids,
    figure_record,
    tidy_table,
)
from critc.compiler.api.html import scores_html
from critc.compiler.check.declare import did_you_mean
from critc.compiler.engine.evaluate import Results
from critc.compiler.io.session import Session
from critc.compiler.report import across, render
from critc.compiler.report import results as report
from critc.compiler.report.across import ALL
from critc.compiler.report.explain import Explainer
from critc.compiler.report.explain_across import across_line
from rich.console import Console


class Scores:
    """Every figure of every inspection; made by `Framework.score`."""

    def __init__(self, session: Session, results: Results):
        self._session = session
        self._results = results

    def __repr__(self) -> str:
        return f"<critc.Scores: {len(self.inspections)} inspections, {self.case_count} cases>"

    @property
    def inspections(self) -> tuple[str, ...]:
        """The inspections' keys, in order."""
        return tuple(self._results.grouping.keys)

    @property
    def grouped_by(self) -> str | None:
        """The case field inspections are grouped by (None: one group of every case)."""
        return self._results.grouping.by

    @property
    def case_count(self) -> int:
        return int(self._results.case_totals.sum())

    @property
    def figures(self) -> tuple[str, ...]:
        """The ids of the reported figures, in the framework's order."""
        return tuple(figure_ids(self._results))

    # ------------------------------------------------------------------ data
    def to_arrow(self) -> pa.Table:
        """One row per inspection and figure: inspection, figure, kind, type, value,
        rounded, shown, band, rating, points, numerator, denominator, cases."""
        return tidy_table(self._results)

    def to_pandas(self):
        """`to_arrow()` as a pandas DataFrame (pandas must be installed)."""
        return self.to_arrow().to_pandas()

    def to_polars(self):
        """`to_arrow()` as a Polars DataFrame (polars must be installed)."""
        import polars  # lazy: optional dependency (the `dataframes` extra)

        return polars.from_arrow(self.to_arrow())

    def figure(self, id: str, inspection: str | None = None) -> Figure:
        """One figure of one inspection (`inspection` may be left out when there is one);
        a figure across inspections takes none (its inspection is `all inspections`)."""
        if id in self._results.plan.framework.across:
            self._no_inspection(id, inspection)
            return across_record(self._results, id)
        return figure_record(self._results, self._node(id), self._group(inspection))

    def to_json(self, questions: bool = True) -> str:
        """What `critc score --format json` writes (docs/results-schema.md); without
        `questions`, aggregates only (`--hide-questions`)."""
        return report.as_json(self._results, questions)

    def to_csv(self, questions: bool = True) -> str:
        """What `critc score --format csv` writes; without `questions`, aggregates only."""
        return report.as_csv(self._results, questions)

    # ------------------------------------------------------------------ text
    def print(self, console: Console | None = None, questions: bool = True) -> None:
        """One table per inspection, as `critc score` prints them."""
        report.print_tables(console or Console(highlight=False), self._results, questions)

    def to_text(self, questions: bool = True) -> str:
        """The tables as plain text, as `critc score -o FILE` writes them."""
        console = render.plain_console()
        report.print_tables(console, self._results, questions)
        return console.export_text()

    def _repr_html_(self) -> str:
        return scores_html(self._results)

    # ------------------------------------------------------------------ explain
    def inspection_of(self, case: str) -> str:
        """The inspection a case (by its `case id` field) belongs to."""
        return self.inspections[int(self._results.grouping.group[self._case_row(case)])]

    def explain(self, id: str, inspection: str | None = None, case: str | None = None
                ) -> Explanation:
        """How `id` was formed in one inspection, down to its questions' counts and cases:
        a figure or band label, an inspection input, a band or a rating scale. With
        `case`, that case's answers and how each counted (its inspection by default).
        Print it (or `str()` it) to read it as `critc explain` shows it; its `lines` are
        the same as data."""
        session = self._session
        if id in self._results.plan.framework.across:
            self._no_inspection(id, inspection, case)
            line = across_line(self._results, id, session.check.program.sources)
            return Explanation(id=id, inspection=ALL, figure=across_record(self._results, id),
                               inputs=(), case=None, lines=[line])
        explainer = Explainer(self._results, session.table, session.inputs,
                              session.check.program.sources)
        node = self._explainable(id)
        row = None if case is None else self._case_row(case)
        if row is not None and inspection is None:
            inspection = self.inspection_of(case)  # type: ignore[arg-type]
        g = self._group(inspection)
        lines = explainer.explain(node, g, row)
        figure: Figure | None = None
        inputs: tuple[Figure, ...] = ()
        if node in self.figures:
            graph = session.check.graph
            assert graph is not None  # a framework that scored has its graph
            figure = figure_record(self._results, node, g)
            inputs = tuple(figure_record(self._results, n, g)
                           for n in graph.predecessors(node) if n in self.figures)
        return Explanation(id=node, inspection=self.inspections[g], figure=figure,
                           inputs=inputs, case=case, lines=lines)

    def print_across(self, id: str, console: Console | None = None) -> None:
        """How figure `id`, declared `across inspections`, was formed, as `critc explain`
        prints it (the same as `explain(id).print()`)."""
        self.explain(id).print(console)

    @property
    def explainable(self) -> tuple[str, ...]:
        """Every id `explain` takes: figures (and band labels), inspection inputs, bands,
        rating scales, and figures across inspections."""
        fw = self._results.plan.framework
        return (*self._results.plan.figures, *(f.id for f in fw.inputs), *fw.bands,
                *fw.rating_scales, *across.across_figures(self._results))

    # ------------------------------------------------------------------ lookups
    def _explainable(self, id: str) -> str:
        """`id` if `explain` takes it, else a KeyError saying what is there."""
        known = self.explainable
        if id not in known:
            kind, _, rest = id.partition(" ")  # `outcome 1-all`, as `critc score` shows it
            hint = f"did you mean `{rest}`? (write the id without its kind, `{kind}`)" \
                if rest in known else did_you_mean(id, known)
            raise KeyError(f"no figure, inspection input, band or rating scale `{id}`"
                           + (f"; {hint}" if hint else ""))
        return id

    @staticmethod
    def _no_inspection(id: str, inspection: str | None, case: str | None = None) -> None:
        """A figure across inspections is one for all of them: refuse an inspection or case."""
        if inspection not in (None, ALL) or case is not None:
            raise KeyError(f"`{id}` is a figure across inspections: it has one value for "
                           "every inspection together, so give no inspection or case")

    def _node(self, id: str) -> str:
        if id not in self.figures:
            hint = did_you_mean(id, list(self.figures))
            raise KeyError(f"no figure `{id}`" + (f"; {hint}" if hint else ""))
        return id

    def _group(self, inspection: str | None) -> int:
        keys = self.inspections
        if inspection is None:
            if len(keys) == 1:
                return 0
            raise ValueError(f"{len(keys)} inspections: say which with inspection= "
                             f"(e.g. inspection={keys[0]!r})")
        if inspection not in keys:
            hint = did_you_mean(inspection, list(keys))
            raise KeyError(f"no inspection `{inspection}`" + (f"; {hint}" if hint else ""))
        return keys.index(inspection)

    def _case_row(self, case: str) -> int:
        ids = self._session.table.case_ids
        if ids is None:
            raise KeyError("the framework declares no `case id` field to find cases by")
        found = np.flatnonzero(ids == case)
        if not len(found):
            raise KeyError(f"no case `{case}`")
        return int(found[0])
