"""The outcome of running tests: per test file, per test, and the counts of each.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import attrs
from critc.compiler.engine.evaluate import Results
from critc.compiler.regress.testing.compare import Mismatch
from critc.compiler.regress.testing.expectations import Expectation
from critc.compiler.regress.testing.files import (
    TestCase,
    TestFile,
)
from critc.dsl.diagnostics import Diagnostic

Status = Literal["pass", "fail", "error"]  # of one test


@attrs.define
class TestRun:
    __test__ = False

    test: TestCase
    status: Status
    mismatches: list[Mismatch] = attrs.Factory(list)
    problem: str | None = None  # why an error test could not run
    results: Results | None = None  # for coverage and --update
    group: int | None = None
    inputs: dict | None = None
    framework: Path | None = None
    expectations: list[Expectation] | None = None

    @property
    def name(self) -> str:
        return self.test.name


@attrs.define
class FileRun:
    path: str
    text: str
    file: TestFile | None
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    sources: dict[str, str] = attrs.Factory(dict)
    tests: list[TestRun] = attrs.Factory(list)
    problem: str | None = None  # the file itself could not be read

    @property
    def ok(self) -> bool:
        return self.problem is None and all(t.status == "pass" for t in self.tests)



def summary(runs: list[FileRun]) -> tuple[int, int, int]:
    """(passed, failed, errors); a file that cannot be read is one error."""
    passed = sum(t.status == "pass" for r in runs for t in r.tests)
    failed = sum(t.status == "fail" for r in runs for t in r.tests)
    errors = sum(t.status == "error" for r in runs for t in r.tests)
    errors += sum(1 for r in runs if r.problem is not None)
    return passed, failed, errors
