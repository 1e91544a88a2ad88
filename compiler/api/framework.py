"""`critc.load(path)` → a `Framework`: checked, with its dependency graph; it scores case
records (`score`), and compares itself with another version over an archive (`diff`)."""

from __future__ import annotations

import os
from collections.abc import Callable

import attrs
import networkx as nx
from critc.compiler.api.errors import CasesError, FrameworkError
from critc.compiler.api.records import Records, as_records
from critc.compiler.api.scores import Scores
from critc.compiler.check.passes import CheckResult, check_file
from critc.compiler.io.session import GroupingError, open_session
from critc.compiler.model import framework as m
from critc.compiler.regress.diff import Edit
from critc.compiler.regress.impact import Change, Impact, diff_archive
from critc.dsl.diagnostics import Diagnostic, has_errors


def load(path: str | os.PathLike[str]) -> Framework:
    """Check the framework at `path`; raise FrameworkError (every diagnostic in
    `.diagnostics`) if it has errors."""
    result = check_file(os.fspath(path))
    if not result.ok or result.framework is None:
        raise FrameworkError(f"{os.fspath(path)} has errors", result.diagnostics)
    return Framework(result)


@attrs.frozen
class Diff:
    """What changing one framework into another does to an archive of cases."""

    edits: tuple[Edit, ...]  # every rule edit, in source order
    impact: Impact  # every figure that moved, band migrations, cases counted differently

    @property
    def moved(self) -> tuple[Change, ...]:
        """The figures whose shown value, band or rating differs, per inspection."""
        return self.impact.moved


class Framework:
    """A checked framework, free of errors (it may have warnings: `check()`)."""

    def __init__(self, result: CheckResult):
        assert result.framework is not None and result.graph is not None
        self._result = result
        self.model: m.Framework = result.framework

    def __repr__(self) -> str:
        return f"<critc.Framework {self.name!r} from {self.path}>"

    @property
    def name(self) -> str | None:
        return self.model.header.name

    @property
    def version(self) -> str | None:
        return self.model.header.version

    @property
    def path(self) -> str:
        return self._result.program.root

    @property
    def graph(self) -> nx.DiGraph:
        """The dependency graph (networkx): an edge runs from what a figure reads to it."""
        return self._result.graph

    def check(self) -> list[Diagnostic]:
        """Every diagnostic of the check, warnings included (there are no errors)."""
        return list(self._result.diagnostics)

    def score(self, cases: Records | None, inputs: Records | None = None,
              by: str | None = None, *, whole: bool = False, strict: bool = False) -> Scores:
        """Score `cases` (a path, a pandas or Polars DataFrame, an Arrow table, a list of
        dicts, or a database: `critc.from_db`), with inspection `inputs` if the framework
        has any, grouped by the framework's inspection field, or `by` another case field, or
        as one group (`whole=True`). An inspection with inputs but no cases is scored from
        its inputs alone; `cases=None` (with `inputs`) scores a framework with no questions. Raises
        CasesError carrying every diagnostic if they cannot be scored, and ValueError if
        `by` is not a case field or cases are needed and not given."""
        if cases is None and (inputs is None or self.model.questions):
            raise ValueError("give the cases: only a framework with no questions can be "
                             "scored from its inspection inputs alone")
        try:
            scores, problems = score_cases(self._result, cases, inputs, by=by, whole=whole,
                                           strict=strict)
        except GroupingError as exc:
            raise ValueError(str(exc)) from None
        if scores is None:
            raise CasesError("the cases cannot be scored", problems)
        return scores

    def diff(self, other: Framework, cases: Records, inputs: Records | None = None) -> Diff:
        """How `other` (a later version) scores `cases` differently from this framework:
        `cases` and `inputs` as `score` takes them."""
        table, shown = as_records(cases, "cases")
        given, inputs_shown = as_records(inputs, "inputs") if inputs is not None \
            else (None, None)
        structure, impact, problems = diff_archive(self._result, other._result, table,
                                                   given, shown=shown,
                                                   inputs_shown=inputs_shown)
        if impact is None:
            raise CasesError("the cases cannot be compared",
                             [*problems["old"], *problems["new"]])
        return Diff(edits=structure.edits, impact=impact)


def score_cases(result: CheckResult, cases: Records | None, inputs: Records | None = None, *,
                by: str | None = None, whole: bool = False, strict: bool = False,
                progress: Callable[[float], None] | None = None
                ) -> tuple[Scores | None, list[Diagnostic]]:
    """Read, validate, group and score `cases`: (the scores, or None when a problem is an
    error; every problem found). What `Framework.score`, `critc score` and `critc explain`
    all do; an inspection with inputs but no cases is scored from its inputs alone, and
    `cases` may be None then. Raises GroupingError when the cases cannot be grouped as
    asked."""
    table, shown = as_records(cases, "cases") if cases is not None else (None, None)
    given, inputs_shown = as_records(inputs, "inputs") if inputs is not None else (None, None)
    session, problems = open_session(result, table, given, by=by, whole=whole, strict=strict,
                                     progress=progress, shown=shown, inputs_shown=inputs_shown,
                                     inputs_only=True)
    if session is None or has_errors(problems):
        return None, problems
    return Scores(session, session.evaluate()), problems
