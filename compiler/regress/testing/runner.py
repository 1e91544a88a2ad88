"""Running test files: each framework checked and each case file read once per run, each
test scored and compared with what it expects."""

from __future__ import annotations

from pathlib import Path

import attrs
import pyarrow as pa
from critc.compiler.check.declare import did_you_mean
from critc.compiler.check.load import display_path
from critc.compiler.check.passes import CheckResult, check_file
from critc.compiler.engine.evaluate import Results
from critc.compiler.io.records import RecordsError, read_table
from critc.compiler.io.session import GroupingError, Session, open_session
from critc.compiler.regress.testing.compare import compare
from critc.compiler.regress.testing.expectations import Expectation, parse_expectations
from critc.compiler.regress.testing.files import (
    ACROSS,
    ALL_CASES,
    FileSource,
    Source,
    TestCase,
    TestFile,
    read_test_file,
)
from critc.compiler.regress.testing.inline import Inline, inline_cases, inline_inputs
from critc.compiler.regress.testing.runs import FileRun, TestRun
from critc.compiler.regress.testing.yaml_nodes import Reader
from critc.dsl.diagnostics import Diagnostic, has_errors
from ruamel.yaml.nodes import Node

KEYS_NAMED = 6  # inspections named when a test must say which one it is about
PROBLEMS_ABOVE = "the test has problems (see above)"


@attrs.define
class _Scored:
    session: Session
    results: Results


class Runner:
    """Runs test files, reading each framework and each case file once per run."""

    def __init__(self):
        self.frameworks: dict[Path, CheckResult | None] = {}
        self.tables: dict[Path, tuple[pa.Table | None, Diagnostic | None]] = {}
        self.scored: dict[tuple, _Scored | None] = {}  # None: cannot be scored (reported)

    # --- frameworks and case files
    def framework(self, path: Path, run: FileRun, reader: Reader, node: Node
                  ) -> CheckResult | None:
        key = path.resolve()
        first = key not in self.frameworks
        if first:
            if not path.is_file():
                reader.problem("file-not-found", f"no framework file at `{display_path(path)}`",
                               node, hint="the path is relative to the test file's folder")
                self.frameworks[key] = None
                return None
            self.frameworks[key] = check_file(display_path(path))
        result = self.frameworks[key]
        if result is None:
            if not first:
                reader.problem("file-not-found", f"no framework file at "
                               f"`{display_path(path)}`", node)
            return None
        if first and result.diagnostics:
            run.diagnostics.extend(result.diagnostics)
            run.sources.update(result.program.sources)
        if not result.ok or result.framework is None:
            return None
        return result

    def table(self, path: Path) -> tuple[pa.Table | None, Diagnostic | None]:
        key = path.resolve()
        if key not in self.tables:
            try:
                self.tables[key] = (read_table(display_path(path)), None)
            except RecordsError as exc:
                self.tables[key] = (None, exc.diagnostic)
        return self.tables[key]

    # --- files
    def run_file(self, path: Path, framework: Path | None = None) -> FileRun:
        """Run the tests of `path` against the framework it names, or `framework` instead
        (`critc test --framework`: try the same tests on another version)."""
        file, problems = read_test_file(path)
        if framework is not None and file.framework is not None:
            file.framework = framework
        run = FileRun(str(path), file.text, file, list(problems))
        run.sources[str(path)] = file.text
        if has_errors(problems) and file.root is None:
            run.problem = "the test file cannot be read"
            return run
        reader = Reader(str(path), file.text)
        result = None
        if file.framework is not None and file.framework_node is not None:
            result = self.framework(file.framework, run, reader, file.framework_node)
        for test in file.tests:
            run.tests.append(self._run_test(test, file, result, run, reader))
        run.diagnostics.extend(reader.diagnostics)
        if has_errors(problems):
            run.problem = "the test file has problems (see above)"
        elif not file.tests:
            run.problem = "the test file holds no tests"
        return run

    def _run_test(self, test: TestCase, file: TestFile, result: CheckResult | None,
                  run: FileRun, reader: Reader) -> TestRun:
        if file.framework is None:
            return TestRun(test, "error", problem="the test file names no framework")
        if result is None:
            return TestRun(test, "error", problem="the framework cannot be used (see the "
                           "problems above)")
        fw = result.model
        before = len(reader.diagnostics)
        expectations = parse_expectations(reader, fw, test)
        cases = test.cases
        if cases is None:
            reader.problem("test-missing-key", f"test `{test.name}` has no `cases`", test.node,
                           hint="give `cases:` in the test, or once at the top of the file "
                           "(`cases: []` with `inputs:` for inspections scored from their "
                           "inputs alone)")
        if len(reader.diagnostics) > before or expectations is None or cases is None:
            return TestRun(test, "error", problem=PROBLEMS_ABOVE)
        whole = test.inspection == ALL_CASES or fw.inspection is None and test.by is None
        scored = self._score(test, cases, result, run, reader, whole)
        if scored is None:
            return TestRun(test, "error", problem="its cases or inputs cannot be scored "
                           "(see the problems above)")
        g = _inspection(test, scored.results, reader, whole, expectations)
        if g is None:
            return TestRun(test, "error", problem=PROBLEMS_ABOVE)
        out = TestRun(test, "pass", results=scored.results, group=g,
                      inputs=scored.session.inputs, framework=file.framework,
                      expectations=expectations)
        if not expectations:
            out.status = "fail"
            out.problem = "it expects nothing yet: `critc test --update` records the " \
                "figures it gives now"
            return out
        for expectation in expectations:
            out.mismatches.extend(compare(expectation, fw, scored.results, g))
        if out.mismatches:
            out.status = "fail"
        return out

    # --- scoring a test's cases, once per distinct cases, inputs and grouping
    def _score(self, test: TestCase, cases: Source, result: CheckResult, run: FileRun,
               reader: Reader, whole: bool) -> _Scored | None:
        key = (str(Path(result.program.root).resolve()),
               _source_key(cases), _source_key(test.inputs), test.by, whole)
        if key not in self.scored:
            self.scored[key] = self._score_anew(test, cases, result, run, reader, whole)
        return self.scored[key]

    def _score_anew(self, test: TestCase, cases: Source, result: CheckResult, run: FileRun,
                    reader: Reader, whole: bool) -> _Scored | None:
        read = self._cases(cases, result, run, reader, test.inputs is not None)
        if read is None:
            return None
        case_input, shown_cases, inline_case_table = read
        inputs = self._inputs(test, result, reader, case_input, whole)
        if inputs is None:
            return None
        input_arg, inline_input_table = inputs
        try:
            session, problems = open_session(
                result, case_input, input_arg, by=test.by if not whole else None, whole=whole,
                shown=shown_cases, inputs_shown=inline_input_table.shown
                if inline_input_table is not None else None, inputs_only=True)
        except GroupingError as exc:
            reader.problem("test-bad-value", str(exc), test.by_node or test.node)
            return None
        for inline in (inline_case_table, inline_input_table):
            if inline is not None:  # point its problems at the lines of the test file
                problems = inline.relocate(problems)
        run.diagnostics.extend(problems)
        if session is None:
            return None
        return _Scored(session, session.evaluate())

    def _cases(self, cases: Source, result: CheckResult, run: FileRun, reader: Reader,
               inputs_given: bool) -> tuple[pa.Table, str, Inline | None] | None:
        """The test's case records (a table), how they are named, and the inline records
        they came from if written in the test; None if they cannot be read (reported)."""
        if isinstance(cases, FileSource):
            table, problem = self.table(cases.path)
            if problem is not None:
                if problem.span is None:
                    problem = attrs.evolve(problem, span=reader.span(cases.node))
                run.diagnostics.append(problem)
                return None
            return table, display_path(cases.path), None
        inline = inline_cases(reader, result.model, cases, inputs_given)
        if inline is None:
            return None
        return inline.table, inline.shown, inline

    def _inputs(self, test: TestCase, result: CheckResult, reader: Reader,
                case_input: pa.Table, whole: bool
                ) -> tuple[str | pa.Table | None, Inline | None] | None:
        """The test's inspection inputs (none, a file or a table) and the inline inputs
        they came from; None if they cannot be read (reported)."""
        inputs = test.inputs
        if inputs is None:
            return None, None
        if isinstance(inputs, FileSource):
            if not inputs.path.is_file():
                reader.problem("file-not-found", f"no inputs file at "
                               f"`{display_path(inputs.path)}`", inputs.node,
                               hint="the path is relative to the test file's folder")
                return None
            return display_path(inputs.path), None
        fw = result.model
        field = None if whole else (test.by or fw.inspection)
        inline = inline_inputs(reader, fw, inputs, case_input, field)
        if inline is None:
            return None
        return inline.table, inline


def _inspection(test: TestCase, results: Results, reader: Reader, whole: bool,
                expected: list[Expectation]) -> int | None:
    """The inspection a test is about; None if it cannot say (reported). A test of
    `inspection: all inspections` is about figures across inspections only. Without
    `inspection:`, the one inspection with cases (those scored from the test's inputs
    alone are named with `inspection:`)."""
    keys = list(results.grouping.keys)
    if test.inspection == ACROSS and not whole:
        fw = results.plan.framework
        per_inspection = [e.figure for e in expected if not fw.is_across(e.figure)]
        if per_inspection:
            reader.problem("test-unknown-inspection", f"`{per_inspection[0]}` has a value "
                           f"per inspection; a test of `{ACROSS}` expects figures across "
                           "inspections only", test.inspection_node or test.node,
                           hint="put it in a test that names its inspection")
            return None
        return 0
    if test.inspection is not None and not (whole and test.inspection == ALL_CASES):
        if test.inspection not in keys:
            reader.problem("test-unknown-inspection", f"no inspection `{test.inspection}` "
                           "in the cases", test.inspection_node or test.node,
                           hint=did_you_mean(test.inspection, keys)
                           or "the cases hold: " + ", ".join(f"`{k}`" for k in keys[:10]))
            return None
        return keys.index(test.inspection)
    with_cases = [g for g in range(len(keys)) if results.case_totals[g] > 0]
    if len(keys) == 1 or len(with_cases) == 1:  # inspections of inputs alone aside
        return with_cases[0] if len(keys) > 1 else 0
    shown_keys = ", ".join(f"`{k}`" for k in keys[:KEYS_NAMED]) + (
        ", ..." if len(keys) > KEYS_NAMED else "")
    reader.problem("test-unknown-inspection", f"the cases form {len(keys)} inspections "
                   f"({shown_keys}): say which this test is about", test.name_node,
                   hint=f"add `inspection: {keys[0]}` to the test (or `inspection: "
                   f"{ALL_CASES}` to score every case together)")
    return None


def _source_key(source: Source | None):
    if source is None:
        return None
    if isinstance(source, FileSource):
        return str(source.path.resolve())
    return ("inline", id(source.node))
